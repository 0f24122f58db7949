"""Raw store -> reports -> tables, with a parse cache so unchanged pages are not re-extracted.

The cache is keyed by every input of the parse: the content hash of the stored page(s), the
report URL, the encoding handed to the parser and the parser version. A page whose bytes did not
change since the last run is read back from `DATA/parsed/` instead of parsed again; a new parser
version re-parses everything. The URL is in the key because the report_id, attachment URLs and a
date read from a TRS URL derive from it: the same bytes published at two URLs are two reports, on
every run. Provenance that can change without the bytes changing and that the parse does not use
(fetched_at after a 304, the site id) is refreshed from the store on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers import PARSER_VERSION, Report, parse_report

if TYPE_CHECKING:
    from output import WriteResult
    from scraper.store import StoredPage


def _cache_key(page: StoredPage) -> str:
    inputs = "\n".join((page.bundle_sha256 or page.sha256, page.url,
                        page.detected_encoding or page.declared_encoding or ""))
    return f"{hashlib.sha256(inputs.encode()).hexdigest()[:32]}-{PARSER_VERSION}"


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


# The default progress stream: sys.stderr as it is at call time (a default argument would bind
# the stream of import time, which a test's captured and since closed stream may be).
STDERR = object()

# Below this many pages a process pool costs more to start than it saves.
_MIN_PARALLEL = 24


def default_workers() -> int:
    """One worker per core (parsing is CPU-bound and pure), at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def _parse_job(job: dict[str, Any]) -> Report:
    return parse_report(**job)


def parse_many(jobs: list[dict[str, Any]], *, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Report]:
    """`parse_report(**job)` for every job, in order, on `workers` processes.

    parse_report is pure and never raises, so a worker only returns Reports; the order of the
    result is the order of `jobs` whatever the number of workers.
    """
    workers = default_workers() if workers is None else max(1, workers)
    n = len(jobs)
    if workers == 1 or n < _MIN_PARALLEL:
        results = []
        for i, job in enumerate(jobs, 1):
            results.append(_parse_job(job))
            if progress:
                progress(i, n)
        return results
    results = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, report in enumerate(pool.map(_parse_job, jobs, chunksize=max(1, min(16, n // (4 * workers)))), 1):
            results.append(report)
            if progress:
                progress(i, n)
    return results


def parse_files(paths: list[Path], *, workers: int | None = None,
                stream=None) -> tuple[list[Report], int]:
    """Parse report files; (the reports in path order, how many paths could not be read).

    Each report's `source_path` is the path as given, so a report without a URL (a saved page, a
    text dump) can be traced back to its file; the parser itself never sees the path.
    """
    jobs: list[dict[str, Any]] = []
    read: list[Path] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {path}: {exc}", file=stream or sys.stderr)
            continue
        jobs.append(dict(data=data, url=None, filename=path.name))
        read.append(path)
    reports = parse_many(jobs, workers=workers)
    for path, report in zip(read, reports, strict=True):
        report.source_path = str(path)
    return reports, len(paths) - len(read)


def extract_store(data_dir: Path, out_dir: Path, *, partition: str | None = None,
                  stream: Any = STDERR, workers: int | None = None) -> tuple[list[Report], WriteResult]:
    """Parse every report in the raw store under `data_dir` and write the tables to `out_dir`:
    (every report parsed, what was written).

    Pages whose bytes are unchanged come from the parse cache; the others are parsed on
    `workers` processes (default: one per core). `stream=None` prints nothing."""
    stream = sys.stderr if stream is STDERR else stream
    from output import write_tables
    from scraper.store import RawStore

    cache_dir = data_dir / "parsed"
    cache_dir.mkdir(parents=True, exist_ok=True)
    store = RawStore(data_dir)
    slots: list[Report | None] = []
    todo: list[tuple[int, Path]] = []  # (index in slots, cache file) of the pages to parse
    jobs: list[dict[str, Any]] = []
    try:
        pages = list(store.iter_reports())
        for page in pages:
            cached = cache_dir / f"{_cache_key(page)}.pickle"
            report: Report | None = None
            if cached.exists():
                try:
                    report = pickle.loads(cached.read_bytes())
                except Exception:  # a corrupt cache entry is only a cache miss
                    report = None
            if report is None:
                todo.append((len(slots), cached))
                jobs.append(dict(data=page.content, url=page.url, fetched_at=page.fetched_at, site=page.site_id,
                                 declared_encoding=page.detected_encoding or page.declared_encoding,
                                 extra_pages=page.extra_pages))
            slots.append(report)
    finally:
        store.close()

    def progress(i: int, n: int) -> None:
        if stream is not None and (i % 50 == 0 or i == n):
            print(f"\rextract: {i}/{n} pages parsed", end="" if i < n else "\n", file=stream)

    for (index, cached), report in zip(todo, parse_many(jobs, workers=workers, progress=progress)):
        _atomic_write(cached, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        slots[index] = report
    reports: list[Report] = []
    for page, report in zip(pages, slots):
        assert report is not None
        report.fetched_at = page.fetched_at  # provenance can change without the bytes changing
        report.site = page.site_id
        report.source_path = str(store.blob_path(page.sha256))  # the first page's stored bytes
        reports.append(report)
    if stream is not None:
        print(f"extract: {len(todo)} parsed, {len(pages) - len(todo)} unchanged (from cache)", file=stream)
    return reports, write_tables(reports, out_dir, partition=partition)
