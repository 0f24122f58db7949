"""Report metadata: title, region, report_year, published_date (the publisher: `publisher.py`).

Sources, strongest first. published_date: the page's own 发布时间/发布日期 line, then
`<meta name="PubDate">`, then the URL's `t20220124_` date — and never the Tianjin template's frozen
"2019年12月3日星期二" widget, which has no label. report_year is the year the data covers: the title,
then "统计期限自2021年1月1日", then the body's "2025年度" — never the publish year.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .text import clean_ws, nfkc

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

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
_WIDGET_RE = re.compile(_YEAR + r"年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]")
_REPORT_TITLE_RE = re.compile(r"政府信息公开.{0,6}(?:年度报告|年报|工作报告)|信息公开年报")
# "统计时间" also names the day the figures were pulled ("统计时间为2024年1月10日"): only a
# period after it ("统计时间自2023年1月1日…") says the year
_STAT_PERIOD_RE = re.compile(r"(?:(?:统计(?:期[限间]?|时限|时段|区间|周期|范围)|报告期)(?:为|是)?[:：]?\s*(?:自|从)?"
                             r"|统计时间(?:为|是)?[:：]?\s*(?:自|从))\s*" + _YEAR)
_STAT_TIME_RE = re.compile(r"统计时间(?:为|是)?[:：]?\s*" + _YEAR + r"(?=\s*年\s*0?1\s*月\s*0?1\s*日)")
# "自2023年1月1日起至2023年12月31日止" without a label: a calendar year is the year reported on
_CALENDAR_YEAR_RE = re.compile(_YEAR + r"\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|~)\s*\1\s*年\s*12\s*月\s*31\s*日")
_TITLE_YEAR_RE = re.compile(_YEAR + r"\s*(?:年|(?=政府信息公开))")


@dataclass
class Meta:
    title: str | None = None
    publisher: str | None = None
    region: str | None = None
    report_year: int | None = None
    published_date: str | None = None


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
    for text in near:  # made lazily: the search usually stops at the first
        dates = _labelled_dates(text)
        if d := dates.get("publication") or dates.get("bare"):
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


def reads_like_title(candidate: str | None) -> bool:
    """True when `find_title` would take this candidate before any later one.

    >>> reads_like_title("某区2022年度政府信息公开工作年度报告"), reads_like_title("首页")
    (True, False)
    """
    return bool(candidate) and _REPORT_TITLE_RE.search(clean_ws(candidate or "")) is not None


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
        if _REPORT_TITLE_RE.search(value):
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
    """
    titles = [c for c in (clean_ws(c or "") for c in candidates) if c and _REPORT_TITLE_RE.search(c)]
    # a column banner ("政府信息公开年报" in an <h1>) reads like a title but names no year
    for cand in sorted(titles, key=_title_rank):
        # "… - 某区人民政府": the site's name is a part of its own, before or after the title
        parts = [p.strip() for p in re.split(r"[_|]|--|\s[-–—]\s", cand) if p.strip()]
        # the part that names a report and a year, not the column's name ("…_政府信息公开年报_…")
        at = next((i for i, p in enumerate(parts) if _REPORT_TITLE_RE.search(p) and _title_rank(p) < 2), None)
        if at is None:
            return parts[0] if parts else cand
        if at and _title_rank(parts[at]) == 1 and len(parts[at - 1]) <= 20:
            return parts[at - 1] + parts[at]  # "某局 - 2023年…年度报告": the body, then its report
        return parts[at]
    lines: list[str] = []
    for i, text in enumerate(itertools.chain((body_text,), around)):
        for line in text.splitlines()[:40]:
            line = clean_ws(line)
            if i == 0 and (m := _TITLE_SPAN_RE.match(line)) and _META_AFTER_RE.search(line, m.end()):
                return m.group(1)  # lines joined in a text copy: "…年度报告 来源：… 时间：…"
            if i == 0 and (m := _CRUMB_TITLE_RE.match(line)) and _META_AFTER_RE.search(line, m.end()) \
                    and not _CRUMB_WORDS_RE.search(m.group(1)) and not _NEIGHBOUR_RE.search(line, 0, m.start(1)):
                return m.group(1)  # the same after the breadcrumb: "当前位置：首页 > 年报 某镇2023年…年度报告 来源：…"
            if 8 <= len(line) <= 60 and _ENDS_AS_TITLE_RE.search(line) and not line.startswith(_PROSE_STARTS) \
                    and not _BREADCRUMB_RE.search(line):
                lines.append(line)
                if _title_rank(line) == 0:
                    return line  # a year and the body before it: the search can stop
    if lines:
        return min(lines, key=_title_rank)  # the first of the best kind
    for cand in candidates:
        if cand and clean_ws(cand):
            return clean_ws(cand)
    return None


def _title_rank(title: str) -> int:
    """0: names its body and a year ("某镇2023年…"); 1: a year only ("2023年度…"); 2: neither."""
    m = _YEAR_IN_TITLE_RE.search(title)
    if m is None:
        return 2
    return 0 if re.search(r"[\u4e00-\u9fa5]{2}", title[: m.start()]) else 1


def _year_text(body_text: str) -> str:
    return _WIDGET_RE.sub("", arabic_years(nfkc(body_text)))


def _period(text: str) -> re.Match[str] | None:
    return _STAT_PERIOD_RE.search(text) or _STAT_TIME_RE.search(text) or _CALENDAR_YEAR_RE.search(text)


def report_year(title: str | None, body_text: str, published: str | None = None) -> int | None:
    """Year the data covers.

    >>> report_year("某区2022年度政府信息公开工作年度报告", "")
    2022
    >>> report_year(None, "本报告统计期限自2021年1月1日起至2021年12月31日止")
    2021
    >>> report_year("某局2024年政府信息公开工作年度报告", "统计期限自2023年1月1日起", "2024-01-20")
    2023
    >>> report_year("某局2024年政府信息公开工作年度报告", "统计期限自2023年1月1日起", "2025-01-20")
    2024
    >>> report_year(None, "天津市静海区人民政府\\n2019年12月3日星期二\\n现将2025年工作情况报告如下。2025年度,我镇未收到申请")
    2025

    With only scattered year mentions, the year before publication wins when the text names it
    (reports come out in the first months of the next year; plans for that year mention it too):

    >>> report_year(None, "2021年,我办收到申请3件。2022年,我办将继续深化公开;2022年重点", "2022-01-20")
    2021
    >>> report_year(None, "2019年,某镇收到申请2件。2020年度,我镇将加强公开。", "2020-12-16")
    2019
    >>> report_year(None, "2024年,我局将继续深化公开。", "2024-01-18") is None
    True
    """
    if title and _REPORT_TITLE_RE.search(title) and (m := _TITLE_YEAR_RE.search(arabic_years(nfkc(title)))):
        year = int(m.group(1))
        if published and published[:4] == str(year) and published[5:7].isdigit() and int(published[5:7]) <= 6 \
                and (period := _period(_year_text(body_text))) and int(period.group(1)) == year - 1:
            # a title naming the year it came out in ("某局2024年…年度报告", published 2024-01),
            # with the statistics period of the year before: the period says what is covered
            return year - 1
        return year
    text = _year_text(body_text)
    if period := _period(text):
        return int(period.group(1))
    if m := re.search(r"现将" + _YEAR + r"\s*年", text):
        return int(m.group(1))
    annual = Counter(int(y) for y in re.findall(_YEAR + r"\s*年度", text))
    any_year = Counter(int(y) for y in re.findall(_YEAR + r"\s*年(?!\s*\d{1,2}\s*月)", text))
    prior = int(published[:4]) - 1 if published and published[:4].isdigit() else None
    if prior is not None and (prior in annual or prior in any_year):
        return prior
    if prior is not None and published is not None and published[5:7].isdigit():
        # in the first half of a year, that year and later are plans ("2025年，我镇将…"), not
        # the year covered (a summary published in December may cover its own year)
        limit = prior + 1 if int(published[5:7]) >= 7 else prior
        annual = Counter({y: n for y, n in annual.items() if y <= limit})
        any_year = Counter({y: n for y, n in any_year.items() if y <= limit})
    counts = annual or any_year
    if counts:
        return max(sorted(counts), key=counts.get)
    return None


# 〇 is often typed as a digit zero or a Latin O ("二0二三年", "二O二三年"): after 二 (or 一九) those
# are the same numeral; a run must still start as a year of this era does.
_ZERO = "〇○零0OoΟ"
_CN_YEAR_RE = re.compile(f"((?:二[{_ZERO}]|一九)[{_ZERO}一二三四五六七八九]{{2}})(?=\\s*年)")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys(_ZERO, "0")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals ("二〇二二年") as digits, for the year patterns.

    >>> arabic_years("某局二〇二二年政府信息公开工作年度报告")
    '某局2022年政府信息公开工作年度报告'
    >>> arabic_years("某镇二0二三年报告，二O二四年计划，一九九九年")
    '某镇2023年报告，2024年计划，1999年'
    """
    if "二" not in text and "一九" not in text:
        return text
    return _CN_YEAR_RE.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)), text)


_PLACE_PART_RE = re.compile(r".+?(?:特别行政区|自治区|自治州|自治县|地区|省|盟|市|区|县|旗)")


def region_of(names: list[str | None], page_text: str) -> str | None:
    """Province-level prefix plus the county-level unit, read from the publisher and site names.

    >>> region_of(["天津市静海区人民政府"], "")
    '天津市静海区'
    >>> region_of(["平潭综合实验区财政金融局"], "依据《福建省政府信息公开办法》，福建省人民政府")
    '福建省平潭综合实验区'
    >>> region_of(["区市场监管局"], ""), region_of(["南市街道"], "")
    (None, None)
    >>> region_of(["江北区庄桥街道办事处", "宁波市江北区人民政府"], ""), region_of(["江北区某街道"], "重庆市江北区")
    ('浙江省宁波市江北区', '重庆市江北区')
    >>> region_of(["浦东新区司法局"], ""), region_of(["江北区司法局"], "")
    ('上海市浦东新区', None)
    """
    try:
        from .places import SHARED_MUNICIPAL_DISTRICTS, region_of_name
    except ImportError:  # the gazetteer is optional data
        region_of_name = None  # type: ignore[assignment]
    ambiguous = None
    # names that print their province, prefecture or municipality first, then names the county
    # gazetteer places alone (it dates from ~2016: a site name "深圳市龙华区" beats it, and it
    # only refines what a printed name says: 长春市 + 公主岭市 → 吉林省长春市公主岭市)
    found_by: dict[bool, str] = {}
    for gazetteer in (False, True):
        for name in names:
            if not name or region_of_name is None or not (found := region_of_name(nfkc(name), gazetteer)):
                continue
            mun = next((m for m in MUNICIPALITIES if found.startswith(m)), None)
            if mun and not nfkc(name).startswith(mun) and found[len(mun):] in SHARED_MUNICIPAL_DISTRICTS:
                # a bare district name shared with a municipality's district (江北区, 普陀区,
                # 通州区, 河东区): only believed when nothing names another place
                ambiguous = ambiguous or (found, mun)
                continue
            found_by[gazetteer] = found
            break
        if False in found_by and True in found_by:
            break
    printed, placed = found_by.get(False), found_by.get(True)
    if printed and placed and len(placed) > len(printed) and \
            all(part in placed for part in _PLACE_PART_RE.findall(printed)):
        return placed  # every part of the printed place is in the placed one, which adds to it
    if printed or placed:
        return printed or placed
    if ambiguous and (ambiguous[1] in page_text or any(n and ambiguous[1] in n for n in names)):
        return ambiguous[0]
    for name in names:
        if not name:
            continue
        n = re.sub(r"^(?:中共|中国共产党|国家税务总局)", "", nfkc(name))
        for mun in MUNICIPALITIES:
            if n.startswith(mun) and (m := re.match(re.escape(mun) + r"(.{1,6}?(?:新区|区|县))", n)):
                return mun + m.group(1)
        prov = next((p for p in PROVINCES if n.startswith(p)), None)
        rest = n[len(prov):] if prov else n
        m = re.match(r"(.{2,10}?(?:自治州|地区|盟|市))?(.{1,8}?(?:实验区|新区|区|县|旗|市))", rest)
        if not m or (prov is None and m.group(1) is None) or len(m.group(2)) < 2 or m.group(2)[0] in "区县市旗":
            continue  # "区市场监管局", "南市街道": not a place name the text can vouch for
        if prov is None:
            counts = Counter(p for p in re.findall("|".join(PROVINCES), nfkc(page_text)) if p not in MUNICIPALITIES)
            prov = counts.most_common(1)[0][0] if counts else ""
        return prov + (m.group(1) or "") + m.group(2)
    return None
