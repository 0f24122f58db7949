"""Inputs saved the wrong way: a page under a .txt name, gzip bytes under .html, a page of
thousands of unclosed nested tables. Each is read for what it is, or fails with its reason."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from parsers import parse_report

SITE = Path(__file__).parent / "fixtures" / "site"
PAGE = next(SITE.rglob("t20230116_6008412.html")).read_bytes()


def test_web_page_saved_as_txt_is_read_as_html() -> None:
    as_html = parse_report(PAGE, filename="p.html")
    as_txt = parse_report(PAGE, filename="p.txt")
    assert as_txt.status == as_html.status == "ok"
    assert as_txt.cells == as_html.cells and as_txt.publisher == as_html.publisher
    assert "<" not in (as_txt.publisher or "")
    # a text dump that quotes a tag further down stays text
    assert parse_report("一、总体情况\n见<html>标签。".encode(), filename="d.txt").table_source == "none"


def test_gzip_bytes_saved_as_html() -> None:
    r = parse_report(gzip.compress(PAGE), filename="p.html")
    plain = parse_report(PAGE, filename="p.html")
    assert (r.status, r.cells) == (plain.status, plain.cells)
    assert "the input is gzip-compressed; read decompressed" in r.warnings
    cut = parse_report(gzip.compress(PAGE)[:500], filename="p.html")
    assert (cut.status, cut.status_reason) == ("failed", "ValueError: gzip-compressed input cut short")


def test_thousands_of_unclosed_nested_tables() -> None:
    page = ("<html><head><meta charset='utf-8'><title>某区2023年政府信息公开工作年度报告</title></head><body>"
            + "".join(f"<table><tr><td>第{i}行" for i in range(1500)) + "</body></html>").encode()
    t0 = time.perf_counter()
    r = parse_report(page, filename="x.html")
    # not a timing benchmark: a guard against cost that grows with the cube of the nesting
    # (this page took over a minute when every table's text was searched for every table around it)
    assert time.perf_counter() - t0 < 20
    assert r.status == "no_tables" and r.cells == []


def test_block_elements_nested_beyond_reason_are_refused_with_the_reason() -> None:
    # lexbor's own tree building takes ~N² on N nested <div>s (100,000: 45 s): refused unparsed
    head = "<html><head><title>某区2023年政府信息公开工作年度报告</title></head><body>"
    deep = parse_report((head + "<div>" * 60_000 + "<section>" * 5 + "正文").encode(), filename="x.html")
    assert deep.status == "failed" and deep.status_reason == (
        "ValueError: block elements nested 60005 deep (<div><div>…): not parsed, the HTML parser's time "
        "grows with the square of the depth")
    # as many block elements, each closed, are an ordinary (long) page
    flat = parse_report((head + "<div>段落</div>" * 60_000).encode(), filename="x.html")
    assert flat.status == "no_tables" and flat.title == "某区2023年政府信息公开工作年度报告"
    # and a continuation page is held to the same limit
    later = parse_report(PAGE, filename="p.html", extra_pages=[b"<div>" * 60_000])
    assert later.status == "failed" and "nested 60000 deep" in later.status_reason
