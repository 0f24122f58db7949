"""Spot checks for parsers.divisions and parsers.places (administrative-division data and lookups)."""

import pytest

from parsers.divisions import MUNICIPAL_DISTRICTS, PREFECTURES, PROVINCES, SPECIAL_COUNTY_LEVEL
from parsers.places import province_of, region_of_name


def test_counts() -> None:
    assert len(PROVINCES) == 34
    assert len(set(PROVINCES)) == 34
    assert 325 <= len(PREFECTURES) <= 340
    assert len(PREFECTURES) == 333
    assert len(MUNICIPAL_DISTRICTS) == 16 + 16 + 16 + 38


def test_values_are_provinces() -> None:
    assert set(PREFECTURES.values()) <= set(PROVINCES)
    assert set(MUNICIPAL_DISTRICTS.values()) == {"北京市", "天津市", "上海市", "重庆市"}
    assert set(SPECIAL_COUNTY_LEVEL.values()) <= set(PROVINCES)
    # No key is listed twice across the three tables.
    keys = [*PREFECTURES, *MUNICIPAL_DISTRICTS, *SPECIAL_COUNTY_LEVEL]
    assert len(keys) == len(set(keys))


def test_tianjin_districts() -> None:
    tianjin = (
        "和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区"
        " 滨海新区 宁河区 静海区 蓟州区"
    ).split()
    assert len(tianjin) == 16
    for d in tianjin:
        assert MUNICIPAL_DISTRICTS[d] == "天津市"
    assert sorted(d for d, c in MUNICIPAL_DISTRICTS.items() if c == "天津市") == sorted(tianjin)


@pytest.mark.parametrize(
    ("pref", "prov"),
    [
        ("石家庄市", "河北省"),
        ("延边朝鲜族自治州", "吉林省"),
        ("阿克苏地区", "新疆维吾尔自治区"),
        ("锡林郭勒盟", "内蒙古自治区"),
        ("毕节市", "贵州省"),
        ("铜仁市", "贵州省"),
        ("海东市", "青海省"),
        ("日喀则市", "西藏自治区"),
        ("那曲市", "西藏自治区"),
        ("吐鲁番市", "新疆维吾尔自治区"),
        ("哈密市", "新疆维吾尔自治区"),
        ("东莞市", "广东省"),
        ("中山市", "广东省"),
        ("儋州市", "海南省"),
        ("海南藏族自治州", "青海省"),
        ("大兴安岭地区", "黑龙江省"),
        ("朝阳市", "辽宁省"),
        ("吉林市", "吉林省"),
    ],
)
def test_prefecture_spot_checks(pref: str, prov: str) -> None:
    assert PREFECTURES[pref] == prov


def test_removed_prefectures_absent() -> None:
    for old in ("莱芜市", "巢湖市", "那曲地区", "襄樊市", "思茅市", "铜仁地区"):
        assert old not in PREFECTURES


def test_special_county_level() -> None:
    assert SPECIAL_COUNTY_LEVEL["平潭综合实验区"] == "福建省"
    assert SPECIAL_COUNTY_LEVEL["雄安新区"] == "河北省"
    assert SPECIAL_COUNTY_LEVEL["神农架林区"] == "湖北省"
    assert SPECIAL_COUNTY_LEVEL["济源市"] == "河南省"
    assert SPECIAL_COUNTY_LEVEL["石河子市"] == "新疆维吾尔自治区"
    assert SPECIAL_COUNTY_LEVEL["五指山市"] == "海南省"
    assert MUNICIPAL_DISTRICTS["石柱土家族自治县"] == "重庆市"


@pytest.mark.parametrize(
    ("name", "prov"),
    [
        ("平潭综合实验区财政金融局", "福建省"),
        ("石家庄市长安区", "河北省"),
        ("天津市静海区中旺镇", "天津市"),
        ("新疆维吾尔自治区人民政府", "新疆维吾尔自治区"),
        ("新疆自治区财政厅", "新疆维吾尔自治区"),
        ("香港特别行政区政府", "香港特别行政区"),
        ("静海区教育局", "天津市"),
        ("青岛西海岸新区管理委员会", "山东省"),
        ("仙桃市人民政府", "湖北省"),
        ("北京", None),
        ("", None),
    ],
)
def test_province_of(name: str, prov: str | None) -> None:
    assert province_of(name) == prov


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("天津市静海区中旺镇人民政府", "天津市静海区"),
        ("平潭综合实验区财政金融局", "福建省平潭综合实验区"),
        ("河北省石家庄市长安区人民政府", "河北省石家庄市长安区"),
        ("石家庄市长安区教育局", "河北省石家庄市长安区"),
        ("石家庄市教育局", "河北省石家庄市"),
        ("浦东新区", "上海市浦东新区"),
        ("重庆市石柱土家族自治县人民政府", "重庆市石柱土家族自治县"),
        ("新乡市辉县市人民政府", "河南省新乡市辉县市"),
        ("济南市市中区人民政府", "山东省济南市市中区"),
        ("锡林郭勒盟苏尼特左旗", "内蒙古自治区锡林郭勒盟苏尼特左旗"),
        ("临沧市双江拉祜族佤族布朗族傣族自治县人民政府", "云南省临沧市双江拉祜族佤族布朗族傣族自治县"),
        ("东莞市塘厦镇人民政府", "广东省东莞市"),
        ("杭州市市场监督管理局", "浙江省杭州市"),
        ("杭州市城市管理局", "浙江省杭州市"),
        ("广西壮族自治区南宁市青秀区", "广西壮族自治区南宁市青秀区"),
        ("不明单位", None),
        # county-level units printed without their prefecture: the gazetteer places them
        ("微山县两城镇人民政府", "山东省济宁市微山县"),
        ("耒阳市马水镇", "湖南省衡阳市耒阳市"),
        ("海城市西四镇人民政府", "辽宁省鞍山市海城市"),
        ("江苏省昆山市教育局", "江苏省苏州市昆山市"),
        # counties that became districts keep their prefecture under the new name
        ("即墨区人民政府", "山东省青岛市即墨区"),
        ("沙县区人民政府", "福建省三明市沙县区"),
        # a name several prefectures share, or a county under another province: not placed
        ("鼓楼区人民政府", None),
        ("浙江省微山县", "浙江省微山县"),
    ],
)
def test_region_of_name(name: str, region: str | None) -> None:
    assert region_of_name(name) == region
