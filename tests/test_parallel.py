"""Parsing on several processes gives exactly the reports of one process, in input order."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from nianbao import pipeline, pool
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

    monkeypatch.setattr(pool, "ProcessPoolExecutor", no_pool)
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


def _square_or_die(x: int) -> int:
    if x == 13:  # this item kills the process that runs it, as the out-of-memory killer would
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def test_a_worker_that_dies_costs_only_its_item() -> None:
    items = list(range(60))
    got = pool.run(_square_or_die, items, workers=2, on_death=lambda x: -x)
    assert got == [-x if x == 13 else x * x for x in items]


def test_a_worker_killed_from_outside_costs_nothing(tmp_path) -> None:
    flag = tmp_path / "killed"
    items = [(i, str(flag)) for i in range(40)]
    got = pool.run(_die_once, items, workers=2, on_death=lambda it: None)
    assert got == [i * 2 for i in range(40)]  # the item run again in a fresh process succeeds


def _die_once(item: tuple[int, str]) -> int:
    i, flag = item
    if i == 7 and not os.path.exists(flag):  # a stray kill: the first time only
        open(flag, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return i * 2
