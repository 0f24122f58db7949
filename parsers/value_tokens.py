"""Value tokens of flattened table text: what follows a row label, cut at whitespace.

Whitespace is a hard cell boundary; inside a token cells may be glued ("640020470"), so a token
is kept as its segments (sign? digits fraction? unit?) for `splits.py` to cut into cells. A token
that can only be one cell — "1,234" with thousands separators, an NA mark ("/", "—", "无"), a
number followed by its money unit as a separate word ("1,250,000 元") — is a `whole` cell.
Reading stops at the first text that is not a value (narrative, the next label, a date "2021年").
The token types, and the readings of a run that reads more than one way, are `value_pieces.py`.
"""

from __future__ import annotations

import re

from .templates import APP_LABEL_COMMA_TAILS
from .value_pieces import (
    COMMA_RUN_RE,
    UNIT_ALT,
    Piece,
    Token,
    comma_readings,
    mark_readings,
    token_of_run,
    whole_token,
)
from .values import NA_TOKENS, REFERENCE_RE, parse_value

MAX_RUN_DIGITS = 200  # a digit run longer than this is not a table row

_SEG = rf"[+\-]?\d+(?:\.\d+)?(?:{UNIT_ALT})?"
_RUN_RE = re.compile(rf"(?:{_SEG})+")
# "1,234" (printed thousands separators) is one cell; only accepted as a whole whitespace token.
# A number never starts with 0: "01,034" is a cell 0 glued to 1,034 (`COMMA_RUN_RE`).
_THOUSANDS_RE = re.compile(rf"[+\-]?[1-9]\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?(?:{UNIT_ALT})?(?=\s|$)")
_WORD_RE = re.compile(r"\S+")
# A money unit printed as a word of its own after a number ("1,250,000 元").
_SPACED_UNIT_RE = re.compile(r"[ \t\u3000]+(万元|元)(?=\s|$)")
# NA marks are whole cells, also glued to the next label ("/行政许可") or to digits: a hyphen or
# en dash before digits is a sign ("-3"), "/" and "—" are not ("0781403/95", "—000000").
_NA_MARK_RE = re.compile(r"/+|—+|(?:-|–|―|─|×)(?!\d)")
# (mixed marks too: "/—" glued is a "/" cell and a "—" cell, or one cell as typed; the row decides)
_SLASHES_RE = re.compile(r"[/—]{2,}")
# Words that are a cell of their own even glued to a label or to digits ("行政处罚无+200",
# "…申请数量略1000910"): NA words, "略" (left out), a pointer to a note
_CELL_WORDS = r"(?:无|略|不适用|不涉及|未涉及|暂无|详见(?:附表|附件|说明|备注)\d{0,2}|×)"
# before the cells after it, or the next section's heading ("行政事业性收费不涉及三、收到…")
_CELL_WORD_RE = re.compile(_CELL_WORDS + r"(?=$|[\d+\-/—－\s\u2400]|[一二三四五六七八九十]、)")
# An empty cell of a one-cell-per-line copy (`pipetext.cells_as_tokens`): a whole blank cell.
BLANK_MARK = "\u2400"
_CHUNK_RE = re.compile(r"[^\d\s+\-/—\u2400]+")
_PAREN_RE = re.compile(r"\([^()]*\)")
_OPEN_TAIL_RE = re.compile(r"\([^()]*$")
_CLOSE_HEAD_RE = re.compile(r"^[^()]*\)")
_CHANGE_WORD_TOKEN_RE = re.compile(r"(?:增加|增长|新增|减少|下降)\s?\d+(?:\.\d+)?(?![\d,.])")
_CELL_WORD_END_RE = re.compile(_CELL_WORDS + "$")  # ending a label's tail
# "一" reads as a dash cell, except inside the one label that has it: "三安全一稳定", which a
# line break may cut after the keyword ("三安全一 稳定")
_LABEL_DASH_RE = re.compile(r"一\s{0,2}稳定")
# The year of a date glued after a run of cell digits ("0000002024年"), the run's own part first.
_YEAR_GLUED_RE = re.compile(r"(?<=\d)(?:19|20)\d\d$")
# A number glued to these is a date or an age, not a cell ("2021年").
_NOT_VALUE_AFTER = frozenset("年月日号时岁")
_OUTLINE_AFTER_RE = re.compile(r"[.、．]\s*[\u4e00-\u9fa5(（]")
# "无" cut from the rest of its label by a line break ("无 法提供", "无 正当理由大量反复申请"): the
# next label's first character, not an NA cell of the row before
_WU_LABEL_RE = re.compile(r"无\s+(?:法提供|正当理由)")
# A number's fraction cut off by a space ("4794 .89", "155609. 9": an exporter that puts a space
# between a cell's text nodes): what the cell holds is not certain, so the row reads no value
_CUT_FRACTION_RE = re.compile(r"(?:\s+\.\s*|\.\s+)\d")
# A thousands number cut at its comma by a space ("1, 500", "1 ,500"), as by the same exporter:
# its lead digits are no cell of their own
_CUT_THOUSANDS_RE = re.compile(r"(?:\s+,\s*|,\s+)\d{3}(?!\d)")
# A footnote mark ("①" and the like are "※" here once next to a digit) with more digits after it
_MARK_THEN_DIGITS_RE = re.compile(r"[※*＊†‡]+\s*\d+(?![\d年月日号时岁])")
# Prose punctuation right after the values: the "values" were a sentence's numbers
_PROSE_AFTER_RE = re.compile(r"\s*[,。;:](?!\d)")
# A section heading ("三、收到和处理…") or an outline item ("(一)本年度办结…") is no remainder of a
# row label: a row printing no value before it has none (the number after is narrative's)
_HEADING_CHUNK_RE = re.compile(r"[一二三四五六七八九十]、|^\([一二三四五六七八九十]{1,2}\)")


def _is_na_word(word: str) -> bool:
    return word in NA_TOKENS or parse_value(word)[1] == "na"


def _is_label_tail(chunk: str, after: str = "") -> bool:
    """Is this non-numeric chunk the rest of a row label (not narrative)? `after`: the chunk
    after the next space, for a comma form cut right after its comma ("缴纳费用，" "行政机关…").

    >>> _is_label_tail("(区分处理的,只计这一情形,不计其他情形)"), _is_label_tail("政府信息公开申请数量")
    (True, True)
    >>> _is_label_tail("制度,要求进一步推进信息公开,全年共发布")
    False
    >>> _is_label_tail(",行政机关不再处理其政府信息公开申请"), _is_label_tail(",行政机关不再处理其政府")
    (True, True)
    >>> _is_label_tail("本年度制发规章,"), _is_label_tail("行政许可,"), _is_label_tail("的,")
    (False, False, False)
    >>> _is_label_tail("缴纳费用,", "行政机关不再处理"), _is_label_tail("本年度制发规章,", "1件")
    (True, False)
    >>> _is_label_tail("(区分处理的,"), _is_label_tail("只计这一情形,不计其他情形)")  # a bracket wrapped
    (True, True)
    """
    if len(chunk) > 32 or "。" in chunk or ";" in chunk:
        return False
    # a bracketed note the line broke in two: its halves are notes as much as the whole
    bare = _OPEN_TAIL_RE.sub("", _CLOSE_HEAD_RE.sub("", _PAREN_RE.sub("", chunk)))
    if ":" in bare:
        return False
    # "…逾期不补正，行政机关不再处理其政府信息公开申请": the （六） sub-labels with a comma for 、,
    # whole or cut by a space ("，行政机关不再处理其政府" then "信息公开申请")
    if "," not in bare or bare.endswith("政府信息公开申请"):
        return True
    # a comma with at least the first character of such a tail after it: a chunk of prose
    # ending in a comma ("本年度制发规章,", then "1件") is no label's tail
    rest = bare[bare.index(","):]
    if rest == ",":
        rest += after[:2]
    return len(rest) > 1 and any(t.startswith(rest) for t in APP_LABEL_COMMA_TAILS)


def _change_word_token(text: str, start: int) -> Token:
    """A 本年增/减 cell in words ("增加8"), which glued text may run into the next cell's digits
    ("增加87" is 增加8 and 7 as likely as 增加87): each way to end the cell is a reading.

    >>> [[t.text for t in alt] for alt in _change_word_token("减少305", 0).alternatives]
    [['减少305'], ['减少3', '05'], ['减少30', '5']]
    """
    whole = whole_token(text, start)
    d = next(k for k, ch in enumerate(text) if ch.isdigit())
    digits = text[d:]
    if not digits.isdigit() or len(digits) < 2 or digits.startswith("0"):
        return whole
    alts = [(whole,)] + [(whole_token(text[: d + k], start), token_of_run(digits[k:], start + d + k))
                         for k in range(1, len(digits))]
    return Token(text, start, start + len(text), alternatives=tuple(alts))


def _skip_ws(s: str, i: int, n: int) -> int:
    while i < n and s[i].isspace():
        i += 1
    return i


def read_value_tokens(s: str, i: int, end: int, skip_label: bool = True) -> list[Token]:
    """The value tokens at `s[i:end]`, stopping at the first text that is not a value.

    With `skip_label`, a short remainder of the row label is skipped first (the part after the
    keyword that was matched, possibly split by spaces); narrative text yields no tokens.

    >>> [t.text for t in read_value_tokens("政府信息公开申请数量230 000023二、上年", 0, 30)]
    ['230', '000023']
    >>> [t.text for t in read_value_tokens(" 2笔 984361元 三、", 0, 16)]
    ['2笔', '984361元']
    >>> [t.text for t in read_value_tokens(" / — 3 ", 0, 7)]
    ['/', '—', '3']
    >>> [t.text for t in read_value_tokens("公开0781403/95", 2, 13)], [t.text for t in read_value_tokens("处罚无+200", 2, 7)]
    (['0781403', '/', '95'], ['无', '+200'])
    >>> [t.text for t in read_value_tokens("7816 (二)主动公开 2021年", 0, 20)]
    ['7816']
    >>> read_value_tokens("制度,要求进一步推进信息公开,全年共发布133条", 0, 27)
    []
    >>> [t.text for t in read_value_tokens(" 0 2.主动公开政府信息的形式", 0, 20)]
    ['0']
    >>> [t.text for t in read_value_tokens("总计1010002024年1月22日", 2, 20)], read_value_tokens("2021年", 0, 5)
    (['101000'], [])
    >>> [(t.text, t.whole.kind) for t in read_value_tokens("行政事业性收费 详见附表 三、", 7, 17)]
    [('详见附表', 'text')]
    >>> [(t.text, t.whole.kind) for t in read_value_tokens("行政事业性收费不涉及三、收到", 7, 14)]
    [('不涉及', 'text')]
    >>> [t.text for t in read_value_tokens("三安全一 稳定”0 0 1", 3, 15)], [t.text for t in read_value_tokens("收费 一 三", 2, 6)]
    (['0', '0', '1'], ['一'])
    """
    n = min(end, len(s))
    if skip_label:
        for _ in range(3):
            while i < n and s[i].isspace():
                i += 1
            m = _CHUNK_RE.match(s, i, n)
            if not m:
                break
            chunk = m.group()
            if chunk in ("无", "略"):
                break  # the first value ("无+200", "略 0 83")
            tail = _CELL_WORD_END_RE.search(chunk)
            if tail and len(chunk) > len(tail.group()) and m.end() < n and (s[m.end()].isdigit() or s[m.end()] in "+-/—"):
                i = m.start() + tail.start()  # "…过程性信息无000000": the label's tail, then a cell
                break
            if _CELL_WORD_RE.match(s, i, n):
                break  # a cell word right before the next section ("行政事业性收费不涉及三、")
            word = _WORD_RE.match(s, i, n)
            if word and (_is_na_word(word.group()) or REFERENCE_RE.match(word.group())) \
                    and not _LABEL_DASH_RE.match(s, i, n):
                break
            nxt = _CHUNK_RE.match(s, _skip_ws(s, m.end(), n), n)
            if _HEADING_CHUNK_RE.search(chunk) or not _is_label_tail(chunk, nxt.group() if nxt else ""):
                return []
            i = m.end()
    tokens: list[Token] = []
    while True:
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            break
        if s[i] == BLANK_MARK:
            tokens.append(Token(BLANK_MARK, i, i + 1, (), Piece("", None, "blank", None, i, i + 1)))
            i += 1
            continue
        m = _THOUSANDS_RE.match(s, i, n)
        if m and (m.end() == n or s[m.end()].isspace()):
            u = _SPACED_UNIT_RE.match(s, m.end(), n)
            if u and m.group()[-1].isdigit():  # "1,250,000 元": the unit printed as its own word
                tokens.append(whole_token(s[i:u.end()], i))
                i = u.end()
                continue
            lead = m.group().split(",", 1)[0]
            if len(lead) > 1 and lead.isdigit() and re.fullmatch(r"[\d,]+", m.group()) \
                    and len(alts := comma_readings(m.group(), i)) > 1:
                # "25,012" may be 2 glued to 5,012 as well ("…1,127 25,012": 其他 2, 总计 5,012)
                tokens.append(Token(m.group(), i, m.end(), alternatives=alts))
            else:
                tokens.append(whole_token(m.group(), i))
            i = m.end()
            continue
        m = COMMA_RUN_RE.match(s, i, n)
        if m and (alts := comma_readings(m.group(), i)):
            tokens.append(Token(m.group(), i, m.end(), alternatives=alts))
            i = m.end()
            continue
        m = _RUN_RE.match(s, i, n)
        if m:
            if m.end() < n and s[m.end()] in _NOT_VALUE_AFTER:
                y = _YEAR_GLUED_RE.search(m.group())
                if y and s[m.end()] == "年":
                    # "…0000002024年1月22日": the signature date glued to the table's last digits
                    tokens.append(token_of_run(m.group()[: y.start()], i))
                break
            if tokens and len(m.group()) <= 2 and s[i - 1].isspace() and _OUTLINE_AFTER_RE.match(s, m.end()):
                break  # " 2.主动公开…": the number of the next (sub)heading, not a value
            digits = sum(ch.isdigit() for ch in m.group())
            if digits > MAX_RUN_DIGITS:
                break
            if m.end() + 1 < n and s[m.end()] == "," and s[m.end() + 1].isdigit():
                break  # "3笔1,250,000元", "1,25,000": separators this reader cannot place; not guessed
            if _CUT_FRACTION_RE.match(s, m.end(), n) or _CUT_THOUSANDS_RE.match(s, m.end(), n):
                return []
            tok = token_of_run(m.group(), i)
            u = _SPACED_UNIT_RE.match(s, m.end(), n)
            if u and len(tok.segments) == 1 and not tok.segments[0].unit:
                # "984361 元": the unit printed as its own word belongs to the number before it
                tok = whole_token(s[i:u.end()], i)
                i = u.end()
            else:
                i = m.end()
            tokens.append(tok)
            continue
        m = _SLASHES_RE.match(s, i, n)
        if m:
            # "//", "——": one cell as typed, or (glued text) several; the row decides
            tokens.append(Token(m.group(), i, m.end(), alternatives=mark_readings(m.group(), i)))
            i = m.end()
            continue
        m = _CHANGE_WORD_TOKEN_RE.match(s, i, n)
        if m:  # "增加4", "减少3": a 本年增/减 cell in words
            tokens.append(_change_word_token(m.group(), i))
            i = m.end()
            continue
        if _WU_LABEL_RE.match(s, i):  # (the label may start inside: "无 法提供本机关…" from "法")
            break
        m = _CELL_WORD_RE.match(s, i, n)
        if m:
            tokens.append(whole_token(m.group(), i))
            i = m.end()
            continue
        w = _WORD_RE.match(s, i, n)
        if w and (_is_na_word(w.group()) or REFERENCE_RE.match(w.group())):
            # "/", "无", or a text cell pointing elsewhere ("详见附表"): one whole cell each
            tokens.append(whole_token(w.group(), i))
            i = w.end()
            continue
        m = _NA_MARK_RE.match(s, i, n)
        if m and _is_na_word(m.group()):
            tokens.append(whole_token(m.group(), i))
            i = m.end()
            continue
        break
    if tokens and not tokens[-1].text[-1].isdigit() and (_PROSE_AFTER_RE.match(s, tokens[-1].end, len(s))
                                                        or s[tokens[-1].end: tokens[-1].end + 1] == "、"):
        # "行政许可153件，行政处罚93件，…", "行政事业性收费本年度共受理申请274件，其中…": numbers with
        # their unit a comma or a full stop ends are a sentence's (a narrative naming the rows, or
        # one after a row that printed no value), never a table row's cells; so are "45件、" (a
        # count and its unit before an enumeration comma: an outline number "2、" carries no unit).
        # Bare digits before the stop are a row's: a table's last row ends where the text after it
        # starts, and that may be a stop ("…继续办理 0 0 0 0 0 0 0。", a copy that adds one)
        return []
    if tokens and (m := _MARK_THEN_DIGITS_RE.match(s, tokens[-1].end, n)) and not _OUTLINE_AFTER_RE.match(s, m.end(), n):
        # "6400204※70", "6400204①70": a footnote mark glued among the row's digits; the digits after
        # it are the row's too, and the ones before it may fill the row by chance (6,4,0,0,2,0,4):
        # the row reads no value (a mark before the next label's number, "0※2.其他…", ends it)
        return []
    return tokens


def tokens_of(text: str) -> list[Token]:
    """Value tokens of a bare value string (no label in front).

    >>> [t.text for t in tokens_of("2648-18538 +14")]
    ['2648-18538', '+14']
    """
    return read_value_tokens(text, 0, len(text), skip_label=False)
