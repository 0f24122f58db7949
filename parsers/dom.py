"""Parsing HTML and reading the visible text of a node, the way a reader of the page sees it.

Report pages are Word-pasted or CMS-generated HTML. What we need from a node is roughly the browser's
``innerText``: text of every inline element concatenated (including unknown ones such as ``<o:p>``
or ``<st1:chsdate>``), one line per block (``<p>``, ``<div>``, ``<br>``, ``<li>``, ``<tr>``, ...),
and nothing from what a browser never shows (``<script>``, ``<style>``, ``<template>``, comments,
``display:none``, ``hidden``). Word conditional comments are real comments when the markup is intact,
but CMS editors often escape them, so ``<!--[if !supportLists]-->`` then appears as *text*; those
leaked markers are removed too.

Rules (deliberately simpler than CSS, and documented so callers can rely on them):

* Lines are separated by ``"\\n"``. Block boundaries and ``<br>`` both end a line; empty lines are
  dropped, so ``<p></p>`` or ``<br><br>`` never produce blank lines.
* Inside a line, runs of ASCII whitespace (space, tab, CR, LF, FF) collapse to one space and are
  trimmed at both ends, as CSS ``white-space: normal`` does. A source line break *between two
  wide (CJK) characters* disappears instead of becoming a space (CSS Text 3 segment-break rule, as
  Firefox renders it), so ``商业\\n企业`` in the source reads ``商业企业``.
* ``&nbsp;`` (U+00A0), the ideographic space U+3000 and full-width punctuation are kept as they
  are: they are not ASCII whitespace and callers normalise them (see ``parsers.text``).
* Cells of a table met inside the node are separated by ``"\\t"`` within their row's line.
* ``<pre>``-like elements: their source newlines end lines; spaces are still collapsed.

Backend: selectolax's lexbor engine (``selectolax.lexbor``). selectolax 1.0 removed the older
Modest backend (``selectolax.parser`` now raises ImportError), so there is nothing to choose from;
lexbor is also the standards-conforming one (HTML Standard tree construction).

Speed: the walk uses lexbor's integer ``tag_id`` (no string building per node) and a precomputed
set of hidden nodes found by one CSS query, so the per-node cost is a few property reads. The
walk is iterative, so pathologically deep markup (thousands of unclosed ``<div>``) cannot hit
Python's recursion limit.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

__all__ = ["parse_html", "node_text", "hidden_ids", "HiddenMap", "is_hidden_element", "clean_line"]

# --- tag classification by lexbor tag id ------------------------------------------------------
# lexbor gives every standard tag a fixed small integer id; unknown tags (``o:p``, ``st1:chsdate``)
# get per-document ids, so they fall through to the default, INLINE — their text is never lost.

INLINE, BLOCK, BREAK, SKIP, ROW, CELL, PRE = range(7)

_BLOCK_TAGS = (
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "menu nav ol p search section summary table tbody tfoot thead ul"
)
_PRE_TAGS = "pre listing xmp plaintext textarea"
# Never rendered as text (UA stylesheet ``display: none`` or raw-text/template content).
_SKIP_TAGS = "script style template noscript head title meta link base iframe noembed noframes"


def _tag_ids() -> tuple[dict[int, int], int]:
    probe = LexborHTMLParser("<p>x<!--c--></p>")
    kinds: dict[int, int] = {}
    for names, kind in ((_BLOCK_TAGS, BLOCK), (_PRE_TAGS, PRE), (_SKIP_TAGS, SKIP)):
        for name in names.split():
            kinds[probe.create_node(name).tag_id] = kind
    kinds[probe.create_node("br").tag_id] = BREAK
    kinds[probe.create_node("tr").tag_id] = ROW
    kinds[probe.create_node("td").tag_id] = CELL
    kinds[probe.create_node("th").tag_id] = CELL
    p = probe.css_first("p")
    assert p is not None
    text_node, comment = p.first_child, p.last_child
    assert text_node is not None and comment is not None
    kinds[comment.tag_id] = SKIP
    return kinds, text_node.tag_id


KIND, TEXT_ID = _tag_ids()

# --- hidden elements --------------------------------------------------------------------------
# One CSS query finds candidates (any inline style mentioning "display", any [hidden]); a regex
# then confirms. Filtering on "display" rather than "none" matters: Word cells all carry
# "BORDER-LEFT: medium none".
# A `<span>` of zero-size text is how some pages hide a stale or decoy number ("<span
# style='font-size:0'>13</span>7" shows 7); the tag in the selector keeps the query cheap.
_HIDDEN_SELECTOR = ('[style*="display" i],[style*="visibility" i],[hidden],'
                    'span[style*="size:0" i],span[style*="size: 0" i]')
# display:none, and visibility:hidden (the text keeps its room on the page but is not shown)
_DISPLAY_NONE = re.compile(r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*hidden)(?![\w-])", re.IGNORECASE)
_ZERO_FONT = re.compile(r"(?<![\w-])font-size\s*:\s*0*\.?0+(?:[a-z]{1,3}|%)?\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE)


def is_hidden_element(node: Any) -> bool:
    """True when the element itself is hidden by ``hidden`` or an inline ``display:none`` or
    ``visibility:hidden``, or is a ``<span>`` of text only with an inline ``font-size:0``
    (with elements inside, one of them may set its own size: it is then left shown).

    >>> [is_hidden_element(parse_html(h).css_first("span")) for h in (
    ...     "<span style='font-size:0'>1</span>", "<span style='FONT-SIZE: 0pt;'>1</span>",
    ...     "<span style='font-size:0.5em'>1</span>", "<span style='font-size:0'><b style='font-size:12px'>1</b></span>")]
    [True, True, False, False]
    """
    try:
        attrs = node.attrs
        if "hidden" in attrs:
            return True
        style = attrs.get("style")
        if not style:
            return False
        if _DISPLAY_NONE.search(style) is not None:
            return True
        return node.tag == "span" and _ZERO_FONT.search(style) is not None \
            and not any(True for _ in node.iter(include_text=False))
    except Exception:  # not an element, or a detached/odd node
        return False


_VISIBILITY_HIDDEN = re.compile(r"(?<![\w-])visibility\s*:\s*hidden(?![\w-])", re.IGNORECASE)


def keeps_its_box(node: Any) -> bool:
    """A hidden element that still takes its room (``visibility:hidden`` only): a table cell
    so hidden keeps its slot in the grid, shown empty."""
    try:
        attrs = node.attrs
        style = attrs.get("style") or ""
        return "hidden" not in attrs and not re.search(r"(?<![\w-])display\s*:\s*none(?![\w-])", style, re.I) \
            and _VISIBILITY_HIDDEN.search(style) is not None
    except Exception:
        return False


def hidden_ids(node: Any) -> set[int]:
    """``mem_id`` of every hidden element in the subtree of ``node`` (inclusive)."""
    try:
        return {h.mem_id for h in node.css(_HIDDEN_SELECTOR) if is_hidden_element(h)}
    except Exception:
        return set()


class HiddenMap:
    """The hidden elements of a subtree, found by one query, and which elements contain one.

    The query scans every style attribute (costly on Word HTML), so a page asks once for its body
    and hands each table the part it needs instead of querying per table.

    >>> doc = parse_html("<div><table id=a><tr><td hidden>x</table><table id=b></table></div>")
    >>> hm = HiddenMap(doc.body)
    >>> [len(hm.within(t)) for t in doc.css("table")]
    [1, 0]
    """

    __slots__ = ("ids", "_holders")

    def __init__(self, node: Any) -> None:
        self.ids: set[int] = set()
        self._holders: set[int] = set()  # elements with a hidden element in their subtree
        try:
            found = [h for h in node.css(_HIDDEN_SELECTOR) if is_hidden_element(h)]
        except Exception:
            return
        for h in found:
            self.ids.add(h.mem_id)
            cur = h.parent
            while cur is not None and cur.mem_id not in self._holders:
                self._holders.add(cur.mem_id)
                cur = cur.parent

    def within(self, node: Any) -> set[int]:
        """Hidden elements that may lie in ``node``'s subtree (all of them, or none)."""
        if not self.ids or (node.mem_id not in self._holders and node.mem_id not in self.ids):
            return set()
        return self.ids


# --- line cleaning ----------------------------------------------------------------------------
_WS_RUN = re.compile(r"[ \t\n\r\f]+")
_WIDE = r"\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff01-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
_CJK_SEGMENT_BREAK = re.compile(f"(?<=[{_WIDE}])[ \\t\\r\\f]*\\n[ \\t\\n\\r\\f]*(?=[{_WIDE}])")
# Comment syntax that leaked into text (escaped in the source, so the parser saw text, not a
# comment): "<!--[if !supportLists]-->", "<!--[endif]-->", "<![if ...]>", "<![endif]>",
# "<!--?xml:namespace ... /-->" and whole escaped "<!--[if gte mso 9]><xml>...<![endif]-->" blocks.
_LEAKED_COMMENT = re.compile(r"<!--.*?-->|<!\[(?:if\b[^\]]*|endif)\]-?-?>", re.DOTALL | re.IGNORECASE)


def clean_line(s: str) -> str:
    """Apply the in-line rules: drop leaked comments, collapse ASCII whitespace, trim.

    >>> clean_line("  商业\\n 企业 <!--[if !supportLists]-->(一)<!--[endif]--> x\\u00a0 ")
    '商业企业 (一) x\\xa0'
    """
    if "<!" in s:
        s = _LEAKED_COMMENT.sub("", s)
    if s.isprintable() and "  " not in s:
        # Fast path: no tab/newline/CR/FF and no double space (isprintable is False for those).
        return s.strip(" ")
    # Source formatting usually only wraps the text ("\n    0 |\n"): whitespace at the ends has
    # no character on its other side, so neither rule below can apply to it.
    t = s.strip(" \t\n\r\f")
    if t.isprintable() and "  " not in t:
        return t
    if "\n" in s or "\r" in s:
        s = _CJK_SEGMENT_BREAK.sub("", s.replace("\r", "\n"))
    return _WS_RUN.sub(" ", s).strip(" ")


_TAB = object()  # cell separator marker inside a line buffer (never equal to any str)


def _flush(cur: list, lines: list[str]) -> None:
    if len(cur) == 1:  # one text node on the line, the usual case
        line = clean_line(cur[0]) if cur[0] is not _TAB else ""
    elif _TAB in cur:
        parts: list[str] = []
        seg: list[str] = []
        for piece in cur:
            if piece is _TAB:
                parts.append(clean_line("".join(seg)))
                seg = []
            else:
                seg.append(piece)
        parts.append(clean_line("".join(seg)))
        line = "\t".join(parts).strip("\t")
    else:
        line = clean_line("".join(cur))
    cur.clear()
    if line:
        lines.append(line)


def text_of(start: Any, hidden: set[int] | frozenset[int]) -> str:
    """Visible text of the *children* of ``start``, given a precomputed set of hidden elements
    (``hidden_ids``). The fast path used for every table cell.

    Iterative depth-first walk with an explicit stack of (next sibling, kind of the element being
    closed) so block ends can be emitted; no recursion, no per-node regex. Hot path: written for
    the fewest property reads per node (each is a C call creating a wrapper object).
    """
    kinds = KIND
    text_id = TEXT_ID
    lines: list[str] = []
    cur: list = []
    stack: list[tuple[Any, int]] = []
    pre = 0
    node = start.first_child
    while True:
        if node is None:
            if not stack:
                break
            node, kind = stack.pop()
            if kind:  # not INLINE
                if kind == PRE:
                    pre -= 1
                if kind != CELL and cur:
                    _flush(cur, lines)
            continue
        tid = node.tag_id
        if tid == text_id:
            t = node.text_content
            if t:
                if pre and "\n" in t:
                    first, *rest = t.split("\n")
                    cur.append(first)
                    for part in rest:
                        _flush(cur, lines)
                        cur.append(part)
                else:
                    cur.append(t)
            node = node.next
            continue
        kind = kinds.get(tid, INLINE)
        if hidden and node.mem_id in hidden:
            node = node.next
            continue
        if kind:
            if kind == SKIP:
                node = node.next
                continue
            if kind == BREAK:
                if cur:
                    _flush(cur, lines)
                node = node.next
                continue
            if kind == CELL:
                if cur:
                    cur.append(_TAB)
            else:
                if cur:
                    _flush(cur, lines)
                if kind == PRE:
                    pre += 1
        child = node.first_child
        if child is None:
            if kind == PRE:
                pre -= 1
            node = node.next
            continue
        stack.append((node.next, kind))
        node = child
    if cur:
        _flush(cur, lines)
    return lines[0] if len(lines) == 1 else "\n".join(lines)


def node_text(node: Any) -> str:
    """Visible text of any node, one line per block (see the module docstring for the rules).

    Accepts an element, a text node, or a parser (its whole document). Never raises: returns
    ``""`` for anything it cannot read.

    >>> node_text(parse_html("<div>一、<b>总体</b>情况<p>第一段<br>第二行</p><script>x()</script>"
    ...                      "<span style='display:none'>隐藏</span><o:p>未知标签</o:p></div>").body)
    '一、总体情况\\n第一段\\n第二行\\n未知标签'
    """
    try:
        if node is None:
            return ""
        if isinstance(node, LexborHTMLParser):
            node = node.root
            if node is None:
                return ""
        tid = node.tag_id
        if tid == TEXT_ID:
            return clean_line(node.text_content or "")
        if KIND.get(tid) == SKIP:  # comments, <script>, <style>, ... have no visible text
            return ""
        return text_of(node, hidden_ids(node))
    except Exception:
        log.debug("node_text failed", exc_info=True)
        return ""


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
