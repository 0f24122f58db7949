"""Glued text where blank cells hide: rows one value short, incidental spaces, table 四 runs
that fail their block totals. What must never happen is a blank read as a number or a number
cut to fill a blank's place. Text is ours, shaped like the crawler's page.txt dumps.
"""

from __future__ import annotations

from test_glued import RL_HEADER, _values, app_text

from parsers.glued import extract_glued_tables
from parsers.templates import T2021

APP_COLS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")
AD_2021 = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
           "行政规范性文件{norm}第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容"
           "本年处理决定数量行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0")


def test_a_glued_row_among_rows_with_a_blank_total_is_not_cut_digit_by_digit() -> None:
    # detail rows print six zeros (总计 blank); "1210000" is 12,1,0,0,0,0 and a blank, never 1,2,1,0,0,0,0
    rows = {"new_received": "121000013", "granted": "1210000", "results_total": "121000013"}
    r = extract_glued_tables(app_text(rows, default="000000"))
    v = _values(r)
    assert not any(f"applications.granted.{c}" in v for c in APP_COLS)
    assert "applications.granted.natural_person" in r.undetermined


def test_a_spaced_row_one_value_short_among_such_rows_is_not_split() -> None:
    # "10 0 0 0 0 1": cutting 10 into 1|0 would meet the row total by chance (1+0+0+0+0+0 = 1)
    rows = {"new_received": "11 0 0 0 0 1 12", "denied_law_forbidden": "10 0 0 0 0 1", "results_total": "11 0 0 0 0 1 12"}
    r = extract_glued_tables(app_text(rows, default="0 0 0 0 0 0"))
    v = _values(r)
    assert not any(f"applications.denied_law_forbidden.{c}" in v for c in APP_COLS)
    assert "one value short" in r.undetermined["applications.denied_law_forbidden.natural_person"]
    assert v["applications.new_received.natural_person"] == 11


def test_a_space_in_a_glued_table_two_row() -> None:
    # a run that cannot be one number ("09") shows the row glued, its space padding: read
    text = AD_2021.format(norm="10 09") + app_text({}) + RL_HEADER + "0" * 15
    v = _values(extract_glued_tables(text))
    assert [v[f"active_disclosure.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [10, 0, 9]
    # "10 9" may be 1|0|9 with padding or 10|blank|9: a Word cell left blank holds an &nbsp; and
    # prints as padding does, so even on a page printing every zero cutting 10 is a guess
    r = extract_glued_tables(AD_2021.format(norm="10 9") + app_text({}) + RL_HEADER + "0" * 15)
    assert "active_disclosure.normative_documents.issued" in r.undetermined
    assert "active_disclosure.normative_documents.in_force" not in _values(r)


def test_a_page_padding_most_cells_prints_its_rows_glued() -> None:
    # every row carries a space or two of &nbsp; padding, yet its runs hold several cells each
    # ("112 00 0114"): the page is glued, so table 四's one split is read as printed, and its
    # review block's failing total shows as the source's (not as undetermined cells)
    rows = {"new_received": "453 72 2065538", "carried_over": "112 00 0114", "granted": "143270001 171",
            "partially_granted": "591100 0373", "results_total": "46472 2 066 550", "carried_forward": "020 0002"}
    r = extract_glued_tables(app_text(rows, default="00 00 000") + RL_HEADER + "00 0 0 21 11 3601102")
    v = _values(r)
    assert [v[f"review_litigation.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [0, 0, 0, 0, 2]
    assert [v[f"review_litigation.suit_direct.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 1, 1, 3, 6]
    assert [v[f"review_litigation.suit_after_review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [0, 1, 1, 0, 2]
    assert not any(k.startswith("review_litigation") for k in r.undetermined)


def test_a_glued_table_four_with_incidental_spaces_that_fails_its_totals_is_read_as_printed() -> None:
    # one split only (15 digits, 15 cells); the review block prints 总计 2 over zero parts: the
    # source is inconsistent and its numbers stay as printed
    r = extract_glued_tables(app_text({}) + RL_HEADER + "00 0 0 2000 000 0000")
    v = _values(r)
    assert [v[f"review_litigation.review.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [0, 0, 0, 0, 2]
    assert not r.undetermined


def test_a_table_four_run_whose_numbers_may_each_be_one_cell_is_not_cut_to_fit() -> None:
    run = "3205 1000000 2518"  # 3,2,0,5,10 | 0×5 | 2,5,1,_,8: read as 15 cells review's total fails
    blanks = app_text({"new_received": "2000002", "granted": "20000"}, default="000000")
    for page in (blanks, app_text({}, T2021)):  # with blank cells elsewhere or every zero printed
        r = extract_glued_tables(page + RL_HEADER + run)
        assert all(f"review_litigation.{b}.total" in r.undetermined for b in ("review", "suit_after_review"))


def test_a_page_whose_table_three_cannot_be_split_keeps_its_table_two() -> None:
    from parsers import parse_report

    # table 四 given as a sentence, table 三 with blank totals (no row can be split): still tables
    text = ("某局2023年政府信息公开工作年度报告\n" + AD_2021.format(norm="209") + app_text({}, default="000000")
            + "本年度未发生政府信息公开行政复议、行政诉讼。五、存在的主要问题及改进情况 无。")
    r = parse_report(text.encode(), None, filename="x.txt")
    assert r.status == "partial" and "missing table(s): review_litigation" in r.status_reason
    # the page leaves blank cells out (table 三's 总计): "209" may be 20, a blank and 9 as well as 2|0|9
    assert all(f"active_disclosure.normative_documents.{c}" in r.undetermined for c in ("issued", "repealed", "in_force"))
    assert [r.value("active_disclosure", "regulations", c) for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert "applications.granted.natural_person" in r.undetermined


def test_a_cell_word_glued_before_the_next_section_is_a_text_cell_without_a_unit() -> None:
    text = AD_2021.format(norm="209").replace("行政事业性收费0", "行政事业性收费不涉及") + app_text({}) + RL_HEADER + "0" * 15
    r = extract_glued_tables(text)
    fee = next(c for c in r.cells if c.row_key == "fees")
    assert (fee.value, fee.value_raw, fee.value_kind, fee.unit) == (None, "不涉及", "text", None)
    assert not r.undetermined


def test_a_note_quoting_a_few_table_three_figures_is_not_a_table() -> None:
    from parsers import parse_report

    # label-number lines for five rows of table 三: a note about the report, not its table
    text = ("关于2023年度政府信息公开工作年度报告的说明\n现将依申请公开主要数据说明如下：\n"
            "本年新收政府信息公开申请数量 39\n上年结转政府信息公开申请数量 4\n予以公开 15\n部分公开 2\n"
            "结转下年度继续办理 6\n如有疑问请致电本局办公室。")
    r = parse_report(text.encode(), None, filename="x.txt")
    assert (r.status, r.cells, r.undetermined) == ("no_tables", [], {})


def test_rows_printed_cell_by_cell_with_blanks_left_out_are_never_read_digit_by_digit() -> None:
    # "19 0 0 113": 19, 0, 0, 113 and three blanks; never 1,9,0,0,1,1,3 on a page of glued rows
    rows = {"new_received": "0 19 0 0 0 113 132", "results_total": "0 19 0 0 0 113 132", "not_processed_petition": "19 0 0 113"}
    r = extract_glued_tables(app_text(rows))
    assert not any(f"applications.not_processed_petition.{c}" in _values(r) for c in APP_COLS)
    # "1010002" among rows one value short may be 10,1,0,0,0,2 and a blank: not read, though 1+1 = 2
    r = extract_glued_tables(app_text({"new_received": "101000213", "granted": "1010002"}, default="000000"))
    assert not any(f"applications.granted.{c}" in _values(r) for c in APP_COLS)


def test_a_table_whose_zeros_are_left_blank_is_not_read_by_its_digit_count() -> None:
    # zeros printed blank: detail rows hold a digit or nothing; "2300730" is 23,0,_,_,0,7,30, never
    # seven single digits just because there are seven of them
    rows = {"new_received": "2300730", "granted": "23", "denied_state_secret": "", "unavailable_not_held": "7",
            "results_total": "2300730"}
    r = extract_glued_tables(app_text(rows, default=""))
    v = _values(r)
    assert not any(f"applications.{k}.{c}" in v for k in ("new_received", "results_total") for c in APP_COLS)


def test_a_table_four_run_with_one_glued_pair_on_a_page_printing_cells_apart_is_a_guess() -> None:
    # tables 二 and 三 printed cell by cell, every row full; table 四's run glues one pair ("00")
    # and cuts "10" only if read as 15 cells: review 5,5,0,0,10 with a blank left out reads the
    # same. Cutting its numbers is a guess its failing block totals do not confirm
    text = AD_2021.replace("规章000", "规章0 0 0").format(norm="0 0 0") + app_text({}, default="0 0 0 0 0 0 0")
    r = extract_glued_tables(text + RL_HEADER + "5 5 0 0 10 00 0 0 0 0 0 0 0")
    assert not any(k.startswith("review_litigation") for k in _values(r))
    assert "review_litigation.review.total" in r.undetermined
    assert "review_litigation.review.total" not in _values(extract_glued_tables(RL_HEADER + "5 5 0 0 10 00 0 0 0 0 0 0 0"))


NORM = [f"active_disclosure.normative_documents.{c}" for c in ("issued", "repealed", "in_force")]


def test_a_table_two_row_one_value_short_is_not_cut_where_the_page_may_drop_a_blank() -> None:
    # "12 5": 1, 2, 5, or 12, a blank and 5. Read only on a glued page showing no blank anywhere
    glued3, spaced3, rl = app_text({}), app_text({}, default="0 0 0 0 0 0 0"), RL_HEADER + "0" * 15
    pages = {
        "table 三 printed cell by cell": AD_2021.format(norm="12 5") + spaced3 + rl,
        "every cell apart": AD_2021.replace("规章000", "规章0 0 0").format(norm="12 5") + spaced3 + rl,
        "table 四 one value short": AD_2021.format(norm="12 5") + glued3 + RL_HEADER + " ".join("0" * 14),
        "table 二's 行政许可 blank": AD_2021.format(norm="12 5").replace("行政许可0", "行政许可") + glued3 + rl,
    }
    for why, text in pages.items():
        r = extract_glued_tables(text)
        assert not any(k in _values(r) for k in NORM), why
        assert all(k in r.undetermined for k in NORM), why


def test_rows_printing_only_their_filled_cells_do_not_make_a_page_glued() -> None:
    # Shanghai-like table 三: each detail row prints two values ("3 1"), blanks left out. The
    # page drops blanks, so table 四's run that must cut "16" (5,0,0,1,16 | … with a blank left
    # out) is not read as 15 cells
    from parsers.templates import APP_ROW_ORDER
    rows = {k: "3 1" for k in APP_ROW_ORDER[T2021]}
    rows.update(new_received="25 3 1 29", carried_over="0", results_total="25 3 1 29", carried_forward="0")
    text = AD_2021.replace("规章000", "规章0 0 0").format(norm="0 0 0") + app_text(rows)
    r = extract_glued_tables(text + RL_HEADER + "5 0 0 1 16 00 0 0 0 0 0 0 0")
    assert not any(k.startswith("review_litigation") for k in _values(r))


RL_KEYS = [f"review_litigation.{b}.{c}" for b in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]


def test_a_blank_table_four_cell_printed_as_padding_is_not_read_into_its_neighbours() -> None:
    # a page padding its cells with &nbsp;, every row full; table 四's 行政复议 is 0,6,7,blank,13
    # and the blank's &nbsp; prints as padding: "06 7 13 000 0 000088". As 15 cells (0,6,7,1,3)
    # the totals fail; with the blank left out they hold: a source error or a blank, not read
    rows = {"new_received": "11 00 000 11", "results_total": "11 00 000 11", "granted": "10 00 00 0 10",
            "partially_granted": "1 000 00 1"}
    page = AD_2021.format(norm="000") + app_text(rows, default="00 000 00") + RL_HEADER
    r = extract_glued_tables(page + "06 7 13 000 0 000088")
    assert not any(k in _values(r) for k in RL_KEYS)
    assert "blank cell left out" in r.undetermined["review_litigation.review.total"]
    # the same run printing its zero (16 digits, 13 one cell) is read
    v = _values(extract_glued_tables(page + "06 7 0 13 000 0 000088"))
    assert [v[k] for k in RL_KEYS[:5]] == [0, 6, 7, 0, 13] and v["review_litigation.suit_after_review.total"] == 8


def test_a_table_four_run_failing_its_totals_on_a_page_that_drops_blanks_is_not_read() -> None:
    # table 三's detail rows print six values (总计 blank): blanks are left out on this page, and a
    # run that fails its totals as 15 cells may hide several (11,0,0,_,11 | 25,_,_,0,25 |
    # 0,_,0,0,0 printed "11 0 01125 0 250 0 00": as 15 cells 行政复议 would be 1,1,0,0,1)
    r = extract_glued_tables(app_text({"new_received": "1000001", "granted": "100000",
                                       "results_total": "1000001"}, default="000000")
                             + RL_HEADER + "11 0 01125 0 250 0 00")
    assert not any(k in _values(r) for k in RL_KEYS)
    assert "review_litigation.review.upheld" in r.undetermined


def test_a_table_four_run_partly_determined_on_a_page_that_drops_blanks() -> None:
    # "1 4 0 131861 1 21011 116129": two readings meet the totals and agree on some cells; the
    # cells they agree on are checked against no identity (a half-read run is never summed)
    r = extract_glued_tables(app_text({"new_received": "1000001", "granted": "100000",
                                       "results_total": "1000001"}, default="000000")
                             + RL_HEADER + "1 4 0 131861 1 21011 116129")
    assert set(RL_KEYS) <= set(_values(r)) | set(r.undetermined)
