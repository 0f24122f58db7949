"""Which flattened-text form a page's tables are in, and tables taken from another source.

Flattened text comes in several forms (`TABLE_FORMS`): the seed's pipe text, one row per line,
one cell per line between `|` lines, and glued or spaced cells. `text_tables` reads a page in
the form it looks like, then reads the tables that form lacks (or could not read) from the
other forms, since one page may print table 四 spaced under pipe tables 二 and 三. A table is
believed only when it is "solid" (enough determined cells): prose about the year yields a few
label-number pairs, a table yields rows. `merge_missing_tables` is also how an HTML page fills
a table from its text paragraphs or from a table after an 附件 line.
"""

from __future__ import annotations

import re

from .model import TableResult
from .pipe_repair import repair_rows
from .pipetext import cell_runs, looks_like_cell_per_line, looks_like_pipe_text, pipe_rows
from .recognize import Row, recognize
from .row_per_line import bare_review_row, looks_like_row_per_line, row_lines

_ROW_OPENER_RE = re.compile(r"^\|\s*$", re.M)


def text_tables(body_text: str, year_hint: int | None) -> tuple[TableResult, str]:
    """Tables from flattened text, and the text form they were read from (`TABLE_FORMS`):
    the pipe form when present, else the glued/spaced form. A table the main form lacks is
    taken from another form when one reads it (a page whose table 四 is spaced text under
    pipe tables 二 and 三); the form named is the one most cells were read from. Rows split by
    tabs (a table copied out of Word) are `tab_rows`."""
    if "｜" in body_text:
        # a full-width bar is a bar: copies typed or converted in a CJK font print "0 ｜"
        body_text = body_text.replace("｜", "|")
    order = [f for f, looks in (("pipe_rows", looks_like_pipe_text), ("row_per_line", looks_like_row_per_line))
             if looks(body_text)]
    order.append("cell_per_line" if looks_like_cell_per_line(body_text) else "glued")
    read: dict[str, TableResult] = {}
    for form in order:
        res = read[form] = _read_form(body_text, form, year_hint)
        if res.cells:
            break
    else:
        # too few "|" rows to look like pipe text: table 四 alone prints four rows, in the seed's
        # form ("|" row openers) or one row per line
        for few, looks in (("pipe_rows", _ROW_OPENER_RE.search(body_text)), ("row_per_line", "|" in body_text)):
            if few not in order and looks:
                pipe = _read_form(body_text, few, year_hint)
                if complete_review_table(pipe) and not pipe.undetermined:
                    return pipe, few
        return res, (form if res.undetermined else "none")
    source = {t: form for t in res.tables_found()}
    if not {"active_disclosure", "applications", "review_litigation"} <= solid_tables(res):
        # the other forms that can be on the page: without "|" lines, the glued one and tab rows
        others = ("pipe_rows", "row_per_line", "cell_per_line", "glued") if "|" in body_text else \
            ("row_per_line", "glued") if "\t" in body_text else ("glued",)
        for other in others:
            if other != form:
                other_res = read.get(other) or _read_form(body_text, other, year_hint)
                for table in merge_missing_tables(res, other_res, f"read from the {other.replace('_', ' ')} text "
                                                  "around the other tables", replace_unread=True):
                    source[table] = other
        counts = {f: sum(1 for c in res.cells if source.get(c.table) == f) for f in set(source.values())}
        form = max(counts, key=lambda f: (counts[f], f == form)) if counts else form
    if form == "row_per_line" and "|" not in body_text:
        form = "tab_rows"
    return res, form


def _read_form(body_text: str, form: str, year_hint: int | None) -> TableResult:
    """The tables of `body_text` read as one text form."""
    if form in ("pipe_rows", "row_per_line"):
        rows = pipe_rows(body_text) if form == "pipe_rows" else row_lines(body_text)
        rows = repair_rows(rows, padded=form == "row_per_line")
        if not rows:
            return TableResult()
        res = recognize_with_annex(rows)
        if res.cells and "review_litigation" not in res.tables_found() and (extra := bare_review_row(body_text)):
            # table 四 printed as one bare line of numbers next to pipe tables 二 and 三
            res = recognize_with_annex(rows + [Row(r.cells, r.source + rows[-1].source + 1) for r in extra])
        return res
    from .glued import extract_glued_tables

    if form == "cell_per_line":
        tokens, cells = cell_runs(body_text)
        return extract_glued_tables(tokens, year_hint, cells=cells)
    return extract_glued_tables(body_text, year_hint)


# Determined cells a table read from free text needs before it is believed: prose about the
# year ("行政处罚412件", "办理结果…") yields a few label-number pairs, a flattened table yields rows.
_SOLID_CELLS = {"applications": 35, "active_disclosure": 6, "review_litigation": 10}


def solid_tables(res: TableResult) -> set[str]:
    counts: dict[str, int] = {}
    for c in res.cells:
        counts[c.table] = counts.get(c.table, 0) + 1
    return {t for t, n in counts.items() if n >= _SOLID_CELLS.get(t, 1)}


def table_evidence(res: TableResult) -> set[str]:
    """Tables read in table form: the solid ones, and a table 三 whose rows were nearly all found
    in order even if its glued digits could not be split (blank 总计 cells). Prose quoting a few
    figures ("本年新收申请12件，予以公开8件") matches a handful of rows, never fifteen."""
    rows = {c.row_key for c in res.cells if c.table == "applications"}
    rows |= {k.split(".")[1] for k in res.undetermined if k.startswith("applications.")}
    return solid_tables(res) | ({"applications"} if len(rows) >= 15 else set())


def complete_review_table(res: TableResult) -> bool:
    """Table 四 read whole: its fifteen cells determined (the glued reader takes its values only
    after a header naming 行政复议, 结果维持, 尚未审结 and 总计, fifteen in a row). Prose quoting
    the cases ("行政复议2件，行政诉讼1件") gives no such run: a page whose only table is table 四
    is believed on this alone."""
    rl = "review_litigation"
    return sum(c.table == rl for c in res.cells) == 15 and not any(k.startswith(rl + ".") for k in res.undetermined)


def recognize_with_annex(rows: list[Row]) -> TableResult:
    """The report's own tables first; tables after an 附件/附表 line (a sub-unit's statistics, a
    copy) only supply tables the report itself lacks."""
    main = [r for r in rows if not r.annex]
    annex = [r for r in rows if r.annex]
    res = recognize(main) if main else TableResult()
    if annex:
        merge_missing_tables(res, recognize(annex), "read from a table after an 附件/附表 line")
    return res


def merge_missing_tables(res: TableResult, other: TableResult,
                          why: str = "read from the text around the HTML tables",
                          replace_unread: bool = False) -> list[str]:
    """Add to `res` the tables it lacks that `other` (read elsewhere on the page) has.
    `replace_unread`: `other` is the same text read in another form, so a table `res` read with
    undetermined cells is replaced by `other`'s reading of it when that determines every cell
    `res` saw (the table was printed in the other form: "4 4 5" cells on lines of their own)."""
    have = res.tables_found()
    if replace_unread:
        def counts(r: TableResult, t: str) -> tuple[int, int]:
            return (sum(c.table == t for c in r.cells), sum(k.startswith(t + ".") for k in r.undetermined))

        have = {t for t in have if not ((n := counts(res, t))[1] and (m := counts(other, t))[1] == 0
                                        and m[0] >= n[0] + n[1])}
    merged: list[str] = []
    for table in sorted(solid_tables(other) - have):
        for key in [k for k in res.undetermined if k.startswith(table + ".")]:
            del res.undetermined[key]
        res.cells = [c for c in res.cells if c.table != table]
        res.cells += [c for c in other.cells if c.table == table]
        res.undetermined.update({k: v for k, v in other.undetermined.items() if k.startswith(table + ".")})
        if table in other.templates_by_table:
            res.templates_by_table[table] = other.templates_by_table[table]
        res.warnings.append(f"{table}: {why}")
        merged.append(table)
    return merged
