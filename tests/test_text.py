"""The fast normalisers in parsers.text equal their slow definitions on any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.text import _QUOTES, nfkc

# Characters these pages are made of, plus combining marks and other compatibility forms that
# interact with the fast path (a full-width letter followed by a combining accent composes).
_ALPHABET = st.sampled_from(
    list("０１２３４５６７８９，。：；（）《》、“”‘’「」＂\u3000\u00a0 abcAZ09()①㈠ｶﾞﾟ\u0301\u0308\u3099"
         "年度政府信息公开申请數量ＡＢｚ－—～…\u2002\ufb01\u2126\u212b\u00bd\u00b2"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_nfkc_equals_unicodedata(s: str) -> None:
    assert nfkc(s) == unicodedata.normalize("NFKC", s).translate(_QUOTES)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_nfkc_equals_unicodedata_any_text(s: str) -> None:
    assert nfkc(s) == unicodedata.normalize("NFKC", s).translate(_QUOTES)


def test_nfkc_examples() -> None:
    assert nfkc("（一）１２，“是”\u3000Ａ\u0301") == '(一)12,"是" Á'
    assert nfkc("plain ascii") == "plain ascii"
    assert nfkc("ｶﾞ") == "ガ"


def _clean_line_reference(s: str) -> str:
    """The rules of `parsers.dom.clean_line` written plainly, without its shortcuts."""
    from parsers.dom import _CJK_SEGMENT_BREAK, _LEAKED_COMMENT, _WS_RUN

    s = _LEAKED_COMMENT.sub("", s)
    s = _CJK_SEGMENT_BREAK.sub("", s.replace("\r", "\n"))
    return _WS_RUN.sub(" ", s).strip(" ")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\f\u00a0\u3000ab0|商业企业（一）<!-->[if]endif")), max_size=30))
def test_clean_line_equals_its_rules(s: str) -> None:
    from parsers.dom import clean_line

    assert clean_line(s) == _clean_line_reference(s)
