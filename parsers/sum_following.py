"""Which readings of a table's rows can take part in a combination that meets every identity.

When a group of rows tied by identities has more combinations of readings than can be tried one
by one (`splits.MAX_COMBINATIONS`), `solver.py` asks `feasible_by_sums` instead: the identities'
running sums are followed row by row, from the first row forward and from the last row backward,
meeting in the middle, so the work grows with the number of distinct partial sums, not with the
product of the rows' readings. Its own module because it is one search algorithm over plain
vectors of sums, apart from the choosing and the reasons that `solver.py` gives.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

_MAX_STATES = 50_000  # per half: beyond it the tables are left to the per-row agreement


def feasible_by_sums(comp: list[str], multi: list[str], pool: dict[str, list[int]], lf: dict[str, list[int]],
                      vec: Callable[[str, int], list[float]], n_ids: int) -> dict[str, list[int]] | None:
    """For each row of `multi`, the readings that belong to at least one combination meeting
    every identity (and every row total). Instead of enumerating combinations, the identities'
    running sums are followed row by row (a state is the vector of partial sums), from the first
    row forward and from the last row backward, meeting in the middle. None when no combination
    meets them all, an operand is unknown, or the sums take too many distinct values.
    """
    def key(v: Sequence[float]) -> tuple[float, ...]:
        return tuple(round(x, 6) + 0.0 for x in v)

    start = [0.0] * n_ids
    for r in comp:
        if r not in multi:
            ci = pool[r][0]
            if lf[r][ci]:
                return None
            start = [a + b for a, b in zip(start, vec(r, ci), strict=True)]
    choices = {r: [ci for ci in pool[r] if lf[r][ci] == 0] for r in multi}
    if any(not c for c in choices.values()):
        return None
    vecs = {r: {ci: vec(r, ci) for ci in choices[r]} for r in multi}
    if any(math.isnan(x) for v in [start, *(v for r in multi for v in vecs[r].values())] for x in v):
        return None  # an unknown operand: its identities check nothing, the enumeration decides
    half = len(multi) // 2

    def layers(origin: list[float], rows: list[str]) -> list[dict[tuple, list[tuple[int, tuple]]]] | None:
        # state (partial sums) -> [(reading, state it came from)], one layer per row
        out: list[dict[tuple, list[tuple[int, tuple]]]] = [{key(origin): []}]
        for r in rows:
            nxt: dict[tuple, list[tuple[int, tuple]]] = {}
            for prev in out[-1]:
                for ci in choices[r]:
                    nxt.setdefault(key([a + b for a, b in zip(prev, vecs[r][ci], strict=True)]), []).append((ci, prev))
            if len(nxt) > _MAX_STATES:
                return None
            out.append(nxt)
        return out

    fwd = layers(start, multi[:half])  # forward over the first half
    back = layers([0.0] * n_ids, list(reversed(multi[half:])))  # the second half's sums, from the end
    if fwd is None or back is None:
        return None
    back.reverse()  # back[j]: sums of rows half+j … end
    meet = {k for k in fwd[-1] if key([-x for x in k]) in back[0]}
    if not meet:
        return None
    feasible: dict[str, set[int]] = {r: set() for r in multi}
    good = meet
    for idx in range(half, 0, -1):  # first half, walking back from the meeting point
        prev_good: set[tuple] = set()
        for k in good:
            for ci, prev in fwd[idx][k]:
                feasible[multi[idx - 1]].add(ci)
                prev_good.add(prev)
        good = prev_good
    good = {key([-x for x in k]) for k in meet}
    for j in range(len(multi) - half):  # second half, walking forward from the meeting point
        next_good: set[tuple] = set()
        for k in good:
            for ci, after in back[j][k]:
                feasible[multi[half + j]].add(ci)
                next_good.add(after)
        good = next_good
    return {r: sorted(c) for r, c in feasible.items()}
