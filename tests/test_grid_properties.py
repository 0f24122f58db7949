"""Property tests for parsers.grid.

1. Random span tables (spans incl. 0 and garbage, row groups incl. tfoot, colgroups, hidden rows
   and cells) against a brute-force reference written independently here: a literal, slot-by-slot
   transcription of the HTML Standard's "forming a table" on an abstract table description, with
   its own attribute parser. It shares no code with parsers.grid.
2. Differential test against pandas.read_html (lxml) on tables where pandas is right: positive
   integer spans, no overlaps, one tbody, every slot covered.
3. Fuzzing: arbitrary tag soup never raises and always yields a consistent grid.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.grid import MAX_SLOTS, Grid, find_tables, node_text, parse_html, table_grid

# --- abstract tables ----------------------------------------------------------------------------


@dataclass
class RCell:
    header: bool
    colspan: str | None
    rowspan: str | None
    hidden: bool = False
    id: int = -1


@dataclass
class RRow:
    cells: list[RCell]
    hidden: bool = False


@dataclass
class RGroup:
    kind: str  # "thead" | "tbody" | "tfoot" | "implicit" (rows written without a group tag)
    rows: list[RRow]
    hidden: bool = False


@dataclass
class RTable:
    colgroups: list[tuple[str | None, list[str | None]]] = field(default_factory=list)
    groups: list[RGroup] = field(default_factory=list)
    caption: bool = False
    late_colgroup: bool = False  # a <colgroup> after the rows: ignored by the algorithm


def _attr(name: str, value: str | None) -> str:
    return "" if value is None else f' {name}="{value}"'


def to_html(t: RTable) -> str:
    out = ["<table>"]
    if t.caption:
        out.append("<caption>cap</caption>")
    for span, cols in t.colgroups:
        out.append(f"<colgroup{_attr('span', span)}>")
        out.extend(f"<col{_attr('span', c)}>" for c in cols)
        out.append("</colgroup>")
    for g in t.groups:
        if g.kind != "implicit":
            out.append(f"<{g.kind}{' hidden' if g.hidden else ''}>")
        for r in g.rows:
            out.append(f"<tr{' hidden' if r.hidden else ''}>")
            for c in r.cells:
                tag = "th" if c.header else "td"
                out.append(
                    f"<{tag}{_attr('colspan', c.colspan)}{_attr('rowspan', c.rowspan)}"
                    f"{' hidden' if c.hidden else ''}>c{c.id}</{tag}>"
                )
            out.append("</tr>")
        if g.kind != "implicit":
            out.append(f"</{g.kind}>")
    if t.late_colgroup:
        out.append('<colgroup span="7"><col span="3"></colgroup>')
    out.append("</table>")
    return "".join(out)


# --- the reference model ------------------------------------------------------------------------


def ref_non_negative_integer(s: str | None) -> int | None:
    """HTML "rules for parsing non-negative integers", character by character."""
    if s is None:
        return None
    i, n = 0, len(s)
    while i < n and s[i] in " \t\n\f\r":
        i += 1
    if i == n:
        return None
    sign = 1
    if s[i] == "-":
        sign = -1
        i += 1
    elif s[i] == "+":
        i += 1
    if i == n or s[i] not in "0123456789":
        return None
    value = 0
    while i < n and s[i] in "0123456789":
        value = value * 10 + "0123456789".index(s[i])
        i += 1
    value *= sign
    return None if value < 0 else value


def ref_span(s: str | None, cap: int) -> int:
    v = ref_non_negative_integer(s)
    return 1 if not v else min(v, cap)


def ref_rowspan(s: str | None) -> int:
    v = ref_non_negative_integer(s)
    return 1 if v is None else min(v, 65534)


def parsed_groups(t: RTable) -> list[RGroup]:
    """The row groups as the HTML parser builds them: rows without a group tag get an implicit
    tbody (consecutive ones share it), hidden groups/rows/cells are treated as absent."""
    groups: list[RGroup] = []
    for g in t.groups:
        if g.kind == "implicit":
            if not g.rows:
                continue
            if groups and groups[-1].kind == "implicit":
                groups[-1] = RGroup("implicit", groups[-1].rows + g.rows)
                continue
            g = RGroup("implicit", g.rows)  # no element, so nothing to hide
        groups.append(g)
    return [g for g in groups if not g.hidden]


def reference(t: RTable) -> dict:
    x_width = 0
    for span, cols in t.colgroups:
        if cols:
            x_width += sum(ref_span(c, 1000) for c in cols)
        else:
            x_width += ref_span(span, 1000)
    if t.late_colgroup and not parsed_groups(t):
        x_width += 3  # no row or row group precedes it after all: it counts (its <col span=3>)
    y_height = 0
    y_current = 0
    slots: dict[tuple[int, int], list[int]] = {}  # (x, y) -> ids of every cell covering it
    placed: dict[int, list[int]] = {}  # id -> [x, y, width, height]
    growing: list[tuple[int, int, int]] = []
    pending: list[RGroup] = []

    def grow() -> None:
        for cid, x0, w in growing:
            for x in range(x0, x0 + w):
                slots.setdefault((x, y_current), []).append(cid)
            placed[cid][3] += 1

    def process_row(row: RRow) -> None:
        nonlocal x_width, y_height, y_current
        if y_height == y_current:
            y_height += 1
        x_current = 0
        grow()
        cells = [c for c in row.cells if not c.hidden]
        if not cells:
            y_current += 1
            return
        for c in cells:
            while x_current < x_width and slots.get((x_current, y_current)):
                x_current += 1
            if x_current == x_width:
                x_width += 1
            colspan = ref_span(c.colspan, 1000)
            rowspan = ref_rowspan(c.rowspan)
            grows_down = rowspan == 0
            if grows_down:
                rowspan = 1
            x_width = max(x_width, x_current + colspan)
            y_height = max(y_height, y_current + rowspan)
            for x in range(x_current, x_current + colspan):
                for y in range(y_current, y_current + rowspan):
                    slots.setdefault((x, y), []).append(c.id)
            placed[c.id] = [x_current, y_current, colspan, rowspan]
            if grows_down:
                growing.append((c.id, x_current, colspan))
            x_current += colspan
        y_current += 1

    def end_row_group() -> None:
        nonlocal y_current
        while y_current < y_height:
            grow()
            y_current += 1
        growing.clear()

    def process_row_group(g: RGroup) -> None:
        for r in g.rows:
            if not r.hidden:
                process_row(r)
        end_row_group()

    for g in parsed_groups(t):
        end_row_group()
        if g.kind == "tfoot":
            pending.append(g)
        else:
            process_row_group(g)
    for g in pending:
        process_row_group(g)

    tree_order = [
        c.id for g in parsed_groups(t) for r in g.rows if not r.hidden for c in r.cells if not c.hidden
    ]
    headers = {c.id: c.header for g in t.groups for r in g.rows for c in r.cells}
    return {
        "width": x_width,
        "height": y_height,
        "owner": {(y, x): ids[0] for (x, y), ids in slots.items()},
        "overlaps": sorted((y, x) for (x, y), ids in slots.items() if len(ids) > 1),
        "cells": [
            (f"c{i}", placed[i][1], placed[i][0], placed[i][3], placed[i][2], headers[i]) for i in tree_order
        ],
    }


def observed(g: Grid) -> dict:
    return {
        "width": g.width,
        "height": g.height,
        "owner": {
            (y, x): int(cell.text[1:])
            for y, row in enumerate(g.slots)
            for x, cell in enumerate(row)
            if cell is not None
        },
        "overlaps": sorted(g.overlaps),
        "cells": [(c.text, c.row, c.col, c.rowspan, c.colspan, c.header) for c in g.cells],
    }


# --- strategies ---------------------------------------------------------------------------------

# fmt: off
SPAN_VALUES = [None, None, None, "1", "2", "3", "0", "-0", "-1", "2px", " 2", "+3", "abc", "", "1.9", "\t3x", "+-2"]
# fmt: on
ROWSPAN_VALUES = [*SPAN_VALUES, "4", "0", " 0"]
COLSPAN_VALUES = [*SPAN_VALUES, "1001"]  # the 1000 cap, occasionally

cells_st = st.builds(
    RCell,
    header=st.booleans(),
    colspan=st.sampled_from(COLSPAN_VALUES),
    rowspan=st.sampled_from(ROWSPAN_VALUES),
    hidden=st.integers(0, 12).map(lambda n: n == 0),
)
rows_st = st.builds(
    RRow, cells=st.lists(cells_st, max_size=4), hidden=st.integers(0, 12).map(lambda n: n == 0)
)
groups_st = st.builds(
    RGroup,
    kind=st.sampled_from(["thead", "tbody", "tfoot", "implicit", "implicit"]),
    rows=st.lists(rows_st, max_size=4),
    hidden=st.integers(0, 15).map(lambda n: n == 0),
)
colgroups_st = st.lists(
    st.tuples(
        st.sampled_from([None, "2", "0", "x", "3px"]), st.lists(st.sampled_from([None, "2", "0"]), max_size=2)
    ),
    max_size=2,
)
tables_st = st.builds(
    RTable,
    colgroups=colgroups_st,
    groups=st.lists(groups_st, max_size=4),
    caption=st.booleans(),
    late_colgroup=st.booleans(),
)


def number_cells(t: RTable) -> RTable:
    i = 0
    for g in t.groups:
        for r in g.rows:
            for c in r.cells:
                c.id = i
                i += 1
    return t


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_st.map(number_cells))
def test_matches_reference_model(t: RTable):
    html = to_html(t)
    table = parse_html(html).css_first("table")
    g = table_grid(table)
    assert observed(g) == reference(t), html
    assert len(set(g.overlaps)) == len(g.overlaps)
    assert not g.truncated
    assert all(len(r) == g.width for r in g.slots) and len(g.slots) == g.height


# --- differential: pandas.read_html -------------------------------------------------------------


@st.composite
def tiled_tables(draw) -> list[list[tuple[int, int]]]:
    """A W×H grid tiled by non-overlapping rectangles; returns each row's cells (colspan, rowspan)
    in the order the HTML lists them (row-major by anchor)."""
    width = draw(st.integers(1, 5))
    height = draw(st.integers(1, 5))
    taken = [[False] * width for _ in range(height)]
    rows: list[list[tuple[int, int]]] = [[] for _ in range(height)]
    for y in range(height):
        for x in range(width):
            if taken[y][x]:
                continue
            max_w = 1
            while x + max_w < width and not taken[y][x + max_w] and max_w < 3:
                max_w += 1
            w = draw(st.integers(1, max_w))
            max_h = 1
            while y + max_h < height and max_h < 3 and not any(taken[y + max_h][x : x + w]):
                max_h += 1
            h = draw(st.integers(1, max_h))
            for yy in range(y, y + h):
                for xx in range(x, x + w):
                    taken[yy][xx] = True
            rows[y].append((w, h))
    return rows


@settings(max_examples=150, deadline=None)
@given(tiled_tables(), st.booleans())
def test_agrees_with_pandas_where_pandas_is_right(rows, spell_out_ones):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("lxml")
    n = 0
    parts = ["<table>"]
    for r in rows:
        parts.append("<tr>")
        for w, h in r:
            cs = f' colspan="{w}"' if w > 1 or spell_out_ones else ""
            rs = f' rowspan="{h}"' if h > 1 or spell_out_ones else ""
            parts.append(f"<td{cs}{rs}>c{n}</td>")
            n += 1
        parts.append("</tr>")
    parts.append("</table>")
    html = "".join(parts)

    g = table_grid(parse_html(html).css_first("table"))
    assert g.overlaps == [] and all(s is not None for r in g.slots for s in r)
    ours = [g.row_texts(r) for r in range(g.height)]

    (df,) = pd.read_html(io.StringIO(html), flavor="lxml", header=None)
    theirs = [[str(v) for v in row] for row in df.astype(object).values.tolist()]
    assert ours == theirs, html


# --- fuzzing ------------------------------------------------------------------------------------

# fmt: off
TOKENS = [
    "<table>", "</table>", "<table style='display:none'>", "<tr>", "</tr>", "<tr hidden>",
    "<td>", "</td>", "<th>", "</th>", "<td rowspan=0>", "<td rowspan='2px'>", "<th colspan=0>",
    "<td colspan=3 rowspan=2>", "<td colspan=1000 rowspan=65534>", "<td rowspan=-0>",
    "<thead>", "</thead>", "<tbody>", "</tbody>", "<tfoot>", "</tfoot>", "<caption>", "</caption>",
    "<colgroup span=4>", "<col span=2>", "</colgroup>", "<p>", "</p>", "<br>", "<div hidden>", "</div>",
    "<span style='display:none'>", "</span>", "<script>x<y</script>", "<style>", "</style>",
    "<!--", "-->", "<!--[if !supportLists]-->", "&lt;!--[endif]--&gt;", "<![endif]>", "<o:p>",
    "</o:p>", "<pre>", "</pre>", "<template>", "</template>", "<noscript>", "&nbsp;", "文本", "12",
    " ", "\n", "<form>", "<select><option>", "<svg><text>s</text></svg>", "<math>", "\x00", "\ufffd",
]
# fmt: on


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_tag_soup_never_raises(tokens):
    doc = parse_html("".join(tokens))
    for table in find_tables(doc, include_hidden=True):
        g = table_grid(table)
        assert len(g.slots) == g.height
        assert all(len(r) == g.width for r in g.slots)
        assert g.width * g.height <= MAX_SLOTS
        for c in g.cells:
            assert 0 <= c.row < g.height and 0 <= c.col < g.width
            assert c.rowspan >= 1 and c.colspan >= 1
            assert c.row + c.rowspan <= g.height and c.col + c.colspan <= g.width
    assert isinstance(node_text(doc), str)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_arbitrary_input_never_raises(data):
    doc = parse_html(data)
    for table in find_tables(doc):
        table_grid(table)
    node_text(doc)
