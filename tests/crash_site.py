"""A small TRS-style site and registry for the crash-safety tests (``nianbao crawl`` on 127.0.0.1).

``site(n)`` is a 年报 column of ``n`` reports, 10 links per list page; ``blocking(...)`` wraps a
handler so that its first request waits on an Event: a test then acts (a second crawl, a signal)
while the crawl is known to be at that point, instead of sleeping and hoping.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any

from scraper_servers import Server, Static, links, page, report_html

REPO = Path(__file__).resolve().parents[1]
COLUMN = "/nb/index.html"


def site(n: int) -> tuple[dict[str, Any], list[str]]:
    """Routes of a column of ``n`` reports, and the report paths."""
    items = [(f"/nb/2025{i % 12 + 1:02d}/t2025{i % 12 + 1:02d}01_{1000 + i}.html",
              f"测试单位{i}2025年政府信息公开工作年度报告") for i in range(n)]
    routes: dict[str, Any] = {}
    chunks = [items[i: i + 10] for i in range(0, n, 10)] or [[]]
    for k, chunk in enumerate(chunks):
        name = "index.html" if k == 0 else f"index_{k}.html"
        script = f'<script>createPageHTML({len(chunks)}, {k}, "index", "html");</script>'
        routes[f"/nb/{name}"] = Static(page("政府信息公开年报", links(*chunk) + script))
    for path, title in items:
        routes[path] = Static(report_html(title))
    return routes, [p for p, _ in items]


def registry(tmp: Path, srv: Server) -> Path:
    """A one-site registry on ``srv`` with test politeness (no delays, one retry)."""
    path = tmp / "registry.toml"
    path.write_text(
        f'[[site]]\nid = "c"\nname = "崩溃测试"\nentry_urls = []\ncolumn_urls = ["{srv.url(COLUMN)}"]\n'
        f'allowed_hosts = ["{srv.netloc}"]\nallow_private = true\n\n[site.overrides]\n'
        "min_interval = 0.0\njitter = 0.0\nretries = 1\nbackoff_base = 0.01\nconnect_timeout = 2.0\n"
        "read_timeout = 15.0\n",
        encoding="utf-8")
    return path


class Blocker:
    """A handler whose first request waits until ``release()``; ``arrived`` is set when it does."""

    def __init__(self, inner: Static) -> None:
        self.inner, self.arrived, self._go = inner, threading.Event(), threading.Event()

    def __call__(self, h: Any, hit: int) -> None:
        if hit == 1:
            self.arrived.set()
            self._go.wait(20)
        self.inner(h, hit)

    def release(self) -> None:
        self._go.set()


def cli_env() -> dict[str, str]:
    """Environment for ``python -m nianbao`` in a child process, on this checkout's code."""
    return {**os.environ, "PYTHONPATH": str(REPO)}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "nianbao", *args]
