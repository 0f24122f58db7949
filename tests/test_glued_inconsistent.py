"""Glued rows whose printed numbers break the identities (a source error, or a blank cell that
vanished from the run): the split that makes the sums hold best is not the printed one, so no
reading is chosen by them. Texts are ours, built from the template labels.
"""

from __future__ import annotations

from test_glued import RL_HEADER, _values, app_text

from parsers.glued import extract_glued_tables

APP_COLS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")
RL_KEYS = [f"review_litigation.{r}.{c}" for r in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]


def test_an_inconsistent_table_three_does_not_pick_the_split_that_breaks_fewest_identities() -> None:
    # printed: 予以公开 and 总计 1|11|0|0|0|0|12 (also readable 11|1|… and 1|1|10|…, each meeting
    # its total); 本年新收 11 1 0 1 0 0 13 is wrong in the source. Reading both glued rows as
    # 11|1 would leave one identity failing instead of three: a guess that fixes the sums
    rows = {"new_received": "11 1 0 1 0 0 13", "granted": "111000012", "results_total": "111000012"}
    r = extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15)
    v = _values(r)
    for row in ("granted", "results_total"):
        for col in ("natural_person", "commercial", "research"):
            assert f"applications.{row}.{col}" not in v, (row, col, v.get(f"applications.{row}.{col}"))
            assert f"applications.{row}.{col}" in r.undetermined
        assert [v[f"applications.{row}.{c}"] for c in APP_COLS[3:]] == [0, 0, 0, 12]
    assert [v[f"applications.new_received.{c}"] for c in APP_COLS] == [11, 1, 0, 1, 0, 0, 13]  # as printed


def test_a_glued_row_no_reading_of_which_meets_its_total_is_not_read_by_position() -> None:
    # 0|blank|0|11|0|11|22 printed "001101122": every 7-cell reading fails the row total, and the
    # "0|0" they agree on is 自然人 and 科研机构, not 自然人 and 商业企业
    r = extract_glued_tables(app_text({"denied_law_forbidden": "001101122"}) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert not any(f"applications.denied_law_forbidden.{c}" in v for c in APP_COLS)
    assert "none meets the row's own total" in r.undetermined["applications.denied_law_forbidden.commercial"]
    assert v["applications.granted.natural_person"] == 0


def test_a_table_four_run_no_reading_of_which_meets_the_block_totals_is_not_read_by_position() -> None:
    # 100|10|0|blank|110 | 0|blank|0|0|0 | 0×5 printed as one run: 16 readings, each failing
    # 行政复议's total; the zeros they agree on are not 行政诉讼's cells in order
    r = extract_glued_tables(app_text({}) + RL_HEADER + "100100110" + "0" * 9)
    v = _values(r)
    assert not any(k in v for k in RL_KEYS)
    assert set(RL_KEYS) <= set(r.undetermined)
    # one reading only (15 digits): read as printed even though 行政复议's total fails
    r = extract_glued_tables(app_text({}) + RL_HEADER + "000020000000000")
    assert _values(r)["review_litigation.review.total"] == 2


def test_a_count_unit_glued_after_several_cells_ends_the_last_of_them() -> None:
    # 101|101|0件|0|0|0|202: the unit ends 科研机构's cell; the run is not one count of 1011010
    r = extract_glued_tables(app_text({"partially_granted": "1011010件000202"}) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert [v[f"applications.partially_granted.{c}"] for c in APP_COLS] == [101, 101, 0, 0, 0, 0, 202]
    assert [c.unit for c in r.cells if c.row_key == "partially_granted"][2] == "件"
    # a table 二 row has no total to confirm where the digits before the unit are cut
    from test_glued_blanks import AD_2021
    r = extract_glued_tables(AD_2021.format(norm="1101010件20") + app_text({}) + RL_HEADER + "0" * 15)
    assert not any(k.startswith("active_disclosure.normative_documents.") for k in _values(r))
    assert "active_disclosure.normative_documents.issued" in r.undetermined


def test_a_dash_glued_to_digits_is_not_a_sign_where_the_column_takes_none() -> None:
    # 2019 行政事业性收费: 上一年项目数量 "-" (not applicable) glued to 本年增/减 15, not -1|5
    text = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000"
            "规范性文件000第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可000"
            "其他对外管理服务事项000第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚000"
            "行政强制000第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费-15"
            "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购00") + app_text({}, "2019") + RL_HEADER + "0" * 15
    r = extract_glued_tables(text)
    v = _values(r)
    assert "active_disclosure.fees.prev_year_items" not in v and "active_disclosure.fees.change" not in v
    assert "active_disclosure.fees.change" in r.undetermined
    # a dash cell printed apart stays an NA cell of its row
    r = extract_glued_tables(app_text({"granted": "1 - 0 0 0 0 1"}) + RL_HEADER + "0" * 15)
    assert [(c.value_kind, c.value) for c in r.cells if c.row_key == "granted"][:3] == \
        [("number", 1.0), ("na", None), ("number", 0.0)]


def test_a_cell_zero_glued_before_a_thousands_separated_number() -> None:
    # 1|0|1,010|3|20|0|1,034 printed "1 0 1,010 3 20 01,034": "01,034" is 0 then 1,034, not one cell
    r = extract_glued_tables(app_text({"unavailable_needs_creation": "1 0 1,010 3 20 01,034"}) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert [v.get(f"applications.unavailable_needs_creation.{c}") for c in APP_COLS] == [1, 0, 1010, 3, 20, 0, 1034]


def test_one_row_read_short_is_enough_to_distrust_rows_that_may_hide_a_blank() -> None:
    # 保护第三方 "000000" reads as six values only (a blank dropped); 信访 "00010010" is read
    # 0|0|0|10|0|0|10 by its total, but may be 0|0|0|blank|10|0|10 shifted, or printed
    # 0|0|0|1|0|0|10 with a wrong total: one short row shows the page drops blanks
    rows = {"denied_third_party": "000000", "not_processed_petition": "00010010"}
    r = extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert not any(f"applications.not_processed_petition.{c}" in v for c in APP_COLS)
    assert "one value short" in r.undetermined["applications.not_processed_petition.natural_person"]


def test_a_table_three_that_drops_blanks_makes_table_two_rows_that_may_hide_one_undetermined() -> None:
    # table 二 "630" is 63, a blank and 0 as well as 6|3|0: with table 三 leaving a blank out
    # (予以公开 "000000"), no glued table 二 row that also reads one value short is read
    from test_glued_blanks import AD_2021
    text = AD_2021.format(norm="630") + app_text({"granted": "000000"}) + RL_HEADER + "0" * 15
    r = extract_glued_tables(text)
    v = _values(r)
    assert not any(k.startswith("active_disclosure.normative_documents.") for k in v)
    assert "active_disclosure.normative_documents.issued" in r.undetermined
    assert v["active_disclosure.regulations.issued"] == 0


def test_pipe_rows_of_another_table_are_no_sign_that_the_page_drops_blanks() -> None:
    # table 二 printed as "| 规章 | 0 | 0 | 1 |" rows (the glued reader sees only their first
    # cell), table 三 glued: the pipe rows must not mark the glued rows as possibly one value short
    from parsers import parse_report

    ad = ("二、主动公开政府信息情况\n| 第二十条第（一）项 |\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
          "| 规章 | 0 | 0 | 1 |\n| 行政规范性文件 | 0 | 5 | 2 |\n| 第二十条第（五）项 |\n| 信息内容 | 本年处理决定数量 |\n"
          "| 行政许可 | 4 |\n| 第二十条第（六）项 |\n| 信息内容 | 本年处理决定数量 |\n| 行政处罚 | 0 |\n| 行政强制 | 3 |\n"
          "| 第二十条第（八）项 |\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 0.3 |\n")
    run = "121530211318109"  # 12|15|30|21|13|18|109
    app = app_text({"new_received": run, "granted": run, "results_total": run}).replace(
        "四、政府信息公开行政复议、行政诉讼情况", "\n")
    rl = ("四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | 行政诉讼 |\n"
          "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n"
          "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
          "| 2 | 2 | 0 | 0 | 4 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    text = "某镇2021年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n" + ad + app + rl
    r = parse_report(text.encode(), None, filename="x.txt")
    got = {c.col_key: c.value for c in r.cells if c.table == "applications" and c.row_key == "granted"}
    assert [got.get(c) for c in APP_COLS] == [12, 15, 30, 21, 13, 18, 109]
    assert not [k for k in r.undetermined if k.startswith("applications.")]
