"""Chinese administrative divisions, for locating the issuer of an annual report.

Pure data plus two small helpers, no I/O and no dependencies:

* ``PROVINCES`` -- the 34 provincial-level divisions, full official names.
* ``PREFECTURES`` -- every prefecture-level division (地级市, 地区, 自治州, 盟; 333 as of
  2024) mapped to its province.
* ``MUNICIPAL_DISTRICTS`` -- every district/county of 北京, 天津, 上海 and 重庆.
* ``SPECIAL_COUNTY_LEVEL`` -- county-level units that are usually named without a
  prefecture (national new areas, 省直辖 cities/counties, 兵团 cities, ...).
* ``COUNTY_PREFECTURE`` -- county-level units under a prefecture whose name is unique
  nationwide (from ``parsers/counties.py``), mapped to their prefecture.
* :func:`province_of` -- the province an organisation or place name belongs to.
* :func:`region_of_name` -- "<province><prefecture?><county-level unit>" for a name.

Only full names are recognised (``石家庄市`` but not ``石家庄``), so that short names
never produce false positives.
"""

from __future__ import annotations

import re

PROVINCES: tuple[str, ...] = (
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
    "台湾省",
    "香港特别行政区",
    "澳门特别行政区",
)

MUNICIPALITIES: tuple[str, ...] = ("北京市", "天津市", "上海市", "重庆市")

# Prefecture-level divisions per province (space separated, in official order).
_PREFECTURES_BY_PROVINCE: dict[str, str] = {
    "河北省": "石家庄市 唐山市 秦皇岛市 邯郸市 邢台市 保定市 张家口市 承德市 沧州市 廊坊市 衡水市",
    "山西省": "太原市 大同市 阳泉市 长治市 晋城市 朔州市 晋中市 运城市 忻州市 临汾市 吕梁市",
    "内蒙古自治区": (
        "呼和浩特市 包头市 乌海市 赤峰市 通辽市 鄂尔多斯市 呼伦贝尔市 巴彦淖尔市 乌兰察布市"
        " 兴安盟 锡林郭勒盟 阿拉善盟"
    ),
    "辽宁省": (
        "沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市 盘锦市 铁岭市 朝阳市 葫芦岛市"
    ),
    "吉林省": "长春市 吉林市 四平市 辽源市 通化市 白山市 松原市 白城市 延边朝鲜族自治州",
    "黑龙江省": (
        "哈尔滨市 齐齐哈尔市 鸡西市 鹤岗市 双鸭山市 大庆市 伊春市 佳木斯市 七台河市 牡丹江市"
        " 黑河市 绥化市 大兴安岭地区"
    ),
    "江苏省": (
        "南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市"
    ),
    "浙江省": "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市",
    "安徽省": (
        "合肥市 芜湖市 蚌埠市 淮南市 马鞍山市 淮北市 铜陵市 安庆市 黄山市 滁州市 阜阳市 宿州市"
        " 六安市 亳州市 池州市 宣城市"
    ),
    "福建省": "福州市 厦门市 莆田市 三明市 泉州市 漳州市 南平市 龙岩市 宁德市",
    "江西省": "南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市",
    "山东省": (
        "济南市 青岛市 淄博市 枣庄市 东营市 烟台市 潍坊市 济宁市 泰安市 威海市 日照市 临沂市"
        " 德州市 聊城市 滨州市 菏泽市"
    ),
    "河南省": (
        "郑州市 开封市 洛阳市 平顶山市 安阳市 鹤壁市 新乡市 焦作市 濮阳市 许昌市 漯河市 三门峡市"
        " 南阳市 商丘市 信阳市 周口市 驻马店市"
    ),
    "湖北省": (
        "武汉市 黄石市 十堰市 宜昌市 襄阳市 鄂州市 荆门市 孝感市 荆州市 黄冈市 咸宁市 随州市"
        " 恩施土家族苗族自治州"
    ),
    "湖南省": (
        "长沙市 株洲市 湘潭市 衡阳市 邵阳市 岳阳市 常德市 张家界市 益阳市 郴州市 永州市 怀化市"
        " 娄底市 湘西土家族苗族自治州"
    ),
    "广东省": (
        "广州市 韶关市 深圳市 珠海市 汕头市 佛山市 江门市 湛江市 茂名市 肇庆市 惠州市 梅州市"
        " 汕尾市 河源市 阳江市 清远市 东莞市 中山市 潮州市 揭阳市 云浮市"
    ),
    "广西壮族自治区": (
        "南宁市 柳州市 桂林市 梧州市 北海市 防城港市 钦州市 贵港市 玉林市 百色市 贺州市 河池市 来宾市 崇左市"
    ),
    # 儋州市 has been prefecture-level since 2015.
    "海南省": "海口市 三亚市 三沙市 儋州市",
    "四川省": (
        "成都市 自贡市 攀枝花市 泸州市 德阳市 绵阳市 广元市 遂宁市 内江市 乐山市 南充市 眉山市"
        " 宜宾市 广安市 达州市 雅安市 巴中市 资阳市 阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州"
    ),
    "贵州省": (
        "贵阳市 六盘水市 遵义市 安顺市 毕节市 铜仁市 黔西南布依族苗族自治州 黔东南苗族侗族自治州"
        " 黔南布依族苗族自治州"
    ),
    "云南省": (
        "昆明市 曲靖市 玉溪市 保山市 昭通市 丽江市 普洱市 临沧市 楚雄彝族自治州 红河哈尼族彝族自治州"
        " 文山壮族苗族自治州 西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州"
        " 迪庆藏族自治州"
    ),
    "西藏自治区": "拉萨市 日喀则市 昌都市 林芝市 山南市 那曲市 阿里地区",
    "陕西省": "西安市 铜川市 宝鸡市 咸阳市 渭南市 延安市 汉中市 榆林市 安康市 商洛市",
    "甘肃省": (
        "兰州市 嘉峪关市 金昌市 白银市 天水市 武威市 张掖市 平凉市 酒泉市 庆阳市 定西市 陇南市"
        " 临夏回族自治州 甘南藏族自治州"
    ),
    "青海省": (
        "西宁市 海东市 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州"
        " 海西蒙古族藏族自治州"
    ),
    "宁夏回族自治区": "银川市 石嘴山市 吴忠市 固原市 中卫市",
    "新疆维吾尔自治区": (
        "乌鲁木齐市 克拉玛依市 吐鲁番市 哈密市 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州"
        " 阿克苏地区 克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区"
    ),
}

PREFECTURES: dict[str, str] = {
    pref: prov for prov, prefs in _PREFECTURES_BY_PROVINCE.items() for pref in prefs.split()
}

_DISTRICTS_BY_MUNICIPALITY: dict[str, str] = {
    "北京市": (
        "东城区 西城区 朝阳区 丰台区 石景山区 海淀区 门头沟区 房山区 通州区 顺义区 昌平区 大兴区"
        " 怀柔区 平谷区 密云区 延庆区"
    ),
    "天津市": (
        "和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区"
        " 滨海新区 宁河区 静海区 蓟州区"
    ),
    "上海市": (
        "黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 金山区"
        " 松江区 青浦区 奉贤区 崇明区"
    ),
    "重庆市": (
        "万州区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 綦江区 大足区 渝北区"
        " 巴南区 黔江区 长寿区 江津区 合川区 永川区 南川区 璧山区 铜梁区 潼南区 荣昌区 开州区"
        " 梁平区 武隆区 城口县 丰都县 垫江县 忠县 云阳县 奉节县 巫山县 巫溪县 石柱土家族自治县"
        " 秀山土家族苗族自治县 酉阳土家族苗族自治县 彭水苗族土家族自治县"
    ),
}

MUNICIPAL_DISTRICTS: dict[str, str] = {
    d: city for city, ds in _DISTRICTS_BY_MUNICIPALITY.items() for d in ds.split()
}

_SPECIAL_BY_PROVINCE: dict[str, str] = {
    # National-level new areas (国家级新区) other than 浦东新区/滨海新区 (see above).
    "重庆市": "两江新区",
    "甘肃省": "兰州新区",
    "贵州省": "贵安新区",
    "陕西省": "西咸新区",
    "江西省": "赣江新区",
    "四川省": "天府新区",
    "广东省": "南沙新区 横琴粤澳深度合作区",
    "浙江省": "舟山群岛新区",
    "辽宁省": "金普新区",
    "黑龙江省": "哈尔滨新区",
    "吉林省": "长春新区",
    "云南省": "滇中新区",
    "福建省": "福州新区 平潭综合实验区",
    "湖南省": "湘江新区",
    "江苏省": "江北新区",
    "山东省": "青岛西海岸新区",
    # 省直辖县级行政单位.
    "河北省": "雄安新区 辛集市 定州市",  # the two cities are 省直管 (in 石家庄/保定)
    "河南省": "济源市",
    "湖北省": "仙桃市 潜江市 天门市 神农架林区",
    "海南省": (
        "五指山市 琼海市 文昌市 万宁市 东方市 定安县 屯昌县 澄迈县 临高县 白沙黎族自治县"
        " 昌江黎族自治县 乐东黎族自治县 陵水黎族自治县 保亭黎族苗族自治县 琼中黎族苗族自治县"
    ),
    # 新疆生产建设兵团 cities (自治区直辖县级市).
    "新疆维吾尔自治区": (
        "石河子市 阿拉尔市 图木舒克市 五家渠市 北屯市 铁门关市 双河市 可克达拉市 昆玉市 胡杨河市"
        " 新星市 白杨市"
    ),
}

SPECIAL_COUNTY_LEVEL: dict[str, str] = {
    unit: prov for prov, units in _SPECIAL_BY_PROVINCE.items() for unit in units.split()
}

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
