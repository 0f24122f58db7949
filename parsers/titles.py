"""The report's title: the first candidate (`<meta>`, `<h1>`, title containers, `<title>`, a
名称 field) that reads like a report title, else a title line of the body or the texts around it.

A breadcrumb, a column banner ("政府信息公开年报"), a "上一篇" link or a sentence that names a
report is not the title; a `<title>`'s site-name part ("… - 某区人民政府") is cut off.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .text import clean_ws

REPORT_TITLE_RE = re.compile(r"政府信息公开.{0,6}(?:年度报告|年报|工作报告)|信息公开年报")


def reads_like_title(candidate: str | None) -> bool:
    """True when `find_title` would take this candidate before any later one.

    >>> reads_like_title("某区2022年度政府信息公开工作年度报告"), reads_like_title("首页")
    (True, False)
    """
    return bool(candidate) and REPORT_TITLE_RE.search(clean_ws(candidate or "")) is not None


# "您当前的位置：首页 > 政务公开 > … > 政府信息公开年报": the column's name, not the report's title
_BREADCRUMB_RE = re.compile(r"[>＞»›]|当前(?:的)?位置|您的位置|所在位置")


_META_AFTER_RE = re.compile(r"来源|时间|日期|发布|浏览|字号")
# A breadcrumb line ending in the article's title: the title is its last item (after a space or
# separator, followed by a space), not a document quoted later in the line (《…》) nor the
# "上一篇" link, and never the breadcrumb's own words run together ("首页政务公开…年报某镇…")
_CRUMB_TITLE_RE = re.compile(r"^(?:当前(?:的)?位置|您的位置|所在位置)[:：]?[^《》]*?(?<=[\s>＞»›:：])"
                             r"([\u4e00-\u9fa5（）()]{2,40}?(?:19|20)\d\d\s*年度?\s*政府信息公开(?:工作)?年(?:度报告|报))(?=\s)")
_CRUMB_WORDS_RE = re.compile(r"首页|政务公开|年报|上一篇|下一篇|位置")
_NEIGHBOUR_RE = re.compile(r"上一篇|下一篇|相关")
_TITLE_SPAN_RE = re.compile(r"([\u4e00-\u9fa5（）()]{2,40}?(?:19|20)\d\d\s*年度?\s*政府信息公开(?:工作)?年(?:度报告|报))")


# An info-disclosure table's title field ("名　　称：…", "标题：…"): on Beijing-style pages the
# only place the report's name is printed when the body is just an attachment link
_TITLE_FIELD_RE = re.compile(r"(?:名|标)[\s\u3000]*(?:称|题)[ \u3000]*(?:[:：][\s\u3000]*|[\t\n][\s\u3000]*)([^\n\t]{6,80})")


def labelled_title(page_text: str) -> str | None:
    """The value of a 名称/标题 field that reads like a report title.

    >>> labelled_title("索引号：000014335/2023-00021\\n名\u3000\u3000称：\\n某街道办事处2022年政府信息公开工作年度报告\\n发文字号：无")
    '某街道办事处2022年政府信息公开工作年度报告'
    >>> labelled_title("名称：关于开展检查的通知") is None
    True
    >>> labelled_title("名称\\t某镇2023年政府信息公开工作年度报告\\t文号")
    '某镇2023年政府信息公开工作年度报告'

    """
    for m in _TITLE_FIELD_RE.finditer(page_text):
        value = clean_ws(m.group(1))
        if REPORT_TITLE_RE.search(value):
            return value
    return None


_YEAR_IN_TITLE_RE = re.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}年")
# A line of prose that names a report ("对照2022年…年度报告"), not a title
_PROSE_STARTS = ("按照", "根据", "依据", "对照", "参照", "结合", "对比", "比照", "现将", "为了", "为进一步",
                 "附件", "附表", "附:", "附：",  # an annex caption names the report's table, not the report
                 "上一篇", "下一篇", "相关")  # links to other articles
# A title line ends with the report's name, a bracketed year at most after it ("…年度报告（2023年度）");
# "…年度报告整改落实情况" is about a report, not one
_ENDS_AS_TITLE_RE = re.compile(r"(?:政府信息公开.{0,6}(?:年度报告|年报|工作报告)|信息公开年报)\s*(?:[(（][^()（）]{0,12}[)）])?\s*$")


def find_title(candidates: list[str], body_text: str, around: Iterable[str] = ()) -> str | None:
    """First candidate that reads like a report title, else a short body line that does, else
    one in the texts `around` the body (nearest first: a title printed in a layout table cell).

    >>> find_title([], "某局2020年度政府信息公开工作年度报告 来源： 时间：2021-01-27 一、总体情况 …")
    '某局2020年度政府信息公开工作年度报告'
    >>> find_title(["内容页"], "一、总体情况", ["某镇2023年政府信息公开工作年度报告\\n来源：某镇"])
    '某镇2023年政府信息公开工作年度报告'
    >>> find_title(["政府信息公开年报", "某镇2023年政府信息公开工作年度报告"], "")
    '某镇2023年政府信息公开工作年度报告'
    >>> find_title([], "附件：政府信息公开工作年度报告统计表\\n2025年度政府信息公开工作年度报告", ["某市2025年度政府信息公开工作年度报告"])
    '某市2025年度政府信息公开工作年度报告'
    >>> find_title([], "上一篇：某镇2022年政府信息公开工作年度报告\\n某镇2024年政府信息公开工作年度报告整改落实情况") is None
    True
    >>> find_title([""], "当前位置： 首页 政务公开 某镇2023年政府信息公开工作年度报告 来源：某镇 时间：2024-01-22")
    '某镇2023年政府信息公开工作年度报告'
    >>> find_title(["某区人民政府"], "某区政务服务办公室\\n2019年政府信息公开工作年度报告\\n一、总体情况")
    '某区政务服务办公室2019年政府信息公开工作年度报告'
    """
    titles = [c for c in (clean_ws(c or "") for c in candidates) if c and REPORT_TITLE_RE.search(c)]
    # a column banner ("政府信息公开年报" in an <h1>) reads like a title but names no year
    for cand in sorted(titles, key=_title_rank):
        # "… - 某区人民政府": the site's name is a part of its own, before or after the title
        parts = [p.strip() for p in re.split(r"[_|]|--|\s[-–—]\s", cand) if p.strip()]
        # the part that names a report and a year, not the column's name ("…_政府信息公开年报_…")
        at = next((i for i, p in enumerate(parts) if REPORT_TITLE_RE.search(p) and _title_rank(p) < 2), None)
        if at is None:
            return parts[0] if parts else cand
        if at and _title_rank(parts[at]) == 1 and len(parts[at - 1]) <= 20:
            return parts[at - 1] + parts[at]  # "某局 - 2023年…年度报告": the body, then its report
        return parts[at]
    lines: list[str] = []
    listed = _listed_titles(body_text)
    # the page's own names (<title>, title nodes): a name line equal to one is the site's header
    # printed above the title (a body found as the whole <body>), not the title's first half
    names = {clean_ws(c or "") for c in candidates}
    for i, text in enumerate(itertools.chain((body_text,), around)):
        prev = ""
        for line in text.splitlines()[:40]:
            line, prev_line = clean_ws(line), prev
            prev = line or prev
            if i == 0 and line in listed:
                continue  # another report in a list of links ("相关文章", "上一篇：")
            if i == 0 and (m := _TITLE_SPAN_RE.match(line)) and _META_AFTER_RE.search(line, _bracket_end(line, m.end())):
                # lines joined in a text copy: "…年度报告 来源：… 时间：…"; a bracket after the
                # name is the title's own ("…年度报告（2022年1月发布）")
                return clean_ws(line[: _bracket_end(line, m.end())])
            if i == 0 and (m := _CRUMB_TITLE_RE.match(line)) and _META_AFTER_RE.search(line, m.end()) \
                    and not _CRUMB_WORDS_RE.search(m.group(1)) and not _NEIGHBOUR_RE.search(line, 0, m.start(1)):
                return m.group(1)  # the same after the breadcrumb: "当前位置：首页 > 年报 某镇2023年…年度报告 来源：…"
            if i == 0 and _title_rank(line) == 1 and _BODY_NAME_LINE_RE.match(prev_line) and \
                    prev_line not in names and \
                    _ENDS_AS_TITLE_RE.search(line) and len(prev_line) + len(line) <= 60 and line not in listed:
                # the title printed over two lines of the body ("天津市某区某办公室⏎2019年政府信息
                #公开工作年度报告", Tianjin pages): the body's name, then its year's report
                return prev_line + line
            if 8 <= len(line) <= 60 and _ENDS_AS_TITLE_RE.search(line) and not line.startswith(_PROSE_STARTS) \
                    and not _BREADCRUMB_RE.search(line):
                lines.append(line)
                if _title_rank(line) == 0:
                    return line  # a year and the body before it: the search can stop
    if lines:
        return min(lines, key=_title_rank)  # the first of the best kind
    for cand in candidates:
        if cand and clean_ws(cand) and not _generic_page_name(cand):
            return clean_ws(cand)
    return None


# What a CMS puts in `<title>` of every article page when it names none: the page kind, not a title
GENERIC_PAGE_NAMES = frozenset({"详细信息", "信息详情", "详情", "详情页", "详细页", "内容页", "正文", "文章详情", "文章内容",
                                "信息内容", "信息浏览", "查看信息", "新闻详情", "无标题文档", "untitled", "untitled document",
                                "document", "首页", "网站首页"})


# A line that is only a body's name (the first half of a title printed over two lines)
_BODY_NAME_LINE_RE = re.compile(r"^[\u4e00-\u9fa5（）()]{2,30}(?:人民政府|政府|局|委员会|委|办公室|办|中心|厅|署|院|"
                                r"街道办事处|街道|办事处|镇|乡|管委会)$")


def _generic_page_name(candidate: str) -> bool:
    """True for a candidate that is only a page kind, with or without the site's name after it.

    >>> _generic_page_name("详细信息_某区人民政府"), _generic_page_name("内容页"), _generic_page_name("关于某镇财政预算的说明")
    (True, True, False)
    """
    parts = [p.strip().lower() for p in re.split(r"[_|]|--|\s[-–—]\s", clean_ws(candidate)) if p.strip()]
    return bool(parts) and parts[0] in GENERIC_PAGE_NAMES


_TITLE_BRACKET_RE = re.compile(r"\s*[(（][^()（）]{0,12}[)）]")


def _bracket_end(line: str, end: int) -> int:
    """Where a title ending at `end` really ends: after a short bracket right behind it."""
    m = _TITLE_BRACKET_RE.match(line, end)
    return m.end() if m else end


# The line after a title line that is the article's own info line ("来源：…", "发布时间：…")
_INFO_LINE_RE = re.compile(r"^(?:信息来源|来源|发布|发文|时间|日期|作者|浏览|字号|【)")
_REPORT_START_RE = re.compile(r"^(?:[一1][、.．]|根据|按照|依据|本报告)")
_LINK_LIST_RE = re.compile(r"^(?:上一篇|下一篇|相关文章|相关链接|相关阅读|相关信息)\s*[:：]?$")


def _listed_titles(body_text: str) -> set[str]:
    """Report-title lines of a text copy that are links to other reports: each line after a
    "上一篇：" marker, and, when the text prints titles of several years (a "相关文章" list over
    the article), every one but the title followed by its info line ("来源：…").

    >>> sorted(_listed_titles("相关文章\\n某局2021年政府信息公开工作年度报告\\n2022-01-15\\n某局2023年政府信息公开工作年度报告\\n来源：某局"))
    ['某局2021年政府信息公开工作年度报告']
    >>> _listed_titles("某局2023年政府信息公开工作年度报告\\n来源：某局\\n某局2023年政府信息公开工作年度报告")
    set()
    >>> _listed_titles("某局2023年政府信息公开工作年度报告\\n来源：某局\\n相关链接：\\n某局2023年政府信息公开工作年度报告")
    set()
    >>> _listed_titles("上一篇：某镇2022年政府信息公开工作年度报告\\n某镇2023年政府信息公开工作年度报告\\n一、总体情况")
    set()
    """
    rows = [clean_ws(ln) for ln in body_text.splitlines()[:40]]
    rows = [ln for ln in rows if ln]
    # ("上一篇：某镇2022年…" on one line is a link, never a title: find_title passes it over)
    titled = [(j, ln) for j, ln in enumerate(rows) if 8 <= len(ln) <= 60 and _ENDS_AS_TITLE_RE.search(ln)
              and not _BREADCRUMB_RE.search(ln) and _title_rank(ln) < 2 and not ln.startswith(_PROSE_STARTS)]
    # a title every copy of which follows a link-list marker; the article's own title may be
    # listed again under it ("相关链接"), which does not make it another report's
    after_marker = {j for j, _ln in titled if j and _LINK_LIST_RE.match(rows[j - 1])}
    listed = {ln for j, ln in titled if j in after_marker} - {ln for j, ln in titled if j not in after_marker}
    if len({_YEAR_IN_TITLE_RE.search(ln).group() for _, ln in titled if ln not in listed}) > 1:  # type: ignore[union-attr]
        # the article's title is over the report's first words, a list under the report is not
        start = next((j for j, ln in enumerate(rows) if _REPORT_START_RE.match(ln)), len(rows))
        own = {ln for j, ln in titled if ln not in listed and j < start and j + 1 < len(rows)
               and _INFO_LINE_RE.match(rows[j + 1])}
        listed |= {ln for _, ln in titled} - own if len(own) == 1 else {ln for _, ln in titled}
    return listed


def _title_rank(title: str) -> int:
    """0: names its body and a year ("某镇2023年…"); 1: a year only ("2023年度…"); 2: neither."""
    m = _YEAR_IN_TITLE_RE.search(title)
    if m is None:
        return 2
    return 0 if re.search(r"[\u4e00-\u9fa5]{2}", title[: m.start()]) else 1
