"""Parsing a report page into a document tree, with one HTML backend and a guard against deep nesting.

Backend: selectolax's lexbor engine (``selectolax.lexbor``). selectolax 1.0 removed the older
Modest backend (``selectolax.parser`` now raises ImportError), so there is nothing to choose from;
lexbor is also the standards-conforming one (HTML Standard tree construction).

Its own module because it is the only place that turns bytes or text into a tree: the encoding
sniffing of ``parse_html`` and the nesting-depth guard `parse_report` runs before parsing
(``block_depth_over``) are about the parser, not about reading text from the tree (``dom.py``).
"""

from __future__ import annotations

import logging
import re

from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

# --- parsing ----------------------------------------------------------------------------------
_CHARSET_DECL = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_CHARSET_LABEL = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# WHATWG maps the GB labels to GBK; GB18030 is its superset and also decodes what GBK pages
# labelled "gb2312" really contain.
_GB_LABELS = {"gb2312", "gbk", "gb18030", "x-gbk", "gb_2312-80", "chinese", "csgb2312", "iso-ir-58"}


def _decode_legacy(data: bytes) -> str:
    """Undeclared (or late-declared) non-UTF-8 bytes: honour a ``<meta charset>`` found after the
    first 1024 bytes (browsers re-decode on it; lexbor's prescan stops at 1024), else GB18030."""
    m = _CHARSET_LABEL.search(data, 0, 65536)
    if m:
        label = m.group(1).decode("ascii", "replace").lower()
        if label not in _GB_LABELS:
            try:
                return data.decode(label, "replace")
            except LookupError:
                pass
    return data.decode("gb18030", "replace")


# Block elements whose start tag makes the HTML parser look through every open element ("close a
# p element in button scope"): nested N deep, lexbor spends time ~N² on them (20,000 <div>s: 1.2 s;
# 100,000: 45 s). Real pages nest a few dozen deep.
_BLOCK_TAG_RE = re.compile(r"<(/?)(?:div|ul|ol|dl|section|article|aside|nav|header|footer|main|blockquote|"
                           r"center|fieldset|figure|figcaption|details|summary|address|menu|dir|hgroup|"
                           r"dialog|search|form|h[1-6]|pre|listing)[\s/>]", re.I)
_BLOCK_TAG_RE_B = re.compile(_BLOCK_TAG_RE.pattern.encode(), re.I)
MAX_BLOCK_DEPTH = 10_000


def block_depth_over(source: str | bytes, limit: int = MAX_BLOCK_DEPTH) -> int | None:
    """How deep block elements nest in `source`, when deeper than `limit`; else None.

    A page with fewer tags than `limit` is not scanned (counting ``<`` costs microseconds).

    >>> block_depth_over("<div>" * 30 + "x", limit=20), block_depth_over("<div></div>" * 30, limit=20)
    (30, None)
    >>> block_depth_over(b"<UL><li>" * 25, limit=20), block_depth_over("<span>" * 30, limit=20)
    (25, None)
    """
    if source.count("<" if isinstance(source, str) else b"<") <= limit:
        return None
    depth = deepest = 0
    for m in (_BLOCK_TAG_RE if isinstance(source, str) else _BLOCK_TAG_RE_B).finditer(source):
        if m.group(1):
            depth = depth - 1 if depth else 0
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest if deepest > limit else None


def parse_html(data: str | bytes | bytearray | memoryview) -> LexborHTMLParser:
    """Parse a page with the project's single HTML backend (selectolax lexbor).

    ``bytes``: a BOM or a ``<meta charset>`` / ``http-equiv`` declaration in the first 1024 bytes
    is honoured (HTML Standard sniffing, done by lexbor). Otherwise bytes that decode as UTF-8
    are UTF-8; the rest are decoded by a later ``<meta charset>`` if there is one, else as
    GB18030 (a superset of GBK/GB2312, the usual legacy encoding of Chinese government sites)
    instead of lexbor's U+FFFD soup. Never raises: unusable input gives an empty document.

    >>> parse_html("<p>中文</p>".encode("gbk")).body.text()
    '中文'
    """
    try:
        if isinstance(data, (bytearray, memoryview)):
            data = bytes(data)
        if isinstance(data, bytes):
            if data.startswith(_BOMS) or _CHARSET_DECL.search(data, 0, 1024):
                return LexborHTMLParser(data, encoding=True)
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return LexborHTMLParser(_decode_legacy(data))
            return LexborHTMLParser(data)
        if not isinstance(data, str):
            data = str(data)
        try:
            return LexborHTMLParser(data)
        except UnicodeEncodeError:  # lone surrogates in a str
            return LexborHTMLParser(data.encode("utf-8", "replace"))
    except Exception:
        log.warning("parse_html failed; returning an empty document", exc_info=True)
        return LexborHTMLParser("")
