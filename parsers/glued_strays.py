"""Rows of a glued table whose label matches no template row: reported, never read, never dropped.

`glued.py` finds a table's rows as a chain of template labels; each row's values stop at the first
text that is not a value. A row the template does not have — renamed ("（六）其他依申请公开处理"),
misspelt beyond every alias, of the other template version, or invented by the site — sits in the
gap between two rows of the chain, its label followed by its digits. Its digits belong to no row
of the template, so they are not read; the row goes to `unknown_labels` (in the pipe and
one-cell-per-line readers' format), which the report's status reason names.

Not every label-and-digits pair in a gap is such a row. The gaps of real pages also hold group
labels ("（三）不予公开"), a header repeated after a page break, block captions, headings, prose,
footnotes, dates and page chrome. A pair counts as a row only when
- its digits read as exactly as many cells as a row of the table there has (seven in table 三;
  the cells of the row above or below in table 二), and end where a row ends (not in "第2页",
  "2023年", "12件，");
- its label is short, has no sentence punctuation (prose, "注：…"), is no footnote and is not made
  only of the words of `templates.non_row_words` (header and caption words, headings). A header
  printed right before a row's label is cut off it. Two exceptions: a sub-row's lead and colon
  ("其中：网上申请", `templates.SUB_ROW_LEADS`) followed by bare values is a row, not a sentence;
  a header word that is also a row's label, numbered ("3.其他" after 2019's （六）其他处理), is a
  row, not the header's column 其他. Group labels carry no values of their own; one
  printed with a row of values is a subtotal row the template lacks, and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .glued_scan import LABEL_NUMBERS, Doc, Hit
from .model import TableResult
from .splits import TooManySplits, count_row_splits, total_last_candidates
from .templates import (
    AD_LAYOUT,
    AD_ROWS,
    APP_COL_ORDER,
    APP_GROUPS,
    APP_ROW_ORDER,
    APP_ROWS,
    FOOTNOTE_MARKS,
    NON_ROW_PATTERNS,
    ROW_LIKE_HEADER_WORDS,
    SUB_ROW_LEADS,
    match_spec,
    non_row_words,
)
from .text import clean_ws, label_key, strip_numbering
from .value_tokens import Token, read_value_tokens

AD, APP = "active_disclosure", "applications"

_MAX_LABEL = 60  # the longest template label has 36 characters; a longer "label" is prose
_DIGIT_RE = re.compile(r"\d")
# Sentence punctuation outside brackets: prose or a footnote, not a row label ("本年共收到申请，其中…")
_PROSE_RE = re.compile(r"[。；;！!？?，,：:]")
_BRACKETED_RE = re.compile(r"\([^()]*\)|（[^（）]*）")
# Characters a row's values are never followed by: a date ("2023年"), a page number ("第2页"),
# a clause ("第（1）项"), a sentence going on ("12件，")
_NOT_ROW_END = frozenset("年月日号时岁页项条款期批版倍)）]】，,。；;：:")
# …nor preceded by: "第2页", "共5页", "(1)", "约3"
_NOT_ROW_START = frozenset("第共约近达(（[【")
_OUTLINE_RE = re.compile(r"\s*[.、．]\s*(?=\D)|\)")  # after "4" of "4.其他情形", "(4)其他情形"
_SKIP_PUNCT = frozenset("()（）[]【】:：,，、.．/|-—")
_CLOSING_PUNCT = frozenset(")）]】:：,，、/|")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# "其中:网上申请" (normalised): a sub-row's lead and colon, the sub-row's name after it
_SUB_ROW_RE = re.compile(rf"(?:{'|'.join(sorted(SUB_ROW_LEADS, key=len, reverse=True))})[:：]\s*(?=.*[\u4e00-\u9fff].*[\u4e00-\u9fff])")
_PLAIN_VALUE_RE = re.compile(r"\d+|[/—]+")
# a header word that is also a row's label, after an outline number ("3.其他", "(3)其他")
_NUMBERED_WORD_RE = re.compile(rf"(?:(?<!\d)\d{{1,2}}\.|\(\d{{1,2}}\))(?:{'|'.join(sorted(ROW_LIKE_HEADER_WORDS))})$")
_GROUP_WORDS = tuple(sorted({strip_numbering(label_key(g.label)) for g in APP_GROUPS}, key=len, reverse=True))


@dataclass(frozen=True)
class Stray:
    """A label-and-values pair in a gap of the chain. `why` is None for a row, else why it is not one."""

    label: str  # the label as printed (original text, whitespace collapsed)
    start: int  # normalised offsets: where the pair starts (a header before the label included), the values' end
    end: int
    why: str | None


def _pairs(s: str, a: int, b: int) -> Iterator[tuple[int, int, list[Token]]]:
    """(label start, values start, tokens) for each run of values in s[a:b], the label being the
    text since the previous run. An outline number ("4." of "4.其他情形") is part of the label."""
    label_at = i = a
    while (m := _DIGIT_RE.search(s, i, b)) is not None:
        tokens = read_value_tokens(s, m.start(), b, skip_label=False)
        if not tokens:
            i = m.end()
            continue
        end = tokens[-1].end
        if _OUTLINE_RE.match(s, end, b):
            if len(tokens) == 1 and end - m.start() <= 2:
                i = end  # an outline number ("4." of "4.其他情形"): the label goes on
                continue
            if end - tokens[-1].start > 1 and s[end - 1].isdigit():
                # the next label's outline number glued to these digits ("30000032.重复申请")
                end -= 1
                tokens = read_value_tokens(s, m.start(), end, skip_label=False)
                if not tokens:
                    i = end
                    continue
        yield label_at, m.start(), tokens
        label_at = i = end


def _header_prefix_end(s: str, a: int, b: int, table: str) -> int:
    """Where the label in s[a:b] starts past a header, caption or heading printed before it
    ("第二十条第(八)项信息内容本年收费金额(单位:万元)行政给付": at 行政给付). A word that is also a
    row's label ("其他", "总计") is skipped only after other header words ("…法律服务机构其他")."""
    words = non_row_words(table)
    i = label = a
    while True:
        while i < b and (s[i].isspace() or s[i] in _SKIP_PUNCT):
            i += 1
        m = next((m for rx in NON_ROW_PATTERNS if (m := rx.match(s, i, b))), None)
        step = m.end() - i if m else next((len(w) for w in words if s.startswith(w, i)
                                          and (label > a or w not in ROW_LIKE_HEADER_WORDS)), 0)
        if not step or i + step > b:
            break
        i = label = i + step
    while label < b and (s[label].isspace() or s[label] in _CLOSING_PUNCT):
        label += 1  # "(单位:万元)行政给付": the bracket the header opened
    return label


def _numbered_row_word(key: str) -> bool:
    """Is the label (`label_key` form) a row word that is also a header word, with an outline
    number ("3.其他", "三.本年度办理结果3.其他"), after nothing but group labels? Numbered, it is
    a row; "其他" alone is the header's column.

    >>> _numbered_row_word("3.其他"), _numbered_row_word("三.本年度办理结果3.其他"), _numbered_row_word("其他")
    (True, True, False)
    >>> _numbered_row_word("法律服务机构6.其他"), _numbered_row_word("13其他")
    (False, False)
    """
    m = _NUMBERED_WORD_RE.search(key)
    if not m:
        return False
    before = strip_numbering(key[: m.start()])
    for word in _GROUP_WORDS:
        before = before.replace(word, "")
    return not strip_numbering(before)


def _not_a_row(s: str, label_at: int, values_at: int, tokens: list[Token], sizes: Sequence[int],
               table: str) -> tuple[str | None, int]:
    """Why the pair is not a table row (None when it looks like one), and where its label starts
    past any header printed before it."""
    if not any(count_row_splits(tokens, n) > 0 for n in sizes):
        return "values of another size than the table's rows", label_at
    if table == APP and any(c in tok.text for tok in tokens for c in "+-."):
        return "signed or decimal values, which table 三 never prints", label_at  # "2023-12-31", "0371-6234567"
    after = s[tokens[-1].end: tokens[-1].end + 4].lstrip()[:1]  # past the gap: the next label took a ","
    if after in _NOT_ROW_END:
        return f"values followed by {after!r}", label_at
    raw = s[label_at: values_at].strip()
    if not raw or raw[-1] in _NOT_ROW_START:
        return ("no label before the values" if not raw else f"values after {raw[-1]!r}"), label_at
    cut = _header_prefix_end(s, label_at, values_at, table)
    label = s[cut: values_at].strip()
    bare = _BRACKETED_RE.sub("", label)
    if (sub := _SUB_ROW_RE.match(bare)) and all(_PLAIN_VALUE_RE.fullmatch(tok.text) for tok in tokens):
        bare = bare[sub.end():]  # "其中:网上申请" and a row of bare values: a sub-row, not a sentence
    if len(label) > _MAX_LABEL or _PROSE_RE.search(bare):
        return "prose", cut
    key = strip_numbering(label_key(label))
    if key.startswith(FOOTNOTE_MARKS):
        return "a footnote", cut
    # the label's outline number, glued to the values before it ("00000003.其他": "3.其他")
    if _numbered_row_word(label_key(s[cut - 1] + label if label[:1] in ".、" and cut and s[cut - 1].isdigit() else label)):
        return None, cut  # "3.其他": a numbered row, not the header's column 其他
    for rx in NON_ROW_PATTERNS:
        key = rx.sub("", key)
    for word in non_row_words(table):
        key = key.replace(word, "")
    if len(_HAN_RE.findall(strip_numbering(key))) < 2:
        return "header, caption or heading words only", cut
    return None, cut


def _meets_total(tokens: list[Token], n: int) -> bool | None:
    """Does a reading of one glued run as n cells have its last cell the sum of the others (None:
    not one plain run, or too many readings to tell)?"""
    try:
        found = total_last_candidates(tokens, n)
    except TooManySplits:
        return None
    return None if found is None else bool(found)


def stray_rows(doc: Doc, table: str, template: str, hits: Sequence[Hit]) -> list[Stray]:
    """The label-and-values pairs in the gaps between the chain's rows, rows or not (`Stray.why`)."""
    s = doc.s
    out = []
    for h, nxt in zip(hits, hits[1:]):
        if table == APP:
            sizes: tuple[int, ...] = (len(APP_COL_ORDER),)
        else:
            sizes = tuple({len(AD_LAYOUT[template].get(k, ())) for k in (h.key, nxt.key)} - {0})
        for n, (at, values_at, tokens) in enumerate(_pairs(s, h.value_end, nxt.label_start)):
            if n == 0 and not h.tokens:
                continue  # the row above printed no values after its label: these may be its own
            why, label_at = _not_a_row(s, at, values_at, tokens, sizes, table)
            # an outline number the row above took with its digits ("3.其他00000004.其他情形…")
            shown = label_at - 1 if label_at == at and s[at: at + 1] in (".", "、") and at > 0 \
                and s[at - 1].isdigit() else label_at
            out.append(Stray(clean_ws(doc.raw(shown, values_at)), at, tokens[-1].end, why))
    return out


def report_stray_rows(doc: Doc, table: str, template: str, hits: list[Hit], out: TableResult) -> list[Hit]:
    """Report the rows between the chain's rows that are no row of the template in
    `out.unknown_labels`; their values are left unread (the rows around them never took them).
    A row of the template printed there (out of order, or again) is a warning: its label is known.

    Returns `hits`, a row's tokens given back its last digit when that is the outline number of
    the unknown row after it ("3.其他00000004.其他情形": 0000000 is 3.其他's, "4" starts the next)."""
    specs, keys = (APP_ROWS, APP_ROW_ORDER[template]) if table == APP else (AD_ROWS, tuple(AD_LAYOUT[template]))
    s = doc.s
    by_end = {h.value_end: i for i, h in enumerate(hits) if h.tokens}
    hits = list(hits)
    for stray in stray_rows(doc, table, template, hits):
        if stray.why is not None:
            continue
        spec = match_spec(stray.label, specs)
        if spec is None:
            out.unknown_labels.append(f"{table} row: {stray.label}")
        elif spec.key not in keys:
            out.unknown_labels.append(f"{table} row {spec.key} does not belong to template {template}")
        else:
            out.warnings.append(f"{table}: row {spec.key} printed again or out of the template's order "
                                f"('{stray.label}'); not read")
        i = by_end.get(stray.start)
        if i is not None and s[stray.start] in ".、" and s[stray.start - 1].isdigit():
            h = hits[i]
            trimmed = read_value_tokens(s, h.kw_end, stray.start - 1)
            n = len(APP_COL_ORDER) if table == APP else len(AD_LAYOUT[template].get(h.key, ()))
            number = LABEL_NUMBERS.get((table, h.key))
            # the digit is the unknown row's outline number when it follows the row's own ("3.其他"
            # then "4."), when the run reads as the row's cells only without it ("00000002"), or
            # when only without it does a reading meet table 三's row total ("10000013.其他")
            if trimmed and (number and s[stray.start - 1] == str(int(number) + 1)
                            or count_row_splits(h.tokens, n) == 0 < count_row_splits(trimmed, n)
                            or table == APP and _meets_total(h.tokens, n) is False and _meets_total(trimmed, n)):
                hits[i] = Hit(h.key, h.label_start, h.kw_start, h.kw_end, trimmed)
    return hits
