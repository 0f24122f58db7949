"""Politeness measured on the server side: per-host concurrency and request spacing."""

from __future__ import annotations

import pytest
from scraper_servers import ForkedServer as Server  # timestamps not held up by the crawler's GIL
from scraper_servers import Static, crawl, links, make_site, page


def column_site(n: int, delay: float) -> dict:
    items = [(f"/nb/2025{i:02d}/t2025{i:02d}01_{i}.html", f"某单位{2000 + i}年政府信息公开工作年度报告") for i in range(n)]
    routes = {"/nb/index.html": Static(page("年报", links(*items)))}
    routes.update({p: Static(page(t, "<p>x</p>"), delay=delay) for p, t in items})
    return routes


def gaps(srv: Server) -> list[float]:
    starts = sorted(h.start for h in srv.hits)
    return [b - a for a, b in zip(starts, starts[1:], strict=False)]


@pytest.mark.parametrize("concurrency", [1, 2])
def test_per_host_limits_hold_on_the_wire(tmp_path, concurrency):
    interval, latency = 0.05, 0.15
    with Server(column_site(16, latency)) as a, Server(column_site(16, latency)) as b:
        site_a = make_site(a, "/nb/index.html", column=True, site_id="a")
        site_b = make_site(b, "/nb/index.html", column=True, site_id="b")
        result, _ = crawl(tmp_path, site_a, site_b, concurrency=concurrency, min_interval=interval, jitter=0.5)
        assert all(s.reports_found == 16 for s in result.sites)
        for srv in (a, b):
            # the limit is reached (so this test can see a violation) and never exceeded
            assert srv.max_in_flight == concurrency
            # 10 ms tolerance: the client spaces request *starts*; the server timestamps arrivals
            assert min(gaps(srv)) >= interval - 0.01
        # ports are different hosts: both were crawled at the same time, not one after the other
        a_span = (min(h.start for h in a.hits), max(h.end for h in a.hits))
        b_span = (min(h.start for h in b.hits), max(h.end for h in b.hits))
        assert a_span[0] < b_span[1] and b_span[0] < a_span[1]


def test_jitter_only_lengthens_intervals(tmp_path):
    with Server(column_site(12, 0.0)) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True), concurrency=2, min_interval=0.05, jitter=1.0)
        g = gaps(srv)
    assert min(g) >= 0.04
    assert max(g) > 0.06  # jitter is there (12 draws all below +20% is ~1e-8 likely)


def test_retry_after_holds_the_host_back_while_other_requests_are_queued(tmp_path):
    # 429 + Retry-After on one report while the other slot's request is queued or in flight: the
    # host must stay quiet for the whole Retry-After, not only until the next request goes out.
    from scraper_servers import sequence

    routes = column_site(6, 0.1)
    first = next(p for p in routes if p != "/nb/index.html")
    routes[first] = sequence(Static("slow down", 429, {"Retry-After": "1"}, etag=False, delay=0.1), routes[first])
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True), concurrency=2, min_interval=0.1, retries=2)
        told = next(h for h in srv.hits if h.path == first).end
        # 50 ms grace: a request may leave the client while the 429 is still on its way to it
        inside = [(h.path, round(h.start - told, 2)) for h in srv.hits if told + 0.05 < h.start < told + 0.95]
        assert srv.count(first) == 2
    assert inside == []


@pytest.mark.parametrize("strict_first", [True, False])
def test_sites_sharing_a_host_get_the_strictest_limits(tmp_path, strict_first):
    def column(prefix: str) -> dict:
        items = [(f"{prefix}t2026012{i}_{i}.html", f"单位{i}2025年政府信息公开工作年度报告") for i in range(3)]
        routes = {f"{prefix}index.html": Static(page("年报", links(*items)))}
        routes.update({p: Static(page(t, "<p>x</p>"), delay=0.06) for p, t in items})
        return routes

    with Server({**column("/a/"), **column("/b/")}) as srv:
        loose = make_site(srv, "/a/index.html", column=True, site_id="loose",
                          overrides=(("concurrency", 4), ("min_interval", 0.0)))
        strict = make_site(srv, "/b/index.html", column=True, site_id="strict",
                           overrides=(("concurrency", 1), ("min_interval", 0.03)))
        result, _ = crawl(tmp_path, *((strict, loose) if strict_first else (loose, strict)))
        assert all(s.reports_found == 3 for s in result.sites)
        # one request at a time: none starts before the previous one ended (10 ms grace: the server
        # stamps the end after the client may already have the response)
        hits = sorted(srv.hits, key=lambda h: h.start)
        assert [(a.path, b.path) for a, b in zip(hits, hits[1:], strict=False) if b.start < a.end - 0.01] == []
        assert min(gaps(srv)) >= 0.03 - 0.01
