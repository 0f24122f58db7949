"""The grid data model: `GridCell`, `Grid` and the slot budget, shared by the read and place passes.

See `parsers.grid` for the algorithm (the HTML Standard's "forming a table") and its deliberate
differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SLOTS = 2_000_000  # ~16 MB of slot references; real report tables use < 1000


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


# A row is a list of (cell, colspan, rowspan as parsed: 0 = grows downward).
Row = list[tuple[GridCell, int, int]]
# Items in tree order: ("rows", [...]) for a run of <tr> children of <table>,
# ("group", [...]) for thead/tbody, ("tfoot", [...]).
Item = tuple[str, list[Row]]
