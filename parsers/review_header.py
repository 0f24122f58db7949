"""Table 四's header rows: which block and result column each value of a row is under.

Table 四's header is three rows (the blocks 行政复议 / 行政诉讼, then 未经复议直接起诉 / 复议后起诉,
then five result columns per block), printed in many orders: blocks swapped, 总计 first, a 备注
column, a turned table with one row per block. These functions read the header rows the row
stream has collected (`_State.rl_header_rows`) into a column order: by the cells' grid positions
in HTML (`rl_col_map`, `rl_transposed_values`), by printed order in flattened text
(`rl_flat_order`, `rl_transposed_cols`); `rl_header_ok` says whether the blocks are named in
template order. They emit nothing: reading the value rows under them is `review_rows.py`. Its own
module because the header is read the same way for every shape of value row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .flat_headers import rl_block_order
from .rowkit import Row
from .sections import heading_number
from .text import clean_ws, label_key

if TYPE_CHECKING:
    from .recognize import _State


def rl_transposed_cols(st: _State) -> tuple[str, ...]:
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


def rl_transposed_values(st: _State, row: Row) -> list[tuple[str, str]] | None:
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


def rl_col_map(st: _State) -> dict[int, tuple[str, str] | None] | None:
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


def rl_flat_order(st: _State) -> tuple[list[tuple[str, str]] | None, bool]:
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


def rl_header_ok(header: list[str]) -> bool:
    keys = "|".join(label_key(h) for h in header)
    order = [keys.find("行政复议"), keys.find("直接起诉"), keys.find("复议后")]
    return all(i >= 0 for i in order) and order == sorted(order)
