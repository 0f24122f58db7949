"""The one encoding choice shared by the crawler (what it records) and the parser (what it reads)."""

from __future__ import annotations

from parsers import parse_report
from parsers.encoding import decode, detect_encoding

PAGE = "<html><body><h1>某区2023年政府信息公开工作年度报告</h1><p>一、总体情况</p></body></html>"


def test_a_latin1_default_header_loses_to_gbk_bytes() -> None:
    body = PAGE.encode("gbk")
    guess = detect_encoding(body, "text/html; charset=ISO-8859-1")
    assert (guess.declared, guess.encoding, guess.source) == ("iso-8859-1", "gb18030", "gb18030")
    assert decode(body, "iso-8859-1") == (PAGE, "gb18030")


def test_latin1_is_read_only_when_nothing_else_decodes() -> None:
    body = "café \xff".encode("latin-1") + b"\x81"  # invalid as UTF-8 and as GB18030
    guess = detect_encoding(body, "text/html; charset=iso-8859-1")
    assert (guess.encoding, guess.source) == ("iso8859-1", "header")


def test_a_utf16_meta_label_means_utf8() -> None:
    body = ('<meta charset="utf-16">' + PAGE).encode("utf-8")
    assert detect_encoding(body).encoding == "utf-8"
    assert detect_encoding(body).declared == "utf-8"


def test_a_bare_label_or_a_content_type_without_charset() -> None:
    body = PAGE.encode("gbk")
    assert detect_encoding(body, "gbk") == ("gbk", "gb18030", "header")
    assert detect_encoding(body, "text/html").declared is None


def test_the_parser_reads_the_encoding_the_crawler_chose() -> None:
    # UTF-8 bytes that also decode strictly as GB18030 (as mojibake): a site override told the
    # crawler they are UTF-8, and the pipeline hands its choice to the parser as the label
    page = "<html><body><h1>某区政府信息公开工作年度报告</h1><p>总体情况</p></body></html>"
    body = page.encode("utf-8")
    assert body.decode("gb18030") != page  # decodes, wrongly
    assert detect_encoding(body, "text/html; charset=gbk").encoding == "gb18030"  # the server's lie wins…
    crawler = detect_encoding(body, "text/html; charset=gbk", override="utf-8")
    assert crawler.encoding == "utf-8"
    r = parse_report(body, None, declared_encoding=crawler.encoding)  # …unless the crawler's choice is passed
    assert r.encoding == "utf-8" and r.title == "某区政府信息公开工作年度报告"
    assert parse_report(body, None, declared_encoding="gbk").title != r.title


def test_a_utf8_page_with_a_gbk_footer_keeps_its_utf8_text() -> None:
    # nothing decodes strictly: the read that loses fewest bytes, the page's declaration on a tie
    body = ('<meta charset="utf-8">' + PAGE * 20).encode("utf-8") + "<p>版权所有：某区人民政府</p>".encode("gbk")
    text, enc = decode(body)
    assert enc == "utf-8" and PAGE in text
    gbk = ('<meta charset="gbk">' + PAGE * 20).encode("gbk") + "<p>页脚</p>".encode()
    text, enc = decode(gbk)
    assert enc == "gb18030" and PAGE in text
