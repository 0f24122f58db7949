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
    assert (text, enc) == (('<meta charset="utf-8">' + PAGE * 20 + "<p>版权所有：某区人民政府</p>"), "utf-8+gb18030")
    gbk = ('<meta charset="gbk">' + PAGE * 20).encode("gbk") + "<p>页脚</p>".encode()
    text, enc = decode(gbk)
    assert enc == "gb18030" and PAGE in text


# A full report page (our own names and numbers) for the hostile encodings below.
def _report(meta: str = "utf-8") -> tuple[str, str, str]:
    from html_builders import RL_VALUES, app_table, app_values, rl_table

    head = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={meta}'>"
            "<title>杭州市西湖区人民政府2023年政府信息公开工作年度报告</title></head><body>"
            "<h1>杭州市西湖区人民政府2023年政府信息公开工作年度报告</h1>"
            "<div>来源：杭州市西湖区人民政府办公室 发布时间：2024-01-18</div><div class='TRS_Editor'>")
    article = ("<p>一、总体情况</p><p>本年度持续推进政务公开。</p><p>三、收到和处理政府信息公开申请情况</p>"
               + app_table(app_values()) + "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + rl_table(RL_VALUES))
    return head, article, "</div><div class='footer'>版权所有：杭州市西湖区人民政府</div></body></html>"


def _facts(r) -> tuple:
    return (r.status, r.title, r.publisher, r.report_year, len(r.cells),
            sorted((c.table, c.row_key, c.col_key, c.value_raw) for c in r.cells))


def test_a_stray_byte_keeps_the_pages_own_encoding() -> None:
    # one bad byte in a long page: the detector read a GBK page as ISO-8859-5, and an ISO-8859-1
    # header made a UTF-8 page Latin-1 mojibake; every table was lost
    head, article, foot = _report("gbk")
    clean = parse_report("".join(_report()).encode())
    assert (clean.status, len(clean.cells)) == ("partial", 190)  # no table 二 here
    gbk = (head + article).encode("gbk") + b"\xff" + foot.encode("gbk")
    assert decode(gbk)[1] == "gb18030"
    assert _facts(parse_report(gbk)) == _facts(clean)
    utf8 = (head + article).replace("gbk", "utf-8").encode() + b"\x80" + foot.encode()
    assert decode(utf8, "text/html; charset=ISO-8859-1")[1] == "utf-8"
    assert _facts(parse_report(utf8, declared_encoding="text/html; charset=ISO-8859-1")) == _facts(clean)


def test_a_gbk_template_around_a_pasted_utf8_article() -> None:
    head, article, foot = _report("gbk")
    clean = parse_report("".join(_report()).encode())
    for body in (head.encode("gbk") + article.encode() + foot.encode("gbk"),
                 head.replace("gbk", "utf-8").encode() + article.encode("gbk") + foot.encode()):
        assert decode(body) == ("".join((head if b"charset=gbk" in body else head.replace("gbk", "utf-8"),
                                         article, foot)), "utf-8+gb18030")
        assert _facts(parse_report(body, declared_encoding="gbk")) == _facts(clean)


def test_utf16_without_a_bom() -> None:
    page = "".join(_report("utf-16"))
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(page.encode(codec)) == (page, codec)
        assert decode(page.encode(codec), "text/html; charset=UTF-16") == (page, codec)
    assert detect_encoding(page.encode("utf-16-be"), "utf-16").source == "utf-16"


def test_a_stray_byte_in_the_title_is_no_part_of_the_title_and_is_warned() -> None:
    head, article, foot = _report()
    body = head.replace("人民政府2023", "人民政府\x002023").encode().replace(b"\x00", b"\xff") + (article + foot).encode()
    r = parse_report(body)
    assert (r.title, r.publisher) == ("杭州市西湖区人民政府2023年政府信息公开工作年度报告", "杭州市西湖区人民政府")
    assert r.warnings[0].startswith("2 characters of the page are U+FFFD: bytes not decodable as utf-8")
