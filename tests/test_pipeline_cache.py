"""The parse cache (nianbao/pipeline.py) never changes the output: a run served from the cache
writes what a run that parsed everything writes."""

from __future__ import annotations

from pathlib import Path

from nianbao.pipeline import extract_store
from scraper.store import RawStore

REAL = (Path(__file__).parent / "fixtures" / "site" / "jhqzf" / "zwgk_28985" / "zfxxgk_qjjg1" / "fgw1" / "zfxxgknb4"
        / "202601" / "t20260120_7221348.html").read_bytes()


def _store_report(store: RawStore, url: str, body: bytes, fetched_at: str) -> None:
    sha = store.put_blob(body)
    row = {"url": url, "final_url": url, "sha256": sha, "fetched_at": fetched_at, "content_type": "text/html",
           "declared_encoding": None, "detected_encoding": "utf-8"}
    store.save_report(site_id="s", key=url.split(":", 1)[1], url=url, run_id=1, title="年报", column_url=None,
                      pages=[row], attachments=[], http_status=200)


def test_same_bytes_at_two_urls_give_two_reports_on_every_run(tmp_path):
    # A unit's column and the district's overall column both publish the report (same bytes).
    a = "http://h.gov.cn/unit/zfxxgknb4/202601/t20260120_7221348.html"
    b = "http://h.gov.cn/qu/zfxxgknb1/202502/t20250215_9999999.html"
    store = RawStore(tmp_path)
    _store_report(store, a, REAL, "2026-01-21T00:00:00Z")
    _store_report(store, b, REAL, "2026-01-22T00:00:00Z")
    store.close()
    runs = []
    for n in (1, 2):  # the second run finds both in the parse cache
        reports, written = extract_store(tmp_path, tmp_path / f"tables{n}", stream=None, workers=1)
        assert (n, written.rows["reports"], written.duplicates) == (n, 2, [])
        runs.append(sorted((r.record() for r in reports), key=lambda rec: rec["source_url"]))
    first, second = runs
    assert [r["source_url"] for r in first] == [b, a]
    assert len({r["report_id"] for r in first}) == 2
    assert second == first  # every field, the URL-derived ones included
