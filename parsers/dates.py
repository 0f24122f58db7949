"""Publication dates: the article's own 发布时间/发布日期 field, `<meta name="PubDate">`, the URL date.

Sources, strongest first: the labelled date line near the article body, then the page's
metadata, then the URL's `t20220124_` (TRS) or `/art/2023/1/17/` (Hanweb) date, then a labelled
document date (成文日期). Never the Tianjin template's frozen "2019年12月3日星期二" widget, which has
no label, nor a 发布日期 elsewhere on the page (it belongs to another article in a list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import nfkc

_YEAR = r"((?:19|20)\d\d)"
_PUBLICATION_LABELS = ("发布", "公开", "上载", "发稿", "公布")
_DOCUMENT_LABELS = ("发文", "成文", "生成")
_DATE_WORD_RE = re.compile(r"时[ \u3000]{0,4}间|日[ \u3000]{0,4}期")  # "日　　期：" is padded to align
_DATE_KINDS = frozenset(("publication", "bare", "document"))
# A bare "时间：" / "日期：" (Pingtan's "来源：… 时间：2022-01-25 10:18") needs its colon and no
# other word in front ("统计时间", "更新时间" are not the publication date).
_DATE_LABEL_RE = re.compile(
    r"(发布|发文|成文|生成|公开|上载|发稿|公布|(?<![\u4e00-\u9fa5]))(?:时\s{0,4}间|日\s{0,4}期)\s*(?(1)[:：]?|[:：])\s*[\[【(（]?\s*"
    + _YEAR + r"\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
# "发布时间：" with nothing after it (or the next field's label): the field is printed empty
_EMPTY_FIELD_RE = re.compile(r"(?:发布|公开|上载|发稿|公布)(?:时间|日期)\s*[:：]\s*(?:$|[^\s\d〇零一二三四五六七八九\[【(（])")
_WEEKDAY_RE = re.compile(r"\s*日?\s*(?:星期|周|礼拜)[一二三四五六日天]")
_ISO_RE = re.compile(_YEAR + r"\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# TRS "/t20220124_5789233.html", Hanweb "/art/2023/1/17/art_1229_123.html"
_URL_DATE_RE = re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+|/art/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/art_")


# "[2022-02-05]　来源：某局": the article's info line printing its date with no label, beside its
# 来源 field. Only the numeric form: a "2024年1月20日" on a line is as likely a signature or a
# widget ("2019年12月3日星期二") as the article's date.
# The date stands on its own in the line (after a space, a separator or an opening bracket, before
# a space, a separator, a closing bracket or the line's end): not the tail of an index number ("索引号：…/2024-01-05"),
# a phrase ("更新于2023-05-06") or one end of a range ("2023-01-01至2023-12-31").
_SOURCE_LINE_DATE_RE = re.compile(r"(?:^|(?<=[\s\[【(|丨·]))" + _YEAR + r"[-/](\d{1,2})[-/](\d{1,2})(?=$|[\s\]】)|丨·]|来源)")
# A line naming another article (a "latest"/"上一篇" link beside a 来源 field): its date is that one's
_OTHER_ARTICLE_RE = re.compile(r"上一篇|下一篇|年度报告|年报")
_LABEL_BEFORE_RE = re.compile(r"[\u4e00-\u9fa5]\s*[:：]\s*[\[【(（]?\s*$")


def _source_line_date(text: str) -> str | None:
    """The one numeric date on a line of `text` that also holds a 来源 field; None when no such
    line has exactly one (a line running into a related-articles list has several).

    >>> _source_line_date("某局年报\\n[2022-02-05]　来源：某局\\n一、总体情况")
    '2022-02-05'
    >>> _source_line_date("来源：某局 [2022-02-05] 某局2021年年报 [2021-01-03]") is None
    True
    >>> _source_line_date("来源：某局 更新时间：2024-02-01") is None
    True
    >>> _source_line_date("来源：某局 统计期间：2023-01-01至2023-12-31"), _source_line_date("来源：某局(更新于2023-05-06)")
    (None, None)
    >>> _source_line_date("最新：某区2022年年报 来源：某区 2023-01-05") is None
    True
    >>> _source_line_date("来源：某局|2024-01-18|浏览：3"), _source_line_date("2024-01-18来源：某局")
    ('2024-01-18', '2024-01-18')
    """
    for line in text.splitlines():
        if "来源" not in line:
            continue
        line = nfkc(line)
        if _OTHER_ARTICLE_RE.search(line):
            return None
        # a date under a label not read above ("更新时间：", "统计日期：") is not the article's
        found = {d for m in _SOURCE_LINE_DATE_RE.finditer(line)
                 if not _LABEL_BEFORE_RE.search(line, 0, m.start()) and (d := _ymd(*m.groups()))}
        return found.pop() if len(found) == 1 else None
    return None


def _ymd(y: str, m: str, d: str) -> str | None:
    mi, di = int(m), int(d)
    if not (1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{int(y):04d}-{mi:02d}-{di:02d}"


def published_date(page_text: str, meta: dict[str, str], url: str | None, near: Iterable[str] = ()) -> str | None:
    """The article's own publication date line (in the texts `near` the body: its info line,
    the text after its title), then meta PubDate, then the URL date, then a labelled document
    date (成文日期). A 发布日期 elsewhere on the page is another article's ("相关文章" lists).

    >>> info = "来源：某镇 发布时间：2022-01-24 10:32"
    >>> published_date("天津市静海区人民政府 2019年12月3日星期二\\n" + info, {}, None, (info,))
    '2022-01-24'
    >>> published_date("2019年12月3日星期二", {}, None) is None
    True
    >>> info = "成文日期：2022-01-20 索引号：x 发布日期：2022-01-24"
    >>> published_date(info, {}, None, (info,))
    '2022-01-24'
    >>> published_date("", {"pubdate": "2026-01-21 09:00"}, "http://x/t20260121_1.html")
    '2026-01-21'
    >>> published_date("", {}, "http://x/202012/t20201216_5027386.html")
    '2020-12-16'
    >>> published_date("", {}, "http://www.nb.gov.cn/art/2023/1/17/art_1229_123.html")
    '2023-01-17'
    >>> published_date("最新动态 发布日期：2023-05-06 发布日期：2022-01-24", {}, None, ("发布日期：2022-01-24 正文",))
    '2022-01-24'
    >>> line = "来源：区民政局 时间：2022-01-25 10:18"
    >>> published_date(line, {"pubdate": "2022-12-16"}, None, (line,))
    '2022-01-25'
    >>> published_date("相关文章 发布日期：2023-01-16", {"pubdate": "2024-01-20 09:30"}, None)
    '2024-01-20'
    >>> published_date("相关文章 发布日期：2023-01-16", {}, None) is None
    True
    >>> published_date("相关 发布日期：2023-01-16 成文日期：2024-01-10", {}, None)
    '2024-01-10'

    An article whose own date field is empty gets no date from the lists around it:

    >>> near = ("来源：区民政局 发布时间： 浏览次数：12",)
    >>> published_date("相关文章 发布日期：2023-05-06", {}, None, near) is None
    True
    >>> published_date("相关文章 发布日期：2023-05-06", {}, "http://x/t20220124_1.html", near)
    '2022-01-24'
    """
    dates: dict[str, str] = {}
    source_line_read = False
    for text in near:  # made lazily: the search usually stops at the first
        dates = _labelled_dates(text)
        if d := dates.get("publication") or dates.get("bare"):
            return d
        # only the nearest text with a 来源 line: that line is the article's own; 来源 lines
        # further out (a footer, a box beside the article) are other items'
        if not source_line_read and "来源" in text:
            source_line_read = True
            if "publication_empty" not in dates and (d := _source_line_date(text)):
                return d
        if "publication_empty" in dates:
            # the article's own 发布时间 field is printed empty: dates further out belong to
            # other articles ("相关文章" lists), so only the page's metadata can tell
            break
    for key in ("pubdate", "publishdate", "firstpublishedtime", "dc.date", "date"):
        if key in meta and (m := _ISO_RE.search(nfkc(meta[key]))) and (d := _ymd(*m.groups())):
            return d
    if url and (m := _URL_DATE_RE.search(url)) and (d := _ymd(*[g for g in m.groups() if g is not None])):
        return d
    # the date the document was signed (成文日期): better than nothing, worst of all
    return dates.get("document") or _labelled_dates(page_text).get("document")


def _labelled_dates(text: str) -> dict[str, str]:
    """The first date after each kind of label: "publication" (发布/公开/上载时间),
    "bare" (a lone 时间：/日期：) and "document" (成文/发文/生成日期, which TRS info-disclosure
    pages print in the same metadata block as the publication date). One pass over the text.

    A publication field printed empty ("publication_empty") ends the search at the end of its
    line: dates on later lines belong to other articles.

    >>> _labelled_dates("来源：某局 发布时间： 浏览：3\\n相关文章 发布日期：2023-05-06")
    {'publication_empty': ''}
    >>> _labelled_dates("发布时间： 公开日期：2023-05-06\\n")
    {'publication_empty': '', 'publication': '2023-05-06'}
    >>> _labelled_dates("发稿时间：2024-01-25"), _labelled_dates("日　　期：2024年1月25日")
    ({'publication': '2024-01-25'}, {'bare': '2024-01-25'})
    >>> _labelled_dates("日期：2026年3月5日 星期四 来源：某局 时间：2024-01-18")
    {'bare': '2024-01-18'}
    """
    found: dict[str, str] = {}
    empty_at = -1
    # the literal "时间"/"日期" is found fast; the label is the two characters before it
    for hit in _DATE_WORD_RE.finditer(text):
        p = hit.start()
        if 0 <= empty_at < p:
            break  # past the info line whose date field is empty: other articles' dates
        prefix = text[p - 2:p] if p >= 2 else ""
        if prefix in _PUBLICATION_LABELS:
            kind, start = "publication", p - 2
        elif prefix in _DOCUMENT_LABELS:
            kind, start = "document", p - 2
        elif p == 0 or not _is_cjk(text[p - 1]):
            kind, start = "bare", p
        else:
            continue  # 统计时间, 更新时间, 办理时间…
        if kind in found:
            continue
        # NFKC of a whole page is costly: normalise only a window after each date label
        window = nfkc(text[start: start + 48])
        m = _DATE_LABEL_RE.match(window)
        if m and kind == "bare" and _WEEKDAY_RE.match(window, m.end()):
            continue  # "日期：2026年3月5日 星期四": the header's today widget, not the article's date
        if m and (d := _ymd(*m.groups()[1:])):
            found[kind] = d
            if _DATE_KINDS <= found.keys():
                break
        elif kind == "publication" and empty_at < 0 and _EMPTY_FIELD_RE.match(window):
            found["publication_empty"] = ""
            end = text.find("\n", p)
            empty_at = end if end >= 0 else len(text)
    return found


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fa5"
