"""Raw store -> reports -> tables, with a parse cache so unchanged pages are not re-extracted.

The cache is keyed by every input of the parse: the content hash of the stored page(s), the
report URL, the encoding handed to the parser and the parser itself (PARSER_VERSION and a hash of
the `parsers` package source, so a parser change that forgot to bump the version still re-parses).
A page whose bytes did not change since the last run is read back from `DATA/parsed/` instead of
parsed again; entries no report of the run used (an older parser's) are removed after the run.
The cache is only a cache: an entry that cannot be written (disk full) is skipped with a warning. The URL is in the key because the report_id, attachment URLs and a
date read from a TRS URL derive from it: the same bytes published at two URLs are two reports, on
every run. Provenance that can change without the bytes changing and that the parse does not use
(fetched_at after a 304, the site id) is refreshed from the store on every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers import PARSER_VERSION, Report, parse_report
from parsers.model import make_report_id

from . import pool

if TYPE_CHECKING:
    from output import WriteResult
    from scraper.store import StoredPage


def _parser_code_hash() -> str:
    """Hash of the `parsers` package source: PARSER_VERSION is bumped by hand, and parser changes
    have shipped without a bump; a cache keyed by the version alone then serves the old parse."""
    import parsers

    h = hashlib.sha256()
    root = Path(parsers.__file__).resolve().parent
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


PARSER_CODE = _parser_code_hash()
_CACHE_NAME = re.compile(r"^[0-9a-f]{32}-.+\.pickle$")


def _cache_key(page: StoredPage) -> str:
    # the link text names a report published as a file (PDF, Word), whose bytes say nothing
    inputs = "\n".join((page.bundle_sha256 or page.sha256, page.url,
                        page.detected_encoding or page.declared_encoding or "", page.title, PARSER_CODE))
    return f"{hashlib.sha256(inputs.encode()).hexdigest()[:32]}-{PARSER_VERSION}"


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temp file of a unique name (scraper.lock sweeps a dead writer's), then rename."""
    from scraper.store import TEMP_PREFIX

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune_cache(cache_dir: Path, used: set[str]) -> None:
    """Remove the cache entries no report of this run used: an older parser's, a report gone."""
    for f in cache_dir.iterdir():
        if _CACHE_NAME.match(f.name) and f.name not in used:
            f.unlink(missing_ok=True)


def _lost(page: StoredPage) -> Report:
    """The report whose stored bytes are gone or damaged: `failed`, saying so (never parsed, never cached)."""
    return Report(report_id=make_report_id(page.url, page.sha256), source_url=page.url,
                  content_sha256=page.sha256, fetched_at=page.fetched_at, site=page.site_id, status="failed",
                  status_reason=page.problem or "stored bytes missing")


# The default progress stream: sys.stderr as it is at call time (a default argument would bind
# the stream of import time, which a test's captured and since closed stream may be).
STDERR = object()

# Below this many pages a process pool costs more to start than it saves.
_MIN_PARALLEL = pool.MIN_PARALLEL
# A report page is a few hundred KB, rarely 5 MB; parsing takes about 27 bytes of memory per byte
# of page, so a page over this is refused rather than let it take the machine's memory.
MAX_FILE_BYTES = 64 * 2**20
_DIED = "the parser process died on this page (killed, out of memory or crashed)"


def default_workers() -> int:
    """One worker per core (parsing is CPU-bound and pure), at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


def _workers(asked: int | None) -> int:
    """`--jobs` as asked, but no more than four per core: parsing is CPU work, and each worker
    process costs its memory (200 asked for forked 200)."""
    if asked is None:
        return default_workers()
    return max(1, min(asked, 4 * (os.cpu_count() or 1)))


def _parse_job(job: dict[str, Any]) -> Report:
    return parse_report(**job)


def _died(job: dict[str, Any]) -> Report:
    sha = hashlib.sha256(job["data"]).hexdigest()
    return Report(report_id=make_report_id(job.get("url"), sha), source_url=job.get("url"), content_sha256=sha,
                  fetched_at=job.get("fetched_at"), site=job.get("site"), status="failed", status_reason=_DIED)


def parse_many(jobs: list[dict[str, Any]], *, workers: int | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Report]:
    """`parse_report(**job)` for every job, in order, on `workers` processes.

    parse_report is pure and never raises, so a worker only returns Reports; the order of the
    result is the order of `jobs` whatever the number of workers. A page whose worker process
    dies (twice) is a `failed` report; the run goes on (`nianbao.pool`).
    """
    workers = _workers(workers)
    return pool.run(_parse_job, jobs, workers=workers, on_death=_died, progress=progress)


def display_path(path: str) -> str:
    """`path` as text that can be written anywhere: bytes of a file name that are not UTF-8 are
    shown as escapes (``bad\\xffname.html``).

    >>> display_path(os.fsdecode(b"bad\\xffname.html"))
    'bad\\\\xffname.html'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _unreadable(path: str, reason: str) -> Report:
    """A file that could not be parsed because it could not be read: a `failed` report, so the
    file is in the output with its reason. With no bytes to hash, its id comes from the path."""
    shown = display_path(path)
    return Report(report_id=hashlib.sha256(("file:" + shown).encode()).hexdigest()[:16], source_path=shown,
                  status="failed", status_reason=reason)


def _parse_path(path: str) -> Report:
    """Read and parse one file (in a pool worker: the parent never holds every page in memory)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the read forever
            return _unreadable(path, "cannot read file: not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            return _unreadable(path, f"file too large: {st.st_size / 2**20:.0f} MB "
                                     f"(pages over {MAX_FILE_BYTES // 2**20} MB are not parsed)")
        data = Path(path).read_bytes()
    except OSError as exc:
        why = "broken symbolic link" if os.path.islink(path) and not os.path.exists(path) else exc.strerror or exc
        return _unreadable(path, f"cannot read file: {why}")
    report = parse_report(data, None, filename=os.path.basename(path))
    if not data.strip():  # every empty file hashes alike: its path tells them apart
        report.report_id = _unreadable(path, "").report_id
    report.source_path = display_path(path)
    return report


def parse_files(paths: list[Path], *, workers: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Report]:
    """Parse report files: one report per path, in order. A file that cannot be read (gone, not
    a regular file, too large, no permission) is a `failed` report saying why.

    Each report's `source_path` is the path as given, so a report without a URL (a saved page, a
    text dump) can be traced back to its file; the parser itself never sees the path.
    """
    workers = _workers(workers)
    items = [os.fspath(p) for p in paths]
    return pool.run(_parse_path, items, workers=workers, progress=progress,
                    on_death=lambda p: _unreadable(p, _DIED))


def _not_crawled(out_dir: Path, ids: set[str]) -> int:
    """How many reports of the tables in `out_dir` came from files (`site` null) and are not in `ids`:
    rows merged in by `nianbao extract --merge`, which a crawl's full write drops."""
    from output.load import read_arrow

    if not ((out_dir / "reports.parquet").exists() or (out_dir / "reports").is_dir()):
        return 0
    try:
        old = read_arrow(out_dir, ["reports"])["reports"]
    except (OSError, ValueError):  # unreadable or an old layout: nothing to compare with
        return 0
    return sum(1 for rid, site in zip(old["report_id"].to_pylist(), old["site"].to_pylist(), strict=True)
               if site is None and rid not in ids)


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
    used: set[str] = set()
    try:
        pages = list(store.iter_reports())
        for page in pages:
            if page.problem is not None:
                slots.append(_lost(page))
                continue
            cached = cache_dir / f"{_cache_key(page)}.pickle"
            used.add(cached.name)
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
                                 extra_pages=page.extra_pages, link_title=page.title or None))
            slots.append(report)
    finally:
        store.close()

    def progress(i: int, n: int) -> None:
        if stream is not None and (i % 50 == 0 or i == n):
            print(f"\rextract: {i}/{n} pages parsed", end="" if i < n else "\n", file=stream)

    cache_error: str | None = None
    for (index, cached), report in zip(todo, parse_many(jobs, workers=workers, progress=progress)):
        slots[index] = report
        if cache_error is None:
            try:
                _atomic_write(cached, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError as exc:  # disk full: the parse is not lost, only not cached
                cache_error = exc.strerror or str(exc)
    if cache_error is not None:
        print(f"warning: parse cache {cache_dir} not written ({cache_error}): the next run parses these "
              "pages again", file=sys.stderr)
    reports: list[Report] = []
    for page, report in zip(pages, slots):
        assert report is not None
        report.fetched_at = page.fetched_at  # provenance can change without the bytes changing
        report.site = page.site_id
        report.source_path = str(store.blob_path(page.sha256))  # the first page's stored bytes
        reports.append(report)
    lost = sum(page.problem is not None for page in pages)
    if stream is not None:
        print(f"extract: {len(todo)} parsed, {len(pages) - len(todo) - lost} unchanged (from cache)"
              + (f", {lost} failed: stored bytes missing or damaged" if lost else ""), file=stream)
    foreign = _not_crawled(out_dir, {r.report_id for r in reports})
    written = write_tables(reports, out_dir, partition=partition)
    if foreign:
        print(f"warning: {foreign} report(s) in {out_dir} that no crawl stored (added by `nianbao extract "
              "--merge`?) are not in the new tables: the crawl rebuilds them from the raw store; merge "
              "saved files into another --out", file=sys.stderr)
    _prune_cache(cache_dir, used)  # after the tables: a failed write keeps the cache for the rerun
    return reports, written
