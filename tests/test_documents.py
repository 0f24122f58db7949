"""Reports published as files (PDF, Word, OFD): named by their link, said to be unread, never
decoded as text into a "not an annual report" verdict."""

from __future__ import annotations

import pytest
from scraper_servers import Server, Static, crawl, links, make_site, page

from nianbao.pipeline import extract_store
from parsers import parse_report

TITLE = "北京市某区某街道2023年政府信息公开工作年度报告"
FILES = {
    "PDF": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "Word/Excel/WPS (OLE2)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "Word (docx)": b"PK\x03\x04\x14\x00\x06\x00" + bytes(22) + b"[Content_Types].xmlPK\x03\x04" + bytes(26) + b"word/document.xml",
    "OFD": b"PK\x03\x04\x14\x00\x00\x00" + bytes(22) + b"OFD.xml<ofd:OFD/>",
}


@pytest.mark.parametrize("kind", FILES)
def test_a_report_file_is_named_by_its_link_and_not_read(kind):
    r = parse_report(FILES[kind] * 20, "http://www.example.gov.cn/nb/202401/t20240118_5551.pdf",
                     filename="t20240118_5551.pdf", link_title=f" {TITLE}（PDF版） ")
    assert (r.status, r.status_reason) == (
        "no_tables", f"a {kind} file, not a web page: its tables are not read (nianbao reads HTML and text)")
    assert (r.title, r.report_year, r.published_date) == (TITLE + "（PDF版）", 2023, "2024-01-18")
    assert (r.publisher, r.region, r.template) == ("北京市某区某街道", "北京市某区", "unknown")
    assert r.cells == [] and r.checks == [] and r.sections == [] and r.encoding is None


def test_a_report_file_without_link_text_says_so():
    r = parse_report(FILES["PDF"] * 20, None, filename="x.pdf")
    assert r.status == "no_tables" and r.status_reason.endswith("; no link text names it")
    assert (r.title, r.report_year, r.publisher, r.template) == (None, None, None, "unknown")
    old = parse_report(FILES["PDF"], None, link_title="某区2017年政府信息公开工作年度报告")
    assert (old.report_year, old.template, old.status) == (2017, "pre2019", "no_tables")


def test_a_page_is_not_taken_for_a_file_nor_named_by_its_link():
    html = f"<html><head><title>{TITLE}</title></head><body><p>%PDF-1.4 是一种格式。</p></body></html>"
    r = parse_report(html.encode(), None, filename="a.html", link_title="某镇2021年政府信息公开工作年度报告")
    assert r.title == TITLE and "file" not in r.status_reason


def test_a_column_listing_the_report_as_a_pdf_gives_a_named_report_row(tmp_path):
    pdf = "/nb/202401/P020240118512345.pdf"
    routes = {"/nb/index.html": Static(page("年报", links((pdf, TITLE)))),
              pdf: Static(FILES["PDF"] * 20, content_type="application/pdf")}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert result.ok
    (report,), written = extract_store(tmp_path, tmp_path / "tables", stream=None, workers=1)
    assert report.source_url.endswith(pdf) and report.content_sha256
    assert (report.title, report.report_year, report.status) == (TITLE, 2023, "no_tables")
    assert report.status_reason.startswith("a PDF file, not a web page")
