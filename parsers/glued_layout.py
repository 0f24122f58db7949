"""How a glued table's rows are printed, and which cuts of their digits are guesses.

A row's value text is glued ("1210000"), spaced ("18 2 0 0 1 0") or both, and a page prints its
rows mostly one way (`glued_page`); a row may read only as fewer cells than it has, a blank cell
dropped (`reads_short`). Cutting a token that could be one number, or the digits before a unit of
things, is a choice the row's own total must confirm (`splits_a_number`, `cuts_a_count`); a run
that cannot be one number ("00", "3601102") is cut by necessity. `glued_rows.py` (tables 二 and
三) and `glued_review.py` (table 四) ask these questions before solving. Its own module because
they are about the printed text alone, not the readings or the identities that choose among them.
"""

from __future__ import annotations

from collections.abc import Sequence

from .splits import COUNT_UNITS, count_row_splits
from .value_tokens import Piece, Token


def reads_short(rows: dict[str, int], hits: dict[str, list[Token]]) -> bool:
    """Does a row of several cells read only as fewer cells than it has (a blank dropped)?
    `rows`: row -> its cell count."""
    return any(n > 1 and bool(hits.get(k)) and count_row_splits(hits[k], n) == 0
               and any(count_row_splits(hits[k], m) > 0 for m in range(1, n)) for k, n in rows.items())


def glued_page(rows: Sequence[tuple[Sequence[Token], int]]) -> bool:
    """Does the page print its table rows glued: most rows of several cells hold runs of several
    cells, a space in them a cell's &nbsp; padding? `rows`: the value tokens and cell count of
    table 三's rows (or 二's). A row looks glued when it is one run or has a run that cannot be
    one number ("00", "0114"); a row whose runs could each be one cell ("19 0 0 113", "3 1":
    printed cell by cell with blanks left out, or padded) does not.

    >>> from parsers.value_tokens import tokens_of
    >>> glued_page([(tokens_of(t), 7) for t in ("453 72 2065538", "112 00 0114", "4 000 004")])
    True
    >>> glued_page([(tokens_of(t), 7) for t in ("19 0 0 113", "0 0 0 0 0 0", "3 0 0 0 0 0 3", "3 1")])
    False
    """
    multi = [(r, n) for r, n in rows if r]
    looks = sum(len(r) == 1 or not each_one_cell(r) for r, _n in multi)
    return bool(multi) and looks * 5 >= len(multi) * 3


def each_one_cell(tokens: Sequence[Token]) -> bool:
    """Could every token be one cell ("19 0 0 113": a row printed cell by cell, blanks left out)?
    A run that cannot be one number ("00", "3601102") shows the row glued, its spaces padding.

    >>> from parsers.value_tokens import tokens_of
    >>> each_one_cell(tokens_of("19 0 0 113")), each_one_cell(tokens_of("00 0 0 21 11 3601102"))
    (True, False)
    """
    return all(tok.whole is not None or _may_be_one_number(tok)
               or (len(tok.segments) == 1 and (len(tok.segments[0].digits) == 1
                                               or not tok.segments[0].digits.startswith("0")))
               for tok in tokens)


def printed_apart(tokens: Sequence[Token]) -> bool:
    """Are some of the row's values printed apart (a space between them), not all glued? "无+200"
    is two tokens printed glued; "18 2 0 0 1 0" is printed apart."""
    return any(b.start > a.end for a, b in zip(tokens, tokens[1:]))


def splits_a_number(tokens: Sequence[Token], cands: Sequence[tuple[Piece, ...]]) -> bool:
    """Does some reading cut a token that could be one cell ("18" of "18 2 0 0 1 0")? A reading
    that only cuts runs which cannot be one number ("00" of "00 89") splits by necessity."""
    numbers = [tok for tok in tokens if _one_number(tok)]
    return any(sum(tok.start <= p.start < tok.end for p in cand) > 1 for tok in numbers for cand in cands)


def cuts_a_count(tokens: Sequence[Token], cands: Sequence[tuple[Piece, ...]]) -> bool:
    """Does some reading cut the digits before a unit of things ("1011010件" as 101|101|0件)?
    The unit marks where a cell ends, not where it starts: such a cut is a guess.

    >>> from parsers.splits import row_candidates
    >>> from parsers.value_tokens import tokens_of
    >>> ts = tokens_of("3012件")
    >>> cuts_a_count(ts, row_candidates(ts, 3)), cuts_a_count(tokens_of("3 0 12件"), row_candidates(tokens_of("3 0 12件"), 3))
    (True, False)
    """
    runs = [(seg.start, seg.start + len(seg.sign) + len(seg.digits)) for tok in tokens for seg in tok.segments
            if seg.unit in COUNT_UNITS and len(seg.digits) > 1]
    return any(sum(a <= p.start < b for p in cand) > 1 for a, b in runs for cand in cands)


def _may_be_one_number(tok: Token) -> bool:
    """A token read more than one way, one of them a single number: a change in words that may
    run into the next cell's digits ("增加53": 增加53, or 增加5 and 3), a thousands number that
    may have a cell glued before it ("25,012": 25,012, or 2 and 5,012). Reading it as several
    cells is a choice, as cutting "18" is."""
    return any(len(alt) == 1 and (_one_number(alt[0]) or (alt[0].whole is not None and alt[0].whole.kind == "number"))
               for alt in tok.alternatives)


def _one_number(tok: Token) -> bool:
    """The token could be one cell of several digits: splitting it is a choice, not a must."""
    if tok.alternatives:
        return _may_be_one_number(tok)
    if tok.whole is not None or len(tok.segments) != 1:
        return False
    digits = tok.segments[0].digits
    return len(digits) > 1 and not digits.startswith("0")
