"""Table 四 printed as two or three tables, one per block: their value rows gathered into one.

Some pages print table 四 as separate tables (行政复议 with five columns; 行政诉讼 with ten, or its
two blocks apart), each with a header naming its blocks. `rl_part` files each value row under the
blocks its header rows name (or, with no name, the next blocks in template order) and emits all
15 values once the three blocks are in; `rl_incomplete_parts` settles a page on which only some
of the block tables are printed. Its own module because the parts are gathered across rows and
tables (`_State.rl_parts`), while `review_rows.py` reads each row on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import templates as T
from .rowkit import RL

if TYPE_CHECKING:
    from .recognize import _State


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
