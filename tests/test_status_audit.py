"""Status and identity checks against schema.md, on pages built from the template (our numbers):
a table 四 pasted as text is a table on the page, and a table whose cells could none be
determined still has its identity rows (unknown, not absent)."""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page

from parsers import parse_report

AD = {"规章": ["1", "0", "5"], "行政规范性文件": ["2", "1", "9"], "行政许可": ["3"], "行政处罚": ["4"],
      "行政强制": ["0"], "行政事业性收费": ["0"]}
RL_NAMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
RL_ROWS = ["行政复议 | 行政诉讼 |", " | ".join(RL_NAMES) + " | 未经复议直接起诉 | 复议后起诉 |",
           " | ".join(RL_NAMES * 3) + " |", " | ".join(RL_VALUES) + " |"]


def _rl(r) -> list[float | None]:
    return [c.value for c in r.cells if c.table == "review_litigation"]


def test_table_four_pasted_as_text_rows_beside_html_tables_is_read() -> None:
    # tables 二 and 三 are <table>s, table 四 was pasted as "a | b |" paragraphs: it is on the page,
    # so the report is not partial for a missing table 四
    rl_text = "".join(f"<p>{line}</p>" for line in RL_ROWS)
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), rl_text), None, filename="x.html")
    assert (r.status, r.status_reason) == ("ok", "")
    assert _rl(r) == [float(v) for v in RL_VALUES]


def test_prose_about_the_cases_is_not_read_as_table_four() -> None:
    prose = "<p>本年度行政复议结果维持2件、结果纠正1件、尚未审结1件，共4件；行政诉讼1件，尚未审结。</p>"
    r = parse_report(page(ad_table_2021(AD), app_table(app_values()), prose), None, filename="x.html")
    assert r.status == "partial" and r.status_reason == "missing table(s): review_litigation"
    assert _rl(r) == []


def test_a_text_page_with_table_four_alone_one_row_per_line_is_partial_not_no_tables() -> None:
    text = "\n".join(["某镇2023年政府信息公开工作年度报告", "一、总体情况", "本年依法公开政府信息。",
                      "四、政府信息公开行政复议、行政诉讼情况", *RL_ROWS, "五、存在的主要问题及改进情况", "无。"])
    r = parse_report(text.encode("utf-8"), None, filename="x.txt")
    assert r.status == "partial" and r.status_reason == "missing table(s): active_disclosure, applications"
    assert (r.table_form, _rl(r)) == ("row_per_line", [float(v) for v in RL_VALUES])


def test_an_html_page_with_table_four_alone_as_text_paragraphs_is_read_as_the_text_page_is() -> None:
    lines = ["一、总体情况", "本年依法公开政府信息。", "四、政府信息公开行政复议、行政诉讼情况", *RL_ROWS,
             "五、存在的主要问题及改进情况", "无。"]
    html = ("<html><head><meta charset='utf-8'><title>某镇2023年政府信息公开工作年度报告</title></head><body>"
            "<div class='TRS_Editor'>" + "".join(f"<p>{line}</p>" for line in lines) + "</div></body></html>")
    r = parse_report(html.encode("utf-8"), None, filename="x.html")
    assert r.status == "partial" and r.status_reason == "missing table(s): active_disclosure, applications"
    assert (r.table_form, _rl(r)) == ("row_per_line", [float(v) for v in RL_VALUES])
    # prose about the cases on such a page is no table
    prose = html.replace(" | ".join(RL_VALUES) + " |", "本年度行政复议2件，结果维持1件，尚未审结1件。")
    assert _rl(parse_report(prose.encode("utf-8"), None, filename="x.html")) == []


def test_a_table_whose_cells_are_all_undetermined_keeps_its_identity_rows_unknown() -> None:
    # table 四 printed as one glued run no reading of which meets 行政复议's total: every cell
    # undetermined. Its three identities are unknown in both modes, not missing from `checks`
    from test_glued import RL_HEADER, app_text

    text = "某镇2023年政府信息公开工作年度报告\n" + app_text({}) + RL_HEADER + "100100110" + "0" * 9
    r = parse_report(text.encode("utf-8"), None, filename="x.txt")
    assert r.status == "partial" and "15 cell(s) undetermined: review_litigation." in r.status_reason
    rl = [(c.check, c.mode, c.expected, c.actual, c.ok) for c in r.checks if c.check.startswith("review_litigation")]
    assert rl == [(f"review_litigation.total.{row}", mode, None, None, None)
                  for row in ("review", "suit_direct", "suit_after_review") for mode in ("strict", "lenient")]


def test_blank_operands_are_unknown_in_strict_mode_and_zero_in_lenient_mode() -> None:
    # 予以公开's 商业企业 left blank where 2 belongs: strict cannot tell (ok null, status ok),
    # lenient reads 0 and fails by 2; difference = actual - expected
    from output.build import batch_from_reports, build_base

    vals = app_values(granted=["7", "", "0", "0", "0", "0", "9"])
    r = parse_report(page(ad_table_2021(AD), app_table(vals), ""), None, filename="x.html")
    assert r.status == "partial" and r.status_reason == "missing table(s): review_litigation"
    rows = {(x["check"], x["mode"]): x for x in build_base(batch_from_reports([r]))["checks"].to_pylist()}
    got = [(x["expected"], x["actual"], x["ok"], x["difference"]) for x in
           (rows[("applications.results_total.commercial", m)] for m in ("strict", "lenient"))]
    assert got == [(3.0, None, None, None), (3.0, 1.0, False, -2.0)]
