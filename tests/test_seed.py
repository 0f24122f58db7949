"""The product owner's seed page (pipe text) extracts exactly as issue 2 item 4 says."""

from __future__ import annotations

import pytest
from conftest import SEED

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER


@pytest.fixture(scope="module")
def seed_report():
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    return parse_report(SEED.read_bytes(), None, filename=SEED.name)


def test_seed_metadata(seed_report) -> None:
    r = seed_report
    assert r.template == "2021"
    assert r.publisher in ("中旺镇", "中旺镇人民政府")
    assert r.region == "天津市静海区"
    assert r.report_year == 2025
    assert r.published_date is None  # the 2019年12月3日星期二 widget is not a date of this report
    assert r.status == "ok", r.status_reason
    assert r.table_source == "pipe_text"
    assert r.title is None


def test_seed_every_cell(seed_report) -> None:
    r = seed_report
    ad = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "active_disclosure"}
    assert ad == {
        ("regulations", "issued"): 0, ("regulations", "repealed"): 0, ("regulations", "in_force"): 0,
        ("normative_documents", "issued"): 0, ("normative_documents", "repealed"): 0,
        ("normative_documents", "in_force"): 0, ("licensing", "decisions"): 0, ("penalty", "decisions"): 8,
        ("coercion", "decisions"): 0, ("fees", "amount_10k_yuan"): 0,
    }
    app = {(c.row_key, c.col_key): (c.value, c.value_kind) for c in r.cells if c.table == "applications"}
    assert app == {(row, col): (0.0, "number") for row in APP_ROW_ORDER["2021"] for col in APP_COL_ORDER}
    rl = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "review_litigation"}
    assert rl == {(row, col): 0 for row in RL_ROW_ORDER for col in RL_COL_ORDER}
    assert r.undetermined == {}


def test_seed_checks_all_ok(seed_report) -> None:
    checks = seed_report.checks
    assert len(checks) == 2 * (7 + 7 + 25 + 3)
    assert all(c.ok is True for c in checks), [c for c in checks if c.ok is not True]


def test_seed_sections(seed_report) -> None:
    secs = seed_report.sections
    assert [s.section for s in secs] == [1, 2, 3, 4, 5, 6]
    assert secs[0].heading == "一、总体情况"
    assert secs[4].heading == "五、存在问题及改进情况"
    assert secs[5].text == "无"
