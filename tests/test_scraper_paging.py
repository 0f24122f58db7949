"""List pagination never invents pages: only a page-number token of a URL is counted up, a 尾页
that points at the page itself means one page, and a year is not a page number."""

from __future__ import annotations

from scraper_servers import Server, Static, crawl, links, make_site, page, report_html

from scraper.discover import Anchor, extract_anchors
from scraper.paging import list_page_urls

COL = "http://h/nb/zfxxgknb46/index.html"


def pages(body: str, url: str = COL, html: str = "") -> list[str]:
    return list_page_urls(html, url, extract_anchors(body, url))


def test_last_page_link_to_the_page_itself_is_one_page():
    assert pages('<a href="index.html">首页</a> <a href="index.html">尾页</a>') == []
    # on the last page of a list, 尾页 is that page too; the other page links still count (page 1,
    # index.html, is where the crawl came from)
    last = "http://h/nb/zfxxgknb46/index_2.html"
    assert pages('<a href="index.html">1</a><a href="index_1.html">2</a><a href="index_2.html">尾页</a>', last) == [
        "http://h/nb/zfxxgknb46/index_1.html"]


def test_numbers_outside_the_page_token_are_never_counted_up():
    # the column's own number (zfxxgknb46) is not a page number, whatever link names it
    assert pages('<a href="/nb/zfxxgknb46/">尾页</a>') == []
    assert pages('<a href="/nb/zfxxgknb46/2024/">2024</a><a href="/nb/zfxxgknb46/2023/">2023</a>') == []
    assert pages('<a href="/nb/list/2024.html">2024</a>') == []  # a year tab, not page 2024
    assert pages('<a href="/nb/zfxxgknb46/index_3.html">尾页</a>') == [
        f"http://h/nb/zfxxgknb46/index_{i}.html" for i in (1, 2, 3)]
    assert pages('<a href="?id=46&page=3">尾页</a>') == [
        f"http://h/nb/zfxxgknb46/index.html?id=46&page={i}" for i in (1, 2, 3)]
    assert pages('<a href="list_2.html">2</a><a href="list_3.html">3</a>', "http://h/a46/list_1.html") == [
        "http://h/a46/list_2.html", "http://h/a46/list_3.html"]


def test_existing_forms_still_page():
    assert list_page_urls("", "http://h/list/1.html", [Anchor("http://h/list/4.html", "尾页")]) == [
        "http://h/list/2.html", "http://h/list/3.html", "http://h/list/4.html"]
    assert list_page_urls("", "http://h/l?page=1", [Anchor("http://h/l?page=2", "2"), Anchor("http://h/l?page=3", "3")]) == [
        "http://h/l?page=2", "http://h/l?page=3"]


def test_year_tabs_in_a_column_are_not_pagination(tmp_path):
    item = ("/nb/zfxxgknb46/2024/t20250121_1.html", "2024年政府信息公开工作年度报告")
    tabs = '<div class="tabs"><a href="/nb/zfxxgknb46/2024/">2024</a><a href="/nb/zfxxgknb46/2023/">2023</a></div>'
    routes = {"/nb/zfxxgknb46/index.html": Static(page("年报", links(item) + tabs)),
              "/nb/zfxxgknb46/2024/": Static(page("年报2024", links(item))),
              "/nb/zfxxgknb46/2023/": Static(page("年报2023", "")), item[0]: Static(report_html(item[1]))}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/zfxxgknb46/index.html", column=True))
        invented = [p for p in srv.paths() if p not in routes and p != "/robots.txt"]
    assert result.ok and result.sites[0].reports_found == 1, result.sites[0].error
    assert invented == []


def test_a_page_count_variable_alone_does_not_invent_trs_pages():
    # totalPage is not TRS's variable (countPage is): index_1.html … would be 404s (and a FAILED site)
    assert pages("<script>var totalPage = 3;</script>", html="<script>var totalPage = 3;</script>") == []
    # the page says how it pages: goPage(n) → index.html?page=n
    js = "<script>var totalPage = 3; function goPage(n){location.href='index.html?page='+n;}</script>"
    assert pages("", html=js) == [f"http://h/nb/zfxxgknb46/index.html?page={i}" for i in (2, 3)]
    # TRS's own countPage still pages the TRS way
    assert pages("", html="<script>var countPage = 2//共多少页</script>") == ["http://h/nb/zfxxgknb46/index_1.html"]


def test_go_page_column_is_crawled_without_invented_pages(tmp_path):
    js = "<script>var totalPage = 3; function goPage(n){location.href='index.html?page='+n;}</script>"
    pager = "".join(f'<a href="javascript:goPage({i})">{i}</a>' for i in (1, 2, 3))
    items = {f"/js/t2025012{i}_{i}.html": f"单位{i}2024年政府信息公开工作年度报告" for i in (1, 2, 3)}
    lists = ["/js/index.html", "/js/index.html?page=2", "/js/index.html?page=3"]
    routes = {lst: Static(page("政府信息公开年报", links(item) + pager + js)) for lst, item in zip(lists, items.items())}
    routes.update({p: Static(report_html(t)) for p, t in items.items()})
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/js/index.html", column=True))
        invented = [p for p in srv.paths() if p not in routes and p != "/robots.txt"]
    assert result.ok and result.sites[0].reports_found == 3, result.render_summary()
    assert invented == []


def test_column_index_n_paging():  # Chengdu (domain.md §10.2)
    pager = ('<a href="column-index-1.shtml">1</a><a href="column-index-2.shtml">2</a>'
             '<a href="column-index-3.shtml">尾页</a>')
    assert pages(pager, "http://h/cd/gknb/column-index-1.shtml") == [
        "http://h/cd/gknb/column-index-2.shtml", "http://h/cd/gknb/column-index-3.shtml"]


def test_next_page_only_pager_is_followed_as_a_chain_with_a_loop_guard(tmp_path):
    routes, want = {}, set()
    for n in (1, 2, 3, 4):
        nxt = f'<a href="list_{n + 1}.html">下一页</a>' if n < 4 else '<a href="list_1.html">下一页</a>'  # loops back
        prev = f'<a href="list_{n - 1}.html">上一页</a>' if n > 1 else ""
        item = (f"/nx/2025/t2025012{n}_{n}.html", f"单位{n}2024年政府信息公开工作年度报告")
        routes[f"/nx/list_{n}.html"] = Static(page("政府信息公开年报", links(item) + prev + nxt))
        routes[item[0]] = Static(report_html(item[1]))
        want.add(item[0])
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nx/list_1.html", column=True))
        hits = [p for p in srv.paths() if p != "/robots.txt"]
    assert result.ok and result.sites[0].reports_found == 4
    assert sorted(hits) == sorted(set(hits)) and set(hits) == set(routes)


def test_a_next_page_chain_stops_at_max_list_pages(tmp_path):
    routes = {f"/nx/list_{n}.html": Static(page("年报", f'<a href="list_{n + 1}.html">下一页</a>')) for n in range(1, 30)}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nx/list_1.html", column=True), max_list_pages=5)
        hits = [p for p in srv.paths() if p != "/robots.txt"]
    assert len(hits) == 6 and any("max_list_pages=5" in w for w in result.sites[0].warnings), hits
