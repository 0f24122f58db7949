"""Repairs of flattened ("pipe") table rows that a careful reader makes before reading them.

Pipe text loses separators and line structure in a few regular ways (spec/pipe-text.md):

- a `|` lost between two cells leaves two values in one cell ("3 5"): the cell is two cells;
- a row wrapped by the copy continues on the next row (or line) with its remaining values and
  no label: the continuation belongs to the row above;
- in the row-per-line form a trailing `| |` is either padding up to the widest row or a blank
  last cell (Shanghai's blank 总计), and the text cannot say which. When a table 三 row is one
  value short and reads whole only if one of its numbers is two glued cells whose row total then
  checks, the row is ambiguous: its cells are left undetermined rather than guessed.

Nothing here invents a value: cells are only split at printed spaces, rows only joined, and an
ambiguous row is marked (`rowkit.UNDETERMINED`), never filled.
"""

from __future__ import annotations

import re

from . import templates as T
from .rowkit import UNDETERMINED, Row, is_value
from .text import clean_ws, label_key, nfkc
from .values import DIGIT_MARK_RE, parse_value

# One value of a cell that holds several: a plain number (sign, decimals, unit glued) or an NA mark.
_ONE_VALUE_RE = re.compile(r"^(?:[+\-]?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|件|条|个|项|次|笔)?|/|—|－|-|无)$")


_MARK_AFTER_VALUE_RE = re.compile(rf"(?<=\d)(?:{DIGIT_MARK_RE.pattern})+$")


def split_value_cells(cells: list[str]) -> list[str]:
    """The row's cells with every cell that holds two or more values ("3 5", "0 +30", "/ 2")
    cut at its spaces: the `|` between them was lost. A sign or a unit printed apart from its
    number ("- 1,036", "3 件") is one value, and a label with digits ("第 2 页") is no value.

    >>> split_value_cells(["规章", "3 5", "0", "- 1,036", "3 件", "19 158"])
    ['规章', '3', '5', '0', '- 1,036', '3 件', '19', '158']
    >>> split_value_cells(["①5 3", "① 3"])
    ['①5 3', '① 3']
    >>> split_value_cells(["1 0①", "3² 4"])  # a footnote mark after a value is the value's
    ['1', '0①', '3²', '4']
    """
    out: list[str] = []
    for cell in cells:
        # a footnote mark right after a value's digits ("0①", "3²") is that value's; anywhere else
        # ("①5 3", "① 3") NFKC makes the mark a digit: the cell is no values to cut ("①" would
        # pass for a label)
        bare = [_MARK_AFTER_VALUE_RE.sub("", p) for p in clean_ws(cell).split(" ")]
        parts = [nfkc(p) for p in bare]
        if len(parts) >= 2 and all(_ONE_VALUE_RE.match(p) for p in parts) and parts[0] not in ("-", "+") and \
                any(ch.isdigit() for ch in parts[0] + parts[-1]) and not any(DIGIT_MARK_RE.search(p) for p in bare):
            out.extend(cell.split())
        else:
            out.append(cell)
    return out


def _label_then_values(cells: list[str]) -> bool:
    """A data row: a label cell first and at least one filled value cell."""
    return bool(cells) and not is_value(cells[0]) and any(clean_ws(c) and is_value(c) for c in cells[1:])


def _only_values(cells: list[str]) -> bool:
    filled = [c for c in cells if clean_ws(c)]
    return bool(filled) and all(is_value(c) for c in filled)


def join_wrapped(rows: list[Row]) -> list[Row]:
    """Rows with a continuation (a row of values only, right after a data row of the same table
    that is short of the values its table's other rows have) joined to the row it continues.
    The short row's trailing empty cells are the copy's padding, dropped before the join.

    >>> rows = [Row(["规章", "0", "1", "1"]), Row(["3.补正后申请内容仍不明确", "1", "2", "", ""]), Row(["0", "6", ""])]
    >>> [r.cells for r in join_wrapped(rows)]
    [['规章', '0', '1', '1'], ['3.补正后申请内容仍不明确', '1', '2', '0', '6', '']]
    """
    out: list[Row] = []
    ad_cols = 0  # value columns of the latest table 二 block header
    for row in rows:
        prev = out[-1] if out else None
        if row.cells and label_key(row.cells[0]).endswith("信息内容"):
            ad_cols = sum(1 for c in row.cells[1:] if clean_ws(c))
        if prev is not None and prev.source == row.source and not row.spans and not prev.spans and \
                _label_then_values(prev.cells) and _only_values(row.cells) and _short_row(prev.cells, ad_cols):
            cells = list(prev.cells)
            while cells and not clean_ws(cells[-1]):
                cells.pop()
            prev.cells = cells + row.cells
            continue
        out.append(row)
    return out


def _short_row(cells: list[str], ad_cols: int) -> bool:
    """A table 三 row (its last label names a table 三 row) with fewer than seven filled values,
    or a table 二 row with fewer than its block header's `ad_cols`."""
    labels = [c for c in cells if clean_ws(c) and not is_value(c)]
    filled = sum(1 for c in cells if clean_ws(c) and is_value(c))
    if labels and T.match_spec(labels[-1], T.APP_ROWS) is not None:
        return filled < 7
    return len(labels) == 1 and T.match_spec(labels[0], T.AD_ROWS) is not None and filled < ad_cols


def _glued_total_split(values: list[str]) -> bool:
    """Do six numbers read as seven whose last is the sum of the other six, once one of them is
    cut in two (a lost `|` between glued digits)? `values` are the six printed numbers."""
    nums = []
    for v in values:
        value, kind, _unit = parse_value(v)
        if kind != "number" or value is None:
            return False
        nums.append(value)
    for j, v in enumerate(values):
        digits = _UNIT_RE.sub("", nfkc(clean_ws(v)))
        if not digits.isdigit() or len(digits) < 2:
            continue
        for k in range(1, len(digits)):
            a, b = digits[:k], digits[k:]
            if b[0] == "0" and len(b) > 1:
                continue  # a number never starts with 0
            cand = nums[:j] + [float(a), float(b)] + nums[j + 1:]
            if sum(cand[:6]) == cand[6]:
                return True
    return False


_UNIT_RE = re.compile(r"(?:万元|元|件|条|个|项|次|笔)$")


def _maybe_glued(text: str) -> bool:
    """A printed number that may be two cells run together: two or more digits."""
    digits = _UNIT_RE.sub("", nfkc(clean_ws(text))).lstrip("+-")
    return digits.isdigit() and len(digits) >= 2


def _surely_glued(text: str) -> bool:
    """A printed number starting with 0 ("00", "012"): no number is printed so; two cells are."""
    digits = _UNIT_RE.sub("", nfkc(clean_ws(text))).lstrip("+-")
    return digits.isdigit() and len(digits) >= 2 and digits[0] == "0"


def _ad_padding_ambiguity(row: Row, ncols: int) -> None:
    """Table 二 (row-per-line text): a data row one value short of its block header, whose last
    value would be a trailing `| |`, and one of whose numbers may be two glued cells: padding or
    a blank last cell cannot be told apart, so the row's cells are marked undetermined."""
    cells = row.cells
    if T.match_spec(cells[0], T.AD_ROWS) is None:
        return
    values = cells[1:]
    filled = list(values)
    while filled and not clean_ws(filled[-1]):
        filled.pop()
    if len(filled) == ncols - 1 and len(values) >= ncols and all(clean_ws(c) for c in filled) \
            and any(_maybe_glued(c) for c in filled):
        row.cells = [cells[0]] + [UNDETERMINED] * ncols


def mark_padding_ambiguity(rows: list[Row]) -> list[Row]:
    """Row-per-line text: a table 三 row with six filled values and a trailing empty cell reads
    as a blank 总计 (padding taken as a cell) — unless one of its numbers splits into two cells
    that make a full row whose total checks; then the text reads both ways and the row's seven
    cells are marked undetermined.

    >>> r = Row(["（三）不予公开", "1.属于国家秘密", "5", "2", "21", "0", "1", "11", ""])
    >>> mark_padding_ambiguity([r])[0].cells[2:4]
    ['\\x00undetermined', '\\x00undetermined']
    >>> r = Row(["1.属于国家秘密", "5", "2", "3", "0", "1", "4", ""])  # no split makes a total: blank 总计
    >>> mark_padding_ambiguity([r])[0].cells[-1]
    ''
    """
    ad_cols = 0  # value columns of the latest table 二 block header
    for row in rows:
        cells = row.cells
        if row.spans or not cells:
            continue
        if label_key(cells[0]).endswith("信息内容"):
            ad_cols = sum(1 for c in cells[1:] if clean_ws(c))
            continue
        if clean_ws(cells[-1]) or not _label_then_values(cells):
            continue
        if ad_cols > 1:
            _ad_padding_ambiguity(row, ad_cols)
        labels = [i for i, c in enumerate(cells) if clean_ws(c) and not is_value(c)]
        last = labels[-1]
        if T.match_spec(cells[last], T.APP_ROWS) is None:
            continue
        values = cells[last + 1:]
        filled = list(values)
        while filled and not clean_ws(filled[-1]):
            filled.pop()
        if len(values) >= 7 and (len(filled) == 6 and _glued_total_split(filled)
                                 or len(filled) < 7 and any(_surely_glued(c) for c in filled)):
            row.cells = cells[:last + 1] + [UNDETERMINED] * 7
    return rows


_COL_SPECS = (T.AD_COLS, T.APP_COLS, T.RL_COLS)


def _whole_labels(specs: tuple[T.Spec, ...]) -> frozenset[str]:
    return frozenset(label_key(sp.label) for sp in specs) | frozenset(w for sp in specs for w in sp.exact)


_WHOLE_COL_LABELS = {id(specs): _whole_labels(specs) for specs in _COL_SPECS}


def _fragment_pair(a: str, b: str) -> T.Spec | None:
    """The template column that header cells `a` and `b` print in two pieces ("本年废" | "止件数",
    "上一年" | "项目数量"): together they are (a part of) that column's printed label, neither
    is a whole column label, and neither names another column. None otherwise.

    >>> _fragment_pair("本年废", "止件数").key, _fragment_pair("上一年", "项目数量").key
    ('repealed', 'prev_year_items')
    >>> _fragment_pair("结果", "其他"), _fragment_pair("现行有效件数", "备注"), _fragment_pair("其他", "总计")
    (None, None, None)
    """
    ka, kb = label_key(a), label_key(b)
    if not ka or not kb or is_value(a) or is_value(b):
        return None
    for specs in _COL_SPECS:
        spec = T.match_spec(a + b, specs)
        whole = _WHOLE_COL_LABELS[id(specs)]
        if spec is None or ka in whole or kb in whole or (ka + kb) not in label_key(spec.label):
            continue
        if all(T.match_spec(x, specs) in (None, spec) for x in (a, b)):
            return spec
    return None


def join_header_fragments(cells: list[str]) -> list[str]:
    """A header row (no values) of flattened text whose column label was printed as two cells,
    a line break inside the cell taken for a cell end ("信息内容 | 本年废 | 止件数 | …"): the two
    pieces are one cell, when they make a template column label (`_fragment_pair`) that no other
    cell of the row names. Any other row is returned as it is.

    >>> join_header_fragments(["信息内容", "本年制发件数", "本年废", "止件数", "现行有效件数"])
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']
    >>> join_header_fragments(["信息内容", "本年废止件数", "本年废", "止件数"])  # named twice: left
    ['信息内容', '本年废止件数', '本年废', '止件数']
    >>> join_header_fragments(["结果维持", "结果", "其他", "尚未", "总计"])  # the seed's cut header
    ['结果维持', '结果', '其他', '尚未', '总计']
    """
    filled = [c for c in cells if clean_ws(c)]
    if len(filled) < 2 or any(is_value(c) for c in filled):
        return cells
    out = list(cells)
    i = 0
    while i + 1 < len(out):
        spec = _fragment_pair(out[i], out[i + 1])
        specs = next((s for s in _COL_SPECS if spec in s), ())
        others = out[:i] + out[i + 2:]
        if spec is not None and not any(T.match_spec(c, specs) == spec for c in others if clean_ws(c)):
            out[i:i + 2] = [clean_ws(out[i]) + clean_ws(out[i + 1])]
        i += 1
    return out


def repair_rows(rows: list[Row], padded: bool) -> list[Row]:
    """All repairs; `padded`: the rows are row-per-line text, where `| |` may be padding."""
    for row in rows:
        if not row.spans:
            row.cells = join_header_fragments(split_value_cells(row.cells))
    rows = join_wrapped(rows)
    return mark_padding_ambiguity(rows) if padded else rows
