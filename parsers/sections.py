"""Split a report body into its six sections (domain.md §2), heading variants included.

Headings are searched in order, each after the previous one, so the table-internal labels
"三、本年度办理结果" and "四、结转下年度继续办理" are never taken for section headings: their
words differ from any heading pattern. Works on line-broken text and on glued text alike.
"""

from __future__ import annotations

import re

from .model import Section

_NUM = "[、.．,，]?\\s*"


def _n(numeral: str) -> str:
    """A section number: "一、", "一.", "一", bracketed "（一）"/"(一)" or "第一部分"."""
    return rf"(?:[（(]\s*{numeral}\s*[)）]\s*|第{numeral}部分[、.．:：\s]*|{numeral}{_NUM})"


HEADINGS: tuple[tuple[int, str], ...] = (
    (1, _n("一") + r"(?:总体情况|主要工作概述|工作基本情况|基本情况|概述|总体工作情况)"),
    (2, _n("二") + r"主动公开(?:政府信息)?(?:的)?情况"),
    (3, _n("三") + r"(?:收到和处理政府信息公开申请(?:的)?情况|依申请公开(?:政府信息)?(?:的)?情况)"),
    (4, _n("四") + r"(?:因)?政府信息公开(?:工作)?(?:被申请)?行政法?复议[、和及]?(?:提起)?行政诉讼(?:的)?情况"
        r"|" + _n("四") + r"(?:因政府信息公开(?:工作)?)?(?:被申请)?行政复议[、和及]?(?:提起)?行政诉讼(?:的)?情况"),
    (5, _n("五") + r"(?:政府信息公开工作)?存在(?:的)?(?:主要)?问题(?:及|和)(?:其)?改进(?:情况|措施)"),
    (6, _n("六") + r"其他需(?:要)?报告的?事项"),
)
_COMPILED = [(n, re.compile(p)) for n, p in HEADINGS]
# Pre-2019 reports number their parts their own way (一、概述 … 三、政府信息依申请公开工作情况
# 四、…收费及减免情况 五、…行政复议、提起行政诉讼的情况 六、主要问题和改进措施 七、…统计表):
# a top-level heading on a line of its own is then placed by its topic, whatever its numeral,
# so section 4 is always review and litigation; parts with no template topic stay in the text
# of the section before them.
_TOP_NUMBER_RE = re.compile(r"\n[ \t\u3000]*[一二三四五六七八九十]{1,2}[、.．]")
_TOPICS: tuple[tuple[int, re.Pattern[str]], ...] = tuple((n, re.compile(p)) for n, p in (
    (1, r"^(?:总体情况|主要工作概述|工作基本情况|基本情况|概述|总体工作情况|基本工作情况)"),
    (2, r"^(?:政府信息)?主动公开"),
    (3, r"^(?:政府信息)?依申请公开|^收到和处理政府信息公开申请"),
    (4, r"行政复议.{0,8}行政诉讼"),
    (5, r"^(?:政府信息公开工作)?(?:存在的?)?(?:主要)?问题.{0,4}(?:改进|措施|打算|建议)"),
    (6, r"^(?:其他需要?报告的?事项|需要说明的事项|其他需要说明的事项|其他事项)"),
))
# Page chrome after the article: print/close tools, share and QR widgets, the footer.
_CHROME_RE = re.compile(
    r"【\s*(?:打印|关闭|打印本页|关闭窗口|返回顶部|字号|收藏)[^】]{0,6}】|\[\s*(?:打印|关闭)[^\]]{0,6}\]"
    r"|打印本页|关闭窗口|网站标识码|主办单位[:：]|承办单位[:：]|ICP备|ICP证|公网安备|扫一扫在手机|分享到[:：]|版权所有"
)


def heading_number(text: str) -> int | None:
    """The section a line is the heading of, when the whole line is one (a heading printed in a
    table row or caption is a heading, not an unknown table label).

    >>> heading_number("三、收到和处理政府信息公开申请情况"), heading_number("（一）予以公开")
    (3, None)
    """
    line = text.strip()
    for number, rx in _COMPILED:
        m = rx.match(line)
        if m and len(line) - m.end() <= 12:
            return number
    return None


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

    A pre-2019 report's parts are placed by topic (its 四 is fees, its 五 review and litigation):

    >>> old = "一、概述\\n略\\n二、主动公开政府信息情况\\n甲\\n三、政府信息依申请公开工作情况\\n乙\\n" \\
    ...       "四、政府信息公开的收费及减免情况\\n丙\\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\\n丁\\n六、主要问题和改进措施\\n戊"
    >>> [(s.section, s.heading, s.text) for s in split_sections(old)][2:]
    [(3, '三、政府信息依申请公开工作情况', '乙\\n四、政府信息公开的收费及减免情况\\n丙'), (4, '五、因政府信息公开申请行政复议、提起行政诉讼的情况', '丁'), (5, '六、主要问题和改进措施', '戊')]
    """
    found: list[tuple[int, int, int]] = []  # (section, start, end of heading)
    pos = 0
    for number, rx in _COMPILED:
        m = rx.search(text, pos)
        if m is None:
            continue
        found.append((number, m.start(), m.end()))
        pos = m.end()
    if len(found) < 6:
        by_topic = _by_topic(text)
        if len(by_topic) > len(found):
            found = by_topic
    out: list[Section] = []
    for i, (number, start, end) in enumerate(found):
        if i + 1 < len(found):
            stop = found[i + 1][1]
        else:  # the last section runs to the page's own tools and footer, not through them
            chrome = _CHROME_RE.search(text, end)
            stop = chrome.start() if chrome else len(text)
        line_end = text.find("\n", end)
        # a heading on a line of its own keeps the rest of that short line (e.g. "情况（单位：件）")
        if line_end != -1 and line_end - end <= 12 and line_end <= stop:
            heading, body_start = text[start:line_end], line_end
        else:
            heading, body_start = text[start:end], end
        out.append(Section(number, heading.strip(), text[body_start:stop].strip()))
    return out


def _by_topic(text: str) -> list[tuple[int, int, int]]:
    """Top-level headings on lines of their own, placed by topic, in ascending order."""
    found: list[tuple[int, int, int]] = []
    # the pattern starts with a line break, which the regex engine finds at C speed (a `^` in
    # MULTILINE mode is tried at every position of a long text)
    for m in _TOP_NUMBER_RE.finditer("\n" + text):
        end = text.find("\n", m.end() - 1)
        if end < 0:
            end = len(text)
        words = text[m.end() - 1:end].strip()
        number = next((n for n, rx in _TOPICS if rx.search(words)), None) if 2 <= len(words) <= 40 else None
        if number is not None and (not found or number > found[-1][0]):
            g = m.group()
            found.append((number, m.start() - 1 + len(g) - len(g.lstrip("\n \t\u3000")), end))
    return found
