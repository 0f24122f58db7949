"""Crawl one site: entry pages → navigation → 年报 columns (+ pagination) → reports
(+ continuation pages, attachments), every fetch logged in the raw store.

Resumability needs no frontier on disk: discovery is re-run from the entry pages, and every page
already stored in the open run is served from the store instead of the network, so a resumed run
rebuilds the same frontier for free and only fetches what was never stored.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import sqlite3
from typing import Any
from urllib.parse import urlsplit

from parsers.encoding import decode, detect_encoding
from scraper import discover as d
from scraper.config import ROBOTS_AGENT, CrawlConfig
from scraper.fetch import Fetcher, FetchResult
from scraper.linkrules import COLUMN, NAV, REPORT, SUBCOLUMN, on_column, on_nav
from scraper.netguard import clean_url, dedupe_key, host_allowed, host_key, url_problem
from scraper.paging import article_page_urls, list_page_urls
from scraper.registry import Site
from scraper.robots import Robots, parse_robots
from scraper.sitestate import DATA_ROLES, FAILURES, Page, SiteState, robots_absent
from scraper.store import RawStore
from scraper.transport import FetchAbort

__all__ = ["DATA_ROLES", "FAILURES", "Page", "SiteCrawler", "SiteState", "robots_absent"]

class SiteCrawler:
    def __init__(
        self, site: Site, cfg: CrawlConfig, store: RawStore, fetcher: Fetcher,
        robots: dict[str, asyncio.Future[Robots]],
    ) -> None:
        self.site, self.cfg, self.store, self.fetcher = site, cfg, store, fetcher
        self.robots = robots
        self.state = SiteState(max_pages=cfg.max_pages)
        self.scope = site.nav_scope()
        self._seen: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._attachments: dict[str, asyncio.Future[tuple[Page | None, FetchResult | None]]] = {}
        self._hook = importlib.import_module(site.hook) if site.hook else None

    # --- driver -------------------------------------------------------------------------------
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
        except Exception as exc:  # one bad page must not stop the site
            self.state.internal_errors.append(f"{url}: {type(exc).__name__}: {exc}")

    # --- fetching -----------------------------------------------------------------------------
    async def _robots_for(self, url: str) -> Robots:
        host = host_key(url)
        fut = self.robots.get(host)
        if fut is None:
            # Every task of every site on this host awaits this future: it must be resolved whatever
            # happens here (a store that refuses the bytes, a cancelled crawl), or they wait forever.
            fut = self.robots[host] = asyncio.get_running_loop().create_future()
            try:
                fut.set_result(await self._load_robots(url))
            except asyncio.CancelledError:
                fut.cancel()
                raise
            except BaseException as exc:
                fut.set_exception(exc)
                fut.exception()  # retrieved: the waiters re-raise it as their own internal error
                raise
        return await fut

    async def _load_robots(self, url: str) -> Robots:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        page, res = await self._fetch(robots_url, "robots", "robots", None, check_robots=False)
        if page is not None:
            policy = parse_robots(200, page.body)  # 200, or 304 with the stored copy
        elif res is not None and res.outcome == "http_error":
            policy = parse_robots(res.status, None)
        elif res is not None and res.outcome in ("failed", "too_large", "redirect_error"):
            policy = Robots("unreachable", None, res.error or res.outcome)
        else:  # refused / off_host / blocked robots: let the page request speak for itself
            policy = Robots("missing", None, res.error if res else "")
        delay = policy.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.fetcher.gate(url).slow_down(min(delay, self.cfg.max_crawl_delay))
        return policy

    async def _check_hop(self, url: str) -> None:
        """A redirect target answers to robots.txt like a link (a new host's robots.txt is read first)."""
        policy = await self._robots_for(url)
        if not policy.allows(ROBOTS_AGENT, url):
            if policy.status == "unreachable":
                raise FetchAbort("failed", f"host unreachable: robots.txt fetch failed: {policy.detail}")
            raise FetchAbort("disallowed", f"robots.txt disallows the redirect target {url}")

    async def _fetch(
        self, url: str, kind: str, role: str, parent: str | None, *, check_robots: bool = True
    ) -> tuple[Page | None, FetchResult | None]:
        """Fetch (or reuse) one URL and log it. Returns (page if bytes are available, raw result)."""
        url = clean_url(url)
        key = dedupe_key(url)
        if self.state.resumed:
            row = self.store.stored_in_run(self.state.run_id, key)
            if row is not None:
                self.state.reused += 1
                self.state.pages += 1
                return Page(url, row["final_url"], self.store.get_blob(row["sha256"]), row["content_type"],
                            dict(row), reused=True), None
        base = {"run_id": self.state.run_id, "site_id": self.site.id, "url": url, "key": key, "kind": kind,
                "parent_url": parent}
        if check_robots:
            policy = await self._robots_for(url)
            if not policy.allows(ROBOTS_AGENT, url):
                if policy.status == "unreachable":
                    outcome, error = "failed", f"host unreachable: robots.txt fetch failed: {policy.detail}"
                else:
                    outcome, error = "disallowed", "robots.txt disallows this URL"
                self.store.log_fetch(**base, role=role, outcome=outcome, error=error, fetched_at=_now())
                self.state.pages += 1
                self.state.errors += outcome == "failed"
                return None, None
        # robots.txt is outside the budget: a host's policy must never be skipped (it is shared)
        if kind != "robots" and self.state.network_fetches >= self.cfg.max_pages:
            self.state.budget_exhausted = True
            self.store.log_fetch(**base, role=role, outcome="not_fetched", fetched_at=_now(),
                                 error=f"page budget (max_pages={self.cfg.max_pages}) exhausted")
            return None, None
        self.state.network_fetches += kind != "robots"
        prev = self.store.last_good(self.site.id, key)
        etag = prev["etag"] if prev else None
        modified = prev["last_modified"] if prev else None
        res = await self.fetcher.get(url, etag=etag, last_modified=modified,
                                     hop_check=self._check_hop if check_robots else None)
        row: dict[str, Any] = {
            **base, "role": role, "final_url": res.final_url, "status": res.status, "outcome": res.outcome,
            "error": res.error, "notes": res.notes, "attempts": res.attempts, "fetched_at": res.fetched_at,
            "content_type": res.content_type, "etag": res.headers.get("etag"),
            "last_modified": res.headers.get("last-modified"), "headers": res.headers,
            "elapsed_ms": int(res.elapsed * 1000),
        }
        body: bytes | None = None
        if res.outcome == "not_modified":
            if prev is None:
                row.update(outcome="http_error", error="HTTP 304 without a stored copy")
            else:
                body = self.store.get_blob(prev["sha256"])
                row.update(sha256=prev["sha256"], size=len(body), content_type=prev["content_type"],
                           etag=row["etag"] or prev["etag"], last_modified=row["last_modified"] or prev["last_modified"])
        elif res.body is not None and res.outcome in ("ok", "blocked"):
            body = res.body
            row.update(sha256=self.store.put_blob(body), size=len(body))  # blob first, then the log row
        if body is not None and kind != "attachment" and kind != "robots":
            guess = detect_encoding(body, row["content_type"], self.site.encoding)
            row.update(declared_encoding=guess.declared, detected_encoding=guess.encoding,
                       encoding_source=guess.source)
            if kind == "report" and row["outcome"] == "ok":
                gone = d.deleted_redirect(decode(body, row["content_type"], self.site.encoding)[0], res.final_url)
                if gone:
                    row.update(outcome="deleted", error=f"page meta-refreshes to its parent {gone}")
        self.store.log_fetch(**row)
        self.state.pages += 1
        if (row["outcome"] in FAILURES or row["outcome"] == "blocked") and not robots_absent(row):
            self.state.errors += 1
        if row["outcome"] in ("ok", "not_modified") and body is not None:
            return Page(url, res.final_url, body, row["content_type"], row), res
        return None, res

    def _log_skip(self, url: str, kind: str, role: str, parent: str | None, outcome: str, error: str) -> None:
        url = clean_url(url)
        key = dedupe_key(url)
        if key in self._seen:
            return
        self._seen.add(key)
        self.store.log_fetch(run_id=self.state.run_id, site_id=self.site.id, url=url, key=key, kind=kind,
                             role=role, parent_url=parent, outcome=outcome, error=error, fetched_at=_now())

    def _anchors(self, html: str, page: Page) -> list[d.Anchor]:
        """The page's links; malformed ones are logged (outcome ``malformed``) and skipped."""
        rejected: list[tuple[str, str]] = []
        anchors = d.extract_anchors(html, page.final_url, rejected)
        for href, why in rejected:
            self._log_malformed(href, page.url, why)
        return anchors

    def _log_malformed(self, href: str, parent: str, why: str) -> None:
        key = "malformed " + href  # not a URL we can canonicalise
        if key in self._seen:
            return
        self._seen.add(key)
        self.store.log_fetch(run_id=self.state.run_id, site_id=self.site.id, url=href, key=key, kind="link",
                             role="link", parent_url=parent, outcome="malformed", error=f"malformed link: {why}",
                             fetched_at=_now())

    # --- page handlers ------------------------------------------------------------------------
    def _in_scope(self, url: str) -> bool:
        bare = "//" + url.split("://", 1)[-1]
        return any(bare.startswith(prefix) for prefix in self.scope)

    def _note_entry(self, entry: bool, page: Page | None, res: FetchResult | None, url: str) -> None:
        if not entry:
            return
        if page is not None:
            self.state.entry_ok += 1
        else:
            last = self.store.db.execute(
                "SELECT outcome, error FROM fetches WHERE run_id=? AND key=? ORDER BY id DESC LIMIT 1",
                (self.state.run_id, dedupe_key(url)),
            ).fetchone()
            reason = (last["error"] or last["outcome"]) if last else "not fetched"
            reason = re.sub(r"^host unreachable: robots\.txt fetch failed: | after \d+ attempt\(s\)$", "", reason)
            outcome = last["outcome"] if last else "failed"
            self.state.entry_errors.append(reason if outcome == "failed" else f"{outcome}: {reason}")

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
        for a in self._anchors(html, page):
            if not host_allowed(a.url, self.site.allowed_hosts):
                if d.is_report_title(a.text):
                    self._log_skip(a.url, "report", "report", url, "off_host", "link leaves the site's allowed hosts")
                continue
            action = on_nav(a)
            if action == REPORT:
                self._spawn(a.url, self._report(a.url, a.text, None))
            elif action == COLUMN:
                self._spawn(a.url, self._column(a.url, a.url, 0))
            elif action == NAV and depth < self.cfg.max_depth and self._in_scope(a.url):
                self._spawn(a.url, self._nav(a.url, depth + 1))
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
        html = page.html(self.site.encoding)
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
        for other in list_page_urls(html, page.final_url, anchors, self.cfg.max_list_pages):
            if host_allowed(other, self.site.allowed_hosts):
                self._spawn(other, self._column(other, root, sub))
        self._follow_hook(url, html)

    async def _report(self, url: str, title: str, column: str | None) -> None:
        if d.attachment_kind(url):  # a file may be linked as a report and as an attachment: one fetch
            page, _ = await self._fetch_file(url, "report", "report", column)
        else:
            page, _ = await self._fetch(url, "report", "report", column)
        if page is None:
            return
        pages: list[Page] = [page]
        attachments: list[tuple[str, str, str | None]] = []
        if d.attachment_kind(url) is None and d.looks_html(page.final_url, page.content_type, page.body):
            html = page.html(self.site.encoding)
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

    async def _fetch_file(self, url: str, kind: str, role: str, parent: str | None) -> tuple[Page | None, FetchResult | None]:
        """One fetch per file and run, shared by every report linking it and by a report that is the file."""
        key = dedupe_key(url)
        task = self._attachments.get(key)
        if task is None:
            self._seen.add(key)
            task = self._attachments[key] = asyncio.ensure_future(self._fetch(url, kind, role, parent))
        return await task


def _page_row(p: Page) -> dict[str, Any] | sqlite3.Row:
    return {**p.row, "url": p.url, "final_url": p.final_url}


def _now() -> str:
    from scraper.store import utc_now

    return utc_now()
