"""Example site hook (registry ``hook = "scraper_hook_example"``): adds a report link that the
site only exposes through a search API the generic crawler does not know about."""

from __future__ import annotations

from urllib.parse import urljoin


def extra_links(page_url: str, html: str) -> list[tuple[str, str]]:
    if "data-api" in html:
        return [(urljoin(page_url, "/api/t20250101_99.html"), "report")]
    return []
