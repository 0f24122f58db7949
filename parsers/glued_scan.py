"""Finding a glued table's row labels in flattened text: one normalised pass over the text, then
the template's row labels searched in order (`glued.py` reads the values between them).

The normalised text (NFKC, Simplified, spaces unified, leaked Word comments and document numbers
blanked) keeps an offset map back to the original, so every cell's `value_raw` is the text as
printed. A table's rows are found as a chain: each row label within `WINDOW` characters of the
previous one, started from one of the first three rows' occurrences, the chain covering most rows
(and, among those, the most compact) winning.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from .flat_headers import kw, spec_regex
from .glued_rows import SPECS
from .templates import Spec
from .text import _SPACES, _T2S, _ZERO_WIDTH, nfkc
from .value_pieces import token_of_run
from .value_tokens import Token, read_value_tokens

WINDOW = 400  # max distance from one row label to the next (block headers of 二 sit between)
MAX_ANCHORS = 40  # occurrences of a table's first labels tried as its start
_LABEL_NUMBER_RE = re.compile(r"^(\d{1,2})[.、]")
# an outline number's mark and the label after it ("2.部分公开", "3、不予公开")
_OUTLINE_NEXT_RE = re.compile(r"[.、．]\s*[\u4e00-\u9fa5(（]")
_VALUE_MARKS = frozenset("/—-–―─×+\u2400")  # NA marks and signs end a label walk-back: they are values

# Word's conditional comments leak into text exports ("<!--[if !supportLists]-->"), sometimes
# escaped; entities survive some exporters. Comments render as nothing, entities as a space.
_DROP_RE = re.compile(r"<!--.*?-->|&lt;!--.*?--&gt;|&(?:nbsp|ensp|emsp|#160);?", re.S | re.I)
_DOC_NUMBER_RE = re.compile(r"[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*(?:第\s*)?\d{0,5}\s*号?")


# ---------------------------------------------------------------------------- normalisation
_CHAR_CACHE: dict[str, str] = {}
# Super- and subscript digits: NFKC makes them digits that would glue to the cell before them.
_SCRIPT_DIGITS = frozenset(map(chr, [0xB2, 0xB3, 0xB9, 0x2070, *range(0x2074, 0x207A), *range(0x2080, 0x208A)]))
# Numbering marks NFKC makes digits ("①" 1, "⒈" "1.", "㉑" 21): a row's number before its label,
# but next to a digit a footnote mark ("申请数量①5", "5㉑"), never digits of the cell ("1.5", "521").
_NUMBER_MARK_BY_DIGIT_RE = re.compile(
    "[\u2460-\u249b\u24ea\u3251-\u325f\u32b1-\u32bf\U0001f100-\U0001f10a](?=[0-9\uff10-\uff19])"
    "|(?<=[0-9\uff10-\uff19])[\u2460-\u249b\u24ea\u3251-\u325f\u32b1-\u32bf\U0001f100-\U0001f10a]")
_WS = frozenset(_SPACES)
_ZW = frozenset(_ZERO_WIDTH)


def _norm_char(ch: str) -> str:
    out = _CHAR_CACHE.get(ch)
    if out is None:
        if ch.isspace() or ch in _WS:
            out = " "
        elif ch in _ZW:
            out = ""
        elif "\u2460" <= ch <= "\u2473":  # ① … ⑳ number a row: "2." not a digit to glue
            out = f"{ord(ch) - 0x245F}."
        elif ch == "\u24ea" or "\u3251" <= ch <= "\u325f" or "\u32b1" <= ch <= "\u32bf":  # ⓪, ㉑ … ㊿ alike
            out = nfkc(ch) + "."
        elif ch in _SCRIPT_DIGITS:  # "5²", "7₁": a footnote mark, not a digit glued to the number
            out = "※"
        else:
            out = nfkc(ch).translate(_T2S).replace("\u2212", "-")
            out = "".join(" " if c.isspace() else c for c in out)
        if len(_CHAR_CACHE) < 20_000:
            _CHAR_CACHE[ch] = out
    return out


@dataclass
class Doc:
    """The normalised text and, per normalised character, its offset in the original."""

    original: str
    s: str
    pos: list[int]

    @classmethod
    def of(cls, text: str) -> Doc:
        out: list[str] = []
        pos: list[int] = []
        i = 0
        for m in _DROP_RE.finditer(text):
            cls._copy(text, i, m.start(), out, pos)
            if m.group().startswith("&") and not m.group().startswith("&lt;"):
                out.append(" ")
                pos.append(m.start())
            i = m.end()
        cls._copy(text, i, len(text), out, pos)
        if _NUMBER_MARK_BY_DIGIT_RE.search(text):
            marks = {m.start() for m in _NUMBER_MARK_BY_DIGIT_RE.finditer(text)}
            out = ["※" if p in marks else c for c, p in zip(out, pos)]
        # document numbers ("国办函〔2020〕109号") inside labels and cells are not values: blank
        # them character for character, so offsets into the original stay aligned
        norm = _DOC_NUMBER_RE.sub(lambda m: " " * len(m.group()), "".join(out))
        return cls(text, norm, pos)

    @staticmethod
    def _copy(text: str, a: int, b: int, out: list[str], pos: list[int]) -> None:
        seg = text[a:b]
        mapping = {c: _norm_char(c) for c in set(seg)}
        if all(len(v) == 1 for v in mapping.values()):
            # the common case: every character maps to one character, offsets stay aligned
            out.extend(seg.translate({ord(k): v for k, v in mapping.items()}))
            pos.extend(range(a, b))
            return
        for i in range(a, b):
            for c in mapping[text[i]]:
                out.append(c)
                pos.append(i)

    def raw(self, a: int, b: int) -> str:
        """The original text behind normalised `s[a:b]`."""
        if b <= a:
            return ""
        return self.original[self.pos[a]: self.pos[b - 1] + 1]


# ---------------------------------------------------------------------------- label patterns
def _row_regex(table: str, spec: Spec) -> re.Pattern[str]:
    """`spec_regex` for a row label in running text. A short whole-label form of table 三 ("其他"
    of 3.其他, "合计") is that row only when it is the whole label: not glued to Chinese text on
    either side ("（八）其他依申请处理情形", "其他不予处理情形" are other labels that contain it)."""
    if table != "applications" or not spec.exact:
        return spec_regex(spec)
    alts = [r"[^\d。]{0,20}?".join(kw(w) for w in words) for words in spec.match]
    alts += [r"(?:(?<![\u4e00-\u9fff])|(?<=[一二三四五六七八九十]是))" + kw(w) + r"(?![\u4e00-\u9fff])"
             for w in spec.exact]  # ("三是其他": "一是, 二是, 三是" number items in prose style)
    return re.compile("|".join(f"(?:{a})" for a in alts))


LABEL_RX = {(t, sp.key): _row_regex(t, sp) for t, specs in SPECS.items() for sp in specs}
# the same by keywords only: an exact form ("其他" of 3.其他) matches inside other labels' text
LABEL_WORD_RX = {(t, sp.key): spec_regex(replace(sp, exact=())) for t, specs in SPECS.items() for sp in specs if sp.match}


def _label_number(spec: Spec) -> str | None:
    """The outline number printed before a sub-row label ("2" of "2.其他法律行政法规禁止公开")."""
    m = _LABEL_NUMBER_RE.match(nfkc(spec.label))
    return m.group(1) if m else None


LABEL_NUMBERS = {(t, sp.key): _label_number(sp) for t, specs in SPECS.items() for sp in specs}


# ---------------------------------------------------------------------------- label scanning
@dataclass
class Hit:
    key: str
    label_start: int  # where the label begins, outline number included
    kw_start: int
    kw_end: int
    tokens: list[Token] = field(default_factory=list)

    @property
    def value_end(self) -> int:
        return self.tokens[-1].end if self.tokens else self.kw_end


def glued_row(s: str, h: Hit) -> bool:
    """The row's values are printed glued, not in "|" cells: only a glued row can have dropped a
    blank without a trace (a pipe row's blank cell is an empty cell, and the glued reader sees only
    its first cell)."""
    end = s.find("\n", h.kw_end)
    return "|" not in s[h.kw_end: end if end >= 0 else len(s)]


def unit_after_number(s: str, j: int, lo: int) -> bool:
    """s[j-1] is the unit of a number ("412件", "12.5万元"): it belongs to the value before it."""
    if s[j - 1] not in "件条个项次元笔宗家%":
        return False
    k = j - 2
    if k >= lo and s[k] in "万亿人":
        k -= 1
    return k >= lo and s[k].isdigit()


def label_start(s: str, kw_start: int, lo: int, number: str | None) -> int:
    """Start of the label whose keyword starts at `kw_start`, never before `lo`.

    Walks back over the label text before the keyword ("行政" of "行政规范性文件", "1.属于" of
    "1.属于国家秘密") and takes the expected outline number with it: in "00000002.其他法律…" the "2"
    belongs to the label, not to the previous row's values.
    """
    j = kw_start
    while j > lo and kw_start - j < 40 and not (s[j - 1].isdigit() or s[j - 1].isspace()
                                                 or s[j - 1] in _VALUE_MARKS or unit_after_number(s, j, lo)
                                                 or (s[j - 1] == "无" and s[j] not in "法正")):
        j -= 1  # ("无" starts 无法提供 and 无正当理由; before any other label it is an NA cell)
    if number and j > lo and s[j - 1].isspace():
        # a line break inside the label's first words ("8.属 于行政查询事项") or right after its
        # outline number ("4. 保护第三方…", a Word cell wrapped there): the number a few characters
        # back still starts it, so in "0 04. 保护…" the "0" is the row before's and "4." the label's
        head = s[max(lo, j - 16): j - 1]
        # (a quote or bracket of the label before the break too: "3.危及“ 三安全一稳定”")
        if m := re.search(re.escape(number) + r"[.、．][\u4e00-\u9fa5“”‘’\"'()]{0,10}$", head):
            return max(lo, j - 16) + m.start()
    if number and j < kw_start and s[j] in ".、．" and j - len(number) - 1 >= lo and s[j - 1].isspace() \
            and s[j - len(number) - 1: j - 1] == number:
        # a space between the outline number and its dot ("0 0 0 8 .属于行政查询事项": a page
        # pretty-printed between Word's spans): the "8" still starts the label, not a value
        return j - len(number) - 1
    if number and j < kw_start and s[j] in ".、．" and j - len(number) >= lo and s[j - len(number): j] == number:
        j -= len(number)
        # the number printed twice ("3.3.危及…", a copy-paste slip): both are the label's, the first
        # is no value of the row before
        while j - len(number) - 1 >= lo and s[j - 1] in ".、．" and s[j - len(number) - 1: j - 1] == number:
            j -= len(number) + 1
    return j


_Found = tuple[str, int, int, int]  # a row's key, label start, keyword start and end


def scan(s: str, table: str, order: tuple[str, ...], i0: int, start: int, end: int,
          memo: dict[tuple[int, int], list[Token]] | None = None,
          chains: dict[tuple[int, int], list[_Found]] | None = None) -> list[Hit]:
    """Find the rows `order[i0:]` in sequence from `start`, each within WINDOW of the previous.

    `memo` keeps the value tokens per (start, end) span and `chains` the rows found from each
    (row index, position): chains started from different anchors meet the same rows, and from
    there on they find the same ones."""
    found: list[_Found] = []
    seen: list[tuple[tuple[int, int], int]] = []  # each state passed, and how many rows were found before it
    pos = start
    for i, key in enumerate(order[i0:], i0):
        if chains is not None:
            if (i, pos) in chains:
                found += chains[(i, pos)]
                break
            seen.append(((i, pos), len(found)))
        m = next((m for m in LABEL_RX[(table, key)].finditer(s, pos, min(end, pos + WINDOW))
                  if not in_remark(s, pos, m.start(), m.end()) and not _column_header(s, table, m.end())), None)
        if not m:
            continue
        if any((n := LABEL_WORD_RX[(table, nxt)].search(s, pos, m.start())) and row_values_at(s, n.end(), m.start())
               for nxt in order[i + 1: i + 3] if (table, nxt) in LABEL_WORD_RX):
            # one of the next rows comes first, with its values: this row is not printed here
            # (table 三 without its （六） rows: "3.其他" found further down, past （七）总计 and
            # 结转下年度), so taking it would skip the rows that are
            continue
        # the label starts after the previous row's keyword (`pos`), or after the anchor
        found.append((key, label_start(s, m.start(), pos, LABEL_NUMBERS[(table, key)]), m.start(), m.end()))
        pos = m.end()
    if chains is not None:
        for state, k in seen:
            chains[state] = found[k:]
    hits = [Hit(*f) for f in found]
    for j, h in enumerate(hits):
        gap_end = hits[j + 1].label_start if j + 1 < len(hits) else min(end, h.kw_end + WINDOW)
        if memo is None:
            h.tokens = read_value_tokens(s, h.kw_end, gap_end)
            continue
        span = (h.kw_end, gap_end)
        if span not in memo:
            memo[span] = read_value_tokens(s, h.kw_end, gap_end)
        h.tokens = list(memo[span])
    return hits


_COLUMN_HEADER_RE = re.compile(r"\s*(?:商业企业|科研机构|社会公益|法律服务|申请人情况|自然人|法人或其他组织)")


def _column_header(s: str, table: str, i: int) -> bool:
    """Is the label word ending at `i` a column of table 三's header ("总计" before "商业企业…")?
    A table 三 cut in two by a page break repeats its header between two rows: its 总计 is not
    the （七）总计 row, and the row after the header would read as that row's values."""
    return table == "applications" and _COLUMN_HEADER_RE.match(s, i) is not None


def in_remark(s: str, lo: int, a: int, b: int) -> bool:
    """Is s[a:b] inside a bracketed remark opened after `lo`? The official 部分公开 label carries
    "(区分处理的,只计这一情形,不计其他情形)", and reports add "(不含部分公开)" to 予以公开 or
    "(不含结转下年度)" to 总计: a row's words in a remark name that row, they do not print it.

    >>> s = "(一)予以公开(不含部分公开)12 0 (二)部分公开 3"
    >>> in_remark(s, 7, s.find("部分"), s.find("部分") + 4), in_remark(s, 7, s.rfind("部分"), s.rfind("部分") + 4)
    (True, False)
    """
    opened = s.rfind("(", lo, a)
    if opened < 0 or any(c == ")" or c.isdigit() for c in s[opened + 1: a]):
        return False
    closed = s.find(")", b, b + 40)
    return closed >= 0 and not any(c == "(" or c.isdigit() for c in s[b:closed])


def row_values_at(s: str, i: int, end: int) -> bool:
    """Do values follow a label ending at `i`? A number glued to the next label's text ("1.申请人…")
    is that label's outline number, not a value."""
    tokens = read_value_tokens(s, i, end)
    return bool(tokens) and s[tokens[0].end: tokens[0].end + 1] not in (".", "、", "．")


def best_chain(s: str, table: str, order: tuple[str, ...], start: int, end: int) -> list[Hit]:
    """The run of row labels with values that covers most rows, started from one of the first
    three rows' occurrences. A narrative mention just before the table ("规章制度类信息4条") chains
    into the real rows too, so among chains covering as many rows the most compact one wins."""
    best: list[Hit] = []
    best_score: tuple[int, int] = (0, 0)
    memo: dict[tuple[int, int], list[Token]] = {}
    chains: dict[tuple[int, int], list[_Found]] = {}
    for i0 in range(min(3, len(order))):
        for m in itertools.islice(LABEL_RX[(table, order[i0])].finditer(s, start, end), MAX_ANCHORS):
            if not read_value_tokens(s, m.end(), min(end, m.end() + 120)):
                continue
            hits = scan(s, table, order, i0, m.start(), end, memo, chains)
            score = (sum(1 for h in hits if h.tokens), hits[0].label_start - hits[-1].kw_end)
            if score > best_score:
                best, best_score = hits, score
    return best


def outline_tails(s: str, hits: list[Hit]) -> list[Hit]:
    """The rows whose digits run straight into an outline number the template does not print
    ("…21022.部分公开": a page numbering （二）部分公开 as "2."): the last one or two digits may
    be the next label's number or the row's last cell, and nothing in the text says which. The
    row's last run then reads each way (`Token.alternatives`), and the identities decide; when
    several ways meet them, the cells that differ stay undetermined.

    >>> h = Hit("granted", 0, 0, 4, read_value_tokens("予以公开10000012.部分", 4, 12))
    >>> [[t.text for t in alt] for alt in outline_tails("予以公开10000012.部分", [h])[0].tokens[0].alternatives]
    [['10000012'], ['1000001'], ['100000']]
    """
    out = []
    for h in hits:
        tok = h.tokens[-1] if h.tokens else None
        seg = tok.segments[0] if tok is not None and len(tok.segments) == 1 else None
        if seg is None or tok.alternatives or seg.sign or seg.frac or seg.unit or len(seg.digits) < 2 \
                or not _OUTLINE_NEXT_RE.match(s, tok.end):
            out.append(h)
            continue
        alts = [(tok,)] + [(token_of_run(seg.digits[:-k], tok.start),) for k in (1, 2)
                           if len(seg.digits) > k and (k == 1 or seg.digits[-2] != "0")]
        out.append(replace(h, tokens=[*h.tokens[:-1], replace(tok, alternatives=tuple(alts))]))
    return out
