"""Guards on the unlabelled date of a 来源 line ("[2023-02-14]　来源：某局"): the date must stand on
its own in the article's own info line. A 来源 line further from the article (a footer, a box
around it) is another item's; a date that is the tail of an index number, a phrase ("更新于…")
or one end of a range is not the publication date. Our own page text."""

from __future__ import annotations

from parsers import parse_report

_TITLE = "梧桐县农业农村局2023年政府信息公开工作年度报告"
_URL = "https://www.example.gov.cn/content/post_9.html"


def _page(info: str, footer: str = "") -> bytes:
    return ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2024-01-19 10:00'>"
            f"<title>{_TITLE}</title></head><body><div class='wrap'><div class='main'><div class='art'>"
            f"<h1>{_TITLE}</h1><div class='info'>{info}</div><div class='article-content'><p>一、总体情况</p>"
            "<p>2023年，我局扎实推进政务公开。</p></div></div></div>"
            f"<div class='foot'>{footer}</div></div></body></html>").encode()


def test_a_footer_source_line_is_not_the_articles_date() -> None:
    r = parse_report(_page("来源：梧桐县农业农村局 浏览次数：37", "信息来源：梧桐县融媒体中心 2019-11-05 更新"), _URL)
    assert r.published_date == "2024-01-19"


def test_a_range_or_a_phrase_on_the_source_line_is_not_the_date() -> None:
    for info in ("来源：梧桐县农业农村局 统计期间：2023-01-01至2023-12-31",
                 "来源：梧桐县农业农村局（更新于2023-06-30）",
                 "索引号：000123456/2024-01-05 来源：梧桐县农业农村局"):
        assert parse_report(_page(info), _URL).published_date == "2024-01-19", info


def test_the_articles_own_source_line_date_is_still_read() -> None:
    for info in ("[2024-01-16]　来源：梧桐县农业农村局", "来源：梧桐县农业农村局　2024/1/16　【打印】",
                 "来源：梧桐县农业农村局|2024-01-16|浏览：5"):
        assert parse_report(_page(info), _URL).published_date == "2024-01-16", info
