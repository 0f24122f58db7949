"""Crawl entry point: ``run_crawl(sites, data_dir)`` → :class:`CrawlResult`.

Sites are crawled concurrently (politeness is per host, so they do not slow each other down); one
failing site never stops the others. Every outcome is in ``data_dir/raw/fetchlog.sqlite``; the
summary is computed from that log, so a resumed run reports what the whole run achieved.
"""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from scraper.config import CrawlConfig
from scraper.fetch import ClientPool, Fetcher
from scraper.netguard import Resolver, host_key
from scraper.politeness import Politeness
from scraper.progress import Progress, render_table
from scraper.registry import Site
from scraper.robots import Robots
from scraper.sitecrawl import DATA_ROLES, FAILURES, SiteCrawler, SiteState, robots_absent
from scraper.store import RawStore, StoreError

MAX_PROBLEMS_SHOWN = 8


@dataclass
class SiteSummary:
    site_id: str
    name: str
    reports_found: int = 0
    new: int = 0
    unchanged: int = 0
    blocked: int = 0
    failed: int = 0
    error: str | None = None
    changed: int = 0
    disallowed: int = 0
    pages_fetched: int = 0  # network requests logged this run (excludes pages reused on resume)
    problems: list[str] = field(default_factory=list)  # "outcome url: error", every non-ok URL
    warnings: list[str] = field(default_factory=list)  # e.g. a report saved without a missing page
    incomplete: bool = False  # the page budget (max_pages) ran out: what the site holds is unknown
    not_fetched: int = 0  # URLs found but not requested because of the budget
    max_pages: int = 0
    no_reports: str | None = None  # why a site that was crawled gave no report
    duplicates: int = 0  # reports whose bytes another report of the site has (duplicate_of in the tables)
    not_seen: int = 0  # reports stored by earlier runs that this run did not save (still in the tables)

    @property
    def ok(self) -> bool:
        # every body publishes a report a year: a site with none is a discovery failure to look at
        return self.error is None and not self.incomplete and self.no_reports is None

    @property
    def status(self) -> str:
        if self.error is not None:
            return f"FAILED: {self.error}"
        if self.incomplete:
            return f"INCOMPLETE: max_pages={self.max_pages} reached, {self.not_fetched} URL(s) not fetched"
        if self.no_reports is not None:
            return f"NO REPORTS: {self.no_reports}"
        return "ok"


@dataclass
class CrawlResult:
    sites: list[SiteSummary]
    elapsed: float = 0.0
    store_error: str | None = None  # the raw store stopped taking writes (disk full…): the crawl stopped

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.sites)

    def render_summary(self) -> str:
        headers = ["site", "name", "reports", "new", "changed", "unchanged", "pages", "blocked", "disallowed",
                   "failed", "status"]
        rows = [
            [s.site_id, s.name, str(s.reports_found), str(s.new), str(s.changed), str(s.unchanged),
             str(s.pages_fetched), str(s.blocked), str(s.disallowed), str(s.failed), _clip(s.status, 200)]
            for s in self.sites
        ]
        parts = [render_table(headers, rows, numeric=set(range(2, 10)))]
        for s in self.sites:
            if s.warnings:
                parts.append(f"\n{s.site_id}: {len(s.warnings)} warning(s):")
                parts.extend(f"  {w}" for w in s.warnings[:MAX_PROBLEMS_SHOWN])
            if s.problems:
                parts.append(f"\n{s.site_id}: {len(s.problems)} URL(s) not fetched:")
                parts.extend(f"  {p}" for p in s.problems[:MAX_PROBLEMS_SHOWN])
                if len(s.problems) > MAX_PROBLEMS_SHOWN:
                    parts.append(f"  … {len(s.problems) - MAX_PROBLEMS_SHOWN} more in raw/fetchlog.sqlite")
        total = sum(s.reports_found for s in self.sites)
        failed = sum(1 for s in self.sites if s.error is not None)
        incomplete = sum(1 for s in self.sites if s.error is None and s.incomplete)
        more = f", {incomplete} incomplete site(s)" if incomplete else ""
        empty = sum(1 for s in self.sites if s.error is None and not s.incomplete and s.no_reports)
        more += f", {empty} site(s) without reports" if empty else ""
        parts.append(f"\n{len(self.sites)} site(s), {total} report(s), {failed} failed site(s){more}, "
                     f"{self.elapsed:.1f}s")
        return "\n".join(parts)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _page_gone(row: dict) -> bool:
    """A continuation page that does not exist (404/410): its report was saved, with a warning."""
    return row["role"] == "report_page" and row["outcome"] == "http_error" and row["status"] in (404, 410)


def summarise(site: Site, state: SiteState, store: RawStore) -> SiteSummary:
    summary = SiteSummary(site.id, site.name)
    latest: dict[str, dict] = {}
    for row in store.fetches(site.id, state.run_id):
        latest[row["key"]] = row
    for row in latest.values():
        outcome = row["outcome"]
        if robots_absent(row):
            continue  # no robots.txt (4xx) means "crawl anything": nothing was lost
        if outcome == "not_fetched":
            summary.not_fetched += 1
        if outcome == "blocked":
            summary.blocked += 1
        elif outcome == "disallowed":
            summary.disallowed += 1
        elif outcome in FAILURES and row["role"] in DATA_ROLES and not _page_gone(row):
            summary.failed += 1
        if outcome not in ("ok", "not_modified"):
            summary.problems.append(f"{outcome} {row['url']}: {row['error'] or ''}".rstrip(": "))
    summary.pages_fetched = sum(1 for r in latest.values() if r["attempts"])
    statuses = store.report_statuses(site.id, state.run_id)
    summary.reports_found = len(statuses)
    summary.new = sum(1 for v in statuses.values() if v == "new")
    summary.changed = sum(1 for v in statuses.values() if v == "changed")
    summary.unchanged = sum(1 for v in statuses.values() if v == "unchanged")
    if store.broken is not None:  # disk full: the one cause, not a list of pages that could not be kept
        summary.error = store.broken
    elif state.internal_errors:
        summary.error = f"internal error: {state.internal_errors[0]}"
    elif state.entry_ok == 0:
        summary.error = f"no entry page fetched: {state.entry_errors[0] if state.entry_errors else '?'}"
    elif summary.failed:
        summary.error = f"{summary.failed} page(s)/file(s) could not be fetched"
    summary.warnings = list(state.warnings)
    if state.other_units:
        summary.warnings.append(f"{state.other_units} report(s) naming none of {', '.join(site.report_words)} "
                                "left out (report_words: other units' reports in a shared column)")
    summary.duplicates = store.same_bytes(site.id, state.run_id)
    if summary.duplicates:
        summary.warnings.append(f"{summary.duplicates} report(s) have the same bytes as another report of the site "
                                "(kept, with duplicate_of in the tables)")
    summary.not_seen = store.not_seen(site.id, state.run_id)
    if summary.not_seen:
        summary.warnings.append(f"{summary.not_seen} report(s) stored by an earlier run not found in this one (gone "
                                "from the site, moved or unlisted, or not reached): kept in the tables as last read, "
                                "with their last fetched_at")
    summary.incomplete = state.budget_exhausted
    if summary.reports_found == 0 and summary.error is None:
        summary.no_reports = state.why_no_reports()
    summary.max_pages = state.max_pages
    return summary


async def crawl_async(
    sites: list[Site], data_dir: Path, *, progress: bool = True, stream: TextIO = sys.stderr,
    config: CrawlConfig | None = None,
) -> CrawlResult:
    base = config or CrawlConfig()
    store = RawStore(data_dir)
    clients = ClientPool(base)
    politeness = Politeness()
    # disk full: the requests already queued at the host gates are dropped, not sent for nothing
    store.on_broken = lambda why: politeness.close_all(f"the crawl stopped: {why}")
    resolver = Resolver(base.connect_timeout)
    robots: dict[str, asyncio.Future[Robots]] = {}
    bar = Progress(stream, progress, [s.id for s in sites])
    limit = asyncio.Semaphore(base.max_parallel_sites)
    for site in sites:  # a host shared by several sites gets the strictest limits from its first request
        try:
            cfg = site.config(base)
            for url in site.entry_urls + site.column_urls:
                politeness.gate(host_key(url), cfg.concurrency, cfg.min_interval, cfg.jitter)
        except ValueError:
            pass  # reported when the site starts
    started = time.monotonic()

    async def one(site: Site) -> SiteSummary:
        async with limit:
            try:
                cfg = site.config(base)
                crawler = SiteCrawler(site, cfg, store, Fetcher(site, cfg, politeness, resolver, clients), robots)
            except Exception as exc:
                return SiteSummary(site.id, site.name, error=f"configuration error: {exc}")
            ticker = asyncio.create_task(_tick(bar, site.id, crawler.state))
            try:
                state = await crawler.run()
            except StoreError:
                state = crawler.state  # store.broken says why; the run stays open, so a rerun resumes it
            except Exception as exc:
                crawler.state.internal_errors.append(f"{type(exc).__name__}: {exc}")
                state = crawler.state
            finally:
                ticker.cancel()
            summary = summarise(site, state, store)
            end = "  done" if summary.ok else "  FAILED" if summary.error else "  INCOMPLETE"
            bar.update(site.id, state.progress_line() + end, final=True)
            return summary

    try:
        summaries = await asyncio.gather(*(one(s) for s in sites))
    finally:
        await clients.aclose()
        store.close()
    return CrawlResult(list(summaries), time.monotonic() - started, store_error=store.broken)


async def _tick(bar: Progress, site_id: str, state: SiteState) -> None:
    while True:
        bar.update(site_id, state.progress_line())
        await asyncio.sleep(0.5)


def run_crawl(
    sites: list[Site], data_dir: Path, *, progress: bool = True, stream: TextIO = sys.stderr,
    config: CrawlConfig | None = None,
) -> CrawlResult:
    """Crawl ``sites`` into ``data_dir`` (synchronous wrapper over asyncio)."""
    return asyncio.run(crawl_async(sites, Path(data_dir), progress=progress, stream=stream, config=config))
