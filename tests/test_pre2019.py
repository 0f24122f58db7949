"""Pre-2019 reports: their statistics tables kept as generic grids, their parts placed by topic.

The page is our own, shaped like the 2014–2018 "政府信息公开情况统计表" reports (domain.md §7).
"""

from __future__ import annotations

from html_builders import RL_VALUES, app_table, app_values, page, rl_table

from parsers import parse_report

_OLD = """<html><head><meta charset="utf-8"><title>某县2017年政府信息公开工作年度报告</title></head><body>
<div class="TRS_Editor">
<p>一、概述</p><p>2017年，我县继续推进政府信息公开。</p>
<p>二、主动公开政府信息情况</p><p>全年主动公开信息1,205条。</p>
<p>三、政府信息依申请公开工作情况</p><p>全年受理申请6件。</p>
<p>四、政府信息公开的收费及减免情况</p><p>未收取费用。</p>
<p>五、因政府信息公开申请行政复议、提起行政诉讼的情况</p><p>无。</p>
<p>六、主要问题和改进措施</p><p>公开质量有待提高。</p>
<p>七、政府信息公开情况统计表</p>
<table border="1"><tr><td>指标名称</td><td>计量单位</td><td>2017年度</td></tr>
<tr><td>主动公开文件数</td><td>条</td><td>1,205</td></tr>
<tr><td rowspan="2">依申请公开</td><td>件</td><td>6</td></tr>
<tr><td>万元</td><td>/</td></tr></table>
</div></body></html>"""


def test_a_pre2019_statistics_table_is_kept_as_a_generic_grid() -> None:
    r = parse_report(_OLD.encode())
    assert (r.template, r.status, r.cells) == ("pre2019", "no_tables", [])
    got = [(g.table_index, g.row, g.col, g.rowspan, g.colspan, g.text, g.value, g.value_kind) for g in r.grids]
    assert got == [
        (0, 0, 0, 1, 1, "指标名称", None, "text"), (0, 0, 1, 1, 1, "计量单位", None, "text"),
        (0, 0, 2, 1, 1, "2017年度", None, "text"),
        (0, 1, 0, 1, 1, "主动公开文件数", None, "text"), (0, 1, 1, 1, 1, "条", None, "text"),
        (0, 1, 2, 1, 1, "1,205", 1205.0, "number"),
        (0, 2, 0, 2, 1, "依申请公开", None, "text"), (0, 2, 1, 1, 1, "件", None, "text"),
        (0, 2, 2, 1, 1, "6", 6.0, "number"),
        (0, 3, 1, 1, 1, "万元", None, "text"), (0, 3, 2, 1, 1, "/", None, "na"),
    ]
    assert r.frames()["grids"]["text"].tolist()[:3] == ["指标名称", "计量单位", "2017年度"]


def test_pre2019_parts_are_placed_by_topic_not_by_numeral() -> None:
    r = parse_report(_OLD.encode())
    assert [(s.section, s.heading) for s in r.sections] == [
        (1, "一、概述"), (2, "二、主动公开政府信息情况"), (3, "三、政府信息依申请公开工作情况"),
        (4, "五、因政府信息公开申请行政复议、提起行政诉讼的情况"), (5, "六、主要问题和改进措施"),
    ]
    assert r.sections[2].text.startswith("全年受理申请6件。\n四、政府信息公开的收费及减免情况")  # fees stay in 三


def test_template_reports_keep_no_generic_grid() -> None:
    r = parse_report(page(app_table(app_values()), rl_table(RL_VALUES)))
    assert r.template == "2021" and r.grids == []


def test_generic_grids_are_written_and_an_older_result_directory_without_them_still_merges(tmp_path) -> None:
    import pyarrow.parquet as pq

    from output import write_tables

    old = parse_report(_OLD.encode(), "http://x.gov.cn/nb/201802/t20180201_1.html")
    new = parse_report(page(app_table(app_values()), rl_table(RL_VALUES)), "http://x.gov.cn/nb/202401/t20240120_2.html")
    write_tables([old, new], tmp_path, formats=("parquet", "csv"))
    grids = pq.read_table(tmp_path / "grids.parquet").to_pylist()
    assert len(grids) == 11 and {g["report_id"] for g in grids} == {old.report_id}
    assert (grids[5]["text"], grids[5]["value"], grids[5]["value_kind"]) == ("1,205", 1205.0, "number")
    assert (tmp_path / "grids.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith('"report_id","table_index"')
    # a directory written before grids existed: the incremental merge reads it as empty
    (tmp_path / "grids.parquet").unlink()
    write_tables([new], tmp_path, formats=("parquet",), merge=True)
    assert pq.read_table(tmp_path / "grids.parquet").num_rows == 0  # the old report's grids were never stored
    assert pq.read_table(tmp_path / "reports.parquet").num_rows == 2
