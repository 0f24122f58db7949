"""Report metadata: report_year and region (title: `titles.py`, published_date: `dates.py`,
publisher: `publisher.py`).

report_year is the year the data covers: the title, then "统计期限自2021年1月1日", then the body's
"2025年度" — never the publish year. region is the province-level prefix plus the county-level
unit, from the publisher and site names and the county gazetteer (`places.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .text import nfkc
from .titles import REPORT_TITLE_RE

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

_YEAR = r"((?:19|20)\d\d)"
_WIDGET_RE = re.compile(_YEAR + r"年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]")
# "统计时间" also names the day the figures were pulled ("统计时间为2024年1月10日"): only a
# period after it ("统计时间自2023年1月1日…") says the year
_STAT_PERIOD_RE = re.compile(r"(?:(?:统计(?:期[限间]?|时限|时段|区间|周期|范围)|报告期)(?:为|是)?[:：]?\s*(?:自|从)?"
                             r"|统计时间(?:为|是)?[:：]?\s*(?:自|从))\s*" + _YEAR)
_STAT_TIME_RE = re.compile(r"统计时间(?:为|是)?[:：]?\s*" + _YEAR + r"(?=\s*年\s*0?1\s*月\s*0?1\s*日)")
# "自2023年1月1日起至2023年12月31日止" without a label: a calendar year is the year reported on
_CALENDAR_YEAR_RE = re.compile(_YEAR + r"\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|~)\s*\1\s*年\s*12\s*月\s*31\s*日")
_TITLE_YEAR_RE = re.compile(_YEAR + r"\s*(?:年|(?=政府信息公开))")
# A year the text compares with ("较2022年增长", "与2022年相比", "比2022年同期"): not the year covered
_NAMED_REPORT_RE = re.compile(_YEAR + r"\s*年度?\s*政府信息公开[^\n。]{0,8}?(?:年度报告|年报|工作报告)")
_COMPARED_YEAR_RE = re.compile(r"(?:较|比|(?<!参)与|同|相较于?|对比)\s*" + _YEAR + r"\s*年度?(?:同期)?")


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

    A year the text compares with is not the year covered:

    >>> report_year(None, "本年度收到申请5件,较2022年增长25%。2024年,我局将继续。", "2024-01-20") is None
    True
    >>> report_year(None, "本年度收到申请5件。\\n相关文章\\n某局2021年政府信息公开工作年度报告\\n"
    ...             "某局2022年政府信息公开工作年度报告", "2024-01-20") is None
    True
    """
    if title and REPORT_TITLE_RE.search(title) and (m := _TITLE_YEAR_RE.search(arabic_years(nfkc(title)))):
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
    text = _COMPARED_YEAR_RE.sub("", text)
    if len({m.group(1) for m in _NAMED_REPORT_RE.finditer(text)}) > 1:
        # reports of several years named ("相关文章" links in a text copy): their years say nothing
        text = _NAMED_REPORT_RE.sub("", text)
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
    >>> region_of(["河东区财政局"], "我局赴天津市学习。主办单位：山东省临沂市河东区人民政府办公室") is None
    True
    >>> region_of(["天津市河东區市场监督管理局"], "")
    '天津市'
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
    # the municipality printed with the district ("重庆市江北区"), not just somewhere on the page
    # ("赴天津市学习" on a page of 临沂市河东区)
    if ambiguous and (ambiguous[0] in re.sub(r"\s+", "", nfkc(page_text))
                      or any(n and ambiguous[1] in n for n in names)):
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
    return _county_printed_in_full(names, page_text, region_of_name)


# A name starting with a bare county-level unit ("西湖区财政局"): the unit's name, for a look-up
# of where the page prints it in full
_BARE_COUNTY_RE = re.compile(r"^([\u4e00-\u9fa5]{1,6}?(?:新区|区|县|旗))")


def _county_printed_in_full(names: list[str | None], page_text: str, region_of_name: Any) -> str | None:
    """The region of a bare county-level name the gazetteer cannot place (西湖区 is in 杭州市
    and in 南昌市; 鼓楼区 in four prefectures) when the page prints that unit after its
    prefecture ("主办单位：浙江省杭州市西湖区人民政府办公室") and names no other such place.

    >>> _county_printed_in_full(["西湖区财政局"], "主办单位：浙江省杭州市西湖区人民政府", _rn())
    '浙江省杭州市西湖区'
    >>> _county_printed_in_full(["西湖区财政局"], "杭州市西湖区 南昌市西湖区", _rn()) is None
    True
    """
    if region_of_name is None:
        return None
    from .places import SHARED_MUNICIPAL_DISTRICTS as shared
    text = re.sub(r"\s+", "", nfkc(page_text))
    for name in names:
        m = _BARE_COUNTY_RE.match(nfkc(name or ""))
        if m is None or len(county := m.group(1)) < 3 or county in shared:
            continue  # a district shared with a municipality's (河东区) has its own rule above
        found = set()
        for hit in re.finditer(re.escape(county), text):
            window = text[max(0, hit.start() - 10): hit.start()]
            for i in range(len(window) - 1):  # the longest printed prefix that places the unit
                base = region_of_name(window[i:], False)  # the prefix alone is a place ("浙江省杭州市")
                if base and region_of_name(window[i:] + county, False) == base + county:
                    found.add(base + county)
                    break
        if len(found) == 1:
            return found.pop()
        if found:
            return None  # two places printed: which one the body is in is unknown
    return None


def _rn() -> Any:  # the gazetteer look-up, for the doctests above
    from .places import region_of_name
    return region_of_name
