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
