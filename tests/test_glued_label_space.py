"""Sub-row labels of table 三 whose outline number is followed by a space in the flattened text
("4. 保护第三方合法权益": a Word cell wrapped, or &nbsp; padded, right after "4."). The digit
glued before the number is the previous row's last value, not part of the label. Texts are ours,
built from the template labels.
"""

from __future__ import annotations

from test_glued import RL_HEADER, _values, app_text

from parsers.glued import extract_glued_tables

APP_COLS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")


def _read(text: str, rows: dict[str, list[int]]) -> None:
    """Table 三 of `text` (table 四 all zeros after it) reads `rows`, and no cell of the page is undetermined."""
    r = extract_glued_tables(text + RL_HEADER + "0" * 15)
    v = _values(r)
    for row, want in rows.items():
        assert [v[f"applications.{row}.{c}"] for c in APP_COLS] == want, row
    assert r.undetermined == {}


def test_a_space_after_the_next_labels_number_leaves_the_row_before_its_last_digit() -> None:
    text = app_text({"new_received": "3 0 00 0 03", "denied_three_safety": "1 0 0 00 0 1",
                     "results_total": "3000003", "granted": "2000002"})
    text = text.replace("4.保护第三方", "4. 保护第三方")
    assert "0 14. 保护第三方" in text
    _read(text, {"denied_three_safety": [1, 0, 0, 0, 0, 0, 1], "denied_third_party": [0] * 7})


def test_a_label_wrapped_after_its_number_on_a_zero_row() -> None:
    # "…0 00 05. 属于三类内部事务信息": seven zeros for seven cells, then the label
    text = app_text({"denied_third_party": "00 0000 0"}).replace("5.属于三类", "5. 属于三类")
    _read(text, {"denied_third_party": [0] * 7, "denied_internal_affairs": [0] * 7})


def test_a_space_between_the_next_labels_number_and_its_dot() -> None:
    # "…00 01 7 .属于行政执法案卷": a page pretty-printed between Word's spans puts a space between
    # the outline number and its dot; the "7" is the label's, not an eighth value of the row
    text = app_text({"new_received": "1 0 0 0 0 0 1", "denied_process_info": "10 000 01 ",
                     "results_total": "1 0 0 0 0 0 1"}, "2019")
    text = text.replace("7.属于行政执法案卷", "7 .属于行政执法案卷").replace("2.其他法律", "2 .其他法律")
    assert "01 7 .属于行政执法案卷" in text and "00000002 .其他法律" in text
    _read(text, {"denied_process_info": [1, 0, 0, 0, 0, 0, 1], "denied_state_secret": [0] * 7})


def test_a_sixth_sub_row_label_with_a_comma_cut_by_a_space() -> None:
    # "…逾期不补正，行政机关不再处理其政府 信息公开申请0000000": the label's comma form, cut by a
    # wrapped line (or a space after the comma); its values follow the second half
    for old, new in (("不补正、行政机关不再处理其政府信息公开申请", "不补正，行政机关不再处理其政府 信息公开申请"),
                     ("缴纳费用、行政机关", "缴纳费用， 行政机关"), ("不补正、行政机关", "不补正，行 政机关")):
        text = app_text({"new_received": "2000002", "other_overdue_correction": "2000002",
                         "results_total": "2000002"}).replace(old, new, 1)
        assert new in text
        _read(text, {"other_overdue_correction": [2, 0, 0, 0, 0, 0, 2], "other_overdue_fee": [0] * 7})


def test_prose_ending_in_a_comma_before_a_number_is_no_label_tail() -> None:
    # "本年度制发规章，1件，行政规范性文件，5件，行政许可，300件。" before the table: the prose's
    # numbers are not the rows' (the table's 规章 row is blank, 行政许可 is 120)
    from test_glued_blanks import AD_2021
    narr = "本年度制发规章，1件，行政规范性文件，5件，行政许可，300件。"
    ad = AD_2021.replace("规章000", "规章").replace("行政许可0", "行政许可120").format(norm="5 0 31")
    ad = ad.replace("二、主动公开政府信息情况", "二、主动公开政府信息情况" + narr, 1)
    r = extract_glued_tables(ad + app_text({}, default="0 0 0 0 0 0 0") + RL_HEADER + " ".join("0" * 15))
    v = _values(r)
    assert v.get("active_disclosure.licensing.decisions") == 120
    assert [v[f"active_disclosure.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [5, 0, 31]
