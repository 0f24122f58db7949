"""Sections: headings found among tables of contents, quotes, sub-headings, wrapped lines and
page chrome (domain.md §2; schema.md `sections`). Each case is a page shape seen on real sites."""

from __future__ import annotations

import time

import pytest

from parsers import parse_report
from parsers.sections import split_sections

SIX = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def rows(text: str) -> list[tuple[int, str, str]]:
    return [(s.section, s.heading, s.text) for s in split_sections(text)]


def test_table_of_contents_is_passed_over():
    text = ("目录\n一、总体情况\n二、主动公开政府信息情况\n六、其他需要报告的事项\n"
            "一、总体情况\n本年度公开信息120条。\n二、主动公开政府信息情况\n见下表。\n六、其他需要报告的事项\n无。")
    assert rows(text) == [(1, "一、总体情况", "本年度公开信息120条。"), (2, "二、主动公开政府信息情况", "见下表。"),
                          (6, "六、其他需要报告的事项", "无。")]


def test_intro_listing_the_headings_is_not_a_heading():
    text = ("本报告包括：一、总体情况；二、主动公开政府信息情况；六、其他需要报告的事项。\n"
            "一、总体情况\n本年度公开信息120条。\n二、主动公开政府信息情况\n见下表。\n六、其他需要报告的事项\n无。")
    assert [r[2] for r in rows(text)] == ["本年度公开信息120条。", "见下表。", "无。"]


# pages where a heading's words also stand where no section starts: (page, the sections expected)
NOT_A_HEADING = {
    "quoted in prose": (
        "一、总体情况\n本年度公开信息120条，详见“二、主动公开政府信息情况”部分。\n"
        "二、主动公开政府信息情况\n见下表。\n六、其他需要报告的事项\n无。",
        [(1, "一、总体情况", "本年度公开信息120条，详见“二、主动公开政府信息情况”部分。"),
         (2, "二、主动公开政府信息情况", "见下表。"), (6, "六、其他需要报告的事项", "无。")]),
    "glued reference after a word": (
        "一、总体情况 全年公开信息52条。 二、主动公开政府信息情况 数据如下。相关数据见下文三、收到和处理政府信息公开申请情况。"
        " 规章 1 2 3 三、收到和处理政府信息公开申请情况 本年度受理申请5件。",
        [(1, "一、总体情况", "全年公开信息52条。"),
         (2, "二、主动公开政府信息情况", "数据如下。相关数据见下文三、收到和处理政府信息公开申请情况。 规章 1 2 3"),
         (3, "三、收到和处理政府信息公开申请情况", "本年度受理申请5件。")]),
    "bracketed sub-heading": (
        "一、总体情况\n（一）加强组织领导\n召开专题会议3次。\n（二）主动公开情况\n发布通知公告96条。\n"
        "二、主动公开政府信息情况\n见下表。\n六、其他需要报告的事项\n无。",
        [(1, "一、总体情况", "（一）加强组织领导\n召开专题会议3次。\n（二）主动公开情况\n发布通知公告96条。"),
         (2, "二、主动公开政府信息情况", "见下表。"), (6, "六、其他需要报告的事项", "无。")]),
}


@pytest.mark.parametrize("case", NOT_A_HEADING)
def test_heading_words_that_start_no_section(case):
    text, expected = NOT_A_HEADING[case]
    assert rows(text) == expected


def test_sub_headings_in_another_style_under_the_first_heading():
    text = "一、总体情况\n（一）基本情况\n甲。\n（二）主动公开\n乙。\n二、主动公开政府信息情况\n丙。"
    assert rows(text)[0] == (1, "一、总体情况", "（一）基本情况\n甲。\n（二）主动公开\n乙。")


@pytest.mark.parametrize("heading, number", [
    ("六、其它需要报告的事项", 6), ("六、其他需要说明的事项", 6), ("六、其他事项", 6),
    ("五、政府信息公开工作中存在的主要问题及改进情况", 5), ("五、工作中存在的问题及改进措施", 5),
    ("五、主要问题及改进情况", 5), ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", 4),
    ("三、收到和处理政府信息申请情况", 3), ("二、主动公开政府信息工作情况", 2), ("一、工作概况", 1),
])
def test_heading_variants(heading, number):
    assert rows(f"前言。\n{heading}\n正文。") == [(number, heading, "正文。")]
    glued = "一、总体情况甲。" + heading + "正文。" if number > 1 else heading + "正文。"
    assert rows(glued)[-1] == (number, heading, "正文。")


def test_heading_wrapped_over_lines():
    text = ("一、总体情况\n甲。\n四、政府信息公开行政复议、\n行政诉讼情况\n丁。\n"
            "五、存在的主要问题及改进情况\n戊。")
    assert rows(text)[1] == (4, "四、政府信息公开行政复议、行政诉讼情况", "丁。")


def test_heading_split_by_br_in_html():
    html = ("<div class='TRS_Editor'><p><strong>一、<br>总体情况</strong></p><p>甲。</p>"
            "<p><strong>二、主动公开<br>政府信息情况</strong></p><p>乙。</p>"
            "<p><strong>三、收到和处理政府信息公开<br>申请情况</strong></p><p>丙。</p>"
            "<p>六、其他需要报告的事项</p><p>无。</p></div>")
    got = [(s.section, s.heading, s.text) for s in parse_report(html.encode(), filename="x.html").sections]
    assert got == [(1, "一、总体情况", "甲。"), (2, "二、主动公开政府信息情况", "乙。"),
                   (3, "三、收到和处理政府信息公开申请情况", "丙。"), (6, "六、其他需要报告的事项", "无。")]


def test_text_on_the_heading_line_is_the_sections():
    assert rows("一、总体情况\n甲。\n六、其他需要报告的事项：无。\n某镇人民政府")[1] == \
        (6, "六、其他需要报告的事项", "无。\n某镇人民政府")
    html = ("<div class='TRS_Editor'><p>一、总体情况</p><p>甲。</p>"
            "<p><strong>二、主动公开政府信息情况</strong> 详见下表。</p><p>乙。</p></div>")
    got = parse_report(html.encode(), filename="x.html").sections
    assert (got[1].heading, got[1].text) == ("二、主动公开政府信息情况", "详见下表。\n乙。")
    # a unit note on the heading's own line is part of the heading, as before
    assert rows("四、政府信息公开行政复议、行政诉讼情况（单位：件）\n表")[0][1] == "四、政府信息公开行政复议、行政诉讼情况（单位：件）"


def test_neighbour_links_and_annex_end_the_last_section():
    text = "一、总体情况\n甲。\n六、其他需要报告的事项\n无。\n上一篇：某镇2021年政府信息公开工作年度报告\n下一篇：关于假期安排的通知"
    assert rows(text)[-1] == (6, "六、其他需要报告的事项", "无。")
    assert rows("六、其他需要报告的事项\n无。\n附件：某镇2022年政府信息公开情况统计表")[-1][2] == "无。"
    assert rows("六、其他需要报告的事项\n无。\n附件1\n某镇统计表")[-1][2] == "无。"


def test_footer_label_inside_prose_does_not_cut_the_text():
    text = "六、其他需要报告的事项\n本报告由区政府办公室（主办单位：区政务公开办）统一发布。本年度未收取信息处理费。"
    assert rows(text)[0][2] == "本报告由区政府办公室（主办单位：区政务公开办）统一发布。本年度未收取信息处理费。"
    assert rows("六、其他需要报告的事项\n无。\n主办单位：某区人民政府")[0][2] == "无。"


def test_heading_printed_as_a_pipe_row():
    text = "一、总体情况\n甲。\n|\n二、主动公开政府信息情况 | |||\n|\n第二十条第（一）项 | |||\n六、其他需要报告的事项\n无。"
    assert rows(text)[:2] == [(1, "一、总体情况", "甲。"), (2, "二、主动公开政府信息情况", "第二十条第（一）项 | |||")]


def test_paragraph_in_a_one_cell_table_stays_in_the_text():
    parts = "".join(f"<p>{h}</p><p>第{i}节。</p>" for i, h in enumerate(SIX[:4], 1))
    html = (f"<div class='TRS_Editor'>{parts}<p>{SIX[4]}</p>"
            "<table border='1'><tr><td><p>一是公开不够及时。</p></td></tr></table>"
            f"<p>{SIX[5]}</p><p>无。</p></div>")
    secs = parse_report(html.encode(), filename="x.html").sections
    assert [(s.section, s.text) for s in secs][4:] == [(5, "一是公开不够及时。"), (6, "无。")]


def test_table_of_contents_with_page_numbers():
    text = ("目录\n一、总体情况……1\n二、主动公开政府信息情况……2\n六、其他需要报告的事项……5\n"
            "一、总体情况\n甲。\n二、主动公开政府信息情况\n乙。\n六、其他需要报告的事项\n无。")
    assert [r[2] for r in rows(text)] == ["甲。", "乙。", "无。"]


def test_two_reports_on_one_page_read_the_first():
    one = "一、总体情况\n{0}年公开信息。\n二、主动公开政府信息情况\n{0}年表。\n六、其他需要报告的事项\n无。\n"
    got = rows("某镇2024年报告\n" + one.format(2024) + "某镇2025年报告\n" + one.format(2025))
    assert [r[2] for r in got][:2] == ["2024年公开信息。", "2024年表。"]


def test_traditional_characters():
    # a page served through a site's 繁體 gateway: headings found, text kept as printed
    text = "一、總體情況\n甲。\n二、主動公開政府信息情況\n乙。\n六、其他需要報告的事項\n無。"
    assert rows(text) == [(1, "一、總體情況", "甲。"), (2, "二、主動公開政府信息情況", "乙。"),
                          (6, "六、其他需要報告的事項", "無。")]


def test_a_sub_units_report_appended_does_not_replace_the_first():
    text = ("一、总体情况\n县。\n五、存在的主要问题及改进情况\n县。\n附：某局报告\n"
            "一、总体情况\n局。\n五、存在的主要问题及改进情况\n局。\n六、其他需要报告的事项\n无。")
    got = rows(text)
    assert [(n, t[:2]) for n, _h, t in got][:2] == [(1, "县。"), (5, "县。")]


def test_first_of_two_years_wins_even_with_a_quoted_heading():
    one = "一、总体情况\n{0}\n二、主动公开政府信息情况\n{1}\n六、其他需要报告的事项\n无。\n"
    text = one.format("甲，见“六、其他需要报告的事项”。", "乙。") + "2022年报告\n" + one.format("丙。", "丁。")
    assert [t for _n, _h, t in rows(text)][:2] == ["甲，见“六、其他需要报告的事项”。", "乙。"]


def test_glued_last_section_without_punctuation_is_text():
    assert rows("一、总体情况 甲。 二、主动公开政府信息情况 乙。 六、其他需要报告的事项无")[-1] == \
        (6, "六、其他需要报告的事项", "无")
    assert rows("一、总体情况\n甲。\n六、其他需要报告的事项无其他需要报告事项\n")[-1] == \
        (6, "六、其他需要报告的事项", "无其他需要报告事项")


def test_a_toolbar_before_the_article_ends_nothing():
    assert rows("【打印】 一、总体情况 甲。 二、主动公开政府信息情况 乙。") == [
        (1, "一、总体情况", "甲。"), (2, "二、主动公开政府信息情况", "乙。")]
    assert rows("一、总体情况 甲。 六、其他需要报告的事项 无。 主办单位：某区人民政府办公室")[-1][2] == "无。"


def test_sub_headings_do_not_win_over_a_differently_punctuated_heading():
    text = "一、总体情况\n概况。\n（一）基本情况\n甲。\n（二）主动公开情况\n乙。\n二．主动公开政府信息情况\n表。"
    assert [(n, h) for n, h, _t in rows(text)] == [(1, "一、总体情况"), (2, "二．主动公开政府信息情况")]


def test_table_of_contents_lines_with_page_words():
    text = "目录\n一、总体情况 第1页\n二、主动公开政府信息情况 第2页\n一、总体情况\n甲。\n二、主动公开政府信息情况\n乙。"
    assert [t for _n, _h, t in rows(text)] == ["甲。", "乙。"]


def test_many_reports_on_one_page_cost_linear_time():
    block = "一、总体情况\n甲。\n二、主动公开政府信息情况\n乙。\n三、收到和处理政府信息公开申请情况\n丙。\n" \
            "四、政府信息公开行政复议、行政诉讼情况\n丁。\n五、存在的主要问题及改进情况\n戊。\n六、其他需要报告的事项\n无。\n"
    t0 = time.perf_counter()
    got = rows(block * 2000)  # 12,000 headings
    assert time.perf_counter() - t0 < 10  # a guard against the square of the headings (46 s before)
    assert [t for _n, _h, t in got][:5] == ["甲。", "乙。", "丙。", "丁。", "戊。"]
