"""The structure pass of `parsers.grid`: walk a ``<table>``'s rows once, read spans and cell text.

Spans are read with the HTML Standard's "rules for parsing non-negative integers" (``"2px"`` → 2,
garbage → 1, colspan 0 → 1, colspan ≤ 1000, rowspan ≤ 65534, rowspan 0 kept: it grows downward).
Hidden rows and cells are left out; cell text keeps ``<p>``/``<br>`` boundaries (`parsers.dom`).
Every cell of every table passes through here, so the common cases take C-level shortcuts.
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from parsers.dom import HiddenMap, clean_line, text_of
from parsers.gridmodel import GridCell, Item, Row
from parsers.hidden_elements import keeps_its_box

_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534

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


def _read_row(tr: Any, ctx: _Ctx, cells: list[GridCell]) -> Row:
    hidden, spanned, fast = ctx
    row: Row = []
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
        shown = True
        if hidden or spanned:
            mid = c.mem_id
            if hidden and mid in hidden:
                if not keeps_its_box(c):
                    continue
                shown = False  # visibility:hidden: the cell keeps its slot, its text is not shown
        else:
            mid = 0
        if spanned and mid in spanned:
            attrs = c.attrs
            cs = _colspan(attrs.get("colspan"))
            rs = _rowspan(attrs.get("rowspan"))
        else:
            cs = rs = 1
        text = (_cell_text(c) if fast else text_of(c, hidden)) if shown else ""
        cell = GridCell(text, -1, -1, rs, cs, tid == _TH)
        cells.append(cell)
        row.append((cell, cs, rs))
    return row


def _read_rows(group: Any, ctx: _Ctx, cells: list[GridCell]) -> list[Row]:
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

    >>> from parsers.grid import parse_html, table_grid
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


def read_structure(
    table: Any, hidden: set[int], use_colgroups: bool, context: GridContext | None = None
) -> tuple[int, list[Item], list[GridCell]]:
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
    items: list[Item] = []
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
