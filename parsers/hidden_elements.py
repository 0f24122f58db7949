"""Which elements of a page are hidden: ``hidden``, an inline ``display:none`` or
``visibility:hidden``, or a zero-size ``<span>`` of text.

A browser shows none of their text, so neither do the text walk (``dom.text_of``) nor the table
grids (a hidden row or cell is left out; a ``visibility:hidden`` cell keeps its slot). Its own
module because finding them is one CSS query over the page plus a regex check of each style, a
cost paid once per page (``HiddenMap``), apart from the per-node walk that uses the result.
"""

from __future__ import annotations

import re
from typing import Any

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

    >>> from parsers.html_parse import parse_html
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

    >>> from parsers.html_parse import parse_html
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
