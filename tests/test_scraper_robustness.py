"""Failures inside the crawler's own machinery (bad host names, a refusing disk, malformed links,
broken compressed bodies): each is recorded against the URL it concerns, and the run always ends."""

from __future__ import annotations

from scraper_servers import Server, Static, crawl, links, make_site, page, report_html

from scraper.store import RawStore

GOOD = ("/nb/t20260121_3.html", "2023年政府信息公开工作年度报告")


def test_invalid_host_name_is_a_failed_url_not_a_hang(tmp_path):
    # "a..localhost" passes a wildcard allowed host but makes getaddrinfo raise UnicodeError (a
    # ValueError): the robots.txt fetch for that host used to die and leave every waiter pending.
    with Server({}) as srv:
        bad = [(f"http://a..localhost:{srv.port}/nb/t20260121_{i}.html", f"{2025 - i}年政府信息公开工作年度报告")
               for i in (1, 2)]
        srv.routes.update({"/nb/index.html": Static(page("年报", links(*bad, GOOD))), GOOD[0]: Static(report_html(GOOD[1]))})
        site = make_site(srv, "/nb/index.html", column=True, allowed_hosts=(srv.netloc, ".localhost"))
        result, rows = crawl(tmp_path, site, deadline=15)
    summary = result.sites[0]
    assert summary.reports_found == 1 and rows[srv.url(GOOD[0])]["outcome"] == "ok"
    for url, _ in bad:
        assert rows[url]["outcome"] == "failed" and "invalid host name" in rows[url]["error"]
    robots = rows[f"http://a..localhost:{srv.port}/robots.txt"]
    assert robots["outcome"] == "failed" and "invalid host name" in robots["error"]
    assert not result.ok and "internal error" not in (summary.error or "")


def test_robots_txt_that_cannot_be_stored_does_not_hang_the_host(tmp_path):
    # Every blob directory is a regular file: storing robots.txt raises; the pages waiting on that
    # host's robots policy must end, not wait forever. A store that cannot write stops the crawl
    # with that one cause, and leaves the run open for a rerun to resume.
    blobs = tmp_path / "raw" / "blobs"
    blobs.mkdir(parents=True)
    for i in range(256):
        (blobs / f"{i:02x}").touch()
    routes = {"/robots.txt": Static("User-agent: *\nAllow: /\n", content_type="text/plain"),
              "/nb/index.html": Static(page("年报", links(GOOD))), "/nb2/index.html": Static(page("年报", links(GOOD))),
              GOOD[0]: Static(report_html(GOOD[1]))}
    with Server(routes) as srv:
        site = make_site(srv, "/nb/index.html", column=True)
        site = type(site)(**{**site.__dict__, "column_urls": (srv.url("/nb/index.html"), srv.url("/nb2/index.html"))})
        result, _ = crawl(tmp_path, site, deadline=15)
    summary = result.sites[0]
    assert not result.ok and summary.reports_found == 0
    assert summary.error == f"cannot write the raw store {tmp_path / 'raw'}: File exists" == result.store_error
    store = RawStore(tmp_path)
    try:
        assert store.db.execute("SELECT finished_at FROM runs").fetchone()[0] is None  # resumable
    finally:
        store.close()


# --- compressed bodies: the store keeps the decoded bytes, and only whole ones ---------------------

REPORT = report_html("某镇2025年政府信息公开工作年度报告",
                     "<p>" + "本年新收政府信息公开申请12件。" * 300 + "</p><p>END-OF-REPORT</p>").encode()


def _crawl_report(tmp_path, handler, **cfg):
    item = ("/nb/t20260121_1.html", "2025年政府信息公开工作年度报告")
    routes = {"/nb/index.html": Static(page("年报", links(item))), item[0]: handler}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True), **cfg)
    return result, rows[srv.url(item[0])], srv.count(item[0])


def test_truncated_gzip_is_retried_then_failed_and_nothing_stored(tmp_path):
    import gzip

    gz = gzip.compress(REPORT)  # the Content-Length matches the truncated body: only gzip can tell
    result, row, hits = _crawl_report(tmp_path, Static(gz[: len(gz) // 2], headers={"Content-Encoding": "gzip"},
                                                       etag=False), retries=1)
    assert (row["outcome"], row["attempts"], row["sha256"], hits) == ("failed", 2, None, 2)
    assert "truncated gzip body" in row["error"]
    assert result.sites[0].reports_found == 0 and not result.ok


def test_multi_member_gzip_is_decoded_whole(tmp_path):
    import gzip

    half = len(REPORT) // 2
    body = gzip.compress(REPORT[:half]) + gzip.compress(REPORT[half:])  # servers that gzip per flush
    result, row, _ = _crawl_report(tmp_path, Static(body, headers={"Content-Encoding": "gzip"}, etag=False))
    assert (row["outcome"], row["size"]) == ("ok", len(REPORT))
    store = RawStore(tmp_path)
    try:
        assert store.get_blob(row["sha256"]) == REPORT  # decoded, byte for byte
    finally:
        store.close()


def test_body_decoder_members_and_trailing_bytes_split_anywhere():
    import gzip
    import zlib

    import pytest

    from scraper.transport import BodyDecoder, BrokenBody

    body = gzip.compress(b"abc" * 50) + gzip.compress(b"xyz" * 50)
    for tail, want in ((b"", b"abc" * 50 + b"xyz" * 50), (b"\0garbage", b"abc" * 50 + b"xyz" * 50)):
        out = bytearray()
        dec = BodyDecoder("gzip", 10_000)
        for i in range(len(body + tail)):  # one byte at a time: the gzip magic is split too
            dec.feed((body + tail)[i: i + 1], out)
        dec.finish()
        assert bytes(out) == want
    for encoding, data in (("gzip", body[:-3]), ("deflate", zlib.compress(b"abc" * 50)[:-6])):
        dec = BodyDecoder(encoding, 10_000)
        dec.feed(data, bytearray())
        with pytest.raises(BrokenBody, match=f"truncated {encoding} body"):
            dec.finish()
    BodyDecoder("gzip", 10).finish()  # an empty body is empty, whatever the header says


# --- malformed links -------------------------------------------------------------------------------

BAD_HREFS = ("http://www.tjjh.gov.cn／zwgk/", "http://[fe80::1/x.html", "http://www.tjjh.gov.cn:80800/",
             "http://www.tjjh.gov.cn:8o/")


def test_malformed_hrefs_are_skipped_one_by_one(tmp_path):
    good = [(f"/nb/t20260121_{i}.html", f"{2025 - i}年政府信息公开工作年度报告") for i in range(3)]
    body = links(good[0], *((b, "网站地图") for b in BAD_HREFS), good[1]) + '<a href="index_1.html">尾页</a>'
    routes = {"/nb/index.html": Static(page("年报", body)),
              "/nb/index_1.html": Static(page("年报", links(("http://[::1", "坏链接"), good[2])))}
    routes.update({p: Static(report_html(t)) for p, t in good})
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    summary = result.sites[0]
    assert result.ok and summary.reports_found == 3, summary.error
    assert srv.count("/nb/index_1.html") == 1  # pagination after the bad links still followed
    malformed = {u: r for u, r in rows.items() if r["outcome"] == "malformed"}
    assert set(malformed) == {*BAD_HREFS, "http://[::1"}
    assert all(r["error"].startswith("malformed link: ") and r["parent_url"] for r in malformed.values())
