"""HTML table recognition: every cell of our own template tables in the shapes real sites print."""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page, rl_table, td

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

AD_2021 = {"规章": ["1", "0", "5"], "行政规范性文件": ["4", "2", "31"], "行政许可": ["1,204"],
           "行政处罚": ["87"], "行政强制": ["0"], "行政事业性收费": ["12.5"]}


def _grid(report, table):
    return {(c.row_key, c.col_key): (c.value, c.value_kind) for c in report.cells if c.table == table}


def _expect_app(values, template="2021"):
    out = {}
    for row in APP_ROW_ORDER[template]:
        for col, raw in zip(APP_COL_ORDER, values[row]):
            out[(row, col)] = (float(raw), "number") if raw.strip() else (None, "blank")
    return out


def test_full_2021_report_every_cell() -> None:
    vals = app_values()
    r = parse_report(page(ad_table_2021(AD_2021), app_table(vals), rl_table(RL_VALUES)), "http://x.gov.cn/t20240118_1.html")
    assert (r.status, r.template, r.table_source) == ("ok", "2021", "html"), r.status_reason
    assert r.report_year == 2023 and r.published_date == "2024-01-18" and r.publisher == "示范区某镇"
    assert _grid(r, "active_disclosure") == {
        ("regulations", "issued"): (1, "number"), ("regulations", "repealed"): (0, "number"),
        ("regulations", "in_force"): (5, "number"), ("normative_documents", "issued"): (4, "number"),
        ("normative_documents", "repealed"): (2, "number"), ("normative_documents", "in_force"): (31, "number"),
        ("licensing", "decisions"): (1204, "number"), ("penalty", "decisions"): (87, "number"),
        ("coercion", "decisions"): (0, "number"), ("fees", "amount_10k_yuan"): (12.5, "number"),
    }
    assert r.cell("active_disclosure", "fees", "amount_10k_yuan").unit == "万元"
    assert _grid(r, "applications") == _expect_app(vals)
    assert _grid(r, "review_litigation") == {
        (row, col): (float(v), "number")
        for (row, col), v in zip(((r_, c_) for r_ in RL_ROW_ORDER for c_ in RL_COL_ORDER), RL_VALUES)
    }
    assert [s.section for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert all(c.ok for c in r.checks)


def test_table_two_as_four_tables_is_the_same() -> None:
    one = parse_report(page(ad_table_2021(AD_2021), app_table(app_values()), rl_table(RL_VALUES)))
    four = parse_report(page(ad_table_2021(AD_2021, split=True), app_table(app_values()), rl_table(RL_VALUES)))
    assert _grid(one, "active_disclosure") == _grid(four, "active_disclosure")
    assert four.status == "ok"


def test_a_remark_column_beside_table_two_is_not_read() -> None:
    tables = (app_table(app_values()), rl_table(RL_VALUES))
    plain = parse_report(page(ad_table_2021(AD_2021), *tables))
    for split in (False, True):
        r = parse_report(page(ad_table_2021(AD_2021, remark=True, split=split), *tables))
        assert _grid(r, "active_disclosure") == _grid(plain, "active_disclosure")
        assert len(_grid(r, "active_disclosure")) == 10
        assert (r.status, r.unknown_labels) == ("ok", [])
        assert r.cell("active_disclosure", "fees", "amount_10k_yuan").unit == "万元"


def test_the_group_and_the_item_in_one_label_cell_of_the_last_result_row() -> None:
    vals = app_values()
    plain = app_table(vals)
    for label in ("（六）其他处理 3.其他", "（六）其他处理3.其他", "六、其他处理 3、其他", "其他处理-其他"):
        html = plain.replace(td("3.其他"), td(label))
        assert html != plain
        r = parse_report(page(ad_table_2021(AD_2021), html, rl_table(RL_VALUES)))
        assert _grid(r, "applications") == _expect_app(vals), label  # other_other's 7 cells included
        assert r.status == "ok" and r.template == "2021"


def test_an_organisations_subtotal_column_is_not_read_as_the_total() -> None:
    vals = app_values()
    for label in ("合计", "小计"):
        html = app_table(vals, org_subtotal=label)
        assert html.count(td(label)) == 1
        r = parse_report(page(ad_table_2021(AD_2021), html, rl_table(RL_VALUES)))
        assert _grid(r, "applications") == _expect_app(vals), label
        assert (r.status, r.unknown_labels) == ("ok", []), label


def test_table_four_alone_takes_the_template_of_its_report_year() -> None:
    # tables 二 and 三 printed as images: table 四 has no template words of its own
    for year, tpl in ((2023, "2021"), (2020, "2019")):
        r = parse_report(page(rl_table(RL_VALUES), title=f"示范区某镇{year}年政府信息公开工作年度报告"))
        assert (r.report_year, r.template, r.status) == (year, tpl, "partial")
        assert r.templates_by_table == {"review_litigation": tpl}
        assert {c.template for c in r.cells} == {tpl} and len(r.cells) == 15


def test_a_report_mixing_versions_keeps_each_table_and_takes_its_year_for_itself() -> None:
    # 2021 table 二 with a 2019 table 三 (23 rows, one （六） row): each table keeps its own keys
    vals19 = app_values("2019")
    for year, tpl in ((2023, "2021"), (2020, "2019")):
        r = parse_report(page(ad_table_2021(AD_2021), app_table(vals19, "2019"), rl_table(RL_VALUES),
                              title=f"示范区某镇{year}年政府信息公开工作年度报告"))
        assert r.templates_by_table["active_disclosure"] == "2021"
        assert r.templates_by_table["applications"] == "2019"
        assert r.template == tpl, year
        assert _grid(r, "applications") == _expect_app(vals19, "2019")


def test_a_table_four_cell_pointing_to_a_note_keeps_the_table() -> None:
    values = list(RL_VALUES)
    values[9] = "详见说明"  # 未经复议直接起诉 · 总计
    r = parse_report(page(ad_table_2021(AD_2021), app_table(app_values()), rl_table(values)))
    c = r.cell("review_litigation", "suit_direct", "total")
    assert (c.value, c.value_kind, c.value_raw) == (None, "text", "详见说明")
    got = _grid(r, "review_litigation")
    assert len(got) == 15 and got[("review", "total")] == (float(RL_VALUES[4]), "number")
    assert r.status == "ok"


def test_blank_total_column_is_not_zero_and_not_inconsistent() -> None:
    # Shanghai leaves 总计 blank on detail rows: strict checks are unknown there, the report is ok
    vals = app_values()
    for row in ("granted", "unavailable_not_held", "not_processed_repeat", "denied_state_secret"):
        vals[row] = vals[row][:6] + ["&nbsp;"]
    r = parse_report(page(ad_table_2021(AD_2021), app_table(vals), rl_table(RL_VALUES)))
    assert r.status == "ok", r.status_reason
    c = r.cell("applications", "granted", "total")
    assert (c.value, c.value_kind) == (None, "blank")
    strict = {x.check: x for x in r.checks if x.mode == "strict"}
    lenient = {x.check: x for x in r.checks if x.mode == "lenient"}
    assert strict["applications.row_total.granted"].ok is None
    assert lenient["applications.row_total.granted"].ok is False  # 0 != 9 when blank reads as 0
    assert strict["applications.results_total.total"].ok is None


def test_source_inconsistency_is_reported_not_fixed() -> None:
    vals = app_values(results_total=["10", "3", "0", "0", "0", "0", "13"])
    r = parse_report(page(ad_table_2021(AD_2021), app_table(vals), rl_table(RL_VALUES)))
    assert r.status == "inconsistent"
    assert r.value("applications", "results_total", "natural_person") == 10
    failed = sorted(c.check for c in r.checks if c.mode == "strict" and c.ok is False)
    assert failed == ["applications.balance.natural_person", "applications.balance.total",
                      "applications.results_total.natural_person", "applications.results_total.total"]


def test_2019_template_table_three_and_na_text_cells() -> None:
    vals = app_values("2019", other_handling=["/", "—", "0", "0", "0", "0", "详见附表"])
    r = parse_report(page(app_table(vals, "2019"), rl_table(RL_VALUES)))
    assert r.templates_by_table["applications"] == "2019"
    assert r.template == "2019"
    kinds = {c.col_key: c.value_kind for c in r.cells if c.row_key == "other_handling"}
    assert kinds == {"natural_person": "na", "commercial": "na", "research": "number", "social_org": "number",
                     "legal_service": "number", "other_org": "number", "total": "text"}
    assert r.status == "partial"  # table 二 is missing
    assert "active_disclosure" in r.status_reason


def test_shanghai_2019_table_two_with_shifting_colspans() -> None:
    # one 5-column grid; each block aligns its columns with colspan=2 on a different cell
    rows = [
        "<tr>" + td("第二十条第（一）项", colspan=5) + "</tr>",
        "<tr>" + td("信息内容", colspan=2) + td("本年新<br>制作数量") + td("本年新<br>公开数量") + td("对外公开总数量") + "</tr>",
        "<tr>" + td("规章", colspan=2) + td("3") + td("3") + td("120") + "</tr>",
        "<tr>" + td("规范性文件", colspan=2) + td("14") + td("14") + td("402") + "</tr>",
        "<tr>" + td("第二十条第（五）项", colspan=5) + "</tr>",
        "<tr>" + td("信息内容") + td("上一年项目数量", colspan=2) + td("本年增/减") + td("处理决定数量") + "</tr>",
        "<tr>" + td("行政许可") + td("1,036", colspan=2) + td("+14") + td("2,580") + "</tr>",
        "<tr>" + td("其他对外管理服务事项") + td("22", colspan=2) + td("-3") + td("75") + "</tr>",
        "<tr>" + td("第二十条第（六）项", colspan=5) + "</tr>",
        "<tr>" + td("信息内容") + td("上一年项目数量") + td("本年增/减", colspan=2) + td("处理决定数量") + "</tr>",
        "<tr>" + td("行政处罚") + td("40") + td("0", colspan=2) + td("388") + "</tr>",
        "<tr>" + td("行政强制") + td("6") + td("+1") + td("", colspan=1) + td("19") + "</tr>",
        "<tr>" + td("第二十条第（八）项", colspan=5) + "</tr>",
        "<tr>" + td("信息内容", colspan=2) + td("上一年项目数量", colspan=2) + td("本年增/减") + "</tr>",
        "<tr>" + td("行政事业性收费", colspan=2) + td("2", colspan=2) + td("0") + "</tr>",
        "<tr>" + td("第二十条第（九）项", colspan=5) + "</tr>",
        "<tr>" + td("信息内容", colspan=2) + td("采购项目数量", colspan=2) + td("采购总金额") + "</tr>",
        "<tr>" + td("政府集中采购", colspan=2) + td("8", colspan=2) + td("251000元") + "</tr>",
    ]
    table = "<table border='1'>" + "".join(rows) + "</table>"
    r = parse_report(page(table, app_table(app_values("2019"), "2019"), rl_table(RL_VALUES),
                          title="示范区2019年政府信息公开工作年度报告"))
    ad = _grid(r, "active_disclosure")
    assert ad[("regulations", "made")] == (3, "number")
    assert ad[("normative_documents", "total_published")] == (402, "number")
    assert ad[("licensing", "prev_year_items")] == (1036, "number")
    assert ad[("licensing", "change")] == (14, "number")
    assert ad[("other_admin_services", "change")] == (-3, "number")
    assert ad[("penalty", "change")] == (0, "number")
    assert ("coercion", "change") in ad and ad[("coercion", "decisions")] == (19, "number")
    assert ad[("fees", "prev_year_items")] == (2, "number")
    assert ad[("centralized_procurement", "procurement_amount")] == (251000, "number")
    assert r.cell("active_disclosure", "centralized_procurement", "procurement_amount").unit == "元"
    assert r.templates_by_table["active_disclosure"] == "2019"
    assert r.report_year == 2019


def test_unknown_row_label_is_reported() -> None:
    vals = app_values()
    html = app_table(vals).replace("</tbody>", "<tr>" + td("（八）某种新情形", colspan=2) + "".join(
        td("0") for _ in range(7)) + "</tr></tbody>")
    r = parse_report(page(ad_table_2021(AD_2021), html, rl_table(RL_VALUES)))
    assert any("某种新情形" in u for u in r.unknown_labels)
    assert "某种新情形" in r.status_reason


def test_no_tables_page_with_attachment() -> None:
    html = ("<html><body><h1>某局2022年政府信息公开工作年度报告</h1><div class='TRS_Editor'>"
            "<p>一、总体情况</p><p><img src='/img/a.jpg'></p><p>二、主动公开政府信息情况</p>"
            "<p><a href='P020230120123.pdf'>附件：年度报告.pdf</a></p></div></body></html>")
    r = parse_report(html.encode(), "http://x.gov.cn/col/202301/t20230120_9.html")
    assert r.status == "no_tables"
    assert r.report_year == 2022 and r.template == "unknown"
    assert sorted(a.kind for a in r.attachments) == ["image", "pdf"]
    assert r.attachments[0].url.startswith("http://x.gov.cn/col/202301/")


def test_gbk_page_decodes() -> None:
    data = page(ad_table_2021(AD_2021), app_table(app_values()), rl_table(RL_VALUES)).decode("utf-8")
    data = data.replace("charset='utf-8'", "charset='gb2312'").encode("gbk")
    r = parse_report(data)
    assert r.encoding == "gb18030" and r.status == "ok"


def test_extra_empty_cell_in_data_rows_is_resolved_by_header_position() -> None:
    # Word exports sometimes leave an empty trailing <td> on data rows; the grid position of each
    # value under its header decides, not the count from the right
    vals = app_values()
    html = app_table(vals)
    html = html.replace(td("2") + "</tr>", td("2") + "<td></td></tr>")  # carried_forward total
    r = parse_report(page(ad_table_2021(AD_2021), html, rl_table(RL_VALUES)))
    assert r.value("applications", "carried_forward", "total") == 2
    assert r.value("applications", "carried_forward", "natural_person") == 2
    assert r.status == "ok", r.status_reason


def test_layout_table_around_the_article_does_not_shadow_the_tables() -> None:
    inner = ad_table_2021(AD_2021) + app_table(app_values()) + rl_table(RL_VALUES)
    html = page(inner).decode("utf-8")
    # the article body wrapped in a one-cell layout table inside the CMS container
    html = html.replace("<div class='TRS_Editor'>", "<div class='TRS_Editor'><table class='layout'><tr><td>")
    html = html.replace("</div><div class='footer'>", "</td></tr></table></div><div class='footer'>")
    r = parse_report(html.encode("utf-8"))
    assert r.status == "ok", r.status_reason
    assert r.value("active_disclosure", "licensing", "decisions") == 1204
    assert not any("duplicate" in w for w in r.warnings)


def test_block_header_without_information_content_cell() -> None:
    html = ad_table_2021(AD_2021).replace(td("信息内容") + td("本年处理决定数量", colspan=3),
                                          td("本年处理决定数量", colspan=4))
    r = parse_report(page(html, app_table(app_values()), rl_table(RL_VALUES)))
    assert r.value("active_disclosure", "licensing", "decisions") == 1204
    assert r.value("active_disclosure", "penalty", "decisions") == 87
    assert not r.unknown_labels, r.unknown_labels
    assert r.status == "ok", r.status_reason


def test_vertical_one_character_headers_in_table_four() -> None:
    vertical = rl_table(RL_VALUES)
    for word in ("结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "行政复议", "行政诉讼"):
        vertical = vertical.replace(word, "<br>".join(word.replace("<br>", "")))
    assert "结<br>果<br>维<br>持" in vertical
    r = parse_report(page(ad_table_2021(AD_2021), app_table(app_values()), vertical))
    assert r.status == "ok", r.status_reason
    assert not any("review_litigation" in w for w in r.warnings), r.warnings
    assert [r.value("review_litigation", "review", c) for c in RL_COL_ORDER] == [2, 1, 0, 1, 4]
