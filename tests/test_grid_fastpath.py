"""The C-level shortcut for single-text-node cells gives exactly the full visible-text walk."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.dom import parse_html, text_of
from parsers.grid_read import _cell_text

PIECES = ["0", "12", " 3 ", "&nbsp;", "商业", "\n企业", "<br>", "<p>", "</p>", "<span>", "</span>", "<b>x</b>",
          "<o:p></o:p>", "<!--c-->", "&lt;!--[if !supportLists]--&gt;", "<div>", "</div>", "\t", "  ", "（一）"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_shortcut_equals_full_walk(pieces: list[str]) -> None:
    tree = parse_html(f"<table><tr><td>{''.join(pieces)}</td></tr></table>")
    td = tree.css_first("td")
    assert _cell_text(td) == text_of(td, frozenset())
