"""Tests of the glued-text table reader (`parsers.glued`) and the split solver (`parsers.splits`).

1. Every flattened corpus page (../shared/corpus/NNN.txt) against its hand-verified expected JSON:
   every cell value, the units the JSON names, `ambiguous_cells` == undetermined keys, templates.
2. Unit tests on our own fixture texts (tests/fixtures/glued/) and small texts built from the
   template labels of `parsers.templates` with our own numbers.
3. Fuzz: random strings and mutated bodies never raise and never take more than ~1 s.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.checks import identity_checks, strict_failures
from parsers.glued import extract_glued_tables
from parsers.model import TableResult
from parsers.splits import count_row_splits, row_candidates
from parsers.templates import (
    AD_LAYOUT,
    AD_ROWS,
    APP_COL_ORDER,
    APP_ROW_ORDER,
    APP_ROWS,
    T2019,
    T2021,
    all_cell_keys,
    spec_by_key,
)
from parsers.value_tokens import tokens_of

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "glued"
BODY_MARK = "==================== 正文 ===================="
CORPUS_TXT = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split(BODY_MARK, 1)[1] if BODY_MARK in text else text


def _values(r: TableResult) -> dict[str, float | None]:
    return {f"{c.table}.{c.row_key}.{c.col_key}": c.value for c in r.cells}


def _cells(r: TableResult) -> dict:
    return {f"{c.table}.{c.row_key}.{c.col_key}": c for c in r.cells}


# ------------------------------------------------------------------------------ 1. corpus
@pytest.mark.skipif(not CORPUS_TXT, reason="../shared/corpus not present")
@pytest.mark.parametrize("path", CORPUS_TXT, ids=lambda p: p.name)
def test_corpus_page(path: Path) -> None:
    exp = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    r = extract_glued_tables(_body(path), year_hint=exp.get("report_year"))
    got = _cells(r)
    want = {f"{t}.{row}.{col}": v for t, rows in exp["cells"].items() for row, cols in rows.items()
            for col, v in cols.items()}
    assert set(got) == set(want), (sorted(set(want) - set(got)), sorted(set(got) - set(want)))
    kinds = {k: "blank" for k in exp["blank_cells"]} | {k: "na" for k in exp["na_cells"]} | {
        k: "text" for k in exp["text_cells"]}
    for key, v in want.items():
        c = got[key]
        assert c.value == v, (key, c.value_raw, c.value, v)
        assert c.value_kind == kinds.get(key, "number"), key
        assert c.template == exp["template"], key
    for key, unit in exp.get("units", {}).items():
        if key in got:
            assert got[key].unit == unit, key
    assert set(r.undetermined) == set(exp["ambiguous_cells"])
    for table in exp["cells"]:
        assert r.templates_by_table.get(table) == exp["template"], table
    # identities as printed: the reader never "fixes" a source inconsistency
    checks = identity_checks(r.cells, r.templates_by_table)
    assert sorted(set(strict_failures(checks))) == sorted(exp["source_identity_failures"])


# ------------------------------------------------------------------------------ helpers
def _label(specs, key: str) -> str:
    return spec_by_key(specs, key).label


def app_text(rows: dict[str, str], template: str = T2021, default: str = "0000000") -> str:
    """A glued table 三 built from the template labels, with `rows` values (others `default`)."""
    head = "三、收到和处理政府信息公开申请情况 申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    body = "".join(_label(APP_ROWS, k) + rows.get(k, default) for k in APP_ROW_ORDER[template])
    return head + body + "四、政府信息公开行政复议、行政诉讼情况"


RL_HEADER = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
             "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")


# ------------------------------------------------------------------------------ 2. fixtures
def test_fixture_2021_glued() -> None:
    r = extract_glued_tables((FIXTURES / "town_2021_glued.txt").read_text(encoding="utf-8"))
    assert r.templates_by_table == {"active_disclosure": T2021, "applications": T2021,
                                    "review_litigation": T2021}
    v = _values(r)
    # table 二: the narrative "规章制度类信息4条" before the table is not the 规章 row
    assert [v[f"active_disclosure.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert v["active_disclosure.licensing.decisions"] == 1520
    assert v["active_disclosure.fees.amount_10k_yuan"] == 1234.5
    assert _cells(r)["active_disclosure.fees.amount_10k_yuan"].unit == "万元"
    assert set(r.undetermined) == {f"active_disclosure.normative_documents.{c}"
                                   for c in ("issued", "repealed", "in_force")}  # '5348'
    # table 三: every glued row resolved by its row total and the column identities
    assert [v[f"applications.new_received.{c}"] for c in ("natural_person", "commercial", "total")] == [35, 2, 37]
    assert [v[f"applications.results_total.{c}"] for c in ("natural_person", "commercial", "total")] == [34, 2, 36]
    assert v["applications.denied_law_forbidden.natural_person"] == 0  # "00000002.其他法律…"
    assert v["applications.other_other.total"] == 1
    assert v["applications.carried_forward.natural_person"] == 2
    # table 四: 17 digits, 48 readings, one meets the three block totals
    rl = [v[f"review_litigation.{r_}.{c}"] for r_ in ("review", "suit_direct", "suit_after_review")
          for c in ("upheld", "corrected", "other", "pending", "total")]
    assert rl == [3, 1, 0, 2, 6, 14, 0, 2, 1, 17, 0, 0, 0, 0, 0]
    assert strict_failures(identity_checks(r.cells, r.templates_by_table)) == []
    assert len(r.cells) + len(r.undetermined) == len(all_cell_keys(T2021))


def test_fixture_2019_spaced() -> None:
    r = extract_glued_tables((FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8"))
    assert set(r.templates_by_table.values()) == {T2019}
    assert r.undetermined == {}
    c = _cells(r)
    assert (c["active_disclosure.licensing.change"].value, c["active_disclosure.licensing.change"].value_raw) == (4, "+4")
    assert c["active_disclosure.penalty.change"].value == -6
    assert c["active_disclosure.fees.change"].value == -2
    items, amount = (c["active_disclosure.centralized_procurement.procurement_items"],
                     c["active_disclosure.centralized_procurement.procurement_amount"])
    assert (items.value, items.unit, amount.value, amount.unit) == (3, "笔", 1250000, "元")
    na = c["active_disclosure.other_admin_services.change"]
    assert (na.value, na.value_kind, na.value_raw) == (None, "na", "/")
    assert c["applications.other_handling.commercial"].value_kind == "na"
    assert c["applications.results_total.total"].value == 2  # printed "（七）合计"
    assert c["applications.denied_state_secret.total"].value == 0  # "1、" numbering
    # full-width digits are read, value_raw keeps the printed form
    d = c["review_litigation.suit_direct.upheld"]
    assert (d.value, d.value_raw) == (1, "１")
    assert len(r.cells) == len(all_cell_keys(T2019))


# ------------------------------------------------------------------------------ 2. table 三 solving
def test_unique_by_row_totals() -> None:
    # "150 000015" has 3 readings; only 15,0,0,0,0,0,15 meets its row total
    r = extract_glued_tables(app_text({"new_received": "150 000015", "granted": "15 0 00 0 015",
                                       "results_total": "150000015"}))
    v = _values(r)
    assert [v[f"applications.new_received.{c}"] for c in ("natural_person", "commercial", "total")] == [15, 0, 15]
    assert v["applications.results_total.total"] == 15
    assert r.undetermined == {}


def test_unique_by_column_balance_only() -> None:
    # "110000011" meets its row total as 11,0,… and as 1,10,…; only the balance picks 11,0,…
    rows = {"new_received": "12 10 0 0 0 0 22", "granted": "1 10 0 0 0 0 11", "results_total": "1 10 0 0 0 0 11",
            "carried_forward": "110000011"}
    r = extract_glued_tables(app_text(rows))
    v = _values(r)
    assert [v[f"applications.carried_forward.{c}"] for c in ("natural_person", "commercial", "total")] == [11, 0, 11]
    assert r.undetermined == {}


def test_truly_ambiguous_rows_are_undetermined() -> None:
    # 予以公开 and 部分公开 both "110000011": swapping 11,0 / 1,10 between them keeps every identity
    rows = {"new_received": "12 10 0 0 0 0 22", "granted": "110000011", "partially_granted": "110000011",
            "results_total": "12 10 0 0 0 0 22"}
    r = extract_glued_tables(app_text(rows))
    assert set(r.undetermined) == {f"applications.{row}.{c}" for row in ("granted", "partially_granted")
                                   for c in ("natural_person", "commercial")}
    assert "readings fit" in r.undetermined["applications.granted.natural_person"]
    v = _values(r)
    assert v["applications.granted.total"] == 11  # same in every valid reading: determined
    assert v["applications.partially_granted.research"] == 0


def test_source_inconsistent_table_keeps_printed_numbers() -> None:
    # detail rows sum to 14 but （七）总计 prints 15 (= 本年新收): the splits forced by the row totals
    # are kept and the failures stay visible
    rows = {"new_received": "150 000015", "granted": "8000008", "unavailable_not_held": "6000006",
            "results_total": "15 0 00 0 015"}
    r = extract_glued_tables(app_text(rows))
    assert r.undetermined == {}
    v = _values(r)
    assert v["applications.results_total.natural_person"] == 15
    fails = set(strict_failures(identity_checks(r.cells, r.templates_by_table)))
    assert fails == {"applications.results_total.natural_person", "applications.results_total.total"}


def test_source_inconsistent_with_ties_leaves_the_cells_they_disagree_on_undetermined() -> None:
    rows = {"new_received": "12 10 0 0 0 0 22", "granted": "110000011", "partially_granted": "110000011",
            "unavailable_not_held": "1 0 0 0 0 0 1", "results_total": "12 10 0 0 0 0 22"}
    r = extract_glued_tables(app_text(rows))
    und = {k for k in r.undetermined if k.startswith("applications.")}
    # the tied readings (11,0,… / 1,10,…) differ in the first two cells only
    assert und == {f"applications.{row}.{c}" for row in ("granted", "partially_granted")
                   for c in ("natural_person", "commercial")}
    assert "no reading satisfies every identity" in r.undetermined["applications.granted.commercial"]
    v = _values(r)
    assert [v[f"applications.granted.{c}"] for c in ("research", "other_org", "total")] == [0, 0, 11]


def test_next_label_numbering_glue() -> None:
    # "10000012.其他法律…": the "2." is the next label's number, not a digit of 1,0,0,0,0,0,1
    text = app_text({"new_received": "1000001", "denied_state_secret": "1000001", "results_total": "1000001"})
    assert "10000012.其他法律" in text
    v = _values(extract_glued_tables(text))
    assert [v[f"applications.denied_state_secret.{c}"] for c in ("natural_person", "total")] == [1, 1]
    assert v["applications.denied_law_forbidden.total"] == 0


def test_spaced_rows_with_last_cells_glued() -> None:
    r = extract_glued_tables(app_text({k: "0 0 0 0 0 00" for k in APP_ROW_ORDER[T2021]}))
    assert r.undetermined == {} and len(r.cells) == 25 * 7
    assert all(c.value == 0 for c in r.cells)


# ------------------------------------------------------------------------------ 2. templates
def test_template_from_sixth_rows_not_year() -> None:
    r21 = extract_glued_tables(app_text({}, T2021), year_hint=2019)
    assert r21.templates_by_table == {"applications": T2021}
    assert {c.row_key for c in r21.cells} >= {"other_overdue_correction", "other_overdue_fee", "other_other"}
    r19 = extract_glued_tables(app_text({}, T2019), year_hint=2023)
    assert r19.templates_by_table == {"applications": T2019}
    assert "other_handling" in {c.row_key for c in r19.cells}
    assert len(r19.cells) == 23 * 7


def _ad_text(template: str, values: dict[str, str], headers: bool = True) -> str:
    head = {T2021: "信息内容本年制发件数本年废止件数现行有效件数", T2019: "信息内容本年新制作数量本年新公开数量对外公开总数量"}
    parts = ["二、主动公开政府信息情况第二十条第（一）项" + (head[template] if headers else "")]
    parts += [spec_by_key(AD_ROWS, k).label + values.get(k, "0" * len(cols))
              for k, cols in AD_LAYOUT[template].items()]
    return "".join(parts) + "三、收到和处理政府信息公开申请情况"


def test_table2_template_from_headers() -> None:
    assert extract_glued_tables(_ad_text(T2019, {}), year_hint=2022).templates_by_table == {
        "active_disclosure": T2019}
    assert extract_glued_tables(_ad_text(T2021, {}), year_hint=2019).templates_by_table == {
        "active_disclosure": T2021}


def test_year_hint_is_the_last_fallback() -> None:
    # table 四 alone carries no template signal
    text = RL_HEADER + "0" * 15 + "五、存在的主要问题"
    r = extract_glued_tables(text, year_hint=2020)
    assert r.templates_by_table == {"review_litigation": T2019}
    assert any("year" in w for w in r.warnings)
    assert extract_glued_tables(text, year_hint=2024).templates_by_table == {"review_litigation": T2021}


def test_missing_tables_return_what_exists() -> None:
    r = extract_glued_tables("前言。" + app_text({}) + "五、存在的主要问题及改进情况")
    assert r.tables_found() == {"applications"}
    assert extract_glued_tables("本报告没有表格。").tables_found() == set()
    assert extract_glued_tables("").cells == []


# ------------------------------------------------------------------------------ 2. table 二 and 四
def test_signed_2019_values() -> None:
    r = extract_glued_tables(_ad_text(T2019, {"penalty": "1523-21047", "fees": "35-15"}))
    v = _values(r)
    # the "-" starts 本年增/减, so 1523 is 上一年项目数量 in every reading; the rest is ambiguous
    assert v["active_disclosure.penalty.prev_year_items"] == 1523
    assert {"active_disclosure.penalty.change", "active_disclosure.penalty.decisions"} <= set(r.undetermined)
    assert (v["active_disclosure.fees.prev_year_items"], v["active_disclosure.fees.change"]) == (35, -15)


def test_table2_per_cell_determination_and_units() -> None:
    r = extract_glued_tables(_ad_text(T2019, {"licensing": "300", "penalty": "3500",
                                              "centralized_procurement": "2468013579.25元"}))
    v = _values(r)
    assert [v[f"active_disclosure.licensing.{c}"] for c in ("prev_year_items", "change", "decisions")] == [3, 0, 0]
    assert v["active_disclosure.penalty.decisions"] == 0  # 3,50,0 or 35,0,0
    assert {"active_disclosure.penalty.prev_year_items", "active_disclosure.penalty.change"} <= set(r.undetermined)
    assert {"active_disclosure.centralized_procurement.procurement_items",
            "active_disclosure.centralized_procurement.procurement_amount"} <= set(r.undetermined)


def test_too_few_tokens_never_invents_a_cell() -> None:
    # a blank cell vanishes in flattened text: "1 2" cannot fill three cells
    r = extract_glued_tables(_ad_text(T2021, {"regulations": " 1 2 ", "normative_documents": " — 4 /"}))
    assert {f"active_disclosure.regulations.{c}" for c in ("issued", "repealed", "in_force")} <= set(r.undetermined)
    c = _cells(r)
    assert [c[f"active_disclosure.normative_documents.{k}"].value_kind for k in ("issued", "repealed", "in_force")] == [
        "na", "number", "na"]


def test_table4_ambiguous_cells_per_cell() -> None:
    # 未经复议直接起诉 may be 1,10,0,1,12 or 11,0,0,1,12: only those two cells are unknown
    r = extract_glued_tables(RL_HEADER + "10203110011200000五、")
    assert set(r.undetermined) == {"review_litigation.suit_direct.upheld", "review_litigation.suit_direct.corrected"}
    v = _values(r)
    assert (v["review_litigation.suit_direct.pending"], v["review_litigation.suit_direct.total"]) == (1, 12)


def test_table4_spaced_and_forced() -> None:
    r = extract_glued_tables(RL_HEADER + " 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0 五、")
    assert [c.value for c in r.cells] == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]


# ------------------------------------------------------------------------------ splits
def test_split_rules() -> None:
    assert [[p.raw for p in c] for c in row_candidates(tokens_of("000"), 3)] == [["0", "0", "0"]]
    assert sorted(tuple(p.raw for p in c) for c in row_candidates(tokens_of("230"), 2)) == [("2", "30"), ("23", "0")]
    assert [[p.raw for p in c] for c in row_candidates(tokens_of("24252.311082"), 1)] == [["24252.311082"]]
    assert count_row_splits(tokens_of("10203120001200000"), 15) == 25
    assert count_row_splits(tokens_of("00000002"), 7) == 0


# ------------------------------------------------------------------------------ 3. fuzz
_ALPHABET = "0123456789 ./-+元笔、（）一二三四总计合计其他规章行政许可结果维持纠正尚未审结复议本年新收上年结转予以公开"
_SEEDS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))] + [_body(p) for p in CORPUS_TXT]


def _check_result(r: TableResult, dt: float) -> None:
    assert isinstance(r, TableResult)
    # a guard against a runaway split search (the worst generated body takes ~0.2 s), not a speed
    # figure: loose enough for a loaded CI machine
    assert dt < 5.0, f"took {dt:.2f}s"
    keys = {f"{c.table}.{c.row_key}.{c.col_key}" for c in r.cells}
    assert len(keys) == len(r.cells)
    assert not keys & set(r.undetermined)
    for c in r.cells:
        assert (c.value is not None) == (c.value_kind == "number")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_fuzz_random_text(text: str) -> None:
    t = time.perf_counter()
    r = extract_glued_tables(text)
    _check_result(r, time.perf_counter() - t)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=12))
def test_fuzz_mutated_bodies(seed: int, n_edits: int) -> None:
    rng = random.Random(seed)
    text = rng.choice(_SEEDS)
    for _ in range(n_edits):
        i = rng.randrange(len(text) + 1)
        op = rng.randrange(4)
        if op == 0:  # insert a digit run
            text = text[:i] + "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 40))) + text[i:]
        elif op == 1:  # delete a stretch
            text = text[:i] + text[i + rng.randrange(1, 60):]
        elif op == 2:  # duplicate a stretch (repeated labels)
            text = text[:i] + text[i: i + rng.randrange(1, 300)] * 2 + text[i + 1:]
        else:  # spaces inside glued digits
            text = text[:i] + " " + text[i:]
    t = time.perf_counter()
    r = extract_glued_tables(text, year_hint=rng.choice([None, 2019, 2022]))
    _check_result(r, time.perf_counter() - t)


def test_hostile_digit_runs_are_capped() -> None:
    rows = {k: "1" * 13 for k in APP_ROW_ORDER[T2021]}
    text = _ad_text(T2021, {k: "9" * 44 for k in AD_LAYOUT[T2021]}) + app_text(rows) + RL_HEADER + "1" * 199
    t = time.perf_counter()
    r = extract_glued_tables(text)
    _check_result(r, time.perf_counter() - t)
    assert r.cells == [] or all(c.table == "active_disclosure" for c in r.cells)


def test_a_spaced_row_missing_its_blank_cell_is_not_split_to_fill_the_gap() -> None:
    # "18 2 0 0 1 0": six printed numbers, the blank 总计 left out. Splitting "18" into 1|8 gives
    # seven cells whose own total fails; the row is undetermined, never read as 1,8,2,0,0,1,0
    rows = {"new_received": "21 2 0 0 1 0 24", "granted": "18 2 0 0 1 0", "partially_granted": "3 0 0 0 0 0 3",
            "results_total": "21 2 0 0 1 0 24"}
    r = extract_glued_tables(app_text(rows))
    v = _values(r)
    assert all(f"applications.granted.{c}" not in v for c in ("natural_person", "commercial", "total"))
    assert "row's own total" in r.undetermined["applications.granted.natural_person"]
    assert v["applications.partially_granted.total"] == 3
    assert strict_failures(identity_checks(r.cells, r.templates_by_table)) == []


def test_a_spaced_row_whose_split_meets_its_total_by_chance_but_breaks_the_columns() -> None:
    # "11 0 0 0 0 2": the blank 总计 left out. Splitting "11" into 1|1 meets the row's own total
    # (1+1+0+0+0+0 = 2) by coincidence, but breaks the column totals with 本年新收 and 合计: the
    # split is a guess the table does not confirm, so the row is undetermined, never 1,1,0,0,0,0,2
    rows = {"new_received": "11 0 0 0 0 2 13", "granted": "11 0 0 0 0 2", "results_total": "11 0 0 0 0 2 13"}
    r = extract_glued_tables(app_text(rows, default="0 0 0 0 0 0 0"))
    v = _values(r)
    assert not any(k.startswith("applications.granted.") for k in v)
    assert "breaks" in r.undetermined["applications.granted.natural_person"]
    assert v["applications.new_received.natural_person"] == 11 and v["applications.results_total.total"] == 13
    # the same split confirmed by the columns is kept: a spaced row "1 1 0 0 0 0 2" glued as "11"
    rows = {"new_received": "1 1 0 0 0 0 2", "granted": "11 0 0 0 0 2", "results_total": "1 1 0 0 0 0 2"}
    v = _values(extract_glued_tables(app_text(rows, default="0 0 0 0 0 0 0")))
    assert [v[f"applications.granted.{c}"] for c in ("natural_person", "commercial", "total")] == [1, 1, 2]


def _consistent_app_rows(rng: random.Random) -> tuple[dict[str, list[int]], set[str]]:
    """A 2021 table 三 whose identities all hold, and the rows to print glued: a few result rows
    of 0/1/10 values, whose glued digits ("1010000011") meet their own total in several ways."""
    rows = APP_ROW_ORDER[T2021]
    results = rows[rows.index("granted"): rows.index("results_total")]
    glued = set(rng.sample(results, rng.randint(2, 5)))
    vals: dict[str, list[int]] = {}
    for r in results:
        vals[r] = [rng.choice([0, 1, 10, 1, 0]) for _ in range(6)] if r in glued else [0] * 6
    vals["results_total"] = [sum(vals[r][c] for r in results) for c in range(6)]
    vals["carried_forward"] = [rng.choice([0, 1]) for _ in range(6)]
    vals["carried_over"] = [rng.choice([0, 1]) for _ in range(6)]
    vals["new_received"] = [vals["results_total"][c] + vals["carried_forward"][c] - vals["carried_over"][c]
                            for c in range(6)]
    if any(v < 0 for v in vals["new_received"]):
        vals["carried_over"] = [0] * 6
        vals["new_received"] = [vals["results_total"][c] + vals["carried_forward"][c] for c in range(6)]
    return {r: [*v, sum(v)] for r, v in vals.items()}, glued


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6))
def test_sum_following_solver_equals_enumeration(seed: int) -> None:
    from parsers.glued_rows import app_identities as _app_identities
    from parsers.solver import solve

    rng = random.Random(seed)
    table, glued = _consistent_app_rows(rng)
    rows = {key: row_candidates(tokens_of(("" if key in glued else " ").join(map(str, vals))), 7)
            for key, vals in table.items()}
    ids = _app_identities(APP_ROW_ORDER[T2021])
    size = 1
    for c in rows.values():
        size *= max(1, len(c))
    if size > 200_000:
        return  # too big to enumerate for the reference
    full = solve(rows, ids, cap=10**9)
    dp = solve(rows, ids, cap=1)  # combinations beyond the cap: the sum-following path
    assert {r: [p and p.key() for p in cells] for r, cells in dp.cells.items()} == \
        {r: [p and p.key() for p in cells] for r, cells in full.cells.items()}
    # the printed table is one of the readings: nothing determined contradicts it
    for r, cells in full.cells.items():
        for col, p in enumerate(cells):
            assert p is None or p.value == table[r][col]


def test_the_number_of_the_next_subheading_is_not_a_value() -> None:
    # table 二 inside a narrative subsection: "…采购2832995元 2.主动公开政府信息的主要形式…"
    text = _ad_text(T2019, {"centralized_procurement": "2832995元"}).replace(
        "三、收到和处理政府信息公开申请情况", " 2.主动公开政府信息的主要形式 三、收到和处理政府信息公开申请情况")
    r = extract_glued_tables(text)
    v = _values(r)
    assert "active_disclosure.centralized_procurement.procurement_items" not in v
    assert "active_disclosure.centralized_procurement.procurement_amount" not in v
    assert "active_disclosure.centralized_procurement.procurement_items" in r.undetermined


def test_a_count_with_its_unit_is_never_split_across_cells() -> None:
    # prose beside a table 二 printed as an image: "行政处罚412件" is one count, not 4 | 1 | 2
    text = _ad_text(T2019, {}).replace("行政处罚", "行政处罚412件，") .replace("行政处罚412件，000", "行政处罚412件，")
    r = extract_glued_tables(text)
    assert "active_disclosure.penalty.prev_year_items" not in _values(r)


def test_document_numbers_in_labels_are_not_values() -> None:
    text = _ad_text(T2021, {"fees": "12.75"}).replace("行政事业性收费", "行政事业性收费（依据国办函〔2020〕109号）")
    assert _values(extract_glued_tables(text))["active_disclosure.fees.amount_10k_yuan"] == 12.75


def test_table_two_columns_in_the_order_the_glued_header_prints_them() -> None:
    text = _ad_text(T2021, {"regulations": "9 2 1"}).replace(
        "信息内容本年制发件数本年废止件数现行有效件数", "信息内容现行有效件数本年制发件数本年废止件数")
    v = _values(extract_glued_tables(text))
    assert [v[f"active_disclosure.regulations.{c}"] for c in ("in_force", "issued", "repealed")] == [9, 2, 1]


def test_glued_text_is_flattened_text_in_the_report() -> None:
    from parsers import parse_report

    r = parse_report((FIXTURES / "town_2021_glued.txt").read_bytes(), None, filename="town.txt")
    # the corpus files name text whose cell separators are gone "flattened_text"
    assert (r.table_source, r.table_form, r.status) == ("flattened_text", "glued", "partial")
    assert r.value("applications", "new_received", "total") == 37


def _turned_review(header: str) -> str:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    turned = [header, "行政复议 3 1 0 2 6", "行政诉讼（未经复议直接起诉） 1 0 0 1 2", "行政诉讼（复议后起诉） 0 0 1 0 1"]
    return "\n".join(lines[: at + 1] + turned + lines[at + 5:])


def test_spaced_table_four_turned_one_line_per_block() -> None:
    r = extract_glued_tables(_turned_review("类别 结果维持 结果纠正 其他结果 尚未审结 总计"))
    rl = [_values(r).get(f"review_litigation.{b}.{c}") for b in ("review", "suit_direct", "suit_after_review")
          for c in ("upheld", "corrected", "other", "pending", "total")]
    assert rl == [3, 1, 0, 2, 6, 1, 0, 0, 1, 2, 0, 0, 1, 0, 1]
    # the header prints 尚未审结 before 其他结果: the values are read in the header's order
    text = _turned_review("类别 结果维持 结果纠正 尚未审结 其他结果 总计").replace("3 1 0 2 6", "3 1 2 0 6")
    r = extract_glued_tables(text)
    assert [_values(r)[f"review_litigation.review.{c}"] for c in ("other", "pending", "total")] == [0, 2, 6]
    # a header that does not name every column: the turned table is not read, nothing is guessed
    r = extract_glued_tables(_turned_review("类别 结果维持 结果纠正 尚未审结 总计"))
    assert not any(c.table == "review_litigation" for c in r.cells)
    assert len([k for k in r.undetermined if k.startswith("review_litigation.")]) == 15


def test_spaced_table_three_with_total_first_is_read_in_the_header_order() -> None:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("申请人情况"))
    lines[at] = "申请人情况 总计 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他"
    for i in range(at + 1, len(lines)):  # move each table 三 row's last value (总计) to the front
        parts = lines[i].split(" ")
        if lines[i].startswith("四、结转下年度继续办理"):
            lines[i] = " ".join(parts[:-7] + [parts[-1]] + parts[-7:-1])
            break
        if len(parts) >= 8 and all(p.isdigit() for p in parts[-7:]):
            lines[i] = " ".join(parts[:-7] + [parts[-1]] + parts[-7:-1])
    r = extract_glued_tables("\n".join(lines))
    v = _values(r)
    assert [v[f"applications.new_received.{c}"] for c in ("total", "natural_person", "commercial")] == [2, 2, 0]
    assert strict_failures(identity_checks(r.cells, r.templates_by_table)) == []
    assert "applications: columns read in the order the header prints them" in r.warnings
    # the standard header keeps the template order, silently
    r = extract_glued_tables(text)
    assert not any("columns read" in w for w in r.warnings)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=6), min_size=1, max_size=4),
       st.integers(min_value=1, max_value=9))
def test_pruned_walk_without_pruning_finds_every_reading(runs: list[str], n: int) -> None:
    from parsers.splits import pruned_row_candidates, row_candidates
    from parsers.value_tokens import tokens_of

    tokens = tokens_of(" ".join(runs))
    every = {tuple((p.raw, p.start) for p in c) for c in row_candidates(tokens, n, cap=10**6)}
    walked = {tuple((p.raw, p.start) for p in c) for c in pruned_row_candidates(tokens, n, lambda a: True)}
    assert walked == every


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=6), st.booleans())
def test_total_first_search_finds_exactly_the_readings_that_meet_the_row_total(cells: list[int], wrong: bool) -> None:
    from parsers.splits import row_candidates, total_last_candidates
    from parsers.value_tokens import tokens_of

    total = sum(cells) + (1 if wrong else 0)
    run = "".join(map(str, cells)) + str(total)
    n = len(cells) + 1
    tokens = tokens_of(run)
    every = {tuple(p.raw for p in c) for c in row_candidates(tokens, n, cap=10**7)
             if sum(p.value for p in c[:-1]) == c[-1].value}
    found = total_last_candidates(tokens, n)
    assert found is not None
    assert {tuple(p.raw for p in c) for c in found} == every
    if not wrong:
        assert tuple(map(str, [*cells, total])) in every


def test_a_long_table_three_row_is_solved_total_first() -> None:
    # 1891|153|241|165|160|196|2806: 23 digits, 46,000+ raw splits; one reading meets the total
    run = "18911532411651601962806"
    r = extract_glued_tables(app_text({"new_received": run, "granted": run, "results_total": run}))
    v = _values(r)
    assert [v[f"applications.granted.{c}"] for c in APP_COL_ORDER] == [1891, 153, 241, 165, 160, 196, 2806]
    assert not r.undetermined


def test_a_run_with_too_many_raw_splits_is_solved_by_its_block_totals() -> None:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    printed = "０ ０ ０ ０ ０ １ ０ ０ ０ １ ０ ０ ０ ０ ０"
    assert printed in text
    # 复议 5,10,2,7 = 24; 直接起诉 12,0,14,2 = 28; 复议后 0,2,7,3 = 12, all glued: 18,152 raw splits
    r = extract_glued_tables(text.replace(printed, "510272412014228027312"))
    rl = [_values(r).get(f"review_litigation.{b}.{c}") for b in ("review", "suit_direct", "suit_after_review")
          for c in ("upheld", "corrected", "other", "pending", "total")]
    assert rl == [5, 10, 2, 7, 24, 12, 0, 14, 2, 28, 0, 2, 7, 3, 12]


def test_sub_labels_printed_with_a_comma_keep_their_values() -> None:
    text = app_text({"new_received": "1000001", "other_overdue_correction": "1000001", "results_total": "1000001"})
    text = text.replace("逾期不补正、行政机关", "逾期不补正，行政机关").replace("缴纳费用、行政机关", "缴纳费用，行政机关")
    assert "逾期不补正，行政机关不再处理" in text
    v = _values(extract_glued_tables(text))
    assert [v[f"applications.other_overdue_correction.{c}"] for c in ("natural_person", "total")] == [1, 1]
    assert v["applications.other_overdue_fee.total"] == 0


def test_a_run_that_can_only_be_split_one_way_is_read_even_when_its_total_fails() -> None:
    # "0000001": seven digits, seven cells, no other reading; its own total fails in the source
    rows = {"new_received": "1000001", "granted": "1000001", "results_total": "1000001", "carried_forward": "0000001"}
    r = extract_glued_tables(app_text(rows))
    v = _values(r)
    assert [v[f"applications.carried_forward.{c}"] for c in ("natural_person", "total")] == [0, 1]
    assert "applications.row_total.carried_forward" in strict_failures(identity_checks(r.cells, r.templates_by_table))


RL_SPACED_HEADER = ["行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
                    "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计"]


def _rl_text(*lines: str) -> list[float | None]:
    text = "\n".join(["某局2023年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况", *lines,
                      "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"])
    v = _values(extract_glued_tables(text))
    return [v.get(f"review_litigation.review.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]


def test_words_before_a_flattened_header_do_not_reorder_its_columns() -> None:
    values = "2 1 0 1 4 1 0 0 0 1 0 0 3 0 3"
    for intro in ("本年度行政复议、行政诉讼情况（含尚未审结案件）如下表。", "本单位无其他行政争议。"):
        assert _rl_text(intro, *RL_SPACED_HEADER, values) == [2, 1, 0, 1, 4], intro


def test_table_four_is_not_read_past_section_five() -> None:
    # the report's table 四 printed as bare numbers; last year's table with a header is in 六
    got = _rl_text("2 1 0 1 4 1 0 0 0 1 0 0 3 0 3", "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项",
                   "附：上年度行政复议、行政诉讼情况", *RL_SPACED_HEADER, "9 0 0 0 9 0 0 0 0 0 0 0 0 0 0")
    assert got == [None] * 5


def test_the_group_word_with_huozhe_is_not_the_other_column() -> None:
    rows = {"new_received": "20 7 3 2 1 4 37", "granted": "20 7 3 2 1 4 37", "results_total": "20 7 3 2 1 4 37"}
    text = app_text({k: v.replace(" ", "") for k, v in rows.items()})
    text = text.replace("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
                        "申请人情况 自然人 法人或者其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计 ")
    for printed in rows.values():  # spaced values: the split is certain, only the order is in question
        text = text.replace(printed.replace(" ", ""), " " + printed + " ")
    v = _values(extract_glued_tables(text))
    assert [v[f"applications.new_received.{c}"] for c in ("natural_person", "commercial", "other_org", "total")] == [20, 7, 4, 37]


def test_a_table_two_row_without_its_own_header_keeps_the_template_order() -> None:
    text = ("二、主动公开政府信息情况 第二十条第（一）项 信息内容 现行有效件数 本年制发件数 本年废止件数 规章 5 1 0 "
            "第二十条第（五）项 行政规范性文件 2 0 9")  # no header of its own before 行政规范性文件
    v = _values(extract_glued_tables(text))
    assert [v[f"active_disclosure.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [1, 0, 5]
    assert [v[f"active_disclosure.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [2, 0, 9]


def test_table_four_blocks_printing_their_columns_in_different_orders() -> None:
    header = ["行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
              "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 尚未审结 其他结果 总计"]
    text = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *header, "2 1 0 1 4 1 0 0 0 1 0 4 0 1 5",
                      "五、存在的主要问题及改进情况", "无。"])
    v = _values(extract_glued_tables(text))
    assert [v[f"review_litigation.suit_after_review.{c}"] for c in ("other", "pending", "total")] == [1, 0, 5]
    assert [v[f"review_litigation.review.{c}"] for c in ("other", "pending")] == [0, 1]


def test_section_five_heading_variants_end_table_four_but_an_annex_caption_before_it_does_not() -> None:
    late = _rl_text("本年度未发生行政复议、行政诉讼。", "五、政府信息公开工作中存在的主要问题及改进情况", "无。",
                    "六、其他需要报告的事项", *RL_SPACED_HEADER, "2 1 1 0 4 0 0 0 0 0 0 0 0 0 0")
    assert late == [None] * 5
    captioned = _rl_text("附表4：政府信息公开行政复议、行政诉讼情况统计表", *RL_SPACED_HEADER, "2 1 0 1 4 1 0 0 0 1 0 0 3 0 3")
    assert captioned == [2, 1, 0, 1, 4]


def test_a_long_glued_run_is_walked_by_its_block_totals() -> None:
    from parsers.splits import MAX_ROW_SPLITS, count_row_splits
    from parsers.value_tokens import tokens_of

    run = "1419121762" + "9140124" + "7931433"  # 14,19,12,17,62 | 9,14,0,1,24 | 7,9,3,14,33
    assert count_row_splits(tokens_of(run), 15) > 100 * MAX_ROW_SPLITS
    assert _rl_text(*RL_SPACED_HEADER, run) == [14, 19, 12, 17, 62]


def test_table_four_blocks_printed_out_of_template_order() -> None:
    h5 = "结果维持 结果纠正 其他结果 尚未审结 总计"
    rv, sd, sa = "3 1 0 2 6", "1 0 2 0 3", "0 4 1 0 5"
    for header, values in ((["行政诉讼 行政复议", f"未经复议直接起诉 复议后起诉 {h5}", f"{h5} {h5}"], f"{sd} {sa} {rv}"),
                           (["行政复议 行政诉讼", f"{h5} 复议后起诉 未经复议直接起诉", f"{h5} {h5}"], f"{rv} {sa} {sd}")):
        text = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *header, values, "五、存在的主要问题及改进情况", "无。"])
        v = _values(extract_glued_tables(text))
        got = [[v.get(f"review_litigation.{b}.{c}") for c in ("upheld", "corrected", "other", "pending", "total")]
               for b in ("review", "suit_direct", "suit_after_review")]
        assert got == [[3, 1, 0, 2, 6], [1, 0, 2, 0, 3], [0, 4, 1, 0, 5]], header


def test_a_spaced_table_two_row_one_value_short_is_not_split() -> None:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    assert "规范性文件 3 2 15" in text
    r = extract_glued_tables(text.replace("规范性文件 3 2 15", "规范性文件 3 15"))  # one value lost
    keys = [f"active_disclosure.normative_documents.{c}" for c in ("made", "published", "total_published")]
    assert all(k in r.undetermined for k in keys)  # never 3 | 1 | 5
    assert "no row total to confirm a split" in r.undetermined[keys[0]]
    v = _values(extract_glued_tables(text))
    assert [v[k] for k in keys] == [3, 2, 15]


def test_the_unit_a_flattened_header_prints_after_the_amount() -> None:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    text = text.replace("信息内容 采购项目数量 采购总金额\n政府集中采购 3笔 1250000元",
                        "信息内容 采购项目数量 采购总金额（单位：万元）\n政府集中采购 3 125.5")
    assert "（单位：万元）" in text
    c = _cells(extract_glued_tables(text))["active_disclosure.centralized_procurement.procurement_amount"]
    assert (c.value, c.unit) == (125.5, "万元")


def test_a_money_unit_printed_as_its_own_word_after_the_amount() -> None:
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    for printed, raw, unit in (("1,250,000 元", "1,250,000 元", "元"), ("1250000 元", "1250000 元", "元"),
                               ("125.5 万元", "125.5 万元", "万元")):
        r = extract_glued_tables(text.replace("政府集中采购 3笔 1250000元", f"政府集中采购 3 {printed}"))
        c = _cells(r)["active_disclosure.centralized_procurement.procurement_amount"]
        assert (c.value, c.unit, c.value_raw) == (float(printed.split()[0].replace(",", "")), unit, raw)
        assert _cells(r)["active_disclosure.centralized_procurement.procurement_items"].value == 3


def test_thousands_separators_inside_a_glued_run() -> None:
    # "1,204000041,208": each separated number takes 1–3 digits before its comma; here only
    # 1204|0|0|0|0|4|1208 makes seven cells whose total holds
    for comma in (",", "，"):
        run = f"1{comma}204000041{comma}208"
        rows = {"new_received": run, "granted": run, "results_total": run}
        r = extract_glued_tables(app_text(rows))
        v = _values(r)
        for row in rows:
            assert [v[f"applications.{row}.{c}"] for c in APP_COL_ORDER] == [1204, 0, 0, 0, 0, 4, 1208], (comma, row)
        assert not r.undetermined
        assert _cells(r)["applications.granted.total"].value_raw == f"1{comma}208"
    # "112,34500000": 2,345, 12,345 or 112,345 — no reading meets the row total: undetermined
    r = extract_glued_tables(app_text({"granted": "112,34500000"}))
    assert "applications.granted.natural_person" in r.undetermined


def test_a_glued_run_that_splits_one_way_is_read_as_printed_even_when_its_total_fails() -> None:
    # "2000003": seven digits, seven cells — the only reading. Its total fails: the source does
    # not add up (inconsistent), which is not the same as a choice between readings (partial)
    r = extract_glued_tables(app_text({"granted": "2000003", "results_total": "2000002", "new_received": "2000002"}))
    v = _values(r)
    assert [v[f"applications.granted.{c}"] for c in APP_COL_ORDER] == [2, 0, 0, 0, 0, 0, 3]
    assert not r.undetermined
    failing = strict_failures(identity_checks(r.cells, r.templates_by_table))
    assert "applications.row_total.granted" in failing


def test_a_signature_date_glued_after_table_four() -> None:
    # the page's date line lost its line break: "…03060322" + "2024年1月22日"
    text = RL_HEADER + "322180330603227" + "2024年1月22日"
    r = extract_glued_tables(text)
    v = _values(r)
    got = [v.get(f"review_litigation.{b}.{c}") for b in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == [3, 2, 2, 1, 8, 0, 3, 3, 0, 6, 0, 3, 2, 2, 7]


def test_a_spaced_row_whose_only_split_cuts_a_run_that_cannot_be_one_number() -> None:
    # "00 89": "00" can only be 0|0, so the row is 0, 0, 89 — no printed number is cut by choice
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    r = extract_glued_tables(text.replace("规范性文件 3 2 15", "规范性文件 00 89"))
    v = _values(r)
    assert [v[f"active_disclosure.normative_documents.{c}"] for c in ("made", "published", "total_published")] \
        == [0, 0, 89]
    # "3 215" still cuts a number that could be one cell (215): undetermined, as before
    r = extract_glued_tables(text.replace("规范性文件 3 2 15", "规范性文件 3 215"))
    assert "active_disclosure.normative_documents.made" in r.undetermined


def test_a_line_break_inside_a_sub_label_after_its_outline_number() -> None:
    # "8.属 于行政查询事项": the break leaves "8." behind the previous row's last digit ("0 08.属")
    text = (FIXTURES / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    assert "8、属于行政查询事项 0 0 0 0 0 0 0" in text
    broken = text.replace("8、属于行政查询事项", "8、属 于行政查询事项")
    plain, r = extract_glued_tables(text), extract_glued_tables(broken)
    assert _values(r) == _values(plain) and not r.undetermined
    glued = text.replace(" 0 0 0 0 0 0 0\n8、属于行政查询事项", " 0 0 0 0 0 0 08、属 于行政查询事项")
    assert glued != text
    assert _values(extract_glued_tables(glued)) == _values(plain)
    # further into the label, and inside "三安全一稳定" (whose "一" alone would read as a dash)
    for old, new in ((" 0 0 0 0 0 0 0\n5、要求行政机关确认", " 0 0 0 0 0 0 05、要求行政机 关确认"),
                     ("3、危及“三安全一稳定”", "3、危及“三安全一 稳定”")):
        assert old in text
        r = extract_glued_tables(text.replace(old, new))
        assert _values(r) == _values(plain) and not r.undetermined, new


def test_na_marks_glued_inside_a_row() -> None:
    # "/" before digits is a cell, never a sign; "//" is one cell or two, as the row needs;
    # "—" starting a row and "无" before a signed change are cells too
    # "0781403/95" glued, its column totals printed apart: only 0,78,14,0,3,/,95 meets them
    spaced = "0 78 14 0 3 / 95"
    r = extract_glued_tables(app_text({"new_received": spaced, "partially_granted": "0781403/95",
                                       "results_total": spaced, "carried_over": "—000000"}))
    v, c = _values(r), _cells(r)
    assert [v.get(f"applications.partially_granted.{k}") for k in APP_COL_ORDER] == [0, 78, 14, 0, 3, None, 95]
    assert c["applications.partially_granted.other_org"].value_kind == "na"
    assert c["applications.carried_over.natural_person"].value_kind == "na"
    assert [v[f"applications.carried_over.{k}"] for k in APP_COL_ORDER[1:]] == [0] * 6
    # "274101//": six cells and "//", or five cells and "/" "/" — nothing tells them apart, so no
    # cell the readings disagree on is given (never 2,7,4,1,0,1 taken for granted)
    run = "274101//"
    r = extract_glued_tables(app_text({"new_received": run, "granted": run, "results_total": run}))
    v = _values(r)
    assert "applications.granted.natural_person" in r.undetermined
    assert v.get("applications.granted.natural_person") is None
    r = extract_glued_tables(_ad_text(T2019, {"penalty": "无+200"}))  # a glued table 二
    got = [_cells(r)[f"active_disclosure.penalty.{k}"] for k in ("prev_year_items", "change", "decisions")]
    assert [(g.value_kind, g.value) for g in got] == [("na", None), ("number", 20.0), ("number", 0.0)]


def test_none_glued_between_a_label_and_its_values_or_the_next_label() -> None:
    # "行政处罚无行政强制0": 无 is 行政处罚's cell, not the start of the next label;
    # "过程性信息无000000": the label's tail, then a 无 cell and six zeros
    r = extract_glued_tables(_ad_text(T2021, {"penalty": "无"}))
    assert _cells(r)["active_disclosure.penalty.decisions"].value_kind == "na"
    assert _values(r)["active_disclosure.coercion.decisions"] == 0
    r = extract_glued_tables(app_text({"denied_process_info": "无000000"}))
    c = _cells(r)
    assert c["applications.denied_process_info.natural_person"].value_kind == "na"
    assert [c[f"applications.denied_process_info.{k}"].value for k in APP_COL_ORDER[1:]] == [0.0] * 6
    # and 无 starting a label (无法提供, 无正当理由) is still the label's
    r = extract_glued_tables(app_text({"not_processed_excessive": "1000001", "new_received": "1000001",
                                       "results_total": "1000001"}))
    assert _values(r)["applications.not_processed_excessive.natural_person"] == 1


def test_round_seven_attacks_never_give_a_wrong_number() -> None:
    # two comma runs with 27 readings each: reported, never a crash
    r = extract_glued_tables(app_text({"new_received": "111,111111,111111,111 111,111111,111111,111"}))
    assert "applications.new_received.total" in r.undetermined
    # more thousands-separator readings than are listed: none is taken as the only one
    r = extract_glued_tables(app_text({"new_received": "2247,977179,1692,020119,64873,990422,826"}))
    assert "applications.new_received.natural_person" not in _values(r)
    # a text cell glued between the label's tail and the digits: a cell, never swallowed
    r = extract_glued_tables(app_text({"new_received": "略1000910"}))
    c = _cells(r)
    assert c["applications.new_received.natural_person"].value_kind == "text"
    assert all(c[k].value_raw != "1" or k.endswith("commercial") for k in c if k.startswith("applications.new_received"))
    # separators this reader cannot place ("3笔1,250,000元", "1,25,000"): undetermined, not "1"
    for amount in ("3笔1,250,000元", "3 1,25,000 元"):
        r = extract_glued_tables(_ad_text(T2019, {"centralized_procurement": amount}))
        assert _values(r).get("active_disclosure.centralized_procurement.procurement_amount") is None, amount
    # a long glued row printed 2 off: the reading that meets its own total by chance but breaks
    # the column totals is not taken
    rows = {"new_received": "0 70 2 87141 0 0 87213", "denied_internal_affairs": "07028714100887211",
            "results_total": "0 70 2 87141 0 0 87213"}
    r = extract_glued_tables(app_text(rows, default="0 0 0 0 0 0 0"))
    assert _values(r).get("applications.denied_internal_affairs.commercial") in (None, 70)
    # "——" glued: one cell or two, the row decides; "////" is an NA cell
    from parsers.values import parse_value

    assert parse_value("////") == (None, "na", None) and parse_value("———")[1] == "na"


def test_a_spaced_table_four_one_value_short_is_not_cut_unless_its_totals_hold() -> None:
    assert _rl_text(*RL_SPACED_HEADER, "3 1 0 2 6 14 0 2 1 17 0 0 0 0") == [None] * 5  # a blank left out
    assert _rl_text(*RL_SPACED_HEADER, "3 1 0 2 6 0 6 7 4 17 0 0 0 0 0") == [3, 1, 0, 2, 6]
    assert _rl_text(*RL_SPACED_HEADER, "3 1 0 2 6 0 6 7 417 0 0 0 0 0") == [3, 1, 0, 2, 6]  # 4|17: totals hold


def test_a_double_dash_glued_may_be_two_cells() -> None:
    # "063000——": 0,63,0,0,0 and two "—" cells, or 0,6,3,0,0,0 and one "——": the columns decide
    spaced = "0 63 0 0 0 — —"
    r = extract_glued_tables(app_text({"new_received": spaced, "granted": "063000——", "results_total": spaced},
                                      default="0 0 0 0 0 0 0"))
    v, c = _values(r), _cells(r)
    assert [v.get(f"applications.granted.{k}") for k in APP_COL_ORDER[:5]] == [0, 63, 0, 0, 0]
    assert c["applications.granted.other_org"].value_kind == c["applications.granted.total"].value_kind == "na"
