"""List pagination and multi-page articles.

Detection order (domain.md §10.2): a Hanweb jcms list's dataproxy.jsp groups (scraper.hanweb) →
a 尾页/末页 link → JS ``createPageHTML(...)`` / ``countPage`` and friends → the highest numeric
page link → a 下一页 link (one page on; the crawler follows the chain) → a single page.
TRS numbering: ``index.html`` is page 1, ``index_1.html`` page 2 … ``index_{count-1}.html``.

Only a page-number token is ever counted up: ``…_N.html``, ``…-N.shtml`` (Chengdu's
``column-index-N``) or ``/N.html`` in the last path segment,
or a page parameter of the query (``?page=N``). Column directories carry numbers too
(``/zfxxgknb46/``), and year tabs (``/2024/``) look like page links: counting those up invents
hundreds of pages that do not exist. A 尾页 that points at the page itself means the list has one
page (or this is its last). A page-count variable alone names no URL: TRS numbering is used only
for TRS's ``countPage`` (or a page that names ``index_N``), another count only through the URL its
script builds (``goPage(n)`` → ``index.html?page=n``).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from scraper.discover import Anchor
from scraper.hanweb import dataproxy_pages
from scraper.netguard import dedupe_key

_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_JS_VAR = re.compile(r"\b(?:var\s+|let\s+|const\s+)?([A-Za-z_]\w*)\s*=\s*['\"]?(\d+)\b(?!\s*[.+\-*/]\s*\w)")
_COUNT_VARS = ("countPage", "totalPage", "pageCount", "contenpage", "totalpage", "pagecount")
_NEXT_TEXT = re.compile(r"^\s*(下\s*一?\s*页\s*[>›»]*|next\s*[>›»]*)\s*$", re.I)
_LAST_TEXT = re.compile(r"^\s*(尾\s*页|末\s*页|最后一页|last)\s*$", re.I)
# the page number of a URL: a page-like query parameter, else the number ending the last path segment
_QUERY_TOKEN = re.compile(r"[?&](?:[\w.]*page[\w.]*|p|pn|pg|pi|cp)=(\d+)(?=&|$)", re.I)
_PATH_TOKEN = re.compile(r"/(?:[^/?]*[_-])?(\d+)\.\w+$")
_YEAR_TEXT = re.compile(r"(?:19|20)\d\d")
# a page URL built in JavaScript: 'index.html?page=' + n
_JS_PAGE_URL = re.compile(r"""['"]([^'"\s<>]*[?&](?:[\w.]*page[\w.]*|p|pn|pg|pi|cp)=)['"]\s*\+""", re.I)
_TRS_NAMING = re.compile(r"""index_\d+\.s?html?|['"]index_['"]""")


def _js_vars(html: str) -> dict[str, int]:
    return {name: int(value) for name, value in _JS_VAR.findall(html)}


def _create_page_calls(html: str) -> list[tuple[int, str, str]]:
    """(count, prefix, ext) of every resolvable ``createPageHTML`` call.

    >>> _create_page_calls('createPageHTML(5, 0, "index", "html");')
    [(5, 'index', 'html')]
    >>> _create_page_calls("var countPage = 3; createPageHTML('page_div',countPage, 0,'index','shtml',60);")
    [(3, 'index', 'shtml')]
    >>> _create_page_calls("function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){")
    []
    """
    variables = _js_vars(html)
    calls = []
    for m in _CREATE_PAGE.finditer(html):
        args = [a.strip().strip("'\"") for a in m.group(1).split(",")]
        if len(args) >= 5 and not args[0].isdigit() and args[0] not in variables:
            args = args[1:]  # newer TRS puts the container id first
        if len(args) < 4:
            continue
        count = int(args[0]) if args[0].isdigit() else variables.get(args[0])
        if count is None or not re.fullmatch(r"[\w.-]+", args[2]) or not re.fullmatch(r"\w+", args[3]):
            continue
        calls.append((count, args[2], args[3]))
    return calls


def _trs_pages(page_url: str, prefix: str, ext: str, count: int) -> list[str]:
    return [urljoin(page_url, f"{prefix}_{i}.{ext}") for i in range(1, count)]


def page_token(url: str) -> re.Match[str] | None:
    """Where the page number of ``url`` is (group 1), or None.

    >>> [page_token(u) and page_token(u).group(1) for u in ("http://h/nb46/index_3.html", "http://h/l?id=4&page=3",
    ...  "http://h/list/3.html", "http://h/c/column-index-3.shtml", "http://h/nb46/", "http://h/nb46/2024/",
    ...  "http://h/nb46/index.html")]
    ['3', '3', '3', '3', None, None, None]
    """
    path_end = len(url.split("?", 1)[0])
    return _QUERY_TOKEN.search(url, path_end) or _PATH_TOKEN.search(url, 0, path_end)


def _numbered(href_url: str, last: int, cap: int) -> list[str]:
    """Every page from 1 to ``last`` by substituting the page-number token of the URL."""
    m = page_token(href_url)
    if not m:
        return []
    head, tail = href_url[: m.start(1)], href_url[m.end(1):]
    start = 1 if re.search(r"index_$", head) else 2 if "?" not in head else 1
    return [f"{head}{i}{tail}" for i in range(start, min(last, cap + 1) + 1)]


def _numbers_page(token: re.Match[str], text: int) -> bool:
    """Does a link whose text is ``text`` carry that page in its token? (TRS: page n is index_{n-1})"""
    number = int(token.group(1))
    return number == text or (number == text - 1 and token.string[: token.start(1)].endswith("index_"))


def _counted_pages(html: str, page_url: str, cap: int) -> list[str]:
    """Pages from a JS page-count variable, only in a form the page itself states: TRS's
    ``countPage`` (or a page naming ``index_N``) means TRS numbering; any other count is followed
    only through a URL template of the page's script (``location.href='index.html?page='+n``).

    >>> _counted_pages("var totalPage = 3;", "http://h/l/index.html", 200)
    []
    >>> _counted_pages("var totalPage = 3; function goPage(n){location.href='list.jsp?id=4&pageNo='+n}",
    ...                "http://h/l/list.jsp?id=4", 200)
    ['http://h/l/list.jsp?id=4&pageNo=2', 'http://h/l/list.jsp?id=4&pageNo=3']
    """
    variables = _js_vars(html)
    name, count = next(((v, variables[v]) for v in _COUNT_VARS if v in variables), ("", 0))
    if count <= 1:
        return []
    if name == "countPage" or _TRS_NAMING.search(html):
        path = urlsplit(page_url).path
        ext = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
        return _trs_pages(page_url, "index", ext if ext in ("html", "htm", "shtml") else "html", min(count, cap + 1))
    template = _JS_PAGE_URL.search(html)
    if template is None:
        return []  # a count with no way to reach the pages: never invent URLs
    # page 1 is the list's own URL (where the crawl came in), not ``?page=1``
    return [urljoin(page_url, f"{template.group(1)}{i}") for i in range(2, min(count, cap) + 1)]


def list_page_urls(html: str, page_url: str, anchors: list[Anchor], cap: int = 200) -> list[str]:
    """Other pages of the list at ``page_url`` (not including itself), at most ``cap``.

    >>> list_page_urls('<script>createPageHTML(3, 0, "index", "html")</script>', "http://h/nb/index.html", [])
    ['http://h/nb/index_1.html', 'http://h/nb/index_2.html']
    >>> list_page_urls("", "http://h/list/1.html", [Anchor("http://h/list/4.html", "尾页")])
    ['http://h/list/2.html', 'http://h/list/3.html', 'http://h/list/4.html']
    >>> list_page_urls("", "http://h/l?page=1", [Anchor("http://h/l?page=2", "2"), Anchor("http://h/l?page=3", "3")])
    ['http://h/l?page=2', 'http://h/l?page=3']
    """
    own = page_url.split("#")[0]
    found = dataproxy_pages(html, page_url, cap)  # 0. a Hanweb jcms list: the records after the first group
    for a in anchors if not found else ():  # 1. explicit last-page link
        if _LAST_TEXT.match(a.text) and dedupe_key(a.url) != dedupe_key(own):
            m = page_token(a.url)
            if m:
                found = _numbered(a.url, int(m.group(1)), cap)
                break
    if not found:  # 2. JavaScript
        calls = [c for c in _create_page_calls(html) if not c[1].startswith("t")]
        if calls:
            count, prefix, ext = max(calls)
            found = _trs_pages(page_url, prefix, ext, min(count, cap + 1))
        else:
            found = _counted_pages(html, page_url, cap)
    if not found:  # 3. highest numeric page link
        numeric = [(int(a.text), a.url, int(m.group(1))) for a in anchors
                   if a.text.strip().isdigit() and not _YEAR_TEXT.fullmatch(a.text.strip())
                   and (m := page_token(a.url)) is not None and _numbers_page(m, int(a.text))]
        if numeric:
            text, url, number = max(numeric)
            if text > 1:
                found = _numbered(url, number, cap)
    if not found:  # 4. a 下一页 link alone: the next page (the crawler follows the chain, each page once)
        found = [a.url for a in anchors if _NEXT_TEXT.match(a.text) and dedupe_key(a.url) != dedupe_key(own)][:1]
    return [u for u in dict.fromkeys(found) if u != own][:cap]


def article_page_urls(html: str, page_url: str, cap: int = 50) -> list[str]:
    """Continuation pages of a TRS multi-page article: ``t…_1.html``, ``t…_2.html`` ….

    >>> article_page_urls('createPageHTML(3, 0, "t20151009_67430", "html")', "http://h/c/201510/t20151009_67430.html")
    ['http://h/c/201510/t20151009_67430_1.html', 'http://h/c/201510/t20151009_67430_2.html']
    """
    stem = urlsplit(page_url).path.rsplit("/", 1)[-1].split(".")[0]
    stem = re.sub(r"_\d+$", "", stem) if re.fullmatch(r"t\d{8}_\d+_\d+", stem) else stem
    for count, prefix, ext in _create_page_calls(html):
        if prefix == stem and count > 1:
            return _trs_pages(page_url, prefix, ext, min(count, cap + 1))
    return []
