"""Filling a `Report`'s fields from what a page says: its metadata, and the tables read from it.

`set_meta` sets title, published date, report year, publisher and region from the page's texts
and fields, in one order of precedence for every kind of input (an HTML page, a text file, a
document known only by its link); `apply_tables` copies a table reading into the report. They are
a module of their own because the HTML path (`report_html.py`), the text path and the document
path (`report.py`) all end in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .dates import published_date
from .meta import region_of, report_year
from .model import TABLE_SOURCE_OF_FORM, Report, TableResult
from .page import first_line_site
from .publisher import UPLOADING_OFFICE_RE, publisher_from_source, publisher_from_text, publisher_from_title
from .text import clean_ws
from .titles import REPORT_TITLE_RE

# A date field printed as the body's own last lines ("发布时间：2024-01-31"), not a date quoted in prose.
_DATE_FIELD_LINE_RE = re.compile(r"^(?:发布|公开|发稿|公布)?(?:时间|日期)[:：]\s*\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D{0,12}$")


def date_lines_at_end(body_text: str) -> tuple[str, ...]:
    """The body's last lines that are a date field and nothing else."""
    lines = [ln.strip() for ln in body_text[-600:].splitlines() if ln.strip()]
    fields = [j for j, ln in enumerate(lines) if _DATE_FIELD_LINE_RE.match(ln)]
    if fields and (fields[-1] - fields[0] + 1 > len(fields)
                   or (fields[0] and REPORT_TITLE_RE.search(lines[fields[0] - 1]))):
        # date fields with other lines between them: a list of other articles and their dates
        # ("相关链接" under the report); or one such link, a report's title over its date
        return ()
    return tuple(lines[j] for j in fields if j >= len(lines) - 3)


def set_meta(report: Report, title: str | None, publisher: str | None, page_text: str, body_text: str,
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


def apply_tables(report: Report, res: TableResult, form: str) -> None:
    """`form`: one of `TABLE_FORMS`; `table_source` is its schema.md class (html, pipe_text, none)."""
    report.cells = res.cells
    report.undetermined = dict(res.undetermined)
    report.templates_by_table = dict(res.templates_by_table)
    report.unknown_labels = list(res.unknown_labels)
    report.warnings.extend(res.warnings)
    report.table_form = form
    report.table_source = TABLE_SOURCE_OF_FORM[form]
