"""Table 三 whose group labels (三、本年度办理结果, （三）不予公开 …) are printed as rows of their own,
with empty cells where the values would be, instead of rowspan cells beside their sub-rows.

Such a row names a parent, not a template row: it is neither read nor reported as an unknown
label (it used to be listed in `unknown_labels`, noise that hid real unknown rows), while a real
unknown label in the same table still is.
"""

from __future__ import annotations

from html_builders import APP_LABELS_2021, app_values, page, td

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER

HEADER = ("<tr>" + td("申请人情况", colspan=8) + "</tr><tr>" + td("") + td("自然人")
          + "".join(td(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) + td("总计") + "</tr>")


def _flat_table(values: dict[str, list[str]], extra_row: str = "") -> str:
    rows, seen = [HEADER], set()
    for key in APP_ROW_ORDER["2021"]:
        *groups, leaf = APP_LABELS_2021[key]
        for g in groups:
            if g not in seen:  # the group's own row: its label, then seven empty cells
                seen.add(g)
                rows.append("<tr>" + td(g) + td("") * 7 + "</tr>")
        rows.append("<tr>" + td(leaf) + "".join(td(v) for v in values[key]) + "</tr>")
        if key == "granted":
            rows.append(extra_row)
    return "<table border='1'>" + "".join(rows) + "</table>"


def test_group_label_rows_with_empty_cells_are_not_unknown_labels() -> None:
    vals = app_values()
    r = parse_report(page(_flat_table(vals)))
    got = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "applications"}
    want = {(k, col): float(v) for k, row in vals.items() for col, v in zip(APP_COL_ORDER, row)}
    assert got == want
    assert r.unknown_labels == []


def test_a_real_unknown_row_beside_them_is_still_reported() -> None:
    odd = "<tr>" + td("（一）其中：当场答复") + td("1") + td("0") * 5 + td("1") + "</tr>"
    r = parse_report(page(_flat_table(app_values(), extra_row=odd)))
    assert r.unknown_labels == ["applications row: （一）其中：当场答复"]
