"""Status rules that run before the identities, and the identities' arithmetic at extreme sizes.

Pages are our own, built with `html_builders` after the template layouts.
"""

from __future__ import annotations

from html_builders import RL_VALUES, ad_table_2021, app_table, app_values, page, rl_table

from parsers import parse_report
from parsers.checks import identity_checks
from parsers.model import Cell

AD = {"规章": ["0", "0", "2"], "行政规范性文件": ["3", "1", "17"], "行政许可": ["640"],
      "行政处罚": ["52"], "行政强制": ["0"], "行政事业性收费": ["8.5"]}


def test_template_tables_are_kept_when_the_year_reads_before_2019() -> None:
    # table 三 printed as an image; tables 二 and 四 are the template's own: labels decide, not the year
    r = parse_report(page(ad_table_2021(AD), rl_table(RL_VALUES), title="某镇2018年政府信息公开工作年度报告"))
    assert r.report_year == 2018
    assert r.value("active_disclosure", "licensing", "decisions") == 640
    assert r.value("review_litigation", "review", "total") == float(RL_VALUES[4])
    assert (r.status, r.template) == ("partial", "2021")
    assert any("check the year" in w for w in r.warnings)


def test_a_blank_form_is_a_report_when_its_notice_names_a_year() -> None:
    slash = {k: ["/"] * 7 for k in app_values()}
    tables = (ad_table_2021({k: ["/"] * len(v) for k, v in AD.items()}), app_table(slash), rl_table(["/"] * 15))
    r = parse_report(page(*tables, title="某镇人民政府关于2022年政府信息公开工作年度报告的通知"))
    assert r.status == "ok" and len(r.cells) == 200
    assert {c.value_kind for c in r.cells} == {"na"}
    r = parse_report(page(*tables, title="某镇2022年政府信息公开工作年度报告格式"))
    assert (r.status, r.cells) == ("no_tables", [])
    assert "reposted blank form" in r.status_reason


def _review(values: tuple[float, ...]) -> list[Cell]:
    keys = ("upheld", "corrected", "other", "pending", "total")
    return [Cell("review_litigation", "review", k, v, str(v), "number", None, "", "", "2021") for k, v in zip(keys, values)]


def test_identity_sums_are_exact_and_compared_relative_to_their_size() -> None:
    def ok(values: tuple[float, ...]) -> bool | None:
        return identity_checks(_review(values), {})[0].ok

    assert ok((1000000000000.1, 0.2, 0, 0, 1000000000000.3)) is True  # float sum order would fail it
    assert ok((0.1, 0.2, 0, 0, 0.3)) is True
    assert ok((0.0000001, 0, 0, 0, 0)) is False  # a tenth of a millionth is still not zero
    assert ok((5949.088667, 0, 0, 0, 5949.088668)) is False


def test_a_notice_about_the_work_carrying_the_blank_form_is_not_a_report() -> None:
    slash = {k: ["/"] * 7 for k in app_values()}
    tables = (ad_table_2021({k: ["/"] * len(v) for k, v in AD.items()}), app_table(slash), rl_table(["/"] * 15))
    title = "示例市人民政府办公室关于做好2023年度政府信息公开工作年度报告编制和发布工作的通知"
    r = parse_report(page(*tables, title=title))
    assert (r.status, r.cells, r.publisher) == ("no_tables", [], "示例市人民政府办公室")


def test_a_pdf_only_report_is_a_report_without_tables_whatever_its_title_wording() -> None:
    html = ("<html><head><meta charset='utf-8'><title>示例局2023年信息公开工作年度报告</title></head><body>"
            "<h1>示例局2023年信息公开工作年度报告</h1><div class='TRS_Editor'><p>详见附件。</p>"
            "<p><a href='/nb/P020240118.pdf'>示例局2023年信息公开工作年度报告.pdf</a></p></div></body></html>")
    r = parse_report(html.encode(), "http://x.gov.cn/nb/202401/t20240118_1.html")
    assert r.status == "no_tables" and r.status_reason.startswith("no template table in the page (1 attachment(s)")
