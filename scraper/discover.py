"""What a link is: a 年报 column, a report, an attachment, or navigation worth following.

Title rules (domain.md §10.1): a report title has 信息公开 + (年度报告 | 年报 | 工作报告) + a year.
Inside a 年报 column the 信息公开 part may be missing ("2025年年度报告"), so the column rule is looser.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scraper.hanweb import record_html
from scraper.netguard import url_problem

ATTACHMENT_TYPES = ("pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "ofd")
_YEAR = re.compile(r"(?:19|20)\d{2}|[二][〇零○O][一二三四五六七八九〇零○O]{2}")
_REPORT_KIND = re.compile(r"年度报告|年报|工作报告")
# Titles with these words are about a report, or are another kind of report (domain.md §10.1):
# notices and 解读, infographics (一图读懂, 图解), the 政府工作报告, 法治政府建设 reports, 企业年报 guides.
NOT_REPORT_WORDS = ("通知", "关于", "编制", "印发", "转发", "解读", "征集", "培训", "部署",
                    "一图读懂", "图解", "政府工作报告", "法治政府建设", "企业年报")
_NOT_REPORT = re.compile("|".join(map(re.escape, NOT_REPORT_WORDS)))
_COLUMN_TEXT = re.compile(r"年报|年度报告")
_COLUMN_SLUG = re.compile(r"/(?:zfxxgknb\d*|xxgknb[_\d]*|gknb\d*|\d{4}nb|nb_\d{4}n|ndbg|xxgkndbg)/", re.I)
_NAV_TEXT = re.compile(
    r"信息公开|政务公开|政府信息|公开目录|公开指南|机关|街镇|乡镇|街道|部门|镇|乡|委员会|委|局|办公室|政府|中心|管委会"
)
# a unit's name ends with what it is: 区档案馆, 区妇联, 区红十字会, 区消防救援支队, 区供销社, 区人民法院
UNIT_SUFFIXES = ("馆", "联", "会", "队", "所", "院", "站", "社", "团", "处", "署", "办")
_UNIT_NAME = re.compile(f"(?:{'|'.join(UNIT_SUFFIXES)})$")
_ARTICLE = re.compile(
    r"/t\d{8}_\d+(?:_\d+)?\.s?html?$|/art_\d+_\d+\.html$|/post_\d+\.html$|/doc_\d+\.html$|/content/[^/]+\.s?html?$",
    re.I,
)
_WS = re.compile(r"\s+")


class Anchor(NamedTuple):
    url: str
    text: str
    listed: bool = False  # an item of a CMS list structure (a Hanweb jcms record), not page chrome


def attachment_kind(url: str) -> str | None:
    """File type of an attachment link, or None.

    >>> attachment_kind("http://h/c/P020260121.PDF"), attachment_kind("http://h/a.html")
    ('pdf', None)
    """
    path = urlsplit(url).path.lower()
    ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return ext if ext in ATTACHMENT_TYPES else None


def is_article_url(url: str) -> bool:
    """TRS / Hanweb / 集约化 article URL shapes (domain.md §10.2).

    >>> is_article_url("http://h/zfxxgknb46/202601/t20260121_7228444.html"), is_article_url("http://h/zfxxgknb46/")
    (True, False)
    """
    return bool(_ARTICLE.search(urlsplit(url).path))


_HTML_EXT = re.compile(r"\.(?:s?html?|xhtml|jsp|aspx?|php)$", re.I)
_HTML_BYTES = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|table|p)\b", re.I)
# what servers send when they do not know, or when a CMS serves a stored .shtml as a download
_GENERIC_TYPES = ("", "application/octet-stream", "binary/octet-stream", "text/plain", "application/x-download",
                  "application/download", "application/unknown")


def looks_html(url: str, content_type: str | None, body: bytes) -> bool:
    """Is a fetched report page HTML (to be searched for continuation pages and attachments)?

    An HTML type is believed, and so is a specific other type (application/pdf); a generic one
    (application/octet-stream, text/plain, none) is decided by the extension, then by the bytes.
    """
    if attachment_kind(url):
        return False
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if "html" in ctype:
        return True
    if ctype not in _GENERIC_TYPES:
        return False
    if _HTML_EXT.search(urlsplit(url).path):
        return True
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return not head.startswith(b"%PDF") and bool(_HTML_BYTES.search(head))


def is_report_title(text: str, in_column: bool = False) -> bool:
    """Does a link/page title name an annual disclosure report?

    >>> is_report_title("天津市静海区中旺镇人民政府2025年政府信息公开工作年度报告")
    True

    Notices about reports, and their 解读 companions, are not reports:

    >>> is_report_title("关于做好2024年度政府信息公开工作年度报告编制和发布工作的通知")
    False
    >>> is_report_title("《2024年政府信息公开工作年度报告》解读")
    False
    >>> is_report_title("2024年年度报告"), is_report_title("2024年年度报告", in_column=True)
    (False, True)
    >>> is_report_title("政府信息公开年报"), is_report_title("2025年政府工作报告")
    (False, False)
    >>> is_report_title("区政务服务办政府信息公开工作年度报告", in_column=True)
    True
    >>> is_report_title("一图读懂某镇2023年政府信息公开工作年度报告", in_column=True)
    False
    """
    text = _WS.sub("", text)
    if not _REPORT_KIND.search(text) or _NOT_REPORT.search(text):
        return False
    if not _YEAR.search(text):
        # some titles carry no year ("区政务服务办政府信息公开工作年度报告", domain.md §8.8): inside
        # a 年报 column a full report title is still a report; the parser reads the year from the body
        return in_column and "信息公开" in text and len(text) >= 12
    return in_column or "信息公开" in text


def names_other_document(text: str) -> bool:
    """Does a title name a document about a report, or another kind (a notice, 解读, 一图读懂 …)?

    >>> names_other_document("关于做好2024年度政府信息公开工作年度报告编制发布工作的通知"), names_other_document("2018年度")
    (True, False)
    """
    return bool(_NOT_REPORT.search(_WS.sub("", text)))


def is_column_text(text: str) -> bool:
    """Link text naming a 年报 column (short, no year: a year means it is a report title).

    >>> is_column_text("政府信息公开年报"), is_column_text("信息公开年度报告"), is_column_text("通知公告")
    (True, True, False)
    """
    text = _WS.sub("", text)
    return bool(_COLUMN_TEXT.search(text)) and len(text) <= 20 and not _YEAR.search(text)


def is_column_url(url: str) -> bool:
    return bool(_COLUMN_SLUG.search(urlsplit(url).path)) and not is_article_url(url)


_LISTING = re.compile(r"/(?:(?:index|default)(?:_\d+)?\.(?:s?html?|jsp|aspx?|php))?$", re.I)


def is_listing_url(url: str) -> bool:
    """A directory or its index page: a list, never a report.

    >>> [is_listing_url(u) for u in ("http://h/nb/2024/", "http://h/nb/2024/index.shtml", "http://h/nb/t20250120_1.html")]
    [True, True, False]
    """
    return bool(_LISTING.search(urlsplit(url).path or "/"))


def is_nav_text(text: str) -> bool:
    """Link text worth following from a navigation page: the 信息公开 tree or a unit's name.

    >>> [is_nav_text(t) for t in ("中旺镇", "区档案馆", "区红十字会", "区消防救援支队", "网站地图", "")]
    [True, True, True, True, False, False]
    """
    text = _WS.sub("", text)
    return 0 < len(text) <= 20 and bool(_NAV_TEXT.search(text) or _UNIT_NAME.search(text))


def _slashes(href: str) -> str:
    """Backslashes before the query read as slashes, as browsers do for http(s) links
    (``.\\2026\\t1.html`` on pages written on Windows)."""
    end = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    scheme = href.split(":", 1)[0].lower() if ":" in href[:end] else ""
    if "\\" not in href[:end] or scheme not in ("", "http", "https"):
        return href
    return href[:end].replace("\\", "/") + href[end:]


# a link whose script opens a URL: window.open('…'), location.href='…' (domain.md §8.5)
_SCRIPT_OPEN = re.compile(r"""(?:window\.open\s*\(|location(?:\.href)?\s*=)\s*['"]([^'"]+)['"]""")


def script_target(script: str) -> str | None:
    """The URL an ``onclick`` / ``javascript:`` link opens, if it names one.

    >>> script_target("window.open('/nb/P0201801.pdf')"), script_target("javascript:goPage(2)")
    ('/nb/P0201801.pdf', None)
    """
    m = _SCRIPT_OPEN.search(script)
    return m.group(1).strip() if m else None


def extract_anchors(html: str, page_url: str, rejected: list[tuple[str, str]] | None = None) -> list[Anchor]:
    """Absolute http(s) links with their best text (the ``title`` attribute when the visible text
    is truncated, as TRS lists do with "…").

    A link urllib cannot parse (``http://[fe80::1/``, a port out of range) is left out and, when
    ``rejected`` is given, appended to it as (href, reason): one bad link must not cost the others.

    >>> bad = []
    >>> [a.url for a in extract_anchors('<a href="http://h:99999/">x</a><a href="b.html">y</a>', "http://h/", bad)]
    ['http://h/b.html']
    >>> bad
    [('http://h:99999/', 'Port out of range 0-65535')]
    """
    tree = HTMLParser(html)
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None and base_node.attributes.get("href"):
        base = urljoin(page_url, base_node.attributes["href"] or "")
    out = _tree_anchors(tree, base, rejected)
    records = record_html(html)  # a Hanweb jcms list: XML records inside a <script>, invisible to lexbor
    if records:
        out += _tree_anchors(HTMLParser(records), base, rejected, listed=True)
    return out


def _tree_anchors(
    tree: HTMLParser, base: str, rejected: list[tuple[str, str]] | None, listed: bool = False
) -> list[Anchor]:
    out: list[Anchor] = []
    for node in tree.css("a[href], a[onclick]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            href = script_target(f"{node.attributes.get('onclick') or ''} {href}") or ""
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        href = _slashes(href)
        try:
            url = urljoin(base, href)
            scheme = urlsplit(url).scheme
        except ValueError as exc:
            url, scheme, problem = href, "http", str(exc)
        else:
            problem = url_problem(url) if scheme in ("http", "https") else None
        if scheme not in ("http", "https"):
            continue
        if problem is not None:
            if rejected is not None:
                rejected.append((url, problem))
            continue
        text = _WS.sub(" ", node.text(deep=True) or "").strip()
        title = _WS.sub(" ", node.attributes.get("title") or "").strip()
        out.append(Anchor(url, best_text(text, title), listed))
    return out


_CUT = re.compile(r"\s*(?:\.{2,}|…+|。{3,})\s*$")


def best_text(text: str, title: str) -> str:
    """A link's text, or its ``title`` attribute when that is longer or the text is a cut of it.

    TRS lists cut titles and append "..." (or "…"): the cut text can be as long as the title.

    >>> best_text("某区朝阳街道2024年政府信息公开工作年...", "某区朝阳街道2024年政府信息公开工作年度报告")
    '某区朝阳街道2024年政府信息公开工作年度报告'
    >>> best_text("2024年度报告", "点击查看"), best_text("2024年度报告", "")
    ('2024年度报告', '2024年度报告')
    """
    if not title:
        return text
    stem = _WS.sub("", _CUT.sub("", text))
    if len(title) > len(text) or (stem and stem != text and _WS.sub("", title).startswith(stem)):
        return title
    return text


def page_title(html: str) -> str:
    tree = HTMLParser(html)
    for sel in ('meta[name="ArticleTitle"]', "title"):
        node = tree.css_first(sel)
        if node is not None:
            value = node.attributes.get("content") if sel.startswith("meta") else node.text()
            if value and value.strip():
                return _WS.sub(" ", value).strip()
    return ""


_REFRESH = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d*\s*;?\s*url\s*=\s*([^"'>\s]+)""", re.I)


def deleted_redirect(html: str, page_url: str) -> str | None:
    """If the page only meta-refreshes to one of its parent directories, the content was deleted.

    >>> deleted_redirect('<meta http-equiv="refresh" content="0;url=../">', "http://h/a/202601/t20260101_1.html")
    'http://h/a/'
    >>> deleted_redirect('<p>real content</p>', "http://h/a/b.html") is None
    True
    """
    m = _REFRESH.search(html[:4096])
    if not m:
        return None
    target = urljoin(page_url, m.group(1))
    t, p = urlsplit(target), urlsplit(page_url)
    if t.netloc == p.netloc and t.path.endswith("/") and p.path.startswith(t.path) and t.path != p.path:
        return target
    return None
