"""Choose the character encoding of a fetched page; bytes are always stored undecoded.

Order (first candidate that decodes the body strictly wins):

1. BOM (UTF-8 / UTF-16).
2. ``charset`` of the HTTP ``Content-Type`` header.
3. ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in the first 4 KB.
4. Undeclared: UTF-8 if it decodes, else GB18030 (Chinese government sites' GBK family).
5. charset-normalizer detection; last resort GB18030 with replacement.

Two deliberate twists, because gov servers lie:

* GB2312 and GBK labels are decoded as **GB18030**, their superset: pages declared GB2312 routinely
  contain GBK-only characters, and a strict GB2312 decode would fail on them.
* A header that says ISO-8859-1/ASCII/windows-1252 (web servers' default, e.g. on error pages) is
  only trusted when the page declares nothing else and the bytes are not valid UTF-8 — Latin-1
  decodes *any* bytes, so "it decodes" proves nothing for it.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "x-gbk", "cp936", "euc-cn", "csgb2312"}
_LATIN_DEFAULTS = {"latin_1", "iso8859-1", "ascii", "cp1252", "windows-1252", "us-ascii"}
_META_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""",
    re.IGNORECASE,
)
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


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _bom(body: bytes) -> str | None:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return name
    return None


def detect_encoding(body: bytes, content_type: str | None = None, override: str | None = None) -> EncodingGuess:
    """Pick the encoding for ``body``.

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

    Undeclared bytes: UTF-8, then GB18030.

    >>> detect_encoding("年度报告".encode("gbk")).encoding, detect_encoding("年度报告".encode()).encoding
    ('gb18030', 'utf-8')
    """
    header = header_charset(content_type)
    meta = meta_charset(body)
    declared = header or meta
    if override:
        codec = normalise(override) or "gb18030"
        return EncodingGuess(declared, codec, "override")
    bom = _bom(body)
    if bom:
        return EncodingGuess(declared, bom, "bom")
    latin_header = False
    for label, source in ((header, "header"), (meta, "meta")):
        codec = normalise(label)
        if codec is None:
            continue
        if codec in _LATIN_DEFAULTS:
            latin_header = True  # try it only after everything more specific
            continue
        if _decodes(body, codec):
            return EncodingGuess(declared, codec, source)
    if _decodes(body, "utf-8"):
        return EncodingGuess(declared, "utf-8", "utf-8")
    if latin_header:
        return EncodingGuess(declared, normalise(header) or normalise(meta) or "latin-1", "header")
    if _decodes(body, "gb18030"):
        return EncodingGuess(declared, "gb18030", "gb18030")
    from charset_normalizer import from_bytes  # imported lazily: rarely reached, slow to import

    best = from_bytes(body[:200_000]).best()
    if best is not None:
        return EncodingGuess(declared, normalise(best.encoding) or best.encoding, "detector")
    return EncodingGuess(declared, "gb18030", "fallback")


def decode(body: bytes, content_type: str | None = None, override: str | None = None) -> tuple[str, EncodingGuess]:
    """Decode for link extraction (never for storage). Undecodable bytes are replaced.

    >>> decode("<p>中旺镇</p>".encode("gb18030"), "text/html; charset=gbk")[0]
    '<p>中旺镇</p>'
    """
    guess = detect_encoding(body, content_type, override)
    return body.decode(guess.encoding, errors="replace"), guess
