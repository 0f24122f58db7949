"""Reading one printed table cell into (value, kind, unit) — never inventing a number.

Kinds follow schema.md: `number`, `blank` (empty, `&nbsp;`), `na` ("/", "—", "无", "不适用"…) and
`text` (words such as "详见附表"). A blank is not a zero: only the lenient checks read it as 0.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import chinese_numeral, clean_ws, nfkc

NA_TOKENS = frozenset(
    {"/", "//", "\\", "-", "--", "—", "——", "–", "－", "一", "―", "─", "无", "不适用", "N/A", "n/a", "NA",
     "na", "暂无", "/ /", "×", "*", "\u2010", "\u2011", "\u2212", "\ufe63"}
)
# A text cell that points elsewhere for its number ("详见附表", "见附件2") or leaves it out ("略"):
# a cell, not narrative.
REFERENCE_RE = re.compile(r"(?:(?:详见|参见|见)(?:附表|附件|下表|说明|备注)[\w（）()]{0,6}|略)$")
UNITS = ("万元", "亿元", "元", "件", "条", "个", "项", "人次", "次", "笔", "%", "宗", "家")
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
_NUMBER_RE = re.compile(
    rf"^(?P<sign>[+-]?)\s*(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>{_UNIT_ALT})?$"
)
# "（单位：万元）", "（万元）", and a unit after a slash ending the header ("采购总金额/万元")
_HEADER_UNIT_RE = re.compile(rf"单位\s*[:：]?\s*(?P<unit>{_UNIT_ALT})|[(（]\s*(?P<unit2>{_UNIT_ALT})\s*[)）]"
                             rf"|/\s*(?P<unit3>{_UNIT_ALT})\s*$")
_NOTE_RE = re.compile(r"^(?P<head>[+\-]?[\d,. ]+\D{0,2}?)\s*\((?P<note>[^()]{1,30})\)$")
# Marks that NFKC turns into digits: super- and subscripts ("3²", "5₁"), circled ("①", "㉑", "⓪"),
# bracketed and dotted numbers ("⑴", "⒈"), "🄂" (digit comma). After a number they are a footnote
# reference; anywhere else they are no digits as printed ("⒈3" is not 1.3, "㉑" is not 21).
# (Vulgar fractions "½" are not marks: NFKC gives "1⁄2", which reads as text.)
_DIGIT_MARKS = "".join(map(chr, [0xB2, 0xB3, 0xB9, 0x2070, *range(0x2074, 0x207A), *range(0x2080, 0x208A),
                                 *range(0x2460, 0x249C), 0x24EA, *range(0x3251, 0x3260), *range(0x32B1, 0x32C0),
                                 *range(0x1F100, 0x1F10B)]))
_FOOTNOTE_MARKS = "*＊※†‡" + _DIGIT_MARKS
DIGIT_MARK_RE = re.compile(f"[{_DIGIT_MARKS}]")
_MINUS_SIGNS = "\u2212\u2013\u2014\u2012\ufe63"
# Word's footnote reference after a number ("387[1]", the [1] a link to the note)
_BRACKET_NOTE_RE = re.compile(r"(?<=\d)\s*[\[［]\d{1,2}[\]］]$")
# 本年增/减 printed in words: "增加5" is +5, "减少3" is -3
_CHANGE_WORD_RE = re.compile(r"^(?:(增加|增长|新增|增)|(减少|下降|减))\s*(?=\d)")


# Spaces inside a number are kept only where they group thousands ("1 204", "- 1,036", "3 件");
# "1 0", "12 34" or two paragraphs "1" and "2" joined are two numbers, not 10 or 1234.
_SPACED_NUMBER_RE = re.compile(r"^([+\-]?)\s*(\d{1,3}(?:[ ,]\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(\D{0,2})$")


def _join_spaced(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).replace(" ", "") + m.group(3)


def _match_number(s: str) -> re.Match[str] | None:
    """`_NUMBER_RE` on `s` once its thousands-grouping spaces are gone (only those)."""
    return _NUMBER_RE.match(_SPACED_NUMBER_RE.sub(_join_spaced, s) if " " in s else s)


@lru_cache(maxsize=1 << 16)
def parse_value(raw: str) -> tuple[float | None, str, str | None]:
    """Classify and read a cell's printed text.

    >>> parse_value("12")
    (12.0, 'number', None)
    >>> parse_value("１，２３４")
    (1234.0, 'number', None)
    >>> parse_value("+14"), parse_value("-3"), parse_value("\u22121"), parse_value("–2")
    ((14.0, 'number', None), (-3.0, 'number', None), (-1.0, 'number', None), (-2.0, 'number', None))
    >>> parse_value("251000元")
    (251000.0, 'number', '元')
    >>> parse_value("5949.088667")
    (5949.088667, 'number', None)
    >>> parse_value(" \\u00a0 ")
    (None, 'blank', None)
    >>> parse_value("/"), parse_value("—"), parse_value("不适用")
    ((None, 'na', None), (None, 'na', None), (None, 'na', None))
    >>> parse_value("详见附表")
    (None, 'text', None)
    >>> parse_value("零"), parse_value("5①"), parse_value("57*"), parse_value("\u2212")
    ((0.0, 'number', None), (5.0, 'number', None), (57.0, 'number', None), (None, 'na', None))
    >>> parse_value("7（含1件逾期）"), parse_value("12.35（万元）"), parse_value("（注）")
    ((7.0, 'number', None), (12.35, 'number', '万元'), (None, 'text', None))
    >>> parse_value("1 204"), parse_value("- 1,036"), parse_value("3 件")
    ((1204.0, 'number', None), (-1036.0, 'number', None), (3.0, 'number', '件'))
    >>> parse_value("1 0"), parse_value("12 34"), parse_value("3 4（含1件逾期）"), parse_value("1 204（注）")
    ((None, 'text', None), (None, 'text', None), (None, 'text', None), (1204.0, 'number', None))
    >>> parse_value("387[1]"), parse_value("增加5"), parse_value("减少3"), parse_value("增加")
    ((387.0, 'number', None), (5.0, 'number', None), (-3.0, 'number', None), (None, 'text', None))
    >>> parse_value("①5"), parse_value("5①"), parse_value("一二")
    ((None, 'text', None), (5.0, 'number', None), (None, 'text', None))
    >>> parse_value("①"), parse_value("²"), parse_value("⒈3"), parse_value("7₁"), parse_value("3㉑")
    ((None, 'text', None), (None, 'text', None), (None, 'text', None), (7.0, 'number', None), (3.0, 'number', None))
    """
    s = clean_ws(raw.replace("&nbsp;", " "))
    if s and s[-1] in _FOOTNOTE_MARKS and s[0] not in _FOOTNOTE_MARKS:
        # "5①", "57*", "3¹": a footnote marker after the number (NFKC would make ① a digit)
        s = s.rstrip(_FOOTNOTE_MARKS).rstrip()
    if DIGIT_MARK_RE.search(s):
        # "①5", "①", "⒈3": a mark NFKC would turn into digits ("15", "1", "1.3"); not a number as printed
        return None, "text", None
    s = nfkc(s)
    if not s:
        return None, "blank", None
    if s[-1] == "]":
        s = _BRACKET_NOTE_RE.sub("", s)
    if (w := _CHANGE_WORD_RE.match(s)) is not None:
        s = ("+" if w.group(1) else "-") + s[w.end():]
    if s in NA_TOKENS or not s.strip("/—"):  # "////", "———": marks typed more than once
        return None, "na", None
    if s[0] in _MINUS_SIGNS:  # "−1" (U+2212), "–1", "—1" in 本年增/减: a sign, not a dash
        s = "-" + s[1:]
    m = _match_number(s)
    if m:
        num = float(m.group("num").replace(",", "") + (m.group("frac") or ""))
        if m.group("sign") == "-" and num:  # "-0" is 0, not a negative zero in the tables
            num = -num
        return num, "number", m.group("unit")
    cn = chinese_numeral(s)
    if cn is not None and len(s) <= 4:
        return float(cn), "number", None
    note = _NOTE_RE.match(s)
    if note and (m := _match_number(note.group("head").strip())):
        # "3(注1)", "7(含1件逾期)": the number as printed, the remark stays in value_raw;
        # "12.35(万元)": a unit in brackets. "1 2(注)" is two numbers, not 12, as without the note.
        num = float(m.group("num").replace(",", "") + (m.group("frac") or ""))
        unit = m.group("unit") or (note.group("note").strip() if note.group("note").strip() in UNITS else None)
        return (-num if m.group("sign") == "-" and num else num), "number", unit
    return None, "text", None


def header_unit(label: str) -> str | None:
    """Unit named in a header such as "本年收费金额（单位：万元）".

    >>> header_unit("本年收费金额（单位：万元）")
    '万元'
    >>> header_unit("采购总金额（万元）"), header_unit("采购总金额") is None
    ('万元', True)
    >>> header_unit("采购总金额/万元"), header_unit("采购总金额／元"), header_unit("本年增/减") is None
    ('万元', '元', True)
    """
    m = _HEADER_UNIT_RE.search(nfkc(label))
    return (m.group("unit") or m.group("unit2") or m.group("unit3")) if m else None
