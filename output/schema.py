"""The one definition of every output table: names, Arrow types, nullability, units, labels.

Everything downstream is derived from `TABLES`: the pyarrow schemas the writer casts to, the CSV
column order, the Frictionless `datapackage.json`, `docs/data-dictionary.md` and the pandas dtypes
of the loader. Adding a column means adding one `Col` here; renaming one breaks the contract of
`shared/spec/schema.md` and is not done.

Type choices (documented in the data dictionary):
- low-cardinality strings (keys, labels, publisher, region ...) are Arrow dictionaries, so the
  Parquet stores them once per row group and pandas/polars read them as categoricals;
- `fetched_at` is `timestamp[us, UTC]` (a naive source time is taken as UTC); `published_date` is
  `date32`; counts are small integers; every numeric cell value is `float64` (amounts have decimals).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from parsers.model import STATUSES, TABLE_FORMS, TABLE_SOURCES, VALUE_KINDS
from parsers.templates import AD_LAYOUT, APP_COL_ORDER, RL_COL_ORDER, RL_ROW_ORDER, col_label, row_label

from .order import merged_order

SCHEMA_VERSION = "1.5.0"  # 1.5.0: reports.duplicate_of

DICT = pa.dictionary(pa.int32(), pa.string())
TS = pa.timestamp("us", tz="UTC")
TEMPLATES = ("2021", "2019", "pre2019", "unknown")
MODES = ("strict", "lenient")
PARTITION_KEY = "report_year"


@dataclass(frozen=True)
class Col:
    name: str
    type: pa.DataType
    nullable: bool
    label: str  # Chinese label, shown in the dictionary and as Frictionless `title`
    description: str
    unit: str | None = None
    enum: tuple[str, ...] | None = None  # closed set of values (checked on write)
    # never null, but may be the empty string (a blank cell's value_raw, an ok report's
    # status_reason). In CSV that is an empty field, which Frictionless reads as null under
    # missingValues [""], so datapackage.json cannot mark such a column `required`.
    may_be_empty: bool = False

    @property
    def categorical(self) -> bool:
        return pa.types.is_dictionary(self.type)

    def field(self) -> pa.Field:
        meta = {"label_zh": self.label, "description": self.description}
        if self.unit:
            meta["unit"] = self.unit
        return pa.field(self.name, self.type, nullable=self.nullable, metadata=meta)


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    grain: str
    columns: tuple[Col, ...]
    primary_key: tuple[str, ...]
    wide: bool = False

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    def stats_columns(self) -> list[str]:
        """Columns worth Parquet min/max statistics.

        Numbers and dates always; strings only in the per-report tables. In the long tables every
        row group holds every key, so string min/max would cost time (as much as encoding the
        column) and prune nothing.
        """
        long = self.name in ("cells", "checks", "sections", "grids")
        return [c.name for c in self.columns
                if not (pa.types.is_dictionary(c.type) or pa.types.is_string(c.type))
                or (not long and c.name not in ("title", "source_url", "status_reason", "warnings"))]

    def arrow_schema(self, *, drop: tuple[str, ...] = ()) -> pa.Schema:
        return pa.schema([c.field() for c in self.columns if c.name not in drop])


# ---------------------------------------------------------------- shared columns
RID = Col("report_id", DICT, False, "报告编号",
          "Stable report id: 16 hex chars of SHA-256 of 'url:'+source_url. Without a URL (a file given to "
          "`nianbao extract`) the first 16 of content_sha256, so files with the same bytes are one report; "
          "a file that is empty or could not be read gets one from its path. Joins every table to `reports`.")
TEMPLATE = Col("template", DICT, False, "模板版本",
               "Template version of the table: 2021 (国办公开办函〔2021〕30号), 2019 (〔2019〕60号), "
               "pre2019 (free-form), unknown.", enum=TEMPLATES)
PUBLISHER = Col("publisher", DICT, True, "发布机关", "Agency that published the report, as named on the page.")
REGION = Col("region", DICT, True, "地区", "Administrative region of the publisher, e.g. 天津市静海区.")
YEAR = Col("report_year", pa.int16(), True, "报告年度", "Year the report covers (not the year it was published).",
           unit="年")
WIDE_HEAD = (RID, PUBLISHER, REGION, YEAR, TEMPLATE)

REPORTS = Table("reports", "报告", "one row per report", (
    Col("report_id", pa.string(), False, "报告编号", RID.description),
    Col("source_url", pa.string(), True, "来源网址", "URL the report page was fetched from."),
    Col("source_path", pa.string(), True, "来源文件",
        "File the report was read from: the path as given to `nianbao extract`, or the raw-store blob "
        "(DATA/raw/blobs/…) of a crawled page's first page. Null when the bytes came from elsewhere."),
    Col("fetched_at", TS, True, "抓取时间",
        "Last time the page was fetched (UTC). A report that disappeared from its site keeps its last value."),
    Col("content_sha256", pa.string(), False, "内容哈希", "SHA-256 of the fetched page bytes."),
    Col("duplicate_of", pa.string(), True, "重复于",
        "report_id of the row with the same content_sha256 that counts (the smallest source_url): the "
        "same bytes published under another URL, e.g. a unit's report republished in the 区 column. Null "
        "for the row that counts. Both rows are kept as provenance; count reports WHERE duplicate_of IS NULL."),
    Col("site", DICT, True, "站点", "Registry `id` of the crawled site the report comes from; null for `nianbao extract`."),
    PUBLISHER, REGION, YEAR,
    Col("title", pa.string(), True, "标题", "Title of the report as printed."),
    Col("published_date", pa.date32(), True, "发布日期", "Date the page says the report was published."),
    Col("template", DICT, False, TEMPLATE.label,
        "Template version recognised from the table labels (never from the year alone). When a report's "
        "tables are of both versions, the version its report year was published under (2019 for "
        "2019–2020, 2021 after); each table's cells keep their own version in cells.template. A table "
        "whose labels name no version (table 四 alone) takes the report year's, with a warning; "
        "pre2019 for reports of 2018 and before without template tables.",
        enum=TEMPLATES),
    Col("table_source", DICT, False, "表格来源",
        "Where the tables were read from: html (HTML tables), pipe_text (text tables with '|' "
        "separators), flattened_text (text tables whose separators are lost), none.", enum=TABLE_SOURCES),
    Col("table_form", DICT, False, "表格形式",
        "Layout the tables were read from: grid (HTML tables); pipe_rows (one 'TEXT |' cell per line, "
        "or markdown rows), row_per_line ('a | b | c' rows), tab_rows (tab-separated rows, as copied out of "
        "Word), cell_per_line (one cell per line, '|' lines between), glued "
        "(cells run together or separated only by spaces, split by the identities); none.",
        enum=TABLE_FORMS),
    Col("status", DICT, False, "解析状态",
        "failed, no_tables, partial, inconsistent (a strict identity fails), ok.", enum=STATUSES),
    Col("status_reason", pa.string(), False, "状态原因", "Why the status is what it is (empty for ok).", may_be_empty=True),
    Col("parser_version", DICT, False, "解析器版本", "Version of the parser that produced the row."),
    Col("encoding", DICT, True, "页面编码", "Character encoding the page was decoded with."),
    Col("n_cells", pa.int32(), False, "单元格数", "Number of rows of this report in `cells`.", unit="个"),
    Col("n_undetermined", pa.int32(), False, "未确定单元格数",
        "Cells present on the page but not determinable (left out of `cells`).", unit="个"),
    Col("undetermined_cells", pa.string(), False, "未确定单元格",
        "'table.row_key.col_key: reason' for each undetermined cell, '; '-separated.", may_be_empty=True),
    Col("unknown_labels", pa.string(), False, "未识别标签", "Table labels that matched no template row, '; '-separated.", may_be_empty=True),
    Col("warnings", pa.string(), False, "解析警告", "Parser warnings, '; '-separated.", may_be_empty=True),
    Col("table_templates", pa.string(), False, "各表模板",
        "Template recognised per table, e.g. 'active_disclosure=2021; applications=2021'.", may_be_empty=True),
    Col("n_attachments", pa.int16(), False, "附件数", "Attachments (pdf, doc, images ...) linked from the page.",
        unit="个"),
), ("report_id",))

CELLS = Table("cells", "表格单元格", "one row per template table cell", (
    RID, TEMPLATE,
    Col("table", DICT, False, "表格", "active_disclosure (二), applications (三) or review_litigation (四)."),
    Col("row_key", DICT, False, "行键", "Canonical row key of schema.md."),
    Col("col_key", DICT, False, "列键", "Canonical column key of schema.md."),
    Col("value", pa.float64(), True, "数值",
        "Numeric value; null unless value_kind = number (a blank is never 0). Unit in `unit` when printed."),
    Col("value_raw", pa.string(), False, "原始文本", "Cell text as printed.", may_be_empty=True),
    Col("value_kind", DICT, False, "值类型", "number, blank, na (无/—/／), text.", enum=VALUE_KINDS),
    Col("unit", DICT, True, "单位", "Unit printed with the value or the column (e.g. 万元, 元); null when a count."),
    Col("row_label", DICT, False, "行标签", "Template label of the row (Chinese)."),
    Col("col_label", DICT, False, "列标签", "Template label of the column (Chinese)."),
), ("report_id", "table", "row_key", "col_key"))

CHECKS = Table("checks", "勾稽关系校验", "one row per identity check and mode", (
    RID,
    Col("check", DICT, False, "校验项", "Identity name, e.g. applications.balance.total (schema.md)."),
    Col("mode", DICT, False, "校验模式",
        "strict: blank/na/text operands are unknown; lenient: they count as 0.", enum=MODES),
    Col("expected", pa.float64(), True, "应为",
        "The printed total the identity checks (the results_total row, the total column); for "
        "applications.balance the sum new_received + carried_over."),
    Col("actual", pa.float64(), True, "实际",
        "The sum of the printed parts that should equal `expected`; for applications.balance the sum "
        "results_total + carried_forward."),
    Col("ok", pa.bool_(), True, "是否通过", "Identity holds; null in strict mode when an operand is unknown."),
    Col("difference", pa.float64(), True, "差额",
        "actual - expected (the parts minus the printed total); null when either is unknown."),
), ("report_id", "check", "mode"))

SECTIONS = Table("sections", "报告章节", "one row per report section", (
    RID,
    Col("section", pa.int8(), False, "章节序号", "Section number 1-6 (一 … 六)."),
    Col("heading", pa.string(), False, "章节标题", "Heading as printed."),
    Col("text", pa.string(), False, "章节正文",
        "Plain text of the section, from after its heading to the next one (the last section ends before an "
        "附件 line, 上一篇/下一篇 links and the page footer). HTML tables are read into `cells` and left out; "
        "flattened text keeps its table lines, as does a page whose headings are printed inside its tables.",
        may_be_empty=True),
), ("report_id", "section"))


GRIDS = Table("grids", "通用表格", "one row per cell of a table outside the templates (pre-2019 reports)", (
    RID,
    Col("table_index", pa.int16(), False, "表序号", "Position of the table among the report's content tables (0-based)."),
    Col("row", pa.int32(), False, "行", "Row of the cell's top-left slot (0-based), after rowspan/colspan placement."),
    Col("col", pa.int32(), False, "列", "Column of the cell's top-left slot (0-based)."),
    Col("rowspan", pa.int32(), False, "跨行", "Rows the cell covers, as placed."),
    Col("colspan", pa.int32(), False, "跨列", "Columns the cell covers, as placed."),
    Col("text", pa.string(), False, "单元格文本", "Text of the cell as printed (lines joined by newlines).",
        may_be_empty=True),
    Col("value", pa.float64(), True, "数值", "The text read as a number; null unless value_kind is number."),
    Col("value_kind", DICT, False, "值类型", "number, blank, na (/ — 无 不适用) or text.", enum=VALUE_KINDS),
    Col("unit", DICT, True, "单位", "Unit printed in the cell (元, 件, 万元), when any."),
), ("report_id", "table_index", "row", "col"))
# Tables a result directory written by an older version may lack: read as empty, not an error.
ADDED_TABLES = ("grids",)


# ---------------------------------------------------------------- wide views
def _value_col(name: str, label: str, what: str, unit: str | None = None) -> Col:
    return Col(name, pa.float64(), True, label, f"{what} Null when the cell is blank, na, text or absent.", unit)


ROW_NO = Col("row_no", pa.int8(), True, "行序号", "Position of the row in the printed template (1-based).")
APP_COLS_WIDE = tuple(_value_col(c, col_label("applications", c), f"Applicant column '{c}'.", "件")
                      for c in APP_COL_ORDER)
APPLICATIONS_WIDE = Table("applications_wide", "申请情况（宽表）",
                          "one row per report × applications row_key, shaped like printed table 三", (
    *WIDE_HEAD, ROW_NO,
    Col("row_key", DICT, False, "行键", "applications row_key (schema.md)."),
    Col("row_label", DICT, False, "行标签", "Template label of the row (Chinese)."),
    *APP_COLS_WIDE,
), ("report_id", "row_key"), wide=True)

RL_WIDE_KEYS = tuple((r, c) for r in RL_ROW_ORDER for c in RL_COL_ORDER)
REVIEW_LITIGATION_WIDE = Table("review_litigation_wide", "行政复议、行政诉讼（宽表）",
                               "one row per report, the 15 columns of printed table 四", (
    *WIDE_HEAD,
    *(_value_col(f"{r}_{c}", f"{row_label('review_litigation', r)}·{col_label('review_litigation', c)}",
                 f"review_litigation cell ({r}, {c}).", "件") for r, c in RL_WIDE_KEYS),
), ("report_id",), wide=True)


# one column order that respects the printed order of every row of both templates
AD_WIDE_COLS = merged_order([cols for layout in AD_LAYOUT.values() for cols in layout.values()])
ACTIVE_DISCLOSURE_WIDE = Table("active_disclosure_wide", "主动公开情况（宽表）",
                               "one row per report × active_disclosure row_key, shaped like printed table 二", (
    *WIDE_HEAD, ROW_NO,
    Col("row_key", DICT, False, "行键", "active_disclosure row_key (schema.md)."),
    Col("row_label", DICT, False, "行标签", "Template label of the row (Chinese)."),
    *(_value_col(c, col_label("active_disclosure", c), f"active_disclosure column '{c}'.",
                 "万元" if c == "amount_10k_yuan" else None) for c in AD_WIDE_COLS),
    Col("unit", DICT, True, "单位", "Unit printed in the row's cells (e.g. 元 for 采购总金额), when any."),
), ("report_id", "row_key"), wide=True)

BASE_TABLES = ("reports", "cells", "checks", "sections", "grids")
WIDE_TABLES = ("applications_wide", "review_litigation_wide", "active_disclosure_wide")
TABLES: dict[str, Table] = {t.name: t for t in (REPORTS, CELLS, CHECKS, SECTIONS, GRIDS, APPLICATIONS_WIDE,
                                                REVIEW_LITIGATION_WIDE, ACTIVE_DISCLOSURE_WIDE)}


def arrow_schema(name: str, *, drop: tuple[str, ...] = ()) -> pa.Schema:
    """The pyarrow schema of output table `name` (without the columns in `drop`).

    >>> arrow_schema("checks").field("ok").type
    DataType(bool)
    >>> arrow_schema("cells").field("report_id").type
    DictionaryType(dictionary<values=string, indices=int32, ordered=0>)
    """
    return TABLES[name].arrow_schema(drop=drop)
