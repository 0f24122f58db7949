"""What the crawler does with a link, by the kind of page it was found on (pure, no I/O).

A navigation page (entry, 信息公开 tree, a unit's page) leads to 年报 columns, units and, rarely,
straight to reports. A 年报 column page lists reports, its own later pages and its year/unit
sub-columns. The vocabulary (title words, URL shapes) is in :mod:`scraper.discover`; this module
only orders the questions. Off-host links and scope are the crawler's business (they need the site).

A directory or index URL is a list, whatever its text says: TRS year columns are often named like
a report ("2024年度政府信息公开工作年度报告" → ``…/zfxxgknb/2024/``), and fetching one as a report
would store a list page and miss the reports it lists.
"""

from __future__ import annotations

from scraper import discover as d
from scraper import hanweb

REPORT, COLUMN, SUBCOLUMN, NAV = "report", "column", "subcolumn", "nav"
MODULE = "module"  # a Hanweb annual-report module page: a report page that links its other years
PROBE = "probe"  # an item of a 年报 column whose list text names no report: its page title decides


def url_dir(url: str) -> str:
    """The directory of a URL (up to its last slash before any query).

    >>> url_dir("http://h/nb/2024/index.shtml?x=/y"), url_dir("http://h/nb/2024/")
    ('http://h/nb/2024/', 'http://h/nb/2024/')
    """
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path[: path.rfind("/") + 1]


def in_list(a: d.Anchor, root: str) -> bool:
    """Is a link on a column page one of the column's items? Items live under the column's
    directory (TRS) or in the CMS's list structure (Hanweb records); links elsewhere are the site's
    sidebars and headers (热点, 相关文章), where a loose title would take 政府工作报告 for a report.

    >>> in_list(d.Anchor("http://h/nb/202501/t1.html", ""), "http://h/nb/index.html")
    True
    >>> in_list(d.Anchor("http://h/art/2025/1/20/art_7_1.html", ""), "http://h/col/col7/index.html")
    False
    """
    return a.listed or a.url.startswith(url_dir(root))


def on_nav(a: d.Anchor) -> str | None:
    """Action for a link on a navigation page (NAV still subject to depth and scope).

    >>> on_nav(d.Anchor("http://h/gk/202501/t20250120_1.html", "某镇2024年政府信息公开工作年度报告"))
    'report'
    >>> on_nav(d.Anchor("http://h/gk/zfxxgknb/2024/", "2024年度政府信息公开工作年度报告"))
    'column'
    >>> on_nav(d.Anchor("http://h/gk/zwz1/index.html", "中旺镇")), on_nav(d.Anchor("http://h/a.html", "网站地图"))
    ('nav', None)
    """
    if hanweb.is_annual_module(a.url):
        return MODULE
    report_title = d.is_report_title(a.text)
    listing = d.is_listing_url(a.url)
    if report_title and not listing:
        return REPORT
    if d.attachment_kind(a.url) or d.is_article_url(a.url):
        return None
    if d.is_column_url(a.url) or d.is_column_text(a.text) or (report_title and listing):
        return COLUMN
    if d.is_nav_text(a.text):
        return NAV
    return None


def on_column(a: d.Anchor, root: str, sub: int) -> str | None:
    """Action for a link on a page of the 年报 column rooted at ``root`` (``sub`` = sub-column depth).

    >>> root = "http://h/nb/zfxxgknb/index.shtml"
    >>> on_column(d.Anchor("http://h/nb/zfxxgknb/202501/t20250120_1.shtml", "2024年年度报告"), root, 0)
    'report'
    >>> [on_column(d.Anchor(u, "2024年"), root, 0) for u in ("http://h/nb/zfxxgknb/2024/index.shtml",
    ...  "http://h/nb/zfxxgknb/2023/", "http://h/nb/zfxxgknb/index_1.shtml", "http://h/other/2024/")]
    ['subcolumn', 'subcolumn', None, None]
    >>> on_column(d.Anchor("http://h/nb/zfxxgknb/201901/t20190121_1.shtml", "2018年度"), root, 0)
    'probe'
    >>> on_column(d.Anchor("http://h/gk/u2/zfxxgknb7/index.html", "区财政局"), root, 0)
    'column'

    A sidebar link elsewhere on the site needs a full report title (信息公开 …):

    >>> on_column(d.Anchor("http://h/xwzx/202503/t20250320_2.html", "某区2024年法治年度报告"), root, 0) is None
    True
    """
    if hanweb.is_annual_module(a.url):
        return MODULE
    root_dir, link_dir = url_dir(root), url_dir(a.url)
    listing = d.is_listing_url(a.url)
    listed = in_list(a, root)
    if d.is_report_title(a.text, in_column=listed) and not listing:
        return REPORT
    if listed and d.is_article_url(a.url) and not d.names_other_document(a.text):
        return PROBE  # "2018年度", or a title cut before 年度报告 with no title= (domain.md §8.8)
    if d.attachment_kind(a.url) or d.is_article_url(a.url):
        return None
    if d.is_column_url(a.url) and not a.url.startswith(root_dir):
        return COLUMN
    if sub < 2 and listing and link_dir.startswith(root_dir) and link_dir != root_dir:
        return SUBCOLUMN  # year sub-columns (…/2024/, …/2021n/index.shtml) or per-unit ones
    return None
