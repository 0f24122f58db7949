"""Flattened text forms other than the seed's: one cell per line between `|` lines, and pipe text
with blank cells. Our own numbers, in the layouts pipe-text.md and domain.md §8.4 describe."""

from __future__ import annotations

from pathlib import Path

from html_builders import APP_LABELS_2021, RL_VALUES, app_values

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

AD_ROWS = [
    ("第二十条第(一)项", None), ("信息内容", ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("规章", ["2", "0", "9"]), ("行政规范性文件", ["11", "3", "64"]),
    ("第二十条第(五)项", None), ("信息内容", ["本年处理决定数量"]), ("行政许可", ["315"]),
    ("第二十条第(六)项", None), ("信息内容", ["本年处理决定数量"]), ("行政处罚", ["27"]), ("行政强制", ["4"]),
    ("第二十条第(八)项", None), ("信息内容", ["本年收费金额(单位:万元)"]), ("行政事业性收费", ["0.8"]),
]
APP_HEADER = ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人",
              "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RL_HEADER = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
             *(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]


def _cells(values: dict[str, list[str]]) -> list[str]:
    cells: list[str] = []
    for label, vals in AD_ROWS:
        cells += [label, *(vals or [])]
    cells += ["三、收到和处理政府信息公开申请情况marker", *APP_HEADER]
    for row in APP_ROW_ORDER["2021"]:
        cells += [*APP_LABELS_2021[row], *values[row]]
    cells += ["四、政府信息公开行政复议、行政诉讼情况marker", *RL_HEADER, *RL_VALUES]
    return cells


def _cell_per_line(values: dict[str, list[str]]) -> str:
    lines = ["某县某局2024年政府信息公开工作年度报告", "一、总体情况", "本局依法公开政府信息。", "二、主动公开政府信息情况"]
    for cell in _cells(values):
        if cell.endswith("marker"):
            lines.append(cell.removesuffix("marker"))
            continue
        lines += [cell, "|"]
    lines += ["五、存在的主要问题及改进情况", "解读形式较单一。", "六、其他需要报告的事项", "无。"]
    return "\n".join(lines)


def test_cell_per_line_form_every_cell() -> None:
    vals = app_values()
    r = parse_report(_cell_per_line(vals).encode("utf-8"), None, filename="x.txt")
    assert r.status == "ok", (r.status_reason, r.warnings)
    assert r.template == "2021" and r.report_year == 2024 and r.publisher == "某县某局"
    # pipes between the cells: pipe text, in its one-cell-per-line layout
    assert (r.table_source, r.table_form) == ("pipe_text", "cell_per_line")
    got = {(c.table, c.row_key, c.col_key): c.value for c in r.cells}
    for row in APP_ROW_ORDER["2021"]:
        for col, raw in zip(APP_COL_ORDER, vals[row]):
            assert got[("applications", row, col)] == float(raw), (row, col)
    for i, v in enumerate(RL_VALUES):
        assert got[("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5])] == float(v)
    assert got[("active_disclosure", "normative_documents", "in_force")] == 64
    assert got[("active_disclosure", "fees", "amount_10k_yuan")] == 0.8
    assert len(r.cells) == 200


def _pipe(values: dict[str, list[str]]) -> str:
    """Seed-style pipe text: one row per `|` line, pad pipes on the last cell."""
    out = ["某镇2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]

    def row(cells: list[str], width: int) -> None:
        out.append("|")
        for i, c in enumerate(cells):
            pad = "|" * (width - len(cells)) if i == len(cells) - 1 else ""
            out.append(f"{c} |{(' ' + pad) if pad else ''}")

    row(APP_HEADER[:2], 10)
    row(APP_HEADER[2:5], 10)
    row(APP_HEADER[5:], 10)
    for key in APP_ROW_ORDER["2021"]:
        row([*APP_LABELS_2021[key], *values[key]], 10)
    return "\n".join(out) + "\n四、政府信息公开行政复议、行政诉讼情况\n"


def test_pipe_text_with_blank_cells_keeps_them_blank() -> None:
    vals = app_values()
    vals["granted"] = ["7", "2", "", "", "", "", "9"]
    r = parse_report(_pipe(vals).encode("utf-8"), None, filename="y.txt")
    c = r.cell("applications", "granted", "research")
    assert (c.value, c.value_kind) == (None, "blank")
    assert r.value("applications", "granted", "total") == 9
    assert r.status == "partial"  # tables 二 and 四 are missing
    strict = {x.check: x.ok for x in r.checks if x.mode == "strict"}
    assert strict["applications.row_total.granted"] is None
    assert strict["applications.balance.total"] is True


def test_cell_per_line_blank_cells_are_blank_not_na() -> None:
    vals = app_values()
    vals["granted"] = ["7", "2", "", "", "", "", "9"]
    r = parse_report(_cell_per_line(vals).encode("utf-8"), None, filename="x.txt")
    c = r.cell("applications", "granted", "research")
    assert (c.value, c.value_kind, c.value_raw) == (None, "blank", "")
    assert r.value("applications", "granted", "total") == 9
    strict = {x.check: x.ok for x in r.checks if x.mode == "strict"}
    assert strict["applications.row_total.granted"] is None


def test_pipe_text_rows_with_an_extra_empty_cell_after_the_total() -> None:
    vals = app_values()
    text = _pipe({k: [*v, ""] for k, v in vals.items()})  # every data row: one empty cell more
    r = parse_report(text.encode("utf-8"), None, filename="y.txt")
    got = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "applications"}
    assert len(got) == 175
    assert all(got[(row, col)] == float(v) for row in APP_ROW_ORDER["2021"] for col, v in zip(APP_COL_ORDER, vals[row]))
    assert not r.unknown_labels


def test_breadcrumb_line_is_not_the_title() -> None:
    text = ("您当前的位置：首页 > 政务公开 > 乡镇街道 > 某镇 > 政府信息公开年报\n"
            "某镇人民政府2023年政府信息公开工作年度报告\n" + _cell_per_line(app_values()).split("\n", 1)[1])
    r = parse_report(text.encode("utf-8"), None, filename="z.txt")
    assert (r.title, r.publisher) == ("某镇人民政府2023年政府信息公开工作年度报告", "某镇人民政府")


def test_last_section_stops_at_the_page_footer() -> None:
    text = _cell_per_line(app_values()) + "\n【打印】 【关闭】\n网站标识码 1201000001 主办单位：某区人民政府办公室"
    r = parse_report(text.encode("utf-8"), None, filename="z.txt")
    assert r.sections[-1].section == 6 and r.sections[-1].text == "无。"


def test_double_spaced_pipe_text_keeps_every_cell() -> None:
    vals = app_values()
    text = _pipe(vals).replace("\n", "\n\n")  # a reader view: a blank line after every line
    r = parse_report(text.encode("utf-8"), None, filename="y.txt")
    got = {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "applications"}
    assert len(got) == 175 and got[("granted", "natural_person")] == 7
    assert (r.table_source, r.table_form) == ("pipe_text", "pipe_rows")


def test_a_prose_only_text_report_has_no_tables() -> None:
    text = ("某镇2023年政府信息公开工作年度报告\n一、总体情况\n本年度未收到政府信息公开申请，无相关申请受理、办理及答复情况。"
            "全年作出行政处罚决定8件，行政强制0件，行政事业性收费0万元。\n二、主动公开政府信息情况\n见上。\n"
            "三、收到和处理政府信息公开申请情况\n本年新收申请0件，办理结果无。\n六、其他需要报告的事项\n无。")
    r = parse_report(text.encode("utf-8"), None, filename="z.txt")
    assert (r.status, r.cells, r.table_source, r.table_form) == ("no_tables", [], "none", "none")


def test_pipe_tables_after_an_annex_line_only_fill_gaps() -> None:
    vals = app_values()
    other = {k: ["1" if i == 0 else v for i, v in enumerate(vs)] for k, vs in vals.items()}
    text = _pipe(vals) + "附：某街道政府信息公开情况统计表\n" + _pipe(other)
    r = parse_report(text.encode("utf-8"), None, filename="y.txt")
    assert r.value("applications", "granted", "natural_person") == 7
    assert not r.undetermined


def test_table_four_pipe_header_with_a_bare_value_line_under_any_numbering() -> None:
    header = ["|", "行政复议 |", "行政诉讼 ||||||||||||||", "|", *[f"{h} |" for h in RL_HEADER[2:9]],
              "|", *[f"{h} |" for h in RL_HEADER[9:]]]
    text = (_pipe(app_values()).replace("\n四、政府信息公开行政复议、行政诉讼情况\n", "\n")
            + "(三)政府信息公开行政复议、行政诉讼情况\n" + "\n".join(header) + "\n" + " ".join(RL_VALUES) + "\n五、存在的主要问题\n")
    r = parse_report(text.encode("utf-8"), None, filename="y.txt")
    got = [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER]
    assert got == [float(v) for v in RL_VALUES]


def test_markdown_rows_keep_a_blank_last_cell() -> None:
    from test_variants import _row_per_line

    vals = app_values()
    text = _row_per_line(True)
    text = text.replace("| （一）予以公开 | 7 | 2 | 0 | 0 | 0 | 0 | 9 |", "| （一）予以公开 | 7 | 2 | 0 | 0 | 0 | 0 |  |")
    assert "|  |" in text
    r = parse_report(text.encode("utf-8"), None, filename="m.txt")
    c = r.cell("applications", "granted", "total")
    assert (c.value, c.value_kind) == (None, "blank")
    assert r.value("applications", "granted", "natural_person") == float(vals["granted"][0])
    assert (r.table_source, r.table_form) == ("pipe_text", "row_per_line")


def test_cell_per_line_with_circled_sub_row_numbers() -> None:
    text = _cell_per_line(app_values())
    for i, c in enumerate("①②③", 1):
        text = text.replace(f"{i}.申请人", f"{c}申请人")
    text = text.replace("3.其他", "③其他")
    r = parse_report(text.encode("utf-8"), None, filename="c.txt")
    assert not r.undetermined and len(r.cells) == 200, r.status_reason


def test_row_per_line_table_four_with_the_litigation_blocks_first() -> None:
    from test_variants import _row_per_line

    h5 = "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计"
    text = _row_per_line(False)
    head = text.index("四、政府信息公开行政复议、行政诉讼情况")
    tail = text.index("五、", head)
    rl = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", "行政诉讼 | 行政复议 |",
                    f"未经复议直接起诉 | 复议后起诉 | {h5} |", f"{h5} | {h5} |",
                    "1 | 0 | 2 | 0 | 3 | 0 | 4 | 1 | 0 | 5 | 3 | 1 | 0 | 2 | 6 |", ""])
    r = parse_report((text[:head] + rl + text[tail:]).encode("utf-8"), None, filename="r.txt")
    got = {b: [r.value("review_litigation", b, c) for c in RL_COL_ORDER] for b in RL_ROW_ORDER}
    assert got == {"review": [3, 1, 0, 2, 6], "suit_direct": [1, 0, 2, 0, 3], "suit_after_review": [0, 4, 1, 0, 5]}


def test_pipe_header_with_the_two_levels_on_one_line() -> None:
    from test_variants import _row_per_line

    vals = app_values()
    text = _row_per_line(False)
    start = text.index("（本列数据的勾稽关系为")
    end = text.index("一、本年新收政府信息公开申请数量 |")
    one_line = "申请人情况 | 自然人 | 法人或其他组织 | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
    r = parse_report((text[:start] + one_line + text[end:]).encode("utf-8"), None, filename="y.txt")
    got = [r.value("applications", "new_received", c) for c in APP_COL_ORDER]
    assert got == [float(v) for v in vals["new_received"]]  # 总计 last, not where the header word sits


def test_tables_printed_in_different_text_forms_on_one_page() -> None:
    from test_variants import _row_per_line

    text = _row_per_line(False)
    two, three, four = (text.index(h) for h in ("二、主动公开政府信息情况", "三、收到和处理", "四、政府信息公开行政复议"))
    five = text.index("五、存在的主要问题")
    # table 二 one cell per line (`|` lines between cells), 三 row per line, 四 spaced with its header
    ad_lines = [line for label, vals in AD_ROWS for cell in (label, *(vals or [])) for line in (cell, "|")]
    spaced_four = "\n".join(["四、政府信息公开行政复议、行政诉讼情况", " ".join(RL_HEADER), " ".join(RL_VALUES), ""])
    mixed = text[:two] + "\n".join(["二、主动公开政府信息情况", *ad_lines, ""]) + text[three:four] + spaced_four + text[five:]
    r = parse_report(mixed.encode("utf-8"), None, filename="m.txt")
    assert (r.status, len(r.cells)) == ("ok", 200), r.status_reason
    assert [r.value("active_disclosure", "normative_documents", c) for c in ("issued", "repealed", "in_force")] \
        == [11, 3, 64]
    assert r.value("active_disclosure", "fees", "amount_10k_yuan") == 0.8
    vals = app_values()
    assert all(r.value("applications", row, col) == float(v)
               for row in APP_ROW_ORDER["2021"] for col, v in zip(APP_COL_ORDER, vals[row]))
    assert [r.value("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5]) for i in range(15)] \
        == [float(v) for v in RL_VALUES]
    assert any("text around the other tables" in w for w in r.warnings)


def test_the_partially_granted_label_wrapped_inside_its_bracket() -> None:
    label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    vals = app_values()
    for wrapped in ("（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）", "（二）部分公开（区分处理\n的，只计这一情形，不计其他情形）"):
        text = _cell_per_line(vals)
        assert label in text
        r = parse_report(text.replace(label, wrapped).encode("utf-8"), None, filename="x.txt")
        assert [r.value("applications", "partially_granted", c) for c in APP_COL_ORDER] \
            == [float(v) for v in vals["partially_granted"]], wrapped
        assert (r.status, len(r.cells)) == ("ok", 200)
    spaced = (Path(__file__).parent / "fixtures" / "glued" / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    plain = parse_report(spaced.encode("utf-8"), None, filename="s.txt")
    r = parse_report(spaced.replace(label, "（二）部分公开（区分处理的，\n只计这一情形，不计其他情形）").encode("utf-8"), None,
                     filename="s.txt")
    row = [r.value("applications", "partially_granted", c) for c in APP_COL_ORDER]
    assert row == [plain.value("applications", "partially_granted", c) for c in APP_COL_ORDER] and None not in row
    assert r.status == plain.status


def test_a_text_cell_pointing_to_an_annex_in_flattened_forms() -> None:
    vals = app_values()
    cpl = _cell_per_line(vals)
    assert "行政事业性收费\n|\n0.8\n|" in cpl
    spaced = (Path(__file__).parent / "fixtures" / "glued" / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    assert "政府集中采购 3笔 1250000元" in spaced
    for text, key in ((cpl.replace("行政事业性收费\n|\n0.8\n|", "行政事业性收费\n|\n详见附表\n|"), ("fees", "amount_10k_yuan")),
                      (spaced.replace("政府集中采购 3笔 1250000元", "政府集中采购 3笔 详见附件2"),
                       ("centralized_procurement", "procurement_amount"))):
        r = parse_report(text.encode("utf-8"), None, filename="t.txt")
        c = r.cell("active_disclosure", *key)
        assert (c.value, c.value_kind, c.value_raw) == (None, "text", text[text.index("详见"):].split()[0]), key
        assert f"active_disclosure.{key[0]}.{key[1]}" not in r.undetermined
    # "略" (left out) in a spaced row is that cell's text, the row's other values keep their places
    r = parse_report(spaced.replace("规章 0 0 0", "规章 略 0 0").encode("utf-8"), None, filename="t.txt")
    assert [(c.value_kind, c.value) for c in (r.cell("active_disclosure", "regulations", k)
                                              for k in ("made", "published", "total_published"))] == \
        [("text", None), ("number", 0.0), ("number", 0.0)]


def test_row_per_line_rows_whose_last_cells_are_printed_blank() -> None:
    from test_variants import _row_per_line

    vals = app_values()
    text = _row_per_line(False)  # every line ends with padding " | | |"
    label = "（一）予以公开"
    line = next(ln for ln in text.splitlines() if label in ln)
    blank_total = " | ".join(["三、本年度办理结果", label, *vals["granted"][:6]]) + " |  |"  # 总计 printed empty
    assert line.startswith(blank_total[:-5])
    r = parse_report(text.replace(line, blank_total).encode("utf-8"), None, filename="b.txt")
    c = r.cell("applications", "granted", "total")
    assert (c.value, c.value_kind) == (None, "blank")
    assert [r.value("applications", "granted", k) for k in APP_COL_ORDER[:6]] == [float(v) for v in vals["granted"][:6]]
    assert len(r.cells) == 200 and r.status == "ok"
    # the same row with padding after its full seven values keeps them all
    plain = parse_report(text.encode("utf-8"), None, filename="b.txt")
    assert plain.value("applications", "granted", "total") == float(vals["granted"][6])


def test_cell_per_line_table_four_whose_first_cells_are_blank() -> None:
    # the values start with two empty cells right under the header: they are cells, not header
    vals = app_values()
    rl = ["", "", "5", "", "5", "", "", "", "17", "17", "17", "", "35", "6", "58"]
    text = _cell_per_line(vals)
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    head = [line for cell in RL_HEADER for line in (cell, "|")]
    cells = [line for cell in rl for line in (cell, "|")]
    text = text[:start] + "\n".join(["四、政府信息公开行政复议、行政诉讼情况", *head, *cells, ""]) + text[end:]
    r = parse_report(text.encode("utf-8"), None, filename="c.txt")
    got = [r.cell("review_litigation", RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5]) for i in range(15)]
    assert [(c.value_kind, c.value) for c in got] == [
        ("blank", None) if not v else ("number", float(v)) for v in rl]
    assert r.status == "ok"


def test_tables_copied_out_of_word_with_tab_separated_cells() -> None:
    from test_variants import _row_per_line

    vals = app_values()
    vals["granted"] = [vals["granted"][0], "", *vals["granted"][2:]]  # one empty cell: two tabs in a row
    vals["not_processed_repeat"] = [""] * 7  # a row with its seven cells all empty: trailing tabs
    blank_fee = True  # "行政事业性收费<TAB>": a row of one blank cell
    lines = []
    for line in _row_per_line(False).splitlines():
        if " | " not in line:
            lines.append(line)
            continue
        cells = line.split(" | ")
        while cells and cells[-1].strip(" |") == "":
            cells.pop()
        if blank_fee and cells[0] == "行政事业性收费":
            cells = ["行政事业性收费", ""]
        label = next((k for k in APP_ROW_ORDER["2021"] if cells[-8:-7] and cells[-8] == APP_LABELS_2021[k][-1]), None)
        if label in ("granted", "not_processed_repeat"):
            cells = [*cells[:-7], *vals[label]]
        lines.append("\t".join(cells))
    text = "\n".join(lines)
    assert "\t\t" in text and "\t" * 7 in text
    r = parse_report(text.encode("utf-8"), None, filename="w.txt")
    assert (r.table_form, r.table_source) == ("tab_rows", "flattened_text")  # no pipes: flattened text
    assert r.cell("active_disclosure", "fees", "amount_10k_yuan").value_kind == "blank"
    for row in APP_ROW_ORDER["2021"]:
        got = [r.cell("applications", row, c) for c in APP_COL_ORDER]
        assert [(c.value_kind, c.value) for c in got] == \
            [("blank", None) if not v else ("number", float(v)) for v in vals[row]], row
    assert len(r.cells) == 200


def _markdown_app(vals: dict[str, list[str]], repeat: bool) -> str:
    """Table 三 as a markdown grid of 10 columns (3 label columns, as the HTML spans them): a
    spanned cell either left empty or repeated in every column it spans (as pandas writes it)."""
    def md(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    def span(text: str, n: int) -> list[str]:
        return [text] * n if repeat else [text] + [""] * (n - 1)

    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    lines = [md([*span(note, 3), *span("申请人情况", 7)]),
             md([*span(note, 3), "自然人", *span("法人或其他组织", 5), "总计"]),
             md([*span(note, 3), "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
             md(["---"] * 10)]
    for key in APP_ROW_ORDER["2021"]:
        labels = list(APP_LABELS_2021[key])
        labels = labels if len(labels) == 3 else [*labels[:1], *span(labels[-1], 3 - len(labels) + 1)] \
            if len(labels) == 2 else span(labels[0], 3)
        lines.append(md([*labels, *vals[key]]))
    return "\n".join(["某镇2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", *lines,
                      "四、政府信息公开行政复议、行政诉讼情况", "无。"])


def test_markdown_tables_are_grids_spanned_cells_empty_or_repeated() -> None:
    vals = app_values()
    vals["granted"] = [*vals["granted"][:5], "", ""]  # 其他 and 总计 printed blank: not padding
    vals["not_processed_repeat"] = [""] * 7
    for repeat in (False, True):
        r = parse_report(_markdown_app(vals, repeat).encode("utf-8"), None, filename="md.txt")
        for row in APP_ROW_ORDER["2021"]:
            got = [r.cell("applications", row, c) for c in APP_COL_ORDER]
            assert [(c.value_kind, c.value) for c in got] == \
                [("blank", None) if not v else ("number", float(v)) for v in vals[row]], (repeat, row)
        assert not r.unknown_labels


def test_crawler_header_fields_without_the_body_separator_line() -> None:
    vals = app_values()
    body = _cell_per_line(vals).split("\n", 1)[1]  # without its title line
    fields = "\n".join(["标题: 某县某局2024年政府信息公开工作年度报告", "发布时间: 2025-01-20 09:30", "文号: ",
                        "发布机构: 某县某局", ""])
    for sep in ("", "==================== 正文 ====================\n"):
        r = parse_report((fields + sep + body).encode("utf-8"), None, filename="h.txt")
        assert (r.title, r.publisher, r.published_date, r.report_year) == \
            ("某县某局2024年政府信息公开工作年度报告", "某县某局", "2025-01-20", 2024), sep
        assert len(r.cells) == 200


def test_text_report_date_line_at_its_end_and_change_words_in_spaced_rows() -> None:
    vals = app_values()
    text = _cell_per_line(vals) + "\n发布时间：2025-01-20"
    assert parse_report(text.encode("utf-8"), None, filename="d.txt").published_date == "2025-01-20"
    spaced = (Path(__file__).parent / "fixtures" / "glued" / "bureau_2019_spaced.txt").read_text(encoding="utf-8")
    line = next(ln for ln in spaced.splitlines() if ln.startswith("行政处罚"))
    prev, _change, decisions = line.split()[1:]
    r = parse_report(spaced.replace(line, f"行政处罚 {prev} 减少6 {decisions}").encode("utf-8"), None, filename="s.txt")
    assert [r.value("active_disclosure", "penalty", k) for k in ("prev_year_items", "change", "decisions")] == \
        [float(prev), -6.0, float(decisions)]


def test_row_per_line_rows_with_every_cell_blank_or_the_first_cell_blank() -> None:
    from test_variants import _row_per_line

    text = _row_per_line(False)
    line = next(ln for ln in text.splitlines() if "（一）予以公开" in ln)
    r = parse_report(text.replace(line, "三、本年度办理结果 | （一）予以公开" + " | " * 7 + "|").encode("utf-8"), None,
                     filename="b.txt")
    assert [r.cell("applications", "granted", c).value_kind for c in APP_COL_ORDER] == ["blank"] * 7
    # table 四 in rows: a value row whose first cell is blank starts with " |", not a markdown "|"
    rl = ["", "1", "1", "0", "2", "0", "0", "0", "0", "0", "1", "0", "0", "0", "1"]
    head = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 | 行政诉讼 |",
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
            " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + " |",
            " | ".join(rl) + " |"]
    start, end = text.index("四、政府信息公开行政复议"), text.index("五、存在的主要问题")
    want = [("blank", None) if not v else ("number", float(v)) for v in rl]
    for lost_space in (False, True):  # text out of <p> paragraphs loses the space before the pipe
        lines = [*head[:-1], head[-1].lstrip() if lost_space else head[-1], ""]
        r = parse_report((text[:start] + "\n".join(lines) + text[end:]).encode("utf-8"), None, filename="f.txt")
        got = [r.cell("review_litigation", b, c) for b in RL_ROW_ORDER for c in RL_COL_ORDER]
        assert [(c.value_kind, c.value) for c in got] == want, lost_space
