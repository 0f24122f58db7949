"""Glued text with a table row the template does not have: reported in `unknown_labels`, its digits
read into no row; and the text between rows that is no row (group labels, a repeated header, block
captions, headings, prose, footnotes, dates, page chrome) is not reported. Pages built here from the
template labels with our own numbers.
"""

from __future__ import annotations

import pytest

from parsers import parse_report
from parsers import templates as T
from parsers.glued import extract_glued_tables

_GROUP = {"granted": "三、本年度办理结果（一）予以公开", "denied_state_secret": "（三）不予公开1.属于国家秘密",
          "unavailable_not_held": "（四）无法提供1.本机关不掌握相关政府信息",
          "not_processed_petition": "（五）不予处理1.信访举报投诉类申请",
          "other_overdue_correction": "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}
# our own numbers, meeting every identity: 3 new + 1 carried over = 3 results + 1 carried forward
_APP = {"new_received": "3000003", "carried_over": "1000001", "granted": "2000002", "partially_granted": "1000001",
        "results_total": "3000003", "carried_forward": "1000001"}
_AD = {T.T2021: {"regulations": "012", "normative_documents": "304", "licensing": "12", "penalty": "5",
                 "coercion": "0", "fees": "0"},
       T.T2019: {"regulations": "012", "normative_documents": "304", "fees": "00", "centralized_procurement": "00"}}
_AD_HEAD = {T.T2021: "信息内容本年制发件数本年废止件数现行有效件数", T.T2019: "信息内容本年新制作数量本年新公开数量对外公开总数量"}
_CAPTION = {"licensing": "第二十条第（五）项信息内容本年处理决定数量", "penalty": "第二十条第（六）项信息内容本年处理决定数量",
            "fees": "第二十条第（八）项信息内容本年收费金额（单位：万元）"}
_APP_HEAD = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
_RL = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
       "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计100010000000000")
_SEPS = ["", "\n", " "]


def _app_rows(template: str, spaced: bool = False) -> list[str]:
    def vals(k: str) -> str:
        v = _APP.get(k, "0000000")
        return " " + " ".join(v) if spaced else v
    return [(_GROUP.get(k) or T.spec_by_key(T.APP_ROWS, k).label) + vals(k) for k in T.APP_ROW_ORDER[template]]


def _ad_rows(template: str) -> list[str]:
    vals = _AD[template]
    return [(_CAPTION.get(k, "") if template == T.T2021 else "") + T.spec_by_key(T.AD_ROWS, k).label + vals.get(k, "000")
            for k in T.AD_LAYOUT[template]]


def _page(template: str, app: list[str] | None = None, ad: list[str] | None = None, sep: str = "") -> str:
    return sep.join(["某县某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况第二十条第（一）项" + _AD_HEAD[template],
                     *(ad if ad is not None else _ad_rows(template)), _APP_HEAD,
                     *(app if app is not None else _app_rows(template)), _RL, "五、存在的主要问题及改进情况"])


def _insert_before(rows: list[str], prefix: str, *new: str) -> list[str]:
    i = next(i for i, r in enumerate(rows) if r.startswith(prefix))
    return [*rows[:i], *new, *rows[i:]]


def _read_app(template: str, before: str, row: str, sep: str):
    """The page of `template` with `row` printed in table 三 before the row starting `before`."""
    return extract_glued_tables(_page(template, _insert_before(_app_rows(template), before, row), sep=sep))


def _cells(r) -> dict[tuple[str, str, str], float | None]:
    return {(c.table, c.row_key, c.col_key): c.value for c in r.cells}


def _app(r, row: str) -> list[float | None]:
    v = _cells(r)
    return [v.get(("applications", row, c)) for c in T.APP_COL_ORDER]


def _clean_cells(template: str) -> dict:
    r = extract_glued_tables(_page(template))
    assert not r.unknown_labels and not r.undetermined
    return _cells(r)


# ------------------------------------------------------------------------------ unknown rows
@pytest.mark.parametrize("sep", _SEPS)
def test_an_invented_row_is_reported_and_its_digits_go_nowhere(sep: str) -> None:
    # "4.其他依申请处理情形" after 3.其他: glued, its "4" sticks to 3.其他's digits ("00000004")
    r = _read_app(T.T2021, "（七）总计", "4.其他依申请处理情形2000002", sep)
    assert r.unknown_labels == ["applications row: 4.其他依申请处理情形"]
    assert _cells(r) == _clean_cells(T.T2021)  # every template cell as on the page without the row
    assert not r.undetermined


@pytest.mark.parametrize("sep", _SEPS)
def test_a_renamed_row_is_reported(sep: str) -> None:
    # 2019's （六）其他处理 printed under another name: its cells are absent, not filled from it
    app = [("（六）其他依申请公开处理0000000" if r.startswith("（六）其他处理") else r) for r in _app_rows(T.T2019)]
    r = extract_glued_tables(_page(T.T2019, app, sep=sep))
    assert r.unknown_labels == ["applications row: （六）其他依申请公开处理"]
    assert not any(c.row_key == "other_handling" for c in r.cells)
    assert _app(r, "results_total") == [3, 0, 0, 0, 0, 0, 3]
    rep = parse_report(_page(T.T2019, app, sep=sep).encode(), None, filename="x.txt")
    assert rep.status == "partial" and "applications row: （六）其他依申请公开处理" in rep.status_reason


@pytest.mark.parametrize("sep", _SEPS)
def test_a_misspelt_row_is_reported_and_the_row_above_keeps_its_cells(sep: str) -> None:
    app = [r.replace("第三方", "第三人") for r in _app_rows(T.T2021)]
    r = extract_glued_tables(_page(T.T2021, app, sep=sep))
    assert r.unknown_labels == ["applications row: 4.保护第三人合法权益"]
    assert _app(r, "denied_three_safety") == [0] * 7  # "00000004" is 0000000 and the next row's "4."
    assert not any(c.row_key == "denied_third_party" for c in r.cells)
    assert not r.undetermined


@pytest.mark.parametrize("sep", _SEPS)
def test_rows_of_the_other_template_are_reported(sep: str) -> None:
    r = _read_app(T.T2021, "（七）总计", "（六）其他处理1000001", sep)
    assert r.unknown_labels == ["applications row other_handling does not belong to template 2021"]
    assert _cells(r) == _clean_cells(T.T2021)
    r = _read_app(T.T2019, "（七）总计", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请1000001", sep)
    assert r.unknown_labels == ["applications row other_overdue_fee does not belong to template 2019"]
    assert _cells(r) == _clean_cells(T.T2019)


@pytest.mark.parametrize("sep", _SEPS)
def test_table_two_rows_the_template_lacks_are_reported(sep: str) -> None:
    ad = _insert_before(_ad_rows(T.T2021), "第二十条第（六）项", "行政确认7")
    ad = _insert_before(ad, "第二十条第（八）项", "其他对外管理服务事项120")
    ad = [r.replace("行政事业性收费", "行政给付3行政事业性收费") for r in ad]  # after the block's header
    r = extract_glued_tables(_page(T.T2021, ad=ad, sep=sep))
    assert r.unknown_labels == ["active_disclosure row: 行政确认",
                                "active_disclosure row other_admin_services does not belong to template 2021",
                                "active_disclosure row: 行政给付"]
    assert _cells(r) == _clean_cells(T.T2021)


def test_an_unknown_row_printed_spaced_is_reported() -> None:
    app = _insert_before(_app_rows(T.T2021, spaced=True), "（七）总计", "4.其他依申请处理情形 2 0 0 0 0 0 2")
    r = extract_glued_tables(_page(T.T2021, app, sep="\n"))
    assert r.unknown_labels == ["applications row: 4.其他依申请处理情形"]
    assert _app(r, "other_other") == [0] * 7 and _app(r, "results_total") == [3, 0, 0, 0, 0, 0, 3]


# ------------------------------------------------------------------------------ not rows
@pytest.mark.parametrize("template", [T.T2021, T.T2019])
@pytest.mark.parametrize("sep", _SEPS)
def test_group_labels_and_block_captions_are_not_rows(template: str, sep: str) -> None:
    # （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理, 三、本年度办理结果, 第二十条 captions
    r = extract_glued_tables(_page(template, sep=sep))
    assert (r.unknown_labels, r.undetermined) == ([], {})
    rep = parse_report(_page(template, sep=sep).encode(), None, filename="x.txt")
    assert (rep.status, rep.unknown_labels) == ("ok", [])


_NOT_ROWS = {
    "header repeated": "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他",
    "header with column numbers": "申请人情况自然人法人或其他组织商业企业科研机构社会公益组织法律服务机构其他总计1234567",
    "page chrome": "第2页共3页",
    "page number": "- 2 -",
    "prose": "本年共收到申请12件，办结12件。",
    "footnote": "注：本表数据统计截至2023年12月31日。",
    "footnote with a row of digits": "注1000001",
    "date": "2023年12月31日",
    "iso date": "2023-12-31",
    "heading": "三、收到和处理政府信息公开申请情况",
    "group label": "（三）不予公开",
    "unit": "单位：件",
}


_NOT_AD_ROWS = {
    "caption with an arabic number": "第二十条第（1）项",
    "header": "信息内容本年处理决定数量",
    "page chrome": "第2页",
    "prose": "本年共受理许可12件，",
    "footnote": "注：数据来源于本单位统计。",
    "unit": "（单位：万元）",
}

# (table, where the text goes: before the row starting so, the text)
_NOT_ROW_CASES = {**{f"table 三, {k}": ("applications", "5.属于三类内部事务信息", v) for k, v in _NOT_ROWS.items()},
                  **{f"table 二, {k}": ("active_disclosure", "行政强制", v) for k, v in _NOT_AD_ROWS.items()}}


@pytest.mark.parametrize(("table", "before", "text"), list(_NOT_ROW_CASES.values()), ids=list(_NOT_ROW_CASES))
@pytest.mark.parametrize("sep", _SEPS)
def test_text_between_rows_is_not_a_row(table: str, before: str, text: str, sep: str) -> None:
    r = _read_app(T.T2021, before, text, sep) if table == "applications" else \
        extract_glued_tables(_page(T.T2021, ad=_insert_before(_ad_rows(T.T2021), before, text), sep=sep))
    assert r.unknown_labels == []
    clean, got = _clean_cells(T.T2021), _cells(r)
    assert {k: v for k, v in got.items() if k in clean} == {k: v for k, v in clean.items() if k in got}


@pytest.mark.parametrize("sep", _SEPS)
def test_a_group_label_printed_with_a_row_of_values_is_a_subtotal_row_and_reported(sep: str) -> None:
    # the template has no subtotal row for （三）不予公开: printed with values of its own, it is a row
    # the template lacks; printed alone (every other test here) it only names the group
    r = _read_app(T.T2021, "（三）不予公开", "（三）不予公开小计0000000", sep)
    assert r.unknown_labels == ["applications row: （三）不予公开小计"]
    assert _cells(r) == _clean_cells(T.T2021)
