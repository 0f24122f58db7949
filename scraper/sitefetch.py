"""Fetching for one site's crawl: robots.txt per host, the page budget, conditional requests,
reuse of pages already stored in a resumed run, and one fetch-log row per URL.

:class:`SiteFetch` is the base of :class:`scraper.sitecrawl.SiteCrawler`, which adds discovery.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urlsplit

from parsers.encoding import decode, detect_encoding
from scraper import discover as d
from scraper.config import ROBOTS_AGENT, CrawlConfig
from scraper.fetch import Fetcher, FetchResult
from scraper.netguard import clean_url, dedupe_key, host_key
from scraper.registry import Site
from scraper.robots import Robots, parse_robots
from scraper.sitestate import FAILURES, Page, SiteState, robots_absent
from scraper.store import RawStore
from scraper.transport import FetchAbort


class SiteFetch:
    def __init__(
        self, site: Site, cfg: CrawlConfig, store: RawStore, fetcher: Fetcher,
        robots: dict[str, asyncio.Future[Robots]],
    ) -> None:
        self.site, self.cfg, self.store, self.fetcher = site, cfg, store, fetcher
        self.robots = robots
        self.state = SiteState(max_pages=cfg.max_pages)
        self._seen: set[str] = set()
        self._attachments: dict[str, asyncio.Future[tuple[Page | None, FetchResult | None]]] = {}

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
        if self.store.broken is not None:  # disk full or the like: a page we could not keep is not asked for
            return None, None
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

    async def _fetch_file(self, url: str, kind: str, role: str, parent: str | None) -> tuple[Page | None, FetchResult | None]:
        """One fetch per file and run, shared by every report linking it and by a report that is the file."""
        key = dedupe_key(url)
        task = self._attachments.get(key)
        if task is None:
            self._seen.add(key)
            task = self._attachments[key] = asyncio.ensure_future(self._fetch(url, kind, role, parent))
        return await task


def _now() -> str:
    from scraper.store import utc_now

    return utc_now()
