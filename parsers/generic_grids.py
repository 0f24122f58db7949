"""Tables outside the 2019/2021 templates kept as generic grids (schema.md: pre-2019 reports).

A pre-2019 report's statistics table ("政府信息公开情况统计表": 指标名称 · 计量单位 · 本年度 · 历年累计)
has no national layout, so its cells are never mapped to template keys. What an analyst can still
rely on is where each cell sits and what it says: one `GenericCell` per anchor cell, with its
spans as placed by the HTML table algorithm and its text read as a value where it is one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .grid import Grid
from .model import GenericCell
from .values import parse_value


def generic_cells(grids: Iterable[tuple[int, Grid]]) -> list[GenericCell]:
    """Every cell of every grid, in table, row and column order.

    >>> from parsers.grid import parse_html, table_grid
    >>> t = parse_html("<table><tr><td rowspan=2>主动公开文件数<td>条<td>3,460<tr><td>件<td>/</table>")
    >>> [(c.row, c.col, c.rowspan, c.text, c.value, c.value_kind) for c in generic_cells([(0, table_grid(t.css_first("table")))])]
    [(0, 0, 2, '主动公开文件数', None, 'text'), (0, 1, 1, '条', None, 'text'), (0, 2, 1, '3,460', 3460.0, 'number'), (1, 1, 1, '件', None, 'text'), (1, 2, 1, '/', None, 'na')]
    """
    out: list[GenericCell] = []
    for index, grid in grids:
        for cell in sorted((c for c in grid.cells if c.row >= 0), key=lambda c: (c.row, c.col)):
            value, kind, unit = parse_value(cell.text)
            out.append(GenericCell(index, cell.row, cell.col, cell.rowspan, cell.colspan, cell.text, value, kind, unit))
    return out
