"""Table 四 (行政复议、行政诉讼) from the row stream, in every shape it is printed.

15 values in one row under a 3-row header (read by header position in HTML, by header order in
flattened text), one row per block (transposed), one row per result with a column per block,
one row per cell (long form: block | result | value),
two tables (行政复议 | 行政诉讼), a bare line of 15 numbers, and all of those with 备注 columns,
padding cells or 总计 printed first.

Which column each value is under comes from the header rows (`review_header.py`); table 四
printed as two or three tables is gathered across them by `review_parts.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .flat_headers import rl_block_order
from .review_header import rl_col_map, rl_flat_order, rl_transposed_cols, rl_transposed_values
from .review_parts import rl_part
from .rowkit import RL, Row, is_value, strip_pad
from .sections import heading_number
from .text import clean_ws, label_key
from .values import parse_value

if TYPE_CHECKING:
    from .recognize import _State


def _rl_by_block_columns(st: _State, row: Row) -> bool:
    """Table 四 turned the other way: one row per result (结果维持 … 总计), one column per block
    (行政复议, 未经复议直接起诉, 复议后起诉), in the order the header names the blocks."""
    labels = [c for c in row.cells if not is_value(c)]
    values = [c for c in row.cells if is_value(c)]
    if len(labels) != 1 or len(values) != 3 or row.cells[0] != labels[0]:
        return False
    col = T.match_spec(labels[0], T.RL_COLS)
    if col is None or T.match_spec(labels[0], T.RL_ROWS) is not None:
        return False
    blocks: list[str] = []
    for h in st.rl_header:
        b = T.match_spec(h, T.RL_ROWS)
        if b is not None and b.key not in blocks:
            blocks.append(b.key)
    if sorted(blocks) != sorted(T.RL_ROW_ORDER):
        return False  # the header must name the three blocks to say which column is which
    for block, raw in zip(blocks, values):
        st.emit(RL, block, col.key, raw, "")
    return True


def _rl_by_position(st: _State, row: Row) -> bool:
    """Emit table 四's values under the header columns they sit in; False when the header does
    not place all 15 cells or the row's cells do not fall under them one each."""
    col_map = rl_col_map(st) if row.spans else None
    if col_map is None:
        return False
    found: dict[tuple[str, str], str] = {}
    for text, (c, w) in zip(row.cells, row.spans or ()):
        if c not in col_map:
            if clean_ws(text):
                return False  # a value outside every header column: the row is shifted
            continue
        # one "—" or blank cell across a whole block (colspan=5) stands for each cell it covers;
        # a number is never spread
        cols = range(c, c + w) if w > 1 and parse_value(text)[1] in ("na", "blank") else (c,)
        for key in (col_map.get(x) for x in cols):
            if key is not None:
                if key in found:
                    return False
                found[key] = text
    if len(found) != 15 or not all(is_value(t) for t in found.values()):
        return False
    for (block, col), raw in found.items():
        st.emit(RL, block, col, raw, "")
    return True


def rl_long_row(st: _State, row: Row) -> bool:
    """Table 四 in long form: one row per cell, "[block] | result | value" (结果维持 … 总计),
    the block label printed once over its five rows (a rowspan) and carried down, within the
    one table that started with a block label."""
    cells = [c for c in row.cells if clean_ws(c)]
    if not 2 <= len(cells) <= 4 or not is_value(cells[-1]) or any(is_value(c) for c in cells[:-1]):
        return False
    col = T.match_spec(cells[-2], T.RL_COLS)
    if col is None or T.match_spec(cells[-2], T.RL_ROWS) is not None:
        return False
    blocks = [b for c in cells[:-2] if (b := T.match_spec(c, T.RL_ROWS)) is not None]
    if blocks:
        st.rl_long_block, st.rl_long_source = blocks[-1].key, row.source
    elif len(cells) > 2 or st.rl_long_source != row.source:
        return False  # a label that names no block, or a "合计 | 380" row of another table
    if st.rl_long_block is None:
        return False
    st.emit(RL, st.rl_long_block, col.key, cells[-1], "")
    return True


def _prose_after_values(cells: list[str], n: int = 15) -> list[str]:
    """Flattened text: a line of prose ending in "|" right under table 四's value row joins that
    row ("0 | … | 0 | 联系电话：0000-1234567 | 地址：某某路8号 |"). Cells of text after a row's
    last `n` values (15; 5 in a block's row of a transposed table 四), naming no block or result
    of table 四, are that prose, not the table's.

    >>> _prose_after_values(["0"] * 15 + ["联系电话：0000-1234567", "地址：某某路8号"]) == ["0"] * 15
    True
    >>> len(_prose_after_values(["0"] * 14 + ["联系电话：0000-1234567"])), len(_prose_after_values(["0"] * 15 + ["总计"]))
    (15, 16)
    """
    k = len(cells)
    while k > 0 and not is_value(cells[k - 1]):
        k -= 1
    tail = cells[k:]
    if not tail or k < n or not all(is_value(c) and clean_ws(c) for c in cells[k - n: k]):
        return cells
    if any(T.match_spec(c, T.RL_COLS) or T.match_spec(c, T.RL_ROWS) or len(clean_ws(c)) < 4 for c in tail):
        return cells
    return cells[:k]


def rl_rows(st: _State, row: Row) -> None:
    if rl_long_row(st, row):
        return
    if not row.spans and len(row.cells) > 15 and (kept := _prose_after_values(row.cells)) is not row.cells:
        row = Row(kept, row.source, row.spans, row.slots)
    if row.spans and all(is_value(c) for c in row.cells) and _rl_by_position(st, row):
        return
    if not row.spans and len(row.cells) >= 15:
        order, remark = rl_flat_order(st)
        cells = row.cells[:-1] if remark and len(row.cells) > 15 else row.cells
        cells = _extra_empty_cells(st, strip_pad(cells, 15))
        if cells is None:
            return
        if order is not None and len(cells) >= 15 and all(is_value(c) for c in cells[-15:]):
            for (block, col), raw in zip(order, cells[-15:]):
                st.emit(RL, block, col, raw, "")
            return
        if remark and len(row.cells) > 15:
            row = Row(cells, row.source, row.spans, row.slots)
    cells = strip_pad(row.cells, 15)
    if len(cells) > 15 and all(is_value(c) for c in cells):
        # empty cells around the 15 values (a markdown row "| | 1 | … | 0 | | |"): when exactly
        # 15 remain between them, those are the values
        lo, hi = 0, len(cells)
        while lo < hi and not clean_ws(cells[lo]):
            lo += 1
        while hi > lo and not clean_ws(cells[hi - 1]):
            hi -= 1
        if hi - lo == 15:
            cells = cells[lo:hi]
    if len(cells) > 15 and clean_ws(cells[0]) and all(is_value(c) for c in cells):
        # 15 values then empty trailing cells: the row starts with its first value, so the
        # extra cells are padding at the end (a leading empty cell instead is padding in front)
        while len(cells) > 15 and not clean_ws(cells[-1]):
            cells = cells[:-1]
    if not row.spans and (fixed := _extra_empty_cells(st, cells)) is None:
        return
    cells = cells if row.spans else fixed
    if len(cells) >= 15 and all(is_value(c) for c in cells[-15:]):
        values = cells[-15:]
        if rl_block_order(" ".join(c for c in st.rl_header if heading_number(c) is None)) not in (None, T.RL_ROW_ORDER):
            # the header puts the blocks in another order but could not be read: not by template
            for i in range(15):
                key = f"{RL}.{T.RL_ROW_ORDER[i // 5]}.{T.RL_COL_ORDER[i % 5]}"
                st.result.undetermined[key] = "table 四's header orders its blocks differently; not read"
            return
        for i, raw in enumerate(values):
            st.emit(RL, T.RL_ROW_ORDER[i // 5], T.RL_COL_ORDER[i % 5], raw, "")
        return
    if _rl_by_block_columns(st, row):
        return
    if not row.spans and len(row.cells) > 6 and (kept := _prose_after_values(row.cells, 5)) is not row.cells \
            and len(kept) >= 6 and T.match_spec(" ".join(kept[:-5]), T.RL_ROWS) is not None:
        # the last block's row of a transposed table 四 ("行政诉讼（复议后起诉） | 2 | 0 | 1 | 1 | 4 |")
        # with the prose line under it joined on
        row = Row(kept, row.source, row.spans, row.slots)
    by_pos = rl_transposed_values(st, row)
    if by_pos is not None and all(is_value(t) for _, t in by_pos):
        spec = T.match_spec(" ".join(t for t in row.cells if not is_value(t)), T.RL_ROWS)
        if spec:
            for key, raw in by_pos:
                st.emit(RL, spec.key, key, raw, "")
            return
    if (ten := _litigation_part(st, row)) is not None:
        rl_part(st, ten)
        return
    cells = strip_pad(row.cells, 5)
    # transposed layout: one row per block, label + 5 values
    if len(cells) >= 6 and all(is_value(c) for c in cells[-5:]):
        spec = T.match_spec(" ".join(cells[:-5]), T.RL_ROWS)
        if spec:
            for key, raw in zip(rl_transposed_cols(st), cells[-5:]):
                st.emit(RL, spec.key, key, raw, "")
            return
    if len(cells) in (5, 10) and all(is_value(c) for c in cells) and any(clean_ws(c) for c in cells):
        # table 四 printed as two tables (行政复议: 5 columns; 行政诉讼: 10) or three: each value
        # row belongs to the blocks its header rows name, in their printed order
        rl_part(st, cells)
        return
    if any(label_key(c) for c in cells):
        st.rl_header.extend(cells)
        st.rl_recent.extend(cells)
        st.rl_last_header = cells
        st.rl_header_rows.append(row)


def _litigation_part(st: _State, row: Row) -> list[str] | None:
    """The value row of a 行政诉讼 table of its own (10 columns under 未经复议直接起诉 and 复议后起诉)
    whose 复议后起诉 block is printed all blank: its ten cells, the blank five kept. Stripping
    the trailing blanks as padding left five cells, filed under the next block by order only
    (undetermined) and 复议后起诉 lost. Only when the headers read since the last value row name
    the two suit blocks over ten result columns (plus 行政复议's own five when its table came
    first, printed all blank), so the ten cells are the two blocks as printed."""
    ten = strip_pad(row.cells, 10)
    if len(ten) != 10 or not all(is_value(c) for c in ten) or not any(clean_ws(c) for c in ten):
        return None
    names = [sp.key for t in st.rl_recent if (sp := T.match_spec(t, T.RL_ROWS)) is not None]
    if {b for b in names if b != "review"} != {"suit_direct", "suit_after_review"}:
        return None
    if "review" in names and st.rl_blank_five is None:
        return None  # 行政复议 named but its values not read: which block is which is unknown
    n_cols = sum(1 for t in st.rl_recent if T.match_spec(t, T.RL_ROWS) is None and T.match_spec(t, T.RL_COLS))
    return ten if n_cols == (15 if "review" in names else 10) else None


def _extra_empty_cells(st: _State, cells: list[str]) -> list[str] | None:
    """Table 四's value row (flattened text) with more than 15 value cells once the empty cells
    around them are set aside: an empty cell among the values is an extra `|` (a lost cell
    would not be empty). Dropping the empty cells is believed when exactly 15 values remain
    and every block's 总计 checks; otherwise which cell is extra cannot be told, and the 15
    cells are undetermined (None). Rows of 15 or fewer cells, or with a label, are as they were.

    >>> from parsers.recognize import _State
    >>> row = "0 2 0 3 5 3 3 3 0 9 0 0 0 _ 0 0".replace("_", "").split(" ")
    >>> _extra_empty_cells(_State(), row)[10:]
    ['0', '0', '0', '0', '0']
    """
    lo, hi = 0, len(cells)
    while lo < hi and not clean_ws(cells[lo]):
        lo += 1
    while hi > lo and not clean_ws(cells[hi - 1]):
        hi -= 1
    inner = cells[lo:hi]
    if len(inner) <= 15 or not all(is_value(c) for c in inner):
        return cells
    filled = [c for c in inner if clean_ws(c)]
    if len(filled) == 15:
        nums = [parse_value(c) for c in filled]
        if all(k == "number" for _, k, _ in nums):
            vals = [v or 0.0 for v, _, _ in nums]
            if all(sum(vals[b:b + 4]) == vals[b + 4] for b in (0, 5, 10)):
                st.result.warnings.append(f"{RL}: {len(inner) - 15} empty cell(s) among the 15 values dropped")
                return filled
    for i in range(15):
        st.result.undetermined[f"{RL}.{T.RL_ROW_ORDER[i // 5]}.{T.RL_COL_ORDER[i % 5]}"] = (
            f"{len(inner)} value cells for table 四's 15 columns")
    return None
