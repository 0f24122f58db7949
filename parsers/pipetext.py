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


def looks_like_cell_per_line(text: str) -> bool:
    r"""The other flattened form: one cell per line, a bare `|` line between cells, no row marks.

    >>> looks_like_cell_per_line("信息内容\n|\n本年制发件数\n|\n规章\n|\n0\n|\n0\n|\n0\n|\n行政许可\n|\n5")
    True
    >>> looks_like_cell_per_line("|\n规章 |\n0 |\n|\n许可 |\n0 |")
    False
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    bars = sum(1 for ln in lines if ln == "|")
    piped = sum(1 for ln in lines if ln != "|" and ln.endswith("|"))
    return bars >= 5 and piped * 4 < bars


def cells_as_tokens(text: str) -> str:
    r"""Join one-cell-per-line text into space-separated tokens for the glued-text reader; an
    empty cell becomes "—" so that it still occupies its place (the reader reads it as `na`).

    >>> cells_as_tokens("规章\n|\n0\n|\n\n|\n3\n五、存在问题")
    '规章 0 — 3\n五、存在问题'
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    n = len(lines)
    out: list[str] = []
    run: list[str] = []
    for i, line in enumerate(lines):
        if line == "|":
            if i > 0 and lines[i - 1] == "|":
                run.append("—")  # two bars in a row: an empty cell between them
            continue
        in_run = (i > 0 and lines[i - 1] == "|") or (i + 1 < n and lines[i + 1] == "|")
        if in_run:
            run.append(line)
            continue
        if run:
            out.append(" ".join(run))
            run = []
        out.append(line)
    if run:
        out.append(" ".join(run))
    return "\n".join(out)
