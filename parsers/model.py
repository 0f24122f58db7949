"""The records the parsers produce: one `Report` per page, with its cells, checks and sections.

Everything here is plain data. `Report.frames()` gives the pandas DataFrames in the shape of
`../shared/spec/schema.md` (`reports`, `cells`, `checks`, `sections`) for notebook use; the exporters
in `output/` build their Arrow tables from the same records column by column.
"""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, NamedTuple

PARSER_VERSION = "0.17.1"

TABLES = ("active_disclosure", "applications", "review_litigation")
VALUE_KINDS = ("number", "blank", "na", "text")
STATUSES = ("failed", "no_tables", "partial", "inconsistent", "ok")
# schema.md names html, pipe_text and none; the corpus's hand-verified files add flattened_text for
# text whose cell separators are gone (glued or space-separated cells, solved by the identities).
TABLE_SOURCES = ("html", "pipe_text", "flattened_text", "none")
# How the tables were laid out where they were read (`table_form`), and the `table_source` of each:
# grid = HTML <table>s; pipe_rows = the seed's "TEXT |" form (and markdown rows); row_per_line =
# one row per line, cells separated by "|"; tab_rows = one row per line, cells separated by tabs
# (a table copied out of Word or Excel: no pipes, so flattened text); cell_per_line = one cell
# per line with bare "|" lines between; glued = cells run together or separated only by spaces.
TABLE_SOURCE_OF_FORM = {"grid": "html", "pipe_rows": "pipe_text", "row_per_line": "pipe_text",
                        "tab_rows": "flattened_text", "cell_per_line": "pipe_text", "glued": "flattened_text",
                        "none": "none"}
TABLE_FORMS = tuple(TABLE_SOURCE_OF_FORM)


class Cell(NamedTuple):
    """One template cell as printed. `value` is None unless `value_kind == "number"`."""

    table: str
    row_key: str
    col_key: str
    value: float | None
    value_raw: str
    value_kind: str
    unit: str | None
    row_label: str
    col_label: str
    template: str


class Check(NamedTuple):
    """One identity evaluated in one mode. `ok` is None when strict mode lacks an operand."""

    check: str
    mode: str
    expected: float | None
    actual: float | None
    ok: bool | None


class Section(NamedTuple):
    section: int
    heading: str
    text: str


class GenericCell(NamedTuple):
    """One cell of a table outside the 2019/2021 templates (a pre-2019 statistics table), kept
    as a generic grid: where it sits and what it says, never mapped to template keys."""

    table_index: int
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    value: float | None
    value_kind: str
    unit: str | None


class Attachment(NamedTuple):
    url: str
    kind: str  # pdf, doc, docx, wps, xls, xlsx, image, ...
    text: str


@dataclass
class Report:
    """A parsed annual report page. Fields mirror the `reports` table of schema.md."""

    report_id: str
    source_url: str | None = None
    # where the bytes were read from (the path given to `extract`, or the raw store blob of a
    # crawled page): set by the pipeline, which does the I/O, never by the parser
    source_path: str | None = None
    fetched_at: str | None = None
    content_sha256: str = ""
    site: str | None = None
    publisher: str | None = None
    region: str | None = None
    report_year: int | None = None
    title: str | None = None
    published_date: str | None = None
    template: str = "unknown"
    table_source: str = "none"
    table_form: str = "none"
    status: str = "failed"
    status_reason: str = ""
    parser_version: str = PARSER_VERSION
    encoding: str | None = None
    templates_by_table: dict[str, str] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # the tables of a pre-2019 report, cell by cell (schema.md: "tables kept only as generic grids")
    grids: list[GenericCell] = field(default_factory=list)
    # cells the parser could not determine (e.g. glued digits with several valid splits):
    # "table.row_key.col_key" -> why. They are left out of `cells`.
    undetermined: dict[str, str] = field(default_factory=dict)
    # labels that matched nothing in the template table, reported rather than guessed
    unknown_labels: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    # -- pickling ----------------------------------------------------------------------------
    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # Reports cross process boundaries (parallel extract) and live in the parse cache. The
        # default pickle of a NamedTuple calls back into Python per record (~2 µs a cell);
        # plain tuples pickle in C, so a report pickles ~5x faster.
        state = dict(self.__dict__)
        for name in _RECORD_LISTS:
            state[name] = [tuple(x) for x in state[name]]
        return _rebuild_report, (state,)

    # -- convenience -------------------------------------------------------------------------
    def cell(self, table: str, row_key: str, col_key: str) -> Cell | None:
        for c in self.cells:
            if c.table == table and c.row_key == row_key and c.col_key == col_key:
                return c
        return None

    def value(self, table: str, row_key: str, col_key: str) -> float | None:
        c = self.cell(table, row_key, col_key)
        return None if c is None else c.value

    def record(self) -> dict[str, Any]:
        """The `reports` row of this report."""
        return {
            "report_id": self.report_id,
            "source_url": self.source_url,
            "fetched_at": self.fetched_at,
            "content_sha256": self.content_sha256,
            "site": self.site,
            "publisher": self.publisher,
            "region": self.region,
            "report_year": self.report_year,
            "title": self.title,
            "published_date": self.published_date,
            "template": self.template,
            "table_source": self.table_source,
            "table_form": self.table_form,
            "status": self.status,
            "status_reason": self.status_reason,
            "parser_version": self.parser_version,
            "encoding": self.encoding,
            "n_cells": len(self.cells),
            "n_undetermined": len(self.undetermined),
            "unknown_labels": "; ".join(self.unknown_labels),
            "warnings": "; ".join(self.warnings),
        }

    def frames(self) -> dict[str, Any]:
        """The four schema.md tables for this one report as pandas DataFrames, and `grids`."""
        import pandas as pd

        rid = self.report_id
        cells = pd.DataFrame(
            [(rid, *c) for c in self.cells],
            columns=["report_id", *Cell._fields],
        )
        checks = pd.DataFrame([(rid, *c) for c in self.checks], columns=["report_id", *Check._fields])
        sections = pd.DataFrame([(rid, *s) for s in self.sections], columns=["report_id", *Section._fields])
        grids = pd.DataFrame([(rid, *g) for g in self.grids], columns=["report_id", *GenericCell._fields])
        return {
            "reports": pd.DataFrame([self.record()]),
            "cells": cells,
            "checks": checks,
            "sections": sections,
            "grids": grids,
        }


_RECORD_LISTS = {"cells": Cell, "checks": Check, "sections": Section, "attachments": Attachment,
                 "grids": GenericCell}


def _rebuild_report(state: dict[str, Any]) -> Report:
    """Inverse of `Report.__reduce__`.

    >>> import pickle
    >>> r = Report("x", cells=[Cell("applications", "granted", "total", 1.0, "1", "number", None, "", "", "2021")])
    >>> pickle.loads(pickle.dumps(r)) == r and type(pickle.loads(pickle.dumps(r)).cells[0]) is Cell
    True
    >>> state = pickle.dumps(r).replace(b"source_path", b"no_such_fld")  # as if pickled before the field
    >>> pickle.loads(state).source_path is None
    True
    """
    report = Report.__new__(Report)
    # a report pickled before a field was added (the parse cache) gets the field's default
    for f in fields(Report):
        if f.name not in state and f.default is not MISSING:
            state[f.name] = f.default
    for name, cls in _RECORD_LISTS.items():
        state[name] = [cls._make(t) for t in state.get(name, ())]
    report.__dict__.update(state)
    return report


def make_report_id(source_url: str | None, content_sha256: str) -> str:
    """Stable id: from the URL when known (a re-fetched page keeps its id), else from the bytes.

    >>> make_report_id("http://a.gov.cn/t1.html", "x") == make_report_id("http://a.gov.cn/t1.html", "y")
    True
    >>> len(make_report_id(None, "ab" * 32))
    16
    """
    if source_url:
        return hashlib.sha256(("url:" + source_url).encode()).hexdigest()[:16]
    return content_sha256[:16]


@dataclass
class TableResult:
    """What a table reader (HTML grids, pipe text, glued text) hands back to `parse_report`."""

    cells: list[Cell] = field(default_factory=list)
    # "table.row_key.col_key" -> reason, for cells present on the page but not determinable
    undetermined: dict[str, str] = field(default_factory=dict)
    templates_by_table: dict[str, str] = field(default_factory=dict)  # table -> "2021" | "2019"
    unknown_labels: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def tables_found(self) -> set[str]:
        return {c.table for c in self.cells} | {k.split(".", 1)[0] for k in self.undetermined}
