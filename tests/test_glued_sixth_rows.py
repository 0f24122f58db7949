"""Glued text printing table 三's （六） rows of both template versions: 2019's one 其他处理 row
with values and one of 2021's sub-rows. Table 三 then gives no template signal; table 二 decides,
and no 2021 cell is read into the 2019 table. Texts built here from the template labels with our
own numbers.
"""

from __future__ import annotations

import pytest

from parsers import templates as T
from parsers.glued import extract_glued_tables

_GROUP = {"granted": "三、本年度办理结果（一）予以公开", "denied_state_secret": "（三）不予公开1.属于国家秘密",
          "unavailable_not_held": "（四）无法提供1.本机关不掌握相关政府信息",
          "not_processed_petition": "（五）不予处理1.信访举报投诉类申请",
          "other_overdue_correction": "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}
_ONES = {"new_received": "1000001", "granted": "1000001", "results_total": "1000001"}
_AD_HEAD = {T.T2021: "信息内容本年制发件数本年废止件数现行有效件数", T.T2019: "信息内容本年新制作数量本年新公开数量对外公开总数量"}
_RL = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
       "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000")


def _app_rows(template: str) -> list[str]:
    return [(_GROUP.get(k) or T.spec_by_key(T.APP_ROWS, k).label) + _ONES.get(k, "0000000") for k in T.APP_ROW_ORDER[template]]


def _ad_rows(template: str) -> list[str]:
    return [T.spec_by_key(T.AD_ROWS, k).label + "0" * len(cols) for k, cols in T.AD_LAYOUT[template].items()]


def _page(template: str, app: list[str], ad: list[str], sep: str = "") -> str:
    return sep.join(["二、主动公开政府信息情况第二十条第（一）项" + _AD_HEAD[template], *ad,
                     "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
                     *app, _RL, "五、存在的主要问题及改进情况"])


def _insert_before(rows: list[str], prefix: str, row: str) -> list[str]:
    i = next(i for i, r in enumerate(rows) if r.startswith(prefix))
    return [*rows[:i], row, *rows[i:]]


def _app(r, row: str) -> list[float | None]:
    v = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "applications"}
    return [v.get((row, c)) for c in T.APP_COL_ORDER]


@pytest.mark.parametrize("sep", ["", "\n"])
def test_a_2021_sub_row_in_a_2019_table_does_not_make_it_2021(sep: str) -> None:
    # 2019's （六）其他处理 row with values, then one 2021 （六） sub-row: table 二 (2019) decides
    app = _insert_before(_app_rows(T.T2019), "（七）总计", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请2000002")
    r = extract_glued_tables(_page(T.T2019, app, _ad_rows(T.T2019), sep))
    assert r.templates_by_table["applications"] == T.T2019
    assert not any(c.row_key == "other_overdue_correction" for c in r.cells)
    assert _app(r, "results_total") == [1, 0, 0, 0, 0, 0, 1]
    assert _app(r, "granted") == [1, 0, 0, 0, 0, 0, 1]
