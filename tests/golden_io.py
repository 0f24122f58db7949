"""Serialise a whole-report parse to stable JSON for the golden files in tests/golden/."""

from __future__ import annotations

import json
from pathlib import Path

from parsers import Report, parse_report

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "tests" / "fixtures" / "site"
GOLDEN = REPO / "tests" / "golden"
BASE_URL = "http://www.tjjh.gov.cn/"


def golden_pages() -> list[Path]:
    """Every report-like page of the bundled mirror (article pages are t<date>_<id>.html)."""
    return sorted(SITE.rglob("t2*.html"))


def golden_name(page: Path) -> str:
    return "__".join(page.relative_to(SITE).parts) + ".json"


def serialise(report: Report) -> str:
    rec = report.record()
    doc = {
        "report": rec,
        "templates_by_table": report.templates_by_table,
        "cells": [list(c) for c in report.cells],
        "undetermined": report.undetermined,
        "checks": [list(c) for c in report.checks if c.ok is not True],
        "n_checks": len(report.checks),
        "sections": [[s.section, s.heading, len(s.text)] for s in report.sections],
        "attachments": [list(a) for a in report.attachments],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def parse_page(page: Path) -> Report:
    url = BASE_URL + "/".join(page.relative_to(SITE).parts)
    return parse_report(page.read_bytes(), url, fetched_at="2026-01-01T00:00:00Z", site="golden")
