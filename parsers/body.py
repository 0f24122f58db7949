"""Find the report body among the site chrome of an HTML page, and its attachments.

Gov CMS templates wrap the article in a known container (`.TRS_Editor`, `#zoom`, …) but pages also
carry navigation, footers, "related links" and a frozen date widget. Candidates are scored by the
report markers they contain (section headings, table captions); when no CMS container holds the
report, the lowest common ancestor of the marker elements is taken instead.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .model import Attachment
from .page import MAX_TABLES

CMS_SELECTORS = (
    ".TRS_Editor", ".trs_editor_view", ".TRS_UEDITOR", ".Custom_UnionStyle", "#zoom", "#ivs_content",
    "#webeditorview", ".xxgk_content", ".article-content", ".article_content", ".wzy_content", ".zw",
    "#UCAP-CONTENT", ".view", ".pages_content", "#content", ".content", "article", ".detail", ".main-txt",
    # Hanweb (大汉) and 集约化 platforms, and other common article containers
    "#zoomcon", ".zoom", "#Zoom", ".bt_content", ".bt-content", ".news_content", ".article_con", ".articleCon",
    "#xxgk_content", ".xxgk-content", ".xl-content", ".wenzhang", ".nr", "#ContentRegion", "#art_content",
)
_CMS_QUERY = ", ".join(CMS_SELECTORS)
# lexbor matches a selector list one selector at a time over the whole tree (~5 µs per selector on
# a 60 KB page), so the containers seen on most sites are tried first; the full list only runs
# when none of them clearly holds a report.
_COMMON_QUERY = ", ".join((".TRS_Editor", "#zoom", ".article_content", ".article-content", ".zw",
                           "#UCAP-CONTENT"))
_CLEAR_SCORE = 6  # six of the eight markers: the container holds the report, not a teaser
MARKERS = (
    re.compile(r"一[、.．]\s*(?:总体情况|主要工作概述|工作基本情况|概述)"),
    re.compile(r"二[、.．]\s*主动公开"),
    re.compile(r"三[、.．]\s*(?:收到和处理|依申请公开)"),
    re.compile(r"四[、.．]\s*(?:因)?政府信息公开.{0,8}(?:复议|诉讼)"),
    re.compile(r"五[、.．]\s*(?:政府信息公开工作)?存在"),
    re.compile(r"六[、.．]\s*其他需"),
    re.compile(r"第二十条第"),
    re.compile(r"申请人情况"),
)
ATTACHMENT_EXT = ("pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "rtf", "ofd", "zip", "rar")
_FILE_PARAM_RE = re.compile(r"[?&]file=([^&]+\.(?:pdf|docx?))", re.I)
_EXT_RE = re.compile(r"\.(" + "|".join(ATTACHMENT_EXT) + r")(?:$|[?#])", re.I)


def _score(text: str) -> int:
    return sum(1 for rx in MARKERS if rx.search(text))


def find_body(tree):  # -> selectolax Node
    """The node that holds the report: best-scoring CMS container, else the markers' common ancestor."""
    root = tree.body or tree.root
    page_score: int | None = None

    def holds_every_marker(key: tuple[int, int] | None) -> bool:
        # a weak container is still the body when no marker lies outside it (pre-2019 reports
        # carry few of the 2019 headings); the element-by-element marker search is the slow path
        nonlocal page_score
        if key is None or key[0] < 1 or root is None:
            return False
        if page_score is None:
            page_score = _score(root.text(separator="\n"))
        return page_score == key[0]

    best, best_key = _best_container(tree, _COMMON_QUERY)
    if best is not None and best_key is not None and (best_key[0] >= _CLEAR_SCORE or holds_every_marker(best_key)):
        return best  # the common containers answered: no need for the long selector list
    best, best_key = _best_container(tree, _CMS_QUERY)
    if best is not None and best_key is not None and best_key[0] >= 3:
        return best
    if best is not None and holds_every_marker(best_key):
        return best
    lca = _markers_ancestor(tree)
    if lca is not None:
        return lca
    return best if best is not None else (tree.body or tree.root)


def _best_container(tree, query: str):
    """The candidate with the most markers, the smallest on a tie, and its (score, -length)."""
    best, best_key = None, None
    for node in tree.css(query):
        text = node.text(separator="\n")
        key = (_score(text), -len(text))
        if best_key is None or key > best_key:
            best, best_key = node, key
    return best, best_key


def _markers_ancestor(tree):
    marked = []
    for node in tree.css("p, h1, h2, h3, h4, h5, h6, div, span, td, strong, b, font, li"):
        txt = node.text(deep=False) or ""
        if txt and any(rx.search(txt) for rx in MARKERS[:6]):
            marked.append(node)
    ids = {node.mem_id for node in marked}
    for table in tree.css("table")[:MAX_TABLES]:  # a page of 20,000 nested tables is not read whole
        if table.mem_id not in ids and _score(table.text(separator="\n")):
            marked.append(table)
    if len(marked) < 2:
        return None
    paths = []
    for node in marked:
        path = []
        cur = node
        while cur is not None:
            path.append(cur.mem_id)
            cur = cur.parent
        paths.append(path[::-1])
    common = 0
    for depth in range(min(len(p) for p in paths)):
        if len({p[depth] for p in paths}) != 1:
            break
        common = depth
    target = paths[0][common]
    cur = marked[0]
    while cur is not None and cur.mem_id != target:
        cur = cur.parent
    return cur


def find_attachments(tree, body, base_url: str | None) -> list[Attachment]:
    """Linked files (pdf/doc/…) anywhere on the page and images inside the body."""
    out: list[Attachment] = []
    seen: set[str] = set()
    for a in tree.css("a[href], iframe[src], embed[src], object[data]"):
        # `attrs.get` reads one attribute; `attributes` would build a dict of all of them
        attrs = a.attrs
        href = attrs.get("href") or attrs.get("src") or attrs.get("data") or ""
        m = _EXT_RE.search(href)
        if not m:
            if "file=" not in href.lower():
                continue
            m = _FILE_PARAM_RE.search(href)
            if not m:
                continue
            href = m.group(1)
            m = _EXT_RE.search(href)
            if not m:
                continue
        url = urljoin(base_url, href) if base_url else href
        if url in seen:
            continue
        seen.add(url)
        out.append(Attachment(url, m.group(1).lower(), (a.text() or "").strip()))
    if body is not None:
        for img in body.css("img[src]"):
            src = img.attributes.get("src") or ""
            url = urljoin(base_url, src) if base_url else src
            if url and url not in seen:
                seen.add(url)
                out.append(Attachment(url, "image", img.attributes.get("alt") or ""))
    return out
