"""What a value token of flattened table text is made of, and the readings of an ambiguous one.

`Piece` (one cell's printed text), `Segment` (a part of a glued run that splits only between its
digits) and `Token` (a whitespace-delimited run, or one whole cell), with the two ways text becomes
a token (`token_of_run`, `whole_token`) and the alternative token sequences of a run that reads
more than one way: thousands separators glued to other cells (`comma_readings`), a run of NA marks
(`mark_readings`). Its own module because these types are shared by the reader (`value_tokens.py`),
the split enumeration (`splits.py`, `token_splits.py`) and the solver, apart from the label and
narrative rules of reading a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import UNITS, parse_value

UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SEG_RE = re.compile(rf"(?P<sign>[+\-]?)(?P<digits>\d+)(?P<frac>\.\d+)?(?P<unit>{UNIT_ALT})?")


_CHANGE_WORDS = ("增加", "增长", "新增", "减少", "下降")


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
        # not a blank "" nor an NA "-"; a change in words ("增加8", "减少3") is signed as "+8" is
        return self.kind == "number" and (self.raw[:1] in ("+", "-") or self.raw[:2] in _CHANGE_WORDS)

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
    # a glued run with thousands separators ("1,204000041,208"): each way of choosing how many
    # digits before a comma start its number, as the tokens it then reads as (`splits` expands)
    alternatives: tuple[tuple[Token, ...], ...] = ()


def token_of_run(text: str, start: int) -> Token:
    segs = tuple(
        Segment(m["sign"], m["digits"], m["frac"] or "", m["unit"] or "", start + m.start())
        for m in _SEG_RE.finditer(text)
    )
    return Token(text, start, start + len(text), segs)


def whole_token(text: str, start: int) -> Token:
    value, kind, unit = parse_value(text)
    return Token(text, start, start + len(text), (), Piece(text, value, kind, unit, start, start + len(text)))


# Digits glued with thousands-separated numbers: every comma is followed by its 3-digit group.
COMMA_RUN_RE = re.compile(r"\d+(?:,\d{3}\d*)+(?![\d,年月日号时岁.])")
_MAX_COMMA_READINGS = 81  # 3 choices per separated number; more is not a table row


def comma_readings(text: str, start: int) -> tuple[tuple[Token, ...], ...]:
    """The readings of a glued run holding thousands-separated numbers, as token sequences:
    each number takes 1–3 of the digits before its first comma (never starting with 0), the
    digits in between are a plain run to split.

    >>> [[t.text for t in r] for r in comma_readings("1,204000041,208", 0)]
    [['1,204', '00004', '1,208'], ['1,204', '0000', '41,208']]
    """
    parts = text.split(",")
    # numbers: (index of the part holding its lead digits, index of its last group part)
    numbers: list[tuple[int, int]] = []
    j = 1
    while j < len(parts):
        first = j
        while j + 1 < len(parts) and len(parts[j]) == 3:  # "1,234,567": the groups of one number
            j += 1
        numbers.append((first - 1, j))
        j += 1
    offsets = [0]
    for p in parts:
        offsets.append(offsets[-1] + len(p) + 1)
    out: list[tuple[Token, ...]] = []
    truncated = False

    def rec(b: int, free_from: int, acc: tuple[Token, ...]) -> None:
        # free_from: offset in `text` where the digits not yet given to a number start
        nonlocal truncated
        if len(out) >= _MAX_COMMA_READINGS:
            truncated = True
            return
        if b == len(numbers):
            rest = text[free_from:]
            out.append(acc + ((token_of_run(rest, start + free_from),) if rest else ()))
            return
        lead_part, last = numbers[b]
        lead_end = offsets[lead_part] + len(parts[lead_part])  # where the comma is
        number_end = offsets[last] + 3
        for k in (1, 2, 3):
            lead = lead_end - k
            if lead < free_from or text[lead] == "0":
                continue
            before = text[free_from:lead]
            head = (token_of_run(before, start + free_from),) if before else ()
            rec(b + 1, number_end, acc + head + (whole_token(text[lead:number_end], start + lead),))

    rec(0, 0, ())
    return () if truncated else tuple(out)  # a partial list would make a wrong reading look unique


def mark_readings(marks: str, start: int) -> tuple[tuple[Token, ...], ...]:
    """A run of NA marks as one cell or as several (every way to cut it, up to 4 marks).

    >>> [[t.text for t in r] for r in mark_readings("///", 0)]
    [['///'], ['/', '//'], ['//', '/'], ['/', '/', '/']]
    """
    if len(marks) > 4:
        return ((whole_token(marks, start),),)
    out: list[tuple[Token, ...]] = []
    for cuts in range(1 << (len(marks) - 1)):  # bit k set: a cut after mark k
        parts, a = [], 0
        for k in range(1, len(marks)):
            if cuts >> (k - 1) & 1:
                parts.append(whole_token(marks[a:k], start + a))
                a = k
        parts.append(whole_token(marks[a:], start + a))
        out.append(tuple(parts))
    return tuple(sorted(out, key=len))
