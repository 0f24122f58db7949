"""Choosing among the readings of glued table rows with the arithmetic identities of schema.md.

`splits.row_candidates` gives every way a row's printed digits can make its cells; `solve` keeps,
per group of rows tied together by identities (row totals, column balance, results total), the
readings that satisfy them, and returns a cell only when every accepted reading agrees on it.
Rows that had to be split must meet their own total; combinations beyond `MAX_COMBINATIONS` are
followed through the identities' running sums, meeting in the middle, instead of enumerated
(`sum_following.py`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .splits import MAX_COMBINATIONS
from .sum_following import feasible_by_sums
from .value_tokens import Piece

_EPS = 1e-6


@dataclass(frozen=True)
class Identity:
    """sum(coef * cell(row, col) for row, col, coef in terms) == 0."""

    name: str
    terms: tuple[tuple[str, int, int], ...]


@dataclass
class Resolution:
    """The chosen cells per row (None where undetermined) and why cells are undetermined."""

    cells: dict[str, list[Piece | None]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # row -> reason for its None cells


def _val(p: Piece) -> float:
    return p.value if p.kind == "number" and p.value is not None else math.nan


def fails(identity: Identity, choice: dict[str, tuple[Piece, ...]]) -> bool:
    total = 0.0
    for row, col, coef in identity.terms:
        total += coef * _val(choice[row][col])
    return abs(total) > _EPS  # NaN (unknown operand) is not a failure


def solve(rows: dict[str, list[tuple[Piece, ...]]], identities: Sequence[Identity],
          cap: int = MAX_COMBINATIONS, split_rows: frozenset[str] = frozenset(),
          guessed_rows: frozenset[str] = frozenset()) -> Resolution:
    """Choose one reading per row so that the identities hold; leave undecidable cells as None.

    Identities on one row (a row total) filter that row's candidates first. Rows tied by other
    identities are solved jointly: if readings satisfy every identity, a cell is determined when
    it has the same value in all of them. If none does (the source itself is inconsistent), the
    readings with the fewest failing identities are kept, each row restricted to the readings that
    meet its own row total; a cell is determined only if all those readings agree on it.

    `split_rows` are rows whose printed digits had to be split to make the row's cells (fewer
    tokens than cells). Their reading is a guess unless their own identity confirms it: when no
    reading meets it, the row is left undetermined rather than read with a failing total (a
    spaced row "18 2 0 0 1 0" missing its blank 总计 is not "1 8 2 0 0 1 0").

    `guessed_rows`: rows whose own total can be met by coincidence — a split row of a table whose
    other rows print every cell apart ("11 0 0 0 0 2" read as 1,1,0,0,0,0,2), or a glued run with
    more readings than can be listed. Such a row is left undetermined when its reading breaks an
    identity with another row whose operands are all known.

    >>> from parsers.splits import row_candidates
    >>> from parsers.value_tokens import tokens_of
    >>> t = lambda s: row_candidates(tokens_of(s), 3)
    >>> ids = [Identity("sum", (("a", 2, 1), ("a", 0, -1), ("a", 1, -1)))]
    >>> r = solve({"a": t("12113")}, ids)
    >>> [p.raw for p in r.cells["a"]]
    ['12', '1', '13']
    >>> r = solve({"a": t("3500")}, [])
    >>> [p and p.raw for p in r.cells["a"]], r.reasons["a"]
    ([None, None, '0'], '2 readings fit')
    """
    res = Resolution()
    live = {r: c for r, c in rows.items() if c}
    for r, c in rows.items():
        if not c:
            res.cells[r] = []
            res.reasons[r] = "no reading fits the row's cell count"
    for r in sorted(split_rows & live.keys()):
        own = [i for i in identities if {t[0] for t in i.terms} == {r}]
        if own and not any(all(fails(i, {r: cand}) == 0 for i in own) for cand in live[r]):
            res.cells[r] = [None] * len(live[r][0])
            res.reasons[r] = "no split of the printed digits meets the row's own total"
            del live[r]
    ids = [i for i in identities if all(t[0] in live for t in i.terms)]
    local: dict[str, list[Identity]] = {r: [] for r in live}
    cross: list[Identity] = []
    for i in ids:
        rs = {t[0] for t in i.terms}
        if len(rs) == 1:
            local[next(iter(rs))].append(i)
        else:
            cross.append(i)
    lf = {r: [sum(fails(i, {r: cand}) for i in local[r]) for cand in live[r]] for r in live}
    for r in sorted(live):
        if len(live[r]) > 1 and local[r] and all(lf[r]):
            # several readings and none meets the row's own total: the source is wrong or a blank
            # cell vanished from the run (its digits then belong to other columns); which cells the
            # readings agree on says nothing about where each value was printed
            res.cells[r] = [None] * len(live[r][0])
            res.reasons[r] = f"{len(live[r])} readings and none meets the row's own total"
            del live[r], lf[r], local[r]
    cross = [i for i in cross if all(t[0] in live for t in i.terms)]
    pool: dict[str, list[int]] = {}
    for r in live:
        ok = [ci for ci, f in enumerate(lf[r]) if f == 0]
        pool[r] = ok or list(range(len(live[r])))

    # connected components of rows under the cross-row identities
    parent = {r: r for r in live}

    def find(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for i in cross:
        rs = [t[0] for t in i.terms]
        for r in rs[1:]:
            parent[find(r)] = find(rs[0])
    comps: dict[str, list[str]] = {}
    for r in live:
        comps.setdefault(find(r), []).append(r)

    for comp in comps.values():
        _solve_component(comp, live, pool, lf, [i for i in cross if find(i.terms[0][0]) == find(comp[0])],
                         cap, res)
    _drop_broken_guesses(res, identities, guessed_rows & live.keys())
    return res


def _solve_component(comp: list[str], live: dict[str, list[tuple[Piece, ...]]], pool: dict[str, list[int]],
                     lf: dict[str, list[int]], cross: list[Identity], cap: int, res: Resolution) -> None:
    multi = [r for r in comp if len(pool[r]) > 1]
    size = math.prod(len(pool[r]) for r in multi)
    def vec(r: str, ci: int) -> list[float]:
        cand = live[r][ci]
        return [sum(coef * _val(cand[col]) for rr, col, coef in i.terms if rr == r) for i in cross]

    if size > cap:
        # too many combinations to try one by one: follow the identities' sums row by row instead
        feasible = feasible_by_sums(comp, multi, pool, lf, vec, len(cross))
        for r in comp:
            if r not in multi:
                res.cells[r] = list(live[r][pool[r][0]])
                continue
            # without a consistent combination, what every reading of the row agrees on (each
            # already meets the row's own total where that could be checked)
            keep = feasible[r] if feasible is not None else pool[r]
            cands = [live[r][ci] for ci in keep]
            cells: list[Piece | None] = [
                p if all(c[col].key() == p.key() for c in cands[1:]) else None
                for col, p in enumerate(cands[0])]
            res.cells[r] = cells
            if any(c is None for c in cells):
                res.reasons[r] = (f"{len(keep)} readings fit" if feasible is not None else
                                  f"{len(cands)} readings fit the row and more than {cap} combinations "
                                  "of readings; not enumerated")
        return

    base = [0.0] * len(cross)
    base_lf = 0
    for r in comp:
        if r not in multi:
            ci = pool[r][0]
            base = [a + b for a, b in zip(base, vec(r, ci), strict=True)]
            base_lf += lf[r][ci]
    vecs = {r: {ci: vec(r, ci) for ci in pool[r]} for r in multi}
    best = math.inf
    best_combos: list[tuple[int, ...]] = []
    for combo in itertools.product(*(pool[r] for r in multi)):
        tot = list(base)
        f = base_lf
        for r, ci in zip(multi, combo, strict=True):
            f += lf[r][ci]
            for j, x in enumerate(vecs[r][ci]):
                tot[j] += x
        f += sum(1 for x in tot if abs(x) > _EPS)
        if f < best:
            best, best_combos = f, [combo]
        elif f == best:
            best_combos.append(combo)

    for r in comp:
        if r not in multi:
            res.cells[r] = list(live[r][pool[r][0]])
    if not multi:
        best = base_lf + sum(1 for x in base if abs(x) > _EPS)
    elif best == base_lf + sum(lf[r][c] for r, c in zip(multi, best_combos[0], strict=True)):
        # some combination meets every identity across rows (a row failing its own total with
        # one reading is read as printed): a cell is known when every such combination agrees
        for idx, r in enumerate(multi):
            cands = [live[r][c[idx]] for c in best_combos]
            first = cands[0]
            cells: list[Piece | None] = []
            for col, p in enumerate(first):
                same = all(c[col].key() == p.key() for c in cands[1:])
                cells.append(p if same else None)
            res.cells[r] = cells
            if any(c is None for c in cells):
                res.reasons[r] = f"{len(set(c[idx] for c in best_combos))} readings fit"
    else:
        # no combination meets the identities across rows: the source is wrong somewhere, and the
        # readings that break fewest of them are no likelier to be the printed ones (a split that
        # "fixes" the sums is a guess), so only the cells every reading of the row agrees on
        for r in multi:
            choices = sorted(pool[r])
            cands = [live[r][ci] for ci in choices]
            res.cells[r] = [p if all(c[col].key() == p.key() for c in cands[1:]) else None
                            for col, p in enumerate(cands[0])]
            if len(choices) > 1:
                res.reasons[r] = (f"no reading satisfies every identity; {len(choices)} readings fit the "
                                  "row and none is preferred")


def _drop_broken_guesses(res: Resolution, identities: Sequence[Identity], guessed: frozenset[str]) -> None:
    """Undetermine each guessed row whose chosen reading fails a cross-row identity (all of its
    operands known): the split met the row's own total by coincidence, not by the table."""
    def val(row: str, col: int) -> float:
        cells = res.cells.get(row) or []
        p = cells[col] if col < len(cells) else None
        return math.nan if p is None else _val(p)

    for r in sorted(guessed):
        if not any(res.cells.get(r) or []):
            continue
        broken = [i.name for i in identities if len({t[0] for t in i.terms}) > 1 and r in {t[0] for t in i.terms}
                  and abs(sum(k * val(row, col) for row, col, k in i.terms)) > _EPS]  # NaN compares False
        if broken:
            res.cells[r] = [None] * len(res.cells[r])
            res.reasons[r] = (f"the split of the printed digits meets the row's own total but breaks "
                              f"{len(broken)} identities with other rows ({broken[0]} …)")
