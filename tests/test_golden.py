"""Whole-report parses of the mirror pages equal their reviewed golden files (`make golden`)."""

from __future__ import annotations

import difflib

import pytest
from golden_io import GOLDEN, golden_name, golden_pages, parse_page, serialise

PAGES = golden_pages()


def test_golden_set_is_complete() -> None:
    assert len(PAGES) >= 14
    assert {golden_name(p) for p in PAGES} == {p.name for p in GOLDEN.glob("*.json")}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_parse_equals_golden(page) -> None:
    want = (GOLDEN / golden_name(page)).read_text(encoding="utf-8")
    got = serialise(parse_page(page))
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now", n=1))
        pytest.fail(f"parse differs from golden (run `make golden` if intended):\n{diff[:4000]}")
