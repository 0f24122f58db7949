"""A year-only title line under the site's name, on a page whose body is found as the whole
<body> and whose <title> is that site name: the name line is the site's header, not the first
half of a title printed over two lines, so the title is not joined with it (the publisher is the
article's 来源 body, and its info line still gives the date). Our own text."""

from __future__ import annotations

from parsers import parse_report


def test_the_site_name_above_a_year_only_title_is_not_joined() -> None:
    page = ("<html><head><meta charset='utf-8'><title>梧桐市青溪区人民政府</title></head><body>"
            "<p>梧桐市青溪区人民政府</p><p>2023年政府信息公开工作年度报告</p>"
            "<div>来源：青溪区柳岸镇人民政府 发布时间：2024-01-22</div>"
            "<p>一、总体情况</p><p>2023年，我镇扎实推进政务公开。</p><p>二、主动公开政府信息情况</p><p>无。</p></body></html>")
    r = parse_report(page.encode(), "https://www.example.gov.cn/qx/202001/t20200109_1.html")
    assert r.title == "2023年政府信息公开工作年度报告"
    assert r.publisher != "梧桐市青溪区人民政府"
    assert r.published_date == "2024-01-22"
