"""Table 二 (主动公开政府信息情况) from the row stream: block headers and data rows.

Table 二 is printed as one table or as four or five (one per 第二十条 block), each block with its
own header row (信息内容 | 本年制发件数 | …). A header row sets the columns of the rows below it;
a data row is matched by its label (`templates.AD_ROWS`) and its values are read under those
columns — by the header's colspans when the value cells do not follow them, by the template's
layout only when the count is exact. Units come from the header cell, the block caption
("第二十条第（九）项（单位：万元）") or the template, in that order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import templates as T
from .rowkit import AD, REMARK_KEYS, Row
from .sections import heading_number
from .text import clean_ws, label_key
from .values import header_unit

if TYPE_CHECKING:
    from .recognize import _State


# every table 二 column name has one of these words (a cheap test before matching each cell)
AD_HEAD_HINT = re.compile(r"件数|数量|金额|增|减")


def ad_column_heads(texts: list[str]) -> list[int]:
    """Positions of a row's cells when two or more are filled and each names a table 二 column."""
    filled = [j for j, t in enumerate(texts) if clean_ws(t)]
    # a truncated "本年新" names a column too (`ad_header` places it), with a whole header beside it
    if len(filled) >= 2 and all(T.match_spec(texts[j], T.AD_COLS) or label_key(texts[j]) in T.AD_TRUNCATED_NEW
                                for j in filled) and any(T.match_spec(texts[j], T.AD_COLS) for j in filled):
        return filled
    return []


def ad_header(st: _State, labels: list[str]) -> None:
    specs: list[T.Spec | None] = []
    truncated_new = ["made", "published"]
    for lab in labels:
        k = label_key(lab)
        if k in T.AD_TRUNCATED_NEW:  # truncated 2019 header (本年新<br>制作数量 lost its tail)
            specs.append(T.spec_by_key(T.AD_COLS, truncated_new.pop(0)) if truncated_new else None)
            continue
        spec = T.match_spec(lab, T.AD_COLS)
        if spec is None and k and k not in REMARK_KEYS:
            st.result.unknown_labels.append(f"{AD} column: {clean_ws(lab)}")
        specs.append(spec)
    st.ad_cols = specs
    st.ad_header_labels = labels
    sig = T.template_signal(" ".join(labels))
    st.ad_template = sig or st.ad_template  # a block header without signal words: the table's
    if sig:
        st.ad_templates_seen.append(sig)


def ad_row(st: _State, row: Row) -> None:
    label, values = row.cells[0], row.cells[1:]
    spec = T.match_spec(label, T.AD_ROWS)
    if spec is None:
        heads = [t for t in row.cells if clean_ws(t)]
        if heads and all(T.match_spec(t, T.AD_COLS) or label_key(t) in REMARK_KEYS for t in heads) \
                and any(T.match_spec(t, T.AD_COLS) for t in heads):
            # a block header printed without its "信息内容" cell
            ad_header(st, heads)
            non_empty = [j for j, t in enumerate(row.cells) if clean_ws(t)]
            st.ad_header_spans = [row.spans[j] for j in non_empty] if row.spans else None
            return
        if label_key(label) and heading_number(clean_ws(label)) is None:
            st.result.unknown_labels.append(f"{AD} row: {clean_ws(label)}")
        return
    template = st.ad_template
    if template is None:
        template = T.T2019 if spec.key in ("other_admin_services", "centralized_procurement") else None
    # drop pad cells beyond the header (pipe text pads to the widest row; HTML may add empty tds)
    while len(values) > max(1, len(st.ad_cols)) and not clean_ws(values[-1]):
        values = values[:-1]
    layout = T.AD_LAYOUT.get(template or "", {}).get(spec.key)
    cols = [s for s in st.ad_cols]
    head_labels = st.ad_header_labels
    remarks = [j for j, (c, lab) in enumerate(zip(cols, head_labels)) if c is None and label_key(lab) in REMARK_KEYS]
    if remarks and len(values) == len(cols):
        # a 备注 column beside the block's own: what it holds is not a template cell
        keep = [j for j in range(len(cols)) if j not in remarks]
        cols, head_labels, values = [cols[j] for j in keep], [head_labels[j] for j in keep], [values[j] for j in keep]
    if cols and len(cols) == len(values) and all(c is not None for c in cols):
        keys = [c.key for c in cols if c is not None]
        hints = [_ad_unit(st, c, lab) for c, lab in zip(cols, head_labels) if c is not None]
        labels = [clean_ws(lab) for lab in head_labels]
    elif layout and len(layout) == len(values):
        keys, hints, labels = list(layout), [None] * len(layout), [None] * len(layout)
        st.result.warnings.append(f"{AD}.{spec.key}: columns taken by position from the template")
    elif (by_pos := _ad_by_position(st, row)) is not None:
        values = by_pos
        kept = [(c, lab) for c, lab in zip(st.ad_cols, st.ad_header_labels) if c is not None]
        keys = [c.key for c, _ in kept]
        hints = [_ad_unit(st, c, lab) for c, lab in kept]
        labels = [clean_ws(lab) for _, lab in kept]
    else:
        st.result.warnings.append(
            f"{AD}.{spec.key}: {len(values)} values do not fit header {[c.key if c else None for c in cols]}")
        return
    if template is None:
        template = T.T2019 if any(k in ("made", "prev_year_items", "procurement_items") for k in keys) else T.T2021
    if layout and set(keys) != set(layout):
        st.result.warnings.append(f"{AD}.{spec.key}: header {keys} differs from template {list(layout)}")
    st.ad_templates_seen.append(template)
    for key, raw, hint, lab in zip(keys, values, hints, labels):
        if layout and key not in layout:
            continue
        st.emit(AD, spec.key, key, raw, template, hint, lab)


_MONEY_COLS = frozenset(("procurement_amount", "amount_10k_yuan"))


def _ad_unit(st: _State, col: T.Spec, label: str) -> str | None:
    """A table 二 column's unit: the one its header cell prints, else (for money) the block
    caption's, else the template's."""
    return header_unit(label) or (st.ad_caption_unit if col.key in _MONEY_COLS else None) or col.unit


def _ad_by_position(st: _State, row: Row) -> list[str] | None:
    """Values under each header column by grid position, when the data row's cells do not follow
    the header's colspans (a value cell split in two, one of them empty)."""
    if not row.spans or not st.ad_header_spans or len(st.ad_header_spans) != len(st.ad_cols) or any(
            c is None and label_key(lab) not in REMARK_KEYS for c, lab in zip(st.ad_cols, st.ad_header_labels)):
        return None
    out = []
    for (start, span), col in zip(st.ad_header_spans, st.ad_cols):
        if col is None:
            continue  # a 备注 column
        under = [t for t, (c, _w) in zip(row.cells[1:], row.spans[1:]) if start <= c < start + span]
        filled = [t for t in under if clean_ws(t)]
        if len({clean_ws(t) for t in filled}) > 1 or not under:
            return None  # two different values under one header cell (one printed twice is one)
        out.append(filled[0] if filled else under[0])
    return out
