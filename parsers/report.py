"""One call from page bytes to a `Report`: decode, find the body, read metadata, rebuild tables.

This is the library entry point (`parsers.parse_report`). It is pure — bytes in, records out —
and it never raises on a bad page: anything unexpected becomes `status = "failed"` with the reason.
Flattened-text forms are chosen in `text_forms.py`; template, checks and status (schema.md) are
decided in `status.py`.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import traceback
import zlib
from collections.abc import Iterable

from .dates import published_date
from .encoding import decode
from .formats import document_kind
from .generic_grids import generic_cells
from .grid import Grid
from .meta import region_of, report_year
from .model import TABLE_SOURCE_OF_FORM, Report, TableResult, make_report_id
from .page import (
    after_annex_line,
    content_tables,
    continuation_body,
    drop_footnote_marks,
    fast_text,
    first_line_site,
    text_after_title,
    texts_around,
    title_suffixes,
)
from .publisher import UPLOADING_OFFICE_RE, publisher_from_source, publisher_from_text, publisher_from_title
from .recognize import Row
from .sections import split_sections
from .status import finish
from .text import clean_ws
from .text_forms import (
    complete_review_table,
    merge_missing_tables,
    recognize_with_annex,
    table_evidence,
    text_tables,
)
from .titles import REPORT_TITLE_RE, find_title, labelled_title, reads_like_title

_TXT_HEADER_SEP = re.compile(r"^=+\s*正文\s*=+\s*$", re.M)
_TXT_HEADER_FIELDS_RE = re.compile(r"(?:(?:标题|发布时间|文号|发布机构|栏目|原文链接|本地目录)[ \t]*[:：][^\n]*\n)+")
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype|html|head|body|table|div|p|meta)\b", re.I)


def parse_report(data: bytes, url: str | None = None, *, fetched_at: str | None = None,
                 site: str | None = None, filename: str | None = None,
                 declared_encoding: str | None = None, extra_pages: list[bytes] | None = None,
                 link_title: str | None = None) -> Report:
    """Parse one report page (HTML in any encoding, or flattened text) into a `Report`.

    `extra_pages` are the later pages of a multi-page article (TRS `t…_1.html`): their bodies
    continue the first page's, so a table split across pages is read as one. `link_title`: the
    text of the link the crawler followed to the file; it names a report published as a PDF or
    Word file (which is not read), and is not used for pages.
    """
    sha = hashlib.sha256(data).hexdigest()
    report = Report(report_id=make_report_id(url, sha), source_url=url, fetched_at=fetched_at,
                    content_sha256=sha, site=site)
    if not data.strip():
        report.status, report.status_reason = "failed", "empty input: nothing to parse"
        return report
    try:
        if data[:2] == b"\x1f\x8b":
            # a page saved as the server sent it (curl without --compressed): gzip bytes
            data = _gunzip(data)
            report.warnings.append("the input is gzip-compressed; read decompressed")
        if kind := document_kind(data):
            _document(report, kind, link_title, url)
            return report
        text, encoding = decode(data, declared_encoding)
        report.encoding = encoding
        if lost := text.count("\ufffd"):
            report.warnings.append(f"{lost} characters of the page are U+FFFD: bytes not decodable as {encoding}"
                                   " (or a page that printed the replacement character itself)")
        is_html = _is_html(data, filename)
        if is_html:
            extra = [decode(p, declared_encoding)[0] for p in (extra_pages or [])]
            # lexbor reads bytes as UTF-8: handing it the checked bytes saves re-encoding the text
            grids = _parse_html(report, data if encoding == "utf-8" else text, url, extra)
        else:
            grids = []
            _parse_text(report, text, url)
        finish(report)
        if report.template == "pre2019" and grids:
            report.grids = generic_cells(grids)
    except Exception as exc:  # one bad page must never stop a run: record it
        report.status = "failed"
        report.status_reason = f"{type(exc).__name__}: {exc}"
        report.warnings.append(traceback.format_exc(limit=3))
    return report


# A compressed page is refused past this size: a few KB of gzip can expand to gigabytes.
_MAX_GUNZIP = 64 * 2**20
# An HTML document whatever its file name: a page saved as .txt still starts like one.
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.I)


def _gunzip(data: bytes) -> bytes:
    """The decompressed bytes of a gzip file (every member), or ValueError when they are not.

    >>> import gzip; _gunzip(gzip.compress(b"<p>a</p>") + gzip.compress(b"<p>b</p>"))
    b'<p>a</p><p>b</p>'
    """
    out = bytearray()
    while data[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(wbits=31)
        try:
            out += d.decompress(data, _MAX_GUNZIP - len(out))
        except zlib.error as exc:
            raise ValueError(f"gzip-compressed input that does not decompress: {exc}") from None
        if d.unconsumed_tail:
            raise ValueError(f"gzip-compressed input over {_MAX_GUNZIP // 2**20} MB decompressed")
        if not d.eof:
            raise ValueError("gzip-compressed input cut short")
        data = d.unused_data
    return bytes(out)


def _document(report: Report, kind: str, link_title: str | None, url: str | None) -> None:
    """A report published as a file (PDF, Word…): what its link and URL say, and no tables."""
    title = clean_ws(link_title) if link_title and clean_ws(link_title) else None
    _set_meta(report, title, None, "", "", {}, url)
    finish(report)
    report.status = "no_tables"
    report.status_reason = (f"a {kind} file, not a web page: its tables are not read (nianbao reads HTML and text)"
                            + ("" if title else "; no link text names it"))


def _is_html(data: bytes, filename: str | None) -> bool:
    if filename:
        low = filename.lower()
        if low.endswith((".txt", ".text")):
            return bool(_HTML_START.match(data[:1024]))  # a web page saved under a .txt name
        if low.endswith((".html", ".htm", ".shtml", ".xhtml", ".jsp", ".php", ".asp", ".aspx")):
            return True
    return bool(_HTML_SNIFF.search(data[:4096]))


def _parse_text(report: Report, text: str, url: str | None) -> None:
    header: dict[str, str] = {}
    body = text
    m = _TXT_HEADER_SEP.search(text)
    if m:
        for line in text[: m.start()].splitlines():
            key, sep, val = line.partition(":")
            if not sep:
                key, sep, val = line.partition("：")
            if sep:
                header[key.strip()] = val.strip()
        body = text[m.end():]
    elif h := _TXT_HEADER_FIELDS_RE.match(text):
        # the crawler's header fields without the 正文 line under them: the fields end where a
        # line stops being one
        for line in h.group().splitlines():
            key, _sep, val = line.replace("：", ":", 1).partition(":")
            header[key.strip()] = val.strip()
        body = text[h.end():]
    url = url or header.get("原文链接") or None
    if url and not report.source_url:
        report.source_url = url
        report.report_id = make_report_id(url, report.content_sha256)
    meta = {}
    if header.get("发布时间"):
        meta["pubdate"] = header["发布时间"]
    title = find_title([header.get("标题", "")], body)
    # the crawler's 发布时间 is the article's own date: before any date line in the body (a
    # "上一篇：… 发布时间：…" link is another article's)
    own = (f"发布时间：{header['发布时间']}",) if header.get("发布时间") else ()
    _set_meta(report, title, header.get("发布机构") or None, text, body, meta, url,
              near=itertools.chain(own, text_after_title(body, title), _date_lines_at_end(body)))
    res, form = text_tables(body, report.report_year)
    solid = table_evidence(res)
    if form in ("glued", "cell_per_line") and not ("applications" in solid or len(solid) >= 2
                                                   or complete_review_table(res)):
        # label-number pairs in prose ("行政处罚8件"), not a table: a prose-only report
        res.warnings.append("numbers next to template labels in prose only; not read as tables")
        res, form = TableResult(warnings=res.warnings), "none"
    _apply_tables(report, res, form)
    report.sections = split_sections(body)


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


def _parse_html(report: Report, source: str | bytes, url: str | None,
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
    _set_meta(report, title, None, page_text, body_text, meta, url,
              near=itertools.chain(texts_around(body), text_after_title(page_text, title), _date_lines_at_end(body_text)),
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
    if not res.cells and any(_FLAT_HINT.search(b.text()) for b in bodies):
        # tables flattened into paragraphs inside an HTML page (pipe text or glued text); taken
        # only when table 三 or two tables are there, so prose and pre-2019 statistics tables that
        # mention 行政许可 or 行政复议 are not read as a template table
        # with no table in the body, the narrative text already is the whole text
        full_text = body_text if not tables else "\n".join(node_text(b) for b in bodies)
        text_res, text_form = text_tables(full_text, report.report_year)
        solid = table_evidence(text_res)
        if "applications" in solid or len(solid) >= 2:
            res, form = text_res, text_form
            body_text = full_text
    elif res.cells and not {"applications", "review_litigation"} <= res.tables_found() \
            and _FLAT_HINT.search(body_text):
        # some tables are real <table>s, the others were pasted as text paragraphs
        merge_missing_tables(res, text_tables(body_text, report.report_year)[0])
    _apply_tables(report, res, form)
    report.attachments = find_attachments(tree, body, url)
    report.sections = split_sections(body_text)
    if len(report.sections) < 6 and tables:
        # headings printed inside the tables (a heading row, a caption): the sections are then
        # cut from the text with the tables in it, as for a text report
        with_tables = split_sections("\n".join(node_text(b) for b in bodies))
        if len(with_tables) > len(report.sections):
            report.sections = with_tables
    return grids


# A date field printed as the body's own last lines ("发布时间：2024-01-31"), not a date quoted in prose.
_DATE_FIELD_LINE_RE = re.compile(r"^(?:发布|公开|发稿|公布)?(?:时间|日期)[:：]\s*\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D{0,12}$")


def _date_lines_at_end(body_text: str) -> tuple[str, ...]:
    """The body's last lines that are a date field and nothing else."""
    lines = [ln.strip() for ln in body_text[-600:].splitlines() if ln.strip()]
    fields = [j for j, ln in enumerate(lines) if _DATE_FIELD_LINE_RE.match(ln)]
    if fields and (fields[-1] - fields[0] + 1 > len(fields)
                   or (fields[0] and REPORT_TITLE_RE.search(lines[fields[0] - 1]))):
        # date fields with other lines between them: a list of other articles and their dates
        # ("相关链接" under the report); or one such link, a report's title over its date
        return ()
    return tuple(lines[j] for j in fields if j >= len(lines) - 3)


def _set_meta(report: Report, title: str | None, publisher: str | None, page_text: str, body_text: str,
              meta: dict[str, str], url: str | None, *, near: Iterable[str] = (),
              site_names: tuple[str, ...] = ()) -> None:
    """`near`: texts around the body, smallest first (the article's own 发布时间 line is there,
    a sidebar's is not). `site_names`: other names of the site (the `<title>` suffix), for
    the region when the publisher names only a town."""
    if title or publisher:
        # a stray undecodable byte (U+FFFD, warned about by `parse_report`) is no part of a name
        title = title.replace("\ufffd", "") if title else title
        publisher = publisher.replace("\ufffd", "") if publisher else publisher
    report.title = title
    report.published_date = published_date(page_text, meta, url, near)
    report.report_year = report_year(title, body_text, report.published_date)
    # the title names the reporting body as analysts know it; a CMS 发布机构 field is often the
    # uploading office ("区财政金融局", "平潭综合实验区管委会办公室") or junk ("1")
    if publisher and not re.search(r"[\u4e00-\u9fa5]{2}", publisher):
        publisher = None
    # the page's own 来源 field before a town the body happens to name ("我局配合龙兴镇人民政府")
    source = publisher or publisher_from_source(body_text, meta) or publisher_from_source(page_text, meta)
    pub = publisher_from_title(title)
    if not pub and source and UPLOADING_OFFICE_RE.search(source):
        # the general office that uploaded the page: the report's own words name who reports,
        # unless they only name the office again ("区政府办公室") or its government ("某县")
        own = publisher_from_text(body_text, meta, towns=False, source=False)
        if own and not own.endswith(("办公室", "办公厅")) and own not in source:
            pub = own
    pub = pub or source or publisher_from_text(body_text, meta) or publisher_from_text(page_text, meta, towns=False)
    report.publisher = clean_ws(pub) if pub else None
    site_name = meta.get("sitename") or first_line_site(page_text)
    # the source field often names the body in full ("赣县区江口镇人民政府") where the title is short
    report.region = region_of([report.publisher, title, source, site_name, *site_names], page_text)
    if report.region is None and (own := publisher_from_text(body_text, meta, towns=False, source=False)):
        # a short title ("财政金融局2022年…") and source field ("区财政金融局"): the report's own
        # compiler line or signature names the body in full
        report.region = region_of([own], page_text)


def _apply_tables(report: Report, res: TableResult, form: str) -> None:
    """`form`: one of `TABLE_FORMS`; `table_source` is its schema.md class (html, pipe_text, none)."""
    report.cells = res.cells
    report.undetermined = dict(res.undetermined)
    report.templates_by_table = dict(res.templates_by_table)
    report.unknown_labels = list(res.unknown_labels)
    report.warnings.extend(res.warnings)
    report.table_form = form
    report.table_source = TABLE_SOURCE_OF_FORM[form]
