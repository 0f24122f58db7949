"""One polite, guarded, retried HTTP GET.

Per request: allowed-host check → private-address check (DNS) → per-host politeness slot →
streamed GET with our own content decoding (so the size cap also bounds decompressed bytes) →
manual redirects (each hop re-checked, loops and off-host targets refused) → anti-bot detection.

Retries (tenacity, capped full-jitter exponential backoff): connect errors, timeouts, 429 and
500/502/503/504, honouring Retry-After (and pushing the whole host back by it). Never retried:
404, 403, 412, 521 or any other status, challenges, size-cap hits, refused/off-host targets.
DNS failures get their own, smaller budget (``CrawlConfig.dns_retries``).

TLS: a site with ``tls_profile = "legacy"`` retries a host once with ``OP_LEGACY_SERVER_CONNECT``
after a TLS failure, and keeps using it for that host only. With ``http_fallback`` an https URL
that cannot connect or handshake is retried over http and the host is remembered as http-only;
``final_url`` always carries the scheme actually used.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from scraper.challenge import detect_challenge
from scraper.config import CrawlConfig
from scraper.netguard import DNSError, RefusedAddress, Resolver, clean_url, host_allowed, host_key
from scraper.politeness import Politeness
from scraper.registry import Site
from scraper.transport import (
    BodyDecoder,
    BrokenBody,
    ClientPool,
    FetchAbort,
    Response,
    RetryableStatus,
    describe,
    is_tls_error,
    parse_retry_after,
)

__all__ = ["ClientPool", "FetchResult", "Fetcher", "RETRY_STATUSES"]

HopCheck = Callable[[str], Awaitable[None]]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
KEPT_HEADERS = (
    "content-type", "content-length", "content-encoding", "etag", "last-modified",
    "location", "retry-after", "server", "date", "cache-control",
)


@dataclass
class FetchResult:
    url: str
    final_url: str
    outcome: str  # ok | not_modified | blocked | http_error | failed | too_large | redirect_error | off_host | refused
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    attempts: int = 0
    notes: list[str] = field(default_factory=list)
    fetched_at: str = ""
    elapsed: float = 0.0

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


class Fetcher:
    """Fetches for one site; politeness, DNS cache and clients are shared across sites."""

    def __init__(
        self, site: Site, cfg: CrawlConfig, politeness: Politeness, resolver: Resolver, clients: ClientPool
    ) -> None:
        self.site, self.cfg = site, cfg
        self.politeness, self.resolver, self.clients = politeness, resolver, clients
        self.legacy_hosts: set[str] = set()
        self.http_only_hosts: set[str] = set()
        self.requests_sent = 0

    def gate(self, url: str):
        return self.politeness.gate(host_key(url), self.cfg.concurrency, self.cfg.min_interval, self.cfg.jitter)

    # --- retry policy -------------------------------------------------------------------------
    def _stop(self, rs: RetryCallState) -> bool:
        exc = rs.outcome.exception() if rs.outcome else None
        if isinstance(exc, DNSError):
            return rs.attempt_number > self.cfg.dns_retries
        if isinstance(exc, RetryableStatus) and (exc.retry_after or 0) > self.cfg.max_retry_after:
            return True
        return rs.attempt_number > self.cfg.retries

    def _wait(self, rs: RetryCallState) -> float:
        exc = rs.outcome.exception() if rs.outcome else None
        if isinstance(exc, RetryableStatus) and exc.retry_after is not None:
            if exc.retry_after > self.cfg.max_retry_after:
                # tenacity asks for the wait before it asks _stop: deferring the host by an hour
                # here would stall every request to it; get() closes the host instead
                return 0.0
            self.gate(exc.response.url).defer(exc.retry_after)
            return exc.retry_after
        return random.uniform(0, min(self.cfg.backoff_cap, self.cfg.backoff_base * 2 ** (rs.attempt_number - 1)))

    # --- public -------------------------------------------------------------------------------
    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, hop_check: HopCheck | None = None,
    ) -> FetchResult:
        """``hop_check(target)`` is awaited before each redirect hop and raises FetchAbort to stop
        there (the site crawler holds redirect targets to robots.txt)."""
        url = clean_url(url)
        headers = {"User-Agent": self.cfg.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "zh-CN,zh;q=0.9"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = FetchResult(url=url, final_url=url, outcome="failed")
        started = time.monotonic()
        retrying = AsyncRetrying(
            stop=self._stop, wait=self._wait, reraise=True,
            retry=retry_if_exception(
                lambda e: isinstance(e, (httpx.TransportError, TimeoutError, DNSError, RetryableStatus, BrokenBody))
            ),
        )
        try:
            async for attempt in retrying:
                with attempt:
                    result.attempts = attempt.retry_state.attempt_number
                    resp = await self._attempt(url, headers, result.notes, hop_check)
            self._fill(result, resp)
            if resp.status == 304:
                result.outcome = "not_modified"
            elif 200 <= resp.status < 300:
                result.outcome = "ok"
            else:
                result.outcome, result.error = "http_error", f"HTTP {resp.status}"
        except RetryableStatus as exc:
            self._fill(result, exc.response)
            result.outcome = "http_error"
            result.error = f"HTTP {exc.response.status} after {result.attempts} attempt(s)"
            if (exc.retry_after or 0) > self.cfg.max_retry_after:
                result.error = f"HTTP {exc.response.status}: Retry-After {exc.retry_after:.0f}s exceeds cap"
                # "come back in an hour" is about the host: no more requests to it in this run
                self.gate(exc.response.url).close(f"the host asked for a pause of {exc.retry_after:.0f}s "
                                                  f"(HTTP {exc.response.status} Retry-After, over the cap)")
        except FetchAbort as exc:
            if exc.response is not None:
                self._fill(result, exc.response)
            result.status = exc.status if exc.status is not None else result.status
            result.outcome, result.error = exc.outcome, str(exc)
            if exc.outcome != "blocked":
                result.body = None
        except RefusedAddress as exc:
            result.outcome, result.error = "refused", str(exc)
        except (httpx.TransportError, TimeoutError, DNSError, BrokenBody) as exc:
            result.outcome = "failed"
            result.error = f"{describe(exc)} after {result.attempts} attempt(s)"
        except (httpx.HTTPError, httpx.InvalidURL) as exc:  # anything else httpx raises, e.g. an invalid URL
            result.outcome, result.error = "failed", describe(exc)
        result.fetched_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        result.elapsed = time.monotonic() - started
        return result

    @staticmethod
    def _fill(result: FetchResult, resp: Response) -> None:
        result.final_url, result.status, result.headers, result.body = resp.url, resp.status, resp.headers, resp.body

    # --- one attempt (all redirect hops) ------------------------------------------------------
    async def _attempt(
        self, url: str, headers: dict[str, str], notes: list[str], hop_check: HopCheck | None = None
    ) -> Response:
        current = url
        seen = {url}
        repeated: set[str] = set()
        for _hop in range(self.cfg.max_redirects + 1):
            if not host_allowed(current, self.site.allowed_hosts):
                raise FetchAbort("off_host", f"{current} is not on the site's allowed hosts")
            if hop_check is not None and current != url:
                await hop_check(current)
            await self.resolver.check(current, self.site.allow_private)
            if urlsplit(current).scheme == "https" and host_key(current) in self.http_only_hosts:
                current = _with_scheme(current, "http")
                notes.append("https → http: host fell back to http earlier in this crawl")
            resp = await self._hop(current, headers, notes)
            coding = resp.headers.get("content-encoding", "").strip().lower()
            if coding not in ("", "identity", "gzip", "x-gzip", "deflate"):
                notes.append(f"unknown Content-Encoding {coding!r}: body kept as sent")
            location = resp.headers.get("location")
            if resp.status in REDIRECT_STATUSES and location:
                target = clean_url(urljoin(resp.url, location))
                if target in seen:
                    # a cookie check (WAF): redirect to the same URL with Set-Cookie, 200 once the
                    # cookie comes back (the client's jar sends it). One repeat per URL, no more.
                    if "set-cookie" not in resp.headers or target in repeated:
                        raise FetchAbort("redirect_error", f"redirect loop at {target}", resp.status)
                    repeated.add(target)
                    notes.append(f"repeated {target} once: the redirect set a cookie")
                seen.add(target)
                current = target
                continue
            return self._classify(resp)
        raise FetchAbort("redirect_error", f"more than {self.cfg.max_redirects} redirects", None)

    def _classify(self, resp: Response) -> Response:
        challenge = detect_challenge(resp.status, resp.headers, resp.body)
        if challenge:
            raise FetchAbort("blocked", f"anti-bot challenge: {challenge}", resp.status, resp)
        if resp.status in RETRY_STATUSES:
            raise RetryableStatus(resp, parse_retry_after(resp.headers.get("retry-after")))
        return resp

    async def _hop(self, url: str, headers: dict[str, str], notes: list[str]) -> Response:
        host = host_key(url)
        https = urlsplit(url).scheme == "https"
        try:
            return await self._send(url, headers, legacy=host in self.legacy_hosts)
        except httpx.TransportError as exc:
            if not https:
                raise
            tls_failure = is_tls_error(exc)
            if tls_failure and self.site.tls_profile == "legacy" and host not in self.legacy_hosts:
                self.legacy_hosts.add(host)
                notes.append(f"TLS failed ({describe(exc)}); retried {host} with legacy TLS context")
                try:
                    return await self._send(url, headers, legacy=True)
                except httpx.TransportError as exc2:
                    exc = exc2
                    tls_failure = is_tls_error(exc2)
            fallback_ok = tls_failure or isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))
            if not (self.site.http_fallback and fallback_ok):
                raise exc from None
            notes.append(f"https failed ({describe(exc)}); fell back to http")
            resp = await self._send(_with_scheme(url, "http"), headers, legacy=False)
            self.http_only_hosts.add(host)
            return resp

    async def _send(self, url: str, headers: dict[str, str], *, legacy: bool) -> Response:
        client = self.clients.get(self.site.verify_tls, legacy)
        cap = self.cfg.max_body
        gate = self.gate(url)
        async with gate.slot() as sent:
            if gate.closed:
                raise FetchAbort("http_error", f"not requested: {gate.closed}")
            self.requests_sent += 1

            async def trace(event: str, info: dict) -> None:
                if event.endswith("send_request_headers.complete"):
                    sent()  # the host's interval counts from here

            async with asyncio.timeout(self.cfg.request_deadline):
                timeout = httpx.Timeout(self.cfg.read_timeout, connect=self.cfg.connect_timeout, pool=None)
                async with client.stream("GET", url, headers=headers, timeout=timeout,
                                         extensions={"trace": trace}) as r:
                    kept = {k: r.headers[k] for k in KEPT_HEADERS if k in r.headers}
                    if "set-cookie" in r.headers:
                        kept["set-cookie"] = "; ".join(r.headers.get_list("set-cookie"))[:2000]
                    if r.status_code in REDIRECT_STATUSES or r.status_code == 304:
                        return Response(url, r.status_code, kept, b"")
                    encoding = r.headers.get("content-encoding", "").strip().lower()
                    declared = r.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > cap and encoding in ("", "identity"):
                        raise FetchAbort("too_large", f"Content-Length {declared} exceeds cap of {cap} bytes",
                                     r.status_code)
                    out = bytearray()
                    raw = 0
                    try:
                        decoder = BodyDecoder(encoding, cap)
                        async for chunk in r.aiter_raw():
                            raw += len(chunk)
                            if raw > cap:
                                raise FetchAbort("too_large", f"body exceeds cap of {cap} bytes")
                            decoder.feed(chunk, out)
                        decoder.finish()
                    except FetchAbort as exc:
                        exc.status = r.status_code
                        raise
                    return Response(url, r.status_code, kept, bytes(out))


def _with_scheme(url: str, scheme: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))
