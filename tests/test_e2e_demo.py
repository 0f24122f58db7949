"""End to end: the demo crawls the bundled mirror over real HTTP on loopback, extracts every report
and writes the four tables; every cell of every mirror report must equal the generated expectations.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from expected import compare

from nianbao.demo import run_demo

EXPECTED = Path(__file__).resolve().parent / "fixtures" / "site_expected"


def _expectations() -> dict[str, dict]:
    out = {}
    for p in sorted(EXPECTED.glob("*.expected.json")):
        exp = json.loads(p.read_text(encoding="utf-8"))
        out["/" + exp["file"].lstrip("/")] = exp
    return out


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo")
    code = run_demo(data)
    return code, data


def test_demo_exits_zero_and_writes_tables(demo_run) -> None:
    code, data = demo_run
    assert code == 0
    for name in ("reports", "cells", "checks", "sections"):
        assert (data / "tables" / f"{name}.parquet").stat().st_size > 0
        assert (data / "tables" / f"{name}.csv").stat().st_size > 0


def test_demo_every_mirror_report_matches(demo_run) -> None:
    _, data = demo_run
    import pickle

    expectations = _expectations()
    assert len(expectations) >= 12
    reports = {}
    for p in (data / "parsed").glob("*.pickle"):
        r = pickle.loads(p.read_bytes())
        reports[urlsplit(r.source_url).path] = r
    missing = sorted(set(expectations) - set(reports))
    assert not missing, f"mirror reports not crawled: {missing}"
    failures = {}
    for path, exp in expectations.items():
        diffs = compare(reports[path], exp)
        if exp.get("title"):
            if reports[path].title != exp["title"]:
                diffs.append(f"title: {reports[path].title!r} != {exp['title']!r}")
        if diffs:
            failures[path] = diffs[:15]
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_demo_tables_agree_with_reports(demo_run) -> None:
    _, data = demo_run
    reports = pd.read_parquet(data / "tables" / "reports.parquet")
    cells = pd.read_parquet(data / "tables" / "cells.parquet")
    expectations = _expectations()
    report_pages = reports[reports["source_url"].map(lambda u: urlsplit(u).path in expectations)]
    assert len(report_pages) == len(expectations)
    assert reports["report_id"].is_unique
    # every non-report page in the columns was left out by the title filter
    assert len(reports) == len(expectations)
    n_cells = cells.groupby("report_id").size()
    for _, row in report_pages.iterrows():
        exp = expectations[urlsplit(row["source_url"]).path]
        want = sum(len(cols) for rows in exp["cells"].values() for cols in rows.values())
        assert n_cells.get(row["report_id"], 0) == want, row["source_url"]


def test_example_analysis_runs_on_demo_output(demo_run, tmp_path) -> None:
    import subprocess
    import sys

    _, data = demo_run
    png = tmp_path / "chart.png"
    out = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "examples" / "analysis.py"),
                          str(data / "tables"), "--out", str(png)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the deliberately broken mirror report is the one failing identity, by exactly 1 application
    lines = [ln for ln in out.stdout.splitlines() if "applications.balance" in ln]
    assert len(lines) == 2 and all(ln.split()[-1] == "1" for ln in lines), out.stdout
    assert "1 report(s), 2 check(s)" in out.stdout


def test_demo_reports_point_at_their_stored_bytes(demo_run) -> None:
    # source_path of a crawled report is the raw-store blob its content_sha256 names
    import hashlib

    _, data = demo_run
    reports = pd.read_parquet(data / "tables" / "reports.parquet")
    assert len(reports) >= 12
    for path, sha in zip(reports["source_path"], reports["content_sha256"], strict=True):
        blob = Path(path)
        assert blob.parent.parent == data / "raw" / "blobs"
        assert hashlib.sha256(blob.read_bytes()).hexdigest() == sha
