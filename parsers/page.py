"""Reading a report page's DOM around its tables: the article's neighbourhood, site names,
annex markers, layout tables and footnote marks. Pure: selectolax nodes in, text or nodes out.

These are the page-shape rules `report.parse_report` applies before and after reading the
tables; each one is a quirk of how gov CMS pages are built (see the docstrings for which).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Report
from .pipetext import ANNEX_LINE_RE
from .text import clean_ws


def fast_text(node) -> str:
    """Whole-page text for metadata (dates, the site name line): lexbor's C text walk is ~20x
    faster than `node_text`, and inline splits do not matter to those regexes."""
    try:
        return node.text(separator="\n") if node is not None else ""
    except Exception:
        return ""


_TEMPLATE_HINT = re.compile(r"第二十条|申请人情况|本年新收|行政复议")


# A report has a few dozen tables at most (table 二 in five parts, an annex copy); a page with
# hundreds is a broken or hostile one, nested tables unclosed: its first ones are read.
MAX_TABLES = 300


def content_tables(tables: list) -> list:
    """Drop layout tables: a table that holds another table with template words in it is page
    scaffolding (the whole article in one cell), and reading it would shadow the real tables.

    Each table's text is searched once: asking every table about every table inside it costs
    the cube of the nesting depth (1,500 unclosed nested tables took a minute)."""
    tables = tables[:MAX_TABLES]
    hinted = {t.mem_id for t in tables if _TEMPLATE_HINT.search(t.text() or "")}
    out = []
    for t in tables:
        # a table with no template words in it holds no table that has them
        if t.mem_id in hinted and any(x.mem_id in hinted for x in t.css("table")[1:]):
            continue  # lexbor lists the node itself first
        out.append(t)
    return out


def after_annex_line(table) -> bool:
    """A few elements before the table (at its level or its ancestors') say 附件/附表/附：."""
    node = table
    for _ in range(3):
        sib, seen = node.prev, 0
        while sib is not None and seen < 6:
            if sib.is_element_node:
                seen += 1
                if ANNEX_LINE_RE.match(fast_text(sib)):
                    return True
            sib = sib.prev
        node = node.parent
        if node is None or node.tag in ("body", "html"):
            break
    return False


def continuation_body(tree, first_body):
    """The body of a later page of a multi-page article: the container that held page 1's body
    (same id, else same first class), since a middle page may carry no section heading at all
    for `find_body` to score."""
    from .body import find_body

    tree.strip_tags(["script", "style", "noscript", "template"])
    attrs = first_body.attrs if first_body is not None else {}
    ident = (attrs.get("id") or "").strip()
    classes = (attrs.get("class") or "").split()
    for query in ([f"[id='{ident}']"] if ident else []) + ([f"[class~='{classes[0]}']"] if classes else []):
        if "'" in query[query.index("'") + 1: -2]:
            continue  # an id or class with a quote in it: not worth escaping
        node = tree.css_first(query)
        if node is not None:
            return node
    return find_body(tree)


# The report's first words at the start of a line ("一、", "根据…").
_REPORT_WORDS_RE = re.compile(r"[一1][、.．]|[（(]一[)）]|根据|按照|依据|本报告")
_LINE_BREAK_RE = re.compile(r"\n\s*")


def _report_start(text: str, pos: int, end: int) -> int | None:
    """Where `(?:^|\\n)\\s*(?:words)` first matches in `text[pos:end]` for a `pos` > 0 (so `^`
    never does): the line break before the first line starting with the report's first words.
    That regex retries at every line break of a whitespace run, the square of the run's length
    (page text holds long runs of blank lines); this reads each run once.

    >>> _report_start("标题\\n \\n\\n 来源\\n\\n一、总体", 1, 40)
    9
    """
    while (m := _LINE_BREAK_RE.search(text, pos, end)) is not None:
        if _REPORT_WORDS_RE.match(text, m.end(), end):
            return m.start()
        pos = m.end()  # every line break of this whitespace run reaches the same words
    return None


def text_after_title(page_text: str, title: str | None, window: int = 600) -> tuple[str, ...]:
    """The page text right after the article's title (where its 发布时间 line is printed), for
    pages whose body finder had to fall back to the whole `<body>`, up to the report's first words.

    >>> text_after_title("某镇年报\\n发布时间：2024-01-20\\n一、总体情况\\n相关文章 发布日期：2023-01-16", "某镇年报")
    ('某镇年报\\n发布时间：2024-01-20',)
    """
    if not title:
        return ()
    i = page_text.find(title)
    if i < 0:
        i = page_text.find(title[:12])
    if i < 0:
        return ()
    end = i + len(title) + window
    # the info line sits between the title and the report's first words; a short report (an
    # attachment link) would otherwise reach a "related articles" list and its dates
    start = _report_start(page_text, i + len(title), end)
    return (page_text[i: end if start is None else start],)


def text_before_title(page_text: str, title: str | None) -> tuple[str, ...]:
    """The line right above the article's title, when it is the article's own info line printed
    over the title ("来源：某局 发布时间：2020-02-24", then the title in a layout table's cell): a
    line with a 来源 field. The body finder's neighbours miss it when layout tables wrap the
    body, and the URL's date is then a migration's (Tianjin 2019 reports moved in Dec 2020).

    >>> text_before_title("首页\\n来源：某局 发布时间：2020-02-24\\n某局2019年年报\\n一、总体情况", "某局2019年年报")
    ('来源：某局 发布时间：2020-02-24',)
    >>> text_before_title("最新 发布日期：2020-01-02\\n某局2019年年报", "某局2019年年报"), text_before_title("某局2019年年报", "某局2019年年报")
    ((), ())
    """
    if not title:
        return ()
    i = page_text.find(title)
    end = page_text.rfind("\n", 0, i) if i > 0 else -1
    if end < 0 or page_text[end + 1: i].strip():
        return ()  # no line above, or the title is not at the start of its line
    lines = page_text[max(0, end - 400): end].splitlines()
    line = next((ln for ln in reversed(lines) if ln.strip()), "")  # blank lines of pretty-printed HTML
    return (line,) if "来源" in line else ()


_FOOTNOTE_SUP_RE = re.compile(r"[\d*＊①-⑳a-zA-Z]{1,3}|[\[［(（]?(?:注\s*)?\d{0,2}[\]］)）]?|注\s*\d{0,2}")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_CELL_TAGS = frozenset(("td", "th"))
# struck-through text: Word's tracked deletions (<del>), <s>/<strike>, and inline line-through
_STRUCK_QUERY = "table del, table s, table strike, table [style*='line-through' i]"


def _cell_of(node):
    up = node.parent
    while up is not None and up.tag not in _CELL_TAGS:
        if up.tag == "table":
            return None
        up = up.parent
    return up


def drop_footnote_marks(body, report: Report) -> None:
    """`<td>40<sup>1</sup></td>` is 40 with footnote 1, not 401: superscript (and subscript)
    markers after a number inside tables are removed before the cells are read (the raw bytes
    keep them). A `<sup>` holding the cell's only number is the number, set small, and stays.
    Struck-through text in a cell (`<del>13</del>6`, a corrected value) is not read either: the
    cell says what is left."""
    dropped = 0
    for sup in body.css("table sup, table sub"):
        mark = (sup.text() or "").strip()
        if not mark or not _FOOTNOTE_SUP_RE.fullmatch(mark):
            continue
        cell = _cell_of(sup)
        rest = (cell.text() or "").replace(mark, "", 1) if cell is not None else ""
        if cell is not None and not _DIGIT_RE.search(rest):
            continue  # nothing else in the cell is a number: the superscript is the value
        sup.decompose()
        dropped += 1
    if dropped:
        report.warnings.append(f"{dropped} footnote marker(s) <sup>/<sub> in tables ignored")
    struck = 0
    for node in body.css(_STRUCK_QUERY):
        if node.tag not in ("del", "s", "strike") and not _LINE_THROUGH_RE.search(node.attrs.get("style") or ""):
            continue
        if _cell_of(node) is None:
            continue
        node.decompose()
        struck += 1
    if struck:
        report.warnings.append(f"{struck} struck-through text(s) in table cells not read")


_LINE_THROUGH_RE = re.compile(r"text-decoration[\w-]*\s*:[^;]*line-through", re.I)


def texts_around(body, levels: int = 3) -> Iterator[str]:
    """Texts next to the body, nearest first: its preceding element siblings (the article's
    info line: 来源 … 发布时间), then its parent, grandparent, … up to `<body>`. The article's
    own date line sits there; "latest news" lists elsewhere on the page carry dates too, so
    elements holding links to other articles are left out. Lazy: the
    search usually stops at the first text."""
    if body is None:
        return
    siblings = []
    node = body.prev
    while node is not None and len(siblings) < levels:
        if node.is_element_node and not _is_list(node):
            siblings.append(fast_text(node))
        node = node.prev
    if siblings:
        yield "\n".join(siblings)
    came_from, node = body, body.parent
    for _ in range(levels):
        if node is None or node.tag in ("body", "html"):
            return
        # the parent's other children: the body's own text (its prose may quote other dates) is
        # not "around" it
        yield "\n".join(fast_text(child) for child in node.iter()
                        if child.mem_id != came_from.mem_id and not _is_list(child))
        came_from, node = node, node.parent


def _is_list(node) -> bool:
    """Holds links to other articles (a "related articles" list or table, navigation): a link
    with a title-long text. The info line's own links ("【字体：大 中 小】", "打印") are short."""
    return any(len((a.text() or "").strip()) >= 8 for a in node.css("a"))


_TITLE_SEP_RE = re.compile(r"\s+[-–—|]\s+|[_|]|--")


def title_suffixes(page_title: str) -> tuple[str, ...]:
    """Site names after the article title in `<title>` ("… - 天津市静海区人民政府").

    >>> title_suffixes("中旺镇2021年年度报告 - 天津市静海区人民政府"), title_suffixes("年报")
    (('天津市静海区人民政府',), ())
    """
    parts = [clean_ws(p) for p in _TITLE_SEP_RE.split(page_title or "")]
    return tuple(p for p in parts[1:] if p)


_SITE_LINE_RE = re.compile(r"^([\u4e00-\u9fa5]{2,18}人民政府)(?:网|门户网站)?(?:\s|$)")


def first_line_site(page_text: str) -> str | None:
    """The site's name in the page header: a first line "天津市静海区人民政府", possibly followed
    by the date widget ("… 2019年12月3日星期二").

    >>> first_line_site("天津市静海区人民政府 2019年12月3日星期二\\n首页"), first_line_site("首页\\n正文")
    ('天津市静海区人民政府', None)
    """
    for line in page_text.splitlines()[:5]:
        if m := _SITE_LINE_RE.match(clean_ws(line)):
            return m.group(1)
    return None

