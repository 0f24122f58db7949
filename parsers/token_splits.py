"""The ways one value token splits into cells: counted without listing them, and listed lazily.

A token of flattened table text (`value_tokens.Token`) is one glued run of digit segments, or one
whole cell. Here are the per-token building blocks `splits.py` reads whole rows with: how many
ways a digit run makes `k` cells (a ways table per run, cached), each of those ways as (start,
end) pairs, and as `Piece` cells with the segment's sign, fraction and unit put back. They are a
module of their own because they know nothing of rows, caps or totals: only the rule that a
cell is "0" or a digit string not starting with "0", at most `MAX_CELL_DIGITS` long.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .value_pieces import Piece, Segment, Token

# No printed cell is longer than this many digits (城市级 行政许可 reach 8 digits, 采购总金额 in 元
# 11–12). The bound keeps the enumeration small and excludes absurd readings, never real ones.
MAX_CELL_DIGITS = 15


# ---------------------------------------------------------------------------- digit splitting
@lru_cache(maxsize=4096)
def _ways_table(digits: str, k: int) -> list[list[int]]:
    """ways[j][i]: number of ways `digits[i:]` splits into j cells (j = 0..k)."""
    n = len(digits)
    prev = [0] * (n + 1)
    prev[n] = 1
    table = [prev]
    for _ in range(k):
        cur = [0] * (n + 1)
        # suffix sums of prev make each layer O(n)
        suffix = [0] * (n + 2)
        for i in range(n, -1, -1):
            suffix[i] = suffix[i + 1] + prev[i]
        for i in range(n - 1, -1, -1):
            if digits[i] == "0":
                cur[i] = prev[i + 1]
            else:
                hi = min(n, i + MAX_CELL_DIGITS)
                cur[i] = suffix[i + 1] - suffix[hi + 1]
        table.append(cur)
        prev = cur
    return table


def count_splits(digits: str, k: int) -> int:
    """How many ways `digits` splits into `k` cells, each "0" or not starting with "0".

    >>> count_splits("000", 3), count_splits("230", 2), count_splits("230", 3), count_splits("00", 1)
    (1, 2, 1, 0)
    >>> count_splits("10203120001200000", 15)
    25
    """
    n = len(digits)
    if k <= 0 or k > n or n > k * MAX_CELL_DIGITS:
        return 0
    return _ways_table(digits, k)[k][0]


def split_digits(digits: str, k: int) -> Iterator[tuple[tuple[int, int], ...]]:
    """Every split of `digits` into `k` cells, as (start, end) index pairs.

    Only branches that can still complete are explored, so the work is proportional to the
    number of splits produced (which callers cap via `count_splits`).

    >>> [[("230")[a:b] for a, b in sp] for sp in split_digits("230", 2)]
    [['2', '30'], ['23', '0']]
    >>> list(split_digits("0050", 2))
    []
    """
    n = len(digits)
    if k <= 0 or k > n or n > k * MAX_CELL_DIGITS:
        return iter(())
    ways = _ways_table(digits, k)

    def rec(i: int, j: int) -> Iterator[tuple[tuple[int, int], ...]]:
        if j == 0:
            yield ()
            return
        ends = (i + 1,) if digits[i] == "0" else range(i + 1, min(n, i + MAX_CELL_DIGITS) + 1)
        for e in ends:
            if ways[j - 1][e]:
                for rest in rec(e, j - 1):
                    yield ((i, e), *rest)

    return rec(0, k) if ways[k][0] else iter(())


def _segment_pieces(seg: Segment, k: int) -> Iterator[tuple[Piece, ...]]:
    off = seg.start + len(seg.sign)
    last = k - 1
    cache: dict[tuple[int, int, bool, bool], Piece] = {}  # splits share most of their cells

    def piece(a: int, b: int, first: bool, is_last: bool) -> Piece:
        p = cache.get((a, b, first, is_last))
        if p is None:
            sign = seg.sign if first else ""
            frac = seg.frac if is_last else ""
            raw = sign + seg.digits[a:b] + frac + (seg.unit if is_last else "")
            num = float(seg.digits[a:b] + frac)
            start = off + a - len(sign)
            p = Piece(raw, -num if sign == "-" else num, "number", (seg.unit or None) if is_last else None,
                      start, start + len(raw))
            cache[(a, b, first, is_last)] = p
        return p

    for sp in split_digits(seg.digits, k):
        yield tuple(piece(a, b, idx == 0, idx == last) for idx, (a, b) in enumerate(sp))


def _segment_counts(seg: Segment, kmax: int) -> dict[int, int]:
    # one ways table up to kmax answers every k (row k, start 0); it is cached per digit run
    n = len(seg.digits)
    top = min(kmax, n)
    if top <= 0:
        return {}
    ways = _ways_table(seg.digits, top)
    return {k: c for k in range(1, top + 1) if n <= k * MAX_CELL_DIGITS and (c := ways[k][0])}


def token_counts(tok: Token, kmax: int) -> dict[int, int]:
    """Number of splits of a token into k cells, for every feasible k ≤ kmax."""
    if tok.whole is not None:
        return {1: 1}
    if len(tok.segments) == 1 and len(tok.segments[0].digits) == 1 and kmax >= 1:
        return {1: 1}  # a single digit is one cell (most tokens of a spaced table)
    acc: dict[int, int] = {0: 1}
    for seg in tok.segments:
        acc = combine_counts(acc, _segment_counts(seg, kmax), kmax)
    acc.pop(0, None)
    return acc


def combine_counts(ways: dict[int, int], counts: dict[int, int], kmax: int) -> dict[int, int]:
    """Ways to make k cells from two parts in a row: {k0: ways} × {k1: ways} → {k0+k1 ≤ kmax: ways}.

    >>> combine_counts({1: 1, 2: 2}, {1: 3}, 3)
    {2: 3, 3: 6}
    """
    out: dict[int, int] = {}
    for k0, c0 in ways.items():
        for k1, c1 in counts.items():
            if k0 + k1 <= kmax:
                out[k0 + k1] = out.get(k0 + k1, 0) + c0 * c1
    return out


def token_pieces(tok: Token, k: int) -> Iterator[tuple[Piece, ...]]:
    if tok.whole is not None:
        if k == 1:
            yield (tok.whole,)
        return
    segs = tok.segments
    if k == 1 and len(segs) == 1:
        # the token as one cell: what _segment_pieces(seg, 1) yields, without the split tables
        seg = segs[0]
        d = seg.digits
        if len(d) <= MAX_CELL_DIGITS and (len(d) == 1 or d[0] != "0"):
            raw = seg.sign + d + seg.frac + seg.unit
            num = float(d + seg.frac)
            yield (Piece(raw, -num if seg.sign == "-" else num, "number", seg.unit or None,
                         seg.start, seg.start + len(raw)),)
        return
    counts = [_segment_counts(s, k) for s in segs]
    # reachable[j]: cell counts segments j.. can make together (prunes infeasible k early)
    reachable: list[set[int]] = [set() for _ in range(len(segs) + 1)]
    reachable[len(segs)].add(0)
    for j in range(len(segs) - 1, -1, -1):
        reachable[j] = {a + b for a in counts[j] for b in reachable[j + 1] if a + b <= k}

    def rec(j: int, rem: int) -> Iterator[tuple[Piece, ...]]:
        if j == len(segs):
            if rem == 0:
                yield ()
            return
        for kj in counts[j]:
            if rem - kj not in reachable[j + 1]:
                continue
            for head in _segment_pieces(segs[j], kj):
                for rest in rec(j + 1, rem - kj):
                    yield head + rest


    yield from rec(0, k)
