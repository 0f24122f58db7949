"""The article's info line printed above its title, the title and body inside layout tables
(an older district CMS template), on a 2019 report moved to a new site in December 2020: the
published date is the info line's, not the URL's migration date. Our own page text."""

from __future__ import annotations

from parsers import parse_report

URL = "http://www.example.gov.cn/zwgk/zfxxgknb3/202012/t20201216_5550001.html"


def _page(info: str, sep: str = "") -> bytes:
    title = "梧桐市青溪区水务局2019年政府信息公开工作年度报告"
    parts = [f"<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='{title}'>"
             "<title>梧桐市青溪区人民政府</title></head><body>",
             "<div class='top'>梧桐市青溪区人民政府 2019年12月3日星期二</div><div class='main'>",
             f"<div class='info'>{info}</div>", f"<table width='100%'><tr><td class='bt'>{title}</td></tr>",
             "<tr><td><table><tr><td><div class='TRS_Editor'><div class='Custom_UnionStyle'>",
             "<p>一、总体情况</p><p>2019年，我局扎实推进政务公开。</p></div></div></td></tr></table></td></tr></table>",
             "</div></body></html>"]
    return sep.join(parts).encode()


def test_the_info_line_above_a_layout_table_title_gives_the_date() -> None:
    for sep in ("", "\n  \n"):
        r = parse_report(_page("来源：梧桐市青溪区水务局 发布时间：2020-01-17 09:12", sep), URL)
        assert r.published_date == "2020-01-17", sep


def test_a_line_above_the_title_without_a_source_field_is_not_read() -> None:
    r = parse_report(_page("最新公告 发布时间：2020-05-06"), URL)
    assert r.published_date == "2020-12-16"  # the URL's, as before: the line may be another article's
