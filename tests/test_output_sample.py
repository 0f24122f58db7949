"""Realistic `Report` objects for the exporter tests (no parser involved), and tests of the sample.

Five reports: two consistent-or-not 2021 reports of one district, a Shanghai-style 2019 report
with a blank 总计 column, an image-only pre-2019 report, and a partial 2021 report with no year.
Every template cell is there (175 applications cells for 2021, 161 for 2019), and the identity
checks are computed here the way schema.md defines them.
"""

from __future__ import annotations

import hashlib
import random

from parsers.model import Attachment, Cell, Check, Report, Section, make_report_id
from parsers.templates import (
    AD_LAYOUT,
    APP_COL_ORDER,
    APP_ROW_ORDER,
    RL_COL_ORDER,
    RL_ROW_ORDER,
    col_label,
    row_label,
)

SIX = APP_COL_ORDER[:6]
HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def _cell(template: str, table: str, row: str, col: str, value: float | None, raw: str | None = None,
          kind: str = "number", unit: str | None = None) -> Cell:
    if raw is None:
        raw = "" if value is None else f"{value:g}"
    return Cell(table, row, col, value, raw, kind, unit, row_label(table, row), col_label(table, col), template)


def _applications(template: str, rng: random.Random, blank_total: bool = False) -> dict[tuple[str, str], float]:
    """A balanced table 三: detail rows random, totals computed."""
    rows = APP_ROW_ORDER[template]
    detail = rows[2:rows.index("results_total")]
    v: dict[tuple[str, str], float] = {}
    for c in SIX:
        for r in detail:
            v[r, c] = float(rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13]) if c == "natural_person" else rng.choice([0, 0, 1]))
        v["results_total", c] = sum(v[r, c] for r in detail)
        v["carried_over", c] = float(rng.choice([0, 1, 2]))
        v["carried_forward", c] = float(rng.choice([0, 1]))
        v["new_received", c] = v["results_total", c] + v["carried_forward", c] - v["carried_over", c]
        if v["new_received", c] < 0:  # keep counts non-negative
            v["carried_over", c] += v["new_received", c]
            v["new_received", c] = 0.0
    for r in rows:
        v[r, "total"] = sum(v[r, c] for c in SIX)
    return v


def _checks(cells: list[Cell]) -> list[Check]:
    """The identities of schema.md in strict and lenient mode."""
    by = {(c.table, c.row_key, c.col_key): c for c in cells}

    def val(table: str, row: str, col: str, mode: str) -> float | None:
        c = by.get((table, row, col))
        if c is None:
            return None
        if c.value_kind == "number":
            return c.value
        return 0.0 if mode == "lenient" else None

    def total(keys: list[tuple[str, str, str]], mode: str) -> float | None:
        vals = [val(*k, mode) for k in keys]
        return None if any(x is None for x in vals) else float(sum(vals))

    out: list[Check] = []
    template = next((c.template for c in cells if c.table == "applications"), None)
    for mode in ("strict", "lenient"):
        if template:
            rows = APP_ROW_ORDER[template]
            results = list(rows[2:rows.index("results_total")])
            for c in APP_COL_ORDER:
                pairs = [
                    (f"applications.balance.{c}",
                     [("applications", r, c) for r in ("new_received", "carried_over")],
                     [("applications", r, c) for r in ("results_total", "carried_forward")]),
                    (f"applications.results_total.{c}", [("applications", r, c) for r in results],
                     [("applications", "results_total", c)]),
                ]
                for name, exp_keys, act_keys in pairs:
                    e, a = total(exp_keys, mode), total(act_keys, mode)
                    out.append(Check(name, mode, e, a, None if e is None or a is None else e == a))
            for r in rows:
                e, a = total([("applications", r, c) for c in SIX], mode), total([("applications", r, "total")], mode)
                out.append(Check(f"applications.row_total.{r}", mode, e, a, None if e is None or a is None else e == a))
        if any(c.table == "review_litigation" for c in cells):
            for r in RL_ROW_ORDER:
                e = total([("review_litigation", r, c) for c in RL_COL_ORDER[:4]], mode)
                a = total([("review_litigation", r, "total")], mode)
                out.append(Check(f"review_litigation.total.{r}", mode, e, a,
                                 None if e is None or a is None else e == a))
    return out


def _full_report(url: str, template: str, year: int | None, publisher: str, region: str | None, seed: int, *,
                 fetched_at: str = "2024-03-01T08:00:00Z", blank_total: bool = False,
                 tamper: dict[tuple[str, str], float] | None = None, drop: tuple[str, str] | None = None) -> Report:
    rng = random.Random(seed)
    cells: list[Cell] = []
    for row, cols in AD_LAYOUT[template].items():
        for col in cols:
            if col == "amount_10k_yuan":
                cells.append(_cell(template, "active_disclosure", row, col, 12.5, "12.5", unit="万元"))
            elif col == "procurement_amount":
                cells.append(_cell(template, "active_disclosure", row, col, 251000.0, "251000元", unit="元"))
            elif col == "change":
                cells.append(_cell(template, "active_disclosure", row, col, 14.0, "+14"))
            else:
                cells.append(_cell(template, "active_disclosure", row, col, float(rng.randint(0, 300))))
    app = _applications(template, rng)
    app.update(tamper or {})
    for row in APP_ROW_ORDER[template]:
        for col in APP_COL_ORDER:
            if blank_total and col == "total" and row not in ("new_received", "results_total"):
                cells.append(_cell(template, "applications", row, col, None, "", kind="blank"))
            else:
                cells.append(_cell(template, "applications", row, col, app[row, col]))
    for row in RL_ROW_ORDER:
        parts = [float(rng.choice([0, 0, 1, 2])) for _ in range(4)]
        for col, v in zip(RL_COL_ORDER, [*parts, sum(parts)], strict=True):
            cells.append(_cell(template, "review_litigation", row, col, v))
    undetermined = {}
    if drop:
        cells = [c for c in cells if (c.row_key, c.col_key) != drop or c.table != "applications"]
        undetermined[f"applications.{drop[0]}.{drop[1]}"] = "glued digits: 1|23 or 12|3"
    checks = _checks(cells)
    strict_fail = any(c.mode == "strict" and c.ok is False for c in checks)
    status = "partial" if undetermined else "inconsistent" if strict_fail else "ok"
    html = f"<html>{url}</html>".encode()
    sha = hashlib.sha256(html).hexdigest()
    return Report(
        report_id=make_report_id(url, sha), source_url=url, fetched_at=fetched_at, content_sha256=sha,
        site=url.split("/")[2], publisher=publisher, region=region, report_year=year,
        title=f"{publisher}{year or ''}年政府信息公开工作年度报告", published_date=f"{(year or 2023) + 1}-01-20",
        template=template, table_source="html", status=status,
        status_reason="" if status == "ok" else ("strict identity fails" if strict_fail else "undetermined cell"),
        encoding="utf-8", templates_by_table=dict.fromkeys(("active_disclosure", "applications", "review_litigation"),
                                                           template),
        cells=cells, checks=checks, undetermined=undetermined,
        sections=[Section(i, h, f"{h}正文，第{i}节。" + ("无。" if i == 6 else "")) for i, h in enumerate(HEADINGS, 1)],
        attachments=[Attachment(url.replace(".html", ".pdf"), "pdf", "")] if seed % 2 else [],
    )


def make_reports() -> list[Report]:
    """The five sample reports (in no particular order)."""
    jh = "https://www.tjjh.gov.cn/zwgk/ndbg/"
    return [
        _full_report(jh + "t2023.html", "2021", 2023, "天津市静海区人民政府", "天津市静海区", 3,
                     tamper={("results_total", "total"): 999.0}, fetched_at="2024-03-02T09:30:00+08:00"),
        _full_report(jh + "t2022.html", "2021", 2022, "天津市静海区人民政府", "天津市静海区", 2),
        _full_report("https://www.shanghai.gov.cn/nw12344/2019.html", "2019", 2019, "上海市人民政府办公厅",
                     "上海市", 1, blank_total=True, fetched_at="2024-02-29T23:59:59Z"),
        Report(report_id=make_report_id("https://zj.gov.cn/2017.html", "x"), source_url="https://zj.gov.cn/2017.html",
               fetched_at="2024-03-01T10:00:00", content_sha256="ab" * 32, site="zj.gov.cn", publisher="某县人民政府",
               region="浙江省某县", report_year=2017, title="某县2017年政府信息公开工作年度报告",
               published_date="2018-03-30", template="pre2019", table_source="none", status="no_tables",
               status_reason="report is an image", sections=[Section(1, "一、概述", "见附件。")],
               attachments=[Attachment("https://zj.gov.cn/2017.jpg", "image", "")], warnings=["image only"]),
        _full_report("http://xx.gov.cn/nb.html", "2021", None, "某镇人民政府", None, 5,
                     drop=("granted", "natural_person"), fetched_at=None),
    ]


# ---------------------------------------------------------------- tests of the sample itself
def test_sample_is_complete_and_checks_are_as_designed():
    reps = {r.publisher + str(r.report_year): r for r in make_reports()}
    ok = reps["天津市静海区人民政府2022"]
    assert sum(c.table == "applications" for c in ok.cells) == 175
    assert len(ok.cells) == 10 + 175 + 15 and ok.status == "ok"
    assert all(c.ok for c in ok.checks)
    bad = reps["天津市静海区人民政府2023"]
    assert bad.status == "inconsistent"
    assert {c.check for c in bad.checks if c.mode == "strict" and c.ok is False} == {
        "applications.balance.total", "applications.results_total.total", "applications.row_total.results_total"}
    sh = reps["上海市人民政府办公厅2019"]
    assert sum(c.table == "applications" for c in sh.cells) == 161 and sh.status == "ok"
    assert sh.value("applications", "granted", "total") is None
    assert reps["某镇人民政府None"].status == "partial"
