"""Raw store -> reports -> tables, with a parse cache so unchanged pages are not re-extracted.

The cache is keyed by the content hash of the stored page(s) and the parser version: a page whose
bytes did not change since the last run is read back from `DATA/parsed/` instead of parsed again;
a new parser version re-parses everything. Provenance that can change without the bytes changing
(fetched_at after a 304, the site id) is refreshed from the store on every run.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from parsers import PARSER_VERSION, Report, parse_report


def _cache_key(bundle_sha: str) -> str:
    return f"{bundle_sha[:32]}-{PARSER_VERSION}"


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def extract_store(data_dir: Path, out_dir: Path, *, partition: str | None = None,
                  stream=sys.stderr) -> list[Report]:
    """Parse every report in the raw store under `data_dir` and write the tables to `out_dir`."""
    from output import write_tables
    from scraper.store import RawStore

    cache_dir = data_dir / "parsed"
    cache_dir.mkdir(parents=True, exist_ok=True)
    store = RawStore(data_dir)
    reports: list[Report] = []
    parsed = reused = 0
    try:
        pages = list(store.iter_reports())
        for i, page in enumerate(pages, 1):
            key = _cache_key(page.bundle_sha256 or page.sha256)
            cached = cache_dir / f"{key}.pickle"
            report: Report | None = None
            if cached.exists():
                try:
                    report = pickle.loads(cached.read_bytes())
                    reused += 1
                except Exception:  # a corrupt cache entry is only a cache miss
                    report = None
            if report is None:
                report = parse_report(page.content, page.url, fetched_at=page.fetched_at, site=page.site_id,
                                      declared_encoding=page.declared_encoding, extra_pages=page.extra_pages)
                _atomic_write(cached, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
                parsed += 1
            report.fetched_at = page.fetched_at
            report.site = page.site_id
            reports.append(report)
            if stream is not None and (i % 50 == 0 or i == len(pages)):
                print(f"\rextract: {i}/{len(pages)} reports", end="" if i < len(pages) else "\n", file=stream)
    finally:
        store.close()
    if stream is not None:
        print(f"extract: {parsed} parsed, {reused} unchanged (from cache)", file=stream)
    write_tables(reports, out_dir, partition=partition)
    return reports
