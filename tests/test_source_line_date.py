"""The article's own info line printing its date with no label, beside its 来源 field
("[2023-02-14]　来源：某局"), a shape of some county CMS pages. Our own page text."""

from __future__ import annotations

from parsers import parse_report


def _page(info: str) -> bytes:
    title = "梧桐县水务局2022年政府信息公开工作年度报告"
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='info'>{info}</div><div class='article-content'><p>一、总体情况</p>"
            "<p>2022年，我局扎实推进政务公开。</p></div><div class='related'><ul>"
            "<li><a href='/1.html'>梧桐县水务局2021年政府信息公开工作年度报告</a><span>2022-01-20</span></li>"
            "</ul></div><div class='footer'>更新时间：2025-10-11</div></body></html>").encode()


def test_an_unlabelled_date_on_the_source_line_is_the_published_date() -> None:
    r = parse_report(_page("[2023-02-14]　来源：梧桐县水务局"), "https://www.example.gov.cn/content/post_7.html")
    assert r.published_date == "2023-02-14"


def test_a_date_under_another_label_on_the_source_line_is_not() -> None:
    r = parse_report(_page("来源：梧桐县水务局　更新时间：2023-03-01"), "https://www.example.gov.cn/content/post_7.html")
    assert r.published_date is None
