"""Split a report body into its six sections (domain.md §2), heading variants included.

Every place a heading pattern matches is a candidate, and the headings are chosen as one
ascending sequence that explains the page best:
- a heading starts a line; one quoted in prose ("详见“二、主动公开政府信息情况”部分") does not,
  when the page has lines at all;
- a table of contents or an intro that lists the headings ("目录 / 一、总体情况 / 二、…") is passed
  over: the sequence that leaves no heading line inside a section's text wins, and passing over
  headings costs nothing only when no text stands under them (so of two reports on one page the
  first is read, as its tables are);
- the headings share one numbering style, so the sub-heading "（二）主动公开情况" inside section 一
  does not stand for section 二.
The table-internal labels "三、本年度办理结果" and "四、结转下年度继续办理" never match: their words
differ from every heading pattern. Works on line-broken text (a heading may wrap over a line
break, a `<br>` inside it) and on glued text alike. The heading patterns, and where they match,
are `section_headings.py`; this module chooses among the matches and cuts the sections.
"""

from __future__ import annotations

import bisect
import re

from .model import Section
from .section_headings import HeadingCandidate, heading_candidates, heading_number, headings_by_topic
from .text import simplified

__all__ = ["heading_number", "split_sections"]

# Page chrome after the article: print/close tools, share and QR widgets, links to the other
# articles of the column, the footer. Footer labels count only after a line break or a space:
# "主办单位：" also appears in prose ("区政府办公室（主办单位：区政务公开办）").
_CHROME_RE = re.compile(
    r"【\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|字号|收藏)[^】]{0,6}】|\[\s*(?:打印|关闭)[^\]]{0,6}\]"
    r"|打印本页|关闭窗口|网站标识码|ICP备|ICP证|公网安备|扫一扫在手机|分享到[:：]|版权所有"
    r"|[\n \t\u3000][ \t\u3000]*(?:主办单位|承办单位|上一篇|下一篇|上一条|下一条)\s*[:：]"
)
# The annex after the last section: its own table or document, not section 六's text.
_ANNEX_RE = re.compile(r"\n[ \t\u3000]*附\s*件\s*[0-9一二三四五]*\s*(?:[:：]|\n)")
_SENTENCE_END = frozenset("。；;！!？?")
_PAD = " \t\n\r\u3000\xa0|"  # spacing and the pipes of a heading printed as a pipe-text row

# words: a table of contents line holds none between its headings, at most dots and a page number
_CONTENT_RE = re.compile(r"[\u4e00-\u9fff]")


# Candidates a heading may look back over: a report has a dozen or two (a table of contents
# doubles them); a compilation of hundreds of reports must not cost the square of its headings.
_WINDOW = 40


def _thin(text: str, start: int, until: int) -> bool:
    """No section text between `start` and `until`: no words, or a few without a sentence's end
    (a table of contents line's "第1页")."""
    if _CONTENT_RE.search(text, start, until) is None:
        return True
    bit = text[start:until].strip(_PAD)
    return len(bit) <= 12 and not _SENTENCE_END.intersection(bit)


def _choose(text: str, cands: list[HeadingCandidate], stop: int) -> list[HeadingCandidate]:
    """The ascending sequence of candidates with the best score (see the module docstring)."""
    # line-broken text: headings start lines (a glued body under a few header lines does not)
    lines = sum(c.line_start for c in cands) >= 2
    strong = [(c.line_start if lines else c.boundary) and not c.quoted for c in cands]
    # per numbering style: where candidates start, and where those on a line of their own start
    starts: dict[str, list[int]] = {}
    at_line: dict[str, list[int]] = {}
    for c, s in zip(cands, strong):
        starts.setdefault(c.style, []).append(c.start)
        if s:
            at_line.setdefault(c.style, []).append(c.start)
    thin = [_thin(text, c.end, nxt.start) for c, nxt in zip(cands, cands[1:])] + [False] * bool(cands)
    # a sequence that starts late passes over the headings before it: free for a table of
    # contents (thin lines), not for a report's own sections (the first of two reports is read)
    passed, n = [], 0
    for s, t in zip(strong, thin, strict=True):
        passed.append(n)
        n += s and not t

    def node(j: int) -> int:
        # "（二）…" is the sub-heading style of most reports: the plain numeral wins a tie
        return 10 + (4 if strong[j] else 0) - (6 if cands[j].quoted else 0) + (cands[j].style != "（")

    def span(c: HeadingCandidate, until: int, last: bool = False) -> int:
        """Penalty for the text of section `c` running to `until`: empty, or holding headings
        numbered as its own is (sub-headings "（一）…" under "一、总体情况" are its text). The
        last section's text may hold a whole second report (two years' reports on one page)."""
        if _thin(text, c.end, until):
            return -2  # a table of contents line, not a section
        if last:
            return 0
        same, lined = starts[c.style], at_line.get(c.style, ())
        inside = bisect.bisect_left(same, until) - bisect.bisect_left(same, c.end)
        inside_lines = bisect.bisect_left(lined, until) - bisect.bisect_left(lined, c.end)
        return -6 * inside_lines - (inside - inside_lines)

    best: list[tuple[int, int]] = []  # per candidate: (score of the best sequence ending here, previous)
    for j, c in enumerate(cands):
        score, prev = node(j) - 6 * passed[j], -1
        for i in range(max(0, j - _WINDOW), j):
            p = cands[i]
            if p.number >= c.number or p.end > c.start:
                continue
            s = best[i][0] + node(j) + span(p, c.start) + (3 if p.style == c.style else 0)
            if s > score:
                score, prev = s, i
        best.append((score, prev))
    if not cands:
        return []
    totals = [best[j][0] + span(c, stop, last=True) if c.start < stop else -10**9 for j, c in enumerate(cands)]
    j = max(range(len(cands)), key=totals.__getitem__)
    if totals[j] < 0:
        return []
    chosen = []
    while j != -1:
        chosen.append(cands[j])
        j = best[j][1]
    return chosen[::-1]


def split_sections(text: str) -> list[Section]:
    """Sections found, in order; a missing heading is simply absent.

    >>> secs = split_sections("前言\\n一、总体情况\\n甲。\\n二、主动公开政府信息情况\\n表\\n六、其他需要报告的事项\\n无。")
    >>> [(s.section, s.heading, s.text) for s in secs]
    [(1, '一、总体情况', '甲。'), (2, '二、主动公开政府信息情况', '表'), (6, '六、其他需要报告的事项', '无。')]
    >>> [s.section for s in split_sections("一、总体情况2019年，略。二、主动公开政府信息情况 表 五、存在的主要问题及改进情况 略 六、其他需要报告的事项 无")]
    [1, 2, 5, 6]
    >>> split_sections("六、其他需要报告的事项\\n无。\\n【打印】【关闭】\\n主办单位：某区政府")[0].text
    '无。'
    >>> [(s.section, s.heading) for s in split_sections("（一）总体情况\\n略\\n(二)主动公开政府信息情况\\n表")]
    [(1, '（一）总体情况'), (2, '(二)主动公开政府信息情况')]
    >>> [s.section for s in split_sections("第一部分　总体情况\\n略\\n第二部分 主动公开政府信息情况\\n表")]
    [1, 2]

    A table of contents is passed over, a heading wrapped over two lines is one heading, and
    text on the heading's line after a colon is the section's text:

    >>> toc = "目录\\n一、总体情况\\n二、主动公开政府信息情况\\n一、总体情况\\n甲。\\n二、主动公开\\n政府信息情况\\n乙。\\n六、其他需要报告的事项：无。"
    >>> [(s.section, s.heading, s.text) for s in split_sections(toc)]
    [(1, '一、总体情况', '甲。'), (2, '二、主动公开政府信息情况', '乙。'), (6, '六、其他需要报告的事项', '无。')]

    A pre-2019 report's parts are placed by topic (its 四 is fees, its 五 review and litigation):

    >>> old = "一、概述\\n略\\n二、主动公开政府信息情况\\n甲\\n三、政府信息依申请公开工作情况\\n乙\\n" \\
    ...       "四、政府信息公开的收费及减免情况\\n丙\\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\\n丁\\n六、主要问题和改进措施\\n戊"
    >>> [(s.section, s.heading, s.text) for s in split_sections(old)][2:]
    [(3, '三、政府信息依申请公开工作情况', '乙\\n四、政府信息公开的收费及减免情况\\n丙'), (4, '五、因政府信息公开申请行政复议、提起行政诉讼的情况', '丁'), (5, '六、主要问题和改进措施', '戊')]
    """
    text_s = simplified(text)  # a page served through a 繁體 gateway: headings matched in Simplified
    cands = heading_candidates(text_s)
    # the page's tools and footer after the article (a toolbar before it ends nothing)
    chrome = _CHROME_RE.search(text_s, cands[0].end) if cands else None
    page_end = chrome.start() if chrome else len(text)
    chosen = _choose(text_s, cands, page_end)
    found = [(c.number, c.start, c.end) for c in chosen]
    if len(found) < 6:
        by_topic = headings_by_topic(text_s)
        if len(by_topic) > len(found):
            found = by_topic
    out: list[Section] = []
    for i, (number, start, end) in enumerate(found):
        if i + 1 < len(found):
            stop = found[i + 1][1]
        else:  # the last section runs to the annex, the page's own tools and footer, not through them
            chrome = _CHROME_RE.search(text_s, end)
            annex = _ANNEX_RE.search(text_s, end)
            stop = min(m.start() for m in (chrome, annex) if m) if chrome or annex else len(text)
        heading, body_start = _heading_line(text, start, end, stop)
        body = text[body_start:stop].strip().lstrip(":：。").strip()
        out.append(Section(number, heading, _trim_empty_rows(body)))
    return out


def _trim_empty_rows(body: str) -> str:
    """`body` without the empty pipe-text rows ("|") at its ends.

    >>> _trim_empty_rows("|\\n甲 | 1 |\\n| |")
    '甲 | 1 |'
    """
    begin, end = 0, len(body)
    while (nl := body.find("\n", begin, end)) != -1 and not body[begin:nl].strip(_PAD):
        begin = nl + 1
    while (nl := body.rfind("\n", begin, end)) != -1 and not body[nl:end].strip(_PAD):
        end = nl
    return body[begin:end].strip()


def _heading_line(text: str, start: int, end: int, stop: int) -> tuple[str, int]:
    """(the heading, where the section's text starts). A heading on a line of its own keeps a
    bracketed note after it ("（单位：件）"); other words after it are the section's text
    ("：无。", " 详见下表。", and glued text's "无其他需要报告事项")."""
    line_end = text.find("\n", end)
    if line_end != -1 and line_end <= stop:
        rest = text[end:line_end]
        bare = rest.strip(_PAD)
        if not bare or (bare[0] in "（(" and len(bare) <= 20 and not _SENTENCE_END.intersection(bare)):
            end = line_end
    heading = re.sub(r"\s*\n\s*", "", text[start:end]).strip(_PAD)
    return heading, end
