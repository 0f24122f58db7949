"""Registry, discovery and encoding units (no network)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.encoding import detect_encoding
from scraper.challenge import detect_challenge
from scraper.discover import extract_anchors, is_column_url, is_report_title
from scraper.paging import list_page_urls
from scraper.registry import DEFAULT_REGISTRY, RegistryError, load_registry, parse_registry


def test_default_registry_covers_tianjin_districts():
    sites = {s.id: s for s in load_registry(DEFAULT_REGISTRY)}
    assert set(sites) == {"tjjh", "tjbd", "tjwq", "tjnh", "tjjz", "tjhp"}
    jh = sites["tjjh"]
    assert jh.admin_code == "120118" and jh.allowed_hosts == ("www.tjjh.gov.cn",)
    assert jh.column_urls == ("http://www.tjjh.gov.cn/jhqzf/zwgk_28985/zfxxgk_jz1/zwz1/zfxxgknb46/",)
    assert all(not s.allow_private for s in sites.values())
    assert all(u.startswith(f"http://{s.allowed_hosts[0]}/") for s in sites.values() for u in s.entry_urls)


def test_registry_overrides_and_validation():
    (site,) = parse_registry(
        '[[site]]\nid="d"\nname="demo"\nentry_urls=["http://127.0.0.1:8000/"]\nallow_private=true\n'
        '[site.overrides]\nmin_interval=0.1\nconcurrency=4\n'
    )
    cfg = site.config()
    assert (cfg.min_interval, cfg.concurrency, site.allow_private) == (0.1, 4, True)
    with pytest.raises(RegistryError, match="unknown crawl override 'speed'"):
        parse_registry('[[site]]\nid="d"\nname="d"\nentry_urls=["http://a/"]\n[site.overrides]\nspeed=1\n')
    with pytest.raises(RegistryError, match="not an http"):
        parse_registry('[[site]]\nid="d"\nname="d"\nentry_urls=["ftp://a/"]\n')
    with pytest.raises(RegistryError, match="duplicate site id"):
        parse_registry('[[site]]\nid="d"\nname="d"\nentry_urls=["http://a/"]\n' * 2)
    with pytest.raises(RegistryError, match="tls_profile"):
        parse_registry('[[site]]\nid="d"\nname="d"\nentry_urls=["http://a/"]\ntls_profile="old"\n')


def test_column_slugs_from_domain_spec():
    for url in ("http://h/zfxxgknb46/", "http://h/a/xxgknb_530/", "http://h/gknb2021/", "http://h/a/ndbg/index.html"):
        assert is_column_url(url), url
    assert not is_column_url("http://h/zfxxgknb46/202601/t20260121_7228444.html")


def test_truncated_list_titles_use_the_title_attribute():
    html = '<a href="t20260121_1.html" title="天津市静海区中旺镇2025年政府信息公开工作年度报告">天津市静海区中旺镇2025年政府…</a>'
    (a,) = extract_anchors(html, "http://h/nb/index.html")
    assert a.url == "http://h/nb/t20260121_1.html" and is_report_title(a.text)


def test_pagination_from_last_page_link_and_count_var():
    anchors = extract_anchors('<a href="index_4.html">尾页</a>', "http://h/nb/index.html")
    assert list_page_urls("", "http://h/nb/index.html", anchors)[-1] == "http://h/nb/index_4.html"
    assert len(list_page_urls("", "http://h/nb/index.html", anchors)) == 4
    assert list_page_urls("var countPage = 3//共多少页", "http://h/nb/index.shtml", []) == [
        "http://h/nb/index_1.shtml", "http://h/nb/index_2.shtml"]
    assert list_page_urls("<p>one page</p>", "http://h/nb/index.html", []) == []


def test_real_content_is_not_a_challenge():
    body = ("<html><script>document.cookie='a=1'</script><body>" + "政府信息公开工作年度报告" * 50 + "</body></html>").encode()
    assert detect_challenge(200, {}, body) is None
    assert detect_challenge(404, {}, b"not found") is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=40),
       st.sampled_from(["gbk", "gb2312", "GB18030", "utf-8"]))
def test_declared_chinese_pages_round_trip(text, label):
    try:
        body = f'<meta charset="{label}"><p>{text}</p>'.encode(label)
    except UnicodeEncodeError:
        return  # not representable in GB2312: nothing to test
    guess = detect_encoding(body, "text/html")
    assert body.decode(guess.encoding) == f'<meta charset="{label}"><p>{text}</p>'
    assert guess.source == "meta"


def test_backslash_hrefs_are_read_as_browsers_read_them():
    html = ('<a href=".\\2026\\t20260121_1.html">a</a><a href="\\\\h2\\x\\y.html">b</a>'
            '<a href="list.jsp?dir=a\\b">c</a>')
    assert [a.url for a in extract_anchors(html, "http://h/nb/index.html")] == [
        "http://h/nb/2026/t20260121_1.html", "http://h2/x/y.html", "http://h/nb/list.jsp?dir=a\\b"]
