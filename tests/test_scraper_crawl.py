"""End-to-end crawls of a synthetic TRS district site on 127.0.0.1, plus re-crawl/304 behaviour."""

from __future__ import annotations

import io

from scraper_servers import Server, crawl, make_site, report_html, trs_site

from scraper.crawl import run_crawl
from scraper.store import RawStore


def test_trs_site_end_to_end(tmp_path):
    routes, expected = trs_site(n_reports=5, per_page=2)
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/"))
        requested = srv.paths()
    summary = result.sites[0]
    assert summary.reports_found == len(expected) == 10
    assert (summary.new, summary.unchanged, summary.blocked, summary.failed) == (10, 0, 0, 0)
    assert result.ok and summary.error is None

    store = RawStore(tmp_path)
    reports = {r.url.split(str(srv.port), 1)[1]: r for r in store.iter_reports()}
    store.close()
    assert set(reports) == set(expected)
    # JS-only pagination was followed: every createPageHTML page was requested
    for col in ("/zwgk/jz/zwz1/zfxxgknb46/", "/zwgk/qj/fgw1/zfxxgknb4/"):
        assert {f"{col}index.html", f"{col}index_1.html", f"{col}index_2.html"} <= set(requested)
    # the notice in the same column is not a report and was never fetched
    assert not any("0201_1" in p for p in requested)
    # multi-page article: second page kept as extra page, attachment stored with its type
    first = reports["/zwgk/jz/zwz1/zfxxgknb46/202601/t20260121_7228444.html"]
    assert len(first.extra_pages) == 1 and "第二页" in first.extra_pages[0].decode()
    assert first.bundle_sha256 != first.sha256
    (att_url, att_kind, att_sha), = first.attachments
    assert att_url.endswith("P020260121512345678901.pdf") and att_kind == "pdf" and att_sha
    # GBK page: bytes stored undecoded, encoding recorded
    gbk = reports["/zwgk/jz/zwz1/zfxxgknb46/202501/t20250121_7228445.html"]
    assert gbk.declared_encoding == "gbk" and gbk.detected_encoding == "gb18030"
    assert "中旺镇人民政府".encode("gbk") in gbk.content
    assert all(r.changed and r.status == "new" and r.http_status == 200 for r in reports.values())
    # robots.txt disallow and off-host links are recorded, never requested
    assert not any(p.startswith("/private/") for p in requested)
    private = next(r for u, r in rows.items() if "/private/" in u)
    assert (private["outcome"], private["error"]) == ("disallowed", "robots.txt disallows this URL")
    offhost = rows["http://203.0.113.9/x/t20250101_2.html"]
    assert offhost["outcome"] == "off_host"
    # nothing requested twice
    assert len(requested) == len(set(requested))


def test_recrawl_revalidates_and_detects_changes(tmp_path):
    routes, expected = trs_site(n_reports=2, per_page=5)
    with Server(routes) as srv:
        site = make_site(srv, "/")
        crawl(tmp_path, site)
        n_first = len(srv.hits)
        result, _ = crawl(tmp_path, site)
        second = srv.hits[n_first:]
        # every revalidation carried the validator and got 304
        report_hits = [h for h in second if h.path in expected]
        assert report_hits and all(h.headers.get("If-None-Match") for h in report_hits)
        s = result.sites[0]
        assert (s.reports_found, s.new, s.changed, s.unchanged) == (4, 0, 0, 4)
        store = RawStore(tmp_path)
        run2 = [r for r in store.fetches() if r["run_id"] == max(x["run_id"] for x in store.fetches())]
        outcomes = {r["url"]: r["outcome"] for r in run2 if r["kind"] == "report"}
        assert {outcomes[srv.url(p)] for p in expected} == {"not_modified"}
        assert list(store.iter_reports(changed_only=True)) == []
        store.close()

        changed = "/zwgk/qj/fgw1/zfxxgknb4/202501/t20250121_7228445.html"
        routes[changed].body = report_html(expected[changed] + "（更正）")
        result, _ = crawl(tmp_path, site)
    s = result.sites[0]
    assert (s.new, s.changed, s.unchanged) == (0, 1, 3)
    store = RawStore(tmp_path)
    (only,) = store.iter_reports(changed_only=True)
    assert only.url.endswith(changed) and only.status == "changed" and "更正" in only.content.decode()
    store.close()


def test_one_failing_site_does_not_stop_others(tmp_path):
    routes, _ = trs_site(n_reports=2)
    with Server(routes) as srv:
        good = make_site(srv, "/", site_id="good")
        from scraper.registry import Site

        bad = Site(id="bad", name="不存在", entry_urls=("http://nonexistent-host.invalid/zwgk/",),
                   allowed_hosts=("nonexistent-host.invalid",))
        stream = io.StringIO()
        from scraper_servers import fast_config

        result = run_crawl([bad, good], tmp_path, progress=True, stream=stream, config=fast_config())
    by_id = {s.site_id: s for s in result.sites}
    assert not result.ok
    assert by_id["good"].ok and by_id["good"].reports_found == 4
    assert not by_id["bad"].ok and "DNS lookup failed" in by_id["bad"].error
    table = result.render_summary()
    assert "good" in table and "FAILED" in table and "Traceback" not in stream.getvalue()
    assert "[good]" in stream.getvalue() and "[bad]" in stream.getvalue()


def test_bundled_mirror_site_if_present(tmp_path):
    """The demo's mirror (written by another engineer) crawls to exactly its expected reports."""
    import functools
    import json
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from pathlib import Path

    import pytest
    from scraper_servers import fast_config

    from scraper.registry import Site

    fixtures = Path(__file__).parent / "fixtures"
    mirror, expected_dir = fixtures / "site", fixtures / "site_expected"
    if not (mirror / "index.html").is_file() or not expected_dir.is_dir():
        pytest.skip("mirror site not present")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(mirror)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        netloc = f"127.0.0.1:{httpd.server_address[1]}"
        site = Site(id="demo", name="demo", entry_urls=(f"http://{netloc}/",), allowed_hosts=(netloc,),
                    allow_private=True)
        result = run_crawl([site], tmp_path, progress=False, config=fast_config())
    finally:
        httpd.shutdown()
        httpd.server_close()
    store = RawStore(tmp_path)
    got = {r.url.split(netloc, 1)[1].lstrip("/").replace("/", "__").removesuffix(".html")
           for r in store.iter_reports()}
    store.close()
    expected = {p.name.removesuffix(".expected.json") for p in expected_dir.glob("*.expected.json")}
    assert result.ok, result.render_summary()
    assert got == expected, json.dumps(sorted(got ^ expected), ensure_ascii=False)


def test_site_hook_adds_links(tmp_path):
    from scraper_servers import Static, page

    routes = {"/gk/": Static(page("信息公开", '<div data-api="/api/list"></div>')),
              "/api/t20250101_99.html": Static(page("某镇2024年政府信息公开工作年度报告", "<p>x</p>"))}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/gk/", hook="scraper_hook_example"))
    assert result.sites[0].reports_found == 1
    assert rows[srv.url("/api/t20250101_99.html")]["outcome"] == "ok"
    store = RawStore(tmp_path)
    (report,) = store.iter_reports()
    store.close()
    assert report.title == "某镇2024年政府信息公开工作年度报告"


def test_page_budget_exhausted_is_an_incomplete_site(tmp_path):
    from scraper_servers import Static, links, page

    items = [(f"/nb/t2026012{i}_{i}.html", f"单位{i}2025年政府信息公开工作年度报告") for i in range(8)]
    routes = {"/nb/index.html": Static(page("年报", links(*items))),
              "/robots.txt": Static("User-agent: *\nAllow: /\n", content_type="text/plain")}
    routes.update({p: Static(report_html(t)) for p, t in items})
    with Server(routes) as srv:
        # robots.txt is not counted against the budget: index + 3 reports are fetched
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True), max_pages=4)
    s = result.sites[0]
    assert not result.ok and s.error is None and s.incomplete
    assert s.reports_found == 3 and s.not_fetched == 5
    skipped = [r for r in rows.values() if r["outcome"] == "not_fetched"]
    assert len(skipped) == 5 and all(r["error"] == "page budget (max_pages=4) exhausted" for r in skipped)
    table = result.render_summary()
    assert "INCOMPLETE: max_pages=4 reached, 5 URL(s) not fetched" in table
    assert "t: 5 URL(s) not fetched:" in table and "1 incomplete site(s)" in table


def test_summary_table_shows_disallowed_and_pages():
    from scraper.crawl import CrawlResult, SiteSummary

    table = CrawlResult([SiteSummary("a", "甲", reports_found=2, new=2, disallowed=3, pages_fetched=9)]).render_summary()
    header, _, row = table.splitlines()[:3]
    cols = dict(zip(header.split(), row.split(), strict=True))
    assert (cols["disallowed"], cols["pages"], cols["reports"], cols["status"]) == ("3", "9", "2", "ok")
