"""``python -m scraper [REGISTRY] [DATA_DIR] [--set key=value …]`` — crawl without the nianbao CLI.

Used by the kill/resume test and the benchmark; exit status 1 when any site failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scraper.config import CrawlConfig
from scraper.crawl import run_crawl
from scraper.registry import DEFAULT_REGISTRY, load_registry


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m scraper", description=__doc__)
    ap.add_argument("registry", nargs="?", default=str(DEFAULT_REGISTRY))
    ap.add_argument("data_dir", nargs="?", default="data")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="CrawlConfig override")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)
    overrides = dict(item.split("=", 1) for item in args.set)
    config = CrawlConfig().with_overrides(overrides)
    result = run_crawl(load_registry(args.registry), Path(args.data_dir), progress=not args.quiet, config=config)
    print(result.render_summary(), file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
