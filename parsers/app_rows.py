"""Table 三 (收到和处理政府信息公开申请情况) from the row stream: header rows and data rows.

Table 三 has seven applicant columns (自然人, five 法人或其他组织 columns, 总计) under a header of
two or three rows, and 20-odd result rows whose labels span several label columns. A data row's
values are its last seven cells, read in the header's column order. In HTML, the header cells'
grid positions also place the values when a row does not line up by count: an extra padding
cell, a value split in two, a blank cell left out, or a row one label column short of its header
(a table continued after a page break). A row that fits neither way is left undetermined.
Reading the header rows into those columns is `app_header.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .app_header import app_flat_order, app_header_cols_after, app_header_order, current_app_col_map
from .rowkit import APP, Row, app_row_spec, is_value, leaf_label, strip_pad
from .sections import heading_number
from .text import clean_ws
from .values import parse_value

if TYPE_CHECKING:
    from .recognize import _State


SPANNED = "\x00spanned"  # a slot covered by a number spanning rows from above


def _is_blank_or_na(text: str) -> bool:
    return not clean_ws(text) or parse_value(text)[1] == "na"


def _app_values_by_position(st: _State, row: Row) -> tuple[list[str], list[str | None]] | None:
    """(labels, 7 values in template order) by grid column, or None when positions disagree.

    A column with no cell at all is None: Shanghai-style rows leave the empty 总计 cell out
    rather than printing it blank, and a missing cell is absent, never a zero."""
    col_map = current_app_col_map(st)
    if col_map is None or not row.spans:
        return None
    first_value_col = min(col_map)
    labels = [t for t, (c, w) in zip(row.cells, row.spans) if _in_label_area(c, w, first_value_col)]
    if _short_row_gap(st, row, col_map) is not None:
        return None
    by_key: dict[str, list[str]] = {}
    for t, (c, w) in zip(row.cells, row.spans):
        if _in_label_area(c, w, first_value_col):
            continue
        key = _cell_key(col_map, c, w)
        if key is not None:
            by_key.setdefault(key, []).append(t)
        elif c >= first_value_col and c not in st.app_header_cover and clean_ws(t):
            return None  # a value outside the header's columns: the row is shifted (a rowspan too long)
    if row.slots is not None and len(by_key) < len(T.APP_COL_ORDER):
        # a blank or "/" cell with a rowspan covers this row's slot: the value is printed blank
        # (or not applicable) here too. A number spanning rows is not copied down (that would
        # count it twice).
        for c, key in col_map.items():
            cell = row.slots[c] if c < len(row.slots) else None
            if key not in by_key and cell is not None:
                by_key[key] = [cell.text if _is_blank_or_na(cell.text) else SPANNED]
    values: list[str | None] = []
    for key in T.APP_COL_ORDER:
        found = by_key.get(key, [])
        filled = [t for t in found if clean_ws(t)]
        if len(filled) > 1:
            return None
        values.append((filled[0] if filled else found[0]) if found else None)
    if values.count(None) > 1 or (None in values and values[-1] is not None):
        return None  # only 总计 may be left out (Shanghai); anything else means the row is not under this header
    return labels, values


def _in_label_area(col: int, width: int, first_value_col: int) -> bool:
    """A cell lying mostly left of the header's first value column (a label or its padding).
    Word prints rows whose cell borders do not quite line up with the header's: a value cell
    starting one grid column early still lies mostly under its value column.

    >>> _in_label_area(6, 4, 9), _in_label_area(8, 3, 9), _in_label_area(8, 2, 9), _in_label_area(9, 1, 9)
    (True, False, True, False)
    """
    inside = max(0, min(col + width, first_value_col) - col)
    return 2 * inside >= width if col < first_value_col else False


def _cell_key(col_map: dict[int, str], col: int, width: int) -> str | None:
    """The applicant column a cell lies under: the one covering most of its grid columns (a
    Word cell whose border is one grid column off its header's still lies mostly under it);
    on a tie, the column the cell starts in, as a browser's reader would line it up.

    >>> m = {9: "natural_person", 10: "natural_person", 11: "natural_person", 12: "commercial",
    ...      13: "commercial", 14: "commercial"}
    >>> _cell_key(m, 11, 3), _cell_key(m, 10, 1), _cell_key(m, 11, 2), _cell_key(m, 15, 1)
    ('commercial', 'natural_person', 'natural_person', None)
    """
    counts: dict[str, int] = {}
    for c in range(col, col + width):
        if (key := col_map.get(c)) is not None:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    winners = [k for k, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else col_map.get(col)


def _label_gap(row: Row, first_value_col: int) -> tuple[int, int] | None:
    """(index of the row's last label cell, index of the first cell after it) when value cells
    stand between the row's label and the header's first value column: the row has one label
    column fewer than its header (a table 三 continued after a page break without the
    "三、本年度办理结果" column), so by position its first value would be read as a label and
    every other value would move one column left. None when the values start where the header's do.

    >>> r = Row(["（三）不予公开", "1.属于国家秘密", "", "2", "0", "0", "0", "0", "2"], 0,
    ...         [(0, 1), (1, 1), *[(c, 1) for c in range(2, 9)]])
    >>> _label_gap(r, 3), _label_gap(Row(r.cells[1:], 0, r.spans[1:]), 2)
    ((1, 2), None)
    """
    spans = row.spans or []
    label = None
    for j, (t, (c, _w)) in enumerate(zip(row.cells, spans)):
        if c < first_value_col and not is_value(t):
            label = j
    if label is None or label + 1 >= len(spans) or not _in_label_area(*spans[label + 1], first_value_col):
        return None
    return label, label + 1


def _short_row_gap(st: _State, row: Row, col_map: dict[int, str]) -> tuple[int, int] | None:
    """`_label_gap`, unless the cells between the label and the header's first value column are
    empty label padding (Hangzhou-style) before values that start under every header column and
    reach the header's end, in whatever order the header prints its columns."""
    gap = _label_gap(row, min(col_map))
    spans = row.spans or []
    if gap is not None and spans and \
            not any(clean_ws(t) for t, (c, _w) in zip(row.cells[gap[1]:], spans[gap[1]:]) if c < min(col_map)) and \
            set(col_map) <= {c for c, _w in spans} and max(c + w for c, w in spans) > max(st.app_header_cover):
        return None
    return gap


def _group_heading_row(labels: list[str], values: list[str]) -> bool:
    """A group label ("（三）不予公开", "三、本年度办理结果") printed as a row of its own with no
    value in its cells, instead of a rowspan cell beside its sub-rows: a heading, no unknown row.

    >>> _group_heading_row(["（三）不予公开"], [""] * 7), _group_heading_row(["（三）不予公开"], ["1"] + [""] * 6)
    (True, False)
    """
    return not any(clean_ws(v) for v in values) and \
        T.match_spec(leaf_label(labels), T.APP_GROUPS) is not None


def _app_aligned(st: _State, row: Row) -> bool:
    """The row's last seven cells sit exactly under the seven applicant headers (the usual case),
    or there is no header position to compare with."""
    col_map = current_app_col_map(st)
    if col_map is None:
        return True
    spans = row.spans or ()
    get = col_map.get
    return len(spans) >= 8 and tuple(get(c) for c, _w in spans[-7:]) == T.APP_COL_ORDER


def app_row(st: _State, row: Row) -> None:
    cells = row.cells
    st.app_data_since_header = True
    aligned = _app_aligned(st, row)
    col_map = current_app_col_map(st) if row.spans else None
    gap = _short_row_gap(st, row, col_map) if col_map is not None else None
    if col_map is not None and gap is not None:
        # value cells between the row's label and the header's first value column: a row one
        # label column short of its header (a table continued after a page break, a header
        # repeated under a rowspan), read by count in the header's column order; or a padded
        # row missing 总计, read by position. A number cannot be label padding; a blank cannot tell.
        label, first = gap
        spec = app_row_spec(cells[:label + 1])
        if spec is None:
            if heading_number(clean_ws(cells[0])) is None:
                st.result.unknown_labels.append(f"{APP} row: {clean_ws(' / '.join(cells[:label + 1]))}")
            return
        st.app_rows_seen[spec.key] = len(st.app_rows_seen)
        order = app_header_order(st, col_map)
        values = cells[first:first + 7]
        extra = len(cells) - first - 7  # cells after the seven: a 备注 column the header has too
        if order is not None and parse_value(cells[first])[1] == "number" and len(values) == 7 and \
                all(is_value(t) for t in values) and extra == app_header_cols_after(st, col_map):
            st.result.warnings.append(f"{APP}.{spec.key}: one label column fewer than the header; values read in order")
            for key, raw in zip(order, values):
                st.emit(APP, spec.key, key, raw, "")
            return
        for key in T.APP_COL_ORDER:
            st.result.undetermined[f"{APP}.{spec.key}.{key}"] = (
                "the row's cells fit the header neither by position nor by count")
        return
    by_pos = _app_values_by_position(st, row) if row.spans and not aligned else None
    if by_pos is not None and by_pos[0] and (len(cells) != len(by_pos[0]) + 7 or cells[-7:] != by_pos[1]):
        # the data row's cells do not line up with the header by count (an extra empty cell, a
        # value split in two, a blank cell left out): trust the grid positions
        labels, values = by_pos
        spec = app_row_spec(labels)
        if spec is not None:
            missing = [key for key, raw in zip(T.APP_COL_ORDER, values) if raw is None]
            st.result.warnings.append(f"{APP}.{spec.key}: values taken by header position"
                                      + (f"; no cell under {', '.join(missing)} (read as blank)" if missing else ""))
            st.app_rows_seen[spec.key] = len(st.app_rows_seen)
            for key, raw in zip(T.APP_COL_ORDER, values):
                if raw == SPANNED:
                    st.result.undetermined[f"{APP}.{spec.key}.{key}"] = (
                        "a number printed once across several rows (rowspan): not this row's own")
                    continue
                # a row that stops before 总计 shows that slot empty, as a blank cell would
                st.emit(APP, spec.key, key, "" if raw is None else raw, "")
            return
    if len(cells) < 8:
        labels = [c for c in cells if not is_value(c)]
        if labels:
            st.result.warnings.append(f"{APP}: row {clean_ws(' '.join(labels))!r} has {len(cells)} cells")
        return
    if not (aligned and row.spans and current_app_col_map(st) is not None):
        # no header position confirms the last seven cells: empty cells after them are padding
        cells = strip_pad(cells, 7)
    labels, values = cells[:-7], cells[-7:]
    if not labels:
        return
    if not is_value(values[0]) and T.match_spec(values[0], T.APP_ROWS) is not None:
        # a row label where the first value should be: the row has fewer than seven value cells
        # and no header position to place them by; reading on would shift every value
        st.result.warnings.append(f"{APP}: row {clean_ws(' / '.join(cells[:-6]))!r} has only "
                                  f"{sum(map(is_value, cells))} value cells; not read")
        st.result.unknown_labels.append(f"{APP} row with missing cells: {clean_ws(values[0])}")
        return
    spec = app_row_spec(labels)
    if spec is None:
        if heading_number(clean_ws(labels[0])) is None and not _group_heading_row(labels, values):
            st.result.unknown_labels.append(f"{APP} row: {clean_ws(' / '.join(labels))}")
        return
    st.app_rows_seen[spec.key] = len(st.app_rows_seen)
    order = (app_flat_order(st) if not row.spans else None) or T.APP_COL_ORDER
    for key, raw in zip(order, values):
        st.emit(APP, spec.key, key, raw, "")  # template filled in once the table is complete
