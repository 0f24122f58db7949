"""Splitting glued digit runs into table cells, and choosing splits with the identities.

Flattened copies of report pages often print a table row as one run of digits: "640020470" for the
seven cells 64, 0, 0, 2, 0, 4, 70. This module is the pure arithmetic part of reading such rows:

* `read_value_tokens` reads the value tokens that follow a row label (whitespace is a hard cell
  boundary; inside a token cells may be glued);
* `row_candidates` enumerates every way a row's tokens can be cut into exactly `n` cells, with the
  rule that a cell is "0" or a digit string not starting with "0" ("000" is 0, 0, 0), that a sign
  starts a new cell ("2648-18538"), that a decimal fraction and a unit ("元", "笔"…) end one;
* `solve` picks, per group of rows tied together by identities, the splits that satisfy them.

Nothing here ever invents a number: a cell is only returned when every accepted reading of the row
agrees on it. Every enumeration is capped (`MAX_ROW_SPLITS`, `MAX_COMBINATIONS`) so hostile input
cannot hang the parser; beyond the caps the cells are reported as undetermined with the reason.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .values import NA_TOKENS, UNITS, parse_value

# No printed cell is longer than this many digits (城市级 行政许可 reach 8 digits, 采购总金额 in 元
# 11–12). The bound keeps the enumeration small and excludes absurd readings, never real ones.
MAX_CELL_DIGITS = 15
MAX_ROW_SPLITS = 5_000  # candidate splits of one row
MAX_COMBINATIONS = 20_000  # joint choices of the multi-split rows of one table
MAX_RUN_DIGITS = 200  # a digit run longer than this is not a table row

_EPS = 1e-6
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SEG = rf"[+\-]?\d+(?:\.\d+)?(?:{_UNIT_ALT})?"
_SEG_RE = re.compile(rf"(?P<sign>[+\-]?)(?P<digits>\d+)(?P<frac>\.\d+)?(?P<unit>{_UNIT_ALT})?")
_RUN_RE = re.compile(rf"(?:{_SEG})+")
# "1,234" (printed thousands separators) is one cell; only accepted as a whole whitespace token.
_THOUSANDS_RE = re.compile(rf"[+\-]?\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:{_UNIT_ALT})?(?=\s|$)")
_WORD_RE = re.compile(r"\S+")
# "/", "—" glued to the next label ("/行政许可") are still whole NA cells; "-3" is a sign.
_NA_MARK_RE = re.compile(r"(?:/+|—+|-|–|―|─|×)(?!\d)")
# An empty cell of a one-cell-per-line copy (`pipetext.cells_as_tokens`): a whole blank cell.
BLANK_MARK = "\u2400"
_CHUNK_RE = re.compile(r"[^\d\s+\-/—\u2400]+")
_PAREN_RE = re.compile(r"\([^()]*\)")
# A number glued to these is a date or an age, not a cell ("2021年").
_NOT_VALUE_AFTER = frozenset("年月日号时岁")
_OUTLINE_AFTER_RE = re.compile(r"[.、．]\s*[\u4e00-\u9fa5(（]")


@dataclass(frozen=True, slots=True)
class Piece:
    """One cell's printed text. `start`/`end` are offsets in the text the token was read from."""

    raw: str
    value: float | None
    kind: str  # number, blank, na, text
    unit: str | None
    start: int
    end: int

    @property
    def signed(self) -> bool:
        return self.raw[:1] in "+-"

    def key(self) -> tuple[str, float | None, str | None]:
        """What two readings must share for the cell to count as the same."""
        return (self.kind, self.value, self.unit)


@dataclass(frozen=True, slots=True)
class Segment:
    """A maximal part of a run that splits only between its digits: sign? digits fraction? unit?"""

    sign: str
    digits: str
    frac: str
    unit: str
    start: int  # offset of the sign (or the first digit)


@dataclass(frozen=True, slots=True)
class Token:
    """A whitespace-delimited value token: one glued run of segments, or one whole cell."""

    text: str
    start: int
    end: int
    segments: tuple[Segment, ...] = ()
    whole: Piece | None = None


def _token_of_run(text: str, start: int) -> Token:
    segs = tuple(
        Segment(m["sign"], m["digits"], m["frac"] or "", m["unit"] or "", start + m.start())
        for m in _SEG_RE.finditer(text)
    )
    return Token(text, start, start + len(text), segs)


def _whole_token(text: str, start: int) -> Token:
    value, kind, unit = parse_value(text)
    return Token(text, start, start + len(text), (), Piece(text, value, kind, unit, start, start + len(text)))


def _is_na_word(word: str) -> bool:
    return word in NA_TOKENS or parse_value(word)[1] == "na"


def _is_label_tail(chunk: str) -> bool:
    """Is this non-numeric chunk the rest of a row label (not narrative)?

    >>> _is_label_tail("(区分处理的,只计这一情形,不计其他情形)"), _is_label_tail("政府信息公开申请数量")
    (True, True)
    >>> _is_label_tail("制度,要求进一步推进信息公开,全年共发布")
    False
    """
    if len(chunk) > 32 or "。" in chunk or ";" in chunk:
        return False
    bare = _PAREN_RE.sub("", chunk)
    return "," not in bare and ":" not in bare


def read_value_tokens(s: str, i: int, end: int, skip_label: bool = True) -> list[Token]:
    """The value tokens at `s[i:end]`, stopping at the first text that is not a value.

    With `skip_label`, a short remainder of the row label is skipped first (the part after the
    keyword that was matched, possibly split by spaces); narrative text yields no tokens.

    >>> [t.text for t in read_value_tokens("政府信息公开申请数量230 000023二、上年", 0, 30)]
    ['230', '000023']
    >>> [t.text for t in read_value_tokens(" 2笔 984361元 三、", 0, 16)]
    ['2笔', '984361元']
    >>> [t.text for t in read_value_tokens(" / — 3 ", 0, 7)]
    ['/', '—', '3']
    >>> [t.text for t in read_value_tokens("7816 (二)主动公开 2021年", 0, 20)]
    ['7816']
    >>> read_value_tokens("制度,要求进一步推进信息公开,全年共发布133条", 0, 27)
    []
    >>> [t.text for t in read_value_tokens(" 0 2.主动公开政府信息的形式", 0, 20)]
    ['0']
    """
    n = min(end, len(s))
    if skip_label:
        for _ in range(3):
            while i < n and s[i].isspace():
                i += 1
            m = _CHUNK_RE.match(s, i, n)
            if not m:
                break
            chunk = m.group()
            word = _WORD_RE.match(s, i, n)
            if word and _is_na_word(word.group()):
                break
            if not _is_label_tail(chunk):
                return []
            i = m.end()
    tokens: list[Token] = []
    while True:
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            break
        if s[i] == BLANK_MARK:
            tokens.append(Token(BLANK_MARK, i, i + 1, (), Piece("", None, "blank", None, i, i + 1)))
            i += 1
            continue
        m = _THOUSANDS_RE.match(s, i, n)
        if m and (m.end() == n or s[m.end()].isspace()):
            tokens.append(_whole_token(m.group(), i))
            i = m.end()
            continue
        m = _RUN_RE.match(s, i, n)
        if m:
            if m.end() < n and s[m.end()] in _NOT_VALUE_AFTER:
                break
            if tokens and len(m.group()) <= 2 and s[i - 1].isspace() and _OUTLINE_AFTER_RE.match(s, m.end()):
                break  # " 2.主动公开…": the number of the next (sub)heading, not a value
            digits = sum(ch.isdigit() for ch in m.group())
            if digits > MAX_RUN_DIGITS:
                break
            tokens.append(_token_of_run(m.group(), i))
            i = m.end()
            continue
        w = _WORD_RE.match(s, i, n)
        if w and _is_na_word(w.group()):
            tokens.append(_whole_token(w.group(), i))
            i = w.end()
            continue
        m = _NA_MARK_RE.match(s, i, n)
        if m and _is_na_word(m.group()):
            tokens.append(_whole_token(m.group(), i))
            i = m.end()
            continue
        break
    return tokens


def tokens_of(text: str) -> list[Token]:
    """Value tokens of a bare value string (no label in front).

    >>> [t.text for t in tokens_of("2648-18538 +14")]
    ['2648-18538', '+14']
    """
    return read_value_tokens(text, 0, len(text), skip_label=False)


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


_COUNT_UNITS = frozenset(("件", "条", "个", "项", "人次", "次", "宗", "家"))


def _segment_pieces(seg: Segment, k: int) -> Iterator[tuple[Piece, ...]]:
    if k > 1 and seg.unit in _COUNT_UNITS:
        return  # see _segment_counts
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
    if seg.unit in _COUNT_UNITS:
        top = 1  # "412件" is one count: a unit of things is never shared by glued cells
    ways = _ways_table(seg.digits, top)
    return {k: c for k in range(1, top + 1) if n <= k * MAX_CELL_DIGITS and (c := ways[k][0])}


def _token_counts(tok: Token, kmax: int) -> dict[int, int]:
    """Number of splits of a token into k cells, for every feasible k ≤ kmax."""
    if tok.whole is not None:
        return {1: 1}
    if len(tok.segments) == 1 and len(tok.segments[0].digits) == 1 and kmax >= 1:
        return {1: 1}  # a single digit is one cell (most tokens of a spaced table)
    acc: dict[int, int] = {0: 1}
    for seg in tok.segments:
        counts = _segment_counts(seg, kmax)
        nxt: dict[int, int] = {}
        for k0, c0 in acc.items():
            for k1, c1 in counts.items():
                if k0 + k1 <= kmax:
                    nxt[k0 + k1] = nxt.get(k0 + k1, 0) + c0 * c1
        acc = nxt
    acc.pop(0, None)
    return acc


def _token_pieces(tok: Token, k: int) -> Iterator[tuple[Piece, ...]]:
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


class TooManySplits(Exception):
    """Raised when a row has more candidate splits than the cap."""


def count_row_splits(tokens: Sequence[Token], n: int) -> int:
    """Number of ways the tokens make exactly `n` cells.

    >>> count_row_splits(tokens_of("230 000023"), 7), count_row_splits(tokens_of("0 0 0 0 0 00"), 7)
    (3, 1)
    """
    ways: dict[int, int] = {0: 1}
    for tok in tokens:
        counts = _token_counts(tok, n)
        nxt: dict[int, int] = {}
        for k0, c0 in ways.items():
            for k1, c1 in counts.items():
                if k0 + k1 <= n:
                    nxt[k0 + k1] = nxt.get(k0 + k1, 0) + c0 * c1
        ways = nxt
        if not ways:
            return 0
    return ways.get(n, 0)


def row_candidates(tokens: Sequence[Token], n: int, cap: int = MAX_ROW_SPLITS) -> list[tuple[Piece, ...]]:
    """Every reading of a row's tokens as exactly `n` cells (raises TooManySplits beyond `cap`).

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
    """
    if len(tokens) == n:
        # one cell per token is the only reading there can be (a token makes at least one cell);
        # the common spaced row "0 0 0 0 0 0 0" needs no enumeration
        pieces: list[Piece] = []
        for tok in tokens:
            one = next(_token_pieces(tok, 1), None)
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
    counts = [_token_counts(t, n) for t in tokens]
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
                    memo[(j, k)] = list(_token_pieces(tokens[j], k))
                for pieces in memo[(j, k)]:
                    rec(j + 1, rem - k, acc + pieces)

    rec(0, n, ())
    return out


# ---------------------------------------------------------------------------- the solver
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


def _fails(identity: Identity, choice: dict[str, tuple[Piece, ...]]) -> bool:
    total = 0.0
    for row, col, coef in identity.terms:
        total += coef * _val(choice[row][col])
    return abs(total) > _EPS  # NaN (unknown operand) is not a failure


def solve(rows: dict[str, list[tuple[Piece, ...]]], identities: Sequence[Identity],
          cap: int = MAX_COMBINATIONS, split_rows: frozenset[str] = frozenset()) -> Resolution:
    """Choose one reading per row so that the identities hold; leave undecidable cells as None.

    Identities on one row (a row total) filter that row's candidates first. Rows tied by other
    identities are solved jointly: if readings satisfy every identity, a cell is determined when
    it has the same value in all of them. If none does (the source itself is inconsistent), the
    readings with the fewest failing identities are kept, each row restricted to the readings that
    meet its own row total; a row is determined only if all those readings agree on it.

    `split_rows` are rows whose printed digits had to be split to make the row's cells (fewer
    tokens than cells). Their reading is a guess unless their own identity confirms it: when no
    reading meets it, the row is left undetermined rather than read with a failing total (a
    spaced row "18 2 0 0 1 0" missing its blank 总计 is not "1 8 2 0 0 1 0").

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
        if own and not any(all(_fails(i, {r: cand}) == 0 for i in own) for cand in live[r]):
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
    lf = {r: [sum(_fails(i, {r: cand}) for i in local[r]) for cand in live[r]] for r in live}
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
    return res


_MAX_STATES = 50_000  # per half: beyond it the tables are left to the per-row agreement


def _feasible_by_sums(comp: list[str], multi: list[str], pool: dict[str, list[int]], lf: dict[str, list[int]],
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
    # forward over the first half: state -> [(reading, previous state)]
    fwd: list[dict[tuple, list[tuple[int, tuple]]]] = [{key(start): []}]
    for r in multi[:half]:
        nxt: dict[tuple, list[tuple[int, tuple]]] = {}
        for prev in fwd[-1]:
            for ci in choices[r]:
                nxt.setdefault(key([a + b for a, b in zip(prev, vecs[r][ci], strict=True)]), []).append((ci, prev))
        if len(nxt) > _MAX_STATES:
            return None
        fwd.append(nxt)
    # backward over the second half: state = sum of the rows from here to the end
    back: list[dict[tuple, list[tuple[int, tuple]]]] = [{key([0.0] * n_ids): []}]
    for r in reversed(multi[half:]):
        nxt = {}
        for after in back[-1]:
            for ci in choices[r]:
                nxt.setdefault(key([a + b for a, b in zip(after, vecs[r][ci], strict=True)]), []).append((ci, after))
        if len(nxt) > _MAX_STATES:
            return None
        back.append(nxt)
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


def _solve_component(comp: list[str], live: dict[str, list[tuple[Piece, ...]]], pool: dict[str, list[int]],
                     lf: dict[str, list[int]], cross: list[Identity], cap: int, res: Resolution) -> None:
    multi = [r for r in comp if len(pool[r]) > 1]
    size = math.prod(len(pool[r]) for r in multi)
    def vec(r: str, ci: int) -> list[float]:
        cand = live[r][ci]
        return [sum(coef * _val(cand[col]) for rr, col, coef in i.terms if rr == r) for i in cross]

    if size > cap:
        # too many combinations to try one by one: follow the identities' sums row by row instead
        feasible = _feasible_by_sums(comp, multi, pool, lf, vec, len(cross))
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
    elif best == 0 or len(best_combos) == 1:
        # every accepted reading: a cell is known when all of them agree on it
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
        # source inconsistent and several readings tie: only rows on which they all agree
        for idx, r in enumerate(multi):
            choices = {c[idx] for c in best_combos}
            if len(choices) == 1:
                res.cells[r] = list(live[r][choices.pop()])
            else:
                res.cells[r] = [None] * len(live[r][0])
                res.reasons[r] = (f"no reading satisfies every identity; {len(choices)} readings tie "
                                  f"with {best} failing")
