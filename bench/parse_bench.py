"""Parse throughput, one process, same bytes: `extract` vs bare selectolax vs pandas.read_html.

Pages: the bundled mirror's report pages and, when ../shared/corpus is present, the corpus HTML
pages. For each page set it prints pages/s of
  - extract:     parsers.parse_report (decode, body, metadata, grids, recognition, checks)
  - selectolax:  parsing the same bytes into a DOM and nothing else
  - read_html:   pandas.read_html(flavor="lxml") building DataFrames of every table
Each figure is the best of several rounds, so a busy moment on the machine does not count.
The targets (issue 3) are one-process figures. The last column is what `nianbao extract` gets
from every core (`--jobs`, default one process per core), pool start-up included, on the same
pages repeated to a batch of ~600 — for planning big runs, not part of the comparison.
"""

from __future__ import annotations

import io
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nianbao.pipeline import default_workers, parse_many  # noqa: E402
from parsers import parse_report  # noqa: E402
from parsers.grid import parse_html  # noqa: E402


def _pages() -> dict[str, list[tuple[str, bytes]]]:
    site = REPO / "tests" / "fixtures" / "site"
    mirror = [(str(p), p.read_bytes()) for p in sorted(site.rglob("t2*.html"))]
    sets = {"mirror": mirror}
    corpus = REPO.parent / "shared" / "corpus"
    if corpus.is_dir():
        sets["corpus-html"] = [(str(p), p.read_bytes()) for p in sorted(corpus.glob("*.html"))]
        sets["corpus-txt"] = [(str(p), p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    return {k: v for k, v in sets.items() if v}


def _rate(fn, pages, rounds: int = 5, min_time: float = 0.3) -> float:
    best = 0.0
    for _ in range(rounds):
        n, t0 = 0, time.perf_counter()
        while True:
            for name, data in pages:
                fn(name, data)
                n += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= min_time:
                break
        best = max(best, n / elapsed)
    return best


def _extract(name: str, data: bytes) -> None:
    parse_report(data, None, filename=name)


def _selectolax(name: str, data: bytes) -> None:
    parse_html(data)


def _read_html(name: str, data: bytes) -> None:
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pd.read_html(io.BytesIO(data), flavor="lxml")
        except (ValueError, IndexError, TypeError, AssertionError):
            pass  # "No tables found" and malformed spans abort the whole call


def _parallel_rate(pages, workers: int, batch: int = 600) -> float:
    jobs = [dict(data=data, url=None, filename=name) for name, data in pages] * max(1, batch // len(pages))
    t0 = time.perf_counter()
    parse_many(jobs, workers=workers)
    return len(jobs) / (time.perf_counter() - t0)


def main() -> int:
    workers = default_workers()
    print("parse throughput (pages/s, best of 5 rounds, one process)")
    print(f"{'pages':<12}{'n':>4}{'extract':>12}{'selectolax':>12}{'read_html':>12}"
          f"{'x read_html':>13}{'x selectolax':>14}{f'extract -j{workers}':>16}")
    for label, pages in _pages().items():
        ex = _rate(_extract, pages)
        sx = _rate(_selectolax, pages)
        html = label != "corpus-txt"
        rh = _rate(_read_html, pages, rounds=3) if html else float("nan")
        par = _parallel_rate(pages, workers)
        if html:
            print(f"{label:<12}{len(pages):>4}{ex:>12.1f}{sx:>12.1f}{rh:>12.1f}{ex / rh:>13.1f}{sx / ex:>14.2f}"
                  f"{par:>16.1f}")
        else:  # flattened text: no HTML to parse, no tables for read_html; extract speed only
            print(f"{label:<12}{len(pages):>4}{ex:>12.1f}{'-':>12}{'-':>12}{'-':>13}{'-':>14}{par:>16.1f}")
    print("x read_html = extract speed / read_html speed (target >= 5);"
          " x selectolax = extract time / bare parse time (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
