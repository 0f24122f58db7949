"""Template versions table by table (schema.md "Template versions", domain.md §3–§5): a cell is
emitted only under a key its table's template has, and a table printed in parts keeps the parts
that are on the page. Our own numbers and labels, in HTML and pipe text."""

from __future__ import annotations

import pytest

from parsers import parse_report

TITLE = "某县某镇{year}年政府信息公开工作年度报告"


def _html_table(rows: list[list[tuple[str, int]]]) -> str:
    """rows of (text, colspan) cells."""
    out = ["<table border='1'><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td colspan='{n}'>{t}</td>" if n > 1 else f"<td>{t}</td>" for t, n in r)
                   + "</tr>")
    return "\n".join(out + ["</tbody></table>"])


def _pipe_table(rows: list[list[tuple[str, int]]]) -> str:
    width = max(len(r) for r in rows)
    lines = []
    for r in rows:
        lines.append("|")
        lines += [f"{t} |" + ("|" * (width - len(r)) if i == len(r) - 1 else "") for i, (t, _n) in enumerate(r)]
    return "\n".join(lines)


def _page(year: int, sections: dict[int, list[list[tuple[str, int]]]], form: str) -> bytes:
    heads = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    title = TITLE.format(year=year)
    parts = [title]
    for n, h in enumerate(heads, 1):
        parts.append(h)
        parts.append("本年度依法推进政务公开。" if n in (1, 5) else "")
        if n in sections:
            parts.append((_html_table if form == "html" else _pipe_table)(sections[n]))
    if form == "html":
        body = "\n".join(p if p.startswith("<table") else f"<p>{p}</p>" for p in parts if p)
        return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>".encode()
    return "\n".join(p for p in parts if p).encode()


def _block(caption: str, cols: list[str], rows: list[tuple[str, list[str]]]) -> list[list[tuple[str, int]]]:
    span = 3 // len(cols) if 3 % len(cols) == 0 else 1
    return [[(caption, 4)], [("信息内容", 1)] + [(c, span) for c in cols],
            *[[(label, 1)] + [(v, span) for v in vals] for label, vals in rows]]


AD_2021_HEAD = [
    *_block("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
            [("规章", ["1", "0", "6"]), ("行政规范性文件", ["4", "2", "31"])]),
]
AD_2021_TAIL = [
    *_block("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", ["58"]), ("行政强制", ["3"])]),
    *_block("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["2.75"])]),
]


def _cells(r):
    return {(c.table, c.row_key, c.col_key): (c.value, c.template) for c in r.cells}


@pytest.mark.parametrize("form", ["html", "pipe"])
def test_2019_row_in_a_2021_table_two_is_reported_not_emitted(form: str) -> None:
    # a 2021 table 二 that kept 2019's 其他对外管理服务事项 under 行政许可
    block5 = _block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["412"]), ("其他对外管理服务事项", ["19"])])
    r = parse_report(_page(2022, {2: AD_2021_HEAD + block5 + AD_2021_TAIL}, form), None, filename=f"x.{form}")
    got = _cells(r)
    assert r.templates_by_table == {"active_disclosure": "2021"}
    assert got[("active_disclosure", "licensing", "decisions")] == (412.0, "2021")
    assert not [k for k in got if k[1] == "other_admin_services"]
    assert "active_disclosure cell other_admin_services.decisions does not belong to template 2021" \
        in r.unknown_labels
    assert len(got) == 10 and {t for _v, t in got.values()} == {"2021"}


@pytest.mark.parametrize("form", ["html", "pipe"])
def test_2019_procurement_block_in_a_2021_table_two_is_reported_not_emitted(form: str) -> None:
    block5 = _block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["412"])])
    block9 = _block("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", ["6", "88.5"])])
    r = parse_report(_page(2022, {2: AD_2021_HEAD + block5 + AD_2021_TAIL + block9}, form), None,
                     filename=f"x.{form}")
    got = _cells(r)
    assert r.templates_by_table == {"active_disclosure": "2021"}
    assert not [k for k in got if k[1] == "centralized_procurement"]
    assert {"active_disclosure cell centralized_procurement.procurement_items does not belong to template 2021",
            "active_disclosure cell centralized_procurement.procurement_amount does not belong to template 2021"} \
        <= set(r.unknown_labels)
    assert got[("active_disclosure", "fees", "amount_10k_yuan")] == (2.75, "2021")
    assert len(got) == 10


@pytest.mark.parametrize("form", ["html", "pipe"])
def test_2021_fee_column_in_a_2019_table_two_is_reported_and_the_rest_is_2019(form: str) -> None:
    # a 2019 table 二 whose （八） block prints the 2021 column; the （九） block after it (no
    # version word in its header) is still the table's 2019 block
    ad = [
        *_block("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                [("规章", ["2", "2", "17"]), ("规范性文件", ["9", "8", "140"])]),
        *_block("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                [("行政许可", ["75", "+4", "1203"]), ("其他对外管理服务事项", ["12", "-1", "36"])]),
        *_block("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                [("行政处罚", ["210", "0", "77"]), ("行政强制", ["18", "+2", "5"])]),
        *_block("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["1.6"])]),
        *_block("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", ["7", "64.2"])]),
    ]
    r = parse_report(_page(2020, {2: ad}, form), None, filename=f"x.{form}")
    got = _cells(r)
    assert r.templates_by_table == {"active_disclosure": "2019"}
    assert ("active_disclosure", "fees", "amount_10k_yuan") not in got
    assert "active_disclosure cell fees.amount_10k_yuan does not belong to template 2019" in r.unknown_labels
    assert got[("active_disclosure", "centralized_procurement", "procurement_items")] == (7.0, "2019")
    assert got[("active_disclosure", "centralized_procurement", "procurement_amount")] == (64.2, "2019")
    assert got[("active_disclosure", "licensing", "change")] == (4.0, "2019")
    assert len(got) == 20 and {t for _v, t in got.values()} == {"2019"}
    # the fee block's 2019 cells are not on the page: left out, never zero
    assert "active_disclosure.fees.prev_year_items" in r.status_reason and r.status == "partial"


RL_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.mark.parametrize("form", ["html", "pipe"])
def test_table_four_with_only_its_review_block(form: str) -> None:
    # table 四 printed as its 行政复议 table only (the 行政诉讼 one is not on the page)
    rl = [[("行政复议", 5)], [(h, 1) for h in RL_HEADS], [(v, 1) for v in ("3", "1", "0", "2", "6")]]
    block5 = _block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["412"])])
    r = parse_report(_page(2023, {2: AD_2021_HEAD + block5 + AD_2021_TAIL, 4: rl}, form), None, filename=f"x.{form}")
    got = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "review_litigation"}
    assert got == {("review", "upheld"): 3.0, ("review", "corrected"): 1.0, ("review", "other"): 0.0,
                   ("review", "pending"): 2.0, ("review", "total"): 6.0}
    assert not r.undetermined
    assert r.status == "partial"
    assert r.templates_by_table == {"active_disclosure": "2021", "review_litigation": "2021"}
    # the two 行政诉讼 blocks are not on the page: absent, never zero
    assert "10 template cell(s) not found: review_litigation.suit_after_review" in r.status_reason


FULL_RL = [[("行政复议", 5), ("行政诉讼", 10)],
           [(h, 1) for h in RL_HEADS] + [("未经复议直接起诉", 5), ("复议后起诉", 5)],
           [(h, 1) for h in RL_HEADS * 2],
           [(v, 1) for v in ("1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "2", "0", "0", "1", "3")]]


def test_pre2019_year_with_a_template_table_four_is_not_pre2019() -> None:
    # a report dated 2018 whose only table is table 四 (both templates print it alike): its
    # cells are template cells, so the report is not a pre-2019 one with generic grids only
    r = parse_report(_page(2018, {4: FULL_RL}, "html"), None, filename="x.html")
    assert r.report_year == 2018
    assert (r.template, r.templates_by_table, r.grids) == ("unknown", {}, [])
    got = {(c.row_key, c.col_key): (c.value, c.template) for c in r.cells}
    assert got[("suit_after_review", "total")] == (3.0, "unknown") and len(got) == 15
    assert "review_litigation: no template signal in its labels and report year 2018: template unknown" \
        in r.warnings


def test_no_template_signal_and_no_year_is_flagged() -> None:
    page = _page(2023, {4: FULL_RL}, "html").replace(TITLE.format(year=2023).encode(),
                                                      "某县某镇政府信息公开工作年度报告".encode())
    r = parse_report(page, None, filename="x.html")
    assert r.report_year is None and r.template == "unknown" and r.templates_by_table == {}
    assert len(r.cells) == 15 and {c.template for c in r.cells} == {"unknown"}
    assert "review_litigation: no template signal in its labels and no report year: template unknown" in r.warnings


def test_table_four_row_short_of_five_values_under_a_three_block_header_is_not_guessed() -> None:
    # the header names 行政复议 and both 行政诉讼 blocks, the value row has ten values (a block's
    # blank cells dropped in the copy): which block each value is cannot be told, so none is read
    short = FULL_RL[:3] + [[(v, 1) for v in ("4", "2", "1", "3", "10", "2", "0", "1", "1", "4")]]
    block5 = _block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["412"])])
    r = parse_report(_page(2023, {2: AD_2021_HEAD + block5 + AD_2021_TAIL, 4: short}, "pipe"), None, filename="x.txt")
    assert r.status == "partial" and r.table_source == "pipe_text"
    assert [c for c in r.cells if c.table == "review_litigation"] == []
    assert sorted(k for k in r.undetermined if k.startswith("review_litigation.")) == sorted(
        f"review_litigation.{b}.{c}" for b in ("suit_direct", "suit_after_review")
        for c in ("upheld", "corrected", "other", "pending", "total"))
