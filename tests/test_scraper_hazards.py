"""Hostile-server behaviour, each against a real HTTP server on 127.0.0.1, asserting the exact
outcome recorded in the fetch log (and, where it matters, what the server saw)."""

from __future__ import annotations

import time

import pytest
from scraper_servers import (
    Endless,
    ForkedServer,
    Server,
    SlowDrip,
    Static,
    crawl,
    gzip_bomb,
    links,
    make_site,
    page,
    redirect,
    reset,
    sequence,
)

from scraper.transport import legacy_tls_context


def run(tmp_path, routes, path="/p", site_kw=None, **cfg):
    """Crawl a one-page site whose entry is ``path``; return (fetch-log row, server, result)."""
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, path, column=True, **(site_kw or {})), **cfg)
    return rows[srv.url(path)], srv, result


OK = Static(page("列表", "<p>ok</p>"))


def test_slow_response_within_read_timeout_succeeds(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": Static(page("慢", "x"), delay=0.4)}, read_timeout=1.0)
    assert (row["outcome"], row["status"], row["attempts"]) == ("ok", 200, 1)
    assert row["elapsed_ms"] >= 400


def test_read_timeout_is_retried_then_fails(tmp_path):
    row, srv, result = run(tmp_path, {"/p": Static(page("慢", "x"), delay=1.2)}, read_timeout=0.3, retries=1)
    assert row["outcome"] == "failed" and row["error"].startswith("timeout: ReadTimeout")
    assert row["attempts"] == 2 and srv.count("/p") == 2
    assert not result.ok


def test_slow_drip_body_hits_the_request_deadline(tmp_path):
    started = time.monotonic()
    row, srv, _ = run(tmp_path, {"/p": SlowDrip(every=0.1, total=4)}, read_timeout=1.0,
                      request_deadline=0.5, retries=0)
    assert (row["outcome"], row["attempts"]) == ("failed", 1)
    assert row["error"].startswith("timeout: TimeoutError")
    assert time.monotonic() - started < 3


def test_connection_resets_are_retried(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": sequence(reset, reset, OK)}, retries=3)
    assert (row["outcome"], row["status"], row["attempts"]) == ("ok", 200, 3)
    assert srv.count("/p") == 3


def test_persistent_resets_fail_after_the_retry_budget(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": reset}, retries=2)
    assert (row["outcome"], row["attempts"]) == ("failed", 3) and srv.count("/p") == 3
    assert "after 3 attempt(s)" in row["error"]


def test_5xx_burst_is_retried_until_success(tmp_path):
    burst = sequence(*(Static("busy", s, etag=False) for s in (503, 502, 500, 504)), OK)
    row, srv, _ = run(tmp_path, {"/p": burst}, retries=4)
    assert (row["outcome"], row["status"], row["attempts"]) == ("ok", 200, 5)


def test_5xx_forever_ends_as_http_error(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": Static("down", 503, etag=False)}, retries=2)
    assert (row["outcome"], row["status"], row["attempts"]) == ("http_error", 503, 3)
    assert row["error"] == "HTTP 503 after 3 attempt(s)"


def test_429_retry_after_is_honoured(tmp_path):
    limited = sequence(Static("slow down", 429, {"Retry-After": "1"}, etag=False), OK)
    row, srv, _ = run(tmp_path, {"/p": limited}, retries=2, backoff_base=0.001)
    assert (row["outcome"], row["attempts"]) == ("ok", 2)
    first, second = [h for h in srv.hits if h.path == "/p"]
    assert second.start - first.start >= 0.95  # Retry-After, not the 1 ms backoff


def test_429_with_excessive_retry_after_gives_up_at_once(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": Static("no", 429, {"Retry-After": "3600"}, etag=False)}, max_retry_after=5)
    assert (row["outcome"], row["status"], row["attempts"]) == ("http_error", 429, 1)
    assert "Retry-After 3600s exceeds cap" in row["error"]


@pytest.mark.parametrize("status", [404, 403])
def test_client_errors_are_never_retried(tmp_path, status):
    row, srv, _ = run(tmp_path, {"/p": Static("no", status, etag=False)}, retries=4)
    assert (row["outcome"], row["status"], row["attempts"], row["error"]) == ("http_error", status, 1, f"HTTP {status}")
    assert srv.count("/p") == 1


RUISHU = '<html><head><meta content="{x}" r="m"><script>$_ts=window["$_ts"];</script></head></html>'


@pytest.mark.parametrize(
    ("handler", "status", "name"),
    [
        (Static(RUISHU, 412, {"Set-Cookie": "FSSBBIl1UgzbN7N80S=abc; path=/"}, etag=False), 412, "瑞数 (HTTP 412)"),
        (Static("<script>document.cookie=('_')+('_jsl_clearance_s=1');location.href=location.pathname</script>",
                521, {"Set-Cookie": "__jsluid_h=1"}, etag=False), 521, "加速乐 (HTTP 521)"),
        (Static("<script>document.cookie='__jsl_clearance=1';location.reload()</script>", etag=False), 200,
         "加速乐 JS cookie page"),
    ],
)
def test_anti_bot_challenges_are_blocked_not_retried(tmp_path, handler, status, name):
    row, srv, result = run(tmp_path, {"/p": handler}, retries=4)
    assert (row["outcome"], row["status"], row["attempts"]) == ("blocked", status, 1)
    assert row["error"] == f"anti-bot challenge: {name}"
    assert srv.count("/p") == 1
    summary = result.sites[0]
    assert summary.blocked == 1 and not summary.ok and "blocked" in summary.error


def test_redirect_loop(tmp_path):
    row, srv, _ = run(tmp_path, {"/p": redirect("/q"), "/q": redirect("/p")})
    assert row["outcome"] == "redirect_error" and row["error"].startswith("redirect loop at ")
    assert srv.count("/p") == 1 and srv.count("/q") == 1


def test_redirect_limit(tmp_path):
    chain = {"/p": redirect("/r1"), **{f"/r{i}": redirect(f"/r{i + 1}") for i in range(1, 10)}}
    row, srv, _ = run(tmp_path, chain, max_redirects=3)
    assert (row["outcome"], row["error"]) == ("redirect_error", "more than 3 redirects")
    assert srv.count("/r3") == 1 and srv.count("/r4") == 0


def test_redirect_within_site_is_followed_and_final_url_recorded(tmp_path):
    row, _, _ = run(tmp_path, {"/p": redirect("/moved/", 301), "/moved/": OK})
    assert row["outcome"] == "ok" and row["final_url"].endswith("/moved/")


def test_off_host_redirect_is_refused_before_any_request(tmp_path):
    with Server({"/x": OK}) as other:
        row, srv, _ = run(tmp_path, {"/p": redirect(other.url("/x"))})
        assert other.hits == []
    assert row["outcome"] == "off_host" and other.netloc in row["error"]


def test_gzip_bomb_is_stopped_at_the_cap(tmp_path):
    bomb = gzip_bomb(64 * 1024 * 1024)  # ~64 KB on the wire, 64 MB inflated
    row, _, _ = run(tmp_path, {"/p": bomb}, max_body=1024 * 1024)
    assert (row["outcome"], row["status"], row["sha256"]) == ("too_large", 200, None)
    assert "decoded body exceeds 1048576 bytes (gzip bomb?)" == row["error"]


def test_gzip_body_under_the_cap_is_stored_decoded(tmp_path):
    import gzip

    html = page("压缩", "<p>政府信息公开</p>").encode()
    row, _, _ = run(tmp_path, {"/p": Static(gzip.compress(html), headers={"Content-Encoding": "gzip"})})
    assert row["outcome"] == "ok" and row["size"] == len(html)


def test_a_bogus_content_encoding_keeps_the_body_as_sent(tmp_path):
    # "Content-Encoding: UTF-8" (a charset where the coding belongs): a browser shows the page
    html = page("编码", "<p>政府信息公开</p>").encode()
    row, _, _ = run(tmp_path, {"/p": Static(html, headers={"Content-Encoding": "UTF-8"})})
    assert (row["outcome"], row["size"]) == ("ok", len(html))
    assert "unknown Content-Encoding 'utf-8': body kept as sent" in (row["notes"] or "")


def test_1gb_declared_body_is_refused_from_the_header(tmp_path):
    big = Endless(declared=1 << 30)
    row, _, _ = run(tmp_path, {"/p": big}, max_body=1024 * 1024, retries=3)
    assert (row["outcome"], row["attempts"]) == ("too_large", 1)
    assert row["error"] == f"Content-Length {1 << 30} exceeds cap of 1048576 bytes"
    assert big.sent < 64 * 1024 * 1024  # the client hung up long before 1 GB


def test_1gb_chunked_body_is_aborted_at_the_cap(tmp_path):
    big = Endless(declared=None)
    row, _, _ = run(tmp_path, {"/p": big}, max_body=2 * 1024 * 1024)
    assert (row["outcome"], row["attempts"]) == ("too_large", 1)
    assert row["error"] == f"body exceeds cap of {2 * 1024 * 1024} bytes"
    assert big.sent < 64 * 1024 * 1024


def test_wrong_charset_header_falls_back_to_meta(tmp_path):
    body = page("中旺镇2025年政府信息公开工作年度报告", "<p>年报</p>", charset="gbk").encode("gbk")
    row, _, _ = run(tmp_path, {"/p": Static(body, content_type="text/html; charset=utf-8")})
    assert row["outcome"] == "ok"
    assert (row["declared_encoding"], row["detected_encoding"], row["encoding_source"]) == ("utf-8", "gb18030", "meta")


def test_latin1_default_header_does_not_override_utf8(tmp_path):
    body = page("年报", "<p>政府信息公开</p>").encode()
    row, _, _ = run(tmp_path, {"/p": Static(body, content_type="text/html; charset=ISO-8859-1")})
    assert (row["declared_encoding"], row["detected_encoding"], row["encoding_source"]) == ("iso-8859-1", "utf-8", "meta")


def test_robots_disallow_is_obeyed_and_logged(tmp_path):
    routes = {"/robots.txt": Static("User-agent: nianbao\nDisallow: /p\n", content_type="text/plain"), "/p": OK}
    row, srv, result = run(tmp_path, routes)
    assert (row["outcome"], row["error"], row["attempts"]) == ("disallowed", "robots.txt disallows this URL", None)
    assert srv.count("/p") == 0 and srv.count("/robots.txt") == 1
    assert result.sites[0].disallowed == 1


def test_robots_crawl_delay_slows_the_host(tmp_path):
    items = [(f"/c/t2025010{i}_{i}.html", f"2024年政府信息公开工作年度报告{i}") for i in range(3)]
    routes = {"/robots.txt": Static("User-agent: *\nCrawl-delay: 0.3\n", content_type="text/plain"),
              "/c/": Static(page("年报", links(*items)))}
    routes.update({p: Static(page(t, "x")) for p, t in items})
    with ForkedServer(routes) as srv:  # timed on the wire, not held up by the crawler's GIL
        crawl(tmp_path, make_site(srv, "/c/", column=True))
        starts = sorted(h.start for h in srv.hits)
    assert len(starts) == 5 and min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.28


def test_private_address_refused_unless_allowed(tmp_path):
    row, srv, result = run(tmp_path, {"/p": OK}, site_kw={"allow_private": False})
    assert row["outcome"] == "refused" and "non-public address 127.0.0.1" in row["error"]
    assert srv.hits == []  # not even robots.txt
    assert not result.ok


def test_https_failure_falls_back_to_http(tmp_path):
    with Server({"/p": OK}) as srv:
        site = make_site(srv, f"https://{srv.netloc}/p", column=True)
        _, rows = crawl(tmp_path, site)
    row = rows[f"https://{srv.netloc}/p"]
    assert row["outcome"] == "ok" and row["final_url"] == f"http://{srv.netloc}/p"
    assert "fell back to http" in row["notes"]


def test_https_fallback_can_be_disabled(tmp_path):
    with Server({"/p": OK}) as srv:
        site = make_site(srv, f"https://{srv.netloc}/p", column=True, http_fallback=False)
        _, rows = crawl(tmp_path, site, retries=0)
    row = rows[f"https://{srv.netloc}/p"]
    assert row["outcome"] == "failed" and "SSL" in row["error"].upper()


def test_dns_failure_fails_fast_without_retries(tmp_path):
    from scraper.registry import Site

    site = Site(id="x", name="x", entry_urls=("http://no-such-host.invalid/zwgk/",))
    started = time.monotonic()
    result, rows = crawl(tmp_path, site, retries=5, backoff_base=1.0)
    assert time.monotonic() - started < 5
    row = rows["http://no-such-host.invalid/robots.txt"]
    assert (row["outcome"], row["attempts"]) == ("failed", 1)
    assert rows["http://no-such-host.invalid/zwgk/"]["error"].startswith("host unreachable: robots.txt fetch failed: DNS")
    assert "DNS lookup failed" in result.sites[0].error


def test_deleted_report_is_detected(tmp_path):
    routes = {"/c/": Static(page("年报", links(("/c/2025/t20250101_1.html", "2024年政府信息公开工作年度报告")))),
              "/c/2025/t20250101_1.html": Static('<meta http-equiv="refresh" content="0;url=../">')}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/c/", column=True))
    row = rows[srv.url("/c/2025/t20250101_1.html")]
    assert row["outcome"] == "deleted" and result.sites[0].reports_found == 0


def test_legacy_tls_context_allows_legacy_renegotiation():
    import ssl

    ctx = legacy_tls_context(verify=True)
    assert ctx.options & getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)
    assert ctx.verify_mode == ssl.CERT_REQUIRED
    assert legacy_tls_context(verify=False).verify_mode == ssl.CERT_NONE


def test_cookie_check_redirect_to_itself_is_followed_once(tmp_path):
    # A WAF's cookie check (安全狗/云锁 style): 302 to the same URL with Set-Cookie, 200 once the
    # cookie comes back. One repeat hop is allowed because the hop set a cookie; a loop that keeps
    # setting cookies is still a loop.
    from scraper_servers import send

    def cookie_gate(h, hit):
        if "wzws_cid=1" in (h.headers.get("Cookie") or ""):
            send(h, 200, page("年报", "<p>ok</p>").encode(), {"Content-Type": "text/html"})
        else:
            send(h, 302, b"", {"Location": h.path, "Set-Cookie": "wzws_cid=1; path=/"})

    def cookie_loop(h, hit):
        send(h, 302, b"", {"Location": h.path, "Set-Cookie": f"n={hit}; path=/"})

    row, srv, _ = run(tmp_path / "a", {"/p": cookie_gate})
    assert (row["outcome"], srv.count("/p")) == ("ok", 2)
    assert "wzws_cid=1" in srv.hits[-1].headers.get("Cookie", "")
    row, srv, _ = run(tmp_path / "b", {"/p": cookie_loop})
    assert row["outcome"] == "redirect_error" and row["error"].startswith("redirect loop at ")
    assert srv.count("/p") == 2


def test_retry_after_beyond_the_cap_stops_requests_to_the_host(tmp_path):
    # "come back in an hour" is for the host, not only the URL that got it
    items = [(f"/nb/t2026012{i}_{i}.html", f"单位{i}2025年政府信息公开工作年度报告") for i in range(6)]
    routes = {"/nb/index.html": Static(page("年报", links(*items)))}
    routes.update({p: Static("later", 429, {"Retry-After": "3600"}, etag=False) for p, _ in items})
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True), max_retry_after=5)
        asked = sum(srv.count(p) for p, _ in items)
    assert asked <= 2  # the requests already in flight (concurrency 2), no more
    outcomes = [rows[srv.url(p)] for p, _ in items]
    assert all(r["outcome"] == "http_error" for r in outcomes)
    assert sum("Retry-After 3600s exceeds cap" in r["error"] for r in outcomes) == asked
    assert all("not requested: the host asked for a pause of 3600s" in r["error"]
               for r in outcomes if r["attempts"] is None or not r["status"])
    assert not result.ok
