"""The placement pass of `parsers.grid`: the HTML Standard's "algorithm for processing rows" and
row groups, placing read rows of (cell, colspan, rowspan) into slots.

Overlapping cells are kept (the first keeps the slot; the slot is listed in `Grid.overlaps`), and
a grid never exceeds `MAX_SLOTS` slots: spans that would are clamped and `Grid.truncated` says so.
"""

from __future__ import annotations

from parsers.gridmodel import MAX_SLOTS, Grid, GridCell, Item, Row


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

    def row(self, cells: Row, rows_left: int) -> None:
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

    def rows_of(self, rows: list[Row]) -> None:
        n = len(rows)
        for i, r in enumerate(rows):
            self.row(r, n - i)

    def row_group(self, rows: list[Row]) -> None:
        """The Standard's "algorithm for processing row groups"."""
        self.rows_of(rows)
        self.end_row_group()


def place(col_width: int, items: list[Item], cells: list[GridCell]) -> Grid:
    p = _Placer(col_width)
    pending: list[list[Row]] = []
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
