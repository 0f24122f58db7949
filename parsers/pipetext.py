"""Flattened "pipe" tables (spec/pipe-text.md) back into rows.

A line that is exactly `|` opens a row; each following `TEXT |` line is one cell; a run of extra
pipes after the last cell is padding to the widest row, not a colspan. A line without a trailing
pipe ends the table (the narrative resumes). A line of only whitespace and one pipe (" |") is an
empty cell, distinct from the bare row opener.
"""

from __future__ import annotations

import re

from .recognize import Row

_CELL_RE = re.compile(r"^(?P<text>.*?)\s*\|(?P<pad>[\s|]*)$")


def looks_like_pipe_text(text: str) -> bool:
    """At least a handful of row openers and cell lines.

    >>> looks_like_pipe_text("|\\n规章 |\\n0 |\\n|\\n行政许可 |\\n0 | ||\\n|\\na |\\n|\\nb |\\n|\\nc |")
    True
    >>> looks_like_pipe_text("一、总体情况\\n本年度 | 略")
    False
    """
    openers = cells = 0
    for line in text.splitlines():
        if line.rstrip() == "|":
            openers += 1
        elif line.rstrip().endswith("|"):
            cells += 1
    return openers >= 5 and cells >= openers


def pipe_rows(text: str) -> list[Row]:
    """Rows of every pipe table in `text`, in order; `Row.source` numbers the tables.

    >>> [r.cells for r in pipe_rows("x\\n|\\n规章 |\\n0 |\\n 1 | ||\\n|\\n |\\n2 |\\ny")]
    [['规章', '0', '1'], ['', '2']]
    """
    rows: list[Row] = []
    current: list[str] | None = None
    table = 0
    for line in text.splitlines():
        if line.rstrip() == "|" and not line[:1].isspace():
            if current is not None:
                rows.append(Row(current, table))
            current = []
            continue
        m = _CELL_RE.match(line) if current is not None else None
        if m is None:
            if current is not None:
                rows.append(Row(current, table))
                current = None
                table += 1
            continue
        current.append(m.group("text").strip())  # type: ignore[union-attr]
    if current is not None:
        rows.append(Row(current, table))
    return [r for r in rows if r.cells]
