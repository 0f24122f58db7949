"""Every real report of ../shared/corpus must match its hand-verified expected file, cell for cell."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS
from expected import compare

from parsers import parse_report

CASES = sorted(p.name.split(".")[0] for p in CORPUS.glob("*.expected.json")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("case", CASES)
def test_corpus_report_matches_expected(case: str) -> None:
    exp = json.loads((CORPUS / f"{case}.expected.json").read_text(encoding="utf-8"))
    path = CORPUS / exp["file"]
    report = parse_report(path.read_bytes(), None, filename=path.name)
    diffs = compare(report, exp)
    assert not diffs, f"{case}: {report.status} {report.status_reason}\n" + "\n".join(diffs[:40])
