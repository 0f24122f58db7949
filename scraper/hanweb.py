"""Hanweb 大汉 jcms list pages (domain.md §10.2, §12 "JS-built lists").

A jcms column page carries its list as XML inside ``<script type="text/xml">``: every item is a
``<record><![CDATA[<li><a href=…>…</a></li>]]></record>``. An HTML parser sees only script text,
so the records are cut out and parsed on their own. The page holds the first group of records;
the rest come from ``/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…`` with
the parameters of the page's ``<nextgroup>`` link (jpage.js POSTs them; the servers answer a GET
with the same query). The answer is the same XML: records, no ``<nextgroup>``, so it never pages
further. Without a ``<nextgroup>`` link and a ``totalRecord`` the crawler does not guess.

Every jcms column is a sibling directory ``/col/col{id}/`` (a unit's page, its 年报 column), so
navigation from one column reaches the others only if the scope is ``/col/``.

The annual-report module ``/module/xxgk/xxgkAnnualReport.jsp?area={机构代码}`` (domain.md §10.2)
shows the latest report inline, with year tabs ``…&fbtime={year}`` whose text is just the year:
the module page and each tab are report pages.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[\s*<a[^>]*?href\s*=\s*[\"']([^\"']+)[\"']", re.S | re.I)
_TOTAL = re.compile(r"\btotalRecord\s*[:=]\s*['\"]?(\d+)", re.I)
_PER_PAGE = re.compile(r"\b(?:perPage|pageSize)\s*[:=]\s*['\"]?(\d+)", re.I)
_GROUP = re.compile(r"\bgroupSize\s*[:=]\s*['\"]?(\d+)", re.I)


_COL_DIR = re.compile(r"/col/col\d+/$")
_ANNUAL_MODULE = re.compile(r"/module/xxgk/xxgkAnnualReport\.jsp$", re.I)
_YEAR_TAB = re.compile(r"[?&]fbtime=\d{4}(?:&|$)", re.I)


def scope_dir(directory: str) -> str:
    """Navigation scope for an entry directory: a jcms column directory widens to ``/col/``.

    >>> scope_dir("//h/col/col100/"), scope_dir("//h/zwgk/zfxxgk/")
    ('//h/col/', '//h/zwgk/zfxxgk/')
    """
    return directory[: directory.rstrip("/").rfind("/") + 1] if _COL_DIR.search(directory) else directory


def is_annual_module(url: str) -> bool:
    """The annual-report module or one of its year tabs.

    >>> is_annual_module("http://h/module/xxgk/xxgkAnnualReport.jsp?area=1137&fbtime=2023")
    True
    """
    return bool(_ANNUAL_MODULE.search(urlsplit(url).path))


def annual_tabs(module_url: str, urls: list[str]) -> list[str]:
    """The year tabs of the module page at ``module_url`` among the page's link ``urls``.

    >>> annual_tabs("http://h/module/xxgk/xxgkAnnualReport.jsp?area=A", ["http://h/col/col1/index.html",
    ...     "http://h/module/xxgk/xxgkAnnualReport.jsp?area=A&fbtime=2023"])
    ['http://h/module/xxgk/xxgkAnnualReport.jsp?area=A&fbtime=2023']
    """
    path = urlsplit(module_url).path
    return [u for u in urls if urlsplit(u).path == path and _YEAR_TAB.search(u)]


def record_html(text: str) -> str:
    """The HTML of every jcms ``<record>`` of a page or a dataproxy answer, joined ('' if none).

    >>> record_html('<script type="text/xml"><recordset><record><![CDATA[<li><a href="/art/1.html">A</a></li>]]>'
    ...             '</record><record><![CDATA[<a href="b">B</a>]]></record></recordset></script>')
    '<li><a href="/art/1.html">A</a></li>\\n<a href="b">B</a>'
    """
    if "<record" not in text and "<RECORD" not in text:
        return ""
    return "\n".join(m.group(1).strip() for m in _RECORD.finditer(text))


def _number(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    return int(m.group(1)) if m else None


def dataproxy_pages(html: str, page_url: str, cap: int = 200) -> list[str]:
    """The dataproxy.jsp requests for the records after the ones on a jcms column page.

    >>> page = ('<datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=123'
    ...         '&unitid=48"></a>]]></nextgroup><recordset>' + '<record><![CDATA[<a href="x">x</a>]]></record>' * 5
    ...         + '</recordset></datastore><script>var pageSize = 5; var totalRecord = 12;</script>')
    >>> for u in dataproxy_pages(page, "http://h/col/col123/index.html"): print(u)
    http://h/module/web/jpage/dataproxy.jsp?startrecord=6&endrecord=10&perpage=5&columnid=123&unitid=48
    http://h/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=12&perpage=5&columnid=123&unitid=48
    >>> dataproxy_pages(page.replace("totalRecord", "other"), "http://h/col/col123/index.html")
    []
    """
    link = _NEXTGROUP.search(html)
    total = _number(_TOTAL, html)
    if link is None or not total:
        return []
    present = len(_RECORD.findall(html))
    per_page = _number(_PER_PAGE, html) or present
    chunk = per_page * (_number(_GROUP, html) or 1) or present
    if chunk <= 0 or present >= total:
        return []
    url = urljoin(page_url, link.group(1).replace("&amp;", "&"))
    parts = urlsplit(url)
    rest = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("page="))
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    out = []
    for start in range(present + 1, total + 1, chunk):
        end = min(start + chunk - 1, total)
        query = f"startrecord={start}&endrecord={end}&perpage={per_page}" + (f"&{rest}" if rest else "")
        out.append(f"{base}?{query}")
    return out[:cap]
