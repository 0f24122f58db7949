"""Three questions answered from the nianbao output tables, and one chart.

    python examples/analysis.py DATA_TABLES_DIR --out chart.png

1. Total applications by publisher and year: 本年新收政府信息公开申请数量 (row new_received),
   总计 column of table 三 (the sum of the applicant columns where 总计 is blank).
2. Share of refusals by reason: the eight 不予公开 rows (denied_*), summed over all reports
   (总计 column; where a report leaves 总计 blank, the sum of its six applicant columns).
3. Which reports fail an identity, and by how much: strict-mode checks that fail, with the
   difference between the printed total and the sum of its parts.

Each report counts once: the copies of a report republished under another URL (`duplicate_of`
set in `reports`) are left out of every answer.

The chart: applications per publisher and year (left), refusal reasons (right).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed; must come before pyplot
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from output import load_tables  # noqa: E402

SIX = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org"]


def counted(t: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """Table `name` without the rows of reports that are copies of another (`duplicate_of` set):
    the wide views carry no duplicate_of, so they are filtered through `reports`."""
    rep = t["reports"]
    copies = set(rep.loc[rep["duplicate_of"].notna(), "report_id"].astype(str))
    df = t[name]
    return df[~df["report_id"].astype(str).isin(copies)]


def row_totals(app: pd.DataFrame) -> pd.Series:
    """The 总计 column, or the sum of the six applicant columns where 总计 is blank."""
    return app["total"].fillna(app[SIX].sum(axis=1, min_count=1))


def applications_by_publisher_year(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    app = counted(t, "applications_wide")
    app = app[app["row_key"] == "new_received"].assign(n=row_totals)
    out = app.groupby(["publisher", "report_year"], observed=True)["n"].sum(min_count=1)
    return out.unstack("report_year").sort_index()


def refusal_shares(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    app = counted(t, "applications_wide")
    den = app[app["row_key"].astype(str).str.startswith("denied_")].assign(n=row_totals)
    out = den.groupby(["row_key", "row_label"], observed=True)["n"].sum().reset_index()
    out["share"] = out["n"] / out["n"].sum()
    return out.sort_values(["n", "row_key"], ascending=[False, True], ignore_index=True)


def failing_identities(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    chk = counted(t, "checks")
    bad = chk[(chk["mode"] == "strict") & (chk["ok"] == False)]  # noqa: E712 (nullable boolean)
    rep = t["reports"][["report_id", "publisher", "report_year", "status"]].astype({"report_id": "string"})
    bad = bad.astype({"report_id": "string"}).merge(rep, on="report_id", how="left")
    bad = bad.assign(abs_difference=bad["difference"].abs())
    cols = ["report_id", "publisher", "report_year", "check", "expected", "actual", "difference"]
    return bad.sort_values(["abs_difference", "report_id", "check"], ascending=[False, True, True])[cols]


CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")


def cjk_font() -> str | None:
    """A installed font that has Chinese glyphs, if any (headless machines often have none)."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in names), None)


def chart(by_year: pd.DataFrame, refusals: pd.DataFrame, out: Path) -> None:
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    else:  # without a Chinese font, label publishers P1, P2 … (the mapping is printed)
        alias = {p: f"P{i}" for i, p in enumerate(by_year.index, 1)}
        print("chart labels: " + ", ".join(f"{v} = {k}" for k, v in alias.items()))
        by_year = by_year.rename(index=alias)
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5))
    by_year.plot.barh(ax=a)
    a.set_title("Applications received, by publisher and year")
    a.set_xlabel("applications")
    a.set_ylabel("")
    # Latin keys on the axis: CJK fonts are not guaranteed on a headless machine
    b.barh(refusals["row_key"].astype(str), refusals["share"])
    b.invert_yaxis()
    b.set_title("Refusals by reason (share)")
    b.set_xlabel("share of refusals")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tables", type=Path, help="directory written by nianbao (write_tables)")
    ap.add_argument("--out", type=Path, required=True, help="PNG file to write")
    args = ap.parse_args(argv)
    t = load_tables(args.tables, ["reports", "checks", "applications_wide"])
    by_year = applications_by_publisher_year(t)
    refusals = refusal_shares(t)
    failing = failing_identities(t)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print("1. Applications received (本年新收, 总计) by publisher and year")
        print(by_year.to_string(na_rep="-", float_format="{:.0f}".format), end="\n\n")
        print("2. Share of refusals (不予公开) by reason")
        print(refusals.to_string(index=False, formatters={"n": "{:.0f}".format, "share": "{:.3f}".format}),
              end="\n\n")
        print(f"3. Failing identities (strict mode): {failing['report_id'].nunique()} report(s), "
              f"{len(failing)} check(s)")
        print(failing.to_string(index=False, float_format="{:g}".format))
    chart(by_year, refusals, args.out)
    print(f"\nchart: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
