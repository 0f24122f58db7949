"""Glued-table rows into cells: the readings of each row, the identities that choose among them.

`glued.py` finds each row's label and value tokens; this module turns them into cells. Every row's
candidate readings come from `splits.py` (pruned by the row's own totals when there are too many
to list), `solver.solve` keeps those the identities of schema.md allow, and each cell is emitted
only when every accepted reading agrees on it, otherwise it goes to `undetermined` with the reason.
The identities are built over the columns in the order the page prints them, so a table read in
its header's order and in the template's order can be compared (`take_best`).

How a row is printed (glued or spaced, a cut by choice or by necessity) is `glued_layout.py`;
table 四's one run of 15 values is read by `glued_review.py` with `fit` and the same reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .checks import identity_checks, strict_failures
from .glued_layout import cuts_a_count, each_one_cell, printed_apart, splits_a_number
from .model import Cell, TableResult
from .solver import Identity, fails, solve
from .splits import (
    MAX_PRUNED_SPLITS,
    MAX_ROW_SPLITS,
    TooManySplits,
    count_row_splits,
    pruned_row_candidates,
    row_candidates,
    total_last_candidates,
)
from .templates import (
    AD_COLS,
    AD_ROWS,
    APP_COL_ORDER,
    APP_COLS,
    APP_ROWS,
    RL_COLS,
    RL_ROWS,
    spec_by_key,
)
from .value_tokens import Piece, Token

AD, APP, RL = "active_disclosure", "applications", "review_litigation"
SPECS = {AD: AD_ROWS, APP: APP_ROWS, RL: RL_ROWS}
_CHANCE_READINGS = 300  # readings of a row beyond which meeting its own total proves little
TABLE_BUDGET = 30_000  # candidate readings materialised per table; keeps hostile input under ~0.3 s
_SIGNED_COLS = frozenset({"change"})  # only 2019 本年增/减 prints signed values (domain.md §6.3)


def fit(tokens: list[Token], n: int, signed_ok: tuple[bool, ...],
         own: Sequence[Identity] = ()) -> list[tuple[Piece, ...]]:
    """Candidate readings of a row; readings with a sign where the column takes none are dropped
    ("2648-18538": the "-" starts 本年增/减, so 2648 is 上一年项目数量), even when nothing else fits.

    A row with more raw splits than `MAX_ROW_SPLITS` (a 21-digit table 四 run has 18,000) is
    walked once more with its `own` identities (row or block totals, over "_row") pruning the
    walk: only the readings that meet them are kept, so the cap bounds work, not correctness."""
    try:
        cands = row_candidates(tokens, n)
    except TooManySplits:
        if not own or count_row_splits(tokens, n) > MAX_PRUNED_SPLITS:
            raise
        cands = None
        if len(own) == 1 and _total_last(own[0], n):
            # a long table 三 row whose 总计 is printed last: the total first, then what adds up to it
            cands = total_last_candidates(tokens, n)
        if cands is None:
            cands = pruned_row_candidates(tokens, n, _meets(own))
    # a sign where the column takes none is no reading: "-15" under 上一年项目数量 and 本年增/减 is an
    # NA dash glued to 15 as likely as -1|5 (none is guessed)
    return [c for c in cands if all(ok or not p.signed for p, ok in zip(c, signed_ok, strict=True))]


def _total_last(identity: Identity, n: int) -> bool:
    """Is the identity "the row's last cell is the sum of all its others"?"""
    coefs = {col: k for _r, col, k in identity.terms}
    return len(identity.terms) == n and coefs.get(n - 1) == 1 and all(coefs.get(c) == -1 for c in range(n - 1))


def _meets(own: Sequence[Identity]) -> Callable[[tuple[Piece, ...]], bool]:
    """Pruning test for a partial reading: every own identity whose cells are all read holds."""
    reach = [(i, max(col for _r, col, _c in i.terms)) for i in own]

    def keep(acc: tuple[Piece, ...]) -> bool:
        n = len(acc)
        return all(last >= n or not fails(i, {"_row": acc}) for i, last in reach)
    return keep


def own_identities(identities: Sequence[Identity], row: str,
                   by_row: dict[str, list[Identity]] | None = None) -> list[Identity]:
    """The identities on `row` alone, over the placeholder row "_row". `by_row`: the table's
    `single_row_identities`, when already at hand."""
    mine = (by_row if by_row is not None else single_row_identities(identities)).get(row, ())
    return [Identity(i.name, tuple(("_row", c, k) for _r, c, k in i.terms)) for i in mine]


def single_row_identities(identities: Sequence[Identity]) -> dict[str, list[Identity]]:
    """Row -> the identities on that row's cells alone (its 总计)."""
    out: dict[str, list[Identity]] = {}
    for i in identities:
        rows = {t[0] for t in i.terms}
        if len(rows) == 1:
            out.setdefault(next(iter(rows)), []).append(i)
    return out


@dataclass
class GluedTable:
    table: str
    template: str
    rows: dict[str, list[str]]  # row_key -> col_keys, rows as found
    hits: dict[str, list[Token]]  # row_key -> value tokens
    units: dict[str, dict[str, str]] = field(default_factory=dict)  # row_key -> col -> header unit
    # the page prints its table rows glued, without spaces: a space in a row is then a cell's
    # padding, not a cell boundary (`glued_page`)
    glued_page: bool = False
    # another table of the page has a row one value short: the page drops its blank cells
    blanks_seen: bool = False


def emit_table(raw: Callable[[int, int], str], t: GluedTable, identities: list[Identity], out: TableResult) -> None:
    """Solve the table's rows and append its cells / undetermined keys to `out`."""
    cands: dict[str, list[tuple[Piece, ...]]] = {}
    by_row = single_row_identities(identities)
    reasons: dict[str, str] = {}
    # Spend the enumeration budget on the rows with fewest readings first; rows beyond it are
    # reported, not guessed (only hostile or garbled input comes near it: real tables use < 1000).
    counts = {k: count_row_splits(t.hits[k], len(cols)) for k, cols in t.rows.items()}
    spent = 0
    for key in sorted(counts, key=counts.__getitem__):
        spent += min(counts[key], MAX_ROW_SPLITS + 1)
        if spent > TABLE_BUDGET:
            reasons[key] = (f"'{' '.join(tok.text for tok in t.hits[key])}': {counts[key]} readings; "
                            f"the table's enumeration budget is spent")
    for key, cols in t.rows.items():
        tokens = t.hits[key]
        printed = " ".join(tok.text for tok in tokens)
        if key in reasons:
            continue
        if not tokens:
            reasons[key] = "row label found but no values follow it"
            continue
        try:
            c = fit(tokens, len(cols), tuple(col in _SIGNED_COLS for col in cols), own_identities(identities, key, by_row))
        except TooManySplits as e:
            reasons[key] = f"'{printed}': too many readings ({e}); not enumerated"
            continue
        if not c:
            reasons[key] = f"'{printed}' {NO_FIT} {len(cols)} cells"
            continue
        cands[key] = c
    # A row that reads one way as all its cells and fails its own total so, yet meets it read one
    # value short with a blank among them ("6009015": 6,0,0,9,0,1,5 fails, 6,0,0,9,0,15 and a
    # blank holds): a dropped blank is as likely as a source error, so the row is not read as
    # printed; it reads one value short, and the table as one that drops its blanks (below).
    # (A row of several readings none of which meets its total is left undetermined anyway.)
    for key in [k for k in cands if k in by_row and len(t.rows[k]) > 1 and len(cands[k]) == 1]:
        own = own_identities(identities, key, by_row)
        if any(not any(fails(i, {"_row": c}) for i in own) for c in cands[key]):
            continue  # a reading meets it
        if _meets_with_a_blank(t.hits[key], t.rows[key], own):
            reasons[key] = (f"'{' '.join(tok.text for tok in t.hits[key])}': its total fails read as "
                            f"{len(t.rows[key])} cells and holds with a blank cell left out; {_ONE_SHORT}, "
                            "or a source error: cannot tell which")
            del cands[key]
    # a table printed with its cells spaced apart: most rows of several cells give one token each
    multi = [k for k, cols in t.rows.items() if len(cols) > 1]
    spaced = bool(multi) and sum(len(t.hits[k]) == len(t.rows[k]) for k in multi) * 5 >= len(multi) * 3
    # rows whose digits were split by choice (a token that reads as one number, "18" of
    # "18 2 0 0 1 0", or a glued run that may carry a stray footnote digit, "注1404102148"): a
    # guess their own total must confirm. Runs that cannot be one number ("0000001", "01")
    # split by necessity and are read as printed, right or wrong; so are glued runs that split
    # only one way ("2000003" as seven cells: there is no other reading to prefer).
    # On a page whose rows are glued a space is often a cell's &nbsp; padding: a row with a run
    # that cannot be one number ("10 09") splits by necessity and is read as printed there, like
    # a fully glued one; a row whose runs could each be one cell ("10 9") may hide a blank in
    # that space, and cutting it is a guess. Elsewhere a space separates cells.
    apart = {k: printed_apart(t.hits[k]) and (not t.glued_page or each_one_cell(t.hits[k])) for k in cands}
    counts_cut = {k for k in cands if cuts_a_count(t.hits[k], cands[k])}
    # A row with a total of its own and a space in it is a guess too, even on a glued page: a
    # Word cell left blank holds an &nbsp; and prints as padding does ("0000 0 10" may be
    # 0,0,0,0,0,10 and a blank 总计), so its one reading must meet that total.
    split_rows = frozenset(k for k in cands if len(t.hits[k]) < len(t.rows[k])
                           and splits_a_number(t.hits[k], cands[k])
                           and (spaced or apart[k] or len(cands[k]) > 1
                                or (k in by_row and printed_apart(t.hits[k])))) | counts_cut
    for key in sorted(split_rows):
        if (spaced or apart[key] or key in counts_cut) and key not in by_row:
            # a spaced row one value short ("行政事业性收费 12", "3 15", and "规范性文件10 9" even
            # on a page padding its cells: a Word cell left blank holds an &nbsp; too, so the
            # space may be a blank as well as padding): with no total of its own nothing can
            # confirm which printed number to split, so none is
            reasons[key] = (f"'{' '.join(tok.text for tok in t.hits[key])}': fewer values than cells, "
                            "and no row total to confirm a split")
            del cands[key]
    split_rows = split_rows & cands.keys()
    # A table whose rows read short (总计 printed blank on its detail rows, as Shanghai does, or
    # zeros left blank; a row with no value at all), or a page whose other table has such a row:
    # its rows that do fill every cell may hide a blank too ("1210000" is 12,1,0,0,0,0 and a
    # blank, not 1,2,1,0,0,0,0). One such row is enough: a vanished blank shifts every value
    # after it, and a shifted reading can meet the row total by chance.
    if _short_rows(t, cands) >= 1 or t.blanks_seen:
        for key in sorted(k for k in cands if len(t.rows[k]) > 1):
            if count_row_splits(t.hits[key], len(t.rows[key]) - 1) > 0:
                # its digits also read as one value fewer and a blank, like the table's other rows:
                # "1010002" may be 10,1,0,0,0,2 and a blank as well as 1,0,1,0,0,0,2 (whose total
                # holds by chance), "10 0 0 0 0 1" 10,0,0,0,0,1 and a blank
                reasons[key] = (f"'{' '.join(tok.text for tok in t.hits[key])}': may be {_ONE_SHORT}, like the "
                                "table's rows that leave their blank 总计 out; not read")
                del cands[key]
        split_rows = split_rows & cands.keys()
    # rows with hundreds of readings, chosen by their own total: with so many, one can meet the
    # total by chance ("0|70|2|87141|0|0|87211" printed 2 off reads 0|7028|71|4|100|8|7211), so
    # the table's other identities must not contradict it
    long_rows = frozenset(k for k in cands if counts[k] > _CHANCE_READINGS)
    res = solve(cands, identities, split_rows=split_rows,
                guessed_rows=(split_rows if spaced else frozenset()) | long_rows)
    specs_r, specs_c = SPECS[t.table], {AD: AD_COLS, APP: APP_COLS, RL: RL_COLS}[t.table]
    for key, cols in t.rows.items():
        row_spec = spec_by_key(specs_r, key) if t.table != RL else spec_by_key(RL_ROWS, key)
        pieces = res.cells.get(key) or [None] * len(cols)
        printed = " ".join(tok.text for tok in t.hits[key])
        why = reasons.get(key) or f"'{printed}': {res.reasons.get(key, 'undetermined')}"
        for col, p in zip(cols, pieces, strict=True):
            full = f"{t.table}.{key}.{col}"
            if p is None:
                out.undetermined[full] = why
                continue
            col_spec = spec_by_key(specs_c, col)
            # a unit belongs to numbers only (as in HTML tables): "不涉及" under 万元 has none
            unit = p.unit or t.units.get(key, {}).get(col) or col_spec.unit if p.kind == "number" else p.unit
            out.cells.append(Cell(t.table, key, col, p.value, "" if p.kind == "blank" else (raw(p.start, p.end) or p.raw), p.kind,
                                  unit, row_spec.label, col_spec.label, t.template))


_ONE_SHORT = "one value short"


def _meets_with_a_blank(tokens: list[Token], cols: list[str], own: Sequence[Identity]) -> bool:
    """Does the row, read as one value fewer than its cells with a blank (counted 0) put among
    them, meet its own identities?"""
    n = len(cols)
    try:
        short = fit(tokens, n - 1, (True,) * (n - 1))
    except TooManySplits:
        return False
    for cand in short[:2000]:
        for j in range(n):
            row = (*cand[:j], Piece("", 0.0, "number", None, 0, 0), *cand[j:])
            if any(p.signed and c not in _SIGNED_COLS for p, c in zip(row, cols)):
                continue
            if not any(fails(i, {"_row": row}) for i in own):
                return True
    return False
NO_FIT = "cannot be read as"


def _short_rows(t: GluedTable, cands: dict[str, list[tuple[Piece, ...]]]) -> int:
    """Rows left without a reading that still read as fewer cells than they have, or found with
    no value at all: the table drops blank cells (总计 printed blank on detail rows, as Shanghai
    does; a blank 行政许可). Rows set aside above as one value short count too."""
    return sum(1 for k, cols in t.rows.items() if k not in cands
               and (not t.hits[k] or any(count_row_splits(t.hits[k], n) > 0 for n in range(1, len(cols)))))


def prints_blanks(res: TableResult) -> bool:
    """Does the page print blank cells: a blank read, or rows left undetermined for holding one
    value fewer than their cells (or fitting no cell count)?"""
    return any(c.value_kind == "blank" for c in res.cells) or \
        any(_ONE_SHORT in why or NO_FIT in why for why in res.undetermined.values())


def emitted(emit: Callable[[TableResult], None], table: str, template: str) -> TableResult:
    res = TableResult()
    emit(res)
    res.templates_by_table[table] = template
    return res


def take_best(readings: list[TableResult], table: str, out: TableResult) -> None:
    """One table read twice: with the columns in the order its header prints them (only when
    the header names each column cleanly, `flat_headers`), and in the template's order. The
    reading that leaves fewer cells undetermined and identities failing wins; on a tie (the
    identities cannot tell columns that sum alike apart) the printed header decides."""
    def cost(r: TableResult) -> int:
        return len(r.undetermined) + len(strict_failures(identity_checks(r.cells, r.templates_by_table)))

    best = min(readings, key=cost)  # the header's reading on a tie
    if best is readings[0] and len(readings) > 1:
        out.warnings.append(f"{table}: columns read in the order the header prints them")
    out.cells += best.cells
    out.undetermined.update(best.undetermined)


def app_identities(rows: tuple[str, ...], order: tuple[str, ...] = APP_COL_ORDER) -> list[Identity]:
    """schema.md identities of table 三 over column indices, the columns in printed `order`."""
    at = {col: i for i, col in enumerate(order)}
    applicants = [at[c] for c in APP_COL_ORDER if c != "total"]
    ids = [Identity(f"applications.row_total.{r}", ((r, at["total"], 1), *((r, c, -1) for c in applicants)))
           for r in rows]
    results = rows[rows.index("granted"): rows.index("results_total")]
    for col in APP_COL_ORDER:
        c = at[col]
        ids.append(Identity(f"applications.balance.{col}", (("new_received", c, 1), ("carried_over", c, 1),
                                                             ("results_total", c, -1),
                                                             ("carried_forward", c, -1))))
        ids.append(Identity(f"applications.results_total.{col}",
                            (("results_total", c, 1), *((r, c, -1) for r in results))))
    return ids
