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
from .templates import (
    AD_COLS,
    AD_ROWS,
    APP_COLS,
    APP_GROUPS,
    APP_ROWS,
    RL_COLS,
    RL_ROWS,
    is_printed_label,
    match_spec,
)
from .text import clean_ws, label_key

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

    lines = text.splitlines()
    carry = ""  # the head of a label wrapped onto the next line (`_wrapped_label`)
    cut_row = False  # the last row's line ended inside its last cell (no closing pipe)
    for i, line in enumerate(lines):
        if _MD_RULE_RE.match(line) and "-" in line:
            continue
        first = line.lstrip()[1:].split("|", 1)[0].strip() if line.lstrip().startswith("|") else None
        if current and not all_markdown and first is not None and (not first or _VALUE_TOKEN_RE.match(first)):
            # "| 0 | 2 |" among "a | b |" rows: a row whose first cell is blank (the space before
            # the pipe was lost, as in text taken out of <p> paragraphs), not a markdown row
            line = " " + line.lstrip()
        cells = _line_cells(line)
        if cells is None and (nxt := _next_row_cells(lines, i)) is not None and _wrapped_label(line, nxt[0]):
            carry = line.strip()  # "（二）部分公开（区分" over "处理的，…） | 0 | …": one label
            continue
        if cells is not None and carry:
            cells[0], carry = carry + cells[0], ""
        if cells is not None and cut_row and current and _wrapped_label(current[-1].cells[-1], cells[0]):
            # "(四)无法提供 | 1.本机关不掌" over "握相关政府信息 | 2 | …": the last cell goes on
            current[-1].cells[-1] += cells[0]
            current[-1].cells += cells[1:]
            cut_row = not line.rstrip().endswith("|")
            continue
        carry = ""
        cut_row = cells is not None and not line.rstrip().endswith("|")
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


_LABEL_SPECS = (APP_ROWS, APP_GROUPS, AD_ROWS, RL_ROWS)


def _wrapped_label(head: str, tail: str) -> bool:
    """Is `tail` (a row's first label, printed on the next line) the rest of the label `head`
    began? A long label wrapped inside its cell prints its head on a line of its own (or as the
    last cell of a line with no closing pipe) and its tail as the next row's first cell. Only
    when the tail names no row or group of its own, head and tail together name one, and the
    cut falls inside that label: head and tail make its printed label, or the cut splits one
    of its keywords. A heading over a table ("四、…行政复议、行政诉讼情况" over "行政诉讼 | 行政复议")
    names a row too, but the next line's first cell does not continue it.

    >>> _wrapped_label("（二）部分公开（区分", "处理的，只计这一情形，不计其他情形）")
    True
    >>> _wrapped_label("5.要求行政机关确认或重新出", "具已获取信息"), _wrapped_label("3.补正后申请内容仍", "不明确")
    (True, True)
    >>> _wrapped_label("2.本机关不掌", "握的政府信息")  # not the printed label, but "不掌握" is cut
    True
    >>> _wrapped_label("三、本年度办理结果", "（一）予以公开")  # a row of its own under a heading
    False
    >>> _wrapped_label("四、政府信息公开行政复议、行政诉讼情况", "行政诉讼")
    False
    >>> _wrapped_label("本年共收到申请5件。", "处理的，只计这一情形，不计其他情形）"), _wrapped_label("12", "信息")
    (False, False)
    """
    head, tail = clean_ws(head), clean_ws(tail)
    if not head or not tail or len(head) > 40 or _VALUE_TOKEN_RE.match(head) or _VALUE_TOKEN_RE.match(tail) \
            or re.search(r"[。；;：:]$", head) or "|" in head:
        return False
    if any(match_spec(tail, specs) is not None for specs in _LABEL_SPECS):
        return False
    kh, kt = label_key(head), label_key(tail)
    for specs in _LABEL_SPECS:
        spec = match_spec(head + tail, specs)
        if spec is None:
            continue
        if is_printed_label(head + tail, spec):
            return True
        return any(0 < at < len(kh) < at + len(w) for words in spec.match for w in words
                   for at in (m.start() for m in re.finditer(re.escape(w), kh + kt)))
    return False


def _next_row_cells(lines: list[str], i: int) -> list[str] | None:
    """The cells of line `i + 1` when it is a row line with a label first."""
    cells = _line_cells(lines[i + 1]) if i + 1 < len(lines) else None
    return cells if cells and clean_ws(cells[0]) else None


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
