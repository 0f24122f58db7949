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

The work is in three modules: `gridmodel` (the data), `grid_read` (the structure pass: spans
and cell text) and `grid_place` (the placement pass); this one forms a table and finds tables.
"""

from __future__ import annotations

import logging
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from parsers.dom import hidden_ids, is_hidden_element, node_text, parse_html
from parsers.grid_place import place
from parsers.grid_read import _HIDING_TAG_IDS, GridContext, parse_non_negative_integer, read_structure
from parsers.gridmodel import MAX_SLOTS, Grid, GridCell

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
        col_width, items, cells = read_structure(table_node, hidden, use_colgroups, context)
        return place(col_width, items, cells)
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
