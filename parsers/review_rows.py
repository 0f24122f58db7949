"""Table 四 (行政复议、行政诉讼) from the row stream, in every shape it is printed.

15 values in one row under a 3-row header (read by header position in HTML, by header order in
flattened text), one row per block (transposed), one row per result with a column per block,
one row per cell (long form: block | result | value),
two tables (行政复议 | 行政诉讼), a bare line of 15 numbers, and all of those with 备注 columns,
padding cells or 总计 printed first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .flat_headers import rl_block_order
from .rowkit import RL, Row, is_value, strip_pad
from .sections import heading_number
from .text import clean_ws, label_key
from .values import parse_value

if TYPE_CHECKING:
    from .recognize import _State


def _rl_transposed_cols(st: _State) -> tuple[str, ...]:
    """Column keys of a transposed table 四 (one row per block), from its header row when that
    names the five columns (one printed 总计 first), else the template order."""
    # the latest header row naming the five columns: a data row with a text cell ("12。") read
    # as a header row since then does not make the columns template-ordered
    for cells in (st.rl_last_header, *(r.cells for r in reversed(st.rl_header_rows))):
        specs = [T.match_spec(h, T.RL_COLS) for h in cells if clean_ws(h)]
        keys = tuple(s.key for s in specs if s is not None)
        if len(keys) == 5 and set(keys) == set(T.RL_COL_ORDER):
            return keys
    return T.RL_COL_ORDER


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


def _rl_transposed_values(st: _State, row: Row) -> list[tuple[str, str]] | None:
    """(col_key, text) of a transposed table 四 row by the header's grid columns (HTML): a
    备注 or 类别 column is then simply not read."""
    # the latest header row naming the five columns (not a data row with a text cell read since)
    named = [r for r in st.rl_header_rows if len({sp.key for t in r.cells
                                                 if (sp := T.match_spec(t, T.RL_COLS)) is not None}) == 5]
    header = named[-1] if named else None
    if header is None or not header.spans or not row.spans:
        return None
    col_of = {}
    for text, (col, span) in zip(header.cells, header.spans):
        spec = T.match_spec(text, T.RL_COLS)
        if spec is not None:
            for c in range(col, col + span):
                col_of[c] = spec.key
    if sorted(set(col_of.values())) != sorted(T.RL_COL_ORDER):
        return None
    out = [(col_of[c], text) for text, (c, _w) in zip(row.cells, row.spans) if c in col_of]
    return out if sorted(k for k, _ in out) == sorted(T.RL_COL_ORDER) else None


def _rl_col_map(st: _State) -> dict[int, tuple[str, str] | None] | None:
    """Grid column -> (block row_key, col_key) of table 四, from its header cells' positions
    (HTML only): the block cell (行政复议 / 未经复议直接起诉 / 复议后起诉) and the column cell
    covering each grid column. Valid only when all 15 template cells are placed exactly once."""
    blocks: dict[int, str] = {}
    cols: dict[int, str] = {}
    covered: set[int] = set()
    for hrow in st.rl_header_rows:
        if not hrow.spans:
            return None
        for text, (col, span) in zip(hrow.cells, hrow.spans):
            block = T.match_spec(text, T.RL_ROWS)
            spec = T.match_spec(text, T.RL_COLS) if block is None else None
            for c in range(col, col + span):
                covered.add(c)
                if block is not None:
                    blocks[c] = block.key
                elif spec is not None:
                    cols[c] = spec.key
    placed: dict[int, tuple[str, str] | None] = {c: (blocks[c], cols[c]) for c in cols if c in blocks}
    want = {(b, c) for b in T.RL_ROW_ORDER for c in T.RL_COL_ORDER}
    if sorted(v for v in placed.values() if v) != sorted(want):
        return None
    for c in covered - placed.keys():
        placed[c] = None  # a header column that is not a template cell (备注, 类别)
    return placed


def _rl_by_position(st: _State, row: Row) -> bool:
    """Emit table 四's values under the header columns they sit in; False when the header does
    not place all 15 cells or the row's cells do not fall under them one each."""
    col_map = _rl_col_map(st) if row.spans else None
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


def _rl_flat_order(st: _State) -> tuple[list[tuple[str, str]] | None, bool]:
    """(15 (block, col) keys in printed order, whether a trailing 备注 column follows) for a
    table 四 header without grid positions. Blocks in template order take the 5-label column
    chunks in order (each block's columns in any order); blocks in another order (行政诉讼 first)
    are read in the header's block order when every chunk prints the columns alike."""
    # the section heading "四、政府信息公开行政复议、行政诉讼情况" names the blocks too: not a header
    cells = [c for r in st.rl_header_rows for c in r.cells if clean_ws(c) and heading_number(c) is None]
    blocks: list[str] = []
    cols: list[str] = []
    for c in cells:
        if (b := T.match_spec(c, T.RL_ROWS)) is not None:
            if b.key not in blocks:
                blocks.append(b.key)
        elif (sp := T.match_spec(c, T.RL_COLS)) is not None:
            cols.append(sp.key)
    # a 备注 column (rightmost; in a flattened header its label may sit in any header row)
    remark = any(k in ("备注", "说明") for k in map(label_key, cells))
    chunks = [cols[i:i + 5] for i in range(0, 15, 5)]
    if len(cols) != 15 or any(sorted(ch) != sorted(T.RL_COL_ORDER) for ch in chunks):
        return None, remark
    order = rl_block_order(" ".join(cells))
    if order == T.RL_ROW_ORDER and tuple(blocks) == T.RL_ROW_ORDER:
        return [(blocks[i // 5], cols[i]) for i in range(15)], remark
    # blocks printed out of template order (行政诉讼 first, 复议后起诉 before 直接起诉): the values
    # follow the header's block order; which column chunk belongs to which block depends on how
    # the rowspans were flattened, so the chunks must agree
    if order is None or any(ch != chunks[0] for ch in chunks):
        return None, remark
    return [(order[i // 5], chunks[0][i % 5]) for i in range(15)], remark


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


def rl_rows(st: _State, row: Row) -> None:
    if rl_long_row(st, row):
        return
    if row.spans and all(is_value(c) for c in row.cells) and _rl_by_position(st, row):
        return
    if not row.spans and len(row.cells) >= 15:
        order, remark = _rl_flat_order(st)
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
    by_pos = _rl_transposed_values(st, row)
    if by_pos is not None and all(is_value(t) for _, t in by_pos):
        spec = T.match_spec(" ".join(t for t in row.cells if not is_value(t)), T.RL_ROWS)
        if spec:
            for key, raw in by_pos:
                st.emit(RL, spec.key, key, raw, "")
            return
    cells = strip_pad(row.cells, 5)
    # transposed layout: one row per block, label + 5 values
    if len(cells) >= 6 and all(is_value(c) for c in cells[-5:]):
        spec = T.match_spec(" ".join(cells[:-5]), T.RL_ROWS)
        if spec:
            for key, raw in zip(_rl_transposed_cols(st), cells[-5:]):
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


def rl_part(st: _State, cells: list[str]) -> None:
    """One value row of table 四 printed as two or three tables (5 or 10 cells): its blocks are
    the ones its header rows name, in their order; all 15 values are emitted once complete."""
    named: list[str] = []
    printed_cols: list[str] = []  # the part's result columns as its header prints them
    for text in st.rl_recent:
        spec = T.match_spec(text, T.RL_ROWS)
        if spec is not None:
            if spec.key not in named:
                named.append(spec.key)
        elif (col := T.match_spec(text, T.RL_COLS)) is not None:
            printed_cols.append(col.key)
    st.rl_recent = []
    chunks = [tuple(printed_cols[i: i + 5]) for i in range(0, len(printed_cols), 5)]
    if len(printed_cols) != len(cells) or any(sorted(c) != sorted(T.RL_COL_ORDER) for c in chunks):
        chunks = [T.RL_COL_ORDER] * (len(cells) // 5)  # no clean header of its own: template order
    missing = [b for b in T.RL_ROW_ORDER if b not in st.rl_parts]
    by_name = True  # the blocks are the ones a header names, not the next ones in template order
    if len(cells) == 10:
        blocks = [b for b in named if b != "review"]
        if len(blocks) != 2:  # the blocks in the order the whole table 四 header names them
            everywhere = [sp.key for t in st.rl_header if (sp := T.match_spec(t, T.RL_ROWS)) is not None]
            blocks = [b for b in dict.fromkeys(everywhere) if b != "review"]
            if len(blocks) != 2:
                blocks, by_name = [b for b in missing if b != "review"][:2], False
        if "review" in named and "review" not in st.rl_parts and st.rl_blank_five is None:
            # the header names all three blocks over ten values: a table 四 row with five cells
            # lost (blank lines dropped), so which block each value belongs to is unknown
            by_name = False
        if "review" not in st.rl_parts and st.rl_blank_five is not None:
            # 行政复议's values were all printed blank
            st.rl_parts["review"] = list(zip(T.RL_COL_ORDER, st.rl_blank_five.cells))
    elif len(named) == 1 or named[-1:] == ["review"]:
        blocks = named[-1:]
    else:
        blocks, by_name = missing[:1], False
    st.rl_blank_five = None
    for i, block in enumerate(blocks):
        if block in st.rl_parts:
            return  # a block printed twice: not this layout
        st.rl_parts[block] = list(zip(chunks[i], cells[i * 5: i * 5 + 5]))
        if by_name:
            st.rl_parts_named.add(block)
    if len(st.rl_parts) == 3:
        for block in T.RL_ROW_ORDER:
            for col, raw in st.rl_parts[block]:
                st.emit(RL, block, col, raw, "")
        st.rl_parts = {}


def rl_incomplete_parts(st: _State) -> None:
    """Table 四 printed as separate block tables of which only some are on the page (行政复议's
    table alone; 行政诉讼's an image): each block a header row named gives its five cells; a
    block placed only by its order is undetermined. The absent blocks stay absent."""
    for block in T.RL_ROW_ORDER:
        for col, raw in st.rl_parts.get(block, ()):
            if block in st.rl_parts_named:
                st.emit(RL, block, col, raw, "")
            else:
                st.result.undetermined[f"{RL}.{block}.{col}"] = \
                    "a table 四 block printed on its own with no block name, the other blocks absent"
    st.rl_parts = {}


def rl_header_ok(header: list[str]) -> bool:
    keys = "|".join(label_key(h) for h in header)
    order = [keys.find("行政复议"), keys.find("直接起诉"), keys.find("复议后")]
    return all(i >= 0 for i in order) and order == sorted(order)
