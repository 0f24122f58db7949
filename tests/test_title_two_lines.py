"""A title printed only in the body, over two lines (the body's name, then "2019年政府信息公开工作
年度报告"), on a page whose <title> is the site's name and whose 来源 is the district office that
uploaded it: the publisher is the body the title names, not the uploading office. Our own text."""

from __future__ import annotations

from parsers import parse_report


def _page(first: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>梧桐市青溪区人民政府</title></head><body>"
            "<div class='top'>梧桐市青溪区人民政府</div><div class='info'>来源：梧桐市青溪区人民政府办公室 发布时间：2020-01-09</div>"
            f"<div class='TRS_Editor'>{first}<p>一、总体情况</p><p>2019年，我办扎实推进政务公开。</p>"
            "<p style='text-align:right'>梧桐市青溪区政务服务办公室</p></div></body></html>").encode()


def test_a_title_over_two_body_lines_names_the_publisher() -> None:
    r = parse_report(_page("<p align='center'>梧桐市青溪区政务服务办公室</p><p align='center'>2019年政府信息公开工作年度报告</p>"))
    assert r.title == "梧桐市青溪区政务服务办公室2019年政府信息公开工作年度报告"
    assert (r.publisher, r.report_year) == ("梧桐市青溪区政务服务办公室", 2019)


def test_a_year_only_title_line_after_a_sentence_stays_as_it_was() -> None:
    r = parse_report(_page("<p>本报告由梧桐市青溪区政务服务办公室编制。</p><p align='center'>2019年政府信息公开工作年度报告</p>"))
    assert r.title == "2019年政府信息公开工作年度报告"
