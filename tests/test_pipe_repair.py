"""Pipe text with a lost or extra `|`, a wrapped row, full-width bars: the repairs a careful reader
makes (`parsers/pipe_repair.py`), and the rows that read two ways left undetermined, never guessed.

Our own numbers, in the seed's form (`|` opens a row, `TEXT |` per cell, padding pipes on the last
cell) and the row-per-line form (`a | b | c | |`, rows padded with `| |` up to the widest row).
"""

from __future__ import annotations

from html_builders import APP_LABELS_2021, RL_VALUES, app_values

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

HEAD = ["某县某局2023年政府信息公开工作年度报告", "一、总体情况", "本局依法公开政府信息。"]
TAIL = ["五、存在的主要问题及改进情况", "解读形式较单一。", "六、其他需要报告的事项", "无。"]
AD_2021 = [["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
           ["规章", "2", "0", "9"], ["行政规范性文件", "11", "3", "64"],
           ["第二十条第(五)项"], ["信息内容", "本年处理决定数量"], ["行政许可", "315"],
           ["第二十条第(六)项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "27"], ["行政强制", "4"],
           ["第二十条第(八)项"], ["信息内容", "本年收费金额(单位:万元)"], ["行政事业性收费", "0.8"]]
APP_HEAD = [["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"], ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
RES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
RL_HEAD = [["行政复议", "行政诉讼"], [*RES, "未经复议直接起诉", "复议后起诉"], RES * 2]


def _tables(vals: dict[str, list[str]], rl_values: list[str] = RL_VALUES, ad: list[list[str]] = AD_2021):
    app = APP_HEAD + [[*APP_LABELS_2021[k], *vals[k]] for k in APP_ROW_ORDER["2021"]]
    return [("二、主动公开政府信息情况", ad), ("三、收到和处理政府信息公开申请情况", app),
            ("四、政府信息公开行政复议、行政诉讼情况", RL_HEAD + [list(rl_values)])]


def _seed(tables) -> str:
    lines = list(HEAD)
    for heading, rows in tables:
        lines.append(heading)
        width = max(len(r) for r in rows)
        for r in rows:
            lines.append("|")
            lines += [f"{c} |" for c in r[:-1]] + [f"{r[-1]} |" + " " + "|" * (width - len(r))]
    return "\n".join(lines + TAIL)


def _row_per_line(tables) -> str:
    lines = list(HEAD)
    for heading, rows in tables:
        lines.append(heading)
        width = max(len(r) for r in rows)
        lines += [" | ".join(r) + " |" + " |" * (width - len(r)) for r in rows]
    return "\n".join(lines + TAIL)


def _read(text: str):
    r = parse_report(text.encode("utf-8"), None, filename="x.txt")
    return r, {(c.table, c.row_key, c.col_key): c for c in r.cells}


def _assert_table3(got, vals, skip=()) -> None:
    for row in APP_ROW_ORDER["2021"]:
        if row in skip:
            continue
        for col, raw in zip(APP_COL_ORDER, vals[row]):
            assert got[("applications", row, col)].value == float(raw), (row, col)


def test_fullwidth_bars_are_bars() -> None:
    """A copy typed in a CJK font ends its cell lines with "｜": read as "|", not glued together."""
    vals = app_values()
    text = _seed(_tables(vals)).replace("|", "｜")
    r, got = _read(text)
    assert r.status == "ok", r.status_reason
    _assert_table3(got, vals)
    assert got[("active_disclosure", "licensing", "decisions")].value == 315


def test_two_values_in_one_cell_are_two_cells() -> None:
    """`行政处罚 | 27 4 |`-like: a `|` lost between two values. Row-per-line padding used to take
    the empty pad as the last value and shift the row; the two values are two cells."""
    ad = [list(r) for r in AD_2021]
    ad[2] = ["规章", "2 0", "9"]  # 规章 | 2 0 | 9 | |
    # the applications row printed with one cell fewer: "… | 0 0 | 15 | |"
    tables = _tables(app_values(new_received=["12", "3", "0", "0", "0 0", "15"]), ad=ad)
    r, got = _read(_row_per_line(tables))
    assert got[("active_disclosure", "regulations", "issued")].value == 2
    assert got[("active_disclosure", "regulations", "repealed")].value == 0
    assert got[("active_disclosure", "regulations", "in_force")].value == 9
    assert got[("applications", "new_received", "other_org")].value == 0
    assert got[("applications", "new_received", "total")].value == 15


def test_glued_pair_before_padding_is_undetermined() -> None:
    """`1.属于国家秘密 | 5 | 2 | 21 | 0 | 1 | 11 | |`: six numbers and a `| |`. Either 总计 is blank
    (the `| |` a cell), or 21 is "2 | 1" and 11 the total (which checks): not guessed."""
    vals = app_values(denied_state_secret=["5", "2", "2", "1", "0", "1", "11"],
                      granted=["2", "1", "0", "0", "0", "0", "3"],
                      new_received=["18", "4", "2", "1", "0", "1", "26"],
                      results_total=["11", "3", "2", "1", "0", "1", "18"],
                      carried_forward=["8", "1", "0", "0", "0", "0", "9"])
    glued = dict(vals)
    glued["denied_state_secret"] = ["5", "2", "21", "0", "1", "11"]
    r, got = _read(_row_per_line(_tables(glued)))
    assert not any(k[1] == "denied_state_secret" for k in got), "a glued row read as a blank 总计"
    assert "applications.denied_state_secret.total" in r.undetermined
    assert r.status == "partial"
    _assert_table3(got, vals, skip=("denied_state_secret",))


def test_leading_zero_is_two_cells() -> None:
    """"00" is no number: two zeros with the `|` between them lost; the row is not read by shifting."""
    glued = app_values()
    glued["granted"] = ["07", "2", "0", "0", "0", "9"]  # 0 | 7 | 2 | 0 | 0 | 0 | 9 with one | lost
    r, got = _read(_row_per_line(_tables(glued)))
    assert not any(k[1] == "granted" for k in got)
    assert "applications.granted.natural_person" in r.undetermined


def test_wrapped_row_is_joined() -> None:
    """A table 三 row wrapped after a few values (`3.补正后… | 1 | 2 | | |` then `0 | 3 | | |`):
    the values-only line continues the row above."""
    vals = app_values(unavailable_unclear=["1", "2", "0", "0", "0", "0", "3"],
                      new_received=["13", "5", "0", "0", "0", "0", "18"],
                      results_total=["12", "5", "0", "0", "0", "0", "17"])
    tables = _tables(vals)
    rows = tables[1][1]
    i = next(j for j, r in enumerate(rows) if r[0].startswith("3.补正后"))
    rows[i:i + 1] = [rows[i][:3], rows[i][3:]]
    for render in (_row_per_line, _seed):
        r, got = _read(render(tables))
        _assert_table3(got, vals)
        assert r.status == "ok", (render.__name__, r.status_reason)


def test_table2_glued_before_padding_is_undetermined() -> None:
    """`规章 | 0 | 29 | |` under three columns: "2 | 9" glued, or 现行有效件数 blank — not guessed."""
    ad = [list(r) for r in AD_2021]
    ad[2] = ["规章", "0", "29"]
    r, got = _read(_row_per_line(_tables(app_values(), ad=ad)))
    assert not any(k[1] == "regulations" for k in got)
    assert "active_disclosure.regulations.in_force" in r.undetermined


def test_table4_extra_empty_cell() -> None:
    """Table 四's 15 values with an empty cell among them (an extra `|`): dropping it is believed
    when every block's 总计 then checks; a lost value would never be an empty cell."""
    values = ["0", "2", "0", "3", "5", "3", "3", "3", "0", "9", "0", "0", "0", "0", "0"]
    extra = values[:13] + [""] + values[13:]
    r, got = _read(_row_per_line(_tables(app_values(), rl_values=extra)))
    for i, v in enumerate(values):
        assert got[("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5])].value == float(v)
    # the same with totals that do not check: which cell is extra cannot be told
    bad = ["1", "2", "0", "3", "5", "3", "3", "3", "0", "9", "0", "0", "0", "", "0", "0"]
    r, got = _read(_row_per_line(_tables(app_values(), rl_values=bad)))
    assert not any(k[0] == "review_litigation" for k in got)
    assert "review_litigation.review.upheld" in r.undetermined


def test_prose_ending_in_a_bar_under_table_four_is_not_a_cell_of_its_row() -> None:
    """A line of prose ending in `|` right under table 四's value row (seed form) joins that row:
    text cells after the 15 values that name no block or result are left out, and table 四 is read."""
    values = ["1", "0", "0", "1", "2", "0", "1", "0", "0", "1", "0", "0", "0", "0", "0"]
    text = _seed(_tables(app_values(), rl_values=values))
    text = text.replace("五、存在的主要问题及改进情况", "联系电话：0000-1234567 | 地址：某某路8号 |\n五、存在的主要问题及改进情况")
    assert "地址：某某路8号 |" in text
    r, got = _read(text)
    for i, v in enumerate(values):
        assert got[("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5])].value == float(v)
    assert r.status == "ok", r.status_reason
    # a header word after the values is table 四's own (a label column printed last): not dropped
    text = _seed(_tables(app_values(), rl_values=[*values, "总计"]))
    r, got = _read(text)
    assert not any(k[0] == "review_litigation" for k in got)


def test_row_per_line_label_wrapped_onto_the_next_line() -> None:
    """Row-per-line text whose long label wraps inside its cell: the head on a line of its own
    ("（二）部分公开（区分" over "处理的，…） | 0 | …") or as the last cell of a line with no closing
    pipe ("（四）无法提供 | 1.本机关不掌" over "握相关政府信息 | 2 | …"). The head used to end the
    table and the tail was an unknown label; head and tail are one label."""
    vals = app_values(partially_granted=["2", "1", "0", "0", "0", "0", "3"],
                      unavailable_not_held=["4", "0", "0", "1", "0", "0", "5"],
                      new_received=["15", "3", "0", "1", "0", "0", "19"],
                      results_total=["14", "3", "0", "1", "0", "0", "18"])
    text = _row_per_line(_tables(vals))
    for whole, wrapped in (("（二）部分公开（区分处理", "（二）部分公开（区分\n处理"),
                           ("1.本机关不掌握", "1.本机关不掌\n握"),
                           ("5.要求行政机关确认或重新出具", "5.要求行政机关确认或重新出\n具")):
        assert whole in text
        text = text.replace(whole, wrapped)
    r, got = _read(text)
    _assert_table3(got, vals)
    assert not r.unknown_labels, r.unknown_labels
    assert r.status == "ok", r.status_reason


def test_header_label_printed_as_two_cells() -> None:
    """A column label broken by a line break that the copy took for a cell end
    (`信息内容 | 本年废 | 止件数 | 现行有效件数 |`): the two pieces make one template column, so
    the block has its three columns, not two unknown ones. Table 三's `社会公益 | 组织` stays read."""
    ad = [list(r) for r in AD_2021]
    ad[1] = ["信息内容", "本年制发件数", "本年废", "止件数", "现行有效件数"]
    tables = _tables(app_values(), ad=ad)
    tables[1][1][2] = ["商业企业", "科研机构", "社会公益", "组织", "法律服务机构", "其他"]
    for render in (_row_per_line, _seed):
        r, got = _read(render(tables))
        assert got[("active_disclosure", "regulations", "repealed")].value == 0, render.__name__
        assert got[("active_disclosure", "normative_documents", "in_force")].value == 64
        assert not r.unknown_labels, r.unknown_labels
        _assert_table3(got, app_values())
        assert r.status == "ok", (render.__name__, r.status_reason)


def test_prose_ending_in_a_bar_under_a_transposed_table_four() -> None:
    """Table 四 printed one row per block (`行政复议 | 0 | 1 | 0 | 0 | 1 |`, seed form), with a line
    of prose ending in `|` right under it: the prose joins the last block's row; its text cells
    after the five values name no result and are left out, so that block is read."""
    values = RL_VALUES
    blocks = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    tables = _tables(app_values())
    tables[2] = (tables[2][0], [["类别", *RES]] + [[b, *values[5 * i: 5 * i + 5]] for i, b in enumerate(blocks)])
    text = _seed(tables).replace("五、存在的主要问题及改进情况",
                                 "联系电话：0000-1234567 | 地址：某某路8号 |\n五、存在的主要问题及改进情况")
    assert "地址：某某路8号 |" in text
    r, got = _read(text)
    for i, v in enumerate(values):
        assert got[("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5])].value == float(v)
    assert r.status == "ok", r.status_reason
