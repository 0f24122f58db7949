"""A publisher named by a bare district shared by several prefectures (鼓楼区 is in 南京、福州、
徐州 and 开封): the region is the one the page prints in full (a footer's 主办单位 line), and
unknown when the page prints two. Our own page text."""

from __future__ import annotations

from parsers import parse_report


def _page(foot: str) -> bytes:
    title = "鼓楼区教育局2023年政府信息公开工作年度报告"
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
            "<div class='info'>发布时间：2024-01-18</div><div class='TRS_Editor'><p>一、总体情况</p>"
            "<p>2023年，我局扎实推进政务公开。</p></div>"
            f"<div class='footer'>{foot}</div></body></html>").encode()


def test_a_shared_district_name_placed_by_the_footer_printing_it_in_full() -> None:
    r = parse_report(_page("主办单位：福建省福州市鼓楼区人民政府办公室 版权所有"), "http://www.example.gov.cn/a/1.html")
    assert (r.publisher, r.region) == ("鼓楼区教育局", "福建省福州市鼓楼区")


def test_two_prefectures_printed_with_the_district_leave_the_region_unknown() -> None:
    foot = "主办单位：福建省福州市鼓楼区人民政府办公室 友情链接：南京市鼓楼区人民政府"
    r = parse_report(_page(foot), "http://www.example.gov.cn/a/1.html")
    assert r.region is None
