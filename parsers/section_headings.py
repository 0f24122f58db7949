"""The six section headings' patterns, and every place in a text where one matches.

Each section heading has its wording variants (`HEADINGS`), numbered "一、", "（一）" or "第一部分"
and allowed to wrap over a line break anywhere in its words; a pre-2019 report's top-level parts
are placed by their topic instead (`headings_by_topic`). This module finds the candidates
(`heading_candidates`: where, in which numbering style, at a line start or quoted) and says
whether a whole line is a heading (`heading_number`, which the table readers ask too); choosing
the sequence of headings that explains a page is `sections.py`. Its own module because the
patterns are the data of the domain's headings, apart from the scoring that picks among matches.
"""

from __future__ import annotations

import re

_NUM = "[、.．,，]?\\s*"


def _n(numeral: str) -> str:
    """A section number: "一、", "一.", "一", bracketed "（一）"/"(一)" or "第一部分"."""
    return rf"(?:[（(]\s*{numeral}\s*[)）]\s*|第{numeral}部分[、.．:：\s]*|{numeral}{_NUM})"


HEADINGS: tuple[tuple[int, str], ...] = (
    (1, _n("一") + r"(?:总体情况|主要工作概述|工作基本情况|基本情况|概述|总体工作情况|工作概况|总体概况)"),
    (2, _n("二") + r"主动公开(?:政府信息)?(?:工作)?(?:的)?情况"),
    (3, _n("三") + r"(?:收到和处理政府信息(?:公开)?申请(?:的)?情况|依申请公开(?:政府信息)?(?:的)?情况)"),
    (4, _n("四") + r"(?:因)?政府信息公开(?:工作)?(?:被)?(?:申请)?行政法?复议[、和及]?(?:提起)?行政诉讼(?:的)?情况"
        r"|" + _n("四") + r"(?:因政府信息公开(?:工作)?)?(?:被)?(?:申请)?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况"),
    (5, _n("五") + r"(?:政府信息公开)?(?:工作)?(?:中)?(?:存在(?:的)?)?(?:主要)?问题(?:及|和)(?:其)?改进(?:情况|措施)"),
    (6, _n("六") + r"其[他它](?:需(?:要)?(?:报告|说明)的?)?事项"),
)
# A heading wraps over a line break or a <br> anywhere in its words ("二、主动公开\n政府信息情况"):
# up to two spaces or breaks may follow each of its characters.
_GAP = r"\s{0,2}"


def _wrappable(pattern: str) -> str:
    """`pattern` with `_GAP` after every CJK character and character class (after its
    quantifier, when it has one).

    >>> print(_wrappable(r"公开(?:的)?行政复议[、和]?情况"))
    公\\s{0,2}开\\s{0,2}(?:的\\s{0,2})?行\\s{0,2}政\\s{0,2}复\\s{0,2}议\\s{0,2}[、和]?\\s{0,2}情\\s{0,2}况\\s{0,2}
    """
    return _UNIT_RE.sub(lambda m: m.group() + _GAP if m.group(1) is None else m.group(), pattern)


# a character class (kept whole: a gap inside it would add characters to it), an escape, or a
# CJK character, each with its quantifier
_UNIT_RE = re.compile(r"(\\.)|\[[^\]]*\][?*+]?|[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][?*+]?")


_COMPILED = [(n, re.compile(_wrappable(p))) for n, p in HEADINGS]
# Pre-2019 reports number their parts their own way (一、概述 … 三、政府信息依申请公开工作情况
# 四、…收费及减免情况 五、…行政复议、提起行政诉讼的情况 六、主要问题和改进措施 七、…统计表):
# a top-level heading on a line of its own is then placed by its topic, whatever its numeral,
# so section 4 is always review and litigation; parts with no template topic stay in the text
# of the section before them.
_TOP_NUMBER_RE = re.compile(r"\n[ \t\u3000]*[一二三四五六七八九十]{1,2}[、.．]")
_TOPICS: tuple[tuple[int, re.Pattern[str]], ...] = tuple((n, re.compile(p)) for n, p in (
    (1, r"^(?:总体情况|主要工作概述|工作基本情况|基本情况|概述|总体工作情况|基本工作情况|工作概况|总体概况)"),
    (2, r"^(?:政府信息)?主动公开"),
    (3, r"^(?:政府信息)?依申请公开|^收到和处理政府信息(?:公开)?申请"),
    (4, r"行政复议.{0,8}行政诉讼"),
    (5, r"^(?:政府信息公开)?(?:工作)?(?:中)?(?:存在的?)?(?:主要)?问题.{0,4}(?:改进|措施|打算|建议)"),
    (6, r"^(?:其[他它]需要?报告的?事项|需要说明的事项|其[他它]需要说明的事项|其[他它]事项)"),
))
_QUOTES = frozenset("“\"「『《‘")


def heading_number(text: str) -> int | None:
    """The section a line is the heading of, when the whole line is one (a heading printed in a
    table row or caption is a heading, not an unknown table label).

    >>> heading_number("三、收到和处理政府信息公开申请情况"), heading_number("（一）予以公开")
    (3, None)
    """
    line = text.strip()
    for number, rx in _COMPILED:
        m = rx.match(line)
        if m and len(line) - len(m.group().rstrip()) <= 12:
            return number
    return None


class HeadingCandidate:
    """One place a heading pattern matches."""

    __slots__ = ("number", "start", "end", "line_start", "boundary", "quoted", "style")

    def __init__(self, number: int, start: int, end: int, line_start: bool, boundary: bool, quoted: bool,
                 style: str) -> None:
        self.number, self.start, self.end = number, start, end
        # boundary: after a space, a punctuation mark or a number (a table's last value), where a
        # heading of glued text starts; a reference in prose ("相关数据见下文三、收到和处理…")
        # follows a word
        self.line_start, self.boundary, self.quoted, self.style = line_start, boundary, quoted, style


# a numeral followed by what a heading's numeral is: its punctuation, a space, a bracket, 部分,
# or the first character of a heading's words
_NUMERAL_RE = re.compile(r"[一二三四五六](?=[\s、.．,，)）部总主工基概收依因政行被申存中问其])")
_BY_NUMERAL = {"一二三四五六"[n - 1]: rx for n, rx in _COMPILED}
_NUMBER = {c: n for n, c in enumerate("一二三四五六", 1)}


def _matches(text: str) -> list[tuple[int, re.Match[str]]]:
    """Every heading match: tried only where a numeral is ("一、", "（一）", "第一部分"), which
    the regex engine finds at C speed; six scans of the whole text cost ten times more."""
    out = []
    for hit in _NUMERAL_RE.finditer(text):
        i = hit.start()
        rx = _BY_NUMERAL[hit.group()]
        j = i - 1
        while j >= 0 and text[j] in " \t\u3000" and i - j <= 3:
            j -= 1
        for start in (i, j) if j >= 0 and text[j] in "（(第" else (i,):
            m = rx.match(text, start)
            if m is not None:
                out.append((_NUMBER[hit.group()], m))
                break
    return out


def heading_candidates(text: str) -> list[HeadingCandidate]:
    found = []
    for number, m in _matches(text):
        start = m.start()
        i = start - 1  # the character before the heading, spacing and pipe-text bars skipped
        while i >= 0 and text[i] in " \t\u3000|":
            i -= 1
        g = m.group()
        style = "（" if g[0] in "（(" else "第" if g[0] == "第" else g[1:2].replace("．", ".")
        found.append(HeadingCandidate(number, start, start + len(g.rstrip()), i < 0 or text[i] == "\n",
                                      i < start - 1 or i < 0 or not "\u4e00" <= text[i] <= "\u9fff",
                                      i >= 0 and text[i] in _QUOTES, style if style in "（第、.," else ""))
    found.sort(key=lambda c: c.start)
    return found


def headings_by_topic(text: str) -> list[tuple[int, int, int]]:
    """Top-level headings on lines of their own, placed by topic, in ascending order."""
    found: list[tuple[int, int, int]] = []
    # the pattern starts with a line break, which the regex engine finds at C speed (a `^` in
    # MULTILINE mode is tried at every position of a long text)
    for m in _TOP_NUMBER_RE.finditer("\n" + text):
        end = text.find("\n", m.end() - 1)
        if end < 0:
            end = len(text)
        words = text[m.end() - 1:end].strip()
        number = next((n for n, rx in _TOPICS if rx.search(words)), None) if 2 <= len(words) <= 40 else None
        if number is not None and (not found or number > found[-1][0]):
            g = m.group()
            found.append((number, m.start() - 1 + len(g) - len(g.lstrip("\n \t\u3000")), end))
    return found
