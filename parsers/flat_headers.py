"""Column order of tables flattened into text, read from the headers printed above their rows.

In flattened text (spaced, glued, one cell per line) a row is a bare run of values: which value is
which column comes only from the header text before it. Most pages print the template's order, but
some turn a block around (总计 first, 尚未审结 before 其他结果, 现行有效件数 first). Each reader
here returns the template's column keys in the order the header prints them, and falls back to
the template order whenever the header does not name every column exactly once in a readable
order: the identities then still decide, and a doubtful page reads `undetermined`, never shifted.
"""

from __future__ import annotations

import re

from .templates import AD_COLS, APP_COL_ORDER, APP_COLS, RL_COL_ORDER, RL_COLS, Spec, spec_by_key


def kw(word: str) -> str:
    """Regex of a label word that tolerates a space or newline inside ("社会公益 组织")."""
    return r"\s*".join(re.escape(c) for c in word)


def spec_regex(spec: Spec) -> re.Pattern[str]:
    alts = [r"[^\d。]{0,20}?".join(kw(w) for w in words) for words in spec.match]
    alts += [kw(w) for w in spec.exact]
    return re.compile("|".join(f"(?:{a})" for a in alts))


_APP_COL_RX = {sp.key: spec_regex(sp) for sp in APP_COLS}
RL_COL_RX = {sp.key: spec_regex(sp) for sp in RL_COLS}
# 法人或其他组织, 法人或者其他组织, 法人和其他组织: the group word (its 其他 is not the 其他 column)
_APP_GROUP_RX = re.compile(kw("法人") + r"\s*[或和及与]\s*(?:者\s*)?" + kw("其他组织"))
# A parenthesised note or a sentence before the header ("（含尚未审结案件）", "本单位无其他行政争议。")
# is not part of it: the header is what follows the last sentence end, notes blanked out.
_NOTE_RX = re.compile(r"[(（][^()（）]*[)）]")
_SENTENCE_END_RX = re.compile(r"[。；;！!？?]")
_APP_HEADER_RX = re.compile(kw("申请人情况"))
_APP_CHILDREN = tuple(k for k in APP_COL_ORDER if k not in ("natural_person", "total"))


def header_words(text: str) -> str:
    """The part of `text` that can be a printed header: after its last sentence end, with
    parenthesised notes blanked out (same length, so positions keep their order).

    >>> header_words("本单位无其他行政争议。结果维持（含尚未审结案件）结果纠正")
    '结果维持         结果纠正'
    """
    ends = list(_SENTENCE_END_RX.finditer(text))
    text = text[ends[-1].end():] if ends else text
    return _NOTE_RX.sub(lambda m: " " * len(m.group()), text)


def _first_positions(header: str, rxs: dict[str, re.Pattern[str]], keys: tuple[str, ...],
                     times: tuple[int, ...] = (1,)) -> dict[str, int] | None:
    """Where each key's word first appears in the header, when every word appears the same
    number of times (one of `times`) and each repetition names them in the same order (table
    四's three blocks); None for a header that does not read cleanly."""
    hits = []
    for key in keys:
        last_end = -99
        for m in rxs[key].finditer(header):
            if m.start() - last_end > 4:  # "尚未|审结", "商业|企业": two words of one label
                hits.append((m.start(), key))
            last_end = m.end()
    hits.sort()
    if not hits or len(hits) % len(keys) or len(hits) // len(keys) not in times:
        return None
    order = [key for _, key in hits]
    chunks = [tuple(order[i: i + len(keys)]) for i in range(0, len(order), len(keys))]
    if any(set(c) != set(keys) or c != chunks[0] for c in chunks):
        return None
    return {key: at for at, key in hits[: len(keys)]}


def ad_columns(header: str, keys: tuple[str, ...] | list[str]) -> list[str]:
    """Table 二's columns in the order its block header ("信息内容 现行有效件数 本年制发件数 …")
    prints them, else `keys` (the template's order for the row)."""
    keys = list(keys)
    if len(keys) < 2:
        return keys
    pos: dict[str, int] = {}
    for key in keys:
        spec = spec_by_key(AD_COLS, key)
        found = [min(header.find(w) for w in words) if all(w in header for w in words) else -1
                 for words in spec.match]
        found = [p for p in found if p >= 0]
        if not found:
            return keys
        pos[key] = min(found)
    if len(set(pos.values())) != len(keys):
        return keys
    return sorted(keys, key=pos.__getitem__)


def app_columns(s: str, first_row: int) -> tuple[str, ...]:
    """Table 三's seven columns in the order of the header before its first row.

    The header has two levels: 自然人 | 法人或其他组织 | 总计 over the five kinds of organisation,
    so its words read "自然人 法人或其他组织 总计 商业企业 … 其他" while the values run 自然人,
    the five organisations, 总计: the group word stands for its five children, in their order.

    >>> app_columns("申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 一、", 60)[-1]
    'total'
    >>> app_columns("申请人情况 总计 法人或其他组织 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 一、", 60)[:2]
    ('total', 'commercial')
    """
    starts = [m for m in _APP_HEADER_RX.finditer(s, max(0, first_row - 300), first_row)]
    if not starts:
        return APP_COL_ORDER
    header = header_words(s[starts[-1].end(): first_row])
    group = _APP_GROUP_RX.search(header)
    if group:  # blank the group word out: its "其他" is not the 其他 column
        header = header[: group.start()] + "#" * (group.end() - group.start()) + header[group.end():]
    pos = _first_positions(header, _APP_COL_RX, APP_COL_ORDER)
    if pos is None:
        return APP_COL_ORDER
    if group is None:
        return tuple(sorted(APP_COL_ORDER, key=pos.__getitem__))
    top = sorted((("natural_person", pos["natural_person"]), ("group", group.start()), ("total", pos["total"])),
                 key=lambda kv: kv[1])
    children = sorted(_APP_CHILDREN, key=pos.__getitem__)
    order: list[str] = []
    for key, _ in top:
        order += children if key == "group" else [key]
    return tuple(order)


def rl_columns(header: str) -> tuple[str, ...]:
    """Table 四's result columns in the order the header prints them: five keys when every
    block prints them alike, fifteen (block by block) when the blocks differ, the template's
    five when the header does not name them cleanly.

    >>> rl_columns("行政复议 行政诉讼 结果维持 结果纠正 尚未审结 其他结果 总计 未经复议直接起诉")
    ('upheld', 'corrected', 'pending', 'other', 'total')
    >>> len(rl_columns("结果维持 结果纠正 其他结果 尚未审结 总计 " * 2 + "结果维持 结果纠正 尚未审结 其他结果 总计"))
    15
    """
    words = header_words(header)
    pos = _first_positions(words, RL_COL_RX, RL_COL_ORDER, times=(1, 3))
    if pos is not None:
        return tuple(sorted(RL_COL_ORDER, key=pos.__getitem__))
    blocks = [_first_positions(words[a:b], RL_COL_RX, RL_COL_ORDER) for a, b in _thirds(words)]
    if len(blocks) == 3 and all(b is not None for b in blocks):
        return tuple(k for b in blocks if b is not None for k in sorted(RL_COL_ORDER, key=b.__getitem__))
    return RL_COL_ORDER


def _thirds(words: str) -> list[tuple[int, int]]:
    """The spans of a table 四 header's three runs of result columns (each ends at its 总计)."""
    ends = [m.end() for m in RL_COL_RX["total"].finditer(words)]
    if len(ends) != 3:
        return []
    return [(0, ends[0]), (ends[0], ends[1]), (ends[1], ends[2])]


def rl_block_order(header: str) -> tuple[str, ...] | None:
    """Table 四's three blocks in the order its (flattened) header prints their values: 行政复议
    and the 行政诉讼 group (未经复议直接起诉, 复议后起诉) at the top level, the group's two blocks
    inside it. None when the header does not name them.

    >>> rl_block_order("行政复议 行政诉讼 结果维持 未经复议直接起诉 复议后起诉")
    ('review', 'suit_direct', 'suit_after_review')
    >>> rl_block_order("行政诉讼 行政复议 复议后起诉 未经复议直接起诉 结果维持")
    ('suit_after_review', 'suit_direct', 'review')
    """
    words = header_words(header)
    review = words.find("行政复议")
    direct = min((p for p in (words.find("直接起诉"), words.find("未经复议")) if p >= 0), default=-1)
    after = words.find("复议后")
    if min(review, direct, after) < 0:
        return None
    suits = words.find("行政诉讼")
    group_at = suits if suits >= 0 else min(direct, after)
    group = ("suit_direct", "suit_after_review") if direct < after else ("suit_after_review", "suit_direct")
    return ("review", *group) if review < group_at else (*group, "review")
