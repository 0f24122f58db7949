"""Recognise template tables in a stream of table rows, whatever the rows came from.

Both HTML grids and pipe text reduce to the same thing: rows of the cells that *start* in that row
(cells a rowspan carries down are absent, as in pipe text). The values of a data row are its
trailing cells (7 in table 三, 15 in table 四, per block header in table 二); its identity comes from
its last label cell matched against the template labels (`templates.py`). Header rows confirm the
column identities; position alone is used only when the count is exact and the headers agree.
Rows are read in document order across tables, because table 二 is often printed as four or five
separate tables and a Word page break can split table 三 in two. The rows of each table are read
in `ad_rows.py` (二), `app_rows.py` (三) and `review_rows.py` (四); this module classifies rows
and assembles the cells.
"""

from __future__ import annotations

from functools import lru_cache

from . import templates as T
from .ad_rows import AD_HEAD_HINT, ad_column_heads, ad_header, ad_row
from .app_header import app_cols_confirmed
from .app_rows import app_row
from .model import Cell, TableResult
from .review_header import rl_header_ok, rl_transposed_values
from .review_parts import rl_incomplete_parts, rl_part
from .review_rows import rl_long_row, rl_rows
from .rowkit import AD, APP, RL, UNDETERMINED, Row, is_value
from .text import clean_ws, label_key
from .values import header_unit, parse_value

__all__ = ["Row", "recognize"]


class _State:
    def __init__(self) -> None:
        self.result = TableResult()
        self.table: str | None = None
        # table 二
        self.ad_cols: list[T.Spec | None] = []
        self.ad_header_labels: list[str] = []
        self.ad_header_spans: list[tuple[int, int]] | None = None
        self.ad_template: str | None = None
        self.ad_caption_unit: str | None = None  # a unit printed in the block's 第二十条 caption
        self.ad_templates_seen: list[str] = []
        # table 三
        self.app_header: list[str] = []
        self.app_header_rows: list[Row] = []
        self.app_prev_header_rows: list[Row] = []  # the header before a repeated one
        self.app_data_since_header = False  # a table 三 data row was read since the last header row
        self.app_col_map: dict[int, str] | None = None  # grid column -> col_key, from the header
        self.app_col_map_source = 0
        self.app_header_cover: set[int] = set()  # grid columns under any table 三 header cell
        self.app_rows_seen: dict[str, int] = {}
        # table 四
        self.rl_header: list[str] = []
        self.rl_last_header: list[str] = []
        self.rl_header_rows: list[Row] = []
        # table 四 printed as two or three tables: each block's five values, by the block names
        # of the header rows read since the last value row
        self.rl_parts: dict[str, list[tuple[str, str]]] = {}  # block -> (col_key, text) ×5
        self.rl_parts_named: set[str] = set()  # blocks of rl_parts a header row named (not by order)
        self.rl_recent: list[str] = []
        self.rl_long_block: str | None = None  # block of a long-form table 四 (one row per cell)
        self.rl_long_source: int | None = None  # the table it is read from
        self.rl_blank_five: Row | None = None  # a blank 5-cell row: 行政复议's own table, all blank
        self.rl_blank_row: Row | None = None  # table 四's one value row, printed all blank
        self.first_values: dict[tuple[str, str, str], tuple[float | None, str]] = {}
        self.conflicts: dict[tuple[str, str, str], str] = {}  # cells printed twice, differently
        self.pending: list[tuple] = []  # emitted cells, as tuples in Cell field order

    def emit(self, table: str, row_key: str, col_key: str, raw: str, template: str,
             unit_hint: str | None = None, col_label: str | None = None) -> None:
        key = (table, row_key, col_key)
        if raw == UNDETERMINED:
            self.result.undetermined[".".join(key)] = "the flattened row reads two ways (a lost | or padding)"
            return
        value, kind, unit, printed = _read_cell(raw)
        first = self.first_values.get(key)
        if first is not None:
            if (value, kind) != first:
                # printed twice with different numbers (a copied row, last year's table, a row
                # label that also matches another row): neither copy can be trusted
                self.conflicts[key] = f"printed twice with different values ({first[0] if first[0] is not None else first[1]}" \
                                      f" and {value if value is not None else kind})"
            else:
                self.result.warnings.append(f"duplicate cell {'.'.join(key)} ignored")
            return
        self.first_values[key] = (value, kind)
        if kind == "number" and unit is None:
            unit = unit_hint
        row_lab, col_lab = _labels(key)
        # a plain tuple in Cell's field order; `_finish` makes the Cells once the template is known
        self.pending.append((table, row_key, col_key, value, printed, kind, unit, row_lab,
                             col_label or col_lab, template))


@lru_cache(maxsize=1 << 16)
def _read_cell(raw: str) -> tuple[float | None, str, str | None, str]:
    # one cached call per cell instead of two: the hot loop of every report
    return (*parse_value(raw), clean_ws(raw))


@lru_cache(maxsize=2048)
def _labels(key: tuple[str, str, str]) -> tuple[str, str]:
    return T.row_label(key[0], key[1]), T.col_label(key[0], key[2])


def _classify(texts: list[str]) -> str | None:
    """Which table a row announces by its header words, if any."""
    keys = [label_key(t) for t in texts]
    joined = "|".join(keys)
    if "第二十条" in joined or "信息内容" in keys:
        return AD
    if "申请人情况" in joined or "勾稽关系" in joined or "自然人" in joined or \
            ("商业" in joined and "科研" in joined) or ("公益" in joined and "法律服务" in joined):
        return APP
    if ("行政复议" in joined and ("行政诉讼" in joined or "维持" in joined)) or \
            ("维持" in joined and "尚未" in joined):
        return RL
    if (("直接起诉" in joined and "复议后" in joined) or "行政诉讼" in keys or "行政复议" in keys) and \
            not any(clean_ws(t) and is_value(t) for t in texts):
        return RL  # a 行政复议 or 行政诉讼 table of its own starts with its block names
    if AD_HEAD_HINT.search(joined) and ad_column_heads(texts):
        return AD  # a table 二 block header whose 信息内容 cell is empty (the 第二十条 line above it)
    return None


def _transposed_blank_block(st: _State, row: Row) -> bool:
    """A row of a transposed table 四 (one row per block under a header naming the five result
    columns) whose block label is followed by five blank cells: "行政复议 | | | | |". A block
    name with no values looks like the first row of a 行政复议 table of its own, so `_classify`
    calls it a header; under a header that already named the five columns (HTML grid columns
    placing each cell), it is that block's row, all blank."""
    labels = [t for t in row.cells if not is_value(t)]
    if len(labels) != 1 or T.match_spec(labels[0], T.RL_ROWS) is None or row.cells[0] != labels[0]:
        return False
    return rl_transposed_values(st, row) is not None


# ------------------------------------------------------------------------- table 四
def recognize(rows: list[Row]) -> TableResult:
    st = _State()
    for row in rows:
        texts = row.cells
        if not any(clean_ws(t) for t in texts):
            if st.table == RL and len(texts) >= 15 and st.rl_blank_row is None:
                st.rl_blank_row = row  # table 四's values all printed blank, unless values follow
            elif st.table == RL and len(texts) == 5 and not st.rl_parts and st.rl_blank_five is None:
                st.rl_blank_five = row  # 行政复议 printed blank, when its own table comes first
            elif st.table == RL and len(texts) == 10 and st.rl_blank_five is not None and st.rl_blank_row is None:
                # and 行政诉讼's table blank too: the two make table 四's one blank value row
                st.rl_blank_row = Row(st.rl_blank_five.cells + texts, row.source, annex=row.annex)
            elif st.table == RL and len(texts) == 10 and list(st.rl_parts) == ["review"]:
                rl_part(st, texts)  # 行政复议 read from its own table, 行政诉讼's printed all blank
            continue
        kind = _classify(texts)
        if kind is not None:
            st.table = kind
            if kind == AD:
                keys = [label_key(t) for t in texts]
                # "信息内容", also with the block's caption merged into its cell
                at = next((j for j, k in enumerate(keys) if k.endswith("信息内容")), None)
                if at is not None:
                    idx = [j for j in range(at + 1, len(texts)) if clean_ws(texts[j])]
                else:
                    idx = ad_column_heads(texts)
                    if not idx and any("第二十条" in k for k in keys):
                        # a new block's caption: the last block's columns no longer apply
                        st.ad_cols, st.ad_header_labels, st.ad_header_spans = [], [], None
                if any("第二十条" in k for k in keys):
                    # "第二十条第（九）项（单位：万元）": the block's money columns are in that unit
                    st.ad_caption_unit = header_unit(" ".join(texts))
                if idx or at is not None:
                    ad_header(st, [texts[j] for j in idx])
                    st.ad_header_spans = [row.spans[j] for j in idx] if row.spans else None
                continue
            if kind == APP and not (len(texts) >= 8 and all(is_value(t) for t in texts[-7:])):
                st.app_header.extend(texts)
                if st.app_data_since_header:  # a header repeated after data rows: a new header
                    st.app_prev_header_rows, st.app_header_rows = st.app_header_rows, []
                    st.app_data_since_header = False
                st.app_header_rows.append(row)
                st.app_col_map = None
                continue
            if kind == RL and rl_long_row(st, row):
                continue
            if kind == RL and st.table == RL and _transposed_blank_block(st, row):
                rl_rows(st, row)  # a transposed table 四's block row printed all blank: a row, not a header
                continue
            if kind == RL and not (len(texts) >= 15 and all(is_value(t) for t in texts[-15:])):
                if st.table != RL or not st.rl_header_rows:
                    st.rl_header_rows = []  # a new table 四 header starts
                st.rl_header.extend(texts)
                st.rl_recent.extend(texts)
                st.rl_last_header = texts
                st.rl_header_rows.append(row)
                continue
        if st.table == AD:
            ad_row(st, row)
        elif st.table == APP:
            app_row(st, row)
        elif st.table == RL:
            rl_rows(st, row)
    if st.rl_blank_row is not None and not any(c[0] == RL for c in st.pending):
        # the only table 四 value row was blank (Word's empty width rows never get this far:
        # real values elsewhere win)
        rl_rows(st, st.rl_blank_row)
    if st.rl_parts and not any(c[0] == RL for c in st.pending):
        rl_incomplete_parts(st)
    _finish(st)
    return st.result


def _finish(st: _State) -> None:
    res = st.result
    if st.conflicts:
        st.pending = [c for c in st.pending if (c[0], c[1], c[2]) not in st.conflicts]
        for key, why in st.conflicts.items():
            res.undetermined[".".join(key)] = why
    if st.ad_templates_seen:
        counts = {t: st.ad_templates_seen.count(t) for t in set(st.ad_templates_seen)}
        res.templates_by_table[AD] = max(sorted(counts), key=counts.get)
    app_keys = set(st.app_rows_seen)
    if app_keys:
        if app_keys & {"other_overdue_correction", "other_overdue_fee", "other_other"} and \
                not ("other_handling" in app_keys and res.templates_by_table.get(AD) == T.T2019):
            # (a 2019 table 三 — its one （六）其他处理 row, table 二 of 2019 — with a 2021 sub-row
            # added stays 2019: the sub-row is reported below, not read under a 2021 key)
            res.templates_by_table[APP] = T.T2021
        elif "other_handling" in app_keys:
            res.templates_by_table[APP] = T.T2019
        elif AD in res.templates_by_table:
            res.templates_by_table[APP] = res.templates_by_table[AD]
        if APP in res.templates_by_table and not app_cols_confirmed(st):
            res.warnings.append(f"{APP}: applicant columns taken by position (header incomplete)")
    if any(c[0] == RL for c in st.pending):
        other = res.templates_by_table.get(APP) or res.templates_by_table.get(AD)
        if other:
            res.templates_by_table[RL] = other
        if st.rl_header and not rl_header_ok(st.rl_header):
            res.warnings.append(f"{RL}: header does not confirm the 15 template columns")
    tpl_of = {t: res.templates_by_table.get(t, "unknown") for t in (AD, APP, RL)}
    new = tuple.__new__  # what Cell._make does, without its Python-level frame per cell
    fixed = [new(Cell, c) if c[9] else new(Cell, (*c[:9], tpl_of[c[0]])) for c in st.pending]
    # table 三 rows of the wrong template (e.g. （六）其他处理 in a 2021 table) are reported
    tpl = res.templates_by_table.get(APP)
    if tpl:
        allowed = set(T.APP_ROW_ORDER[tpl])
        bad = {c.row_key for c in fixed if c.table == APP and c.row_key not in allowed}
        if "other_handling" in bad and all(c.value_kind == "blank" for c in fixed
                                           if c.table == APP and c.row_key == "other_handling"):
            # 2021's （六）其他处理 group printed as a row of its own with empty cells: its heading,
            # not 2019's row (dropped, not reported)
            fixed = [c for c in fixed if not (c.table == APP and c.row_key == "other_handling")]
            bad.discard("other_handling")
        for key in sorted(bad):
            res.unknown_labels.append(f"{APP} row {key} does not belong to template {tpl}")
        fixed = [c for c in fixed if not (c.table == APP and c.row_key in bad)]
    # table 二 cells the table's template has no key for (2019's 政府集中采购 or 其他对外管理服务事项
    # in a 2021 table, a 2021 收费金额 column in a 2019 table) are reported, never emitted; the
    # ones kept carry the table's template, whatever block they were read in
    tpl = res.templates_by_table.get(AD)
    if tpl:
        layout = T.AD_LAYOUT[tpl]
        bad_ad = sorted({(c.row_key, c.col_key) for c in fixed
                         if c.table == AD and c.col_key not in layout.get(c.row_key, ())})
        for row_key, col_key in bad_ad:
            res.unknown_labels.append(f"{AD} cell {row_key}.{col_key} does not belong to template {tpl}")
        if bad_ad:
            drop = set(bad_ad)
            fixed = [c for c in fixed if not (c.table == AD and (c.row_key, c.col_key) in drop)]
        fixed = [c._replace(template=tpl) if c.table == AD and c.template != tpl else c for c in fixed]
    res.cells = fixed


