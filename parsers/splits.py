"""Splitting glued digit runs into table cells, and choosing splits with the identities.

Flattened copies of report pages often print a table row as one run of digits: "640020470" for the
seven cells 64, 0, 0, 2, 0, 4, 70. This module is the pure arithmetic part of reading such rows:

* `value_tokens.read_value_tokens` reads the value tokens that follow a row label (whitespace is a
  hard cell boundary; inside a token cells may be glued);
* `token_splits` counts and lists the ways one token makes `k` cells (its own module: it knows
  nothing of rows, caps or totals);
* `row_candidates` enumerates every way a row's tokens can be cut into exactly `n` cells, with the
  rule that a cell is "0" or a digit string not starting with "0" ("000" is 0, 0, 0), that a sign
  starts a new cell ("2648-18538"), that a decimal fraction and a unit ("元", "笔"…) end one;
* `parsers.solver.solve` then picks, per group of rows tied together by identities, the splits
  that satisfy them.

Nothing here ever invents a number: a cell is only returned when every accepted reading of the row
agrees on it. Every enumeration is capped (`MAX_ROW_SPLITS`, `MAX_COMBINATIONS`) so hostile input
cannot hang the parser; beyond the caps the cells are reported as undetermined with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .token_splits import MAX_CELL_DIGITS, combine_counts, token_counts, token_pieces
from .value_pieces import Piece, Segment, Token

MAX_ROW_SPLITS = 5_000  # candidate splits of one row
MAX_PRUNED_SPLITS = 5_000_000  # raw splits of a row still walked, its own totals pruning the walk
MAX_PRUNED_STEPS = 200_000  # cells tried by `pruned_row_candidates` before it gives up
MAX_SUM_STEPS = 60_000  # (position, cells, remainder) states `total_last_candidates` visits (~0.1 s)
MAX_COMBINATIONS = 20_000  # joint choices of the multi-split rows of one table

_EPS = 1e-6


# Units of things ("412件"). A glued run ends its last cell with the unit ("1011010件" may be
# 101|101|0件), so such a run is split like any other; a reading that cuts the digits before the
# unit is a guess the row's own total must confirm (`glued_layout.cuts_a_count`).
COUNT_UNITS = frozenset(("件", "条", "个", "项", "人次", "次", "宗", "家"))


def pruned_row_candidates(tokens: Sequence[Token], n: int, keep: Callable[[tuple[Piece, ...]], bool],
                          budget: int = MAX_PRUNED_STEPS) -> list[tuple[Piece, ...]]:
    """The readings of `row_candidates` that `keep` accepts, found cell by cell: `keep` sees
    every partial reading and returns False when no completion can be right (a block total that
    already fails), so a run with 18,000 raw splits is walked without materialising them.
    Raises TooManySplits when more than `budget` cells are tried.

    >>> from parsers.value_tokens import tokens_of
    >>> ts = tokens_of("12113")
    >>> [[p.raw for p in c] for c in pruned_row_candidates(ts, 3, lambda a: len(a) < 3 or a[2].value == a[0].value + a[1].value)]
    [['12', '1', '13']]
    """
    if (variants := _variants(tokens)) is not None:
        found: list[tuple[Piece, ...]] = []
        for v in variants:
            found += pruned_row_candidates(v, n, keep, budget)
        return list(dict.fromkeys(found))
    units: list[Piece | Segment] = []
    for tok in tokens:
        units += [tok.whole] if tok.whole is not None else list(tok.segments)
    # fewest and most cells the units from u on can make
    lo = [0] * (len(units) + 1)
    hi = [0] * (len(units) + 1)
    for u in range(len(units) - 1, -1, -1):
        unit = units[u]
        most = 1 if isinstance(unit, Piece) else len(unit.digits)
        lo[u], hi[u] = lo[u + 1] + 1, hi[u + 1] + most
    out: list[tuple[Piece, ...]] = []
    steps = 0

    def rec(u: int, i: int, acc: tuple[Piece, ...]) -> None:
        nonlocal steps
        if u == len(units):
            if len(acc) == n:
                out.append(acc)
            return
        unit = units[u]
        if isinstance(unit, Piece):
            grown = acc + (unit,)
            if lo[u + 1] <= n - len(grown) <= hi[u + 1] and keep(grown):
                rec(u + 1, 0, grown)
            return
        d = unit.digits
        if d[i] == "0":
            ends: Sequence[int] = (i + 1,)
        else:
            ends = range(i + 1, min(len(d), i + MAX_CELL_DIGITS) + 1)
        for e in ends:
            steps += 1
            if steps > budget:
                raise TooManySplits(f"over {budget} cells tried")
            rest = n - len(acc) - 1  # cells still to make after this one
            if e < len(d):
                if not 1 + lo[u + 1] <= rest <= len(d) - e + hi[u + 1]:
                    continue
            elif not lo[u + 1] <= rest <= hi[u + 1]:
                continue
            sign = unit.sign if i == 0 else ""
            tail = e == len(d)
            frac, unit_mark = (unit.frac, unit.unit) if tail else ("", "")
            raw = sign + d[i:e] + frac + unit_mark
            num = float(d[i:e] + frac)
            start = unit.start + (len(unit.sign) if i else 0) + i
            grown = acc + (Piece(raw, -num if sign == "-" else num, "number", unit_mark or None, start,
                                 start + len(raw)),)
            if keep(grown):
                rec(u + 1, 0, grown) if tail else rec(u, e, grown)

    rec(0, 0, ())
    return out


def total_last_candidates(tokens: Sequence[Token], n: int) -> list[tuple[Piece, ...]] | None:
    """The readings of one plain glued run as `n` cells whose last is the sum of the others (a
    table 三 row and its 总计), found total first: each suffix that could be the total, then the
    splits of the rest that add up to it, with cells worth more than what is left to add pruned.
    None when the row is not one plain run (signs, fractions, units, several tokens). A run read
    several ways (`glued_scan.outline_tails`: with or without the next label's number) gives the
    readings of each way.

    >>> from parsers.value_tokens import tokens_of
    >>> [[p.raw for p in c] for c in total_last_candidates(tokens_of("12113"), 3)]
    [['12', '1', '13']]
    >>> len(total_last_candidates(tokens_of("18911532411651601962806"), 7))
    1
    """
    if len(tokens) == 1 and tokens[0].alternatives and all(len(alt) == 1 for alt in tokens[0].alternatives):
        ways = [total_last_candidates(alt, n) for alt in tokens[0].alternatives]
        return None if any(w is None for w in ways) else [c for w in ways for c in w or ()]
    if len(tokens) != 1 or tokens[0].alternatives or tokens[0].whole is not None or len(tokens[0].segments) != 1:
        return None
    seg = tokens[0].segments[0]
    if seg.sign or seg.frac or seg.unit or n < 2:
        return None
    d, off = seg.digits, seg.start
    out: list[tuple[Piece, ...]] = []

    def cell(a: int, b: int) -> Piece:
        return Piece(d[a:b], float(d[a:b]), "number", None, off + a, off + b)

    memo: dict[tuple[int, int, int], list[tuple[tuple[int, int], ...]]] = {}
    steps = 0

    def parts(pos: int, end: int, k: int, rem: int) -> list[tuple[tuple[int, int], ...]]:
        # splits of d[pos:end] into k cells adding up to rem
        nonlocal steps
        key = (pos, k, rem)
        if key in memo:
            return memo[key]
        steps += 1
        if steps > MAX_SUM_STEPS:
            raise TooManySplits(f"over {MAX_SUM_STEPS} partial sums tried")
        found: list[tuple[tuple[int, int], ...]] = []
        left = end - pos
        if k == 1:
            if left <= MAX_CELL_DIGITS and (left == 1 or d[pos] != "0") and int(d[pos:end]) == rem:
                found.append(((pos, end),))
        elif k <= left <= k * MAX_CELL_DIGITS:
            stops = (pos + 1,) if d[pos] == "0" else range(pos + 1, min(end - k + 1, pos + MAX_CELL_DIGITS) + 1)
            for e in stops:
                v = int(d[pos:e])
                if v > rem:
                    break  # longer cells only grow
                found += [((pos, e), *rest) for rest in parts(e, end, k - 1, rem - v)]
        memo[key] = found
        return found

    for length in range(1, min(MAX_CELL_DIGITS, len(d) - n + 1) + 1):
        start = len(d) - length
        if length > 1 and d[start] == "0":
            continue
        memo.clear()
        for split in parts(0, start, n - 1, int(d[start:])):
            out.append((*(cell(a, b) for a, b in split), cell(start, len(d))))
            if len(out) > MAX_ROW_SPLITS:
                raise TooManySplits(f"over {MAX_ROW_SPLITS} readings meet the row total")
    return out


class TooManySplits(Exception):
    """Raised when a row has more candidate splits than the cap."""


def _variants(tokens: Sequence[Token]) -> list[list[Token]] | None:
    """The token lists a row reads as when a token has `alternatives` (a glued run with
    thousands separators); None when none has."""
    if not any(t.alternatives for t in tokens):
        return None
    out: list[list[Token]] = [[]]
    for t in tokens:
        out = [v + list(alt) for v in out for alt in t.alternatives] if t.alternatives else [v + [t] for v in out]
        if len(out) > 243:
            raise TooManySplits("too many readings of its thousands separators")
    return out


def count_row_splits(tokens: Sequence[Token], n: int) -> int:
    """Number of ways the tokens make exactly `n` cells.

    >>> from parsers.value_tokens import tokens_of
    >>> count_row_splits(tokens_of("230 000023"), 7), count_row_splits(tokens_of("0 0 0 0 0 00"), 7)
    (3, 1)
    """
    try:
        variants = _variants(tokens)
    except TooManySplits:
        return MAX_PRUNED_SPLITS + 1  # beyond every cap: the row is reported, not read
    if variants is not None:
        return sum(count_row_splits(v, n) for v in variants)
    ways: dict[int, int] = {0: 1}
    for tok in tokens:
        ways = combine_counts(ways, token_counts(tok, n), n)
        if not ways:
            return 0
    return ways.get(n, 0)


def row_candidates(tokens: Sequence[Token], n: int, cap: int = MAX_ROW_SPLITS) -> list[tuple[Piece, ...]]:
    """Every reading of a row's tokens as exactly `n` cells (raises TooManySplits beyond `cap`).

    >>> from parsers.value_tokens import tokens_of
    >>> [[p.raw for p in c] for c in row_candidates(tokens_of("3500"), 3)]
    [['3', '50', '0'], ['35', '0', '0']]
    >>> [[p.value for p in c] for c in row_candidates(tokens_of("35-15"), 2)]
    [[35.0, -15.0]]
    >>> [[p.raw for p in c] for c in row_candidates(tokens_of("2笔 984361元"), 2)]
    [['2笔', '984361元']]
    >>> [p.unit for p in row_candidates(tokens_of("2笔 984361元"), 2)[0]]
    ['笔', '元']
    >>> len(row_candidates(tokens_of("13575394432.52元"), 2))
    10
    >>> [[p.raw for p in c] for c in row_candidates(tokens_of("1,204000041,208"), 7)]
    [['1,204', '0', '0', '0', '0', '4', '1,208']]
    """
    if (variants := _variants(tokens)) is not None:
        total = count_row_splits(tokens, n)
        if total > cap:
            raise TooManySplits(f"{total} splits")
        return list(dict.fromkeys(c for v in variants for c in row_candidates(v, n, cap)))
    if len(tokens) == n:
        # one cell per token is the only reading there can be (a token makes at least one cell);
        # the common spaced row "0 0 0 0 0 0 0" needs no enumeration
        pieces: list[Piece] = []
        for tok in tokens:
            one = next(token_pieces(tok, 1), None)
            if one is None:
                break
            pieces.extend(one)
        else:
            return [tuple(pieces)]
    total = count_row_splits(tokens, n)
    if total > cap:
        raise TooManySplits(f"{total} splits" if total < 10**9 else "over 10^9 splits")
    if total == 0:
        return []
    counts = [token_counts(t, n) for t in tokens]
    # feasible[j][r]: can tokens j.. make exactly r cells?
    feasible: list[set[int]] = [set() for _ in range(len(tokens) + 1)]
    feasible[len(tokens)].add(0)
    for j in range(len(tokens) - 1, -1, -1):
        feasible[j] = {k + r for k in counts[j] for r in feasible[j + 1] if k + r <= n}
    out: list[tuple[Piece, ...]] = []
    memo: dict[tuple[int, int], list[tuple[Piece, ...]]] = {}

    def rec(j: int, rem: int, acc: tuple[Piece, ...]) -> None:
        if j == len(tokens):
            out.append(acc)
            return
        for k in sorted(counts[j]):
            if rem - k in feasible[j + 1]:
                if (j, k) not in memo:
                    memo[(j, k)] = list(token_pieces(tokens[j], k))
                for pieces in memo[(j, k)]:
                    rec(j + 1, rem - k, acc + pieces)

    rec(0, n, ())
    return out
