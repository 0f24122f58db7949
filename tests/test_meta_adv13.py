"""Metadata read wrong on realistic page shapes (adversarial round adv13meta): each test pins the
value now read, or that the field is left empty rather than wrong."""

from __future__ import annotations

from html_builders import RL_VALUES, app_table, app_values, rl_table

from parsers import parse_report

_TABLES = "三、收到和处理政府信息公开申请情况" + app_table(app_values()) + "四、政府信息公开行政复议、行政诉讼情况" + rl_table(RL_VALUES)


def _html(title: str, info: str, paras: list[str], *, before: str = "", after: str = "", foot: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='left'>{before}</div><div class='article'><h1>{title}</h1><div class='info'>{info}</div>"
            f"<div class='TRS_Editor'><p>一、总体情况</p>{body}{_TABLES}<p>五、存在的主要问题及改进情况</p><p>无。</p>"
            f"<p>六、其他需要报告的事项</p><p>无。</p>{after}</div></div><div class='foot'>{foot}</div></body></html>").encode()


def test_a_year_compared_with_is_not_the_report_year() -> None:
    # no year printed for the report itself: "较2022年增长" compares, "2024年" plans
    data = _html("梧桐区民政局政府信息公开工作年度报告", "来源：梧桐区民政局　发布时间：2024-01-20",
                 ["本年度，我局认真落实条例。", "本年度收到申请5件，较2022年增长25%。", "2024年，我局将继续深化公开。"])
    r = parse_report(data, url="http://www.example.gov.cn/zwgk/7.html")
    assert (r.report_year, r.published_date) == (None, "2024-01-20")


def _flattened(own: str, date: str, related: list[tuple[str, str]], *, tail: bool = False) -> bytes:
    lines = ["梧桐县人民政府", "2019年12月3日星期二", "首页", "政务公开"]
    links = ["相关文章"] + [x for t, d in related for x in (t, d)]
    head = [own, "来源：", "梧桐县财政局", "发布时间：", date] if date else [own, "来源：", "梧桐县财政局"]
    body = ["一、总体情况", "本报告统计期限自2023年1月1日起至2023年12月31日止。", "2023年，我局扎实推进公开。",
            "二、主动公开政府信息情况", "略。"]
    text = lines + (head + body + links if tail else links + head + body)
    return "\n".join(text).encode()


def test_text_copy_with_related_reports_above_takes_the_articles_title() -> None:
    related = [(f"梧桐县财政局{y}年政府信息公开工作年度报告", f"{y + 1}-01-16") for y in (2020, 2021, 2022)]
    r = parse_report(_flattened("梧桐县财政局2023年政府信息公开工作年度报告", "2024-01-22", related), filename="x.txt")
    assert (r.title, r.report_year, r.published_date) == ("梧桐县财政局2023年政府信息公开工作年度报告", 2023, "2024-01-22")


def test_text_copy_previous_link_above_the_title_is_not_the_title() -> None:
    text = "\n".join(["上一篇：", "梧桐县财政局2022年政府信息公开工作年度报告", "时间：2023-01-15",
                      "梧桐县财政局2023年政府信息公开工作年度报告", "来源：梧桐县财政局　发布时间：2024-01-22",
                      "一、总体情况", "2023年，我局扎实推进公开。与2022年相比，申请量下降。"])
    r = parse_report(text.encode(), filename="x.txt")
    assert (r.title, r.report_year, r.published_date) == ("梧桐县财政局2023年政府信息公开工作年度报告", 2023, "2024-01-22")


def test_text_copy_related_links_after_the_report_give_no_date() -> None:
    # the article prints no date; the related list under it ends the text with other articles' dates
    related = [(f"梧桐县财政局{y}年政府信息公开工作年度报告", f"发布日期：{y + 1}-01-16") for y in (2020, 2021, 2022)]
    data = _flattened("梧桐县财政局2023年政府信息公开工作年度报告", "", related, tail=True)
    r = parse_report(data, url="http://x.gov.cn/zwgk/202401/t20240122_1.html", filename="x.txt")
    assert (r.title, r.report_year, r.published_date) == ("梧桐县财政局2023年政府信息公开工作年度报告", 2023, "2024-01-22")
    assert parse_report(data, filename="x.txt").published_date is None
    one = _flattened("梧桐县财政局2023年政府信息公开工作年度报告", "", related[-1:], tail=True)
    assert parse_report(one, filename="x.txt").published_date is None


def test_text_copy_with_related_reports_and_no_year_for_its_own() -> None:
    related = [(f"梧桐县财政局{y}年政府信息公开工作年度报告", f"{y + 1}-01-16") for y in (2020, 2021, 2022)]
    text = "\n".join(["相关文章", *[x for t, d in related for x in (t, d)], "梧桐县财政局政府信息公开工作年度报告",
                      "来源：梧桐县财政局　发布时间：2024-01-22", "一、总体情况", "本年度，我局扎实推进公开。",
                      "2024年，我局将继续。"])
    r = parse_report(text.encode(), filename="x.txt")
    assert (r.report_year, r.published_date) == (None, "2024-01-22")


def test_website_as_source_is_not_the_publisher() -> None:
    data = _html("2023年政府信息公开工作年度报告", "来源：区政府网　发布时间：2024-01-20", ["2023年，我局扎实推进公开。"])
    r = parse_report(data)
    assert (r.publisher, r.report_year) == (None, 2023)


def test_shared_district_name_with_the_other_municipality_mentioned() -> None:
    # 河东区 of 临沂市: the page names 天津市 only as a place visited
    data = _html("河东区财政局2023年政府信息公开工作年度报告", "来源：河东区财政局　发布时间：2024-01-20",
                 ["2023年，我局组织人员赴天津市学习公开经验。"], foot="主办单位：山东省临沂市河东区人民政府办公室")
    r = parse_report(data)
    assert (r.publisher, r.region, r.report_year) == ("河东区财政局", None, 2023)
    data = _html("河东区财政局2023年政府信息公开工作年度报告", "来源：河东区财政局　发布时间：2024-01-20",
                 ["2023年，我局扎实推进公开。"], foot="主办单位：天津市河东区人民政府办公室")
    assert parse_report(data).region == "天津市河东区"


def test_market_regulation_is_not_a_city() -> None:
    data = _html("天津市河东區市场监督管理局2023年政府信息公开工作年度报告", "发布时间：2024-01-20", ["2023年，我局扎实推进公开。"])
    assert parse_report(data).region == "天津市"


def test_text_copy_listing_its_own_title_again_and_a_one_line_previous_link_keep_the_title() -> None:
    # the article's title over its info line, then "相关链接：" listing the same title again
    own = "梧桐县财政局2023年政府信息公开工作年度报告"
    text = "\n".join(["当前位置： 首页 > 政务公开 > 政府信息公开年报", own, "来源：梧桐县财政局 时间：2024-01-22 10:18",
                      "相关链接：", own, "一、总体情况", "2023年，我局扎实推进公开。"])
    r = parse_report(text.encode(), filename="x.txt")
    assert (r.title, r.report_year, r.published_date) == (own, 2023, "2024-01-22")
    # "上一篇：" and another year's title on one line, the article's title on the next
    text = "\n".join(["上一篇：梧桐县财政局2022年政府信息公开工作年度报告", own, "一、总体情况", "本年度，我局扎实推进公开。"])
    r = parse_report(text.encode(), filename="x.txt")
    assert (r.title, r.report_year) == (own, 2023)


def test_a_generic_cms_page_name_is_no_title() -> None:
    # the page prints no title at all; its <title> names the page kind and the site
    data = ("<html><head><meta charset='utf-8'><title>详细信息_梧桐区人民政府</title></head><body>"
            "<div class='TRS_Editor'><p>一、总体情况</p><p>本年度，我局认真落实条例。</p>"
            f"{_TABLES}<p>梧桐区民政局</p></div></body></html>").encode()
    r = parse_report(data, url="http://www.example.gov.cn/zwgk/7.html")
    assert r.title is None
    # a real <title> that names no report is still the title
    other = data.replace("详细信息_梧桐区人民政府".encode(), "关于梧桐区民政工作情况的说明".encode())
    assert parse_report(other, url="http://www.example.gov.cn/zwgk/7.html").title == "关于梧桐区民政工作情况的说明"


def test_a_source_field_naming_the_uploading_office_by_its_short_name_is_not_the_publisher() -> None:
    data = _html("2023年政府信息公开工作年度报告", "来源：政务公开办　发布时间：2024-01-20",
                 ["2023年，我局扎实推进政务公开。"], after="<p>梧桐区水务局</p><p>2024年1月20日</p>")
    r = parse_report(data, url="http://www.example.gov.cn/zwgk/8.html")
    assert r.publisher == "梧桐区水务局"


def test_a_bracket_after_the_title_is_the_titles_own_even_when_it_says_published() -> None:
    title = "梧桐县某街道办事处2021年政府信息公开工作年度报告（2022年1月发布）"
    body = ["一、总体情况", "本报告统计期限自2021年1月1日起至2021年12月31日止。", "二、主动公开政府信息情况", "略。"]
    for head in ([title, "来源：梧桐县某街道办事处　发布时间：2022-01-26 09:30"],
                 [f"{title} 来源：梧桐县某街道办事处 发布时间：2022-01-26 09:30"]):
        r = parse_report("\n".join(["梧桐县人民政府", "首页", *head, *body]).encode(), filename="x.txt")
        assert (r.title, r.report_year, r.published_date) == (title, 2021, "2022-01-26")
