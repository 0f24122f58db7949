"""One-cell-per-line text (domain.md §8.4: each cell on its own line, `|` lines between them):
rows missing, added, renamed, of the other template or printed out of order. Our own numbers."""

from __future__ import annotations

from html_builders import APP_LABELS_2021, app_values

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

AD = [("第二十条第（一）项", []), ("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"]),
      ("规章", ["1", "0", "6"]), ("行政规范性文件", ["9", "2", "41"]),
      ("第二十条第（五）项", []), ("信息内容", ["本年处理决定数量"]), ("行政许可", ["208"]),
      ("第二十条第（六）项", []), ("信息内容", ["本年处理决定数量"]), ("行政处罚", ["33"]), ("行政强制", ["5"]),
      ("第二十条第（八）项", []), ("信息内容", ["本年收费金额（单位：万元）"]), ("行政事业性收费", ["0"])]
APP_HEAD = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
            "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RL_HEAD = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
           *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]
RL = ["3", "0", "1", "1", "5", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"]


def _page(ad: list[tuple[str, list[str]]] | None = AD, app: list[list[str]] | None = None,
          rl: list[str] | None = RL_HEAD + RL) -> bytes:
    """A 2023 report; `app`: table 三's rows as cells (labels then values)."""
    lines = ["某县某局2023年政府信息公开工作年度报告", "一、总体情况", "本局依法公开政府信息。", "二、主动公开政府信息情况"]

    def put(cells: list[str]) -> None:
        for c in cells:
            lines.extend([c, "|"])
    for label, vals in ad or []:
        put([label, *vals])
    lines.append("三、收到和处理政府信息公开申请情况")
    if app is not None:
        put(APP_HEAD)
        for row in app:
            put(row)
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    if rl:
        put(rl)
    lines += ["五、存在的主要问题及改进情况", "解读形式较单一。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines).encode("utf-8")


def _app_rows(vals: dict[str, list[str]], rows: tuple[str, ...] = APP_ROW_ORDER["2021"]) -> list[list[str]]:
    return [[*APP_LABELS_2021[r], *vals[r]] for r in rows]


def _got(r) -> dict[tuple[str, str, str], str]:
    return {(c.table, c.row_key, c.col_key): c.value_raw for c in r.cells}


def _parse(data: bytes):
    r = parse_report(data, None, filename="x.txt")
    assert r.table_form == "cell_per_line"
    return r


def test_table_three_without_its_six_rows_keeps_the_rows_after_them() -> None:
    # the three （六） rows are not printed: "3.其他" further down (table 四's 其他结果) is not
    # their row, and 结转下年度继续办理, which is printed, is read
    vals = app_values()
    six = ("other_overdue_correction", "other_overdue_fee", "other_other")
    r = _parse(_page(app=_app_rows(vals, tuple(k for k in APP_ROW_ORDER["2021"] if k not in six))))
    got = _got(r)
    assert [got[("applications", "carried_forward", c)] for c in APP_COL_ORDER] == ["2", "0", "0", "0", "0", "0", "2"]
    assert [got[("applications", "results_total", c)] for c in APP_COL_ORDER] == ["11", "3", "0", "0", "0", "0", "14"]
    assert not [k for k in r.undetermined if k.startswith("applications.")]
    assert not any(k[1] in six for k in got)
    assert r.status == "partial" and "21 template cell(s) not found" in r.status_reason
    assert sum(k[0] == "applications" for k in got) == 22 * 7 and sum(k[0] == "review_litigation" for k in got) == 15


def test_table_three_without_its_total_row_keeps_carried_forward_and_table_four() -> None:
    # （七）总计 not printed: the chain took 总计 from table 四's header and lost 结转下年度 and all of table 四
    vals = app_values()
    r = _parse(_page(app=_app_rows(vals, tuple(k for k in APP_ROW_ORDER["2021"] if k != "results_total"))))
    got = _got(r)
    assert [got[("applications", "carried_forward", c)] for c in APP_COL_ORDER] == ["2", "0", "0", "0", "0", "0", "2"]
    assert [got[("review_litigation", b, c)] for b in RL_ROW_ORDER for c in RL_COL_ORDER] == RL
    assert not r.undetermined
    assert r.status == "partial" and "7 template cell(s) not found: applications.results_total" in r.status_reason


def _with_row_after(rows: list[list[str]], label: str, row: list[str]) -> list[list[str]]:
    at = next(i for i, r in enumerate(rows) if r[len(r) - 8] == label or r[0] == label)
    return rows[: at + 1] + [row] + rows[at + 1:]


def test_an_extra_row_is_reported_not_dropped_silently() -> None:
    rows = _with_row_after(_app_rows(app_values()), "5.要求行政机关确认或重新出具已获取信息",
                           ["6.其他不予处理情形", "1", "0", "0", "0", "0", "0", "1"])
    r = _parse(_page(app=rows))
    assert r.unknown_labels == ["applications row: 6.其他不予处理情形"]
    assert "1 unknown label(s): applications row: 6.其他不予处理情形" in r.status_reason
    got = _got(r)
    assert sum(k[0] == "applications" for k in got) == 175
    assert [got[("applications", "not_processed_confirmation", c)] for c in APP_COL_ORDER] == ["0"] * 7
    assert [got[("applications", "other_overdue_correction", c)] for c in APP_COL_ORDER] == ["0"] * 7


def test_a_renamed_row_is_reported() -> None:
    rows = [["8.其他不予公开情形", *r[1:]] if r[0] == "8.属于行政查询事项" else r for r in _app_rows(app_values())]
    r = _parse(_page(app=rows))
    assert r.unknown_labels == ["applications row: 8.其他不予公开情形"]
    assert not any(k[1] == "denied_query_matter" for k in _got(r))
    assert r.status == "partial"


def test_rows_of_the_other_template_are_reported() -> None:
    ad = AD[:7] + [("其他对外管理服务事项", ["19"])] + AD[7:]
    rows = _with_row_after(_app_rows(app_values()), "3.其他", ["（六）其他处理", "0", "0", "0", "0", "0", "0", "0"])
    r = _parse(_page(ad=ad, app=rows))
    assert r.unknown_labels == ["active_disclosure row other_admin_services does not belong to template 2021",
                                "applications row other_handling does not belong to template 2021"]
    got = _got(r)
    assert got[("active_disclosure", "licensing", "decisions")] == "208"
    assert got[("active_disclosure", "penalty", "decisions")] == "33"
    assert not any(k[1] in ("other_admin_services", "other_handling") for k in got)
    assert len(got) == 200


def test_rows_printed_out_of_order_are_read_by_their_labels() -> None:
    vals = app_values(granted=["6", "1", "0", "0", "0", "0", "7"],
                      denied_three_safety=["1", "0", "0", "0", "0", "0", "1"],
                      denied_third_party=["0", "1", "0", "0", "0", "0", "1"])
    rows = _app_rows(vals)
    i, j = (next(n for n, r in enumerate(rows) if r[0] == lab) for lab in ("3.危及“三安全一稳定”", "4.保护第三方合法权益"))
    rows[i], rows[j] = rows[j], rows[i]
    ad = AD[:7] + AD[11:] + AD[7:11]  # table 二's （六） block after its （八） block
    r = _parse(_page(ad=ad, app=rows))
    got = _got(r)
    assert [got[("applications", "denied_three_safety", c)] for c in APP_COL_ORDER] == vals["denied_three_safety"]
    assert [got[("applications", "denied_third_party", c)] for c in APP_COL_ORDER] == vals["denied_third_party"]
    assert (got[("active_disclosure", "penalty", "decisions")], got[("active_disclosure", "coercion", "decisions")]) == ("33", "5")
    assert r.status == "ok" and len(got) == 200 and not r.unknown_labels


def test_table_four_printed_as_its_review_block_alone() -> None:
    # its five cells are read; the ten 行政诉讼 cells are not on the page: absent, not undetermined
    r = _parse(_page(app=_app_rows(app_values()), rl=["行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                                                      "4", "1", "0", "2", "7"]))
    got = _got(r)
    assert [got[("review_litigation", "review", c)] for c in RL_COL_ORDER] == ["4", "1", "0", "2", "7"]
    assert not r.undetermined and sum(k[0] == "review_litigation" for k in got) == 5
    assert r.status == "partial" and "10 template cell(s) not found: review_litigation.suit" in r.status_reason


def _only_table_four(form: str) -> bytes:
    lines = ["某县某局2023年政府信息公开工作年度报告", "一、总体情况", "本局依法公开政府信息。",
             "四、政府信息公开行政复议、行政诉讼情况"]
    if form == "cell_per_line":
        for c in RL_HEAD + RL:
            lines += [c, "|"]
    else:  # the seed's pipe rows: four rows, padded to 15 cells
        for row in (RL_HEAD[:2], RL_HEAD[2:9], RL_HEAD[9:], RL):
            lines.append("|")
            lines += [f"{c} |" for c in row[:-1]] + [f"{row[-1]} |" + "|" * (15 - len(row))]
    lines += ["五、存在的主要问题及改进情况", "无。"]
    return "\n".join(lines).encode("utf-8")


def test_a_text_page_whose_only_table_is_table_four() -> None:
    for form in ("cell_per_line", "pipe_rows"):
        r = parse_report(_only_table_four(form), None, filename="x.txt")
        got = _got(r)
        assert r.table_form == form
        assert [got[("review_litigation", b, c)] for b in RL_ROW_ORDER for c in RL_COL_ORDER] == RL, form
        assert r.status == "partial" and r.status_reason.startswith("missing table(s): active_disclosure, applications")


def test_prose_about_review_cases_is_still_no_table() -> None:
    text = ("某县某局2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "本年度行政复议2件，结果维持1件，尚未审结1件，总计2件；行政诉讼1件。\n五、存在的主要问题及改进情况\n无。")
    r = parse_report(text.encode("utf-8"), None, filename="x.txt")
    assert r.status == "no_tables" and not r.cells


def test_full_width_bars_between_cells() -> None:
    vals = app_values()
    data = _page(app=_app_rows(vals)).decode("utf-8").replace("\n|\n", "\n｜\n").encode("utf-8")
    r = _parse(data)
    got = _got(r)
    assert r.status == "ok" and len(got) == 200 and not r.undetermined
    assert [got[("applications", "granted", c)] for c in APP_COL_ORDER] == vals["granted"]



AD_2019 = [("第二十条第（一）项", []), ("信息内容", ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
           ("规章", ["1", "0", "6"]), ("规范性文件", ["10", "", "9"]),
           ("第二十条第（五）项", []), ("信息内容", ["上一年项目数量", "本年增/减", "处理决定数量"]),
           ("行政许可", ["20", "-2", "100"]), ("其他对外管理服务事项", ["3", "0", "0"]),
           ("第二十条第（六）项", []), ("信息内容", ["上一年项目数量", "本年增/减", "处理决定数量"]),
           ("行政处罚", ["100", "0", "10"]), ("行政强制", ["20", "-2", "0"]),
           ("第二十条第（八）项", []), ("信息内容", ["上一年项目数量", "本年增/减"]), ("行政事业性收费", ["102", "0"]),
           ("第二十条第（九）项", []), ("信息内容", ["采购项目数量", "采购总金额"]), ("政府集中采购", ["12", ""])]


def test_blank_cells_of_table_two_are_blanks_never_made_by_cutting_a_value() -> None:
    # "10", an empty cell, "9" and the last row's "12" and an empty amount: their digits also
    # split as 1|0|9 and 1|2, but every value has a line of its own, so each is one cell
    vals = {r: ["0"] * 7 for r in APP_ROW_ORDER["2019"]}
    rows = [[*APP_LABELS_2021.get(r, ["（六）其他处理"]), *vals[r]] for r in APP_ROW_ORDER["2019"]]
    r = _parse(_page(AD_2019, rows))
    got = {(c.row_key, c.col_key): (c.value_raw, c.value_kind) for c in r.cells if c.table == "active_disclosure"}
    assert [got[("normative_documents", c)] for c in ("made", "published", "total_published")] == \
        [("10", "number"), ("", "blank"), ("9", "number")]
    assert [got[("centralized_procurement", c)] for c in ("procurement_items", "procurement_amount")] == \
        [("12", "number"), ("", "blank")]
    assert not r.undetermined and r.status == "ok"
