"""Parsing on several processes gives exactly the reports of one process, in input order."""

from __future__ import annotations

from pathlib import Path

from nianbao import pipeline
from nianbao.cli import main
from nianbao.pipeline import parse_many

SITE = Path(__file__).parent / "fixtures" / "site"


def _jobs() -> list[dict]:
    pages = sorted(SITE.rglob("*.html"))
    assert len(pages) >= 20
    # repeat the mirror so the pool is really used (below _MIN_PARALLEL it runs in-process)
    jobs = [dict(data=p.read_bytes(), url=f"http://mirror.test/{i}/{p.name}", filename=p.name)
            for i, p in enumerate(pages * 2)]
    assert len(jobs) >= pipeline._MIN_PARALLEL
    return jobs


def test_two_workers_equal_one_worker_in_order() -> None:
    jobs = _jobs()
    seen = []
    serial = parse_many(jobs, workers=1)
    parallel = parse_many(jobs, workers=2, progress=lambda i, n: seen.append((i, n)))
    assert [r.source_url for r in parallel] == [j["url"] for j in jobs]
    assert parallel == serial  # every field, cell, check and section
    assert seen[-1] == (len(jobs), len(jobs)) and len(seen) == len(jobs)
    assert sum(r.status == "ok" for r in parallel) >= 20


def test_small_batches_stay_in_process(monkeypatch) -> None:
    def no_pool(*a, **k):
        raise AssertionError("a pool was started for a small batch")

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", no_pool)
    jobs = _jobs()[:3]
    assert [r.source_url for r in parse_many(jobs, workers=4)] == [j["url"] for j in jobs]


def test_extract_cli_jobs_flag_gives_the_same_tables(tmp_path, capsys) -> None:
    outs = {}
    for flag in ("1", "2"):
        code = main(["extract", str(SITE), "--out", str(tmp_path / flag), "--jobs", flag])
        outs[flag] = capsys.readouterr().out
        assert code == 0, outs[flag]
    assert outs["1"].replace(str(tmp_path / "1"), "") == outs["2"].replace(str(tmp_path / "2"), "")
    n_pages = len([p for p in SITE.rglob("*") if p.suffix in (".html", ".txt")])
    assert f"{n_pages} report(s) parsed: ok 12, inconsistent 1, no_tables {n_pages - 13}" in outs["2"]
    for name in ("reports", "cells", "checks", "sections"):
        assert (tmp_path / "1" / f"{name}.parquet").read_bytes() == (tmp_path / "2" / f"{name}.parquet").read_bytes()
