"""Crawl one site: entry pages → navigation → 年报 columns (+ pagination) → reports
(+ continuation pages, attachments), every fetch logged in the raw store (:mod:`scraper.sitefetch`).

Resumability needs no frontier on disk: discovery is re-run from the entry pages, and every page
already stored in the open run is served from the store instead of the network, so a resumed run
rebuilds the same frontier for free and only fetches what was never stored.
"""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
from typing import Any

from scraper import discover as d
from scraper import hanweb
from scraper.config import CrawlConfig
from scraper.fetch import Fetcher
from scraper.linkrules import COLUMN, MODULE, NAV, PROBE, REPORT, SUBCOLUMN, on_column, on_nav
from scraper.netguard import clean_url, dedupe_key, host_allowed, url_problem
from scraper.paging import article_page_urls, list_page_urls
from scraper.registry import Site
from scraper.robots import Robots
from scraper.sitefetch import SiteFetch
from scraper.sitestate import DATA_ROLES, FAILURES, Page, SiteState, robots_absent
from scraper.store import RawStore, StoreError, utc_now

__all__ = ["DATA_ROLES", "FAILURES", "Page", "SiteCrawler", "SiteState", "robots_absent"]


class SiteCrawler(SiteFetch):
    def __init__(
        self, site: Site, cfg: CrawlConfig, store: RawStore, fetcher: Fetcher,
        robots: dict[str, asyncio.Future[Robots]],
    ) -> None:
        super().__init__(site, cfg, store, fetcher, robots)
        self.scope = site.nav_scope()
        self._tasks: set[asyncio.Task[None]] = set()
        self._hook = importlib.import_module(site.hook) if site.hook else None
        self._probes: dict[str, int] = {}  # column root -> title probes spent
        self._unprobed: set[str] = set()
        self._list_pages: dict[str, int] = {}  # column root -> other list pages spawned

    async def run(self) -> SiteState:
        self.state.run_id, self.state.resumed = self.store.begin_run(self.site.id)
        for url in self.site.entry_urls:
            if d.is_column_url(url):
                self._spawn(url, self._column(url, url, 0, entry=True))
            else:
                self._spawn(url, self._nav(url, 0, entry=True))
        for url in self.site.column_urls:
            self._spawn(url, self._column(url, url, 0, entry=True))
        while self._tasks:
            await asyncio.gather(*list(self._tasks))
        for root, n in self.state.unprobed.items():
            self.state.warnings.append(f"{root}: {n} article link(s) whose list text names no report were not opened "
                                       f"(max_title_probes={self.cfg.max_title_probes})")
        self.store.finish_run(self.state.run_id)
        return self.state

    def _spawn(self, url: str, coro: Any) -> None:
        key = dedupe_key(url)
        if key in self._seen:
            coro.close()
            return
        self._seen.add(key)
        task = asyncio.create_task(self._guard(url, coro))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _guard(self, url: str, coro: Any) -> None:
        try:
            await coro
        except StoreError:
            pass  # the store is broken (store.broken says why, once, in the summary): the crawl winds down
        except Exception as exc:  # one bad page must not stop the site
            self.state.internal_errors.append(f"{url}: {type(exc).__name__}: {exc}")

    def _in_scope(self, url: str) -> bool:
        bare = "//" + url.split("://", 1)[-1]
        return any(bare.startswith(prefix) for prefix in self.scope)

    def _hook_links(self, url: str, html: str) -> list[tuple[str, str]]:
        if self._hook is None or not hasattr(self._hook, "extra_links"):
            return []
        return list(self._hook.extra_links(url, html))

    async def _nav(self, url: str, depth: int, entry: bool = False) -> None:
        page, res = await self._fetch(url, "list", "entry" if entry else "nav", None)
        self._note_entry(entry, page, res, url)
        if page is None:
            return
        html = page.html(self.site.encoding)
        if d.is_column_text(d.page_title(html)):  # a 年报 column under an unknown slug (given as an entry)
            self._list(page, html, url, url, 0)
            return
        self.state.nav_pages += 1
        for a in self._anchors(html, page):
            if not host_allowed(a.url, self.site.allowed_hosts):
                if d.is_report_title(a.text):
                    self._log_skip(a.url, "report", "report", url, "off_host", "link leaves the site's allowed hosts")
                if on_nav(a) is not None and len(self.state.off_host) < 20:
                    self.state.off_host.append((a.text, clean_url(a.url)))  # named if the site gives nothing
                continue
            action = on_nav(a)
            if action == REPORT:
                self._spawn(a.url, self._report(a.url, a.text, None))
            elif action == COLUMN:
                self._spawn(a.url, self._column(a.url, a.url, 0))
            elif action == MODULE:
                self._spawn(a.url, self._report(a.url, "", None, probe=True))
            elif action == NAV and depth < self.cfg.max_depth:
                if self._in_scope(a.url):
                    self._spawn(a.url, self._nav(a.url, depth + 1))
                elif len(self.state.off_scope) < 20:
                    self.state.off_scope.append((a.text, clean_url(a.url)))  # named if the site gives nothing
        self._follow_hook(url, html)

    def _follow_hook(self, url: str, html: str) -> None:
        for link, kind in self._hook_links(url, html):
            problem = url_problem(link)
            if problem is not None:
                self._log_malformed(link, url, problem)
            elif kind == "report":
                self._spawn(link, self._report(link, "", None))
            elif kind == "column":
                self._spawn(link, self._column(link, link, 0))
            elif kind == "nav":
                self._spawn(link, self._nav(link, self.cfg.max_depth))

    async def _column(self, url: str, root: str, sub: int, entry: bool = False) -> None:
        page, res = await self._fetch(url, "list", "entry" if entry else "column", None)
        self._note_entry(entry, page, res, url)
        if page is None:
            return
        self._list(page, page.html(self.site.encoding), url, root, sub)

    def _list(self, page: Page, html: str, url: str, root: str, sub: int) -> None:
        """The links of one page of the 年报 column at ``root``."""
        self.state.list_pages += 1
        anchors = self._anchors(html, page)
        for a in anchors:
            if not host_allowed(a.url, self.site.allowed_hosts):
                if d.is_report_title(a.text, in_column=True):
                    self._log_skip(a.url, "report", "report", url, "off_host", "link leaves the site's allowed hosts")
                continue
            action = on_column(a, root, sub)
            if action == REPORT:
                self._spawn(a.url, self._report(a.url, a.text, root))
            elif action == COLUMN:
                self._spawn(a.url, self._column(a.url, a.url, 0))
            elif action == SUBCOLUMN:
                self._spawn(a.url, self._column(a.url, a.url, sub + 1))
            elif action == PROBE:
                self._probe(a.url, root, url)
            elif action == MODULE:
                self._spawn(a.url, self._report(a.url, "", root, probe=True))
        for other in list_page_urls(html, page.final_url, anchors, self.cfg.max_list_pages):
            if host_allowed(other, self.site.allowed_hosts):
                self._list_page(other, root, sub)
        self._follow_hook(url, html)

    def _list_page(self, url: str, root: str, sub: int) -> None:
        """Another page of the column at ``root``: at most ``max_list_pages`` per column, however
        the pages were found (a 下一页 chain names one page at a time and may never end)."""
        if dedupe_key(url) in self._seen:
            return
        n = self._list_pages.get(root, 0)
        if n >= self.cfg.max_list_pages:
            if n == self.cfg.max_list_pages:
                self.state.warnings.append(f"{root}: list pages beyond max_list_pages={n} not read")
                self._list_pages[root] = n + 1
            return
        self._list_pages[root] = n + 1
        self._spawn(url, self._column(url, root, sub))

    def _probe(self, url: str, root: str, parent: str) -> None:
        """Open an item of a 年报 column whose list text names no report, while the column's
        budget lasts (a column of 200 unrelated articles must not cost 200 fetches); the rest is
        logged as ``skipped`` and counted in a warning."""
        key = dedupe_key(url)
        if key in self._seen or key in self._unprobed:
            return
        if self._probes.get(root, 0) >= self.cfg.max_title_probes:
            self._unprobed.add(key)
            self.state.unprobed[root] = self.state.unprobed.get(root, 0) + 1
            self.store.log_fetch(
                run_id=self.state.run_id, site_id=self.site.id, url=clean_url(url), key=key, kind="report",
                role="probe", parent_url=parent, outcome="skipped", fetched_at=utc_now(),
                error=f"list text names no report; the column's title probes (max_title_probes="
                      f"{self.cfg.max_title_probes}) are spent")
            return
        self._probes[root] = self._probes.get(root, 0) + 1
        self._spawn(url, self._report(url, "", root, probe=True))

    async def _report(self, url: str, title: str, column: str | None, probe: bool = False) -> None:
        role = "probe" if probe else "report"
        self.state.report_links += 1
        if d.attachment_kind(url):  # a file may be linked as a report and as an attachment: one fetch
            page, _ = await self._fetch_file(url, "report", role, column)
        else:
            page, _ = await self._fetch(url, "report", role, column)
        if page is None:
            return
        pages: list[Page] = [page]
        attachments: list[tuple[str, str, str | None]] = []
        html = ""
        if d.attachment_kind(url) is None and d.looks_html(page.final_url, page.content_type, page.body):
            html = page.html(self.site.encoding)
        if html and hanweb.is_annual_module(page.final_url):  # its year tabs are the other years' reports
            tabs = hanweb.annual_tabs(page.final_url, [a.url for a in self._anchors(html, page)])
            for tab in tabs:
                self._spawn(tab, self._report(tab, "", column, probe=True))
        if probe:  # kept only if the page names itself a report
            title = d.page_title(html) if html else ""
            if not d.is_report_title(title, in_column=True):
                self.state.probes_rejected += 1
                return
        words = self.site.report_words
        if words and not any(w in f"{title} {d.page_title(html) if html else ''}" for w in words):
            self.state.other_units += 1  # another unit's report in a shared column
            return
        if html:
            title = title or d.page_title(html)
            missing: list[str] = []
            for extra in article_page_urls(html, page.final_url, self.cfg.max_article_pages):
                self._seen.add(dedupe_key(extra))
                more, res = await self._fetch(extra, "report", "report_page", url)
                if more is None:
                    # TRS often declares one page more than it published: keep what exists (the
                    # failure is in the log; a 404/410 is a warning, anything else fails the site)
                    missing.append(f"{clean_url(extra)} ({res.error if res and res.error else 'not fetched'})")
                else:
                    pages.append(more)
            if missing:
                self.state.warnings.append(f"{clean_url(url)}: saved without page(s) {', '.join(missing)}")
            links: dict[str, str] = {}
            for p in pages:
                for a in self._anchors(p.html(self.site.encoding), p):
                    kind = d.attachment_kind(a.url)
                    if kind:
                        links.setdefault(clean_url(a.url), kind)
            attachments = await asyncio.gather(*(self._attachment(u, k, url) for u, k in links.items()))
        self.store.save_report(
            site_id=self.site.id, key=dedupe_key(url), url=clean_url(url), run_id=self.state.run_id,
            title=title, column_url=column, pages=[_page_row(p) for p in pages], attachments=list(attachments),
            http_status=page.row.get("status") if page.row.get("status") != 304 else 200,
        )
        self.state.reports += 1

    async def _attachment(self, url: str, kind: str, parent: str) -> tuple[str, str, str | None]:
        if not host_allowed(url, self.site.allowed_hosts):
            self._log_skip(url, "attachment", "attachment", parent, "off_host", "attachment on a host not allowed")
            return (url, kind, None)
        page, _ = await self._fetch_file(url, "attachment", "attachment", parent)
        return (url, kind, page.row["sha256"] if page else None)


def _page_row(p: Page) -> dict[str, Any] | sqlite3.Row:
    return {**p.row, "url": p.url, "final_url": p.final_url}
