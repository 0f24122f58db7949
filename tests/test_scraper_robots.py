"""robots.txt: obeyed on every hop of a redirect, read per RFC 9309, and a missing one is no error."""

from __future__ import annotations

from scraper_servers import Server, Static, crawl, links, make_site, page, redirect, report_html

ITEM = ("/nb/t20260121_1.html", "2025年政府信息公开工作年度报告")


def column(*items: tuple[str, str]) -> Static:
    return Static(page("年报", links(*items)))


def robots(text: str) -> Static:
    return Static(text, content_type="text/plain")


def test_redirect_into_a_disallowed_path_is_not_followed(tmp_path):
    routes = {"/robots.txt": robots("User-agent: *\nDisallow: /private/\n"), "/nb/index.html": column(ITEM),
              ITEM[0]: redirect("/private/t20260121_1.html"), "/private/t20260121_1.html": Static(report_html(ITEM[1]))}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    assert srv.count("/private/t20260121_1.html") == 0
    row = rows[srv.url(ITEM[0])]
    assert row["outcome"] == "disallowed" and "/private/t20260121_1.html" in row["error"]
    assert result.sites[0].disallowed == 1 and result.sites[0].reports_found == 0


def test_redirect_to_another_host_reads_that_hosts_robots_first(tmp_path):
    with Server() as other, Server() as srv:
        other.routes.update({"/robots.txt": robots("User-agent: *\nDisallow: /gk/private/\n"),
                             "/gk/t20260121_1.html": Static(report_html(ITEM[1])),
                             "/gk/private/t20260121_2.html": Static(report_html(ITEM[1]))})
        items = [ITEM, ("/nb/t20260121_2.html", "2024年政府信息公开工作年度报告")]
        srv.routes.update({"/nb/index.html": column(*items), ITEM[0]: redirect(other.url("/gk/t20260121_1.html"), 301),
                           items[1][0]: redirect(other.url("/gk/private/t20260121_2.html"), 301)})
        site = make_site(srv, "/nb/index.html", column=True, allowed_hosts=(srv.netloc, other.netloc))
        result, rows = crawl(tmp_path, site)
        seen = other.paths()
    assert seen[0] == "/robots.txt" and seen.count("/robots.txt") == 1
    assert "/gk/t20260121_1.html" in seen and "/gk/private/t20260121_2.html" not in seen
    assert rows[srv.url(ITEM[0])]["outcome"] == "ok"
    assert rows[srv.url(items[1][0])]["outcome"] == "disallowed"
    assert result.sites[0].reports_found == 1


# --- RFC 9309 matching -------------------------------------------------------------------------------

def allowed(body: bytes | str, *paths: str) -> list[bool]:
    from scraper.robots import parse_robots

    policy = parse_robots(200, body.encode() if isinstance(body, str) else body)
    return [policy.allows("nianbao", "http://h.gov.cn" + p) for p in paths]


def test_robots_byte_order_mark_does_not_hide_the_first_group():
    assert allowed("\ufeffUser-agent: *\nDisallow: /\n".encode(), "/gk/") == [False]
    assert allowed("\ufeffUser-agent: *\r\nDisallow: /gk/\r\nCrawl-delay: 2\r\n".encode(), "/gk/", "/a") == [False, True]
    from scraper.robots import parse_robots

    assert parse_robots(200, "\ufeffUser-agent: *\nCrawl-delay: 2\n".encode()).crawl_delay("nianbao") == 2.0


def test_robots_longest_match_wins_and_allow_wins_ties():
    assert allowed("User-agent: *\nAllow: /\nDisallow: /gk/nb/private/\n",
                   "/gk/nb/private/t1.html", "/gk/nb/t1.html") == [False, True]
    assert allowed("User-agent: *\nDisallow: /\nAllow: /gk/\n", "/gk/nb/index.html", "/other/") == [True, False]
    assert allowed("User-agent: *\nDisallow: /gk/\nAllow: /gk/\n", "/gk/a") == [True]
    assert allowed("User-agent: *\nDisallow:\n", "/a") == [True]  # an empty Disallow matches nothing


def test_robots_wildcards_and_end_anchor():
    body = "User-agent: *\nDisallow: /*/private/\nDisallow: /*.pdf$\nDisallow: /search?*q=\n"
    assert allowed(body, "/gk/private/a.html", "/private/", "/a/b.pdf", "/a/b.pdf?x=1", "/search?x=1&q=2",
                   "/gk/a.html") == [False, True, False, True, False, True]


def test_robots_groups_are_chosen_by_product_token():
    body = "User-agent: *\nAllow: /\n\nUser-agent: Nianbao\nDisallow: /gk/\n\nUser-agent: other\nDisallow: /\n"
    assert allowed(body, "/gk/a", "/x") == [False, True]
    # several groups for our token are merged; the * group is then ignored
    body = "User-agent: nianbao\nDisallow: /a/\n\nUser-agent: *\nDisallow: /\n\nUser-agent: NIANBAO\nDisallow: /b/\n"
    assert allowed(body, "/a/1", "/b/1", "/c/1") == [False, False, True]
    assert allowed("User-agent: *\nDisallow: /\n", "/robots.txt") == [True]


def test_disallow_all_but_one_directory_is_crawled(tmp_path):
    routes = {"/robots.txt": robots("User-agent: *\nDisallow: /\nAllow: /gk/\n"), "/gk/nb/index.html": column(
        ("/gk/nb/t20260121_1.html", ITEM[1]), ("/nb/t20260121_2.html", "2024年政府信息公开工作年度报告")),
        "/gk/nb/t20260121_1.html": Static(report_html(ITEM[1]))}
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/gk/nb/index.html", column=True,
                                                 allowed_hosts=(srv.netloc,)))
    assert result.sites[0].reports_found == 1 and result.sites[0].disallowed == 1
    assert rows[srv.url("/nb/t20260121_2.html")]["outcome"] == "disallowed"


def test_missing_robots_txt_is_not_an_error(tmp_path):
    routes = {"/nb/index.html": column(ITEM), ITEM[0]: Static(report_html(ITEM[1]))}  # no /robots.txt: 404
    with Server(routes) as srv:
        result, rows = crawl(tmp_path, make_site(srv, "/nb/index.html", column=True))
    s = result.sites[0]
    assert rows[srv.url("/robots.txt")]["status"] == 404  # logged as fetched
    assert result.ok and s.problems == [] and "not fetched" not in result.render_summary()
