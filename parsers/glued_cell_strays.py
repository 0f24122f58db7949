"""Rows of one-cell-per-line text that the chain of table rows skipped: read or reported.

A table copied one cell per line (`pipetext.cell_runs`) is read as glued text, but the cells' spans
are kept: between two rows of the chain, label cells followed by value cells are a row of their
own. A template row printed out of the template's order is read by its label (`take_strays`);
any other such row (of the other template version, or unknown) is reported as an unknown label,
never read. Its own module because these rows are found by the cells they sit in, not by the
glued text's labels and digits as `glued_strays.py` finds them.
"""

from __future__ import annotations

import bisect
import collections
import re
from collections.abc import Sequence

from .glued_rows import APP
from .glued_scan import Doc, Hit
from .model import TableResult
from .templates import AD_LAYOUT, AD_ROWS, APP_ROW_ORDER, APP_ROWS, match_spec
from .value_tokens import read_value_tokens

# A word of a one-cell-per-line gap that is a value: a number (a unit after it), an NA mark, a blank cell
_GAP_VALUE_RE = re.compile(r"(?:[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|条|个|项|次|笔|宗|家|%)?|[/—－\-–―×\u2400]+|无|略)")


_WORD_RE = re.compile(r"\S+")


def _stray_rows(doc: Doc, cells: Sequence[tuple[int, int]], hits: list[Hit],
                tail_end: int | None = None) -> list[tuple[str, int, int, int]]:
    """Rows of one-cell-per-line text between the chain's rows that the chain did not take: label
    cells followed by value cells ("6.其他不予处理情形 | 1 | 0 | …", a 2019 row in a 2021 table, a
    row printed out of template order). Group labels, block captions and headers are followed by
    another label, not by values, and are not rows; a cell is a value only when all of it is one
    ("第 2 页 共 3 页" is a label cell). `cells`: the cells' spans in the text (`pipetext.cell_runs`).
    `tail_end`: where the table is known to end (the next table's first row), to look past its
    last row too. (label, label start, label end, end of its values) each."""
    s = doc.s
    starts = [a for a, _b in cells]
    out = []
    ends = [h.label_start for h in hits[1:]] + ([tail_end] if tail_end is not None else [])
    for h, gap_end in zip(hits, ends):
        # the gap's words grouped into the cells they belong to: [start, end, is_value]
        gap: list[list] = []
        last = None
        for w in _WORD_RE.finditer(s, h.value_end, gap_end):
            k = bisect.bisect_right(starts, doc.pos[w.start()]) - 1
            cell = k if k >= 0 and doc.pos[w.start()] < cells[k][1] else None
            if cell is not None and cell == last:
                gap[-1][1] = w.end()
                gap[-1][2] = gap[-1][2] and bool(_GAP_VALUE_RE.fullmatch(w.group()))
                continue
            gap.append([w.start(), w.end(), cell is not None and bool(_GAP_VALUE_RE.fullmatch(w.group())), cell])
            last = cell
        j = 0
        while j < len(gap):
            if gap[j][2] or gap[j][3] is None:
                j += 1
                continue
            a = j
            while j < len(gap) and not gap[j][2] and gap[j][3] is not None:
                j += 1
            b = j
            while j < len(gap) and gap[j][2]:
                j += 1
            if j > b:  # label cells, then value cells
                out.append((s[gap[a][0]: gap[b - 1][1]], gap[a][0], gap[b - 1][1], gap[j - 1][1]))
    return out


def take_strays(doc: Doc, cells: Sequence[tuple[int, int]], table: str, template: str, hits: list[Hit],
                 out: TableResult, tail_end: int | None = None) -> list[Hit]:
    """`hits` with the rows of the table's template that were printed out of order (read by their
    label); the other stray rows are reported as unknown labels, never read."""
    specs, keys = (APP_ROWS, APP_ROW_ORDER[template]) if table == APP else (AD_ROWS, tuple(AD_LAYOUT[template]))
    found = {h.key for h in hits}
    strays = []
    s = doc.s
    for label, a, b, e in _stray_rows(doc, cells, hits, tail_end):
        words = label.split()
        spec = next((sp for k in range(1, len(words) + 1) if (sp := match_spec(" ".join(words[-k:]), specs))), None)
        strays.append((label, a, b, e, spec.key if spec else None))
    counts = collections.Counter(k for *_x, k in strays)
    added = []
    for label, a, b, e, key in strays:
        if key in keys and key not in found and counts[key] == 1:
            tokens = read_value_tokens(s, b, e, skip_label=False)
            added.append(Hit(key, a, a, b, tokens))
            out.warnings.append(f"{table}: row {key} printed out of the template's order; read by its label")
        elif key is not None and key not in keys:
            out.unknown_labels.append(f"{table} row {key} does not belong to template {template}")
        else:
            out.unknown_labels.append(f"{table} row: {label}")
    return sorted(hits + added, key=lambda h: h.label_start) if added else hits
