"""Table 四 of glued text: where its one run of 15 values is, and that run into cells.

Table 四 prints no row labels between its values: after its three-row header comes one run of
15 values, the blocks 行政复议, 未经复议直接起诉, 复议后起诉 of five result columns each (or the
行政复议 block alone, five values; or the table turned, one line per block). `review_run` finds the
run and reads the header's column and block order; `emit_review` reads the run's cells, checked by
the three block totals (`rl_identities`). On a page that prints blank cells a run that adds up only
with a blank left out is undetermined, since a source error and a dropped blank cannot be told
apart. Its own module because table 四 is one run, not rows of labels, and is found and read apart
from tables 二 and 三 (`glued.py`, `glued_rows.py`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from .flat_headers import RL_COL_RX, header_words, rl_block_order, rl_columns
from .glued_layout import each_one_cell, printed_apart, splits_a_number
from .glued_rows import NO_FIT, RL, fit, own_identities
from .glued_scan import LABEL_RX, MAX_ANCHORS, WINDOW
from .model import Cell, TableResult
from .solver import Identity, fails, solve
from .splits import TooManySplits
from .templates import RL_COL_ORDER, RL_COLS, RL_ROW_ORDER, RL_ROWS, spec_by_key
from .value_tokens import Piece, Token, read_value_tokens

_DIGIT_RE = re.compile(r"\d")
# Where table 四's values start after its header: a digit, a blank cell of a one-cell-per-line copy,
# or an NA mark ("/", "—") — a first cell printed blank or "/" is still the first cell.
_RL_VALUE_RE = re.compile(r"[\d\u2400/—－]|(?:-|–|―|─|×)(?!\d)")


def review_run(s: str, start: int) -> tuple[list[Token], int, tuple[str, ...], tuple[str, ...]] | None:
    """Table 四's values: the run of value tokens right after its header (行政复议 … 总计 ×3),
    where it starts, the result columns and the blocks in the header's order."""
    for m in itertools.islice(LABEL_RX[(RL, "review")].finditer(s, start), MAX_ANCHORS):
        d = _RL_VALUE_RE.search(s, m.end(), min(len(s), m.end() + WINDOW))
        if not d:
            continue
        header = s[m.end(): d.start()]
        if not (RL_COL_RX["upheld"].search(header) and RL_COL_RX["total"].search(header)
                and RL_COL_RX["pending"].search(header)):
            continue
        tokens = read_value_tokens(s, d.start(), len(s), skip_label=False)
        blocks = None
        if tokens and not LABEL_RX[(RL, "suit_direct")].search(header):
            # no 行政诉讼 block named before the values: the table is turned, one line per
            # block ("行政复议 4 2 1 3 10 / 行政诉讼（未经复议直接起诉） 2 0 1 1 4 / …")
            turned = _transposed_review(s, header, tokens)
            at = header.find("情况", 0, 16)  # the section heading's "…行政复议、行政诉讼情况" is not the header
            if turned is None and len(tokens) == 5 and "诉讼" not in header_words(header[at + 2:] if at >= 0 else header) \
                    and all(RL_COL_RX[c].search(header) for c in RL_COL_ORDER):
                # the 行政复议 block printed alone (its 行政诉讼 table is an image, or left out):
                # five values under a header naming that block and its five columns
                blocks = ("review",)
            tokens = turned or tokens
        if tokens:
            return tokens, m.start(), rl_columns(header), blocks or _block_order(header)
    return None


def _block_order(header: str) -> tuple[str, ...]:
    """The blocks in the order the header prints their values (行政诉讼 first, 复议后起诉 before
    直接起诉 on some pages); the section heading's own "…行政复议、行政诉讼情况" is not the header."""
    at = header.find("情况", 0, 16)
    return rl_block_order(header[at + 2:] if at >= 0 else header) or RL_ROW_ORDER


def _transposed_review(s: str, header: str, first: list[Token]) -> list[Token] | None:
    """The three block lines of a transposed table 四, read one after the other into one run of
    15 tokens; None unless the header names all five columns and both 行政诉讼 blocks follow
    with five values each."""
    tokens, at = list(first), first[-1].end
    if len(first) != 5 or not all(RL_COL_RX[c].search(header) for c in RL_COL_ORDER):
        return None
    for block in RL_ROW_ORDER[1:]:
        m = LABEL_RX[(RL, block)].search(s, at, at + 24)  # the block's label, "行政诉讼(" before it
        if m is None or _DIGIT_RE.search(s, at, m.start()):
            return None
        more = read_value_tokens(s, m.end(), len(s))
        if len(more) != 5:
            return None
        tokens += more
        at = more[-1].end
    return tokens


def _blank_makes_it_add_up(tokens: list[Token], cells: Sequence[Piece | None], order: tuple[str, ...]) -> bool:
    """Do the table 四 cells read fail a block total that some reading of the run as 14 values
    and one blank cell meets?"""
    ids = rl_identities(order)
    read = {"_run": tuple(cells)}
    if any(p is None for p in cells) or not any(fails(i, read) for i in ids):
        return False
    try:
        shorter = fit(tokens, 14, (False,) * 14, ())
    except TooManySplits:
        return False
    blank = Piece("", None, "blank", None, 0, 0)
    for cand in shorter:
        for at in range(15):
            filled = (*cand[:at], blank, *cand[at:])
            if not any(fails(i, {"_run": filled}) for i in ids):
                return True
    return False


def _blanks_make_it_add_up(tokens: list[Token], cells: Sequence[Piece | None], order: tuple[str, ...]) -> bool:
    """Does some reading of the run with one to three blank cells left out (its tokens one cell
    each as printed, or cut fewer times) meet the block totals (a blank counted as 0) and differ
    from `cells`? Each block is checked on its own: a block's five cells are some of the reading's
    values with blanks put among them. Too many readings to look at: assumed so.

    Only for a run of 12 to 14 tokens, a run printed cell by cell with up to three blanks left
    out. A run of fewer tokens is glued and its spaces are padding (Pingtan's "21361132000000
    1113226"): a blank there would not print as one token fewer."""
    if not 12 <= len(tokens) <= 14:
        return False
    totals = [(order[b * 5: b * 5 + 5] if len(order) == 15 else order).index("total") for b in range(3)]

    def holds(block: tuple[Piece | None, ...], b: int) -> bool:
        vals = [0.0 if p is None else p.value for p in block]
        if any(v is None for v in vals):
            return True  # an NA or text cell: the total cannot fail
        return abs(2 * vals[totals[b]] - sum(vals)) < 1e-6

    def differs(block: tuple[Piece | None, ...], b: int) -> bool:
        return any(c is not None and (p is None or (p.kind, p.value) != (c.kind, c.value))
                   for p, c in zip(block, cells[b * 5: b * 5 + 5]))

    looked = 0
    for k in range(1, min(3, 15 - len(tokens)) + 1):
        try:
            shorter = fit(tokens, 15 - k, (False,) * (15 - k), ())
        except TooManySplits:
            return True
        for cand in shorter:
            looked += 1
            if looked > 1500:
                return True
            for ks in itertools.product(range(k + 1), repeat=3):
                if sum(ks) != k:
                    continue
                at, options = 0, []
                for b, kb in enumerate(ks):
                    vals = cand[at: at + 5 - kb]
                    at += 5 - kb
                    opts = []
                    for where in itertools.combinations(range(5), kb):
                        it = iter(vals)
                        block = tuple(None if j in where else next(it) for j in range(5))
                        if holds(block, b):
                            opts.append(differs(block, b))
                    options.append(opts)
                if all(options) and any(any(o) for o in options):
                    return True
    return False


def rl_identities(order: tuple[str, ...] = RL_COL_ORDER) -> list[Identity]:
    """Each block's total over the run's 15 cells; `order` is the five result columns of every
    block, or fifteen when the blocks print them differently."""
    ids = []
    for b, r in enumerate(RL_ROW_ORDER):
        cols = order[b * 5: b * 5 + 5] if len(order) == 15 else order
        total = cols.index("total")
        ids.append(Identity(f"review_litigation.total.{r}", (("_run", b * 5 + total, 1),
                                                             *(("_run", b * 5 + i, -1) for i, c in enumerate(cols)
                                                               if c != "total"))))
    return ids


def emit_review(raw: Callable[[int, int], str], tokens: list[Token], template: str, out: TableResult,
                 order: tuple[str, ...] = RL_COL_ORDER, blocks: tuple[str, ...] = RL_ROW_ORDER,
                 blanks_seen: bool = False, glued_page: bool = False) -> None:
    """Table 四's one run of 15 values. `blanks_seen`: the page's other tables print blank cells
    (rows one value short): a blank left out of this run is then as likely as a source error.
    `glued_page`: see `GluedTable`. `blocks` of one block (("review",)): the table printed as its
    行政复议 block alone, five values."""
    printed = " ".join(t.text for t in tokens)
    n = 5 * len(blocks)
    keys = [(blocks[i // 5], order[i] if len(order) == 15 else order[i % 5]) for i in range(n)]
    ids = rl_identities(order)[: len(blocks)]
    why = ""
    cells: list[Piece | None] = [None] * n
    try:
        cands = fit(tokens, n, (False,) * n, own_identities(ids, "_run"))
    except TooManySplits as e:
        cands, why = [], f"'{printed}': too many readings ({e}); not enumerated"
    # values printed apart but fewer than 15 ("3 1 0 2 6 14 0 2 1 17 0 0 0 0", a blank left out, or
    # "… 0 6 7 417", two cells glued): cutting a number is a guess the block totals must confirm
    # On a glued page a run with a few spaces ("00 0 0 21 11 3601102", &nbsp; padding) that
    # splits only one way is read as printed, like a fully glued one (unless a blank left out
    # would make its totals hold, below). On a page printing its
    # cells apart a run with one glued pair ("5 5 0 0 10 00 0 …") may as well have a blank left
    # out: cutting its numbers stays a guess.
    guess = frozenset({"_run"}) if printed_apart(tokens) and splits_a_number(tokens, cands) \
        and (not glued_page or each_one_cell(tokens) or len(cands) > 1) else frozenset()
    if cands:
        res = solve({"_run": cands}, ids, split_rows=guess)
        cells = res.cells["_run"]
        why = f"'{printed}': {res.reasons.get('_run', '')}"
        # a blank may be left out where the page prints blanks, or where its run is padded with
        # spaces (a Word cell left blank holds an &nbsp; too, and prints as padding does)
        maybe_blank = blanks_seen or (glued_page and printed_apart(tokens))
        read = n == 15 and any(p is not None for p in cells)
        if maybe_blank and read and _blank_makes_it_add_up(tokens, cells, order):
            # read as 15 cells the block totals fail, but with a blank cell left out of the run
            # they hold ("3205 1000000 2518" is 3,2,0,5,10 | 0×5 | 2,5,1,_,8): on a page that
            # prints blank cells, a source error and a dropped blank cannot be told apart. (Pages
            # printing every zero, as Pingtan's do, keep the reading as printed: inconsistent.)
            cells = [None] * n
            why = (f"'{printed}': the block totals fail when read as 15 cells and hold with a blank cell "
                   "left out; cannot tell which")
        elif guess and read and _blanks_make_it_add_up(tokens, cells, order):
            # a run printed cell by cell and short of 15 values ("0 0 0 11 0 0 0 11 0 0 0 0 0"):
            # cutting its numbers (1|1) meets the block totals, and so does leaving blank cells out
            # of it (a copy that drops empty cells): nothing says which
            cells = [None] * n
            why = (f"'{printed}': printed apart and short of 15 values; cutting a number meets the block "
                   "totals, and so do blank cells left out; cannot tell which")
        elif blanks_seen and n == 15 and all(p is not None for p in cells) \
                and any(fails(i, {"_run": tuple(cells)}) for i in ids):
            # on a page that prints blank cells, totals that fail may hide two blanks or more
            cells = [None] * n
            why = (f"'{printed}': the block totals fail when read as 15 cells, on a page that leaves "
                   "blank cells out; cannot tell a source error from blanks")
    elif not why:
        why = f"'{printed}' {NO_FIT} {n} cells"
    for (r, c), p in zip(keys, cells, strict=True):
        if p is None:
            out.undetermined[f"{RL}.{r}.{c}"] = why
            continue
        cs = spec_by_key(RL_COLS, c)
        out.cells.append(Cell(RL, r, c, p.value, "" if p.kind == "blank" else (raw(p.start, p.end) or p.raw), p.kind, p.unit,
                              spec_by_key(RL_ROWS, r).label, cs.label, template))
