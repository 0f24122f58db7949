"""HTML ``<table>`` → slot grid, following the HTML Standard's "forming a table" algorithm.

https://html.spec.whatwg.org/multipage/tables.html#forming-a-table

Why implement it ourselves: report tables are Word/CMS HTML with rowspan/colspan everywhere
(table 三's label column spans 20+ rows), attributes like ``colspan="2px"``, overlapping spans and
page-split duplicates. ``pandas.read_html`` aborts the *whole page* on one bad attribute; browsers
never do. Following the Standard gives the grid a browser would lay out, for any input.

What is implemented exactly as specified:

* ``colspan``/``rowspan``/``span`` are read with the "rules for parsing non-negative integers"
  (leading ASCII whitespace, optional ``+``, digits, anything after ignored: ``"2px"`` → 2;
  no digits → error → default 1; ``"-0"`` → 0). colspan 0 → 1, colspan ≤ 1000, rowspan ≤ 65534.
* ``rowspan=0``: the cell grows downward to the end of its row group (thead/tbody/tfoot, or the
  implicit group of ``<tr>`` children of ``<table>``), including rows created by other cells'
  rowspans.
* Row groups in tree order, except that every ``<tfoot>`` is placed after all other rows.
  ``<colgroup>``/``<col>`` before the first row widen the table (``span``, capped at 1000);
  a colgroup after the first row is ignored, as specified. ``<caption>`` is not part of the grid.
* A rowspan reaching past the last row adds rows (the spec's table model, as pandas also does;
  browsers' renderers clamp instead).
* Overlapping cells are kept: the first cell keeps the slot, the slot goes to ``Grid.overlaps``.

Deliberate differences, each because the Standard's DOM-level model and what a reader sees differ:

* Hidden ``<tr>``/``<td>``/``<th>``/row groups (``display:none`` inline style or ``hidden``) are
  treated as absent, since the browser lays the table out without them.
* ``rowspan=0`` always grows, also in quirks mode (most of these pages have no doctype; the
  Standard would then give the cell no slots at all, while browsers treat it as rowspan=1 or grow).
* When trailing ``<tr>`` children of ``<table>`` are followed only by pending ``<tfoot>``s, their
  row group is ended (downward-growing cells finished) before the tfoot rows are placed; the
  literal algorithm skips that step and would place the footer on top of rows created by rowspans.
  (Only reachable with DOMs not built by the HTML parser, which always wraps rows in ``<tbody>``.)
* Safety budget: a grid may not exceed ``MAX_SLOTS`` slots. A span that would push it over is
  clamped (rowspan to the end of its row group, then colspan to the current width, then 1×1);
  rows beyond the budget are dropped. ``Grid.truncated`` then says so. Real tables are far below
  the budget; it only stops ``<td colspan=1000 rowspan=65534>`` from allocating 65M slots.

Cell text comes from ``parsers.dom`` (block/``<p>``/``<br>`` boundaries as ``"\\n"``, hidden
content, scripts and comments out, ``&nbsp;`` kept as U+00A0).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from parsers.dom import HiddenMap, clean_line, hidden_ids, is_hidden_element, node_text, parse_html, text_of

log = logging.getLogger(__name__)

__all__ = [
    "GridCell",
    "Grid",
    "GridContext",
    "table_grid",
    "find_tables",
    "node_text",
    "parse_html",
    "parse_non_negative_integer",
    "MAX_SLOTS",
]

MAX_SLOTS = 2_000_000  # ~16 MB of slot references; real report tables use < 1000
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534


@dataclass(slots=True)
class GridCell:
    """One ``<td>``/``<th>``, with its anchor slot and the spans it was placed with."""

    text: str  # visible text; block/<p>/<br> boundaries as "\n"
    row: int  # anchor slot (top-left)
    col: int
    rowspan: int  # as placed: rowspan=0 resolved, clamps applied
    colspan: int
    header: bool  # <th>


@dataclass
class Grid:
    """The table's slots. ``slots[r][c]`` is the cell covering slot (row r, column c) or None."""

    width: int
    height: int
    slots: list[list[GridCell | None]]
    cells: list[GridCell]  # every placed cell, in tree order (tfoot cells where they are in the tree)
    overlaps: list[tuple[int, int]]  # (row, col) of slots claimed by more than one cell, once each
    truncated: bool = field(default=False)  # MAX_SLOTS budget hit; see module docstring

    def row_texts(self, r: int) -> list[str]:
        """Text of each slot of row ``r`` ('' where no cell); spanned cells repeat their text."""
        return ["" if c is None else c.text for c in self.slots[r]]


# --- attribute parsing ------------------------------------------------------------------------
_NON_NEGATIVE_INT = re.compile(r"[\t\n\f\r ]*(?:(-)|\+)?([0-9]+)")


def parse_non_negative_integer(value: str | None) -> int | None:
    """HTML "rules for parsing non-negative integers"; None for an error.

    Values too long to matter are returned as a huge number instead of being converted
    (``int()`` of a megabyte of digits is slow, and Python limits it anyway).

    >>> [parse_non_negative_integer(v) for v in ["3", " 2px", "+4", "-0", "-1", "x", "", None, "２"]]
    [3, 2, 4, 0, None, None, None, None, None]
    """
    if not value:
        return None
    if value.isascii() and value.isdigit():
        digits = value
        negative = False
    else:
        m = _NON_NEGATIVE_INT.match(value)
        if m is None:
            return None
        negative = m.group(1) == "-"
        digits = m.group(2)
    if len(digits) > 12:
        digits = digits.lstrip("0") or "0"
        if len(digits) > 12:
            return None if negative else 10**12
    n = int(digits)
    if negative and n != 0:
        return None
    return n


def _colspan(v: str | None) -> int:
    n = parse_non_negative_integer(v)
    if not n:  # error or zero
        return 1
    return _MAX_COLSPAN if n > _MAX_COLSPAN else n


def _rowspan(v: str | None) -> int:
    n = parse_non_negative_integer(v)
    if n is None:
        return 1
    return _MAX_ROWSPAN if n > _MAX_ROWSPAN else n  # 0 kept: "grows downward"


# --- structure pass ---------------------------------------------------------------------------


def _tag_ids() -> dict[str, int]:
    # lexbor's fixed ids of standard tags; comparing ints is much cheaper than building .tag strings
    probe = LexborHTMLParser("")
    names = "thead tbody tfoot tr td th colgroup col noscript template head".split()
    return {n: probe.create_node(n).tag_id for n in names}


_IDS = _tag_ids()
_THEAD, _TBODY, _TFOOT, _TR = _IDS["thead"], _IDS["tbody"], _IDS["tfoot"], _IDS["tr"]
_TD, _TH, _COLGROUP, _COL = _IDS["td"], _IDS["th"], _IDS["colgroup"], _IDS["col"]
_GROUP_IDS = frozenset((_THEAD, _TBODY, _TFOOT))
# Ancestors whose content is never shown, whatever their attributes.
_HIDING_TAG_IDS = frozenset((_IDS["noscript"], _IDS["template"], _IDS["head"]))

# A row is a list of (cell, colspan, rowspan as parsed: 0 = grows downward).
_Row = list[tuple[GridCell, int, int]]
# Items in tree order: ("rows", [...]) for a run of <tr> children of <table>,
# ("group", [...]) for thead/tbody, ("tfoot", [...]).
_Item = tuple[str, list[_Row]]
# (hidden element ids, ids of cells with a span attribute, whether cell text may take the C path)
_Ctx = tuple[set[int], set[int], bool]
# Elements whose text a reader never sees but lexbor's text() returns; their presence in a table
# turns the single-text-node shortcut off for that table.
_NOT_SHOWN = "script, style, noscript, template, textarea, pre, xmp, listing, plaintext, noembed, noframes"


def _cell_text(cell: Any) -> str:
    """`text_of` with a C-level shortcut for the common cell holding a single text node
    (`<td><p><span>0</span></p></td>`): with one text node there is no block boundary to keep,
    so lexbor's own text walk gives the same line. Cells with several text nodes take the full
    walk; tables with hidden or never-shown elements never come here."""
    t = cell.text(deep=True, separator="\x00")
    if "\x00" not in t:
        # clean_line's own fast path, inlined: this runs for nearly every cell of every table
        if t.isprintable() and "  " not in t and "<!" not in t:
            return t.strip(" ")
        return clean_line(t)
    return text_of(cell, _NO_HIDDEN)


_NO_HIDDEN: frozenset[int] = frozenset()


def _read_row(tr: Any, ctx: _Ctx, cells: list[GridCell]) -> _Row:
    hidden, spanned, fast = ctx
    row: _Row = []
    if fast and not spanned:
        # the common row: no hidden element, no span attribute in the whole table
        for c in tr.iter():
            tid = c.tag_id
            if tid == _TD or tid == _TH:
                cell = GridCell(_cell_text(c), -1, -1, 1, 1, tid == _TH)
                cells.append(cell)
                row.append((cell, 1, 1))
        return row
    for c in tr.iter():
        tid = c.tag_id
        if tid != _TD and tid != _TH:
            continue
        if hidden or spanned:
            mid = c.mem_id
            if hidden and mid in hidden:
                continue
        else:
            mid = 0
        if spanned and mid in spanned:
            attrs = c.attrs
            cs = _colspan(attrs.get("colspan"))
            rs = _rowspan(attrs.get("rowspan"))
        else:
            cs = rs = 1
        cell = GridCell(_cell_text(c) if fast else text_of(c, hidden), -1, -1, rs, cs, tid == _TH)
        cells.append(cell)
        row.append((cell, cs, rs))
    return row


def _read_rows(group: Any, ctx: _Ctx, cells: list[GridCell]) -> list[_Row]:
    hidden = ctx[0]
    return [
        _read_row(tr, ctx, cells)
        for tr in group.iter()
        if tr.tag_id == _TR and not (hidden and tr.mem_id in hidden)
    ]


class GridContext:
    """What `table_grid` asks the DOM once per table, asked once for a whole subtree instead.

    Each answer is a CSS query over the subtree (lexbor walks the tree once per selector), so a
    page with five tables pays for one walk, not five: hidden elements (`HiddenMap`), the cells
    with a span attribute, and whether any never-shown element (``<pre>``, ``<textarea>``…) is
    there at all. Valid for tables inside ``root`` only.

    >>> doc = parse_html("<div><table><tr><td colspan=2>a</table><table><tr><td>b</table></div>")
    >>> ctx = GridContext(doc.body)
    >>> [table_grid(t, context=ctx).width for t in doc.css("table")]
    [2, 1]
    """

    __slots__ = ("hidden", "spanned", "has_unshown")

    def __init__(self, root: Any) -> None:
        self.hidden = HiddenMap(root)
        self.spanned: set[int] = {n.mem_id for n in root.css("[colspan],[rowspan]")}
        self.has_unshown = root.css_first(_NOT_SHOWN) is not None


def _read_structure(
    table: Any, hidden: set[int], use_colgroups: bool, context: GridContext | None = None
) -> tuple[int, list[_Item], list[GridCell]]:
    """Walk the table's own children once, in tree order; read spans and cell text."""
    # Reading attributes is the costly part of a cell (Word styles are long strings); one C-level
    # query tells which cells have a span attribute at all, the rest are 1×1 without a lookup.
    if context is None:
        fast = not hidden and table.css_first(_NOT_SHOWN) is None
        spanned = {n.mem_id for n in table.css("[colspan],[rowspan]")}
    else:
        fast = not hidden and (not context.has_unshown or table.css_first(_NOT_SHOWN) is None)
        spanned = context.spanned
    ctx: _Ctx = (hidden, spanned, fast)
    col_width = 0
    items: list[_Item] = []
    cells: list[GridCell] = []
    rows_started = False
    for child in table.iter():
        tid = child.tag_id
        if tid == _COLGROUP:
            # Column groups count only before the first row/row group (steps 8-9).
            if rows_started or not use_colgroups:
                continue
            cols = [c for c in child.iter() if c.tag_id == _COL]
            if cols:
                for col in cols:
                    col_width += _colspan(col.attrs.get("span"))
            else:
                col_width += _colspan(child.attrs.get("span"))
            continue
        if tid != _TR and tid not in _GROUP_IDS:
            continue  # caption, text, comments, stray elements: skipped by "advance"
        if hidden and child.mem_id in hidden:
            continue  # treated as absent (see module docstring)
        rows_started = True
        if tid == _TR:
            row = _read_row(child, ctx, cells)
            if items and items[-1][0] == "rows":
                items[-1][1].append(row)
            else:
                items.append(("rows", [row]))
        else:
            items.append(("tfoot" if tid == _TFOOT else "group", _read_rows(child, ctx, cells)))
    return col_width, items, cells


# --- placement pass ---------------------------------------------------------------------------


class _Truncated(Exception):
    """The slot budget is exhausted: stop placing."""


class _Placer:
    """The Standard's placement state (x_width, y_height, y_current, downward-growing cells)."""

    __slots__ = ("width", "height", "y", "rows", "growing", "overlaps", "_seen_overlap", "truncated")

    def __init__(self, width: int) -> None:
        self.width = width
        self.height = 0
        self.y = 0
        # Rows are allocated lazily short (None-padded at the end); a slot past len(row) is empty.
        self.rows: list[list[GridCell | None]] = []
        self.growing: list[tuple[GridCell, int, int]] = []
        self.overlaps: list[tuple[int, int]] = []
        self._seen_overlap: set[tuple[int, int]] = set()
        self.truncated = False

    def _add_rows(self, new_height: int) -> None:
        if new_height * max(self.width, 1) > MAX_SLOTS:
            self.truncated = True
            raise _Truncated
        while self.height < new_height:
            self.rows.append([])
            self.height += 1

    def _cover(self, cell: GridCell, x0: int, x1: int, y: int) -> None:
        r = self.rows[y]
        if len(r) < x1:
            r.extend([None] * (x1 - len(r)))
        for x in range(x0, x1):
            if r[x] is None:
                r[x] = cell
            else:
                key = (y, x)
                if key not in self._seen_overlap:
                    self._seen_overlap.add(key)
                    self.overlaps.append(key)

    def _grow_downward(self) -> None:
        y = self.y
        for cell, x, cs in self.growing:
            self._cover(cell, x, x + cs, y)
            cell.rowspan += 1

    def end_row_group(self) -> None:
        while self.y < self.height:
            self._grow_downward()
            self.y += 1
        self.growing.clear()

    def _fit(self, x: int, cs: int, rs: int, rows_left: int) -> tuple[int, int]:
        """Clamp spans that would exceed the slot budget (never triggers on sane tables)."""

        def size(cs: int, rs: int) -> int:
            return max(self.width, x + cs) * max(self.height, self.y + rs)

        if size(cs, rs) <= MAX_SLOTS:
            return cs, rs
        self.truncated = True
        rs = max(1, min(rs, rows_left))
        if size(cs, rs) > MAX_SLOTS:
            cs = max(1, min(cs, self.width - x))
        if size(cs, rs) > MAX_SLOTS:
            cs = rs = 1
        if size(cs, rs) > MAX_SLOTS:
            raise _Truncated
        return cs, rs

    def row(self, cells: _Row, rows_left: int) -> None:
        """The Standard's "algorithm for processing rows"."""
        if self.height == self.y:
            self._add_rows(self.height + 1)
        if self.growing:
            self._grow_downward()
        y = self.y
        x = 0
        slots = self.rows[y]
        for cell, cs, rs in cells:
            n = len(slots)
            while x < n and slots[x] is not None:
                x += 1
            if cs == 1 and rs == 1:
                # Fast path, the overwhelmingly common 1×1 cell: slot x is free (or just past
                # the row's end), so no overlap is possible.
                if x >= self.width:
                    if (x + 1) * self.height > MAX_SLOTS:
                        self._fit(x, 1, 1, rows_left)  # raises _Truncated
                    self.width = x + 1
                if x == n:
                    slots.append(cell)
                else:
                    slots[x] = cell
                cell.row = y
                cell.col = x
                x += 1
                continue
            grows = rs == 0
            if grows:
                rs = 1
            if rs > rows_left or x + cs > self.width:
                cs, rs = self._fit(x, cs, rs, rows_left)
            if x + cs > self.width:
                self.width = x + cs
            if y + rs > self.height:
                self._add_rows(y + rs)
            for yy in range(y, y + rs):
                self._cover(cell, x, x + cs, yy)
            cell.row, cell.col, cell.rowspan, cell.colspan = y, x, rs, cs
            if grows:
                self.growing.append((cell, x, cs))
            x += cs
        self.y += 1

    def rows_of(self, rows: list[_Row]) -> None:
        n = len(rows)
        for i, r in enumerate(rows):
            self.row(r, n - i)

    def row_group(self, rows: list[_Row]) -> None:
        """The Standard's "algorithm for processing row groups"."""
        self.rows_of(rows)
        self.end_row_group()


def _place(col_width: int, items: list[_Item], cells: list[GridCell]) -> Grid:
    p = _Placer(col_width)
    pending: list[list[_Row]] = []
    try:
        for kind, rows in items:
            if kind == "rows":
                p.rows_of(rows)
                continue
            p.end_row_group()
            if kind == "tfoot":
                pending.append(rows)
            else:
                p.row_group(rows)
        p.end_row_group()  # see module docstring: finish trailing bare rows before the footers
        for rows in pending:
            p.row_group(rows)
    except _Truncated:
        cells = [c for c in cells if c.row >= 0]
    width = p.width
    for r in p.rows:
        if len(r) < width:
            r.extend([None] * (width - len(r)))
    return Grid(width, p.height, p.rows, cells, p.overlaps, p.truncated)


def table_grid(table_node: Any, *, use_colgroups: bool = True, context: GridContext | None = None) -> Grid:
    """Form the grid of a ``<table>`` node (a selectolax lexbor node). Never raises.

    ``use_colgroups=False`` ignores ``<colgroup>``/``<col>``: Excel-exported tables sometimes
    declare hundreds of unused trailing columns (``<col span=250>``), which per the Standard widen
    the table with empty columns. ``context``: a `GridContext` of an ancestor, shared by all the
    tables of a page (the per-table DOM queries are then asked once for the page).

    >>> t = parse_html("<table><tr><td rowspan=2>项目<td colspan='2px'>数量</tr>"
    ...                "<tr><th>本年<br>新增<th>累计</table>").css_first("table")
    >>> g = table_grid(t)
    >>> (g.width, g.height), [g.row_texts(r) for r in range(g.height)]
    ((3, 2), [['项目', '数量', '数量'], ['项目', '本年\\n新增', '累计']])
    """
    if table_node is None:
        return Grid(0, 0, [], [], [])
    try:
        hidden = hidden_ids(table_node) if context is None else context.hidden.within(table_node)
        col_width, items, cells = _read_structure(table_node, hidden, use_colgroups, context)
        return _place(col_width, items, cells)
    except Exception:
        log.warning("table_grid failed; returning an empty grid", exc_info=True)
        return Grid(0, 0, [], [], [])


def find_tables(root_node: Any, *, include_hidden: bool = False) -> list[Any]:
    """All ``<table>`` nodes in ``root_node``'s subtree (itself included), in document order.

    Tables that are hidden (``display:none``/``hidden`` on the table or any ancestor, up to the
    document root, also outside ``root_node``) or inside ``<noscript>`` are skipped unless
    ``include_hidden`` (some sites keep a second copy of the article in a hidden tab). Nested
    tables are returned as tables of their own. Accepts a parser too. Never raises.

    >>> doc = parse_html("<table id=a><tr><td><table id=b><tr><td>x</table></table>"
    ...                  "<div style='DISPLAY: NONE'><table id=c></table></div>")
    >>> [t.id for t in find_tables(doc)], [t.id for t in find_tables(doc, include_hidden=True)]
    (['a', 'b'], ['a', 'b', 'c'])
    """
    try:
        if root_node is None:
            return []
        if isinstance(root_node, LexborHTMLParser):
            root_node = root_node.root
            if root_node is None:
                return []
        tables = root_node.css("table")
        if include_hidden or not tables:
            return tables
        # Walking up from each table is far cheaper than a CSS query for hidden elements over
        # the whole page (that query scans every style attribute); tables share most ancestors,
        # so the answers are memoised per node.
        memo: dict[int, bool] = {}
        return [t for t in tables if not _hidden_in_ancestry(t, memo)]
    except Exception:
        log.warning("find_tables failed", exc_info=True)
        return []


def _hidden_in_ancestry(node: Any, memo: dict[int, bool]) -> bool:
    visited: list[int] = []
    result = False
    while node is not None and node.is_element_node:
        mid = node.mem_id
        known = memo.get(mid)
        if known is not None:
            result = known
            break
        visited.append(mid)
        if node.tag_id in _HIDING_TAG_IDS or is_hidden_element(node):
            result = True
            break
        node = node.parent
    for mid in visited:
        memo[mid] = result
    return result
