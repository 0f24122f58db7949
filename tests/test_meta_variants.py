"""Report metadata on page shapes that gave wrong values: empty source fields, sidebar towns,
year typos, statistics periods in other words, today's-date widgets, site-name suffixes.

Each page is written here (our own names and numbers) after a shape seen on real sites.
"""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page, rl_table

from parsers import parse_report

AD = {"规章": ["0", "0", "2"], "行政规范性文件": ["3", "1", "17"], "行政许可": ["640"],
      "行政处罚": ["52"], "行政强制": ["0"], "行政事业性收费": ["8.5"]}


def _body() -> str:
    html = page(ad_table_2021(AD), app_table(app_values()), rl_table(RL_VALUES)).decode("utf-8")
    start = html.index("<div class='TRS_Editor'>") + len("<div class='TRS_Editor'>")
    return html[start: html.index("</div><div class='footer'>")]


def _page(*, title: str, info: str = "", top: str = "", side: str = "", body: str = "", end: str = "") -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{top}"
            f"<div class='side'>{side}</div><h1>{title}</h1><div class='info'>{info}</div>"
            f"<div class='TRS_Editor'>{body}{_body()}{end}</div></body></html>").encode()


def _txt(header: dict[str, str], body: str) -> bytes:
    lines = [f"{k}: {v}" for k, v in header.items()] + ["==================== 正文 ====================", body]
    return "\n".join(lines).encode("utf-8")


def test_an_empty_source_field_does_not_take_the_next_label_or_a_widget() -> None:
    signed = "<p>天津市静海区水务局</p><p>2024年1月19日</p>"
    for info in ("<span>来源：</span> <span>公开日期：2024-01-19</span>", "来源： 分享到：微信 微博",
                 "来源：【打印】【关闭】 发布时间：2024-01-19", "发布机构： 发布人：张三"):
        r = parse_report(_page(title="2023年度政府信息公开工作年度报告", info=info, end=signed))
        assert (r.publisher, r.region) == ("天津市静海区水务局", "天津市静海区"), info


def test_an_empty_header_field_of_a_text_dump_does_not_take_the_next_line() -> None:
    header = {"标题": "2023年政府信息公开工作年度报告", "发布时间": "2024-01-22 10:00", "发布机构": "",
              "栏目": "政府信息公开年报", "原文链接": "https://www.tjjh.gov.cn/nb/202401/t20240122_7.htm"}
    body = "统计期限自2023年1月1日起至2023年12月31日止。\n一、总体情况\n我镇推进公开。\n天津市静海区梁头镇人民政府\n2024年1月22日"
    r = parse_report(_txt(header, body), filename="x.txt")
    assert r.publisher == "天津市静海区梁头镇人民政府"
    assert (r.report_year, r.published_date) == (2023, "2024-01-22")


def test_a_town_named_only_in_a_sidebar_list_is_not_the_publisher() -> None:
    side = "<ul><li><a href='/a.html'>蔡公庄镇人民政府2022年政府信息公开工作年度报告</a></li>" \
           "<li><a href='/b.html'>蔡公庄镇人民政府2021年政府信息公开工作年度报告</a></li></ul>"
    r = parse_report(_page(title="2023年政府信息公开工作年度报告", side=side, body="<p>2023年，我镇推进公开。</p>"))
    assert r.publisher is None  # unknown rather than another town


def test_title_years_typed_with_a_digit_or_latin_zero() -> None:
    for year in ("二0二三", "二O二三", "二〇二三"):
        r = parse_report(_page(title=f"静海区陈官屯镇人民政府{year}年政府信息公开工作年度报告"))
        assert (r.publisher, r.report_year, r.region) == ("静海区陈官屯镇人民政府", 2023, "天津市静海区"), year


def test_statistics_periods_in_chinese_numerals_or_other_words_beat_comparison_and_plan_years() -> None:
    title = "大邱庄镇人民政府政府信息公开工作年度报告"  # no year in the title
    prose = "<p>与2022年相比，申请数量有所增加。2024年，我镇将继续深化公开。</p>"
    for period in ("本报告统计期限自二〇二三年一月一日起至二〇二三年十二月三十一日止。",
                   "本报告统计时限自2023年1月1日至2023年12月31日。", "报告期为2023年1月1日至12月31日。",
                   "本报告数据自2023年1月1日起至2023年12月31日止。"):
        for info in ("", "发布时间：2024-01-20"):
            r = parse_report(_page(title=title, info=info, body=f"<p>{period}</p>{prose}"))
            assert r.report_year == 2023, (period, info)


def test_a_title_naming_its_publication_year_yields_to_the_statistics_period() -> None:
    body = "<p>本报告统计期限自2023年1月1日起至2023年12月31日止。</p>"
    r = parse_report(_page(title="静海区统计局2024年政府信息公开工作年度报告", info="发布时间：2024-01-20", body=body))
    assert r.report_year == 2023
    # published a year later, the title is right and the period was left from last year's report
    r = parse_report(_page(title="静海区统计局2024年政府信息公开工作年度报告", info="发布时间：2025-01-20", body=body))
    assert r.report_year == 2024


def test_a_labelled_today_widget_is_not_the_publication_date() -> None:
    r = parse_report(_page(title="静海区统计局2023年政府信息公开工作年度报告",
                           info="<span>日期：2026年3月5日 星期四</span> 来源：静海区统计局"),
                     "http://www.tjjh.gov.cn/zfxxgknb/202401/t20240118_9.html")
    assert r.published_date == "2024-01-18"


def test_region_from_the_source_field_and_from_a_district_no_other_place_bears() -> None:
    header = {"标题": "江口镇人民政府2022年度政府信息公开工作年度报告", "发布时间": "2023-03-17 12:20",
              "发布机构": "赣县区江口镇人民政府"}
    r = parse_report(_txt(header, "一、总体情况\n2022年，我镇推进公开。"), filename="x.txt")
    assert (r.publisher, r.region) == ("江口镇人民政府", "江西省赣州市赣县区")
    r = parse_report(_page(title="浦东新区档案局2023年政府信息公开工作年度报告"))
    assert r.region == "上海市浦东新区"
    # 江北区 is a district of 重庆 and of 宁波: without either printed, no region
    assert parse_report(_page(title="江北区档案局2023年政府信息公开工作年度报告")).region is None


def test_the_site_name_after_a_spaced_dash_is_not_part_of_the_title() -> None:
    data = _page(title="静海区统计局2023年政府信息公开工作年度报告 - 天津市静海区人民政府")
    data = data.replace("<h1>静海区统计局2023年政府信息公开工作年度报告 - 天津市静海区人民政府</h1>".encode(), b"")
    assert parse_report(data).title == "静海区统计局2023年政府信息公开工作年度报告"


def test_publisher_in_an_info_table_without_colons_or_in_the_opening_sentence() -> None:
    info = "<table><tr><th>发布机构</th><td>兴化市统计局</td></tr><tr><th>成文日期</th><td>2024-02-06</td></tr></table>"
    r = parse_report(_page(title="2023年政府信息公开工作年度报告", info=info))
    assert (r.publisher, r.region) == ("兴化市统计局", "江苏省泰州市兴化市")
    empty = "<table><tr><th>发布机构</th><td></td></tr><tr><th>成文日期</th><td>2024-02-06</td></tr></table>"
    assert parse_report(_page(title="2023年政府信息公开工作年度报告", info=empty)).publisher is None
    opening = "<p>现将微山县统计局2023年政府信息公开工作情况报告如下。</p>"
    r = parse_report(_page(title="2023年政府信息公开工作年度报告", body=opening))
    assert (r.publisher, r.region) == ("微山县统计局", "山东省济宁市微山县")


def test_a_text_dump_with_an_empty_title_field_takes_the_title_from_its_breadcrumb_line() -> None:
    header = {"标题": "", "发布时间": "2024-01-22 10:00", "发布机构": "1"}
    body = ("当前位置： 首页 政务公开 政府信息公开年报 静海区独流镇人民政府2023年政府信息公开工作年度报告 "
            "来源：静海区独流镇人民政府 时间：2024-01-22 10:00 微信 微博 打印\n一、总体情况\n2023年，我镇推进公开。")
    r = parse_report(_txt(header, body), filename="x.txt")
    assert (r.title, r.publisher, r.report_year) == ("静海区独流镇人民政府2023年政府信息公开工作年度报告",
                                                     "静海区独流镇人民政府", 2023)


def test_the_bodys_own_signature_beats_the_general_office_that_uploaded_it() -> None:
    signed = "<p>海淀区苏家坨镇人民政府</p><p>2022年2月10日</p>"
    r = parse_report(_page(title="2021年政府信息公开工作年度报告", info="来源：海淀区人民政府办公室", end=signed))
    assert (r.publisher, r.region) == ("海淀区苏家坨镇人民政府", "北京市海淀区")
    # a department's own source field stays first
    r = parse_report(_page(title="2021年政府信息公开工作年度报告", info="来源：海淀区统计局", end=signed))
    assert r.publisher == "海淀区统计局"


def test_region_from_the_bodys_own_name_when_title_and_source_are_short() -> None:
    header = {"标题": "财政金融局2022年度政府信息公开工作年度报告", "发布时间": "2023-01-15 10:00", "发布机构": "区财政金融局"}
    body = "本报告由平潭综合实验区财政金融局编制，统计期限为2022年1月1日至2022年12月31日。\n一、总体情况\n略。"
    r = parse_report(_txt(header, body), filename="x.txt")
    assert (r.publisher, r.region, r.report_year) == ("财政金融局", "福建省平潭综合实验区", 2022)


def test_a_breadcrumb_line_gives_a_title_only_when_it_ends_in_the_articles_own() -> None:
    header = {"标题": "", "发布时间": "2024-01-18 09:30", "发布机构": ""}
    lines = ("当前位置：首页 > 年报 根据《某市人民政府办公室关于做好2022年政府信息公开工作年度报告编制发布工作的通知》要求，编制本报告。",
             "当前位置：首页 > 年报 上一篇：某局2022年政府信息公开工作年度报告 发布时间：2023-01-18 统计期限自2023年1月1日起。",
             "当前位置：首页政务公开政府信息公开年报某镇2023年政府信息公开工作年度报告 来源：某镇 时间：2024-01-18")
    for line in lines:
        r = parse_report(_txt(header, line + "\n一、总体情况\n略。"), filename="x.txt")
        assert r.title is None, line
        assert r.published_date == "2024-01-18", line  # the crawler's own date, not the 上一篇 link's


def test_an_info_table_source_cell_left_empty_does_not_take_the_next_label() -> None:
    info = "<table><tr><th>发布机构</th><td></td></tr><tr><th>公开方式</th><td>主动公开</td></tr></table>"
    assert parse_report(_page(title="2023年政府信息公开工作年度报告", info=info)).publisher is None


def test_the_page_title_part_that_is_the_report_is_the_title() -> None:
    for page_title, want in (("示例区人民政府 - 静海区统计局2023年政府信息公开工作年度报告", "静海区统计局2023年政府信息公开工作年度报告"),
                             ("静海区统计局 - 2023年政府信息公开工作年度报告", "静海区统计局2023年政府信息公开工作年度报告")):
        data = _page(title=page_title).replace(f"<h1>{page_title}</h1>".encode(), b"")
        r = parse_report(data)
        assert (r.title, r.publisher) == (want, "静海区统计局"), page_title


def test_the_day_figures_were_pulled_is_not_the_year_reported() -> None:
    body = "<p>本报告数据统计时间为2024年1月10日。2023年，我局推进公开。</p>"
    r = parse_report(_page(title="静海区统计局政府信息公开工作年度报告", info="发布时间：2024-01-18", body=body))
    assert r.report_year == 2023


def test_a_general_offices_own_report_keeps_its_full_name() -> None:
    body = "<p>根据《条例》要求，区政府办公室编制了本报告。</p>"
    r = parse_report(_page(title="2023年政府信息公开工作年度报告", info="来源：赣州市赣县区人民政府办公室", body=body))
    assert r.publisher == "赣州市赣县区人民政府办公室"


def test_a_statistics_time_that_is_a_period_still_gives_the_year() -> None:
    body = "<p>本报告统计时间为2023年1月1日至12月31日。2024年，我局将继续推进公开，2024年重点做好解读。</p>"
    r = parse_report(_page(title="静海区统计局政府信息公开工作年度报告", body=body))
    assert r.report_year == 2023
