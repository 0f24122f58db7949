"""Printed order of tables, rows and columns, as integer ranks for vectorised sorting.

Cells are sorted by (report_id, table, row, column) in the order of the printed form. The order
comes from `parsers.templates`; to sort millions of cells without a Python call per cell, each of
table / row_key / col_key gets one global rank, and a cell's sort key is the three ranks packed
into one integer. One global column order has to respect the printed order of every row of both
templates (2019 prints 上一年项目数量 · 本年增/减 · 处理决定数量, 2021 only 本年处理决定数量); a
topological merge of all printed sequences gives such an order, and a test checks it against
`templates.all_cell_keys` for every template. Keys the templates do not know (generic grids) sort
after the known ones, alphabetically, so the order is total and deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from parsers.templates import AD_LAYOUT, APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

TABLE_ORDER = ("active_disclosure", "applications", "review_litigation")


def merged_order(sequences: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """One order consistent with every sequence (Kahn's algorithm, ties by first appearance).

    >>> merged_order([("a", "c"), ("b", "c", "d"), ("a", "b")])
    ('a', 'b', 'c', 'd')
    """
    seqs = [tuple(s) for s in sequences]
    first: dict[str, int] = {}
    succ: dict[str, set[str]] = {}
    indeg: dict[str, int] = {}
    for s in seqs:
        for k in s:
            first.setdefault(k, len(first))
            succ.setdefault(k, set())
            indeg.setdefault(k, 0)
        for a, b in zip(s, s[1:], strict=False):
            if b not in succ[a]:
                succ[a].add(b)
                indeg[b] += 1
    out: list[str] = []
    ready = sorted((k for k, d in indeg.items() if d == 0), key=first.__getitem__)
    while ready:
        k = ready.pop(0)
        out.append(k)
        for b in sorted(succ[k], key=first.__getitem__):
            indeg[b] -= 1
            if indeg[b] == 0:
                ready.append(b)
        ready.sort(key=first.__getitem__)
    if len(out) != len(first):
        raise ValueError("printed orders contradict each other")
    return tuple(out)


ROW_ORDER = merged_order([*(tuple(layout) for layout in AD_LAYOUT.values()), *APP_ROW_ORDER.values(),
                          RL_ROW_ORDER])
COL_ORDER = merged_order([APP_COL_ORDER, RL_COL_ORDER,
                          *(cols for layout in AD_LAYOUT.values() for cols in layout.values())])

# printed 1-based row position per (template, table, row_key), for the wide views' row_no
ROW_NO: dict[tuple[str, str, str], int] = {}
for _t, _layout in AD_LAYOUT.items():
    ROW_NO.update({(_t, "active_disclosure", r): i for i, r in enumerate(_layout, 1)})
for _t, _rows in APP_ROW_ORDER.items():
    ROW_NO.update({(_t, "applications", r): i for i, r in enumerate(_rows, 1)})
    ROW_NO.update({(_t, "review_litigation", r): i for i, r in enumerate(RL_ROW_ORDER, 1)})


def ranks(values: Sequence[str | None], order: Sequence[str]) -> np.ndarray:
    """Rank of each value: its index in `order`, unknown values after, alphabetically.

    >>> ranks(["b", "zz", "a", "y"], ("a", "b")).tolist()
    [1, 3, 0, 2]
    """
    pos = {k: i for i, k in enumerate(order)}
    unknown = sorted({v for v in values if v not in pos}, key=lambda v: (v is None, v or ""))
    pos.update({k: len(order) + i for i, k in enumerate(unknown)})
    return np.fromiter((pos[v] for v in values), dtype=np.int64, count=len(values))
