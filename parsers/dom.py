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

Parsing a page (``parse_html``, the one backend, lexbor) is ``html_parse.py``, and finding its
hidden elements (``hidden_ids``, ``HiddenMap``) is ``hidden_elements.py``; the names in ``__all__``
are importable from here as well.

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

from .hidden_elements import HiddenMap, hidden_ids, is_hidden_element
from .html_parse import parse_html

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
