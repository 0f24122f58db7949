"""Tables 二/三/四 from flattened report text whose cells are glued together.

Text dumps of report pages keep the table text but lose the grid: a row prints as its label run
straight into its values ("一、本年新收政府信息公开申请数量640020470二、上年结转…"), sometimes with
spaces between some cells ("230 000023", "0 0 0 0 0 00"), and the outline number of the next label
glues onto the previous row's digits ("00000002.其他法律…" is 0000000 then "2.其他法律…").

The reader is label-anchored. One normalised pass over the text (NFKC, Simplified, leaked Word
comments dropped, an offset map back to the original for `value_raw`) is searched for the row labels
of the template in order, each within a short window of the previous one (`glued_scan.py`); what
lies between one row label and the next is that row's value text. The row keywords are those of `templates.py`; nothing
here knows a Chinese label. The value text is cut into cells by `glued_rows.py` (table 四's one run
of values, found after its header, by `glued_review.py`): `splits.py` lists
every reading, and the ones that satisfy the identities of schema.md are kept (table 三: row totals, column
balance, results total; table 四: the three block totals; table 二 has none, so a cell is known only
when every reading agrees on it). Cells no reading pins down go to `undetermined` — never guessed.

Rows between the chain's rows that the template does not place are `glued_strays.py` (glued text)
and `glued_cell_strays.py` (one cell per line). The template of each table comes from its labels
(table 二's column headers, table 三's （六） rows); the other tables' templates, then `year_hint`,
are fallbacks only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .flat_headers import ad_columns, app_columns
from .glued_cell_strays import take_strays
from .glued_layout import glued_page, reads_short
from .glued_review import emit_review, review_run
from .glued_rows import (
    GluedTable,
    app_identities,
    emit_table,
    emitted,
    prints_blanks,
    take_best,
)
from .glued_scan import Doc, Hit, best_chain, glued_row, outline_tails, row_values_at
from .glued_strays import report_stray_rows
from .model import TableResult
from .templates import (
    AD_LAYOUT,
    APP_COL_ORDER,
    APP_ROW_ORDER,
    RL_COL_ORDER,
    RL_ROW_ORDER,
    T2019,
    T2021,
    template_signal,
)
from .values import header_unit

AD, APP, RL = "active_disclosure", "applications", "review_litigation"
_SIXTH_2021 = frozenset({"other_overdue_correction", "other_overdue_fee", "other_other"})

_DIGIT_RE = re.compile(r"\d")
_NOT_A_HEADER_RE = re.compile(r"[。；;，,！？]")
# Section 五's heading in its variants ("五、政府信息公开工作中存在的主要问题…", "五、主要问题…")
_SECTION_FIVE_RE = re.compile(r"(?:五\s*[、.．]|第五部分\s*)\s*[^\n。0-9]{0,16}?(?:存在|主要问题)")


def _span_text(s: str, hits: list[Hit], before: int = 0) -> str:
    if not hits:
        return ""
    return s[max(0, hits[0].label_start - before): hits[-1].value_end]


def _year_template(year: int | None) -> str | None:
    if year is None:
        return None
    return T2019 if year <= 2020 else T2021


# ---------------------------------------------------------------------------- entry point
def _ad_header(s: str, hit: Hit) -> str | None:
    """The row's block header: the text between the last "信息内容" before the row and the
    block's first values; None when there is none of its own."""
    head_at = s.rfind("信息内容", max(0, hit.label_start - 200), hit.label_start)
    if head_at < 0:
        return None
    between = s[head_at + 4: hit.label_start]
    digit = _DIGIT_RE.search(between)
    header = between[: digit.start()] if digit else between  # up to the block's first values
    if "第二十条" in between or _NOT_A_HEADER_RE.search(header):
        # another block's header (a new 第二十条 block starts between) or prose (a sentence)
        # says nothing about this row's columns
        return None
    return header


def _ad_columns(s: str, hit: Hit, layout: tuple[str, ...]) -> list[str]:
    """The row's columns in the order its block header prints them."""
    header = _ad_header(s, hit)
    return list(layout) if header is None else ad_columns(header, layout)


_MONEY_WORDS = {"procurement_amount": "采购总金额", "amount_10k_yuan": "收费金额"}


def _ad_units(s: str, hit: Hit) -> dict[str, str]:
    """Units the block header prints after a money column ("采购总金额（单位：万元）")."""
    header = _ad_header(s, hit) or ""
    units = {}
    for col, word in _MONEY_WORDS.items():
        at = header.find(word)
        if at >= 0 and (unit := header_unit(header[at: at + len(word) + 12])):
            units[col] = unit
    return units


def extract_glued_tables(text: str, year_hint: int | None = None,
                         cells: Sequence[tuple[int, int]] | None = None) -> TableResult:
    """Rebuild tables 二/三/四 of a report body printed as flattened (possibly glued) text.

    `cells`: the text is one-cell-per-line cells joined by spaces (`pipetext.cell_runs`), and these
    are the cells' spans: label cells followed by value cells between two rows are a row of their
    own (`take_strays`).

    Returns the determined cells, `undetermined` ("table.row.col" -> reason) for cells present but
    not determinable, `templates_by_table` for every table found, and warnings. Tables that are not
    on the page are simply absent (the caller marks the report partial).

    >>> r = extract_glued_tables("规章000行政规范性文件303第二十条第（五）项信息内容本年处理决定数量行政许可5")
    >>> [(c.row_key, c.col_key, c.value) for c in r.cells][:4], r.templates_by_table
    ([('regulations', 'issued', 0.0), ('regulations', 'repealed', 0.0), ('regulations', 'in_force', 0.0), ('normative_documents', 'issued', 3.0)], {'active_disclosure': '2021'})
    """
    doc = Doc.of(text)
    s = doc.s
    out = TableResult()
    n = len(s)

    # Table 三 first: its rows are the most specific labels, and it bounds tables 二 and 四.
    c3 = {t: best_chain(s, APP, APP_ROW_ORDER[t], 0, n) for t in (T2021, T2019)}
    score = {t: sum(1 for h in c3[t] if h.tokens) for t in c3}
    any3 = c3[T2021] if score[T2021] >= score[T2019] else c3[T2019]
    start3 = any3[0].label_start if any3 else n
    end3 = max(h.value_end for h in any3) if any3 else 0
    sig3: str | None = None
    if any3:
        # （六） decides: the 2021 sub-rows (逾期不补正, 收费通知) or one 2019 row with values
        sig3 = template_signal(_span_text(s, any3))
        other = [h for h in c3[T2019] if h.key == "other_handling"]
        if sig3 != T2021:
            sig3 = T2019 if other and other[0].tokens else None
        elif other and (row_values_at(s, other[0].kw_end, other[0].value_end + 1)
                        or len("".join(t.text for t in other[0].tokens)) > 2) and \
                sum(1 for h in c3[T2021] if h.key in _SIXTH_2021 and h.tokens) <= 1:
            # 2019's one （六）其他处理 row with values (more than the "1" of "1.申请人…" glued
            # to it) and at most one of 2021's three sub-rows: the rows of both versions are
            # printed, so table 三 gives no signal; the other tables (or the year) decide
            sig3 = None

    # Table 二: scanned with the 2019 rows (a superset of 2021's, in the same order) before table 三.
    end2_region = start3 if any3 else n
    c2 = best_chain(s, AD, tuple(AD_LAYOUT[T2019]), 0, end2_region)
    sig2: str | None = None
    if c2:
        sig2 = template_signal(s[max(0, c2[0].label_start - 150): c2[-1].kw_end])
        if sig2 is None and any(h.key in ("other_admin_services", "centralized_procurement") and h.tokens
                                for h in c2):
            sig2 = T2019

    fallback = _year_template(year_hint)

    def decide(own: str | None, other: str | None, table: str) -> str:
        if own:
            return own
        if other:
            out.warnings.append(f"{table}: template taken from another table's labels")
            return other
        if fallback:
            out.warnings.append(f"{table}: no template signal in the labels; template from year {year_hint}")
            return fallback
        out.warnings.append(f"{table}: no template signal and no year; assumed {T2021}")
        return T2021

    # table 三's rows (seven cells each) say how the page prints rows; table 二's when it has none
    glued = glued_page([(h.tokens, len(APP_COL_ORDER)) for h in any3]
                       or [(h.tokens, len(AD_LAYOUT[T2019][h.key])) for h in c2 if len(AD_LAYOUT[T2019].get(h.key, ())) > 1])
    # a row of table 三 that reads one value short: the page drops blank cells (and vice versa)
    short3 = reads_short({h.key: len(APP_COL_ORDER) for h in any3 if glued_row(s, h)}, {h.key: h.tokens for h in any3})
    # table 四 sits before section 五: past it a 行政复议 table is an annex (last year's, a
    # sub-unit's), not this report's. Its run read short says table 二 may hide a blank too
    # (table 三 has its own totals to confirm its splits).
    start4 = end3 if any3 else (c2[-1].value_end if c2 else 0)
    stop = _SECTION_FIVE_RE.search(s, start4)
    run = review_run(s[: stop.start()] if stop else s, start4)
    # (a run far short of its cells is no printed table 四: a pipe table's first cell, prose)
    short4 = bool(run) and sum(c.isdigit() for tok in run[0] for c in tok.text) >= 5 * len(run[3]) - 3 \
        and reads_short({"_run": 5 * len(run[3])}, {"_run": run[0]})
    short2 = False
    if c2:
        t2 = decide(sig2, sig3, AD)
        hits2 = best_chain(s, AD, tuple(AD_LAYOUT[t2]), 0, end2_region) if t2 != T2019 else c2
        if hits2 and cells is not None:
            hits2 = take_strays(doc, cells, AD, t2, hits2, out, start3 if any3 else None)
        elif hits2:
            hits2 = report_stray_rows(doc, AD, t2, hits2, out)
        if hits2:
            out.templates_by_table[AD] = t2
            cols2 = {h.key: _ad_columns(s, h, AD_LAYOUT[t2][h.key]) for h in hits2}
            short2 = reads_short({h.key: len(cols2[h.key]) for h in hits2 if glued_row(s, h)},
                                 {h.key: h.tokens for h in hits2})
            emit_table(doc.raw, GluedTable(AD, t2, cols2, {h.key: h.tokens for h in hits2},
                                           {h.key: _ad_units(s, h) for h in hits2}, glued, short3 or short4),
                           [], out)
    if any3:
        t3 = decide(sig3, sig2, APP)
        hits3 = c3[t3]
        if hits3 and cells is not None:
            hits3 = take_strays(doc, cells, APP, t3, hits3, out)
        elif hits3:
            hits3 = report_stray_rows(doc, APP, t3, hits3, out)
        if hits3:
            hits3 = outline_tails(s, hits3)  # "…21022.部分公开": the identities decide whose the "2" is
            out.templates_by_table[APP] = t3
            found = tuple(h.key for h in hits3)
            missing = [k for k in APP_ROW_ORDER[t3] if k not in found]
            if missing:
                out.warnings.append(f"applications: rows not found: {', '.join(missing)}")
            tokens3 = {h.key: h.tokens for h in hits3}
            readings = [emitted(lambda r, o=o: emit_table(doc.raw, GluedTable(APP, t3, {k: list(o) for k in found}, tokens3,
                                                                         {}, glued, short2),
                                                        app_identities(APP_ROW_ORDER[t3], o), r), APP, t3)
                        for o in dict.fromkeys((app_columns(s, hits3[0].label_start), APP_COL_ORDER))]
            take_best(readings, APP, out)

    if run:
        t4 = out.templates_by_table.get(APP) or out.templates_by_table.get(AD) or decide(None, None, RL)
        out.templates_by_table[RL] = t4
        blocks = run[3]
        if len(blocks) == 1:
            out.warnings.append(f"{RL}: only its 行政复议 block is printed")
        if blocks != RL_ROW_ORDER and len(run[2]) == 15:
            # blocks out of order and columns differing per block: which columns go with which
            # block depends on how the header was flattened; nothing is guessed
            for b in RL_ROW_ORDER:
                for c in RL_COL_ORDER:
                    out.undetermined[f"{RL}.{b}.{c}"] = "table 四's header reorders blocks and columns; not read"
            return out
        blanks = prints_blanks(out) or short2 or short3
        readings = [emitted(lambda r, o=o: emit_review(doc.raw, run[0], t4, r, o, blocks, blanks, glued), RL, t4)
                    for o in dict.fromkeys((run[2], RL_COL_ORDER))]
        take_best(readings, RL, out)
    return out

