"""Pages on which the HTML table path once returned a wrong number (adversarial round 13):
each test pins the exact cells now read, or that the cell is left out and said so."""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page, rl_table, td

from parsers import parse_report
from parsers.templates import APP_COL_ORDER as APP_COLS
from parsers.text import chinese_numeral
from parsers.values import parse_value

AD_2021_VALUES = {"规章": ["1", "0", "5"], "行政规范性文件": ["4", "2", "31"], "行政许可": ["5"],
                  "行政处罚": ["12"], "行政强制": ["0"], "行政事业性收费": ["0.5"]}


def _cells(r, table, row):
    return {c.col_key: (c.value_kind, c.value) for c in r.cells if c.table == table and c.row_key == row}


def _split_app(vals, at: int, remark: bool = False) -> str:
    """Table 三 cut in two at a page break: the second part repeats the header but its rows have
    no "三、本年度办理结果" column (that rowspan cell stayed in the first part)."""
    html = app_table(vals)
    if remark:
        html = html.replace(td("申请人情况", colspan=7), td("申请人情况", colspan=7) + td("备注", rowspan=3))
    rows = html.split("<tr>")
    head, body = rows[:4], rows[4:]
    if remark:
        body = [b.replace("</tr>", td("无") + "</tr>") for b in body]
    second = [b for b in body[at:]]
    return ("<tr>".join(head + body[:at]).replace("</tbody></table>", "") + "</tbody></table>\n"
            + "<tr>".join(head).replace("</tbody></table>", "") + "<tr>" + "<tr>".join(second))


def test_table_three_continued_without_its_first_label_column() -> None:
    vals = app_values(not_processed_repeat=["", "1", "0", "0", "0", "0", "1"],
                      granted=["7", "2", "0", "0", "0", "0", "9"])
    r = parse_report(page(ad_table_2021(AD_2021_VALUES), _split_app(vals, 5), rl_table(RL_VALUES)))
    num = {k: ("number", float(v)) for k, v in zip(
        ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"),
        ("3", "1", "0", "0", "0", "0", "4"))}
    # a row whose first value is a number: read in the header's order, one label column short
    assert _cells(r, "applications", "unavailable_not_held") == num
    # a blank first value could also be label padding before a row without 总计: left out
    assert _cells(r, "applications", "not_processed_repeat") == {}
    assert "applications.not_processed_repeat.natural_person" in r.undetermined
    assert r.status == "partial"
    assert _cells(r, "applications", "results_total")["natural_person"] == ("number", 11.0)


def test_remark_column_does_not_slide_under_total() -> None:
    vals = app_values(unavailable_not_held=["", "1", "0", "0", "0", "0", "1"])
    r = parse_report(page(ad_table_2021(AD_2021_VALUES), _split_app(vals, 5, remark=True), rl_table(RL_VALUES)))
    assert _cells(r, "applications", "unavailable_not_held") == {}  # was total="无" (the remark), every value shifted
    assert _cells(r, "applications", "results_total")["total"] == ("number", 14.0)


def _app_with(cell_html: str) -> bytes:
    vals = app_values()
    vals["granted"] = [cell_html, "2", "0", "0", "0", "0", "9"]
    return page(ad_table_2021(AD_2021_VALUES), app_table(vals), rl_table(RL_VALUES))


def test_struck_and_invisible_numbers_are_not_read() -> None:
    for cell in ("<del>13</del>7", "<s>13</s>7", "<strike>13</strike>7",
                 "<span style='text-decoration: line-through'>13</span>7",
                 "<span style='visibility:hidden'>13</span>7"):
        r = parse_report(_app_with(cell))
        assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0), cell


def test_zero_size_text_is_not_read() -> None:
    for cell in ("<span style='font-size:0'>13</span>7", "<span style='FONT-SIZE: 0pt'>1</span>7"):
        r = parse_report(_app_with(cell))
        assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0), cell
    # a zero-size wrapper whose inner element sets its own size shows that element's text
    r = parse_report(_app_with("<span style='font-size:0'><span style='font-size:14px'>7</span></span>"))
    assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0)


def test_invisible_cell_keeps_its_column() -> None:
    html = _app_with("7").replace(b"<td><p><span>2</span></p></td>",
                                  b"<td style='visibility:hidden'>5</td>", 1)
    r = parse_report(html)
    got = _cells(r, "applications", "granted")
    assert got["natural_person"] == ("number", 7.0) and got["commercial"] == ("blank", None)
    assert got["total"] == ("number", 9.0)


def test_superscript_number_alone_is_the_value_and_note_marks_go() -> None:
    r = parse_report(_app_with("<sup>7</sup>"))
    assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0)  # was blank
    for mark in ("1)", "(1)", "注1", "注"):
        r = parse_report(_app_with(f"7<sup>{mark}</sup>"))
        assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0), mark
    r = parse_report(_app_with("7<sub>注</sub>"))
    assert _cells(r, "applications", "granted")["natural_person"] == ("number", 7.0)


def test_digit_sequences_are_not_misread() -> None:
    assert chinese_numeral("一二") is None and chinese_numeral("二〇") is None  # were 2 and 0
    assert chinese_numeral("一百零五") == 105 and chinese_numeral("二十") == 20
    assert parse_value("①5") == (None, "text", None)  # was 15
    assert parse_value("5①") == (5.0, "number", None)


def test_2019_row_in_a_2021_table_two_is_reported_not_kept() -> None:
    ad = ad_table_2021(AD_2021_VALUES).replace(
        '<tr><td colspan="4"><p><span>第二十条第（六）项',
        "<tr>" + td("其他对外管理服务事项") + td("4", colspan=3) + '</tr><tr><td colspan="4"><p><span>第二十条第（六）项', 1)
    assert "其他对外管理服务事项" in ad
    r = parse_report(page(ad, app_table(app_values()), rl_table(RL_VALUES)))
    assert not any(c.row_key == "other_admin_services" for c in r.cells)
    assert any("other_admin_services" in u for u in r.unknown_labels)
    assert _cells(r, "active_disclosure", "licensing") == {"decisions": ("number", 5.0)}


def test_transposed_table_four_keeps_its_header_order_after_a_text_cell() -> None:
    heads = ["结果维持", "其他结果", "总计", "尚未审结", "结果纠正"]
    rows = [("行政复议", ["2", "1", "4", "1", "0"]), ("行政诉讼（未经复议直接起诉）", ["1", "0", "2。", "1", "0"]),
            ("行政诉讼（复议后起诉）", ["1", "3", "17", "1", "12"])]
    rl = "<table border=1><tr>" + td("类别") + "".join(td(h) for h in heads) + "</tr>" + "".join(
        "<tr>" + td(lab) + "".join(td(v) for v in vs) + "</tr>" for lab, vs in rows) + "</table>"
    r = parse_report(page(ad_table_2021(AD_2021_VALUES), app_table(app_values()), rl))
    assert _cells(r, "review_litigation", "suit_after_review") == {
        "upheld": ("number", 1.0), "other": ("number", 3.0), "total": ("number", 17.0),
        "pending": ("number", 1.0), "corrected": ("number", 12.0)}


def test_table_three_with_a_padding_column_and_its_organisations_in_another_order() -> None:
    # an empty padding column between the labels and the values, and 其他 printed second among
    # the organisations: every value sits under its own header cell, so it is read by position
    vals = app_values(new_received=["12", "3", "0", "0", "0", "2", "17"], granted=["7", "2", "0", "0", "0", "2", "11"],
                      results_total=["11", "3", "0", "0", "0", "2", "16"])
    order = [0, 1, 5, 2, 3, 4, 6]  # 自然人, 商业企业, 其他, 科研机构, 社会公益组织, 法律服务机构, 总计
    html = app_table({k: [v[i] for i in order] for k, v in vals.items()})
    html = html.replace(td("申请人情况", colspan=7), td("", rowspan=3) + td("申请人情况", colspan=7))
    html = html.replace("".join(td(x) for x in ("商业<br>企业", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构", "其他")),
                        "".join(td(x) for x in ("商业<br>企业", "其他", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构")))
    rows = html.split("<tr>")
    for i in range(4, len(rows)):
        cells = rows[i].split("<td")
        rows[i] = "<td".join(cells[:-7]) + td("") + "<td" + "<td".join(cells[-7:])
    r = parse_report(page(ad_table_2021(AD_2021_VALUES), "<tr>".join(rows), rl_table(RL_VALUES)))
    keys = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")
    for row in ("new_received", "granted", "results_total"):
        assert _cells(r, "applications", row) == {k: ("number", float(v)) for k, v in zip(keys, vals[row])}
    assert not r.undetermined and r.status == "ok"


def test_table_three_header_repeated_inside_the_label_rowspans() -> None:
    # a page break copied the header rows into the middle of table 三, under the rowspans of
    # "三、本年度办理结果" and "（五）不予处理" (which ends inside the copy): a browser shows the
    # copy moved over and its rows out of step; the data rows under it sit where the rows under
    # the first header do. The organisations are printed in another order than the template's.
    vals = app_values(not_processed_excessive=["1", "2", "3", "4", "5", "6", "21"],
                      carried_forward=["2", "1", "0", "3", "0", "4", "10"])
    order = [0, 5, 3, 2, 4, 1, 6]  # 自然人, 其他, 社会公益组织, 科研机构, 法律服务机构, 商业企业, 总计
    orgs = ("其他", "社会公益组织", "科研机构", "法律服务机构", "商业企业")
    lines = app_table({k: [v[i] for i in order] for k, v in vals.items()}).split("\n")
    lines[3] = "<tr>" + "".join(td(x) for x in orgs) + "</tr>"
    copy = ["<tr>" + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3)
            + td("申请人情况", colspan=7) + "</tr>",
            "<tr>" + td("", colspan=3) + td("自然人") + td("法人或其他组织", colspan=5) + td("总计") + "</tr>",
            "<tr>" + td("", colspan=3) + td("") + "".join(td(x) for x in orgs) + td("") + "</tr>"]
    at = next(i for i, ln in enumerate(lines) if "无正当理由大量反复申请" in ln)
    html = "\n".join(lines[:at] + copy + lines[at:])
    r = parse_report(page(ad_table_2021(AD_2021_VALUES), html, rl_table(RL_VALUES)))
    got = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "applications"}
    want = {(row, col): float(v) for row, vs in vals.items() for col, v in zip(APP_COLS, vs) if v.strip()}
    assert {k: (got[k], v) for k, v in want.items() if k in got and got[k] != v} == {}
    assert want.keys() <= got.keys() | {tuple(k.split(".")[1:]) for k in r.undetermined}
