"""One printed cell into (value, kind, unit): the cases an adversarial review found read wrong.
Our own strings; every number asserted is the one printed, and what is not a number as printed
is never read as one."""

from __future__ import annotations

import math

import pytest
from html_builders import RL_VALUES, app_table, app_values, page, rl_table, td

from parsers import parse_report
from parsers.glued import extract_glued_tables
from parsers.templates import APP_ROW_ORDER, APP_ROWS, spec_by_key
from parsers.text import chinese_numeral
from parsers.values import header_unit, parse_value


# ------------------------------------------------------------------ marks NFKC turns into digits
@pytest.mark.parametrize("raw", ["①", "⑳", "²", "¹", "₁", "₃", "㉑", "㊿", "⓪", "⒈3", "⒑3", "㉑3", "🄂3"])
def test_a_mark_that_nfkc_makes_a_digit_is_no_number(raw: str) -> None:
    # "⒈3" is "1." then 3 (not 1.3), "㉑" a circled 21 (a note's number, not a count of 21)
    value, kind, _unit = parse_value(raw)
    assert (value, kind) == (None, "text")


@pytest.mark.parametrize(("raw", "number"), [("7₁", 7), ("12㉑", 12), ("1,204₂", 1204), ("5⓪", 5),
                                              ("+3㉒", 3), ("0.5₁", 0.5)])
def test_such_a_mark_after_a_number_is_its_footnote(raw: str, number: float) -> None:
    assert parse_value(raw) == (number, "number", None)  # "7₁" was read 71, "12㉑" 1221


# ------------------------------------------------------------------ a remark after two numbers
@pytest.mark.parametrize("raw", ["1 2(注)", "3 4（含1件逾期）", "1 0（3）", "+ 1 0（万元）", "减少2 5(注)"])
def test_a_remark_does_not_join_two_numbers(raw: str) -> None:
    # without the remark "1 2" is two numbers (text); the remark must not make it 12
    assert parse_value(raw)[:2] == (None, "text")


def test_a_remark_after_a_space_grouped_number_still_reads() -> None:
    assert parse_value("1 204（注）") == (1204.0, "number", None)
    assert parse_value("12 345(万元)") == (12345.0, "number", "万元")


# ------------------------------------------------------------------ Chinese numerals
@pytest.mark.parametrize("raw", ["百", "千", "十十", "十百", "百十", "零十", "二十零", "三百二百", "零一", "〇一",
                                 "一百五", "三千二", "二十两"])
def test_a_chinese_numeral_out_of_its_standard_form_is_not_read(raw: str) -> None:
    # "百" alone was 100, "十百" 110, "一百五" 105 (it is 150 in speech): none is guessed
    assert chinese_numeral(raw) is None
    assert parse_value(raw)[0] is None


@pytest.mark.parametrize(("raw", "number"), [("零", 0), ("二", 2), ("两", 2), ("十", 10), ("十一", 11), ("二十三", 23),
                                              ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("一千零一", 1001)])
def test_standard_chinese_numerals_still_read(raw: str, number: int) -> None:
    assert chinese_numeral(raw) == number


# ------------------------------------------------------------------ -0
def test_minus_zero_is_zero() -> None:
    for raw in ("-0", "—0", "－0", "-0(注)"):
        value, kind, _unit = parse_value(raw)
        assert kind == "number" and value == 0 and math.copysign(1.0, value) == 1.0, raw


# ------------------------------------------------------------------ through the page
_AD19 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("规章", ["1", "2", "3"]), ("规范性文件", ["4", "5", "6"])]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政许可", ["10", "+2", "30"]),
                                                          ("其他对外管理服务事项", ["1", "0", "2"])]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], [("行政处罚", ["5", "-1", "7"]), ("行政强制", ["0", "0", "0"])]),
    ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("行政事业性收费", ["2", "0"])]),
]


def _ad_2019(amount_head: str, amount: str) -> str:
    blocks = [*_AD19, ("第二十条第（九）项", ["采购项目数量", amount_head], [("政府集中采购", ["3", amount])])]
    out = "<table border='1'>"
    for caption, heads, rows in blocks:
        pad = td("") * (3 - len(heads))
        out += "<tr>" + td(caption, colspan=4) + "</tr><tr>" + td("信息内容") + "".join(td(h) for h in heads) + pad + "</tr>"
        for label, vals in rows:
            out += "<tr>" + td(label) + "".join(td(v) for v in vals) + pad + "</tr>"
    return out + "</table>"


def _report(amount_head: str = "采购总金额", amount: str = "251000", **app: list[str]):
    html = page(_ad_2019(amount_head, amount), app_table(app_values("2019", **app), "2019"), rl_table(RL_VALUES),
                title="某区某局2019年政府信息公开工作年度报告")
    return parse_report(html, "http://www.example.gov.cn/a.html")


def test_a_money_header_with_its_unit_after_a_slash_keeps_it() -> None:
    assert header_unit("采购总金额/万元") == "万元" and header_unit("采购总金额／元") == "元"
    assert header_unit("本年增/减") is None
    c = _report("采购总金额/万元", "25.1").cell("active_disclosure", "centralized_procurement", "procurement_amount")
    assert (c.value, c.value_kind, c.unit) == (25.1, "number", "万元")
    c = _report("采购总金额/万元", "251000元").cell("active_disclosure", "centralized_procurement", "procurement_amount")
    assert (c.value, c.unit) == (251000.0, "元")  # the cell's own unit wins over the header's


@pytest.mark.parametrize("raw", ["①", "⒈3", "百", "1 2(注)"])
def test_no_number_from_such_cells_in_an_html_table(raw: str) -> None:
    r = _report(granted=["7", raw, "0", "0", "0", "0", "9"])
    c = r.cell("applications", "granted", "commercial")
    assert c is not None and (c.value, c.value_kind) == (None, "text")
    assert r.value("applications", "granted", "total") == 9


# ------------------------------------------------------------------ the same marks in glued text
_GLUED_HEAD = "三、收到和处理政府信息公开申请情况 申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"


@pytest.mark.parametrize("row", ["5² 0 0 0 0 0 5", "5₁ 0 0 0 0 0 5", "5㉑ 0 0 0 0 0 5", "①5 0 0 0 0 0 5", "⒈5 0 0 0 0 0 5"])
def test_glued_text_never_makes_a_mark_a_digit_of_the_cell(row: str) -> None:
    # "5²" was read 52, "5㉑" 521, "①5" 1.5: the mark is a footnote, the cell 5 or undetermined
    rows = {"new_received": row, "results_total": "5 0 0 0 0 0 5"}
    body = "".join(spec_by_key(APP_ROWS, k).label + rows.get(k, "0000000") for k in APP_ROW_ORDER["2021"])
    r = extract_glued_tables(_GLUED_HEAD + body + "四、政府信息公开行政复议、行政诉讼情况")
    got = {c.col_key: c.value for c in r.cells if c.row_key == "new_received"}
    assert got.get("natural_person") in (None, 5.0), got


@pytest.mark.parametrize("raw", ["㉑", "⓪", "㊿"])
def test_a_circled_number_alone_in_a_cell_per_line_copy_is_no_number(raw: str) -> None:
    # the one-cell-per-line form is read by the glued reader: "㉑" was the number 21
    from test_flat_forms import _cell_per_line

    vals = app_values()
    vals["granted"] = ["7", raw, "0", "0", "0", "0", "9"]
    r = parse_report(_cell_per_line(vals).encode("utf-8"), None, filename="x.txt")
    c = r.cell("applications", "granted", "commercial")
    assert c is None or c.value is None, (c.value, c.value_kind)
    assert r.value("applications", "granted", "natural_person") in (None, 7)  # the row may be left undetermined


@pytest.mark.parametrize("raw", ["①5 3", "① 3", "²5 3"])
def test_a_pipe_cell_with_a_mark_is_not_cut_into_a_label_and_values(raw: str) -> None:
    # table 四's first cell "① 3": cut at its space, "①" (NFKC "1") passed for values and then
    # for the row's label, and "3" became 结果维持: the row is read from a cell that is not it
    lines = ["某区某局2019年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"]
    heads = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2, [raw, *RL_VALUES[1:]]]
    for cells in heads:
        lines.append("|")
        lines += [f"{c} |" for c in cells[:-1]] + [f"{cells[-1]} |" + "|" * (15 - len(cells))]
    r = parse_report("\n".join([*lines, "五、存在的主要问题及改进情况", "无。"]).encode("utf-8"), None, filename="x.txt")
    c = r.cell("review_litigation", "review", "upheld")
    assert c is None or c.value is None, (c.value, c.value_raw)
