"""Flattened tables printed one row per line back into rows.

The row-per-line form (微山 2020, domain.md §8.4, and markdown tables): `规章 | 0 | 0 | 3 |` or
`| 规章 | 0 | 0 | 3 |`, one table row per line, empty trailing cells as padding; a table copied
out of Word or Excel separates its cells with tabs instead. A table 四 collapsed into one bare
line of 15 numbers under the section 四 heading is read here too (`bare_review_row`). Its own
module because a line is a row here, while `pipetext.py` reads the forms that print one cell per
line (the seed's pipe text, and cells between bare `|` lines).
"""

from __future__ import annotations

import re

from .recognize import Row
from .templates import AD_COLS, AD_ROWS, APP_COLS, APP_ROWS, RL_COLS, match_spec

_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# The heading of section 四: a table 四 printed as one bare row of 15 numbers has no other header.
_RL_HEADING_RE = re.compile(r"^\s*(?:[（(]?\s*[一二三四五六七八九十]\s*[)）]?\s*[、.．]?|第四部分\s*)?\s*(?:因)?政府信息公开.{0,8}复议.{0,4}诉讼")


_PAD_PIPES_RE = re.compile(r"\|{2,}\s*$")


def _line_cells(line: str) -> list[str] | None:
    """The cells of a row-per-line table line, or None for a line that is not one. A table copied
    out of Word or Excel separates its cells with tabs: two tabs in a row are an empty cell.

    >>> _line_cells("（一）予以公开\\t5\\t\\t2\\t7"), _line_cells("规章 | 0 | 3 |")
    (['（一）予以公开', '5', '', '2', '7'], ['规章', '0', '3'])
    >>> _line_cells("\\t0\\t\\t5"), _line_cells("\\t本年度，我局持续推进政务公开。")
    (['', '0', '', '5'], None)
    """
    s = line.strip()
    if "|" not in s and "\t" in line:
        raw = line.rstrip("\r\n")
        parts = [p.strip() for p in raw.split("\t")]
        if sum(1 for p in parts if p) < 2 and raw.count("\t") < 2 and not parts[0]:
            return None  # a paragraph indented with a tab ("行政许可\t" is a row with one blank cell)
        return parts
    if "|" not in s or _MD_RULE_RE.match(s):
        return None
    # markdown rows start with their pipe; " |  | 0 |" (a space first) is a row whose first cell is blank
    markdown = line.startswith("|")
    s = _PAD_PIPES_RE.sub("|", s)  # "0 | |||": a run of bare pipes is padding, one row end
    parts = [p.strip() for p in (s[1:] if markdown else s).split("|")]
    if s.endswith("|"):
        # "| a | b |  |", "a | b |  |": only the closing pipe ends the row; "|  |" before it is an
        # empty cell, which the table reader keeps as a blank value where the row is one short
        # (Shanghai's blank 总计) and drops as padding where the row is full
        parts.pop()
    if not parts or not (markdown or len(parts) >= 2 or s.count("|") >= 2):
        return None
    return parts


def looks_like_row_per_line(text: str) -> bool:
    """Several lines holding two or more cells each, and not the seed's one-cell-per-line form.

    >>> looks_like_row_per_line("\\n".join(["规章 | 0 | 0 | 3 |"] * 8))
    True
    >>> looks_like_row_per_line("|\\n规章 |\\n0 | |||\\n" * 8)
    False
    """
    rows = openers = 0
    for line in text.splitlines():
        if line.strip() == "|":
            openers += 1
            continue
        cells = _line_cells(line)
        if cells is not None and sum(1 for c in cells if c) >= 2:
            rows += 1
    return rows >= 8 and openers < 5


def row_lines(text: str) -> list[Row]:
    """Rows of the row-per-line tables in `text`; a line that is not a row ends a table. A data
    row keeps its empty trailing cells (blank values or padding: the table reader knows how many
    values the row has); a header or caption row loses them.

    >>> [r.cells for r in row_lines("二、主动公开\\n第二十条第（一）项 | | |\\n| 规章 | 0 | 0 |\\n|---|---|\\n许可 | 5 | | |")]
    [['第二十条第（一）项'], ['规章', '0', '0'], ['许可', '5', '', '']]
    """
    rows: list[Row] = []
    table = 0
    current: list[Row] = []  # the current table's rows
    all_markdown = True  # every line of the current table is "| … |"

    def end_table() -> None:
        widths = {len(r.cells) for r in current}
        if all_markdown and len(current) >= 3 and len(widths) == 1 and widths.pop() >= 3:
            for r in current:
                _as_grid_row(r)
        current.clear()

    for line in text.splitlines():
        if _MD_RULE_RE.match(line) and "-" in line:
            continue
        first = line.lstrip()[1:].split("|", 1)[0].strip() if line.lstrip().startswith("|") else None
        if current and not all_markdown and first is not None and (not first or _VALUE_TOKEN_RE.match(first)):
            # "| 0 | 2 |" among "a | b |" rows: a row whose first cell is blank (the space before
            # the pipe was lost, as in text taken out of <p> paragraphs), not a markdown row
            line = " " + line.lstrip()
        cells = _line_cells(line)
        if cells is None:
            if current:
                end_table()
                table += 1
                all_markdown = True
            if _RL_HEADING_RE.match(line):
                rows.append(Row([line.strip()], table))
            continue
        s = line.strip()
        is_md = line.startswith("|") and s.endswith("|")
        all_markdown = all_markdown and is_md
        if "|" in line and not is_md and not any(_VALUE_TOKEN_RE.match(c) for c in cells) \
                and not _template_row(cells):
            # a header or caption row: its empty pipe cells are padding (tabs do not pad); a
            # template row whose every cell is empty keeps them as its blank cells
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
        row = Row(cells, table)
        current.append(row)
        rows.append(row)
    end_table()
    return rows


def _template_row(cells: list[str]) -> bool:
    """Is the row's last label a table 二 or 三 row label ("5.属于三类内部事务信息")?"""
    labels = [c for c in cells if c]
    if not labels or any(match_spec(c, specs) is not None for c in labels for specs in (APP_COLS, AD_COLS, RL_COLS)):
        return False  # a header row ("自然人 | 法人或其他组织 | 总计 | | |"): its 总计 is a column
    return match_spec(labels[-1], APP_ROWS) is not None or match_spec(labels[-1], AD_ROWS) is not None


def _as_grid_row(row: Row) -> None:
    """A markdown table whose rows all have one cell count is a grid: a spanned cell printed
    empty is still a column, not padding, so each cell keeps its column as in an HTML grid;
    a label repeated across a span ("| 规章 | 规章 | 0 |", as pandas writes spans) is one cell.

    >>> r = Row(["规章", "规章", "0", "0", ""]); _as_grid_row(r); r.cells, r.spans
    (['规章', '0', '0', ''], [(0, 2), (2, 1), (3, 1), (4, 1)])
    """
    cells: list[str] = []
    spans: list[tuple[int, int]] = []
    for i, c in enumerate(row.cells):
        if cells and c and c == cells[-1] and not _VALUE_TOKEN_RE.match(c):
            start, width = spans[-1]
            spans[-1] = (start, width + 1)
            continue
        cells.append(c)
        spans.append((i, 1))
    row.cells, row.spans = cells, spans


_SPLIT_RE = re.compile(r"[|\s]+")


def bare_review_row(text: str) -> list[Row]:
    """Table 四 collapsed into one line of 15 numbers under the section 四 heading (markdown
    copies, KIROGOVCOMPARE's "flattened table 4"): the heading and the values as two rows, for a
    text whose other tables are in another form. Empty when there is no such line.

    >>> [r.cells for r in bare_review_row("四、政府信息公开行政复议、行政诉讼情况\\n| 1 | 0 |" + " 0 |" * 13)][1][:3]
    ['1', '0', '0']
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if not _RL_HEADING_RE.match(line):
            continue
        for nxt in lines[i + 1: i + 80]:
            tokens = [t for t in _SPLIT_RE.split(nxt.strip()) if t]
            if not tokens:
                continue
            if len(tokens) == 16 and "备注" in "".join(lines[i:i + 80]):
                tokens = tokens[:15]  # a 备注 column after the 15 values
            if len(tokens) == 15 and all(_VALUE_TOKEN_RE.match(t) for t in tokens):
                return [Row([line.strip()], 0), Row(tokens, 1)]
            if "|" not in nxt and _NEXT_SECTION_RE.match(nxt):
                break  # 五、…: table 四 is over
            if "|" not in nxt and len(tokens) > 3:
                break  # prose: the values are not a bare line here
    return []


_NEXT_SECTION_RE = re.compile(r"^\s*(?:[五六][、.．]|第[五六]部分)")
_VALUE_TOKEN_RE = re.compile(r"^(?:[+\-]?\d[\d,]*(?:\.\d+)?|/|—|-|无)$")
