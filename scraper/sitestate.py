"""What one site's crawl holds and counts: a fetched page, the run's counters (progress line and
summary), and which logged outcomes are failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parsers.encoding import decode

# Roles whose failure means data we wanted is missing (navigation failures are only reported).
DATA_ROLES = ("column", "report", "report_page", "attachment")
FAILURES = ("failed", "http_error", "too_large", "redirect_error", "refused")


@dataclass
class Page:
    url: str
    final_url: str
    body: bytes
    content_type: str | None
    row: dict[str, Any]
    reused: bool = False

    def html(self, override: str | None) -> str:
        return decode(self.body, self.content_type, override)[0]


@dataclass
class SiteState:
    run_id: int = 0
    resumed: bool = False
    network_fetches: int = 0
    reused: int = 0
    entry_ok: int = 0
    entry_errors: list[str] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # data kept but not whole (a missing article page)
    budget_exhausted: bool = False
    max_pages: int = 0
    pages: int = 0  # fetched or reused
    reports: int = 0
    errors: int = 0
    probes_rejected: int = 0  # column items opened for their title that were not reports
    other_units: int = 0  # reports that name none of the site's `report_words` (another unit's)
    unprobed: dict[str, int] = field(default_factory=dict)  # column root -> items left unopened (budget)
    # what discovery saw, to say why a site gave no report
    nav_pages: int = 0
    list_pages: int = 0
    report_links: int = 0  # report (or probed item) URLs opened
    off_host: list[tuple[str, str]] = field(default_factory=list)  # (text, url) of leads not followed
    off_scope: list[tuple[str, str]] = field(default_factory=list)  # navigation links outside the scope

    def why_no_reports(self) -> str:
        """Why discovery ended with no report, from what it saw.

        >>> SiteState(nav_pages=3, off_host=[("政府信息公开", "http://xxgk.h/")] * 2).why_no_reports()
        'no 年报 column found (3 navigation page(s) read); off-host link(s) not followed: 政府信息公开 → http://xxgk.h/ (allowed_hosts)'
        """
        if self.list_pages == 0 and self.report_links == 0:
            why = f"no 年报 column found ({self.nav_pages} navigation page(s) read)"
        elif self.report_links == 0:
            why = f"the 年报 column(s) listed no report link ({self.list_pages} list page(s) read)"
        elif self.probes_rejected == self.report_links:
            why = f"{self.report_links} column item(s) opened, none titled as a report"
        elif self.other_units:
            why = f"{self.other_units} report(s) found, none naming the site's report_words"
        else:
            why = f"{self.report_links} report link(s), none stored"
        for links, what, key in ((self.off_host, "off-host link(s)", "allowed_hosts"),
                                 (self.off_scope, "link(s) outside the navigation scope", "scope")):
            if links:  # the 信息公开 leads first: they are the likely way to the reports
                ranked = sorted(dict.fromkeys(links), key=lambda lead: "公开" not in lead[0])
                leads = ", ".join(f"{text} → {url}" for text, url in ranked[:3])
                why += f"; {what} not followed: {leads} ({key})"
        return why

    def progress_line(self) -> str:
        resumed = " (resumed)" if self.resumed else ""
        return f"pages {self.pages:5d}  reports {self.reports:4d}  errors {self.errors:3d}{resumed}"


def robots_absent(row: dict[str, Any]) -> bool:
    """A robots.txt answered with a 4xx: RFC 9309 says crawl anything; not an error."""
    return row["kind"] == "robots" and row["outcome"] == "http_error" and 400 <= (row["status"] or 0) < 500
