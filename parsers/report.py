"""One call from page bytes to a `Report`: decode, find the body, read metadata, rebuild tables.

This is the library entry point (`parsers.parse_report`). It is pure — bytes in, records out —
and it never raises on a bad page: anything unexpected becomes `status = "failed"` with the reason.
HTML pages are read in `report_html.py`, metadata and tables are set on the report in
`report_fields.py`; flattened-text forms are chosen in `text_forms.py`; template, checks and status
(schema.md) are decided in `status.py`.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import traceback
import zlib

from .encoding import decode
from .formats import document_kind
from .generic_grids import generic_cells
from .model import Report, TableResult, make_report_id
from .page import text_after_title
from .report_fields import apply_tables, date_lines_at_end, set_meta
from .report_html import parse_html_page
from .sections import split_sections
from .status import finish
from .text import clean_ws
from .text_forms import complete_review_table, table_evidence, text_tables
from .titles import find_title

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
            grids = parse_html_page(report, data if encoding == "utf-8" else text, url, extra)
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
    set_meta(report, title, None, "", "", {}, url)
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
    set_meta(report, title, header.get("发布机构") or None, text, body, meta, url,
             near=itertools.chain(own, text_after_title(body, title), date_lines_at_end(body)))
    res, form = text_tables(body, report.report_year)
    solid = table_evidence(res)
    if form in ("glued", "cell_per_line") and not ("applications" in solid or len(solid) >= 2
                                                   or complete_review_table(res)):
        # label-number pairs in prose ("行政处罚8件"), not a table: a prose-only report
        res.warnings.append("numbers next to template labels in prose only; not read as tables")
        res, form = TableResult(warnings=res.warnings), "none"
    apply_tables(report, res, form)
    report.sections = split_sections(body)
