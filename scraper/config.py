"""Crawl tunables in one frozen object.

Everything time-related lives here so tests can shrink timeouts and backoffs to
milliseconds, and so registry entries can override politeness per site
(``Site.overrides`` is applied with :meth:`CrawlConfig.with_overrides`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

USER_AGENT = "nianbao/0.1 (government information disclosure annual report research crawler)"
# robots.txt product token; matched case-insensitively (scraper.robots).
ROBOTS_AGENT = "nianbao"


@dataclass(frozen=True)
class CrawlConfig:
    # --- politeness (per host = scheme-less host:port) ---
    concurrency: int = 2
    min_interval: float = 1.0  # seconds between request starts on one host, at least
    jitter: float = 0.25  # extra random delay, as a fraction of min_interval (0..jitter)
    max_crawl_delay: float = 30.0  # cap on a robots.txt Crawl-delay we honour
    # --- timeouts ---
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    request_deadline: float = 90.0  # whole attempt incl. body; guards against slow-drip servers
    # --- retries ---
    retries: int = 4  # extra attempts for connect errors, timeouts, 429/5xx
    dns_retries: int = 0  # DNS failures are rarely transient: do not burn the budget on them
    backoff_base: float = 1.0  # full-jitter exponential: uniform(0, min(cap, base * 2**n))
    backoff_cap: float = 30.0
    max_retry_after: float = 120.0  # a longer Retry-After means "come back another day": give up
    # --- guards ---
    max_body: int = 50 * 1024 * 1024  # bytes after content decoding
    max_redirects: int = 5
    # --- crawl shape ---
    max_depth: int = 4  # navigation depth below an entry page
    max_pages: int = 20000  # hard cap on requests per site
    max_list_pages: int = 200  # per column
    max_article_pages: int = 50  # TRS multi-page articles
    max_title_probes: int = 20  # per column: article links whose list text names no report, opened to read the title
    max_parallel_sites: int = 32
    user_agent: str = USER_AGENT

    def with_overrides(self, overrides: dict[str, Any]) -> CrawlConfig:
        """Return a copy with registry overrides applied; unknown keys are an error.

        >>> CrawlConfig().with_overrides({"min_interval": 2}).min_interval
        2.0
        >>> CrawlConfig().with_overrides({"rate": 1})
        Traceback (most recent call last):
        ...
        ValueError: unknown crawl override 'rate'
        """
        known = {f.name: f for f in fields(self)}
        clean: dict[str, Any] = {}
        for key, value in overrides.items():
            if key not in known:
                raise ValueError(f"unknown crawl override {key!r}")
            default = getattr(self, key)
            clean[key] = type(default)(value)
        return replace(self, **clean)
