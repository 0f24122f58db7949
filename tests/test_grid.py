"""Unit tests for parsers.grid / parsers.dom: exact grids for the HTML table model and cell text.

All markup here is written for these tests (labels and numbers are our own), modelled on the
structures real report pages use (see docs in parsers/grid.py and spec §8).
"""

from __future__ import annotations

import pytest

from parsers.dom import clean_line
from parsers.grid import (
    MAX_SLOTS,
    Grid,
    GridCell,
    find_tables,
    node_text,
    parse_html,
    parse_non_negative_integer,
    table_grid,
)


def grid_of(html: str, **kw) -> Grid:
    table = parse_html(html).css_first("table")
    assert table is not None
    return table_grid(table, **kw)


def rows(g: Grid) -> list[list[str]]:
    return [g.row_texts(r) for r in range(g.height)]


def spans(g: Grid) -> list[tuple[str, int, int, int, int]]:
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in g.cells]


def check_consistent(g: Grid) -> None:
    """Invariants every grid must satisfy."""
    assert len(g.slots) == g.height
    assert all(len(r) == g.width for r in g.slots)
    for c in g.cells:
        assert c.rowspan >= 1 and c.colspan >= 1
        assert 0 <= c.row and c.row + c.rowspan <= g.height
        assert 0 <= c.col and c.col + c.colspan <= g.width
        assert g.slots[c.row][c.col] is c or (c.row, c.col) in g.overlaps
    ids = {id(c) for c in g.cells}
    for r in g.slots:
        for s in r:
            assert s is None or id(s) in ids


# --- rules for parsing non-negative integers --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ("007", 7),
        ("2px", 2),
        ("  2px", 2),
        ("\t\n\f\r 5", 5),
        ("+4", 4),
        ("2.9", 2),
        ("1e3", 1),
        ("-0", 0),  # "-0" is zero, not negative: no error
        ("0", 0),
        ("-1", None),
        ("- 1", None),
        ("+-1", None),
        ("-+1", None),
        ("++1", None),
        ("x1", None),
        ("", None),
        (None, None),
        ("\u00a02", None),  # NBSP is not ASCII whitespace
        ("２", None),  # full-width digit is not an ASCII digit
        ("99999999999999999999999", 10**12),  # "huge": callers cap it
        ("0" * 5000 + "3", 3),  # long but small: no int() of 5000 digits
    ],
)
def test_parse_non_negative_integer(value, expected):
    assert parse_non_negative_integer(value) == expected


@pytest.mark.parametrize(
    ("attr", "placed"),
    [
        ("2px", 2),
        (" 3 ", 3),
        ("+2", 2),
        ("0", 1),  # colspan 0 -> 1
        ("-0", 1),
        ("abc", 1),
        ("-3", 1),
        ("", 1),
        ("1000", 1000),
        ("1001", 1000),
        ("99999999999999999999", 1000),
    ],
)
def test_colspan_attribute(attr, placed):
    g = grid_of(f'<table><tr><td colspan="{attr}">A</td><td>B</td></tr></table>')
    assert spans(g) == [("A", 0, 0, 1, placed), ("B", 0, placed, 1, 1)]
    assert g.width == placed + 1 and g.height == 1
    check_consistent(g)


@pytest.mark.parametrize(
    ("attr", "placed_rowspan", "height"),
    [
        ("2px", 2, 2),
        ("abc", 1, 1),
        ("-1", 1, 1),
        ("", 1, 1),
        ("1.5", 1, 1),
        ("3", 3, 3),  # reaches past the last row: rows are added (table model)
    ],
)
def test_rowspan_attribute(attr, placed_rowspan, height):
    g = grid_of(f'<table><tr><td rowspan="{attr}">A</td><td>B</td></tr></table>')
    assert spans(g) == [("A", 0, 0, placed_rowspan, 1), ("B", 0, 1, 1, 1)]
    assert (g.width, g.height) == (2, height)
    check_consistent(g)


def test_rowspan_capped_at_65534():
    g = grid_of('<table><tr><td rowspan="70000">A</td></tr></table>')
    assert (g.width, g.height) == (1, 65534)
    assert spans(g) == [("A", 0, 0, 65534, 1)]
    assert not g.truncated


def test_pandas_would_abort_but_we_do_not():
    """One bad attribute must not lose the rest (pandas.read_html raises on "2px")."""
    g = grid_of(
        '<table><tr><td colspan="2px">标题</td></tr><tr><td>1</td><td rowspan="x">2</td></tr></table>'
    )
    assert rows(g) == [["标题", "标题"], ["1", "2"]]


# --- rowspan=0 --------------------------------------------------------------------------------


def test_rowspan_zero_grows_to_end_of_row_group():
    g = grid_of(
        "<table><tbody>"
        "<tr><td rowspan=0>L</td><td>a</td></tr>"
        "<tr><td>b</td></tr>"
        "<tr><td>c</td></tr>"
        "</tbody><tbody><tr><td>next</td><td>x</td></tr></tbody></table>"
    )
    assert rows(g) == [["L", "a"], ["L", "b"], ["L", "c"], ["next", "x"]]
    assert spans(g)[0] == ("L", 0, 0, 3, 1)
    check_consistent(g)


def test_rowspan_zero_covers_rows_created_by_other_rowspans():
    # The group has one <tr> but a rowspan=3 cell creates two more rows; rowspan=0 follows them.
    g = grid_of("<table><tr><td rowspan=0>Z</td><td rowspan=3>T</td></tr></table>")
    assert (g.width, g.height) == (2, 3)
    assert rows(g) == [["Z", "T"]] * 3
    assert spans(g) == [("Z", 0, 0, 3, 1), ("T", 0, 1, 3, 1)]


def test_rowspan_zero_with_colspan_in_thead_stops_at_thead_end():
    g = grid_of(
        "<table><thead><tr><th rowspan=0 colspan=2>H</th><th>h1</th></tr><tr><th>h2</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    assert rows(g) == [["H", "H", "h1"], ["H", "H", "h2"], ["1", "2", "3"]]
    assert g.cells[0] == GridCell("H", 0, 0, 2, 2, True)


def test_rowspan_minus_zero_also_grows():
    g = grid_of('<table><tr><td rowspan="-0">Z</td></tr><tr></tr><tr></tr></table>')
    assert spans(g) == [("Z", 0, 0, 3, 1)]


def test_rowspan_zero_alone_is_one_row():
    g = grid_of("<table><tr><td rowspan=0>Z</td><td>a</td></tr></table>")
    assert spans(g) == [("Z", 0, 0, 1, 1), ("a", 0, 1, 1, 1)]


# --- row groups -------------------------------------------------------------------------------


def test_tfoot_placed_last_but_cells_listed_in_tree_order():
    g = grid_of(
        "<table><tfoot><tr><td>F1</td></tr></tfoot>"
        "<tbody><tr><td>B1</td></tr></tbody>"
        "<tfoot><tr><td>F2</td></tr></tfoot>"
        "<tbody><tr><td>B2</td></tr></tbody></table>"
    )
    assert rows(g) == [["B1"], ["B2"], ["F1"], ["F2"]]
    assert [c.text for c in g.cells] == ["F1", "B1", "F2", "B2"]  # tree order
    assert [c.row for c in g.cells] == [2, 0, 3, 1]


def test_thead_is_not_moved():
    # Only tfoot is deferred; a thead after a tbody stays where it is in the tree.
    g = grid_of("<table><tbody><tr><td>B</td></tr></tbody><thead><tr><th>H</th></tr></thead></table>")
    assert rows(g) == [["B"], ["H"]]
    assert [c.header for c in g.cells] == [False, True]


def test_thead_then_implicit_tbody():
    g = grid_of(
        "<table><caption>表</caption><thead><tr><th>项目</th><th>数量</th></tr></thead>"
        "<tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table>"
    )
    assert rows(g) == [["项目", "数量"], ["甲", "1"], ["乙", "2"]]
    assert [c.header for c in g.cells] == [True, True, False, False, False, False]


def test_rowspan_past_group_end_adds_rows_and_next_group_starts_below():
    g = grid_of(
        "<table><tbody><tr><td rowspan=3>A</td><td>b</td></tr></tbody>"
        "<tbody><tr><td>C</td><td>d</td></tr></tbody></table>"
    )
    assert rows(g) == [["A", "b"], ["A", ""], ["A", ""], ["C", "d"]]


def test_empty_rows_and_groups():
    g = grid_of("<table><tbody></tbody><tr></tr><tr><td>x</td></tr></table>")
    assert rows(g) == [[""], ["x"]]
    assert g.slots[0] == [None]
    assert grid_of("<table></table>") == Grid(0, 0, [], [], [])


def test_bare_rows_under_table_then_tfoot():
    """Rows directly under <table> (only reachable through DOM edits) form an implicit group."""
    doc = parse_html(
        "<table><tbody><tr><td rowspan=0>a</td><td rowspan=3>b</td></tr></tbody>"
        "<tfoot><tr><td>f</td></tr></tfoot></table>"
    )
    table, tbody, tr, tfoot = (doc.css_first(s) for s in ("table", "tbody", "tr", "tfoot"))
    tfoot.insert_before(tr, move=True)
    tbody.decompose()
    assert table.html.startswith("<table><tr>")
    g = table_grid(table)
    # The implicit group is ended before the pending tfoot (documented deviation), so the
    # rowspan=0 cell covers the rows made by rowspan=3 and the footer goes below them.
    assert rows(g) == [["a", "b"], ["a", "b"], ["a", "b"], ["f", ""]]
    assert g.overlaps == []


# --- colgroups --------------------------------------------------------------------------------


def test_colgroups_widen_the_table():
    html = (
        "<table><colgroup span=2></colgroup><colgroup><col><col span='3px'></colgroup>"
        "<tr><td>A</td></tr><colgroup span=9></colgroup></table>"
    )
    g = grid_of(html)
    assert (g.width, g.height) == (6, 1)  # 2 + 1 + 3; the colgroup after the rows is ignored
    assert g.row_texts(0) == ["A", "", "", "", "", ""]
    g = grid_of(html, use_colgroups=False)
    assert (g.width, g.height) == (1, 1)


def test_colgroup_span_capped_and_defaults():
    assert grid_of("<table><colgroup span=0></colgroup><tr><td>A</td></tr></table>").width == 1
    assert grid_of("<table><colgroup span=x></colgroup><tr><td>A</td></tr></table>").width == 1
    assert grid_of("<table><colgroup span=5000></colgroup><tr><td>A</td></tr></table>").width == 1000


# --- overlapping cells ------------------------------------------------------------------------


def test_overlap_first_cell_keeps_slot():
    # The HTML Standard's own overlap example: cell 4 spans into the slot of cell 2.
    g = grid_of(
        "<table><tr><td>1</td><td rowspan=2>2</td><td>3</td></tr><tr><td colspan=3>4</td></tr></table>"
    )
    assert rows(g) == [["1", "2", "3"], ["4", "2", "4"]]
    assert g.overlaps == [(1, 1)]
    assert spans(g) == [("1", 0, 0, 1, 1), ("2", 0, 1, 2, 1), ("3", 0, 2, 1, 1), ("4", 1, 0, 1, 3)]
    check_consistent(g)


def test_overlap_by_downward_growing_cell_recorded_once_per_slot():
    g = grid_of(
        "<table><tr><td>a</td><td rowspan=3>R</td></tr>"
        "<tr><td rowspan=0 colspan=2>G</td></tr>"
        "<tr><td>c</td></tr></table>"
    )
    # G (row 1) spans over R's column; it grows into row 2, overlapping R again there.
    assert rows(g) == [["a", "R", ""], ["G", "R", ""], ["G", "R", "c"]]
    assert g.overlaps == [(1, 1), (2, 1)]
    assert spans(g)[2] == ("G", 1, 0, 2, 2)
    assert (g.width, g.height) == (3, 3)


def test_overlap_listed_once_even_with_three_claimants():
    g = grid_of(
        "<table><tr><td rowspan=2>A</td><td rowspan=2>B</td></tr>"
        "<tr><td colspan=2>C</td></tr><tr><td>x</td></tr></table>"
    )
    # Row 1: A and B cover x=0,1; C goes to x=2. No overlap here; make sure no false positives.
    assert g.overlaps == []
    g = grid_of(
        "<table><tr><td>p</td><td rowspan=3>A</td></tr><tr><td colspan=2 rowspan=2>C</td></tr>"
        "<tr></tr></table>"
    )
    assert g.overlaps == [(1, 1), (2, 1)]


# --- a table-三-like header -------------------------------------------------------------------

T3_LIKE = """
<table border="1"><tbody>
<tr><td colspan="3" rowspan="3"><p>（本表说明：甲加乙等于丙加丁）</p></td><td colspan="7">来件人</td></tr>
<tr><td rowspan="2">个人</td><td colspan="5">单位或团体</td><td rowspan="2">合计</td></tr>
<tr><td><p>甲类</p><p>单位</p></td><td>乙类<br>单位</td><td>丙类</td><td>丁类</td><td>戊类</td></tr>
<tr><td colspan="3">一、本期新收数量</td><td>12</td><td>3</td><td>0</td><td>0</td><td>1</td><td>0</td><td>16</td></tr>
<tr><td colspan="3">二、上期结转数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="5">三、本期办理结果</td><td colspan="2">（一）同意</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td rowspan="2">（二）不同意</td><td>1.理由一</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>
<tr style="height:48px"><td>2.理由二</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td colspan="2">（三）其他</td><td>4</td><td>2</td><td>0</td><td>0</td><td>1</td><td>0</td><td>7</td></tr>
<tr><td colspan="2">（四）总计</td><td>12</td><td>3</td><td>0</td><td>0</td><td>1</td><td>0</td><td>16</td></tr>
<tr><td colspan="3">四、结转下期</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</tbody></table>
"""


def test_table_three_like_header():
    g = grid_of(T3_LIKE)
    assert (g.width, g.height) == (10, 11)
    assert g.overlaps == []
    note = "（本表说明：甲加乙等于丙加丁）"
    assert rows(g)[:3] == [
        [note] * 3 + ["来件人"] * 7,
        [note] * 3 + ["个人"] + ["单位或团体"] * 5 + ["合计"],
        [note] * 3 + ["个人", "甲类\n单位", "乙类\n单位", "丙类", "丁类", "戊类", "合计"],
    ]
    assert g.row_texts(3) == ["一、本期新收数量"] * 3 + ["12", "3", "0", "0", "1", "0", "16"]
    assert g.row_texts(5)[:3] == ["三、本期办理结果", "（一）同意", "（一）同意"]
    assert g.row_texts(6)[:4] == ["三、本期办理结果", "（二）不同意", "1.理由一", "2"]
    assert g.row_texts(7)[:4] == ["三、本期办理结果", "（二）不同意", "2.理由二", "1"]
    assert g.row_texts(9)[:4] == ["三、本期办理结果", "（四）总计", "（四）总计", "12"]
    assert g.row_texts(10) == ["四、结转下期"] * 3 + ["0"] * 7
    assert g.cells[0] == GridCell(note, 0, 0, 3, 3, False)
    assert g.cells[1] == GridCell("来件人", 0, 3, 1, 7, False)
    label = next(c for c in g.cells if c.text == "三、本期办理结果")
    assert (label.row, label.col, label.rowspan, label.colspan) == (5, 0, 5, 1)
    # Every data row is fully covered.
    assert all(s is not None for r in g.slots for s in r)
    check_consistent(g)


def test_label_split_across_page_repeated_with_own_rowspan():
    # Word split a table over a page: the rowspan label cell appears twice (seen in real pages).
    g = grid_of(
        "<table><tr><td rowspan=2>三、结果</td><td>（一）</td><td>1</td></tr><tr><td>（二）</td><td>2</td></tr>"
        "<tr><td rowspan=2>三、结果</td><td>（三）</td><td>3</td></tr><tr><td>（四）</td><td>4</td></tr></table>"
    )
    assert [r[0] for r in rows(g)] == ["三、结果"] * 4
    assert [r[2] for r in rows(g)] == ["1", "2", "3", "4"]


# --- cell text --------------------------------------------------------------------------------


def test_p_span_cells_and_nbsp():
    g = grid_of(
        "<table><tr>"
        "<td><p><span>社</span><span>会</span></p><p><span>公益&nbsp;&nbsp;</span></p><p>组织 &nbsp; &nbsp;</p></td>"
        "<td><p style='text-align:center'><span style='FONT-FAMILY: 仿宋_GB2312'>0</span>"
        "<span style='font-family:Calibri'>&nbsp;&nbsp;</span></p></td>"
        "<td>\n  <p>\n 12\n </p>\n</td>"
        "<td>10</td>"
        "</tr></table>"
    )
    assert g.row_texts(0) == ["社会\n公益\xa0\xa0\n组织 \xa0 \xa0", "0\xa0\xa0", "12", "10"]


def test_unknown_inline_tags_keep_their_text():
    g = grid_of(
        "<table><tr><td><p>二〇一九年<st1:chsdate year='2019' month='1' day='1'>1月1日</st1:chsdate>"
        "起<o:p></o:p><o:p>止</o:p><custom-el>自定义</custom-el><font color=red>红</font></p></td></tr></table>"
    )
    assert g.row_texts(0) == ["二〇一九年1月1日起止自定义红"]


def test_br_inside_headers():
    g = grid_of(
        "<table><tr><th>结果<br/>维持</th><th>结果<br>纠正</th><th><br>其他<br><br>结果<br></th>"
        "<th>本年新<br />制作数量</th><th>总计</th></tr></table>"
    )
    assert g.row_texts(0) == ["结果\n维持", "结果\n纠正", "其他\n结果", "本年新\n制作数量", "总计"]
    assert all(c.header for c in g.cells)


def test_whitespace_collapsing_and_cjk_line_breaks():
    g = grid_of(
        "<table><tr><td>  商业\n    企业  </td><td>Times   New\tRoman</td><td>第（一）项，“三安全一稳定”</td>"
        "<td>合计 \n 123</td><td>a<b> b </b> c</td></tr></table>"
    )
    # A source line break between two CJK characters vanishes (not a space); spaces elsewhere
    # collapse; full-width punctuation is untouched.
    assert g.row_texts(0) == [
        "商业企业",
        "Times New Roman",
        "第（一）项，“三安全一稳定”",
        "合计 123",
        "a b c",
    ]


def test_hidden_cells_rows_and_content():
    g = grid_of(
        "<table>"
        "<tr style='display:none'><td>隐藏行</td><td>x</td><td>y</td></tr>"
        "<tr><td>a</td><td style='DISPLAY: NONE'>隐</td><td hidden>藏</td><td>b</td></tr>"
        "<tr><td>c<span style='display : none !important'>隐藏</span></td><td>d<script>var x=1;</script>"
        "<style>td{}</style><template>模板</template><noscript>无脚本</noscript></td></tr>"
        "<tr><td style='border:none; BORDER-LEFT: medium none'>可见</td><td style='visibility:visible'>v</td></tr>"
        "</table>"
    )
    # Hidden rows/cells are treated as absent: the remaining cells shift left.
    assert rows(g) == [["a", "b"], ["c", "d"], ["可见", "v"]]
    assert [c.text for c in g.cells] == ["a", "b", "c", "d", "可见", "v"]


def test_hidden_tbody_is_absent():
    g = grid_of("<table><tbody hidden><tr><td>x</td></tr></tbody><tbody><tr><td>y</td></tr></tbody></table>")
    assert rows(g) == [["y"]]


def test_word_conditional_comments():
    g = grid_of(
        "<table><tr>"
        "<td><p><!--[if !supportLists]--><span>1、</span><!--[endif]--><span>规章</span></p></td>"
        "<td><p>&lt;!--[if !supportLists]--&gt;<span>（二）</span>&lt;!--[endif]--&gt;规范性文件</p></td>"
        "<td><![if !supportMisalignedColumns]>列<![endif]></td>"
        "<td><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->值</td>"
        "<td>&lt;![if !supportLineBreakNewLine]&gt;换行&lt;![endif]&gt;</td>"
        "<td><!--?xml:namespace prefix = o /-->甲<!-- 普通注释 -->乙</td>"
        "</tr></table>"
    )
    assert g.row_texts(0) == ["1、规章", "（二）规范性文件", "列", "值", "换行", "甲乙"]


def test_nested_table_text_and_own_grid():
    doc = parse_html(
        "<table id=outer><tr><td>外层<table id=inner><tr><td>内1</td><td>内2</td></tr>"
        "<tr><td colspan=2>内3</td></tr></table>尾</td><td>旁</td></tr></table>"
    )
    outer, inner = find_tables(doc)
    assert (outer.id, inner.id) == ("outer", "inner")
    go, gi = table_grid(outer), table_grid(inner)
    assert rows(go) == [["外层\n内1\t内2\n内3\n尾", "旁"]]
    assert rows(gi) == [["内1", "内2"], ["内3", "内3"]]


# --- find_tables ------------------------------------------------------------------------------


def test_find_tables_skips_hidden_and_keeps_document_order():
    doc = parse_html(
        "<html><head><title>t</title></head><body>"
        "<table id=t1><tr><td>1</td></tr></table>"
        "<div style='display:none'><table id=h1><tr><td>x</td></tr></table></div>"
        "<div><div hidden><p><table id=h2></table></p></div></div>"
        "<table id=h3 style='display: none;'></table>"
        "<noscript><table id=h4></table></noscript>"
        "<template><table id=h5></table></template>"
        "<div style='border: none'><table id=t2><tr><td>2<table id=t3></table></td></tr></table></div>"
        "</body></html>"
    )
    assert [t.id for t in find_tables(doc)] == ["t1", "t2", "t3"]
    assert [t.id for t in find_tables(doc.body)] == ["t1", "t2", "t3"]
    assert [t.id for t in find_tables(doc, include_hidden=True)] == ["t1", "h1", "h2", "h3", "h4", "t2", "t3"]
    hidden_div = doc.css_first("div[style='display:none']")
    assert find_tables(hidden_div) == []  # the root itself is inside something hidden
    t2 = doc.css_first("#t2")
    assert [t.id for t in find_tables(t2)] == ["t2", "t3"]  # inclusive of the root


def test_functions_never_raise():
    assert find_tables(None) == []
    assert find_tables(object()) == []
    assert table_grid(None) == Grid(0, 0, [], [], [])
    assert table_grid(object()) == Grid(0, 0, [], [], [])
    assert node_text(None) == ""
    assert node_text(object()) == ""
    assert parse_html(None).body is not None  # type: ignore[arg-type]
    assert parse_html("\ud800<p>x</p>").body.text().endswith("x")  # lone surrogate in a str
    # A non-table element is read with the table rules (its tr/td descendants are ignored).
    div = parse_html("<div><p>x</p></div>").css_first("div")
    assert table_grid(div) == Grid(0, 0, [], [], [])


# --- budget -----------------------------------------------------------------------------------


def test_huge_spans_are_bounded():
    g = grid_of("<table><tr><td colspan=1000 rowspan=65534>A</td></tr><tr><td>b</td></tr></table>")
    assert g.truncated
    assert g.width * g.height <= MAX_SLOTS
    assert g.cells[0].colspan == 1000
    assert g.cells[0].rowspan == 2  # clamped to the rows of its group
    check_consistent(g)


def test_many_wide_rows_are_truncated_not_exploding():
    html = "<table><tr><td colspan=1000>w</td></tr>" + "<tr><td>r</td></tr>" * 3000 + "</table>"
    g = grid_of(html)
    assert g.truncated
    assert g.width * g.height <= MAX_SLOTS
    assert g.height == MAX_SLOTS // 1000
    check_consistent(g)


# --- node_text ----------------------------------------------------------------------------------


def test_node_text_body_rules():
    doc = parse_html(
        "<html><head><title>标题不算</title><style>p{}</style></head><body>"
        "<h1>某某区2023年度政府信息公开工作年度报告</h1>"
        "<div class=TRS_Editor><p style='text-indent:2em'>　　本报告依据《条例》编制。</p>"
        "<p>一、总体<span>情况</span></p><ul><li>（一）主动公开</li><li>（二）依申请公开</li></ul>"
        "<div>甲<div>乙</div>丙</div>"
        "<p>电话：0591-1234&nbsp;5678；邮编：350400</p>"
        "<table><tr><td>项目</td><td>数量</td></tr><tr><td>规章</td><td>0</td></tr></table>"
        "<p><!--[if !supportLists]-->1.<!--[endif]-->第一点<br>第二行</p>"
        "<script>document.write('不可见')</script><p style='display:none'>隐藏段落</p>"
        "</div></body></html>"
    )
    assert node_text(doc.body) == "\n".join(
        [
            "某某区2023年度政府信息公开工作年度报告",
            "　　本报告依据《条例》编制。",  # U+3000 indentation is kept (not ASCII whitespace)
            "一、总体情况",
            "（一）主动公开",
            "（二）依申请公开",
            "甲",
            "乙",
            "丙",
            "电话：0591-1234\xa05678；邮编：350400",
            "项目\t数量",
            "规章\t0",
            "1.第一点",
            "第二行",
        ]
    )
    assert node_text(doc) == node_text(doc.body)  # <head> content is not visible text
    assert node_text(doc.css_first("li")) == "（一）主动公开"
    assert node_text(doc.css_first("li").first_child) == "（一）主动公开"  # a text node
    assert node_text(doc.css_first("script")) == ""


def test_node_text_pre_keeps_lines():
    doc = parse_html("<pre>一、总体情况\n  （一）主动公开\n\n二、其他</pre>")
    assert node_text(doc.body) == "一、总体情况\n（一）主动公开\n二、其他"


def test_clean_line():
    assert clean_line(" \t a  b \n") == "a b"
    assert clean_line("<!--[if !supportLists]-->（一）<!--[endif]-->") == "（一）"
    assert clean_line("x<!-- unterminated") == "x<!-- unterminated"


# --- parse_html -------------------------------------------------------------------------------


def test_parse_html_encodings():
    body = "<p>政府信息公开</p>"
    assert parse_html(body.encode("utf-8")).body.text() == "政府信息公开"
    assert parse_html(b"\xef\xbb\xbf" + body.encode("utf-8")).body.text() == "政府信息公开"
    declared = '<meta charset="gb2312">' + body
    assert parse_html(declared.encode("gbk")).body.text() == "政府信息公开"
    http_equiv = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">' + body
    assert parse_html(http_equiv.encode("gbk")).body.text() == "政府信息公开"
    assert parse_html(body.encode("gbk")).body.text() == "政府信息公开"  # undeclared legacy bytes
    assert parse_html(bytearray(body.encode())).body.text() == "政府信息公开"
    # A declaration after the first 1024 bytes (long <head>) is still honoured.
    late = "<head>" + "<!-- padding -->" * 100 + '<meta charset="big5"></head><p>政府資訊</p>'
    assert parse_html(late.encode("big5")).body.text() == "政府資訊"
    late_gb = late.replace("big5", "gb2312").replace("政府資訊", "政府信息")
    assert parse_html(late_gb.encode("gbk")).body.text() == "政府信息"
