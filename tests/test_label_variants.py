"""Row labels printed the way real reports vary them: remarks that quote another row's words,
numbering styles, a number printed twice, typos a reader still reads, labels cut across two cells,
a row of the other template. Each is read as the row a careful reader reads, or reported; never
read as a neighbouring row. Pages built here from the template labels with our own numbers.
"""

from __future__ import annotations

import html_builders as H
import pytest

from parsers import parse_report
from parsers import templates as T

# our own numbers, every identity met: 4 new + 1 carried over = 4 results + 1 carried forward.
# Each row that can be confused with another has values of its own, so a swap shows.
_VALS = {"new_received": "4000004", "carried_over": "1000001", "granted": "2000002", "partially_granted": "0100001",
         "not_processed_repeat": "0010001", "results_total": "2110004", "carried_forward": "1000001"}
_VALS_2021 = dict(_VALS, granted="1000001", other_other="1000001")
_VALS_2019 = dict(_VALS, granted="1000001", other_handling="1000001")
_GROUP = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开", "unavailable_not_held": "（四）无法提供",
          "not_processed_petition": "（五）不予处理", "other_overdue_correction": "（六）其他处理"}
_AD = {T.T2021: "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 0 1 2 行政规范性文件 3 0 4",
       T.T2019: "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章 0 1 2 规范性文件 3 0 4"}
_APP_HEAD = "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
_RL = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
       "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计1 0 0 0 1 0 0 0 0 0 0 0 0 0 0")


def _values(template: str) -> dict[str, str]:
    return _VALS_2021 if template == T.T2021 else _VALS_2019


def _labels(template: str, **labels: str) -> list[tuple[str, str]]:
    """(label, row key) per table 三 row, the group label printed before its first row."""
    return [(_GROUP.get(k, "") + labels.get(k, T.spec_by_key(T.APP_ROWS, k).label), k) for k in T.APP_ROW_ORDER[template]]


def _glued(template: str, rows: list[tuple[str, str]], form: str) -> str:
    """Table 三 as glued text: `glued` (no separator at all), `newline` (a row per line, its digits
    glued), `spaced` (a row per line, a space between cells) or `cells` (one cell per line)."""
    vals = _values(template)

    def row(label: str, key: str) -> str:
        v = vals.get(key, "0000000") if key else "3000003"
        if form == "spaced":
            return label + " " + " ".join(v)
        if form == "cells":
            return "\n|\n".join([label, *v])
        return label + v

    sep = {"glued": "", "newline": "\n", "spaced": "\n", "cells": "\n|\n"}[form]
    return sep.join(["某县某局2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", _AD[template], _APP_HEAD,
                     *(row(lab, k) for lab, k in rows), _RL, "五、存在的主要问题及改进情况"])


def _app(rep) -> dict[str, str]:
    """Table 三 rows read, as their seven digits."""
    out: dict[str, list[str]] = {}
    for c in rep.cells:
        if c.table == "applications":
            out.setdefault(c.row_key, ["?"] * 7)[T.APP_COL_ORDER.index(c.col_key)] = f"{c.value:g}"
    return {k: "".join(v) for k, v in out.items()}


def _expected(template: str) -> dict[str, str]:
    return {k: _values(template).get(k, "0000000") for k in T.APP_ROW_ORDER[template]}


def _parse_text(text: str):
    return parse_report(text.encode("utf-8"), None, filename="x.txt")


_FORMS = ["glued", "newline", "spaced", "cells"]


# ------------------------------------------------------------------------------ glued text
@pytest.mark.parametrize("template", [T.T2021, T.T2019])
@pytest.mark.parametrize("form", _FORMS)
@pytest.mark.parametrize("labels", [
    {"granted": "（一）予以公开（不含部分公开）"},  # 部分公开 in the remark is not the next row
    {"granted": "（一）予以公开(不含部分公开)"},
    {"results_total": "（七）总计（不含结转下年度）"},  # 结转下年 in the remark is not 四、结转下年度
    {"partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计“予以公开”等其他情形）"},
], ids=["remark", "half-width remark", "total remark", "quoted row"])
def test_a_remark_naming_another_row_is_not_that_row(template: str, form: str, labels: dict[str, str]) -> None:
    rep = _parse_text(_glued(template, _labels(template, **labels), form))
    assert _app(rep) == _expected(template)
    assert not rep.unknown_labels


@pytest.mark.parametrize("form", _FORMS)
def test_an_invented_row_with_other_in_its_label_is_not_3_other(form: str) -> None:
    # "（八）其他依申请处理情形" before 2021's "3.其他": its 其他 is part of another label
    rows = _labels(T.T2021)
    at = next(i for i, (_lab, k) in enumerate(rows) if k == "other_other")
    rows.insert(at, ("（八）其他依申请处理情形", ""))
    rep = _parse_text(_glued(T.T2021, rows, form))
    got = _app(rep)
    assert {k: v for k, v in got.items() if k != "other_other"} == \
        {k: v for k, v in _expected(T.T2021).items() if k != "other_other"}
    assert got.get("other_other") in (None, "1000001")  # its own digits or none, never the invented row's
    assert any("其他依申请处理情形" in u for u in rep.unknown_labels) or "other_other" not in got


@pytest.mark.parametrize("template", [T.T2021, T.T2019])
@pytest.mark.parametrize("form", ["glued", "newline"])
def test_a_number_printed_twice_is_the_labels(template: str, form: str) -> None:
    # "…0000001 3.3.危及…": both "3."s are the label's, not a digit of the row before
    labels = {"denied_three_safety": "3.3.危及“三安全一稳定”", "unavailable_needs_creation": "2.2.没有现成信息需要另行制作"}
    rep = _parse_text(_glued(template, _labels(template, **labels), form))
    assert _app(rep) == _expected(template)


@pytest.mark.parametrize("form", _FORMS)
def test_prose_numbering_of_3_other(form: str) -> None:
    # "一是, 二是, 三是" numbering: "三是其他" is 3.其他
    rows = _labels(T.T2021, other_overdue_correction="一是申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   other_overdue_fee="二是申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                   other_other="三是其他")
    rep = _parse_text(_glued(T.T2021, rows, form))
    assert _app(rep) == _expected(T.T2021)


@pytest.mark.parametrize("form", _FORMS)
def test_other_handling_under_a_slipped_number_is_2019s_row(form: str) -> None:
    # "（五）其他处理情况" where a 2019 table prints （六）其他处理: the row's words, the number a slip
    rep = _parse_text(_glued(T.T2019, _labels(T.T2019, other_handling="（五）其他处理情况"), form))
    assert _app(rep) == _expected(T.T2019)


# ------------------------------------------------------------------------------ typos (all forms)
_TYPOS = {"partially_granted": "（二）部份公开（区分处理的，只计这一情形，不计其他情形）", "granted": "（一）予已公开",
          "denied_state_secret": "1.属于国家密秘", "denied_process_info": "6.属于四类过程信息",
          "not_processed_repeat": "2.重复申情"}


@pytest.mark.parametrize("form", _FORMS + ["pipe"])
def test_typos_a_reader_reads_as_one_row(form: str) -> None:
    rows = _labels(T.T2021, **_TYPOS)
    if form == "pipe":
        text = _pipe(T.T2021, [[lab, *_values(T.T2021).get(k, "0000000")] for lab, k in rows])
    else:
        text = _glued(T.T2021, rows, form)
    rep = _parse_text(text)
    assert _app(rep) == _expected(T.T2021)
    assert not rep.unknown_labels


# ------------------------------------------------------------------------------ pipe text / HTML
def _pipe(template: str, rows: list[list[str]]) -> str:
    """Table 三 in pipe text, one table row per `|` line group; each row's cells as given."""
    lines = ["某县某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    head = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"], ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    for cells in head + rows:
        lines.append("|")
        lines += [f"{c} |" for c in cells[:-1]] + [f"{cells[-1]} |" + "|" * (10 - len(cells))]
    return "\n".join(lines) + "\n五、存在的主要问题及改进情况\n"


@pytest.mark.parametrize("cut", [
    ("carried_over", ["二、上年结转政府信息公开", "申请数量"]),
    ("granted", ["三、本年度办理结果", "（一）予以", "公开"]),
    ("granted", ["三、本年度办理结果", "（一）予以公开", "（不含部分公开）"]),
    ("partially_granted", ["（二）部分公开（区分处理的，只计这一", "情形，不计其他情形）"]),
    ("results_total", ["（七）总计（含", "上年结转）"]),  # the cut remark's words name another row
], ids=["level one", "level two", "remark cell", "official remark", "remark tail"])
def test_a_label_cut_across_two_cells_is_read_whole(cut: tuple[str, list[str]]) -> None:
    key, cells = cut
    vals = _values(T.T2021)
    rows = []
    for lab, k in _labels(T.T2021):
        labels = cells if k == key else ([_GROUP[k], lab[len(_GROUP[k]):]] if k in _GROUP else [lab])
        rows.append([*labels, *vals.get(k, "0000000")])
    rep = _parse_text(_pipe(T.T2021, rows))
    assert _app(rep) == _expected(T.T2021)
    assert not rep.unknown_labels


def test_a_group_label_and_a_cut_item_stay_unread() -> None:
    # "（六）其他处理 | 3.其": which row the cut names is no reader's guess
    vals = _values(T.T2021)
    rows = []
    for lab, k in _labels(T.T2021):
        labels = [_GROUP[k], lab[len(_GROUP[k]):]] if k in _GROUP else [lab]
        if k == "other_other":
            labels = ["（六）其他处理", "3.其"]
        rows.append([*labels, *vals.get(k, "0000000")])
    rep = _parse_text(_pipe(T.T2021, rows))
    assert "other_other" not in _app(rep) and "other_handling" not in _app(rep)
    assert any("3.其" in u for u in rep.unknown_labels)


def test_a_2021_sub_row_in_a_2019_table_is_reported_not_read_under_a_2021_key(monkeypatch) -> None:
    # table 二 of 2019 and table 三's one （六）其他处理 row: the table is 2019's, an added
    # "2.申请人逾期未按收费通知…" row is a row that table lacks
    vals = H.app_values("2019", other_handling=["1", "0", "0", "0", "0", "0", "1"],
                        granted=["6", "2", "0", "0", "0", "0", "8"])
    table = H.app_table(vals, "2019")
    extra = ("<tr>" + H.td("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", colspan=2)
             + "".join(H.td(v) for v in "3000003") + "</tr>")
    table = table.replace("<tr>" + H.td("（七）总计", colspan=2), extra + "<tr>" + H.td("（七）总计", colspan=2))
    ad = ("<table border='1'><tr>" + H.td("第二十条第（一）项", colspan=4) + "</tr><tr>" + H.td("信息内容")
          + "".join(H.td(h) for h in ("本年新制作数量", "本年新公开数量", "对外公开总数量")) + "</tr><tr>" + H.td("规章")
          + "".join(H.td(v) for v in "012") + "</tr></table>")
    rep = parse_report(H.page(ad, table, H.rl_table(H.RL_VALUES)), None, filename="x.html")
    assert not any(c.row_key.startswith("other_") and c.row_key != "other_handling" for c in rep.cells)
    assert rep.value("applications", "other_handling", "natural_person") == 1
    assert "applications row other_overdue_fee does not belong to template 2019" in rep.unknown_labels
