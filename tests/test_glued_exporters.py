"""Glued text as other text exporters make it (lxml text_content, get_text(" "), innerText with its
whitespace collapsed, Word's save-as-text): a label wrapped after "无", a blank last row of table 二
followed by a heading or a sentence with numbers, a fraction cut from its number by a space, NA
marks glued or leading table 四's run, a table 四 printed cell by cell and short of 15 values.
In each, what must never happen is a number that is not the cell's. Text is ours.
"""

from __future__ import annotations

from test_glued import RL_HEADER, _values, app_text
from test_glued_blanks import AD_2021

from parsers.glued import extract_glued_tables

APP_COLS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")
RL_COLS = ("upheld", "corrected", "other", "pending", "total")
RL_BLOCKS = ("review", "suit_direct", "suit_after_review")


def _row(v: dict, table: str, row: str, cols: tuple[str, ...] = APP_COLS) -> list:
    return [v.get(f"{table}.{row}.{c}") for c in cols]


def _kinds(text: str) -> dict:
    r = extract_glued_tables(text)
    return {f"{c.table}.{c.row_key}.{c.col_key}": (c.value_kind, c.value) for c in r.cells}


def test_a_label_wrapped_right_after_its_wu_is_no_na_cell() -> None:
    # "无 正当理由大量反复申请": a line break after the label's first character; "无" is not the
    # 总计 of the row before (which would make "0 0 0 0270 27" read 0,0,0,0,270,27)
    text = app_text({"not_processed_publication": "0 0 0 0270 27"}, default="0 0 0 0 0 0 0")
    text = text.replace("4.无正当理由", "无 正当理由")
    k = _kinds(text + RL_HEADER + "0 " * 15)
    assert "na" not in {k.get(f"applications.not_processed_publication.{c}", ("",))[0] for c in APP_COLS}
    assert k.get("applications.not_processed_publication.legal_service", ("number", 27))[1] in (27, None)
    # the same for "无 法提供" after the last 不予公开 row
    text = app_text({"denied_query_matter": "460000046"}).replace("（四）无法提供1.", "无 法提供")
    k = _kinds(text + RL_HEADER + "0" * 15)
    assert k.get("applications.denied_query_matter.total", ("number", 46.0)) == ("number", 46.0)


def test_a_blank_last_row_of_table_two_takes_no_number_from_the_text_after_it() -> None:
    rest = app_text({}) + RL_HEADER + "0" * 15
    for after in ("三、收到和处理政府信息公开申请情况 本年度共受理申请274件，其中自然人申请12件。",
                  "（一）本年度办结143件，结转1件，办结率54%。",
                  "本年度共受理申请274件，其中自然人申请12件。"):
        text = AD_2021.replace("行政事业性收费0", "行政事业性收费 ") + after + rest
        assert _values(extract_glued_tables(text)).get("active_disclosure.fees.amount_10k_yuan") is None, after


def test_a_fraction_cut_from_its_number_by_a_space_is_not_dropped() -> None:
    rest = app_text({}) + RL_HEADER + "0" * 15
    for fee in ("4794 .89", "4794. 89"):
        text = AD_2021.replace("行政事业性收费0", "行政事业性收费 " + fee + " ") + rest
        assert _values(extract_glued_tables(text)).get("active_disclosure.fees.amount_10k_yuan") in (None, 4794.89), fee
    text = AD_2021.replace("行政事业性收费0", "行政事业性收费 4794.89 ") + rest
    assert _values(extract_glued_tables(text))["active_disclosure.fees.amount_10k_yuan"] == 4794.89


def test_a_space_after_the_next_labels_opening_quote() -> None:
    # "003.危及“ 三安全一稳定”": the "3" is the next label's number, not this row's 总计
    text = app_text({"denied_law_forbidden": "00 0 0 00"}).replace("危及“三安全", "危及“ 三安全")
    v = _values(extract_glued_tables(text + RL_HEADER + "0" * 15))
    assert v.get("applications.denied_law_forbidden.total") in (None, 0)


def test_na_marks_glued_together_are_cut_by_the_row() -> None:
    # "/—": a "/" cell and a "—" cell (or one cell as typed); the reading that takes it as one
    # cell and cuts 440 instead is not the only one
    text = app_text({"denied_internal_affairs": "/— 0 440 0 2 442"}, default="0 0 0 0 0 0 0")
    k = _kinds(text + RL_HEADER + "0 " * 15)
    for c, want in zip(APP_COLS, [None, None, 0.0, 440.0, 0.0, 2.0, 442.0], strict=True):
        got = k.get(f"applications.denied_internal_affairs.{c}")
        assert got is None or got[1] == want, (c, got)


def test_a_na_mark_first_in_table_four_is_its_first_cell() -> None:
    # "- 0 0 9 9 …": the leading "-" is the 行政复议 block's 结果维持, not skipped
    text = app_text({}, default="0 0 0 0 0 0 0") + RL_HEADER + " - 0 0 9 9 / — 0 0 — 366 0 — / 366 五、存在的主要问题"
    k = _kinds(text)
    got = [k.get(f"review_litigation.review.{c}") for c in RL_COLS]
    assert got[0] in (None, ("na", None))
    assert got[1:] == [("number", 0.0), ("number", 0.0), ("number", 9.0), ("number", 9.0)] or all(g is None for g in got)
    assert k.get("review_litigation.suit_after_review.upheld") in (None, ("number", 366.0))


def test_a_table_four_printed_apart_and_short_is_not_cut_to_fit() -> None:
    # 13 values printed apart: cutting both 11s (1|1) meets the block totals, and so does leaving
    # two blank cells out (行政复议 0, _, _, 0, 0; 直接起诉 11, 0, 0, 0, 11): either may be printed
    text = app_text({}) + RL_HEADER + " 0 0 0 11 0 0 0 11 0 0 0 0 0 五、存在的主要问题"
    v = _values(extract_glued_tables(text))
    assert not any(f"review_litigation.{b}.{c}" in v for b in RL_BLOCKS for c in RL_COLS)
    # printed apart and short, but only one way holds: still read
    text = app_text({}, default="0 0 0 0 0 0 0") + RL_HEADER + " 3 1 0 2 6 0 6 7 417 0 0 0 0 0 五、存在的主要问题"
    assert _row(_values(extract_glued_tables(text)), "review_litigation", "review", RL_COLS) == [3, 1, 0, 2, 6]


def test_a_glued_table_four_padded_with_spaces_is_still_read() -> None:
    # Word's &nbsp; padding on a page that glues its cells: "120 10220 0 0 00 151 22 20" is eight
    # tokens, not a run printed cell by cell with blanks left out; it reads one way that meets the
    # block totals (1,20,1,0,22 | 0,0,0,0,0 | 15,1,2,2,20) and must not be dropped for a doubt
    # that belongs to runs of 12-14 tokens
    text = app_text({}) + RL_HEADER + "120 10220 0 0 00 151 22 20五、存在的主要问题"
    v = _values(extract_glued_tables(text))
    assert [_row(v, "review_litigation", b, RL_COLS) for b in RL_BLOCKS] == \
        [[1, 20, 1, 0, 22], [0, 0, 0, 0, 0], [15, 1, 2, 2, 20]]


def test_a_change_in_words_glued_to_the_next_cell() -> None:
    # 上一年项目数量 1706, 本年增/减 "增加5", 处理决定数量 3, glued: "1706增加53" is never 170|6|增加53
    # (a change in words sits in 本年增/减 only, as "+5" does), nor 增加53 in 处理决定数量
    from test_glued import _ad_text

    from parsers.templates import T2019

    for row, want in (("1706增加53", [1706, 5, 3]), ("208减少41", [208, -4, 1])):
        r = extract_glued_tables(_ad_text(T2019, {"licensing": row}) + app_text({}, template=T2019)
                                 + RL_HEADER + "0" * 15)
        got = _row(_values(r), "active_disclosure", "licensing", ("prev_year_items", "change", "decisions"))
        assert all(g is None or g == w for g, w in zip(got, want, strict=True)), (row, got)


def test_a_repeated_table_three_header_is_not_the_total_row() -> None:
    # table 三 cut by a page break, its header printed again before 3.其他, outline numbers left
    # out: the header's "总计" column is no （七）总计 row reading "其他"'s values 6,0,0,0,0,1,7
    # while the real 总计 row (6,0,0,0,0,2,8 with 1.申请人…'s 0,0,0,0,0,1,1) is lost
    head = "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    rows = {"new_received": "6000028", "other_overdue_correction": "0000011", "other_other": "6000017",
            "results_total": "6000028"}
    text = app_text(rows).replace("3.其他", head + "其他").replace("（七）总计", "总计")
    v = _values(extract_glued_tables(text + RL_HEADER + "0" * 15))
    assert _row(v, "applications", "results_total") in ([6, 0, 0, 0, 0, 2, 8], [None] * 7)


def test_a_sentence_naming_table_two_rows_is_not_table_two() -> None:
    # a summary before the table names its rows with counts, commas between: "行政许可153件，…"
    # are a sentence's numbers, not the rows (whose cells here are 0, 8 and 5)
    text = AD_2021.replace("二、主动公开政府信息情况", "二、主动公开政府信息情况本年制发规章6件，行政规范性文件7件，"
                           "行政许可153件，行政处罚93件，行政事业性收费19万元。")
    text = text.replace("行政许可0", "行政许可 ").replace("行政处罚0", "行政处罚8").replace("行政事业性收费0", "行政事业性收费5")
    v = _values(extract_glued_tables(text + app_text({}) + RL_HEADER + "0" * 15))
    assert v.get("active_disclosure.licensing.decisions") is None
    assert v.get("active_disclosure.penalty.decisions") in (None, 8)
    assert v.get("active_disclosure.fees.amount_10k_yuan") in (None, 5)
    # a count and its unit before an enumeration comma: "案件45件、" is prose too
    text = AD_2021.replace("行政事业性收费0", "行政事业性收费 因政府信息公开引起的行政复议案件45件、行政诉讼案件3件")
    v = _values(extract_glued_tables(text + app_text({}) + RL_HEADER + "0" * 15))
    assert v.get("active_disclosure.fees.amount_10k_yuan") is None


def test_a_thousands_number_may_have_a_cell_glued_before_it() -> None:
    # 39 | 2,020 | 1,824 | 0 | 1,127 | 2 | 5,012 printed "392,0201,8240 1,127 25,012": the last
    # token is 2 and 5,012 (the row total holds), not one cell 25,012 forcing 3|9 at the front
    rows = {"new_received": "392,0201,8240 1,127 25,012", "granted": "392,0201,8240 1,127 25,012",
            "results_total": "392,0201,8240 1,127 25,012"}
    v = _values(extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15))
    got = _row(v, "applications", "new_received")
    assert all(g is None or g == w for g, w in zip(got, [39, 2020, 1824, 0, 1127, 2, 5012], strict=True)), got
