"""A token that reads as one cell or as several (a change in words running into the next digits,
"增加53"; a thousands number with a cell glued before it, "25,012") is cut by choice, as "18" is:
a spaced row one value short of its cells does not cut it to fill the gap (a blank cell left out
reads the same)."""

from __future__ import annotations

import pytest
from test_glued import RL_HEADER, _values, app_text

from parsers.glued import extract_glued_tables

# a 2019 table 二 (上一年项目数量 | 本年增/减 | 处理决定数量), our own numbers
AD_2019 = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章{reg}"
           "规范性文件0 0 4第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可{lic}"
           "其他对外管理服务事项7 增加1 0第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚28 -2 34"
           "行政强制9 7 0第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35 -1 36"
           "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购5 478989")


def _read(reg: str = "0 0 2", lic: str = "12 增加5 3"):
    return extract_glued_tables(AD_2019.format(reg=reg, lic=lic) + app_text({}) + RL_HEADER + "0" * 15)


@pytest.mark.parametrize("row, cell, cols, glued, apart, want", [
    # "12 增加53": 12, +53 and a blank 处理决定数量 as much as 12, +5, 3
    ("licensing", "change", ("prev_year_items", "change", "decisions"), {"lic": "12 增加53"},
     {"lic": "12 增加5 3"}, [12, 5, 3]),
    # "5 25,012": 5, a blank, 25,012 as much as 5, 2, 5,012
    ("regulations", "published", ("made", "published", "total_published"), {"reg": "5 25,012"},
     {"reg": "5 0 25,012"}, [5, 0, 25012]),
])
def test_a_token_of_several_readings_is_not_cut_to_fill_a_spaced_row_one_value_short(
        row: str, cell: str, cols: tuple[str, ...], glued: dict, apart: dict, want: list) -> None:
    r = _read(**glued)
    assert not any(k.startswith(f"active_disclosure.{row}.") for k in _values(r))
    assert f"active_disclosure.{row}.{cell}" in r.undetermined
    # printed apart in full, the row is read
    v = _values(_read(**apart))
    assert [v[f"active_disclosure.{row}.{c}"] for c in cols] == want


# ------------------------------------------------------------------ what ends a table's last row
def test_a_stop_right_after_a_tables_last_row_leaves_the_row_its_values() -> None:
    # a copy that ends the table's last row with a full stop (or a comma, a colon): bare digits
    # before it are the row's cells; "0 0 0 1 0 0 1。" is no sentence (those carry their unit)
    rows = {"new_received": "2 0 0 1 0 0 3", "granted": "2 0 0 0 0 0 2", "results_total": "2 0 0 0 0 0 2",
            "carried_forward": "0 0 0 1 0 0 1"}
    for stop in ("。", "；", "，", "："):
        text = app_text(rows, default="0 0 0 0 0 0 0").replace(
            "四、政府信息公开行政复议", stop + "四、政府信息公开行政复议") + "0" * 15
        v = _values(extract_glued_tables(text))
        assert [v[f"applications.carried_forward.{c}"] for c in ("natural_person", "social_org", "total")] == [0, 1, 1]
        assert v["applications.new_received.total"] == 3


def test_a_count_with_its_unit_before_a_stop_is_still_a_sentences() -> None:
    # "行政事业性收费12万元。": a sentence naming the row, not its cell
    page = AD_2019.format(reg="0 0 2", lic="12 增加5 3").replace("行政事业性收费35 -1 36", "行政事业性收费共36件。")
    r = extract_glued_tables(page + app_text({}) + RL_HEADER + "0" * 15)
    assert not any(k.startswith("active_disclosure.fees.") for k in _values(r))


def test_a_thousands_number_cut_at_its_comma_gives_no_cell() -> None:
    # "1, 500": an exporter that puts a space between a cell's text nodes; its "1" is no cell
    for cut in ("1, 500", "1 ,500"):
        v = _values(_read(lic=f"12 增加5 {cut}"))
        assert "active_disclosure.licensing.decisions" not in v


# ------------------------------------------------------------- a row that adds up only with a blank
def test_a_glued_row_that_adds_up_only_with_a_blank_left_out_is_not_read_as_printed() -> None:
    # 结转下年度 is a blank, 7, 0, 0, 8, 0, 15 printed "7008015": as seven cells it reads one way
    # (7,0,0,8,0,1,5), failing its total; with the blank left out it holds. A source error and a
    # dropped blank cannot be told apart, so no cell of the row is claimed (was: 1 and 5)
    rows = {"new_received": "37008018", "granted": "3000003", "results_total": "3000003", "carried_forward": "7008015"}
    r = extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert not any(k.startswith("applications.carried_forward.") for k in v)
    assert "applications.carried_forward.total" in r.undetermined
    # the same row meeting its total read as seven cells is read
    rows["carried_forward"] = "07008015"
    v = _values(extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15))
    assert [v[f"applications.carried_forward.{c}"] for c in ("commercial", "legal_service", "total")] == [7, 8, 15]


# ---------------------------------------------------------- a footnote mark among a row's digits
def test_a_footnote_mark_among_a_glued_rows_digits_does_not_end_the_row() -> None:
    # 64, 0, 0, 2, 0, 4, 70 printed "6400204①70" (a note on 其他): the seven digits before the mark
    # filled the row (6,4,0,0,2,0,4: six wrong cells); the digits after it are the row's too
    for mark in ("①", "²", "₁", "㉑", "*", "※"):
        rows = {"new_received": f"6400204{mark}70", "granted": "640020470", "results_total": "640020470"}
        v = _values(extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15))
        got = [v.get(f"applications.new_received.{c}") for c in ("natural_person", "commercial", "total")]
        assert got[0] in (None, 64) and got[1] in (None, 0) and got[2] in (None, 70), (mark, got)
    # a mark after a row's last value, before the next label's number or a year, ends the row
    rows = {"denied_state_secret": "1000001※", "granted": "1000001"}
    v = _values(extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15))
    assert v["applications.denied_state_secret.total"] == 1
