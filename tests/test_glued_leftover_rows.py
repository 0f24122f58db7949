"""Glued and spaced table rows that earlier readers dropped or left undetermined: a "其中：" sub-row
(reported, while prose with a colon stays prose), 2021's "3.其他" added to a 2019 table after
（六）其他处理 (reported, 其他处理 read when the identities prove its digits), and level-1/2 rows
renumbered "1．2．3．" in fully glued digits (read when the identities decide whose the digit is).
Pages built from the template labels with our own numbers (`test_glued_unknown_rows`).
"""

from __future__ import annotations

import pytest
from test_glued_unknown_rows import (
    _SEPS,
    _ad_rows,
    _app,
    _app_rows,
    _cells,
    _clean_cells,
    _insert_before,
    _page,
    _read_app,
)

from parsers import parse_report
from parsers import templates as T
from parsers.glued import extract_glued_tables


# ------------------------------------------------------------------------------ "其中：" sub-rows
@pytest.mark.parametrize("template", [T.T2021, T.T2019])
@pytest.mark.parametrize("sep", _SEPS)
def test_a_sub_row_with_a_colon_is_reported(template: str, sep: str) -> None:
    for row in ("其中：网上申请2000002", "其中：网上申请 2 0 0 0 0 0 2", "其中:当面申请2000002"):
        r = _read_app(template, "（七）总计", row, sep)
        assert r.unknown_labels == [f"applications row: {row.split('申请')[0]}申请"], row
        assert _cells(r) == _clean_cells(template) and not r.undetermined


@pytest.mark.parametrize("sep", _SEPS)
def test_a_sub_row_with_a_colon_in_table_two_is_reported(sep: str) -> None:
    r = extract_glued_tables(_page(T.T2021, ad=_insert_before(_ad_rows(T.T2021), "行政强制", "其中：简易程序3"), sep=sep))
    assert r.unknown_labels == ["active_disclosure row: 其中：简易程序"]
    assert _cells(r) == _clean_cells(T.T2021)


_COLON_PROSE = ["其中：依申请公开12件，主动公开3件。", "其中：网上申请2000002件。", "其中：网上申请2000002，信函申请0件",
                "单位：件", "注：1000001", "其中：2000002", "说明：其中网上申请2000002"]


@pytest.mark.parametrize("text", _COLON_PROSE)
@pytest.mark.parametrize("sep", _SEPS)
def test_prose_with_a_colon_is_not_a_row(text: str, sep: str) -> None:
    r = _read_app(T.T2021, "5.属于三类内部事务信息", text, sep)
    assert r.unknown_labels == []
    clean, got = _clean_cells(T.T2021), _cells(r)
    assert {k: v for k, v in got.items() if k in clean} == {k: v for k, v in clean.items() if k in got}


# ------------------------------------------------------------------------------ 3.其他 in a 2019 table
def _with_other_handling(values: str, granted: str = "2000002") -> list[str]:
    rows = [("（六）其他处理" + values if r.startswith("（六）其他处理") else r) for r in _app_rows(T.T2019)]
    return [r.replace("（一）予以公开2000002", "（一）予以公开" + granted) for r in rows]


@pytest.mark.parametrize("sep", _SEPS)
def test_2021s_3_other_after_2019s_other_handling_is_reported(sep: str) -> None:
    # glued, "3" of "3.其他" sticks to 其他处理's digits: "00000003.其他"
    app = _insert_before(_app_rows(T.T2019), "（七）总计", "3.其他2000002")
    r = extract_glued_tables(_page(T.T2019, app, sep=sep))
    assert r.unknown_labels == ["applications row other_other does not belong to template 2019"]
    assert _cells(r) == _clean_cells(T.T2019) and not r.undetermined


def test_3_other_after_the_results_group_label_is_reported() -> None:
    # spaced, its group label printed again before it: "三、本年度办理结果 3.其他 2 0 0 0 0 0 2"
    app = _insert_before(_app_rows(T.T2019, spaced=True), "（七）总计", "三、本年度办理结果 3.其他 2 0 0 0 0 0 2")
    r = extract_glued_tables(_page(T.T2019, app, sep="\n"))
    assert r.unknown_labels == ["applications row: 三、本年度办理结果 3.其他"]  # reported as printed
    assert _cells(r) == _clean_cells(T.T2019)


@pytest.mark.parametrize("sep", _SEPS)
def test_other_handlings_digits_are_proved_by_its_row_total(sep: str) -> None:
    # "10000013": as seven cells (10,0,0,0,0,1,3 or 1,0,0,0,0,0,13) no reading meets the row
    # total; without the "3" (1,0,0,0,0,0,1) one does: the "3" is 3.其他's number
    app = _insert_before(_with_other_handling("1000001", granted="1000001"), "（七）总计", "3.其他2000002")
    r = extract_glued_tables(_page(T.T2019, app, sep=sep))
    assert r.unknown_labels == ["applications row other_other does not belong to template 2019"]
    assert _app(r, "other_handling") == [1, 0, 0, 0, 0, 0, 1] and not r.undetermined
    rep = parse_report(_page(T.T2019, app, sep=sep).encode(), None, filename="x.txt")
    assert rep.unknown_labels == r.unknown_labels and "other_other does not belong" in rep.status_reason


def test_other_handling_unproved_stays_undetermined() -> None:
    # "10000023": its total fails with the "3" and without it (1,0,0,0,0,0,2): nothing is read
    app = _insert_before(_with_other_handling("1000002", granted="1000001"), "（七）总计", "3.其他2000002")
    r = extract_glued_tables(_page(T.T2019, app))
    assert r.unknown_labels == ["applications row other_other does not belong to template 2019"]
    assert _app(r, "other_handling") == [None] * 7
    assert "applications.other_handling.natural_person" in r.undetermined


# ------------------------------------------------------------------------------ "1．2．3．" numbering
_RENUMBER = (("三、本年度办理结果（一）", "3．本年度办理结果1．"), ("一、", "1．"), ("二、", "2．"), ("四、", "4．"),
             ("（二）", "2．"), ("（三）", "3．"), ("（四）", "4．"), ("（五）", "5．"), ("（六）", "6．"), ("（七）", "7．"))


def _renumbered(template: str) -> list[str]:
    out = []
    for row in _app_rows(template):
        for old, new in _RENUMBER:
            if row.startswith(old):
                row = new + row[len(old):]
                break
        out.append(row)
    return out


@pytest.mark.parametrize("template", [T.T2021, T.T2019])
def test_level_one_and_two_rows_numbered_in_arabic_are_read_by_the_identities(template: str) -> None:
    # "…30000032．上年结转…": the identities decide the "2" is the next row's number
    page = _page(template, _renumbered(template))
    assert "30000032．上年结转" in page
    r = extract_glued_tables(page)
    assert (r.unknown_labels, r.undetermined) == ([], {})
    assert _cells(r) == _clean_cells(template)


def test_renumbered_rows_of_an_inconsistent_table_are_never_misread() -> None:
    # 总计 printed one off: no reading meets every identity; what is read is what the page says
    rows = [r.replace("3000003", "4000004") if "总计" in r else r for r in _renumbered(T.T2021)]
    r = extract_glued_tables(_page(T.T2021, rows))
    clean = _clean_cells(T.T2021)
    wrong = {k: v for k, v in _cells(r).items() if k in clean and v != clean[k] and k[1] != "results_total"}
    assert wrong == {}
