"""Decoding page bytes to text (pure; the raw bytes are always kept as fetched).

Order: BOM, the encoding the HTTP layer declared, `<meta charset>` / http-equiv in the first
4 KB, strict UTF-8, then GB18030 (a superset of GB2312/GBK, which is what "gb2312" pages really
use), then charset-normalizer as the last resort.
"""

from __future__ import annotations

import codecs
import re

_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GBK_FAMILY = {"gb2312", "gbk", "gb18030", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}


def _norm(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _GBK_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_meta_charset(data: bytes) -> str | None:
    """Charset named in a `<meta>` tag near the top of the page.

    >>> sniff_meta_charset(b'<html><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb2312'
    """
    m = _META_RE.search(data[:4096])
    return m.group(1).decode("ascii", "replace").lower() if m else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Never raises; undecodable bytes become U+FFFD as a last resort.

    >>> decode("政府".encode("gbk"), None)
    ('政府', 'gb18030')
    >>> decode(b'\\xef\\xbb\\xbf<p>a</p>')
    ('<p>a</p>', 'utf-8-sig')
    >>> decode("年报".encode("utf-8"), "iso-8859-1")  # a wrong header loses to a strict UTF-8 read
    ('年报', 'utf-8')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    meta = _norm(sniff_meta_charset(data))
    if meta in ("utf-16", "utf-16-le", "utf-16-be"):
        meta = "utf-8"  # HTML Standard: a UTF-16 label found by the meta prescan means UTF-8
    candidates = [_norm(declared), meta]
    for enc in candidates:
        # error pages and misconfigured servers claim iso-8859-1 for Chinese pages: only trust
        # a latin-1 family declaration when the bytes are not valid UTF-8 / GB18030 text.
        if enc and enc not in ("iso8859-1", "cp1252", "ascii"):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, "replace"), best.encoding
    except Exception:  # detection is best effort; fall through to a lossy UTF-8 read
        pass
    return data.decode("utf-8", "replace"), "utf-8"
