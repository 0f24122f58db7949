"""Table 三 exported from Word with cell borders that do not quite line up: the header on one
set of grid columns, a data row's borders one grid column off (its label cell one column wider
or narrower, a value cell starting inside the column to its left). Each value lies mostly under
its own header cell and is read there; by the grid column it starts in it was read one column to
the left (a wrong number) or the row was left undetermined. Our own numbers."""

from __future__ import annotations

from parsers import parse_report

_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_ORGS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_KEYS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")


def _td(text: str, span: int, rows: int = 1) -> str:
    return f"<td colspan='{span}'" + (f" rowspan='{rows}'" if rows > 1 else "") + f">{text}</td>"


def _row(label: str, label_span: int, values: list[tuple[str, int]], lead: str = "") -> str:
    return "<tr>" + lead + _td(label, label_span) + "".join(_td(v, w) for v, w in values) + "</tr>"


def _page(rows: str) -> bytes:
    # every header column is three grid columns wide: label area 0-8, 自然人 9-11, 商业企业 12-14 …
    header = ("<tr>" + _td(_NOTE, 9, 3) + _td("申请人情况", 21) + "</tr><tr>" + _td("自然人", 3, 2)
              + _td("法人或其他组织", 15) + _td("总计", 3, 2) + "</tr><tr>" + "".join(_td(o, 3) for o in _ORGS) + "</tr>")
    return ("<html><head><meta charset='utf-8'><title>梧桐县某镇2023年政府信息公开工作年度报告</title></head><body>"
            "<div class='TRS_Editor'><p>三、收到和处理政府信息公开申请情况</p>"
            f"<table border='1'>{header}{rows}</table></div></body></html>").encode()


def _cells(r: object, row_key: str) -> list[tuple[str, float | None]]:
    got = {c.col_key: (c.value_kind, c.value) for c in r.cells if c.row_key == row_key}
    return [got.get(k, ("missing", None)) for k in _KEYS]


def test_a_value_cell_starting_one_grid_column_early_is_read_under_its_own_header() -> None:
    # label 0-9 (one column into 自然人), 自然人 blank 10, 商业企业 "1" 11-13, … , 其他 "1" 26-27 …
    row = _row("一、本年新收政府信息公开申请数量", 10, [("", 1), ("1", 3), ("", 4), ("", 3), ("", 4), ("1", 2), ("2", 3)])
    r = parse_report(_page(row))
    assert _cells(r, "new_received") == [("blank", None), ("number", 1.0), ("blank", None), ("blank", None),
                                         ("blank", None), ("number", 1.0), ("number", 2.0)]


def test_a_label_cell_one_grid_column_short_leaves_the_first_value_under_its_header() -> None:
    # label 0-7, 自然人 "5" 8-10 (one grid column in the label area), then the others
    row = _row("二、上年结转政府信息公开申请数量", 8, [("5", 3), ("0", 4), ("0", 2), ("0", 3), ("0", 3), ("1", 4), ("6", 2)])
    r = parse_report(_page(row))
    assert _cells(r, "carried_over") == [("number", 5.0), ("number", 0.0), ("number", 0.0), ("number", 0.0),
                                         ("number", 0.0), ("number", 1.0), ("number", 6.0)]
    assert not any(k.startswith("applications.carried_over") for k in r.undetermined)
