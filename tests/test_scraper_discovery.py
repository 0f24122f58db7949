"""Discovery of report pages on odd CMS shapes: Hanweb jcms XML lists, pagination forms, year
sub-columns, sidebars and titles (each against a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import pytest
from scraper_servers import Server, Static, crawl, links, make_site, page, report_html, send

from scraper.store import RawStore

T = "某镇2024年政府信息公开工作年度报告"


def reports(data) -> set[str]:
    """Stored report URLs, as paths without the leading slash."""
    store = RawStore(data)
    try:
        return {r.url.split("/", 3)[3] for r in store.iter_reports()}
    finally:
        store.close()


def col(items_html: str, extra: str = "") -> Static:
    return Static(page("政府信息公开年报", items_html + extra))


# --- Hanweb jcms: the list is XML inside <script type="text/xml">, later records via dataproxy.jsp ---
def _record(href: str, title: str) -> str:
    return f'<record><![CDATA[\n<li><a href="{href}" title="{title}">{title}</a></li>\n]]></record>'


def test_hanweb_xml_recordset_list_and_dataproxy_paging(tmp_path):
    arts = [f"/art/2025/1/20/art_777_{i}.html" for i in range(1, 8)]
    recs = [_record(a, f"单位{i}2024年政府信息公开工作年度报告") for i, a in enumerate(arts)]
    nextgroup = ('<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/'
                 '&columnid=777&unitid=9&permissiontype=0"></a>]]></nextgroup>')
    first = (f'<div id="9"><script type="text/xml"><datastore>{nextgroup}<recordset>{"".join(recs[:3])}'
             '</recordset></datastore></script><script src="/module/web/jpage/jpage.js"></script>'
             "<script>$('#9').jpage({perPage:3, totalRecord:7, groupSize:1, proxyUrl:'/module/web/jpage/dataproxy.jsp'});"
             "</script></div>")

    def proxy(lo: int, hi: int):
        body = ('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>7</totalrecord><recordset>'
                + "".join(recs[lo - 1:hi]) + "</recordset></datastore>").encode()
        return lambda h, hit: send(h, 200, body, {"Content-Type": "text/xml; charset=utf-8"})

    dp = "/module/web/jpage/dataproxy.jsp?startrecord={}&endrecord={}&perpage=3&appid=1&webid=1&path=/" \
         "&columnid=777&unitid=9&permissiontype=0"
    routes = {"/col/col777/index.html": col(first), dp.format(4, 6): proxy(4, 6), dp.format(7, 7): proxy(7, 7)}
    routes.update({a: Static(report_html(T)) for a in arts})
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/col/col777/index.html", column=True))
        unknown = [p for p in srv.paths() if p not in routes and p != "/robots.txt"]
    assert reports(tmp_path) == {a[1:] for a in arts}
    assert unknown == [] and result.ok, result.render_summary()


# --- year / per-unit sub-columns -------------------------------------------------------------------
def test_year_subcolumns_linked_as_directories_or_index_pages_are_followed(tmp_path):
    tabs = ('<a href="./2024/index.shtml">2024年</a> <a href="./2023/">2023年</a> '
            '<a href="/nb/zfxxgknb/2022n/index.shtml">2022年度</a>')
    routes = {"/nb/zfxxgknb/index.shtml": col(tabs)}
    want = set()
    for sub, index in (("2024", "index.shtml"), ("2023", ""), ("2022n", "index.shtml")):
        r = f"/nb/zfxxgknb/{sub}/202501/t20250120_{sub}.shtml"
        routes[f"/nb/zfxxgknb/{sub}/{index}"] = col(links((r, T)))
        routes[r] = Static(report_html(T))
        want.add(r[1:])
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/zfxxgknb/index.shtml", column=True))
    assert reports(tmp_path) == want


@pytest.mark.parametrize("where", ["nav", "column"])
@pytest.mark.parametrize("href", ["/gk/zfxxgknb/2024/", "/gk/zfxxgknb/2024/index.html"])
def test_year_column_titled_like_a_report_is_a_column(tmp_path, where, href):
    # "2024年度政府信息公开工作年度报告" → …/2024/ is the list of that year's reports, not a report
    r1, r2 = "/gk/zfxxgknb/2024/202501/t20250120_1.html", "/gk/zfxxgknb/2024/202501/t20250120_2.html"
    entry = "/gk/index.html" if where == "nav" else "/gk/zfxxgknb/index.html"
    routes = {entry: Static(page("政府信息公开", f'<a href="{href}">2024年度政府信息公开工作年度报告</a>')),
              href: col(links((r1, "某镇2024年政府信息公开工作年度报告"), (r2, "某街道2024年政府信息公开工作年度报告"))),
              r1: Static(report_html(T)), r2: Static(report_html(T))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, entry, column=(where == "column")))
    assert reports(tmp_path) == {r1[1:], r2[1:]}


# --- report-like links that are not reports --------------------------------------------------------
@pytest.mark.parametrize("decoy", ["2025年政府工作报告", "某区2024年法治政府建设年度报告", "2024年度企业年报公示填报指南",
                                   "区统计局2024年统计年报编报工作会召开",
                                   "一图读懂某镇2023年政府信息公开工作年度报告", "图解：2023年政府信息公开工作年度报告"])
def test_sidebar_and_infographic_links_on_a_column_page_are_not_reports(tmp_path, decoy):
    side = f'<div class="hot"><h3>热点关注</h3><a href="/xwzx/202503/t20250305_9.html">{decoy}</a></div>'
    routes = {"/nb/index.html": col(links(("t20250118_1.html", "2024年年度报告")), side),
              "/nb/t20250118_1.html": Static(report_html(T)),
              "/xwzx/202503/t20250305_9.html": Static(page(decoy, "<p>x</p>"))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
        fetched = srv.paths()
    assert reports(tmp_path) == {"nb/t20250118_1.html"}  # the column's own loose title still counts
    assert "/xwzx/202503/t20250305_9.html" not in fetched


def test_infographic_in_the_column_itself_is_not_a_report(tmp_path):
    routes = {"/nb/index.html": col(links(("t20250118_1.html", T), ("t20240201_2.html", "一图读懂" + T))),
              "/nb/t20250118_1.html": Static(report_html(T)), "/nb/t20240201_2.html": Static(report_html(T))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert reports(tmp_path) == {"nb/t20250118_1.html"}


# --- link text ---------------------------------------------------------------------------------------
def test_title_attribute_wins_over_a_cut_text_not_shorter_than_it(tmp_path):
    full = "某区朝阳街道2024年政府信息公开工作年度报告"  # 22 characters
    shown = full[:20] + "..."  # 23 characters, "…工作年..." is no report title
    routes = {"/nb/index.html": col(f'<a href="t20250118_1.html" title="{full}">{shown}</a>'),
              "/nb/t20250118_1.html": Static(report_html(full))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert reports(tmp_path) == {"nb/t20250118_1.html"}


# --- list text without the report words: the page title decides, within a per-column budget ---------
@pytest.mark.parametrize("shown", ["2018年度", "某区中旺镇2018年政府信息公开工..."])
def test_article_in_a_column_is_judged_by_its_page_title(tmp_path, shown):
    routes = {"/nb/zfxxgknb46/index.html": col(links(("201901/t20190121_1.html", shown),
                                                      ("201902/t20190201_2.html", "中旺镇2019年政务公开工作要点"))),
              "/nb/zfxxgknb46/201901/t20190121_1.html": Static(report_html("某区中旺镇2018年政府信息公开工作年度报告")),
              "/nb/zfxxgknb46/201902/t20190201_2.html": Static(page("中旺镇2019年政务公开工作要点", "<p>x</p>"))}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/zfxxgknb46/index.html", column=True))
    assert reports(tmp_path) == {"nb/zfxxgknb46/201901/t20190121_1.html"}
    store = RawStore(tmp_path)
    (r,) = store.iter_reports()
    store.close()
    assert r.title == "某区中旺镇2018年政府信息公开工作年度报告" and result.ok


def test_title_probes_are_bounded_per_column_and_the_rest_is_recorded(tmp_path):
    items = [(f"2024{i:02d}/t2024{i:02d}01_{i}.html", f"工作动态{i}") for i in range(1, 13)]
    routes = {"/nb/zfxxgknb46/index.html": col(links(*items))}
    routes.update({f"/nb/zfxxgknb46/{p}": Static(page(t, "<p>x</p>")) for p, t in items})
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/zfxxgknb46/index.html", column=True), max_title_probes=5)
        opened = [p for p in srv.paths() if "/t2024" in p]
    assert len(opened) == 5 and reports(tmp_path) == set()
    skipped = [r for r in rows.values() if r["outcome"] == "skipped"]
    assert len(skipped) == 7 and all("max_title_probes=5" in r["error"] for r in skipped)
    s = result.sites[0]
    assert s.error is None and any("7 article link(s)" in w for w in s.warnings), s.warnings


# --- files opened by JavaScript --------------------------------------------------------------------
@pytest.mark.parametrize("anchor", [
    '<a href="javascript:void(0)" onclick="window.open(\'{pdf}\')">{t}</a>',
    '<a href="#" onclick="javascript:window.location.href=\'{pdf}\';return false;">{t}</a>',
    '<a href="javascript:window.open(&quot;{pdf}&quot;)">{t}</a>',
])
def test_pdf_report_opened_by_javascript(tmp_path, anchor):
    pdf = "/nb/201801/P020180122300001.pdf"
    routes = {"/nb/index.html": col(anchor.format(pdf=pdf, t=T) + '<a href="javascript:goPage(2)">2</a>'),
              pdf: Static(b"%PDF-1.4", content_type="application/pdf")}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert reports(tmp_path) == {pdf[1:]}


# --- Hanweb: units are sibling /col/colN/ directories; the annual-report module ------------------------
def test_hanweb_units_are_sibling_col_directories(tmp_path):
    r = "/art/2025/1/20/art_301_1.html"
    routes = {"/col/col100/index.html": Static(page("政府信息公开", links(("/col/col300/index.html", "两城镇")))),
              "/col/col300/index.html": Static(page("两城镇", links(("/col/col301/index.html", "政府信息公开年报")))),
              "/col/col301/index.html": col(links((r, T))), r: Static(report_html(T))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/col/col100/index.html"))
    assert reports(tmp_path) == {r[1:]}


def test_hanweb_annual_report_module_and_its_year_tabs(tmp_path):
    module = "/module/xxgk/xxgkAnnualReport.jsp?area=11370826004375541T"
    tabs = "".join(f'<a href="xxgkAnnualReport.jsp?area=11370826004375541T&fbtime={y}">{y}</a>' for y in (2024, 2023))
    title = "微山县两城镇{}年政府信息公开工作年度报告"
    routes = {"/col/col300/index.html": Static(page("两城镇", links((module, "年度报告")))),
              module: Static(report_html(title.format(2024), tabs)),
              f"{module}&fbtime=2024": Static(report_html(title.format(2024), tabs)),
              f"{module}&fbtime=2023": Static(report_html(title.format(2023), tabs))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/col/col300/index.html"))
    store = RawStore(tmp_path)
    titles = {r.url.split("/", 3)[3]: r.title for r in store.iter_reports()}
    store.close()
    assert titles[f"{module}&fbtime=2023"[1:]] == title.format(2023)
    assert titles[f"{module}&fbtime=2024"[1:]] == title.format(2024)
    assert set(titles) <= {f"{module}&fbtime=2023"[1:], f"{module}&fbtime=2024"[1:], module[1:]}


# --- a crawl that finds nothing says why ---------------------------------------------------------------
def test_zero_reports_is_not_ok_and_names_the_off_host_link(tmp_path):
    routes = {"/": Static(page("某县人民政府", '<a href="http://203.0.113.7/xxgk/">政府信息公开</a>'
                                              '<a href="/xwzx/">新闻中心</a>'))}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/"))
    s = result.sites[0]
    assert s.reports_found == 0 and not s.ok and not result.ok and s.error is None
    assert s.status.startswith("NO REPORTS: no 年报 column found"), s.status
    assert "http://203.0.113.7/xxgk/" in s.status and "allowed_hosts" in s.status
    assert "1 site(s) without reports" in result.render_summary()


def test_zero_reports_from_a_column_that_lists_nothing(tmp_path):
    routes = {"/nb/index.html": col('<div id="app"></div><script>loadList("/api/list?page=1")</script>')}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert result.sites[0].status.startswith("NO REPORTS: the 年报 column(s) listed no report link (1 list page(s) read)")


# --- registry: a column given as an entry; column_urls without entry_urls ------------------------------
def test_a_column_given_in_entry_urls_is_read_as_a_column(tmp_path):
    rs = ["/xxgk/nb/t20250121_1.html", "/xxgk/nb/t20250122_2.html"]
    routes = {"/xxgk/nb/index.html": col(links((rs[0], "2024年年度报告")), '<script>createPageHTML(2, 0, "index", "html");</script>'),
              "/xxgk/nb/index_1.html": col(links((rs[1], "2023年年度报告")), '<script>createPageHTML(2, 1, "index", "html");</script>'),
              rs[0]: Static(report_html(T)), rs[1]: Static(report_html(T))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/xxgk/nb/index.html"))  # its own title names a 年报 column
    assert reports(tmp_path) == {r[1:] for r in rs}


def test_registry_entry_urls_default_to_none_when_column_urls_are_given():
    from scraper.registry import RegistryError, parse_registry

    (site,) = parse_registry('[[site]]\nid="c"\nname="C"\ncolumn_urls=["http://a.gov.cn/nb/"]\n')
    assert site.entry_urls == () and site.allowed_hosts == ("a.gov.cn",)
    with pytest.raises(RegistryError, match="entry_urls"):
        parse_registry('[[site]]\nid="c"\nname="C"\n')


# --- units whose names carry no 局/委/镇 -----------------------------------------------------------------
@pytest.mark.parametrize("unit", ["区档案馆", "区妇联", "区红十字会", "区消防救援支队", "区供销社"])
def test_unit_names_outside_the_office_words_are_followed(tmp_path, unit):
    r = "/gk/u1/zfxxgknb7/202501/t20250120_1.html"
    routes = {"/gk/index.html": Static(page("政府信息公开", links(("/gk/u1/index.html", unit)))),
              "/gk/u1/index.html": Static(page(unit, links(("/gk/u1/zfxxgknb7/index.html", "政府信息公开年报")))),
              "/gk/u1/zfxxgknb7/index.html": col(links((r, f"{unit}2024年政府信息公开工作年度报告"))),
              r: Static(report_html(T))}
    with Server(routes) as srv:
        crawl(tmp_path, make_site(srv, "/gk/index.html"))
    assert reports(tmp_path) == {r[1:]}


# --- the same bytes under two URLs: both kept as provenance, named as copies --------------------------
def test_same_report_under_two_urls_is_kept_twice_and_named_a_copy(tmp_path):
    body = report_html(T)
    routes = {"/nb/index.html": col(links(("/nb/t20250121_7.html", T), ("/nb/q/t20250121_8.html", T))),
              "/nb/t20250121_7.html": Static(body), "/nb/q/t20250121_8.html": Static(body)}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    s = result.sites[0]
    assert len(reports(tmp_path)) == 2 and s.reports_found == 2 and s.duplicates == 1 and s.ok
    assert any("1 report(s) have the same bytes as another" in w for w in s.warnings), s.warnings


def test_zero_reports_names_the_lead_outside_the_navigation_scope(tmp_path):
    routes = {"/gk/index.html": Static(page("某县人民政府", '<a href="/xxgk/index.html">政府信息公开</a>'))}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/gk/index.html"))
    status = result.sites[0].status
    assert "outside the navigation scope" in status and srv.url("/xxgk/index.html") in status, status


# --- one unit's reports out of a column shared by many (a platform's per-year 年报 column) --------
def test_report_words_keep_one_units_reports(tmp_path):
    mine, other = "某县昌荣镇2024年政府信息公开工作年度报告", "某县戴南镇2024年政府信息公开工作年度报告"
    routes = {"/gk/nb/2024/index.html": col(links(("t20250121_1.html", mine), ("t20250121_2.html", other),
                                                  ("t20250121_3.html", "2024年度报告"))),
              "/gk/nb/2024/t20250121_1.html": Static(report_html(mine)),
              "/gk/nb/2024/t20250121_2.html": Static(report_html(other)),
              "/gk/nb/2024/t20250121_3.html": Static(report_html(mine.replace("2024", "2023")))}
    with Server(routes) as srv:
        result, _ = crawl(tmp_path, make_site(srv, "/gk/nb/2024/index.html", column=True, report_words=("昌荣镇",)))
    s = result.sites[0]
    # the short list title is kept by its page title; the other town's report is left out, and said
    assert sorted(u.rsplit("/", 1)[-1] for u in reports(tmp_path)) == ["t20250121_1.html", "t20250121_3.html"]
    assert s.ok and any("1 report(s) naming none of 昌荣镇 left out" in w for w in s.warnings), s.warnings


def test_report_words_in_the_registry() -> None:
    from scraper.registry import parse_registry

    site = parse_registry('[[site]]\nid="x"\nname="X"\ncolumn_urls=["http://a.gov.cn/nb/"]\nreport_words=["昌荣镇"]')[0]
    assert site.report_words == ("昌荣镇",)
