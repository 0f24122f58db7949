"""`nianbao` command line: a thin layer wiring scraper (network, disk), parsers (pure) and output.

    nianbao extract PATH... --out DIR         parse report files given directly
    nianbao crawl --registry FILE --data DIR  discover + download, then extract into DIR/tables
    nianbao demo --data DIR                   the same against the bundled mirror site on loopback
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parsers import PARSER_VERSION, Report

from .pipeline import display_path

if TYPE_CHECKING:
    from output import WriteResult

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REGISTRY = REPO_ROOT / "scraper" / "registry.toml"
# what the parser reads as HTML (saved pages keep their CMS's extension) or as flattened text
REPORT_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx", ".txt")


def _expand(paths: list[str]) -> tuple[list[Path], list[str]]:
    """(the files given and the report pages under the directories given, the directories that
    could not be read). Symbolic links to directories are followed, once each; a report page that
    cannot be read (a broken link, a FIFO) is kept, to become a `failed` report saying why. Other
    files are counted on stderr, so nothing is left out unsaid."""
    out: list[Path] = []
    unreadable: list[str] = []
    for top in paths:
        if not os.path.isdir(top):
            out.append(Path(top))
            continue
        seen: set[str] = set()
        skipped: Counter[str] = Counter()
        for root, dirs, files in os.walk(top, followlinks=True, onerror=lambda e: unreadable.append(
                f"{display_path(e.filename)}: {e.strerror}")):
            real = os.path.realpath(root)
            if real in seen:  # a link back up the tree: walked once already
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            for name in sorted(files):
                suffix = os.path.splitext(name)[1].lower()
                if suffix in REPORT_SUFFIXES:
                    out.append(Path(root, name))
                else:
                    skipped[suffix or "(none)"] += 1
        if skipped:
            n = sum(skipped.values())
            print(f"{top}: skipped {n} file(s) that are not report pages "
                  f"({', '.join(f'{k} {v}' for k, v in skipped.most_common(5))}); "
                  f"pages are {'/'.join(REPORT_SUFFIXES)}", file=sys.stderr)
    return out, unreadable


def _jobs(text: str) -> int:
    """`--jobs`: a whole number of processes, at least 1 (0 or -3 is a usage error, not one process)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _out_problem(out: Path) -> str | None:
    """Why the tables could not be written to `out`, found before any page is parsed."""
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a directory"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        return f"cannot write to --out {out}: {exc.strerror or exc}"
    return None


def _progress(stream: Any) -> Callable[[int, int], None]:
    def show(i: int, n: int) -> None:
        if n >= 50 and (i % 50 == 0 or i == n):
            print(f"\rextract: {i}/{n} pages parsed", end="" if i < n else "\n", file=stream, flush=True)
    return show


def print_reports(reports: list[Report], stream=None) -> None:
    """The parse stage's summary: one line per report parsed, then the count by status."""
    stream = stream or sys.stdout
    width = max((len(r.publisher or "") for r in reports), default=10)
    for r in reports:
        name = (r.publisher or "?").ljust(width)
        # the page's name: a crawled page's URL (its source_path is a raw-store blob named by its hash)
        shown = r.source_url.rstrip("/").rsplit("/", 1)[-1] if r.source_url else \
            Path(r.source_path).name if r.source_path else ""
        where = f"{shown}  ".replace("\n", "\\n") if shown else ""
        print(f"  {r.status:<12} {r.template:<8} {str(r.report_year or '?'):<5} {name}  "
              f"{len(r.cells):>4} cells  {where}{r.status_reason[:90]}", file=stream)
    counts = Counter(r.status for r in reports)
    summary = ", ".join(f"{k} {counts[k]}" for k in ("ok", "inconsistent", "partial", "no_tables", "failed")
                        if counts[k])
    print(f"{len(reports)} report(s) parsed: {summary or 'none'} (parser {PARSER_VERSION})", file=stream)


def print_written(result: WriteResult, out_dir: Path, stream=None) -> None:
    """The output stage's summary: the copies dropped for a shared report_id (which one was kept
    and why), then the rows written, so the parsed and written counts visibly add up."""
    stream = stream or sys.stdout
    dups = result.duplicates
    if dups:
        n_ids = len({d.report_id for d in dups})
        print(f"{n_ids} duplicate report id(s): {len(dups)} cop{'y' if len(dups) == 1 else 'ies'} dropped, "
              "one kept per id (output.pick_copy: newer fetch, else better status, more cells):", file=stream)
        for d in dups:
            print(f"  {d.report_id}: kept {d.kept}, dropped {d.dropped} [{d.why}]", file=stream)
    counts = ", ".join(f"{k} {v}" for k, v in result.rows.items())
    print(f"{result.rows.get('reports', 0)} report(s) written to {out_dir}: {counts}", file=stream)


def cmd_extract(args: argparse.Namespace) -> int:
    from output import write_tables

    from .pipeline import parse_files

    out = Path(args.out)
    paths, unreadable = _expand(args.paths)
    for where in unreadable:
        print(f"error: cannot read directory {where}", file=sys.stderr)
    for path in paths:
        if not path.is_file():  # still parsed: a `failed` report says why
            print(f"error: cannot read {display_path(str(path))}", file=sys.stderr)
    if not any(path.is_file() for path in paths):
        # a typo or an empty folder must not replace the last run's tables with an empty set
        print(f"error: no report page could be read from {', '.join(args.paths)}; "
              f"the tables in {out} are left as they were", file=sys.stderr)
        return 2
    if problem := _out_problem(out):  # before the parsing, not after it
        print(f"error: {problem}", file=sys.stderr)
        return 2
    reports = parse_files(paths, workers=args.jobs, progress=_progress(sys.stderr))
    try:
        result = write_tables(reports, out, partition=args.partition, merge=args.merge)
    except (OSError, ValueError) as exc:
        # disk full, a read-only mount, --merge into a set without its Parquet files: the write
        # is staged, so the old set stays
        print(f"error: cannot write the tables to {out}: {exc}; the tables there are left as they were",
              file=sys.stderr)
        return 1
    print_reports(reports)
    print_written(result, out)
    return 1 if unreadable or any(r.status == "failed" for r in reports) else 0


def cmd_crawl(args: argparse.Namespace) -> int:
    from scraper.registry import load_registry
    from scraper.store import check_data_dir

    try:  # a setup mistake is one line and exit 2, like an unknown --site, not a traceback
        try:
            sites = load_registry(Path(args.registry))
        except OSError as exc:  # missing, a directory, no permission: say which file, not "[Errno 2] ..."
            raise OSError(f"cannot read --registry {args.registry}: {exc.strerror or exc}") from exc
        check_data_dir(Path(args.data))
    except (ValueError, OSError) as exc:  # RegistryError, a missing/unreadable file, a data dir under a file
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if problem := _out_problem(Path(args.data) / "tables"):  # before hours of crawling, not after
        print(f"error: {problem.replace('--out ', '')}", file=sys.stderr)
        return 2
    if args.site:
        wanted = set(args.site)
        unknown = wanted - {s.id for s in sites}
        if unknown:
            print(f"error: unknown site id(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        sites = [s for s in sites if s.id in wanted]
    return crawl_and_extract(sites, Path(args.data), partition=args.partition)


def crawl_and_extract(sites, data_dir: Path, *, partition: str | None = None) -> int:
    """Crawl, then extract into DATA/tables, holding the data directory (one crawl at a time)."""
    from scraper.lock import DataDirBusy, hold_data_dir

    try:
        with hold_data_dir(data_dir):
            return crawl_and_extract_held(sites, data_dir, partition=partition)
    except DataDirBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def crawl_and_extract_held(sites, data_dir: Path, *, partition: str | None = None) -> int:
    """`crawl_and_extract` for a caller that holds the data directory (scraper.lock)."""
    from scraper.crawl import run_crawl

    from .pipeline import extract_store

    tables = data_dir / "tables"
    result = run_crawl(sites, data_dir, progress=True, stream=sys.stderr)  # stderr now, not at import
    print(result.render_summary())
    if result.store_error is not None:
        # disk full or the like: the crawl stopped; its run stays open, so a rerun resumes it. The
        # tables are not rebuilt from a store known to be short of what the crawl was fetching.
        print(f"error: {result.store_error}; the crawl stopped (run it again to resume), "
              f"the tables in {tables} are left as they were", file=sys.stderr)
        return 1
    try:
        reports, written = extract_store(data_dir, tables, partition=partition)
    except OSError as exc:  # disk full, read-only: the write is staged, so the old set stays
        print(f"error: cannot write the tables to {tables}: {exc.strerror or exc}; "
              "the tables there are left as they were", file=sys.stderr)
        return 1
    print_reports(reports)
    print_written(written, tables)
    failed_reports = sum(r.status == "failed" for r in reports)
    return 0 if result.ok and not failed_reports else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from scraper.store import check_data_dir

    from .demo import run_demo

    try:  # a --data that is a file (or under one) is one line and exit 2, as for `crawl`
        check_data_dir(Path(args.data))
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return run_demo(Path(args.data))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nianbao", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="parse report files (.html any encoding, .txt flattened text)")
    e.add_argument("paths", nargs="+", help="files or directories")
    e.add_argument("--out", required=True, metavar="DIR", help="output directory for the tables")
    e.add_argument("--partition", choices=["year"], default=None, help="hive-partition Parquet by report_year")
    e.add_argument("--merge", action="store_true",
                   help="keep the reports already in --out that are not in this batch (default: replace the set)")
    e.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="parser processes (default: one per core; small batches run in-process)")
    e.set_defaults(func=cmd_extract)
    c = sub.add_parser("crawl", help="crawl the registry's sites, then extract")
    c.add_argument("--registry", default=str(DEFAULT_REGISTRY), metavar="FILE",
                   help="sites to crawl, TOML (default: scraper/registry.toml)")
    c.add_argument("--data", default="data", metavar="DIR",
                   help="raw store, parse cache and tables/ (default: data)")
    c.add_argument("--site", action="append", metavar="ID", help="only this site id (repeatable)")
    c.add_argument("--partition", choices=["year"], default=None, help="hive-partition Parquet by report_year")
    c.set_defaults(func=cmd_crawl)
    d = sub.add_parser("demo", help="serve the bundled mirror on 127.0.0.1 and crawl it")
    d.add_argument("--data", default="data/demo", metavar="DIR",
                   help="raw store, parse cache and tables/ (default: data/demo)")
    d.set_defaults(func=cmd_demo)
    return p


_TERMINATED: list[int] = []  # set by the SIGTERM handler: the KeyboardInterrupt that follows is SIGTERM's


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM (`kill`, `docker stop`): stop exactly as Ctrl-C does. The SIGINT raised here reaches
    whoever handles Ctrl-C at this moment: asyncio.run's handler, which cancels the crawl and lets
    every task unwind, or KeyboardInterrupt between two statements. (An exception raised from this
    handler itself could land inside the event loop's own bookkeeping and hang it.) When SIGINT is
    ignored (a background job of a shell), SIGTERM kills the process as it would have anyway."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.raise_signal(signal.SIGTERM)
        return
    _TERMINATED.append(signum)
    signal.raise_signal(signal.SIGINT)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # a file name or title the console cannot encode is shown escaped, not a crash after the work
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    # `kill`, `docker stop`: stop as Ctrl-C does (tasks unwound, staged tables removed, a commit
    # pass undone). Only the main thread may set a handler; a caller's (a test's) is put back.
    installed = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if installed else None
    _TERMINATED.clear()
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        if _TERMINATED:
            print("terminated", file=sys.stderr)
            return 128 + signal.SIGTERM
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`| head`) after the tables were written: stop printing, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        if installed:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


if __name__ == "__main__":
    sys.exit(main())
