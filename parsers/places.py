"""Chinese administrative divisions, for locating the issuer of an annual report.

Lookups over the division tables (data in ``divisions.py``, county-level units in
``counties.py``), no I/O:

* ``COUNTY_PREFECTURE`` -- county-level units under a prefecture whose name is unique
  nationwide (from ``parsers/counties.py``), mapped to their prefecture.
* :func:`county_prefix` -- the gazetteer's county-level unit a name starts with, and its prefecture.
* :func:`province_of` -- the province an organisation or place name belongs to.
* :func:`region_of_name` -- "<province><prefecture?><county-level unit>" for a name.

Only full names are recognised (``石家庄市`` but not ``石家庄``), so that short names
never produce false positives.
"""

from __future__ import annotations

import re

from .divisions import MUNICIPAL_DISTRICTS, PREFECTURES, PROVINCES, SPECIAL_COUNTY_LEVEL

# County-level units under a prefecture (parsers/counties.py, ~2016), by name -> prefecture. A
# name found under two parents (鼓楼区, 江北区, 朝阳区 …) is left out: it needs its prefecture
# printed to be placed, and the lookups below fall back to the page's own words.
_TOO_GENERIC = ("东区", "西区")  # 攀枝花's two districts: words first, places second


def _county_parents() -> dict[str, str | None]:
    from .counties import COUNTIES_BY_PREFECTURE

    parents: dict[str, str | None] = {}
    for pref, units in COUNTIES_BY_PREFECTURE.items():
        for unit in units.split():
            parents[unit] = None if unit in parents else pref
    for unit in (*MUNICIPAL_DISTRICTS, *SPECIAL_COUNTY_LEVEL, *_TOO_GENERIC):
        if unit in parents:
            parents[unit] = None
    return parents


_COUNTY_PARENT: dict[str, str | None] = _county_parents()
COUNTY_PREFECTURE: dict[str, str] = {u: p for u, p in _COUNTY_PARENT.items() if p is not None}
# Districts of 北京/天津/上海/重庆 whose name a county elsewhere also bears (江北区, 朝阳区, 普陀区):
# a page naming one without its municipality may mean either. The others (浦东新区, 静海区) are unique.
SHARED_MUNICIPAL_DISTRICTS: frozenset[str] = frozenset(d for d in MUNICIPAL_DISTRICTS if d in _COUNTY_PARENT)


def _gazetteer_unit(unit: str) -> str | None:
    """The prefecture of a county-level unit, also under its name after a county became a
    district (沙县 → 沙县区, 即墨市 → 即墨区, 新津县 → 新津区: the prefecture stays)."""
    if unit in _COUNTY_PARENT:
        return _COUNTY_PARENT[unit]
    if unit.endswith("区") and len(unit) >= 3:
        stem = unit[:-1]
        hits = {_COUNTY_PARENT.get(old) for old in (stem, stem + "县", stem + "市") if old in _COUNTY_PARENT}
        if len(hits) == 1:
            return hits.pop()
    return None


def county_prefix(name: str) -> tuple[str, str] | None:
    """``(unit, prefecture)`` for the gazetteer's county-level unit *name* starts with.

    >>> county_prefix("微山县两城镇人民政府"), county_prefix("沙县区人民政府")
    (('微山县', '济宁市'), ('沙县区', '三明市'))
    >>> county_prefix("鼓楼区人民政府") is None, county_prefix("县人民政府") is None
    (True, True)
    """
    for n in range(min(len(name), 12), 1, -1):
        head = name[:n]
        if head[-1] in "区县市旗" and (pref := _gazetteer_unit(head)):
            return head, pref
    return None


# Accepted spellings of each province: the full name plus common variants
# ("广西自治区", "香港特区").  Longest first so that prefixes never shadow.
_AUTONOMOUS_SHORT = {
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}
_PROVINCE_SPELLINGS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [(p, p) for p in PROVINCES]
        + [(short + "自治区", p) for short, p in _AUTONOMOUS_SHORT.items() if short + "自治区" != p]
        + [("香港特区", "香港特别行政区"), ("澳门特区", "澳门特别行政区")],
        key=lambda sp: -len(sp[0]),
    )
)

# All sub-provincial keys, longest first: (name, province, kind).
_UNITS: tuple[tuple[str, str, str], ...] = tuple(
    sorted(
        [(k, v, "pref") for k, v in PREFECTURES.items()]
        + [(k, v, "muni") for k, v in MUNICIPAL_DISTRICTS.items()]
        + [(k, v, "special") for k, v in SPECIAL_COUNTY_LEVEL.items()],
        key=lambda u: -len(u[0]),
    )
)

# Characters that never occur in a county-level name but are common in agency names
# (教育局, 人民政府, 年度报告 ...): a county candidate may not run across them.
_STOP = "局委厅办院校处室队所司组署人报告的财税教育执督统态健术规划设输急境位"
_CJK = rf"(?:(?![{_STOP}区县旗])[\u4e00-\u9fff])"
# County-level names that contain a suffix character themselves (shortest match would cut them).
_SUFFIX_INSIDE = ("红旗区", "津市市", "沙市区", "梅县区", "辉县市", "社旗县", "新市区", "西市区", "沙县区", "赣县区")
# ("…市场监督管理局": 市场 is no city, "河东區市场监督管理局" names no county this reads)
_COUNTY_RE = re.compile(rf"{_CJK}{{1,14}}?自治[县旗]|{_CJK}{{1,8}}?(?:[区县旗]|市(?!场))")
# Candidates that look like a county-level unit but are generic words.
_NOT_COUNTY = frozenset(
    "城市 市区 辖区 全市 本市 全区 本区 全县 本县 各市 各区 各县 该市 该区 该县 社区 小区 景区 片区 新区 园区 开发区".split()
)


def _province_prefix(name: str) -> tuple[str, str] | None:
    """Return ``(province, matched_prefix)`` if *name* starts with a province spelling."""
    for spelling, prov in _PROVINCE_SPELLINGS:
        if name.startswith(spelling):
            return prov, spelling
    return None


_UNITS_BY_FIRST: dict[str, tuple[tuple[str, str, str], ...]] = {}
for _u in _UNITS:  # longest first within each initial, as in _UNITS
    _UNITS_BY_FIRST[_u[0][0]] = (*_UNITS_BY_FIRST.get(_u[0][0], ()), _u)


def _unit_prefix(name: str, province: str | None = None) -> tuple[str, str, str] | None:
    """Longest PREFECTURES/MUNICIPAL_DISTRICTS/SPECIAL_COUNTY_LEVEL key *name* starts with."""
    for unit, prov, kind in _UNITS_BY_FIRST.get(name[:1], ()):
        if (province is None or prov == province) and name.startswith(unit):
            return unit, prov, kind
    return None


def _county_prefix(rest: str) -> str | None:
    """The county-level unit (…区/县/市/旗/自治县) at the start of *rest*, if any."""
    for county in _SUFFIX_INSIDE:
        if rest.startswith(county):
            return county
    m = _COUNTY_RE.match(rest)
    if m and m.group() not in _NOT_COUNTY:
        return m.group()
    return None


def province_of(name: str) -> str | None:
    """Province-level full name for an organisation or place name, or None.

    >>> province_of("平潭综合实验区财政金融局")
    '福建省'
    >>> province_of("石家庄市长安区")
    '河北省'
    >>> province_of("延边朝鲜族自治州教育局")
    '吉林省'
    >>> province_of("天津市静海区中旺镇")
    '天津市'
    >>> province_of("内蒙古自治区人民政府办公厅")
    '内蒙古自治区'
    >>> province_of("广西自治区南宁市")
    '广西壮族自治区'
    >>> province_of("吉林市船营区")
    '吉林省'
    >>> province_of("海南藏族自治州")
    '青海省'
    >>> province_of("浦东新区")
    '上海市'
    >>> province_of("石家庄教育局") is None
    True
    >>> province_of("微山县两城镇")
    '山东省'
    """
    name = _PARTY_PREFIX_RE.sub("", name.strip())  # 中共…工委宣传部: the party body of that place
    hit = _province_prefix(name)
    if hit:
        return hit[0]
    unit = _unit_prefix(name)
    if unit:
        return unit[1]
    county = county_prefix(name)
    return PREFECTURES[county[1]] if county else None


_PARTY_PREFIX_RE = re.compile(r"^(?:中共|中国共产党)")


# Names a unit goes by that are not its division name: Pingtan's pages print "平潭县人民政府"
# as their source, but the 区 is administered as 平潭综合实验区.
NAME_ALIASES = {"平潭县": "平潭综合实验区"}


def region_of_name(name: str, gazetteer: bool = True) -> str | None:
    """``"<province><prefecture?><county-level unit?>"`` for a name, or None.

    >>> region_of_name("天津市静海区中旺镇人民政府")
    '天津市静海区'
    >>> region_of_name("平潭综合实验区财政金融局")
    '福建省平潭综合实验区'
    >>> region_of_name("河北省石家庄市长安区人民政府")
    '河北省石家庄市长安区'
    >>> region_of_name("石家庄市长安区教育局")
    '河北省石家庄市长安区'
    >>> region_of_name("石家庄市教育局")
    '河北省石家庄市'
    >>> region_of_name("浦东新区")
    '上海市浦东新区'
    >>> region_of_name("延边朝鲜族自治州长白朝鲜族自治县人民政府")
    '吉林省延边朝鲜族自治州长白朝鲜族自治县'
    >>> region_of_name("锡林郭勒盟正蓝旗财政局")
    '内蒙古自治区锡林郭勒盟正蓝旗'
    >>> region_of_name("重庆市两江新区管理委员会")
    '重庆市两江新区'
    >>> region_of_name("湖北省仙桃市")
    '湖北省仙桃市'
    >>> region_of_name("河北省人民政府办公厅")
    '河北省'
    >>> region_of_name("深圳市城市管理和综合执法局")
    '广东省深圳市'
    >>> region_of_name("三明市沙县区人民政府"), region_of_name("中共平潭综合实验区工委宣传部")
    ('福建省三明市沙县区', '福建省平潭综合实验区')
    >>> region_of_name("某某大学") is None
    True
    >>> region_of_name("微山县两城镇人民政府"), region_of_name("江苏省昆山市教育局")
    ('山东省济宁市微山县', '江苏省苏州市昆山市')
    >>> region_of_name("微山县两城镇人民政府", gazetteer=False) is None, region_of_name("平潭县人民政府")
    (True, '福建省平潭综合实验区')
    """
    name = _PARTY_PREFIX_RE.sub("", name.strip())  # 中共…工委宣传部: the party body of that place
    for alias, official in NAME_ALIASES.items():
        if name.startswith(alias):
            name = official + name[len(alias):]
    hit = _province_prefix(name)
    if hit:
        province, prefix = hit
        rest = name[len(prefix) :]
        unit = _unit_prefix(rest, province)
        if unit is None:
            if gazetteer and (hit := county_prefix(rest)) and PREFECTURES[hit[1]] == province:
                return province + hit[1] + hit[0]  # "江苏省昆山市": 昆山 is in 苏州市
            county = _county_prefix(rest)
            return province + (county or "")
        region, rest = province + unit[0], rest[len(unit[0]) :]
    else:
        unit = _unit_prefix(name)
        if unit is None:
            county = county_prefix(name) if gazetteer else None  # "微山县两城镇": the gazetteer knows its prefecture
            return PREFECTURES[county[1]] + county[1] + county[0] if county else None
        region, rest = unit[1] + unit[0], name[len(unit[0]) :]
    if unit[2] == "pref":
        region += _county_prefix(rest) or ""
    return region
