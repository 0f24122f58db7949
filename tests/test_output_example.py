"""The analysis example and the write benchmark run against freshly written tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_output_sample import make_reports

from output import write_tables

ROOT = Path(__file__).resolve().parent.parent


def test_analysis_example_answers_the_three_questions(tmp_path):
    write_tables(make_reports(), tmp_path / "tables")
    png = tmp_path / "chart.png"
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "analysis.py"), str(tmp_path / "tables"),
                          "--out", str(png)], capture_output=True, text=True, timeout=120, check=True)
    out = run.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    by_year = out.split("1. ")[1].split("2. ")[0]
    assert "天津市静海区人民政府      -   148   124" in by_year
    assert "上海市人民政府办公厅    120     -     -" in by_year
    refusals = out.split("2. ")[1].split("3. ")[0].splitlines()
    assert refusals[2].split() == ["denied_three_safety", "3.危及“三安全一稳定”", "35", "0.171"]
    assert refusals[-2].split() == ["denied_state_secret", "1.属于国家秘密", "13", "0.063"]
    failing = out.split("3. ")[1]
    assert "1 report(s), 3 check(s)" in failing
    assert "applications.balance.total       131    1005         874" in failing
    assert "Glyph" not in run.stderr  # no missing-font warnings: labels fall back to P1, P2 without CJK fonts


def test_write_bench_runs_small(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "write_bench.py"), "--n", "300", "--report-n", "40",
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=120, check=True)
    assert "END TO END parquet" in run.stdout and "END TO END csv" in run.stdout
    assert "300 reports, 59,880 cells" in run.stdout
    assert (tmp_path / "pq" / "cells.parquet").exists()


def test_analysis_example_counts_a_report_republished_under_another_url_once(tmp_path):
    # the same bytes under two URLs are two rows of `reports`, one with duplicate_of set; the wide
    # views carry no duplicate_of, and the example used to sum both copies
    import dataclasses

    from parsers.model import make_report_id

    reports = make_reports()
    original = next(r for r in reports if r.source_url.endswith("t2022.html"))
    url = "https://www.tjjh.gov.cn/zwgk/qu/t2022.html"  # a smaller URL than the original: it is the one that counts
    reports.append(dataclasses.replace(original, source_url=url, report_id=make_report_id(url, original.content_sha256)))
    write_tables(reports, tmp_path / "tables")
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "analysis.py"), str(tmp_path / "tables"),
                          "--out", str(tmp_path / "chart.png")], capture_output=True, text=True, timeout=120,
                         check=True)
    by_year = run.stdout.split("1. ")[1].split("2. ")[0]
    assert "天津市静海区人民政府      -   148   124" in by_year  # 148 in 2022, not 296
    refusals = run.stdout.split("2. ")[1].split("3. ")[0].splitlines()
    assert refusals[2].split() == ["denied_three_safety", "3.危及“三安全一稳定”", "35", "0.171"]
