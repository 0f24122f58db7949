"""Choosing the character encoding of page bytes (pure; the raw bytes are always kept as fetched).

One implementation for both stages: the crawler records what it chose for each fetch, and the
parser makes the same choice from the label the crawler stored.

Order (the first candidate that decodes the body strictly wins):

1. An override (a registry site whose server and pages both lie about their charset).
2. BOM (UTF-8 / UTF-16).
3. ``charset`` of the HTTP ``Content-Type`` header, then ``<meta charset>`` /
   ``<meta http-equiv="Content-Type">`` in the first 4 KB.
4. Undeclared, or the declaration does not decode: UTF-8, then GB18030.
5. A Latin-1-family declaration, then charset-normalizer; last resort, with replacement, whichever
   of the declared encoding, UTF-8 and GB18030 loses the fewest bytes.

Three deliberate twists, because government servers lie:

* GB2312 and GBK labels are decoded as **GB18030**, their superset: pages declared GB2312 routinely
  contain GBK-only characters, and a strict GB2312 decode would fail on them.
* A header that says ISO-8859-1/ASCII/windows-1252 (web servers' default, e.g. on error pages) is
  tried only after UTF-8 and GB18030: Latin-1 decodes *any* bytes, so "it decodes" proves nothing
  for it, and on these sites such bytes are GBK far more often than Western text.
* A UTF-16 label found by the meta prescan means UTF-8 (the HTML Standard's rule: a page whose
  bytes the prescan could read as ASCII is not UTF-16).
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "gb_2312", "gb_2312-80", "hz-gb-2312", "x-gbk", "cp936", "euc-cn",
               "csgb2312"}
_LATIN_DEFAULTS = {"latin_1", "iso8859-1", "ascii", "cp1252", "windows-1252", "us-ascii"}
_UTF16 = {"utf-16", "utf-16-le", "utf-16-be"}
_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_RE = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE)


class EncodingGuess(NamedTuple):
    declared: str | None  # what the server/page claimed (header wins over meta), lower-cased label
    encoding: str  # Python codec name actually used, e.g. "utf-8", "gb18030"
    source: str  # "bom" | "header" | "meta" | "utf-8" | "gb18030" | "detector" | "override" | "fallback"


def normalise(label: str | None) -> str | None:
    """Map an encoding label to a Python codec name, folding the GBK family into GB18030.

    >>> normalise("GB2312"), normalise("utf8"), normalise("x-gbk"), normalise("bogus")
    ('gb18030', 'utf-8', 'gb18030', None)
    """
    if not label:
        return None
    label = label.strip().lower()
    if label in _GBK_FAMILY:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in _GBK_FAMILY else name


def header_charset(content_type: str | None) -> str | None:
    """Charset parameter of a Content-Type header, lower-cased.

    >>> header_charset('text/html; charset="GBK"')
    'gbk'
    """
    if not content_type:
        return None
    m = _HEADER_RE.search(content_type)
    return m.group(1).lower() if m else None


def meta_charset(body: bytes) -> str | None:
    """Charset declared by a ``<meta>`` in the first 4 KB.

    >>> meta_charset(b'<html><head><meta charset="gb2312"></head>')
    'gb2312'
    >>> meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
    'utf-8'
    >>> meta_charset(b'<p>no meta</p>') is None
    True
    """
    m = _META_RE.search(body[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def _decodes(body: bytes, codec: str, keep: list[str] | None = None) -> bool:
    """Does `body` decode strictly? The text goes to `keep`, so the caller decodes only once."""
    try:
        text = body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    if keep is not None:
        keep.append(text)
    return True


def _utf16_without_bom(body: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII markup puts a NUL in every other byte (odd positions:
    little-endian). A page in an 8-bit encoding has no NUL bytes."""
    head = body[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) * 4 < len(head) // 2 or min(even, odd) * 4 > max(even, odd):
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    return codec if _decodes(body[: len(body) // 2 * 2], codec) else None


def _bom(body: bytes) -> str | None:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return name
    return None


def detect_encoding(body: bytes, content_type: str | None = None, override: str | None = None,
                    keep: list[str] | None = None) -> EncodingGuess:
    """Pick the encoding for ``body``; ``content_type`` is the HTTP header (or just a label).
    `keep` receives the text when a strict decode chose the encoding.

    >>> detect_encoding("中文".encode("gbk"), "text/html; charset=gb2312")
    EncodingGuess(declared='gb2312', encoding='gb18030', source='header')
    >>> detect_encoding(b'\\xef\\xbb\\xbfabc', "text/html; charset=gbk").source
    'bom'

    A wrong header falls through to the meta declaration:

    >>> page = '<meta charset="gbk"><p>政府信息公开</p>'.encode("gbk")
    >>> detect_encoding(page, "text/html; charset=utf-8")
    EncodingGuess(declared='utf-8', encoding='gb18030', source='meta')
    >>> detect_encoding('<meta charset="utf-8">年报'.encode(), "text/html; charset=ISO-8859-1").encoding
    'utf-8'

    Undeclared bytes: UTF-8, then GB18030; a Latin-1 default header loses to GBK bytes:

    >>> detect_encoding("年度报告".encode("gbk")).encoding, detect_encoding("年度报告".encode()).encoding
    ('gb18030', 'utf-8')
    >>> detect_encoding("年度报告".encode("gbk"), "text/html; charset=iso-8859-1").encoding
    'gb18030'
    """
    header = header_charset(content_type)
    if header is None and content_type and "/" not in content_type:  # a bare label ("gbk")
        header = content_type.strip().lower() or None
    meta = meta_charset(body)
    if normalise(meta) in _UTF16:
        meta = "utf-8"
    declared = header or meta
    if override:
        return EncodingGuess(declared, normalise(override) or "gb18030", "override")
    bom = _bom(body)
    if bom:
        return EncodingGuess(declared, bom, "bom")
    if b"\x00" in body[:1024] and (utf16 := _utf16_without_bom(body)):
        return EncodingGuess(declared, utf16, "utf-16")
    latin: str | None = None
    for label, source in ((header, "header"), (meta, "meta")):
        codec = normalise(label)
        if codec is None:
            continue
        if codec in _LATIN_DEFAULTS:
            latin = latin or codec  # tried only after everything more specific
            continue
        if _decodes(body, codec, keep):
            return EncodingGuess(declared, codec, source)
    for codec in ("utf-8", "gb18030"):
        if _decodes(body, codec, keep):
            return EncodingGuess(declared, codec, codec)
    # nothing decodes strictly. A stray bad byte in a long page (a one-byte-per-100 loss at most)
    # keeps the page's own reading; a GBK template around a pasted UTF-8 article (or the reverse)
    # is read run by run. Both before a Latin-1 label and the detector: either reads such a page
    # as mojibake throughout, losing every table.
    high = len(body) - len(body.translate(None, _HIGH_BYTES))
    if high:
        cands = [c for c in dict.fromkeys((normalise(header), normalise(meta), "utf-8", "gb18030"))
                 if c and c not in _LATIN_DEFAULTS]
        lost = {c: _lost(body, c) for c in cands}
        best = min(cands, key=lost.__getitem__)
        text = decode_mixed(body)
        if text.count("\ufffd") < lost[best] and text.count("\ufffd") * 100 <= high:
            if keep is not None:
                keep.append(text)
            return EncodingGuess(declared, MIXED, "mixed")
        if lost[best] * 100 <= high:
            return EncodingGuess(declared, best, "fallback")
    if latin:
        return EncodingGuess(declared, latin, "header" if normalise(header) == latin else "meta")
    try:
        from charset_normalizer import from_bytes  # imported lazily: rarely reached, slow to import

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return EncodingGuess(declared, normalise(best.encoding) or best.encoding, "detector")
    except Exception:  # detection is best effort; fall through to a lossy read
        pass
    # nothing decodes strictly (a UTF-8 page with a GBK footer pasted in): the candidate that
    # loses fewest bytes, the page's own declaration first on a tie
    tried = [c for c in dict.fromkeys((normalise(header), normalise(meta), "utf-8", "gb18030"))
             if c and c not in _LATIN_DEFAULTS]
    return EncodingGuess(declared, min(tried, key=lambda c: _lost(body, c)), "fallback")


MIXED = "utf-8+gb18030"  # a page whose non-ASCII runs are UTF-8 in places and GBK in others
_HIGH_BYTES = bytes(range(128))  # `translate(None, _HIGH_BYTES)` keeps the bytes >= 0x80
# a run of non-ASCII bytes; a GB18030 four-byte character carries two ASCII digits inside it
_RUN_RE = re.compile(rb"[\x80-\xff](?:[\x80-\xff]|[0-9][\x81-\xfe][0-9])*")


def _plain(text: str) -> bool:
    """Does a run read as UTF-8 give characters Chinese pages print (CJK, punctuation, full-width
    forms)? GBK pairs that happen to be valid UTF-8 give Latin-1 signs, Cyrillic, Armenian…"""
    return all(ch >= "\u2000" for ch in text)


def decode_mixed(body: bytes) -> str:
    """Decode each run of non-ASCII bytes on its own: as UTF-8 when it is valid UTF-8 of Chinese
    text, else as GB18030 (a UTF-8 article pasted into a GBK template, or a GBK footer on a UTF-8
    page). Undecodable bytes become U+FFFD.

    >>> decode_mixed("<p>政府</p>".encode("gbk") + "<p>年度报告</p>".encode() + "<b>元</b>".encode("gbk"))
    '<p>政府</p><p>年度报告</p><b>元</b>'
    """
    out: list[str] = []
    pos = 0
    for m in _RUN_RE.finditer(body):
        out.append(body[pos:m.start()].decode("ascii"))
        run = m.group()
        try:
            text = run.decode("utf-8")
            if not _plain(text):
                raise ValueError
        except ValueError:  # UnicodeDecodeError is one
            text = run.decode("gb18030", "replace")
            if "\ufffd" in text:
                utf8 = run.decode("utf-8", "replace")
                if utf8.count("\ufffd") <= text.count("\ufffd"):
                    text = utf8
        out.append(text)
        pos = m.end()
    out.append(body[pos:].decode("ascii"))
    return "".join(out)


def _lost(body: bytes, codec: str) -> int:
    try:
        return body.decode(codec, "replace").count("\ufffd")
    except LookupError:
        return len(body)


def decode(data: bytes, declared: str | None = None, override: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises; undecodable bytes become U+FFFD as a last resort.
    `declared`: the Content-Type header or the charset label the crawler stored.

    >>> decode("政府".encode("gbk"), None)
    ('政府', 'gb18030')
    >>> decode(b'\\xef\\xbb\\xbf<p>a</p>')
    ('<p>a</p>', 'utf-8-sig')
    >>> decode("年报".encode("utf-8"), "iso-8859-1")  # a wrong header loses to a strict UTF-8 read
    ('年报', 'utf-8')
    """
    keep: list[str] = []
    guess = detect_encoding(data, declared, override, keep)
    if keep:
        return keep[0], guess.encoding
    if guess.encoding == MIXED:
        return decode_mixed(data), MIXED
    try:
        return data.decode(guess.encoding, "replace"), guess.encoding
    except LookupError:  # a codec charset-normalizer names but this Python lacks
        return data.decode("gb18030", "replace"), "gb18030"
