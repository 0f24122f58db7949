"""A raw-store blob damaged (truncated, as a power loss can leave it) or deleted by hand: the
crawl fetches it again instead of trusting it, and a report whose bytes cannot be had again is a
`failed` row saying why, not a crash that costs every other report."""

from __future__ import annotations

import hashlib

from scraper_servers import Server, Static, crawl, make_site, report_html

from nianbao.pipeline import extract_store
from scraper.store import RawStore

REPORT = "/nb/202501/t20250101_1.html"
OTHER = "/nb/202501/t20250101_2.html"


def _routes() -> dict:
    from scraper_servers import links, page

    return {
        "/nb/index.html": Static(page("政府信息公开年报", links((REPORT, "甲单位2024年政府信息公开工作年度报告"),
                                                             (OTHER, "乙单位2024年政府信息公开工作年度报告")))),
        REPORT: Static(report_html("甲单位2024年政府信息公开工作年度报告")),
        OTHER: Static(report_html("乙单位2024年政府信息公开工作年度报告")),
    }


def _blob_of(data, url: str):
    store = RawStore(data)
    try:
        row = store.db.execute("SELECT sha256 FROM reports WHERE url=?", (url,)).fetchone()
        return row["sha256"], store.blob_path(row["sha256"])
    finally:
        store.close()


def test_a_truncated_blob_is_fetched_again_not_revalidated(tmp_path) -> None:
    data = tmp_path / "data"
    with Server(_routes()) as srv:
        site = make_site(srv, "/nb/index.html", column=True)
        crawl(data, site)
        sha, path = _blob_of(data, srv.url(REPORT))
        path.write_bytes(path.read_bytes()[:100])  # what a power loss may leave of an unsynced file
        before = len(srv.hits)
        result, _ = crawl(data, site)
        again = [h for h in srv.hits[before:] if h.path == REPORT]
    # a 304 would keep the damaged bytes forever: the copy is not trusted, so no If-None-Match
    assert [h.headers.get("If-None-Match") for h in again] == [None]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha  # repaired in place
    assert result.sites[0].ok
    reports, _ = extract_store(data, tmp_path / "tables", stream=None, workers=1)
    assert {r.source_url: r.status for r in reports}[srv.url(REPORT)] != "failed"


def test_a_blob_lost_for_good_is_a_failed_report_and_the_others_are_written(tmp_path) -> None:
    data = tmp_path / "data"
    with Server(_routes()) as srv:
        crawl(data, make_site(srv, "/nb/index.html", column=True))
        url = srv.url(REPORT)
    sha, path = _blob_of(data, url)
    path.unlink()  # deleted by hand, and the site is gone: no way to fetch it again
    reports, written = extract_store(data, tmp_path / "tables", stream=None, workers=1)
    by_url = {r.source_url: r for r in reports}
    lost = by_url[url]
    assert (lost.status, lost.content_sha256) == ("failed", sha)
    assert lost.status_reason.startswith(f"stored bytes missing: {path}")
    assert by_url[srv.url(OTHER)].status != "failed" and written.rows["reports"] == 2


def test_put_blob_replaces_a_damaged_copy(tmp_path) -> None:
    store = RawStore(tmp_path)
    body = b"<html>" + b"x" * 1000
    sha = store.put_blob(body)
    store.blob_path(sha).write_bytes(body[:10])
    store.close()
    store = RawStore(tmp_path)  # a new process: nothing verified yet
    assert not store.has_blob(sha)
    assert store.put_blob(body) == sha and store.get_blob(sha) == body
    store.close()
