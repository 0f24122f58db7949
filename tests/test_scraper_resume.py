"""kill -9 mid-crawl, then re-run: nothing lost, nothing already stored fetched again."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scraper_servers import Server, Static, crawl, links, make_site, page

from scraper.store import RawStore

REPO = Path(__file__).resolve().parents[1]


def site_routes(n: int) -> tuple[dict, set[str]]:
    items = [(f"/nb/2025{i % 12 + 1:02d}/t2025{i % 12 + 1:02d}01_{i}.html", f"单位{i}2025年政府信息公开工作年度报告")
             for i in range(n)]
    routes: dict = {}
    per_page = 10
    chunks = [items[i: i + per_page] for i in range(0, n, per_page)]
    for k, chunk in enumerate(chunks):
        name = "index.html" if k == 0 else f"index_{k}.html"
        routes[f"/nb/{name}"] = Static(page("年报", links(*chunk) + f'<script>createPageHTML({len(chunks)}, {k}, "index", "html")</script>'))
    for i, (p, t) in enumerate(items):
        att = f'<a href="P{i:04d}.pdf">附件</a>' if i % 3 == 0 else ""
        routes[p] = Static(page(t, f"<p>{t}</p>{att}"), delay=0.02)
        if att:
            routes[p.rsplit("/", 1)[0] + f"/P{i:04d}.pdf"] = Static(b"%PDF-" + t.encode(), content_type="application/pdf")
    return routes, {p for p, _ in items}


def stored_urls(data: Path) -> set[str]:
    store = RawStore(data)
    try:
        return {r["url"] for r in store.fetches() if r["outcome"] in ("ok", "not_modified") and store.has_blob(r["sha256"])}
    finally:
        store.close()


def test_kill_and_resume(tmp_path):
    data = tmp_path / "data"
    routes, reports = site_routes(60)
    with Server(routes) as srv:
        registry = tmp_path / "registry.toml"
        registry.write_text(
            f'[[site]]\nid = "k"\nname = "kill test"\nentry_urls = []\n'
            f'column_urls = ["{srv.url("/nb/index.html")}"]\nallowed_hosts = ["{srv.netloc}"]\nallow_private = true\n',
            encoding="utf-8",
        )
        cmd = [sys.executable, "-m", "scraper", str(registry), str(data), "--quiet",
               "--set", "min_interval=0.02", "--set", "jitter=0", "--set", "connect_timeout=1", "--set", "read_timeout=2"]
        proc = subprocess.Popen(cmd, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while sum(p in reports for p in srv.paths()) < 25 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        assert proc.poll() is None, proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()

        before = stored_urls(data)
        first_run_hits = len(srv.hits)
        assert 10 <= len([u for u in before if u.split(srv.netloc, 1)[1] in reports]) < len(reports)

        result, _ = crawl(data, make_site(srv, "/nb/index.html", column=True, site_id="k"))
        second = srv.paths()[first_run_hits:]

    # nothing that was stored before the kill was requested again
    assert second and not {srv.url(p) for p in second} & before
    # nothing lost: every report (and its attachment) is in the store, bytes intact
    summary = result.sites[0]
    assert summary.ok and summary.reports_found == len(reports) and summary.new == len(reports)
    store = RawStore(data)
    got = list(store.iter_reports())
    assert {r.url.split(srv.netloc, 1)[1] for r in got} == reports
    for r in got:
        assert hashlib.sha256(r.content).hexdigest() == r.sha256
        for _, kind, sha in r.attachments:
            assert kind == "pdf" and sha and hashlib.sha256(store.get_blob(sha)).hexdigest() == sha
    assert sum(1 for r in got if r.attachments) == 20
    store.close()
