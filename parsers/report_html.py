"""Reading an HTML report page: its `<meta>` fields, title, body text, tables and sections.

`parse_report` hands every page it takes for HTML here. The page is parsed once (lexbor), its
body found, its content tables rebuilt as grids and recognised as template tables; tables
flattened into paragraphs are read as text when no `<table>` holds them. Its own module because
it is the one path that sees the document tree: the text path and the entry point (`report.py`)
never do.
"""

from __future__ import annotations

import itertools
import re

from .grid import Grid
from .model import Report, make_report_id
from .page import (
    after_annex_line,
    content_tables,
    continuation_body,
    drop_footnote_marks,
    fast_text,
    text_after_title,
    text_before_title,
    texts_around,
    title_suffixes,
)
from .recognize import Row
from .report_fields import apply_tables, date_lines_at_end, set_meta
from .sections import split_sections
from .text_forms import (
    complete_review_table,
    merge_missing_tables,
    recognize_with_annex,
    table_evidence,
    text_tables,
)
from .titles import find_title, labelled_title, reads_like_title

_TITLE_QUERY = "h1, .title, .article-title, .article_title, .news_title, .art_title, .wzy_title, .detail-title"
_LINK_TAGS = frozenset(("a", "li"))


def _title_nodes(tree) -> list[str]:
    """Texts of the title elements, <h1> first, then the named title containers; links and list
    items are left out: a "related reports" list of other years' titles is not this page's."""
    found = []
    for node in tree.css(_TITLE_QUERY)[:12]:
        up, in_link = node, False
        for _ in range(4):  # the node, or an element up to three levels above it, is a link/list item
            if up is None:
                break
            if up.tag in _LINK_TAGS:
                in_link = True
                break
            up = up.parent
        if in_link:
            continue
        found.append((node.tag != "h1", len(found), node.text()))
    return [t for *_, t in sorted(found)][:5]


# Labels only table 二 or 三 of the 2019/2021 templates carry; flattened text is taken only when
# it holds one of those tables, so without these words there is nothing to read.
_FLAT_HINT = re.compile(r"第二十条|申请人情况|本年新收|办理结果")
# Table 四's own header words: a table 四 pasted as text paragraphs beside <table>s 二 and 三 (taken
# only when read as a table, `solid_tables`: prose quoting the cases is not one)
_FLAT_RL_HINT = re.compile(r"结果维持.{0,40}尚未审结", re.S)


def parse_html_page(report: Report, source: str | bytes, url: str | None,
                   extra: list[str] | None = None) -> list[tuple[int, Grid]]:
    """`source`: the decoded page, or its bytes when they are valid UTF-8 (checked by `decode`).
    Returns the content tables' grids, kept as generic grids when the report is pre-2019."""
    from selectolax.lexbor import LexborHTMLParser

    from .body import find_attachments, find_body
    from .dom import text_of
    from .grid import GridContext, find_tables, node_text, parse_html, table_grid
    from .html_parse import block_depth_over

    for page in (source, *(extra or [])):
        if depth := block_depth_over(page):
            # a hostile or broken page: lexbor would take minutes over it, holding a worker
            raise ValueError(f"block elements nested {depth} deep (<div><div>…): not parsed, the HTML"
                             " parser's time grows with the square of the depth")
    tree = LexborHTMLParser(source) if isinstance(source, bytes) else parse_html(source)
    meta = {}
    for node in tree.css("meta"):
        attrs = node.attrs  # one attribute read each; `.attributes` builds a dict of them all
        name = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        content = attrs.get("content")
        if name and content:
            meta.setdefault(name, content)
    if not report.source_url and (meta.get("url") or "").startswith(("http://", "https://")):
        # a page saved to disk still names its address in <meta name="Url"> (TRS pages do)
        url = report.source_url = meta["url"].strip()
        report.report_id = make_report_id(url, report.content_sha256)
    title_node = tree.css_first("title")
    page_title = title_node.text() if title_node is not None else ""
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = find_body(tree)
    page_text = fast_text(tree.body or tree.root)
    bodies = [body] + [continuation_body(parse_html(page), body) for page in extra or []]
    for b in bodies:
        drop_footnote_marks(b, report)
    found = [find_tables(b) for b in bodies]
    tables = content_tables([t for ts in found for t in ts])
    contexts = [GridContext(b) for b in bodies]
    body_of = {t.mem_id: c for ts, c in zip(found, contexts) for t in ts}
    table_grids = [table_grid(t, context=body_of.get(t.mem_id)) for t in tables]
    # narrative text: the body without its tables (read as grids); a one-cell table is a Word
    # text frame around a paragraph, which stays in the text
    table_ids = {t.mem_id for t, g in zip(tables, table_grids, strict=True) if len(g.cells) != 1}
    body_text = "\n".join(text_of(b, c.hidden.ids | table_ids) for b, c in zip(bodies, contexts))
    candidates = [meta.get("articletitle", "")]
    if not reads_like_title(candidates[0]):  # TRS pages name the article in <meta>: no query needed
        candidates += [*_title_nodes(tree), page_title, labelled_title(page_text) or ""]
    title = find_title(candidates, body_text, texts_around(body))
    set_meta(report, title, None, page_text, body_text, meta, url,
             near=itertools.chain(texts_around(body), text_after_title(page_text, title),
                                  text_before_title(page_text, title), date_lines_at_end(body_text)),
             site_names=title_suffixes(page_title))
    rows: list[Row] = []
    grids: list[tuple[int, Grid]] = []
    annex = False
    for i, (table, grid) in enumerate(zip(tables, table_grids, strict=True)):
        annex = annex or after_annex_line(table)  # everything after an 附件 line is annex
        grids.append((i, grid))
        by_row: list[list] = [[] for _ in range(grid.height)]
        for cell in grid.cells:
            if 0 <= cell.row < grid.height:
                by_row[cell.row].append(cell)
        for y, cells in enumerate(by_row):  # placement runs left to right: cells are in column order
            rows.append(Row([c.text for c in cells], i, [(c.col, c.colspan) for c in cells], grid.slots[y],
                            annex))
    res = recognize_with_annex(rows)
    form = "grid" if res.cells else "none"
    if not res.cells and any(_FLAT_HINT.search(t) or _FLAT_RL_HINT.search(t) for t in (b.text() for b in bodies)):
        # tables flattened into paragraphs inside an HTML page (pipe text or glued text); taken
        # only when table 三 or two tables are there, so prose and pre-2019 statistics tables that
        # mention 行政许可 or 行政复议 are not read as a template table
        # with no table in the body, the narrative text already is the whole text
        full_text = body_text if not tables else "\n".join(node_text(b) for b in bodies)
        text_res, text_form = text_tables(full_text, report.report_year)
        solid = table_evidence(text_res)
        # (or table 四 alone, read whole: as on a text page, prose quoting the cases gives no such run)
        if "applications" in solid or len(solid) >= 2 or complete_review_table(text_res):
            res, form = text_res, text_form
            body_text = full_text
    elif res.cells and not {"applications", "review_litigation"} <= res.tables_found() \
            and (_FLAT_HINT.search(body_text) or "review_litigation" not in res.tables_found()
                 and _FLAT_RL_HINT.search(body_text)):
        # some tables are real <table>s, the others were pasted as text paragraphs
        merge_missing_tables(res, text_tables(body_text, report.report_year)[0])
    apply_tables(report, res, form)
    report.attachments = find_attachments(tree, body, url)
    report.sections = split_sections(body_text)
    if len(report.sections) < 6 and tables:
        # headings printed inside the tables (a heading row, a caption): the sections are then
        # cut from the text with the tables in it, as for a text report
        with_tables = split_sections("\n".join(node_text(b) for b in bodies))
        if len(with_tables) > len(report.sections):
            report.sections = with_tables
    return grids
