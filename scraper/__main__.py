"""``python -m scraper [REGISTRY] [DATA_DIR] [--set key=value …]`` — crawl without the nianbao CLI.

Used by the kill/resume test and the benchmark; exit status 1 when any site failed or is
incomplete, 2 for a bad registry, data directory or --set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scraper.config import CrawlConfig
from scraper.crawl import run_crawl
from scraper.lock import DataDirBusy, hold_data_dir
from scraper.registry import DEFAULT_REGISTRY, load_registry
from scraper.store import check_data_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scraper", description=__doc__)
    ap.add_argument("registry", nargs="?", default=str(DEFAULT_REGISTRY))
    ap.add_argument("data_dir", nargs="?", default="data")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="CrawlConfig override")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)
    try:  # setup mistakes: one line, exit 2
        overrides = dict(item.split("=", 1) for item in args.set)
        config = CrawlConfig().with_overrides(overrides)
        sites = load_registry(args.registry)
        check_data_dir(Path(args.data_dir))
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with hold_data_dir(Path(args.data_dir)):  # one crawl per data directory at a time
            result = run_crawl(sites, Path(args.data_dir), progress=not args.quiet, config=config)
    except DataDirBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(result.render_summary(), file=sys.stderr)
    if result.store_error is not None:
        print(f"error: {result.store_error}; the crawl stopped (run it again to resume)", file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
