"""Report pages: what makes one HTML, multi-page articles, attachments."""

from __future__ import annotations

import pytest
from scraper_servers import Server, Static, crawl, links, make_site, page, report_html

from scraper.store import RawStore

TITLE = "某镇2025年政府信息公开工作年度报告"


def stored_reports(data) -> list:
    store = RawStore(data)
    try:
        return list(store.iter_reports())
    finally:
        store.close()


@pytest.mark.parametrize("ctype", ["application/octet-stream", "text/plain", ""])
def test_html_report_with_a_generic_content_type_keeps_its_pages_and_attachments(tmp_path, ctype):
    p = "/nb/202601/t20260121_1.shtml"
    extra = '<script>createPageHTML(2, 0, "t20260121_1", "shtml");</script><a href="P020260121.pdf">附件：年报全文.pdf</a>'
    routes = {"/nb/index.html": Static(page("年报", links((p, TITLE)))),
              p: Static(report_html(TITLE, extra), content_type=ctype),
              "/nb/202601/t20260121_1_1.shtml": Static(report_html("续"), content_type=ctype),
              "/nb/202601/P020260121.pdf": Static(b"%PDF-1.4", content_type="application/pdf")}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    (report,) = stored_reports(tmp_path)
    assert len(report.extra_pages) == 1 and len(report.attachments) == 1 and report.attachments[0][2]
    assert result.ok


def test_html_detection():
    from scraper.discover import looks_html

    html = report_html(TITLE).encode()
    assert looks_html("http://h/a/t1.html", "text/html", b"")
    assert looks_html("http://h/a/t1.shtml", "application/octet-stream", b"garbage")  # the extension says so
    assert looks_html("http://h/a/show.jsp?id=1", "text/plain", b"\xef\xbb\xbf  <!DOCTYPE html><html>")  # so do the bytes
    assert not looks_html("http://h/a/P1.pdf", "text/html", html)  # an attachment link is a file
    assert not looks_html("http://h/a/get?id=1", "application/pdf", html)  # a specific type is believed
    assert not looks_html("http://h/a/get?id=1", "application/octet-stream", b"%PDF-1.4 <html>")


def test_multi_page_article_with_a_missing_later_page_is_kept_with_a_warning(tmp_path):
    # createPageHTML declares 3 pages, the CMS only published 2: the report must not be lost
    p = "/nb/202601/t20260120_7221348.html"
    first = report_html(TITLE, '<script>createPageHTML(3, 0, "t20260120_7221348", "html");</script>')
    routes = {"/nb/index.html": Static(page("年报", links((p, TITLE)))), p: Static(first),
              "/nb/202601/t20260120_7221348_1.html": Static(report_html("（续）第二页"))}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    missing = srv.url("/nb/202601/t20260120_7221348_2.html")
    assert rows[missing]["outcome"] == "http_error" and rows[missing]["status"] == 404
    (report,) = stored_reports(tmp_path)
    assert len(report.extra_pages) == 1 and "第二页" in report.extra_pages[0].decode()
    s = result.sites[0]
    assert result.ok and s.reports_found == 1 and s.failed == 0
    assert s.warnings == [f"{srv.url(p)}: saved without page(s) {missing} (HTTP 404)"]
    assert "1 warning(s)" in result.render_summary()


def test_a_file_linked_as_report_and_as_attachment_is_fetched_once(tmp_path):
    pdf = "/nb/202601/P020260121.pdf"
    routes = {"/nb/index.html": Static(page("年报", links(("/nb/202601/t20260121_1.html", TITLE), (pdf, TITLE + "（PDF版）")))),
              "/nb/202601/t20260121_1.html": Static(report_html(TITLE, f'<a href="{pdf}">附件</a>')),
              pdf: Static(b"%PDF-1.4 x", content_type="application/pdf")}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
        assert srv.count(pdf) == 1
    reports = {r.url.rsplit("/", 1)[1]: r for r in stored_reports(tmp_path)}
    assert result.ok and set(reports) == {"t20260121_1.html", "P020260121.pdf"}
    assert reports["t20260121_1.html"].attachments[0][2] == reports["P020260121.pdf"].sha256
