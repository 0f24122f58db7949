"""The row stream both table readers share: a `Row` of cell texts, and what counts as a value.

HTML grids and flattened text both reduce to rows of the cells that start in them
(`recognize.py` reads tables 二 and 三 from them, `review_rows.py` table 四).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import templates as T
from .text import clean_ws
from .values import REFERENCE_RE, parse_value

AD, APP, RL = "active_disclosure", "applications", "review_litigation"


@dataclass(slots=True)
class Row:
    cells: list[str]  # texts of the cells anchored in this row, left to right
    source: int = 0  # index of the source table (HTML) or block (pipe text)
    spans: list[tuple[int, int]] | None = None  # HTML only: (first grid column, colspan) per cell
    # HTML only: the row's slots in its table's grid (cells anchored above reach down into them)
    slots: list | None = None
    annex: bool = False  # the row's table follows an 附件/附表 line: another unit's or a copy


# A cell the flattened-text repairs (`pipe_repair.py`) found ambiguous: it occupies its place in
# the row and is reported undetermined, never read.
UNDETERMINED = "\x00undetermined"

# Columns some pages add beside the template's (a remark, a category): not cells, never unknown.
REMARK_KEYS = frozenset(("备注", "说明", "注", "类别"))


def is_value(text: str) -> bool:
    """A cell that can sit in a value position: number, blank, na, or a text pointing elsewhere
    for its number ("详见说明"); other text is a label.

    >>> is_value("3"), is_value(""), is_value("/"), is_value("详见说明"), is_value("行政复议")
    (True, True, True, True, False)
    """
    if text == UNDETERMINED:
        return True
    _, kind, _ = parse_value(text)
    return kind != "text" or REFERENCE_RE.match(clean_ws(text)) is not None


def strip_pad(cells: list[str], n: int) -> list[str]:
    """Drop empty cells after a row's last `n` values (an empty trailing column, pipe padding):
    only while the row's run of value cells is longer than `n`, so a row whose own last value
    is blank keeps it.

    >>> strip_pad(["label", "1", "2", ""], 2), strip_pad(["label", "1", ""], 2)
    (['label', '1', '2'], ['label', '1', ''])
    >>> strip_pad(["label", "1", "", "", ""], 2)  # a blank last value, then padding
    ['label', '1', '']
    """
    if not cells or clean_ws(cells[-1]):
        return cells
    run = 0  # the value cells at the end of the row
    while run < len(cells) and is_value(cells[-run - 1]):
        run += 1
    while run > n and not clean_ws(cells[-1]):
        cells = cells[:-1]
        run -= 1
    return cells


def leaf_label(labels: list[str]) -> str:
    """The most specific label of a row: its last non-empty label cell (Hangzhou-style tables
    replace merged label cells by empty ones)."""
    for label in reversed(labels):
        if clean_ws(label):
            return label
    return ""


def app_row_spec(labels: list[str]) -> T.Spec | None:
    """The template row a row's label cells name: its last label cell, or, when that matches
    nothing, the last two read as one label cut in two ("（一）予以 | 公开", "二、上 | 年结转…").
    Never across a group label (which row "（六）其他处理 | 3.其" names is a guess) or a value.

    >>> app_row_spec(["三、本年度办理结果", "（一）予以", "公开"]).key, app_row_spec(["（六）其他处理", "3.其"])
    ('granted', None)
    >>> app_row_spec(["一、本年新收政府信息公开", "申请数量"]).key, app_row_spec(["（一）予以公开", "（不含部分公开）"]).key
    ('new_received', 'granted')
    >>> app_row_spec(["一、本年新收政府信息公开申请数量", "38"]) is None, app_row_spec(["（七）总计（含", "上年结转）"]).key
    (True, 'results_total')
    >>> app_row_spec(["6", "2.其他法律行政法规禁止公开", "1。"]) is None
    True
    """
    leaf = leaf_label(labels)
    # a cell that is only a remark ("（不含部分公开）") continues the label before it: its words name
    # another row, they are not this row's label
    spec = None if _REMARK_ONLY_RE.fullmatch(clean_ws(leaf)) else T.match_spec(leaf, T.APP_ROWS)
    parts = [t for t in labels if clean_ws(t)]
    if spec is None and len(parts) >= 2 and not any(map(is_value, parts[-2:])) and \
            not _DIGIT_RE.search(parts[-1]) and T.match_spec(parts[-2], T.APP_GROUPS) is None:
        # (a value among the label cells — an eighth value column, or one printed "1。" — is no
        # piece of a label)
        return T.match_spec(parts[-2] + parts[-1], T.APP_ROWS)
    return spec


_DIGIT_RE = re.compile(r"[0-9０-９]")
# a remark, or the tail of one opened in the cell before ("（七）总计（含 | 上年结转）")
_REMARK_ONLY_RE = re.compile(r"[(（][^()（）]*[)）]?|[^()（）]*[)）]")
