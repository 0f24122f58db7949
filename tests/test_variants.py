"""Variants found by exploratory testing: each was read wrongly once (our own pages and numbers).

Rows that leave their blank 总计 cell out, label cells replaced by empty cells, a 2019 header that
carries one 2021 word, units printed in the header, Traditional characters, typographic minus
signs, the row-per-line pipe form, table 四 as one bare line of 15 numbers.
"""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page, rl_table, td

from parsers import parse_report
from parsers.templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER

AD = {"规章": ["1", "0", "5"], "行政规范性文件": ["4", "2", "31"], "行政许可": ["1,204"],
      "行政处罚": ["87"], "行政强制": ["0"], "行政事业性收费": ["12.5"]}
OTHER_ROWS = ("other_overdue_correction", "other_overdue_fee", "other_other")


def _app(r) -> dict[tuple[str, str], tuple[float | None, str]]:
    return {(c.row_key, c.col_key): (c.value, c.value_kind) for c in r.cells if c.table == "applications"}


def _drop_total_cell(html: str, label: str, total: str) -> str:
    """Remove the last (总计) cell of the row whose label is `label`."""
    i = html.index(label)
    j = html.index("</tr>", i)
    row = html[i:j]
    k = row.rindex(td(total))
    return html[:i] + row[:k] + row[k + len(td(total)):] + html[j:]


def test_rows_that_leave_out_their_blank_total_cell_are_read_by_position() -> None:
    vals = app_values(other_overdue_correction=["1", "0", "0", "0", "0", "0", "1"],
                      results_total=["12", "3", "0", "0", "0", "0", "15"],
                      carried_forward=["1", "0", "0", "0", "0", "0", "1"])
    html = app_table(vals)
    for label in ("1.申请人无正当理由逾期不补正", "2.申请人逾期未按收费通知", "3.其他"):
        html = _drop_total_cell(html, label, vals[{"1": OTHER_ROWS[0], "2": OTHER_ROWS[1], "3": OTHER_ROWS[2]}[label[0]]][6])
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    assert r.template == "2021" and r.templates_by_table["applications"] == "2021"
    got = _app(r)
    for row in OTHER_ROWS:
        assert got[(row, "total")] == (None, "blank")  # the slot shows empty: blank, never a zero
        assert r.cell("applications", row, "total").value_raw == ""
        assert [got[(row, c)] for c in APP_COL_ORDER[:6]] == [(float(v), "number") for v in vals[row][:6]]
    assert "other_handling" not in {k for k, _ in got}
    assert r.status == "ok", r.status_reason  # strict checks on those rows are unknown, not failed
    assert not [c for c in r.checks if c.mode == "strict" and c.ok is False]
    assert any("read as blank" in w for w in r.warnings)


def test_a_blank_cell_spanning_the_total_column_reads_blank_on_every_row() -> None:
    vals = app_values()
    html = app_table(vals)
    rows = APP_ROW_ORDER["2021"]
    detail = rows[rows.index("granted"): rows.index("results_total")]
    # 总计 of every result row printed as one empty cell with a rowspan
    for row in detail:
        label = {"granted": "（一）予以公开", "partially_granted": "（二）部分公开"}.get(row)
        if label is None:
            from html_builders import APP_LABELS_2021
            label = APP_LABELS_2021[row][-1]
        html = _drop_total_cell(html, label, vals[row][6])
    first = html.index("（一）予以公开")
    end = html.index("</tr>", first)
    html = html[:end] + f"<td rowspan={len(detail)}></td>" + html[end:]
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    got = _app(r)
    assert all(got[(row, "total")] == (None, "blank") for row in detail)
    assert got[("granted", "natural_person")] == (7.0, "number")
    assert r.status == "ok", r.status_reason


def test_an_empty_label_cell_instead_of_a_colspan() -> None:
    html = app_table(app_values()).replace(td("（一）予以公开", colspan=2), td("（一）予以公开") + "<td></td>")
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    assert _app(r)[("granted", "natural_person")] == (7.0, "number")
    assert r.status == "ok", r.status_reason


def test_a_2019_block_header_with_one_2021_word_stays_2019() -> None:
    table = ("<table border=1><tr>" + td("第二十条第（五）项", colspan=4) + "</tr><tr>" + td("信息内容")
             + td("上一年项目数量") + td("本年增/减") + td("本年处理决定数量") + "</tr><tr>" + td("行政许可")
             + td("12") + td("−1") + td("340") + "</tr></table>")
    r = parse_report(page(table, app_table(app_values("2019"), "2019"), rl_table(RL_VALUES),
                          title="某局2020年政府信息公开工作年度报告"))
    lic = {c.col_key: (c.value, c.template) for c in r.cells if c.row_key == "licensing"}
    assert lic == {"prev_year_items": (12.0, "2019"), "change": (-1.0, "2019"), "decisions": (340.0, "2019")}


def test_the_unit_printed_in_the_header_wins() -> None:
    yuan = ad_table_2021(AD).replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace(td("12.5", colspan=3), td("123500", colspan=3))
    r = parse_report(page(yuan, app_table(app_values()), rl_table(RL_VALUES)))
    fee = r.cell("active_disclosure", "fees", "amount_10k_yuan")
    assert (fee.value, fee.unit) == (123500.0, "元")


def test_traditional_character_labels() -> None:
    trad = {"上年结转": "上年結轉", "补正后": "補正後", "行政处罚": "行政處罰", "反复": "反覆",
            "继续": "繼續", "收费金额": "收費金額", "万元": "萬元"}
    html = ad_table_2021(AD) + app_table(app_values()) + rl_table(RL_VALUES)
    for simp, t in trad.items():
        html = html.replace(simp, t)
    r = parse_report(page(html))
    assert r.status == "ok", r.status_reason
    assert r.value("active_disclosure", "penalty", "decisions") == 87
    assert r.value("applications", "carried_over", "natural_person") == 1


def _row_per_line(markdown: bool) -> str:
    vals = app_values()
    from html_builders import APP_LABELS_2021

    def line(cells: list[str]) -> str:
        return ("| " + " | ".join(cells) + " |") if markdown else (" | ".join(cells) + " | | |")

    out = ["某镇2023年政府信息公开工作年度报告", "一、总体情况", "本年度持续推进政务公开。", "二、主动公开政府信息情况",
           line(["第二十条第（一）项"]), line(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]),
           line(["规章", "1", "0", "5"]), line(["行政规范性文件", "4", "2", "31"]),
           line(["第二十条第（五）项"]), line(["信息内容", "本年处理决定数量"]), line(["行政许可", "1204"]),
           line(["第二十条第（六）项"]), line(["信息内容", "本年处理决定数量"]), line(["行政处罚", "87"]),
           line(["行政强制", "0"]), line(["第二十条第（八）项"]), line(["信息内容", "本年收费金额（单位：万元）"]),
           line(["行政事业性收费", "12.5"]), "三、收到和处理政府信息公开申请情况",
           line(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]),
           line(["自然人", "法人或其他组织", "总计"]), line(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])]
    if markdown:
        out.append("|---|---|---|")
    for key in APP_ROW_ORDER["2021"]:
        out.append(line([*APP_LABELS_2021[key], *vals[key]]))
    out.append("四、政府信息公开行政复议、行政诉讼情况")
    out.append(line(list(RL_VALUES)) if markdown else " ".join(RL_VALUES))
    out += ["五、存在的主要问题及改进情况", "公开深度仍需加强。", "六、其他需要报告的事项", "无。"]
    return "\n".join(out)


def test_row_per_line_and_markdown_pipe_tables() -> None:
    for markdown in (False, True):
        r = parse_report(_row_per_line(markdown).encode("utf-8"), None, filename="x.txt")
        assert r.table_source == "pipe_text"
        assert len(r.cells) == 200, (markdown, r.status_reason)
        assert r.value("active_disclosure", "licensing", "decisions") == 1204
        assert _app(r)[("unavailable_not_held", "commercial")] == (1.0, "number")
        rl = [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER]
        assert rl == [float(v) for v in RL_VALUES]
        assert r.status == "ok", r.status_reason


def test_seed_form_tables_with_table_four_as_a_bare_line() -> None:
    seed_form = []
    for cells in (["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "0", "5"]):
        seed_form.append("|")
        seed_form += [f"{c} |" for c in cells]
    app = app_values()
    from html_builders import APP_LABELS_2021
    seed_form += ["|", "申请人情况 |", "|", "自然人 |", "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "总计 |"]
    for key in APP_ROW_ORDER["2021"]:
        seed_form.append("|")
        seed_form += [f"{c} |" for c in (*APP_LABELS_2021[key], *app[key])]
    text = "\n".join(["某镇2023年政府信息公开工作年度报告", "二、主动公开政府信息情况", *seed_form,
                      "四、政府信息公开行政复议、行政诉讼情况", "| " + " | ".join(RL_VALUES) + " |", "五、存在的主要问题"])
    r = parse_report(text.encode("utf-8"), None, filename="x.txt")
    assert r.table_source == "pipe_text"
    assert [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER] == \
        [float(v) for v in RL_VALUES]
    assert r.value("applications", "granted", "total") == 9


def _with_chrome(body_html: str, *, before_body: str, title: str, top: str = "") -> bytes:
    html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{top}"
            f"<div class='side'><ul><li><a href='#'>关于开展检查的通知</a> 发布日期：2024-05-06</li></ul></div>"
            f"{before_body}<div class='TRS_Editor'>{body_html}</div></body></html>")
    return html.encode("utf-8")


def _report_body() -> str:
    html = page(ad_table_2021(AD), app_table(app_values()), rl_table(RL_VALUES)).decode("utf-8")
    return html[html.index("<div class='TRS_Editor'>") + len("<div class='TRS_Editor'>"): html.index("</div><div class='footer'>")]


def test_the_article_date_line_beats_a_sidebar_and_a_document_date() -> None:
    data = _with_chrome(_report_body(), title="某镇2023年政府信息公开工作年度报告",
                        before_body="<h1>某镇2023年政府信息公开工作年度报告</h1>"
                                    "<div class='info'>成文日期：2024-01-10 发布时间：2024-01-18 09:30</div>")
    r = parse_report(data)
    assert r.published_date == "2024-01-18"
    assert r.status == "ok", r.status_reason


def test_an_empty_article_date_field_does_not_take_a_sidebar_date() -> None:
    data = _with_chrome(_report_body(), title="某镇2023年政府信息公开工作年度报告",
                        before_body="<h1>某镇2023年政府信息公开工作年度报告</h1>"
                                    "<div class='info'>来源：某镇 发布时间： 浏览次数：35</div>")
    assert parse_report(data).published_date is None  # not the sidebar's 2024-05-06
    assert parse_report(data, "http://x.gov.cn/zfxxgk/202401/t20240119_123.html").published_date == "2024-01-19"


def test_title_printed_only_in_the_info_tables_name_field() -> None:
    info = ("<table class='xxgk'><tr><th>发文机构：</th><td>某街道</td><th>成文日期：</th><td>2023-01-19</td></tr>"
            "<tr><th>名\u3000\u3000称：</th><td colspan=3>北京市西城区某街道办事处2022年政府信息公开工作年度报告</td></tr>"
            "<tr><th>发布日期：</th><td>2023-01-20</td></tr></table>")
    r = parse_report(_with_chrome("<p><a href='./P0202301.pdf'>附件1</a></p>", title="北京市西城区人民政府",
                                  before_body=info))
    assert (r.title, r.report_year, r.publisher, r.region, r.published_date) == (
        "北京市西城区某街道办事处2022年政府信息公开工作年度报告", 2022, "北京市西城区某街道办事处", "北京市西城区", "2023-01-20")
    assert r.status == "no_tables" and "1 attachment" in r.status_reason


def test_title_div_broken_by_a_line_break_after_the_publisher() -> None:
    data = _with_chrome(_report_body(), title="天津市静海区人民政府",
                        before_body="<div class='article_title'>天津市静海区某某局<br>2024年政府信息公开工作年度报告</div>"
                                    "<div>发布时间：2025-01-16</div>")
    r = parse_report(data)
    assert (r.title, r.publisher, r.report_year) == ("天津市静海区某某局2024年政府信息公开工作年度报告", "天津市静海区某某局", 2024)


def test_section_headings_printed_inside_the_tables() -> None:
    body = _report_body()
    for heading in ("二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况"):
        body = body.replace(f"<p>{heading}</p><table border='1'>", f"<table border='1'><caption>{heading}</caption>")
    heading3 = "三、收到和处理政府信息公开申请情况"
    body = body.replace(f"<p>{heading3}</p><table border='1'>", f"<table border='1'><tr><td colspan=10>{heading3}</td></tr>")
    assert body.count("<caption>") == 2 and f"<td colspan=10>{heading3}" in body
    r = parse_report(_with_chrome(body, title="某镇2023年政府信息公开工作年度报告", before_body=""))
    assert [s.section for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.sections[2].heading == heading3
    assert (r.status, r.unknown_labels, len(r.cells)) == ("ok", [], 200)  # a heading row is not an unknown label


def test_related_list_dates_and_titles_do_not_win() -> None:
    side = ("<div class='side'><h3>相关文章</h3><ul><li><a class='title' href='#'>某镇2022年政府信息公开工作年度报告</a>"
            " 发布日期：2023-01-16</li></ul></div>")
    html = ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2024-01-20 09:30'><title>详细信息</title>"
            f"</head><body>{side}<h1>某镇2023年政府信息公开工作年度报告</h1><div id='zoom'><p>一、总体情况</p>"
            "<p>略。</p><p><a href='a.pdf'>附件</a></p></div></body></html>")
    r = parse_report(html.encode("utf-8"))
    assert (r.title, r.report_year, r.published_date) == ("某镇2023年政府信息公开工作年度报告", 2023, "2024-01-20")


def test_title_in_a_layout_table_cell_when_the_page_title_is_generic() -> None:
    html = ("<html><head><meta charset='utf-8'><title>内容页</title></head><body><table><tr><td class='bt'><b>"
            "六安市某县某镇2023年政府信息公开工作年度报告</b></td></tr></table><div id='zoom'><p>一、总体情况</p>"
            "<p>略。</p><p>二、主动公开政府信息情况</p><p>略。</p></div></body></html>")
    r = parse_report(html.encode("utf-8"))
    assert (r.title, r.publisher) == ("六安市某县某镇2023年政府信息公开工作年度报告", "六安市某县某镇")


def test_text_report_date_line_after_the_title_beats_the_url_date() -> None:
    text = ("某区人民政府\n某镇2022年政府信息公开工作年度报告\n来源:某镇人民政府 发布时间:2023-01-18 09:12\n"
            "一、总体情况\n略。\n")
    r = parse_report(text.encode("utf-8"), "http://x.gov.cn/202301/t20230119_1.html", filename="x.txt")
    assert r.published_date == "2023-01-18"


def test_region_from_the_site_name_when_the_publisher_is_a_town() -> None:
    data = _with_chrome(_report_body(), title="中旺镇2023年政府信息公开工作年度报告 - 天津市静海区人民政府",
                        before_body="<div>发布时间：2024-01-18</div>")
    r = parse_report(data)
    assert (r.publisher, r.region) == ("中旺镇", "天津市静海区")
    header = _with_chrome(_report_body(), title="中旺镇2023年政府信息公开工作年度报告",
                          top="<div class='top'>天津市静海区人民政府 2019年12月3日星期二</div>",
                          before_body="<div>发布时间：2024-01-18</div>")
    assert parse_report(header).region == "天津市静海区"


def test_the_source_field_beats_a_town_the_body_names_and_a_signature_keeps_its_prefix() -> None:
    title = "2023年度政府信息公开工作年度报告"  # no publisher in the title
    mention = "<p>本年度，我局配合龙兴镇人民政府完成道路征收相关信息公开工作。</p>" + _report_body()
    r = parse_report(_with_chrome(mention, title=title, before_body=f"<h1>{title}</h1>"
                                  "<div class='info'>来源：重庆市渝北区交通局　发布时间：2024-01-25 09:30</div>"))
    assert (r.publisher, r.region) == ("重庆市渝北区交通局", "重庆市渝北区")
    # with no source field, the body's own words decide: the town, cut where its name starts
    r = parse_report(_with_chrome(mention, title=title, before_body=f"<h1>{title}</h1>"))
    assert r.publisher == "龙兴镇人民政府"
    signed = _report_body() + "<p>天津市宝坻区大钟庄镇人民政府</p><p>2024年1月25日</p>"
    r = parse_report(_with_chrome(signed, title=title, before_body=f"<h1>{title}</h1>"))
    assert (r.publisher, r.region) == ("天津市宝坻区大钟庄镇人民政府", "天津市宝坻区")


def test_date_labels_beyond_the_common_ones_and_a_date_at_the_body_end() -> None:
    title = "某镇2023年政府信息公开工作年度报告"
    for info in ("发稿时间：2024-01-31 10:00", "公布日期：2024年1月31日", "日　　期：2024-01-31"):
        r = parse_report(_with_chrome(_report_body(), title=title, before_body=f"<h1>{title}</h1><div>{info}</div>"))
        assert r.published_date == "2024-01-31", info
    r = parse_report(_with_chrome(_report_body() + "<p>发布时间：2024-01-31</p>", title=title,
                                  before_body=f"<h1>{title}</h1>"))
    assert r.published_date == "2024-01-31"


def test_sections_headed_by_part_numbers() -> None:
    body = _report_body()
    for n, word in zip("一二三四五六", ("一", "二", "三", "四", "五", "六")):
        body = body.replace(f"<p>{word}、", f"<p>第{n}部分　", 1)
    assert "第四部分　" in body
    r = parse_report(_with_chrome(body, title="某镇2023年政府信息公开工作年度报告", before_body=""))
    assert [s.section for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert r.sections[0].heading.startswith("第一部分") and r.status == "ok"


def test_word_footnote_references_and_change_words_in_cells() -> None:
    vals = app_values()
    html = app_table(vals).replace(td("12"), td("12<a href='#_ftn1'><span>[1]</span></a>"), 1)
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    c = r.cell("applications", "new_received", "natural_person")
    assert (c.value, c.value_kind, c.value_raw) == (12.0, "number", "12[1]")
    from parsers.values import parse_value

    assert [parse_value(s)[0] for s in ("增加5", "减少3", "增 2", "新增14")] == [5.0, -3.0, 2.0, 14.0]


def test_an_untitled_excerpt_names_its_body_in_the_opening_or_the_signature() -> None:
    # a saved article body only: no title, no info line; the body names who wrote the report
    opening = "<p>根据《条例》要求，平潭综合实验区综合执法局编制了本报告。</p>" + _report_body()
    signed = _report_body() + "<p>平潭综合实验区综合执法局</p><p>2021年1月20日</p>"
    for body in (opening, signed):
        r = parse_report(f"<html><body><div class='TRS_Editor'>{body}</div></body></html>".encode())
        assert (r.publisher, r.region) == ("平潭综合实验区综合执法局", "福建省平潭综合实验区")
    # a frozen date widget after the site name is not a signature (the seed's page footer)
    widget = _report_body() + "<p>天津市静海区人民政府</p><p>2019年12月3日星期二</p>"
    r = parse_report(f"<html><body><div class='TRS_Editor'>{widget}</div></body></html>".encode())
    assert r.publisher != "天津市静海区人民政府"


def test_footnote_markers_and_zero_and_dash_variants_in_cells() -> None:
    vals = app_values()
    html = app_table(vals).replace(td("12"), td("12<sup>1</sup>"), 1).replace(td("15"), td("15①"), 1)
    html = html.replace(td("7"), td("7（含1件逾期）"), 1)
    html = html.replace(td("0"), td("○"), 1).replace(td("0"), td("\u2010"), 1)
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    got = _app(r)
    assert got[("new_received", "natural_person")] == (12.0, "number")
    assert got[("new_received", "total")] == (15.0, "number")
    assert got[("granted", "natural_person")] == (7.0, "number")
    assert r.cell("applications", "granted", "natural_person").value_raw == "7（含1件逾期）"
    kinds = sorted(v[1] for v in got.values())
    assert kinds.count("na") == 1 and kinds.count("text") == 0  # "○" is a zero, "‐" not applicable
    assert [(c.value, c.value_kind) for c in r.cells if c.value_raw == "○"] == [(0.0, "number")]
    assert any("footnote" in w for w in r.warnings)


def test_circled_sub_row_numbering() -> None:
    html = app_table(app_values())
    for i, c in enumerate("①②③", 1):
        html = html.replace(f"<span>{i}.申请人", f"<span>{c}申请人").replace("<span>3.其他", "<span>③其他")
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    assert r.status == "ok", r.status_reason
    assert ("other_other", "total") in _app(r)


def test_pre2019_report_with_template_like_rows_is_no_tables() -> None:
    # a 2018 report borrowing table 三's header for nine old-style rows: not the template
    rows = app_table(app_values()).split("</tr>")
    short = "</tr>".join(rows[:3 + 9]) + "</tr></tbody></table>"
    r = parse_report(page(short, title="某局2018年政府信息公开工作年度报告"))
    assert (r.status, r.template, r.cells) == ("no_tables", "pre2019", [])
    assert any("pre-2019" in w for w in r.warnings)


def test_meta_utf16_label_on_a_utf8_page_means_utf8() -> None:
    data = page(ad_table_2021(AD), app_table(app_values()), rl_table(RL_VALUES)).replace(
        b"charset='utf-8'", b"charset='utf-16'")
    for pad in (b"", b" "):  # odd and even lengths: UTF-16 "decodes" even-length bytes
        r = parse_report(data + pad)
        assert r.encoding == "utf-8" and r.status == "ok"


def test_later_pages_use_the_first_pages_container() -> None:
    # a TRS article over three pages; page 2 holds only rows of table 三 (no heading to score),
    # and its chrome has a small sidebar `.content` that would win a tie among unscored containers
    body = _report_body()
    app = app_table(app_values())
    rows = app.split("</tr>")
    head, tail = "</tr>".join(rows[:12]) + "</tr></tbody></table>", "<table border='1'><tbody>" + "</tr>".join(rows[12:])
    assert app in body
    before, after = body.split(app)
    cut = after.index("<p>四、")
    pages = [before + head, tail + after[:cut], after[cut:]]
    chrome = "<div class='content'>热点专题</div>"
    first, *rest = (_with_chrome(p, title="某镇2023年政府信息公开工作年度报告", before_body=chrome) for p in pages)
    r = parse_report(first, None, extra_pages=rest)
    assert r.status == "ok", r.status_reason
    assert len(r.cells) == 200


def test_date_after_the_title_when_there_is_no_container() -> None:
    html = ("<html><head><meta charset='utf-8'><title>某镇2023年政府信息公开工作年度报告</title></head><body>"
            "<ul><li>某镇2022年政府信息公开工作年度报告 发布日期：2023-01-28</li></ul>"
            "<h1>某镇2023年政府信息公开工作年度报告</h1><p>发布日期：2024-01-26</p>" + _report_body() + "</body></html>")
    assert parse_report(html.encode("utf-8")).published_date == "2024-01-26"


def test_table_four_variants_trailing_pad_split_in_two_and_transposed_total_first() -> None:
    rl_vals = ["4", "2", "1", "3", "10", "2", "0", "1", "1", "4", "1", "1", "0", "2", "4"]
    expect = {(RL_ROW_ORDER[i // 5], RL_COL_ORDER[i % 5]): float(v) for i, v in enumerate(rl_vals)}

    def rl(r) -> dict:
        return {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "review_litigation"}

    padded = rl_table(rl_vals).replace("</tr></table>", "<td>&nbsp;</td><td></td></tr></table>")
    split = ("<table border=1><tr>" + td("行政复议", colspan=5) + "</tr><tr>"
             + "".join(td(h) for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) + "</tr><tr>"
             + "".join(td(v) for v in rl_vals[:5]) + "</tr></table><p>行政诉讼</p><table border=1><tr>"
             + td("未经复议直接起诉", colspan=5) + td("复议后起诉", colspan=5) + "</tr><tr>"
             + "".join(td(h) for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2) + "</tr><tr>"
             + "".join(td(v) for v in rl_vals[5:]) + "</tr></table>")
    heads = ("总计", "结果维持", "结果纠正", "其他结果", "尚未审结")  # 总计 printed first
    order = [4, 0, 1, 2, 3]
    transposed = "<table border=1><tr>" + td("类别") + "".join(td(h) for h in heads) + "</tr>" + "".join(
        "<tr>" + td(label) + "".join(td(rl_vals[b * 5 + j]) for j in order) + "</tr>"
        for b, label in enumerate(("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"))) + "</table>"
    for name, table in (("padded", padded), ("split", split), ("transposed", transposed)):
        r = parse_report(page(ad_table_2021(AD), app_table(app_values()), table))
        assert rl(r) == expect, name
        assert r.status == "ok", (name, r.status_reason)


def test_tables_three_and_four_pasted_as_text_next_to_an_html_table_two() -> None:
    from html_builders import APP_LABELS_2021

    vals = app_values()
    glued = "".join("".join(APP_LABELS_2021[k]) + " ".join(vals[k]) for k in APP_ROW_ORDER["2021"])
    text_tables = (f"<p>申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计</p><p>{glued}</p>")
    rl = ("<p>行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计"
          " 结果维持 结果纠正 其他结果 尚未审结 总计</p><p>" + " ".join(RL_VALUES) + "</p>")
    r = parse_report(page(ad_table_2021(AD), text_tables, rl))
    assert r.table_source == "html"
    assert r.value("active_disclosure", "licensing", "decisions") == 1204
    assert _app(r)[("granted", "natural_person")] == (7.0, "number")
    assert [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER] == \
        [float(v) for v in RL_VALUES]
    assert r.status == "ok", r.status_reason


def test_a_row_printed_twice_with_different_numbers_is_not_trusted() -> None:
    import re

    html = app_table(app_values())
    # one more row inside the 三、本年度办理结果 group: （一）予以公开 again, with other numbers
    m = re.search(r'rowspan="(\d+)"><p><span>三、本年度办理结果', html)
    assert m is not None
    html = html.replace(m.group(0), m.group(0).replace(m.group(1), str(int(m.group(1)) + 1)))
    end = html.index("</tr>", html.index("（一）予以公开")) + len("</tr>")
    copy = "<tr>" + td("（一）予以公开", colspan=2) + "".join(td(v) for v in ["5", "2", "0", "0", "0", "0", "7"]) + "</tr>"
    r = parse_report(page(ad_table_2021(AD), html[:end] + copy + html[end:], rl_table(RL_VALUES)))
    assert ("granted", "natural_person") not in _app(r)
    assert "printed twice" in r.undetermined["applications.granted.natural_person"]
    assert _app(r)[("granted", "commercial")] == (2.0, "number")  # the same in both copies
    assert _app(r)[("partially_granted", "total")] == (0.0, "number")
    assert r.status == "partial"


def test_table_four_read_by_header_position_and_remark_column() -> None:
    rl_vals = ["4", "2", "1", "3", "10", "2", "0", "1", "1", "4", "1", "1", "0", "2", "4"]
    heads = ("结果维持", "结果纠正", "尚未审结", "其他结果", "总计")  # 尚未审结 before 其他结果
    order = [0, 1, 3, 2, 4]
    table = ("<table border=1><tr>" + td("行政复议", colspan=5) + td("行政诉讼", colspan=10) + td("备注", rowspan=3)
             + "</tr><tr>" + "".join(td(h, rowspan=2) for h in heads) + td("未经复议直接起诉", colspan=5)
             + td("复议后起诉", colspan=5) + "</tr><tr>" + "".join(td(h) for h in heads * 2) + "</tr><tr>"
             + "".join(td(rl_vals[b * 5 + j]) for b in range(3) for j in order) + td("无") + "</tr></table>")
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), table))
    got = [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER]
    assert got == [float(v) for v in rl_vals]
    assert r.status == "ok", r.status_reason


def test_bracketed_remarks_in_row_labels_name_other_rows() -> None:
    html = app_table(app_values()).replace("（一）予以公开", "（一）予以公开（不含部分公开）")
    ad = ad_table_2021(AD).replace(td("行政许可"), td("行政许可（含其他对外管理服务事项）"))
    r = parse_report(page(ad, html, rl_table(RL_VALUES)))
    assert _app(r)[("granted", "natural_person")] == (7.0, "number")
    assert r.value("active_disclosure", "licensing", "decisions") == 1204
    assert r.status == "ok", r.status_reason


def test_an_empty_template_reposted_is_no_tables() -> None:
    blank = {k: [""] * 7 for k in app_values()}
    ad = ad_table_2021({k: [""] * len(v) for k, v in AD.items()})
    r = parse_report(page(ad, app_table(blank), rl_table([""] * 15), title="关于印发政府信息公开工作年度报告格式的通知"))
    assert (r.status, r.cells) == ("no_tables", [])


def test_a_rowspan_one_row_too_long_never_shifts_values() -> None:
    import re

    html = app_table(app_values())
    m = re.search(r'rowspan="(\d+)"><p><span>三、本年度办理结果', html)
    assert m is not None
    html = html.replace(m.group(0), m.group(0).replace(m.group(1), str(int(m.group(1)) + 1)))
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    got = _app(r)
    vals = app_values()["carried_forward"]
    for col, v in zip(APP_COL_ORDER, vals):
        assert got.get(("carried_forward", col)) in (None, (float(v), "number")), col


def test_table_four_printed_all_blank() -> None:
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), rl_table(["&nbsp;"] * 15)))
    rl = [c for c in r.cells if c.table == "review_litigation"]
    assert len(rl) == 15 and all(c.value_kind == "blank" for c in rl)
    assert r.status == "ok", r.status_reason


def test_tables_after_an_annex_line_do_not_compete_with_the_reports_own() -> None:
    other = app_values(granted=["9", "2", "0", "0", "0", "0", "11"], results_total=["13", "3", "0", "0", "0", "0", "16"],
                       carried_forward=["0", "0", "0", "0", "0", "0", "0"])
    annex = "<p>附件：某街道政府信息公开情况统计表</p><p>三、收到和处理政府信息公开申请情况</p>" + app_table(other)
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), rl_table(RL_VALUES), extra=annex))
    assert _app(r)[("granted", "natural_person")] == (7.0, "number")
    assert not r.undetermined and r.status == "ok", r.status_reason
    # an annex is still read when the report itself has no such table
    alone = parse_report(page(ad_table_2021(AD), "", rl_table(RL_VALUES), extra=annex))
    assert _app(alone)[("granted", "natural_person")] == (9.0, "number")
    assert any("附件" in w for w in alone.warnings)


def test_a_split_table_two_in_an_annex_is_read_whole() -> None:
    split = ad_table_2021(AD, split=True).replace("</table>\n<table", "</table><p>（续）</p><p>单位：件</p><table")
    annex = ("<p>附表：政府信息公开情况统计表</p><p>二、主动公开政府信息情况</p>" + split
             + app_table(app_values()) + rl_table(RL_VALUES))
    r = parse_report(page("<p>详见附表。</p>", "<p>详见附表。</p>", "<p>详见附表。</p>", extra=annex))
    assert len([c for c in r.cells if c.table == "active_disclosure"]) == 10
    assert r.status == "ok", r.status_reason


def test_table_four_turned_with_one_row_per_result_and_one_column_per_block() -> None:
    rl_vals = ["4", "2", "1", "3", "10", "2", "0", "1", "1", "4", "1", "1", "0", "2", "4"]
    order = [4, 0, 1, 2, 3]  # rows printed 总计 first
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    table = ("<table border=1><tr>" + td("项目", rowspan=2) + td("行政复议", rowspan=2) + td("行政诉讼", colspan=2)
             + "</tr><tr>" + td("未经复议直接起诉") + td("复议后起诉") + "</tr>"
             + "".join("<tr>" + td(heads[j]) + "".join(td(rl_vals[b * 5 + j]) for b in range(3)) + "</tr>"
                       for j in order) + "</table>")
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), table))
    got = [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER]
    assert got == [float(v) for v in rl_vals]
    assert r.status == "ok", r.status_reason


def _rl_long_table(values: list[str], results: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")) -> str:
    blocks = ("行政复议", "行政诉讼—未经复议直接起诉", "行政诉讼—复议后起诉")
    rows = ["<tr><td>类别</td><td>项目</td><td>数量</td></tr>"]
    for b, block in enumerate(blocks):
        for i, result in enumerate(results):
            head = f"<td rowspan=5>{block}</td>" if i == 0 else ""
            rows.append(f"<tr>{head}<td>{result}</td><td>{values[b * 5 + i]}</td></tr>")
    return "<table border=1>" + "".join(rows) + "</table>"


def test_table_four_in_long_form_one_row_per_cell() -> None:
    values = ["4", "2", "1", "3", "10", "2", "0", "1", "1", "4", "1", "1", "0", "2", "4"]
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), _rl_long_table(values)))
    got = [r.value("review_litigation", row, col) for row in RL_ROW_ORDER for col in RL_COL_ORDER]
    assert got == [float(v) for v in values]
    assert r.status == "ok", r.status_reason


def test_label_with_an_empty_pad_cell_keeps_a_blank_total_in_place() -> None:
    vals = app_values()
    html = app_table(vals)
    label = td("二、上年结转政府信息公开申请数量", colspan=3)
    row = label + "".join(td(v) for v in vals["carried_over"])
    assert row in html
    # the label spans two columns and an empty cell fills the third; 总计 is printed blank
    html = html.replace(row, td("二、上年结转政府信息公开申请数量", colspan=2) + td("")
                        + "".join(td(v) for v in vals["carried_over"][:6]) + td(""))
    r = parse_report(page(ad_table_2021(AD), html, rl_table(RL_VALUES)))
    got = _app(r)
    want_np = float(vals["carried_over"][0])
    assert [got[("carried_over", c)] for c in ("natural_person", "total")] == [(want_np, "number"), (None, "blank")]
    assert r.status == "ok", r.status_reason


def test_a_not_applicable_column_printed_as_one_tall_cell() -> None:
    import re

    html = app_table(app_values())
    rows = html.split("\n")
    first = next(i for i, line in enumerate(rows) if "一、本年新收" in line)
    n = sum(1 for line in rows[first:] if line.startswith("<tr>"))
    for i in range(first, first + n):  # the 科研机构 cell (third value) of every row: one tall "/" cell
        cells = re.findall(r"<td[^>]*>.*?</td>", rows[i])
        values_at = len(cells) - 7
        cells[values_at + 2] = td("/", rowspan=n) if i == first else ""
        rows[i] = "<tr>" + "".join(cells) + "</tr>"
    r = parse_report(page(ad_table_2021(AD), "\n".join(rows), rl_table(RL_VALUES)))
    got = _app(r)
    assert len(got) == 175
    assert {got[(k, "research")] for k in APP_ROW_ORDER["2021"]} == {(None, "na")}
    assert got[("granted", "natural_person")] == (7.0, "number")


def test_table_four_block_printed_as_one_dash_cell() -> None:
    values = RL_VALUES[:10]
    html = rl_table(RL_VALUES).replace("".join(td(v) for v in RL_VALUES), "".join(td(v) for v in values) + td("—", colspan=5))
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), html))
    got = [(c.row_key, c.col_key, c.value, c.value_kind) for c in r.cells if c.table == "review_litigation"]
    assert len(got) == 15
    assert [g[2] for g in got[:10]] == [float(v) for v in values]
    assert {g[3] for g in got if g[0] == "suit_after_review"} == {"na"}


def test_table_two_blocks_whose_first_header_cell_is_empty() -> None:
    html = ad_table_2021(AD, split=True).replace(td("信息内容"), td(""))
    html = html.replace("<table border='1'><tr>" + td("第二十条第（一）项", colspan=4) + "</tr>", "<p>第二十条第（一）项</p><table border='1'>")
    assert "信息内容" not in html and "<p>第二十条第（一）项</p>" in html
    r = parse_report(page(html, app_table(app_values()), rl_table(RL_VALUES)))
    assert r.value("active_disclosure", "normative_documents", "in_force") == 31
    assert r.value("active_disclosure", "licensing", "decisions") == 1204
    assert r.status == "ok", r.status_reason


def test_table_four_as_two_tables_with_review_all_blank() -> None:
    head5 = "".join(td(h) for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    review = "<table border='1'><tr>" + td("行政复议", colspan=5) + "</tr><tr>" + head5 + "</tr><tr>" + td("") * 5 + "</tr></table>"
    suits = ("<table border='1'><tr>" + td("行政诉讼", colspan=10) + "</tr><tr>" + td("未经复议直接起诉", colspan=5)
             + td("复议后起诉", colspan=5) + "</tr><tr>" + head5 * 2 + "</tr><tr>"
             + "".join(td(v) for v in RL_VALUES[5:]) + "</tr></table>")
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), review + suits))
    got = {(c.row_key, c.col_key): (c.value, c.value_kind) for c in r.cells if c.table == "review_litigation"}
    assert len(got) == 15 and got[("review", "total")] == (None, "blank")
    assert got[("suit_direct", "upheld")] == (float(RL_VALUES[5]), "number")
    # 行政诉讼's table blank: the review values stay, with ten blank cells
    reviewed = review.replace(td("") * 5, "".join(td(v) for v in RL_VALUES[:5]))
    suits_blank10 = suits.replace("".join(td(v) for v in RL_VALUES[5:]), td("") * 10)
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), reviewed + suits_blank10))
    got = {(c.row_key, c.col_key): (c.value, c.value_kind) for c in r.cells if c.table == "review_litigation"}
    assert len(got) == 15 and got[("review", "total")] == (float(RL_VALUES[4]), "number")
    assert got[("suit_direct", "total")] == (None, "blank")
    # both tables blank: fifteen blank cells
    suits_blank = suits.replace("".join(td(v) for v in RL_VALUES[5:]), td("") * 10)
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), review + suits_blank))
    got = {(c.row_key, c.col_key): c.value_kind for c in r.cells if c.table == "review_litigation"}
    assert len(got) == 15 and set(got.values()) == {"blank"}


def test_a_report_with_every_cell_blank_is_still_a_report() -> None:
    blank = {k: [""] * 7 for k in app_values()}
    ad = ad_table_2021({k: [""] * len(v) for k, v in AD.items()})
    r = parse_report(page(ad, app_table(blank), rl_table(["/"] * 15)))  # title: 某镇2023年…年度报告
    assert r.status == "ok" and len(r.cells) == 200
    assert {c.value_kind for c in r.cells} == {"blank", "na"}


def test_a_new_table_two_caption_drops_the_last_blocks_header() -> None:
    # 2019-style blocks with their own column orders; the (六) block's caption is merged into
    # its header's first cell, or its header has an unknown word: never read under (五)'s order
    def blocks(header6: str) -> str:
        return ("<table border=1>" + "<tr>" + td("第二十条第（五）项", colspan=4) + "</tr><tr>" + td("信息内容")
                + td("本年处理决定数量") + td("上一年项目数量") + td("本年增/减") + "</tr><tr>" + td("行政许可")
                + td("40") + td("57") + td("-6") + "</tr>" + header6 + "<tr>"
                + td("行政处罚") + td("57") + td("-6") + td("40") + "</tr></table>")

    merged = "<tr>" + td("第二十条第（六）项 信息内容") + td("上一年项目数量") + td("本年增/减") + td("本年处理决定数量") + "</tr>"
    unknown = ("<tr>" + td("第二十条第（六）项", colspan=4) + "</tr><tr>" + td("信息内容") + td("上一年项目数量")
               + td("处理结果") + td("本年处理决定数量") + "</tr>")
    for header6, readable in ((merged, True), (unknown, False)):
        r = parse_report(page(blocks(header6), app_table(app_values("2019"), "2019"), rl_table(RL_VALUES)))
        assert r.value("active_disclosure", "licensing", "decisions") == 40
        penalty = {k: r.value("active_disclosure", "penalty", k) for k in ("prev_year_items", "change", "decisions")}
        want = {"prev_year_items": 57, "change": -6, "decisions": 40}
        assert penalty == (want if readable else dict.fromkeys(want)) or penalty == want, penalty


def test_table_four_as_two_tables_in_either_order() -> None:
    res = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

    def tr(*cells: str, span: int | None = None) -> str:
        return "<tr>" + "".join(td(c) if span is None else td(c, colspan=span) for c in cells) + "</tr>"

    review = "<table border=1>" + tr("行政复议", span=5) + tr(*res) + tr("2", "1", "0", "1", "4") + "</table>"
    suits = ("<table border=1>" + tr("行政诉讼", span=10) + tr("复议后起诉", "未经复议直接起诉", span=5) + tr(*res * 2)
             + tr(*"0 0 3 0 3 1 0 0 0 1".split()) + "</table>")
    for tables in (suits + review, review + suits):
        r = parse_report(page(ad_table_2021(AD), app_table(app_values()), tables))
        got = {b: [r.value("review_litigation", b, c) for c in RL_COL_ORDER] for b in RL_ROW_ORDER}
        assert got == {"review": [2, 1, 0, 1, 4], "suit_direct": [1, 0, 0, 0, 1], "suit_after_review": [0, 0, 3, 0, 3]}


def test_a_long_form_table_four_does_not_reach_into_later_tables() -> None:
    values = ["4", "2", "1", "3", "10", "2", "0", "1", "1", "4", "1", "1", "0", "2", "4"]
    long_form = _rl_long_table(values).replace("<tr><td>总计</td><td>4</td></tr>", "")  # the last 总计 left out
    fees = "<table border=1><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>380</td></tr></table>"
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), long_form + fees))
    assert r.value("review_litigation", "suit_after_review", "upheld") == 1
    assert r.cell("review_litigation", "suit_after_review", "total") is None  # not the fee table's 380


def test_dates_quoted_in_the_report_prose_are_not_its_date() -> None:
    body = _report_body().replace("<p>本年度我镇持续推进政务公开。</p>",
                                  "<p>我镇于2023年1月公开了上年度年报（发布日期：2023-01-20）。</p>")
    assert "发布日期：2023-01-20" in body
    html = ("<html><head><meta charset='utf-8'><title>某镇2023年政府信息公开工作年度报告</title></head><body>"
            "<div class='main'><h1>某镇2023年政府信息公开工作年度报告</h1>"
            f"<div class='TRS_Editor'>{body}</div></div></body></html>")
    r = parse_report(html.encode("utf-8"), "http://x.gov.cn/202401/t20240118_1.html")
    assert r.published_date == "2024-01-18"


def test_title_column_banners_nested_lists_and_prose_lines_are_not_the_title() -> None:
    want = "某镇2023年政府信息公开工作年度报告"
    banner = _with_chrome(_report_body(), title="政府信息公开", before_body=f"<h1>政府信息公开年报</h1><div class='title'>{want}</div>")
    nested = _with_chrome(_report_body(), title="详细信息", before_body=(
        "<ul><li><div><p class='title'>某镇2021年政府信息公开工作年度报告</p></div></li></ul>" f"<div class='title'>{want}</div>"))
    prose = _with_chrome(_report_body().replace("<p>一、总体情况</p>", "<p>对照2022年政府信息公开工作年度报告</p><p>一、总体情况</p>"),
                         title="内容页", top=f"<table><tr><td><b>{want}</b></td></tr></table>", before_body="")
    for data in (banner, nested, prose):
        r = parse_report(data)
        assert (r.title, r.report_year) == (want, 2023)


def test_blank_tables_of_a_report_quoted_in_a_notice_title_are_kept() -> None:
    blank = {k: [""] * 7 for k in app_values()}
    ad = ad_table_2021({k: [""] * len(v) for k, v in AD.items()})
    tables = (ad, app_table(blank), rl_table([""] * 15))
    r = parse_report(page(*tables, title="关于印发《某镇2023年政府信息公开工作年度报告》的通知"))
    assert (r.status, len(r.cells)) == ("ok", 200)
    r = parse_report(page(*tables, title="2023年度政府信息公开工作年度报告编制说明"))
    assert (r.status, r.cells) == ("no_tables", [])


def test_region_printed_in_the_site_name_beats_the_county_gazetteer() -> None:
    data = _with_chrome(_report_body(), title="龙华区民政局2023年政府信息公开工作年度报告 - 深圳市龙华区人民政府",
                        before_body="<div>发布时间：2024-01-18</div>")
    assert parse_report(data).region == "广东省深圳市龙华区"
    data = _with_chrome(_report_body(), title="公主岭市教育局2023年政府信息公开工作年度报告 - 长春市人民政府",
                        before_body="<div>发布时间：2024-01-18</div>")
    assert parse_report(data).region == "吉林省长春市公主岭市"  # moved from 四平 in 2020


def test_table_four_parts_read_by_their_own_column_headers() -> None:
    def tr(*cells: str, span: int | None = None) -> str:
        return "<tr>" + "".join(td(c) if span is None else td(c, colspan=span) for c in cells) + "</tr>"

    res = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    review = "<table border=1>" + tr("行政复议", span=5) + tr("总计", *res[:4]) + tr("4", "2", "1", "0", "1") + "</table>"
    swapped = ("结果维持", "结果纠正", "尚未审结", "其他结果", "总计")
    suits = ("<table border=1>" + tr("行政诉讼", span=10) + tr("未经复议直接起诉", "复议后起诉", span=5)
             + tr(*res, *swapped) + tr(*"1 0 0 0 1 0 0 0 3 3".split()) + "</table>")
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), review + suits))
    got = {b: [r.value("review_litigation", b, c) for c in RL_COL_ORDER] for b in RL_ROW_ORDER}
    assert got == {"review": [2, 1, 0, 1, 4], "suit_direct": [1, 0, 0, 0, 1], "suit_after_review": [0, 0, 3, 0, 3]}
    assert r.status == "ok", r.status_reason


def test_a_number_spanning_two_rows_is_not_the_second_rows_value() -> None:
    vals = app_values()
    html = app_table(vals)
    rows = html.split("\n")
    i = next(j for j, line in enumerate(rows) if "2.没有现成信息需要另行制作" in line)
    cells = rows[i].split("</td>")
    cells[-2] = cells[-2].replace("<td>", '<td rowspan="2">', 1)  # its 总计 cell covers the next row
    rows[i] = "</td>".join(cells)
    nxt = rows[i + 1].split("</td>")
    rows[i + 1] = "</td>".join(nxt[:-2] + nxt[-1:])  # the next row prints no 总计 of its own
    r = parse_report(page(ad_table_2021(AD), "\n".join(rows), rl_table(RL_VALUES)))
    below = APP_ROW_ORDER["2021"][APP_ROW_ORDER["2021"].index("unavailable_needs_creation") + 1]
    assert r.cell("applications", below, "total") is None
    assert f"applications.{below}.total" in r.undetermined
    assert r.value("applications", "unavailable_needs_creation", "total") == float(vals["unavailable_needs_creation"][6])


def test_a_unit_printed_in_a_table_two_block_caption() -> None:
    ad = ad_table_2021(AD).replace("第二十条第（八）项", "第二十条第（八）项（单位：元）").replace(
        "本年收费金额（单位：万元）", "本年收费金额")
    assert "（单位：元）" in ad and "（单位：万元）" not in ad
    r = parse_report(page(ad, app_table(app_values()), rl_table(RL_VALUES)))
    fee = r.cell("active_disclosure", "fees", "amount_10k_yuan")
    assert fee is not None and fee.unit == "元"  # the caption's unit, not the template's 万元
    assert r.cell("active_disclosure", "licensing", "decisions").unit != "元"  # a count takes no money unit
