"""Flattened "pipe" tables (spec/pipe-text.md) back into rows.

The seed's form: a line that is exactly `|` opens a row; each following `TEXT |` line is one cell;
a run of extra pipes after the last cell is padding to the widest row, not a colspan. A line
without a trailing pipe ends the table (the narrative resumes). A line of only whitespace and one
pipe (" |") is an empty cell, distinct from the bare row opener.

The cell-per-line form: one cell per line with a bare `|` line between cells and no row marks,
read by the glued-text reader (`cell_runs`). The row-per-line form (`规章 | 0 | 0 | 3 |`, one
table row per line) is `row_per_line.py`.
"""

from __future__ import annotations

import re

from .recognize import Row
from .value_tokens import BLANK_MARK

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
    >>> [r.cells for r in pipe_rows("|\\n\\n（二）部分公开（区分处理的，\\n只计这一情形） |\\n\\n4 |\\n正文")]
    [['（二）部分公开（区分处理的，只计这一情形）', '4']]
    """
    rows: list[Row] = []
    current: list[str] | None = None
    table = 0
    carry = ""  # a cell's text wrapped onto lines of its own before its "TEXT |" line
    annex = False
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.rstrip() == "|" and not line[:1].isspace():
            if current is not None:
                rows.append(Row(current, table, annex=annex))
            current, carry = [], ""
            continue
        if current is None and ANNEX_LINE_RE.match(line):
            annex = True
        if current is not None and not line.strip():
            continue  # reader views double-space every line: a blank line ends nothing
        m = _CELL_RE.match(line) if current is not None else None
        if m is None:
            if current is not None and _next_is_cell(lines, i):
                carry += line.strip()
                continue
            if current is not None:
                rows.append(Row(current, table, annex=annex))
                current = None
                table += 1
                if ANNEX_LINE_RE.match(line):
                    annex = True
            carry = ""
            continue
        current.append(carry + m.group("text").strip())  # type: ignore[union-attr]
        carry = ""
    if current is not None:
        rows.append(Row(current, table, annex=annex))
    return [r for r in rows if r.cells]


# "附件：区政府办公室政府信息公开情况统计表", "附表1", "附：某街道…": tables after it are an annex
ANNEX_LINE_RE = re.compile(r"^\s*(?:附(?:件|表|录)|附\s*[:：])")


def _next_is_cell(lines: list[str], i: int) -> bool:
    """The next non-blank line after `i` is a cell line ("TEXT |"), not a row opener."""
    for nxt in lines[i + 1: i + 4]:
        if nxt.strip():
            m = _CELL_RE.match(nxt) if nxt.rstrip() != "|" else None
            return m is not None and "|" not in m.group("text")  # not a markdown row "| 1 | 0 |"
    return False


def _cell_lines(text: str) -> list[str]:
    """The non-blank lines, stripped; a full-width bar line ("｜") is a bar line."""
    return ["|" if ln == "｜" else ln for ln in (raw.strip() for raw in text.splitlines()) if ln]


def looks_like_cell_per_line(text: str) -> bool:
    r"""The other flattened form: one cell per line, a bare `|` line between cells, no row marks.

    >>> looks_like_cell_per_line("信息内容\n|\n本年制发件数\n|\n规章\n|\n0\n|\n0\n|\n0\n|\n行政许可\n|\n5")
    True
    >>> looks_like_cell_per_line("|\n规章 |\n0 |\n|\n许可 |\n0 |")
    False
    >>> looks_like_cell_per_line("规章\n｜\n0\n｜\n0\n｜\n0\n｜\n许可\n｜\n5")
    True
    """
    lines = _cell_lines(text)
    bars = sum(1 for ln in lines if ln == "|")
    piped = sum(1 for ln in lines if ln != "|" and ln.endswith("|"))
    return bars >= 5 and piped * 4 < bars


def cells_as_tokens(text: str) -> str:
    r"""Join one-cell-per-line text into space-separated tokens for the glued-text reader; an
    empty cell becomes `BLANK_MARK` so that it still occupies its place (read as a blank cell).

    >>> cells_as_tokens("规章\n|\n0\n|\n\n|\n3\n五、存在问题")
    '规章 0 \u2400 3\n五、存在问题'
    """
    return cell_runs(text)[0]


def cell_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    r"""`cells_as_tokens`, and where in it each cell of a run of cells is (start, end): a cell
    may hold spaces ("第 2 页 共 3 页", "商业 企业"), and lines outside the runs are no cells.

    >>> cell_runs("规章\n|\n0\n|\n第 2 页\n五、存在问题")
    ('规章 0 第 2 页\n五、存在问题', [(0, 2), (3, 4), (5, 10)])
    """
    lines = _cell_lines(text)
    n = len(lines)
    out: list[str] = []
    cells: list[tuple[int, int]] = []
    at = 0  # length of the output so far
    run: list[str] = []

    def put(line: str) -> None:
        nonlocal at
        if out:
            at += 1  # the line break before it
        out.append(line)
        at += len(line)

    def put_run() -> None:
        nonlocal at
        if out:
            at += 1
        a = at
        for cell in run:
            cells.append((a, a + len(cell)))
            a += len(cell) + 1
        out.append(" ".join(run))
        at += len(out[-1])

    for i, line in enumerate(lines):
        if line == "|":
            if i > 0 and lines[i - 1] == "|":
                run.append(BLANK_MARK)  # two bars in a row: an empty cell between them
            continue
        in_run = (i > 0 and lines[i - 1] == "|") or (i + 1 < n and lines[i + 1] == "|")
        if in_run:
            run.append(line)
            continue
        if run:
            put_run()
            run = []
        put(line)
    if run:
        put_run()
    return "\n".join(out), cells
