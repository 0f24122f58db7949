"""Text normalisers used before any label is matched or any number is read.

Real pages mix full-width and half-width forms, curly and straight quotes, non-breaking and
ideographic spaces, zero-width characters, the odd Traditional character (spam mirrors, old
Big5-converted pages) and numbering styles ("（一）", "(一)", "1.", "1、"). Labels are compared only
after `label_key`, which strips all of that down to the characters that carry meaning.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that are whitespace in practice on these pages but not all in str.isspace().
_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f\ufeff"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u00ad"
_WS_RE = re.compile(f"[\\s{_SPACES}]+")
_ZW_TABLE = {ord(c): None for c in _ZERO_WIDTH}

# Traditional -> Simplified for the characters that occur in the template labels. A full OpenCC
# table is overkill: we only need the labels to match, the text itself is kept as printed.
_T2S = str.maketrans(
    "復開請數議訴總計規範處權維結關係項說實這門頁資訊費檢報狀況與經濟會國條動態複審決執準許製發廢現効稅單"
    "體絡網機構輿為辦據聯繫屬於過護員務內類種論學術證進統戶點應對貿區鎮鄉選舉轉詢補後確罰強額萬繼續訟糾業"
    "覆徵購採勞產專問題紀錄無並當時間長達認託號險貨價銷訂劃級組織團醫療藥災難轄見覽閱讀書圖檔齊滿擬預備個"
    "們來樣還沒標則責幣繳",
    "复开请数议诉总计规范处权维结关系项说实这门页资讯费检报状况与经济会国条动态复审决执准许制发废现效税单"
    "体络网机构舆为办据联系属于过护员务内类种论学术证进统户点应对贸区镇乡选举转询补后确罚强额万继续讼纠业"
    "复征购采劳产专问题纪录无并当时间长达认托号险货价销订划级组织团医疗药灾难辖见览阅读书图档齐满拟预备个"
    "们来样还没标则责币缴",
)

_TRADITIONAL_RE = re.compile("[" + "".join(chr(k) for k in _T2S) + "]")


def simplified(s: str) -> str:
    """`s` with the Traditional characters of the template words made Simplified, character for
    character (positions in `s` stay valid); `s` itself when it has none, which is the usual case.

    >>> simplified("一、總體情況"), len(simplified("二、主動公開")) == len("二、主動公開")
    ('一、总体情况', True)
    """
    return s.translate(_T2S) if _TRADITIONAL_RE.search(s) else s


_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〝": '"', "〞": '"', "＂": '"'})


@lru_cache(maxsize=1 << 16)
def clean_ws(s: str) -> str:
    """Collapse every kind of whitespace to one ASCII space and trim; drop zero-width characters.

    >>> clean_ws("  商业\\u00a0\\n企业\\u200b ")
    '商业 企业'
    """
    return _WS_RE.sub(" ", s.translate(_ZW_TABLE)).strip()


# CPython's NFKC costs ~100 ns per character on Chinese prose: every full-width "，" fails the
# quick check and sends the whole string down the slow path. Mapping the common compatibility
# characters first (to exactly their NFKC forms) usually leaves a string that passes the check.
_FULLWIDTH = {chr(i): chr(i - 0xFEE0) for i in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "\u00a0": " "}
_FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
_QUOTES_RE = re.compile("[" + "".join(chr(k) for k in _QUOTES) + "]")


def _fullwidth(m: re.Match[str]) -> str:
    return _FULLWIDTH[m.group()]


def nfkc(s: str) -> str:
    """NFKC (full-width -> half-width digits, letters and brackets) plus straight quotes.

    Equal to ``unicodedata.normalize("NFKC", s).translate(_QUOTES)`` for every string, only faster
    (tests/test_text.py checks that on random text).

    >>> nfkc("第二十条第（一）项“三安全一稳定”１２")
    '第二十条第(一)项"三安全一稳定"12'
    """
    if s.isascii():
        return s
    s = _FULLWIDTH_RE.sub(_fullwidth, s)
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    # dict-based str.translate walks every character in Python-level lookups; quotes are rare
    return s.translate(_QUOTES) if _QUOTES_RE.search(s) else s


_NUMBERING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．是]|\(?[一二三四五六七八九十]+\)|\d{1,2}[、.．](?!\d)|\(\d{1,2}\)"
    r"|\d{1,2}[、.．](?=\d{1,2}[、.．]\D))+"  # (the last: a number printed twice, "3.3.其他")
)
_CIRCLED_RE = re.compile("[\u2460-\u2473]")  # ① … ⑳
_PUNCT_RE = re.compile(r"[\s,，。:：;；!！?？\"'·•\-－—_]+")


@lru_cache(maxsize=1 << 16)
def label_key(s: str) -> str:
    """Normalise a label for matching: NFKC, Simplified, no whitespace or punctuation.

    The numbering prefix is kept (callers strip it with `strip_numbering` when they need to).

    >>> label_key("３.危及“三安全一稳定”")
    '3.危及三安全一稳定'
    >>> label_key("社会公益 &nbsp; 组织".replace("&nbsp;", "\\u00a0"))
    '社会公益组织'
    >>> label_key("行政復議"), label_key("③其他")
    ('行政复议', '3.其他')
    """
    # circled numbers are numbering of their own ("③其他"); NFKC would make them a bare "3"
    s = _CIRCLED_RE.sub(lambda m: f"{ord(m.group()) - 0x245F}.", s)
    s = nfkc(s.translate(_ZW_TABLE)).translate(_T2S)
    s = s.replace("&nbsp;", "").replace("、", ".")
    return _PUNCT_RE.sub("", s)


def strip_numbering(key: str) -> str:
    """Drop leading outline numbers from a `label_key` result.

    >>> strip_numbering(label_key("三、（一）予以公开"))
    '予以公开'
    >>> strip_numbering("(六)3.其他")
    '其他'
    >>> strip_numbering("2.重复申请")
    '重复申请'
    >>> strip_numbering("三是其他"), strip_numbering("3.3.其他")  # prose-style numbering; a doubled number
    ('其他', '其他')
    >>> strip_numbering("2019年")
    '2019年'
    """
    return _NUMBERING_RE.sub("", key)


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}


_CN_PLACES = {"十": 1, "百": 2, "千": 3}


def chinese_numeral(s: str) -> int | None:
    """Read a small Chinese numeral (0-9999) in its standard counting form, or None.

    Anything else is not read, rather than guessed: digit by digit ("一二", "二〇"), a place
    without its digit ("百", "千": only "十" may stand so, at the start), places out of order or
    twice ("十百", "十十"), a stray 零 ("零十", "二十零"), and the colloquial short forms whose
    last place is left out ("一百五" is 150 in speech, not 105).

    >>> chinese_numeral("十二"), chinese_numeral("二十"), chinese_numeral("一百零五"), chinese_numeral("零")
    (12, 20, 105, 0)
    >>> chinese_numeral("一千零一"), chinese_numeral("三千零五十"), chinese_numeral("两百"), chinese_numeral("一百一十")
    (1001, 3050, 200, 110)
    >>> chinese_numeral("〇"), chinese_numeral("○")
    (0, 0)
    >>> chinese_numeral("公开") is None
    True
    >>> chinese_numeral("一二"), chinese_numeral("二〇"), chinese_numeral("三〇五")  # digits with no 十/百/千
    (None, None, None)
    >>> [chinese_numeral(x) for x in ("百", "千", "十十", "十百", "百十", "零十", "二十零", "一百五", "三百二百", "零一")]
    [None, None, None, None, None, None, None, None, None, None]
    >>> chinese_numeral("两"), chinese_numeral("两千零两"), chinese_numeral("二十两")
    (2, None, None)
    """
    if s in ("零", "〇", "○"):  # "○": the circle typed for 〇 in many tables
        return 0
    if s == "两":
        return 2
    if "两" in s and re.search("两(?![百千])", s):
        return None  # 两 counts hundreds and thousands ("两百"); "二十两" is a weight, not 22
    if not s or any(ch not in _CN_DIGITS and ch not in _CN_PLACES for ch in s):
        return None
    total, last_place = 0, 4  # the place of the latest 十/百/千 read (4: none yet)
    digit: int | None = None  # a digit waiting for its place
    zero = False  # a 零 since that place: the next place read skips one
    for ch in s:
        if ch in _CN_PLACES:
            place = _CN_PLACES[ch]
            if digit is None:
                if ch != "十" or last_place != 4:
                    return None  # "百", "一百十": a place with no digit (only a leading 十 has one)
                digit = 1
            if place >= last_place or (last_place != 4 and place != last_place - 1 - zero):
                return None  # out of order, twice, or a place skipped without 零 (or 零 with none)
            total += digit * 10 ** place
            last_place, digit, zero = place, None, False
        elif _CN_DIGITS[ch] == 0:
            if digit is not None or zero or last_place in (4, 1):
                return None  # "一零", "零零", a leading 零, 零 after 十
            zero = True
        else:
            if digit is not None:
                return None  # "一二": digit by digit, not the counting form read here
            digit = _CN_DIGITS[ch]
    if digit is None:
        return None if zero else total  # "二十零": a 零 with nothing after it
    if last_place == 4 or last_place == 1 or (zero and last_place >= 2):
        return total + digit  # "五", "二十三", "一百零五"
    return None  # "一百五": colloquial for 150, left unread
