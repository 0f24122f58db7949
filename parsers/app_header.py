"""Table 三's header rows: which applicant column each value of a row is under.

Table 三's seven applicant columns (自然人, five 法人或其他组织 columns, 总计) sit under a header
of two or three rows. In HTML the header cells' grid positions give each grid column its key
(`current_app_col_map`, built once per header; a header repeated after a page break is read on
its own, or with the header before it when it is partial, garbled or shifted by rowspans); in
pipe text the printed order does (`app_flat_order`). These functions emit nothing: placing a
data row's values is `app_rows.py`. Its own module because a header is read once and serves
every data row under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .rowkit import Row
from .text import label_key

if TYPE_CHECKING:
    from .recognize import _State


def app_cols_confirmed(st: _State) -> bool:
    found = set()
    for lab in st.app_header:
        spec = T.match_spec(lab, T.APP_COLS)
        if spec:
            found.add(spec.key)
    return found >= {"natural_person", "total"} and len(found) >= 6


def _app_col_map(st: _State, rows: list[Row] | None = None, complete: bool = True) -> dict[int, str] | None:
    """Grid column of each applicant column, from the header cells' positions (HTML only).

    Valid only when all seven keys are found (unless not `complete`); later (deeper) header rows
    override earlier ones, so "其他" under "法人或其他组织" wins over anything above it."""
    col_map: dict[int, str] = {}
    cover = st.app_header_cover = set()
    orgs: set[int] = set()  # grid columns under the 法人或其他组织 group cell
    for hrow in st.app_header_rows if rows is None else rows:
        if not hrow.spans:
            return None
        for text, (col, span) in zip(hrow.cells, hrow.spans):
            spec = T.match_spec(text, T.APP_COLS)
            cover.update(range(col, col + span))
            if spec is None and span > 1 and "法人" in text:
                orgs.update(range(col, col + span))
            elif spec is not None and spec.key == "total" and col in orgs:
                continue  # the organisations' own subtotal (合计 under 法人或其他组织): not a cell
            if spec is not None:
                for c in range(col, col + span):
                    col_map[c] = spec.key
    return col_map if not complete or set(col_map.values()) == set(T.APP_COL_ORDER) else None


def current_app_col_map(st: _State) -> dict[int, str] | None:
    """The column map of the latest table 三 header, built once per header. A header repeated
    after data rows (a page break, a second copy) is a header of its own when its seven columns
    sit side by side; otherwise (a partial or garbled repeat) it is read together with the
    header before it."""
    if st.app_col_map is None and st.app_header_rows and st.app_col_map_source != id(st.app_header_rows[-1]):
        st.app_col_map_source = id(st.app_header_rows[-1])
        st.app_col_map = _app_col_map(st)
        prev = _app_col_map(st, st.app_prev_header_rows) if st.app_prev_header_rows else None
        if prev is not None and (_stacked_keys(st.app_header_rows) or (
                st.app_col_map is not None and set(prev) != set(st.app_col_map)
                and _keys_in_order(prev) == _keys_in_order(st.app_col_map))):
            # the same header again, but moved over by the rowspans of the label columns it was
            # pasted inside (a browser shows it shifted too, its rows out of step when a rowspan
            # ends between them); the rows under it sit where the rows under the first copy do
            st.app_col_map = _app_col_map(st, st.app_prev_header_rows)
        elif st.app_prev_header_rows and (st.app_col_map is None or not _side_by_side(st, st.app_col_map)):
            st.app_col_map = _app_col_map(st, st.app_prev_header_rows + st.app_header_rows)
        else:
            st.app_col_map = _app_col_map(st)  # (the cover of the header in use)
    return st.app_col_map


def _keys_in_order(col_map: dict[int, str]) -> list[str]:
    """The column keys of a header, left to right, each once."""
    return list(dict.fromkeys(col_map[c] for c in sorted(col_map)))


def _stacked_keys(rows: list[Row]) -> bool:
    """Two header rows name different columns in one grid column, each with a one-column cell
    ("自然人" above "其他"): the rows are out of step, the header is garbled."""
    named: dict[int, str] = {}
    for hrow in rows:
        for text, (col, span) in zip(hrow.cells, hrow.spans or ()):
            spec = T.match_spec(text, T.APP_COLS)
            if spec is not None and span == 1:
                if named.get(col, spec.key) != spec.key:
                    return True
                named[col] = spec.key
    return False


def _side_by_side(st: _State, col_map: dict[int, str]) -> bool:
    """The applicant columns fill one run of grid columns (a 小计 column under 法人或其他组织 aside)."""
    first, last = min(col_map), max(col_map)
    return sum(1 for c in range(first, last + 1) if c not in col_map) <= 1


def app_header_order(st: _State, col_map: dict[int, str]) -> tuple[str, ...] | None:
    """The applicant columns in the header's left-to-right order, when the header's value part
    is exactly those seven one-column cells (no 小计 or merged cell among them)."""
    first, last = min(col_map), max(col_map)
    keys = tuple(col_map.get(c) for c in range(first, last + 1))
    return keys if len(keys) == len(T.APP_COL_ORDER) and set(keys) == set(T.APP_COL_ORDER) else None


def app_header_cols_after(st: _State, col_map: dict[int, str]) -> int:
    """How many grid columns the header has right of its applicant columns (备注)."""
    last = max(col_map)
    return sum(1 for c in st.app_header_cover if c > last)


def app_flat_order(st: _State) -> tuple[str, ...] | None:
    """Applicant column order of a header without grid positions (pipe text): a header row
    naming the seven columns, or 自然人 / 法人或其他组织 / 总计 with the five 法人 columns on the
    next row, in whatever order they are printed. None when the header does not say."""
    rows = [r.cells for r in st.app_header_rows]
    children = set(T.APP_COL_ORDER) - {"natural_person", "total"}
    for i, cells in enumerate(rows):
        keys = [(cell, sp.key if (sp := T.match_spec(cell, T.APP_COLS)) is not None else None) for cell in cells]
        own_children = [k for _, k in keys if k in children]
        order: list[str] = []
        for cell, key in keys:
            if "法人" in label_key(cell):
                # the group stands for its five columns: printed on the next row, or after the
                # top-level ones on this row ("自然人 | 法人或其他组织 | 总计 | 商业企业 | …")
                if len(own_children) == 5:
                    order += own_children
                elif i + 1 < len(rows):
                    order += [sp.key for c in rows[i + 1] if (sp := T.match_spec(c, T.APP_COLS)) is not None]
            elif key is not None and not (key in children and len(own_children) == 5 and
                                          any("法人" in label_key(c) for c in cells)):
                order.append(key)
        if sorted(order) == sorted(T.APP_COL_ORDER):
            return tuple(order)
    return None
