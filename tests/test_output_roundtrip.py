"""Every table read back with pandas, pyarrow, polars and DuckDB gives the values of the reports."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from test_output_sample import make_reports

from output import TABLES, load_tables, write_tables
from parsers.templates import all_cell_keys


@pytest.fixture(scope="module")
def reports():
    return sorted(make_reports(), key=lambda r: r.report_id)


@pytest.fixture(scope="module")
def out(tmp_path_factory, reports):
    d = tmp_path_factory.mktemp("tables")
    write_tables(reports, d)
    return d


def _expected_cells(reports) -> list[tuple]:
    rows = []
    for r in reports:
        if not r.cells:
            continue
        pos = {k: i for i, k in enumerate(all_cell_keys(r.cells[0].template))}
        for c in sorted(r.cells, key=lambda c: pos[c.table, c.row_key, c.col_key]):
            rows.append((r.report_id, c.template, c.table, c.row_key, c.col_key, c.value, c.value_raw,
                         c.value_kind, c.unit, c.row_label, c.col_label))
    return rows


def _norm(rows) -> list[tuple]:
    """None for NaN/NA so that the readers' null conventions compare equal."""
    def one(v):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            return None
        return v.item() if isinstance(v, np.generic) else v
    return [tuple(one(v) for v in row) for row in rows]


def test_cells_in_every_reader(out, reports):
    want = _expected_cells(reports)
    assert len(want) == 797
    cols = TABLES["cells"].names
    via_pyarrow = list(zip(*pq.read_table(out / "cells.parquet").to_pydict().values(), strict=True))
    via_pandas = pd.read_parquet(out / "cells.parquet").astype(object).itertuples(index=False, name=None)
    via_polars = pl.read_parquet(out / "cells.parquet").rows()
    via_duckdb = duckdb.sql(f"SELECT {', '.join(map(duckdb_ident, cols))} "
                            f"FROM read_parquet('{out / 'cells.parquet'}')").fetchall()
    via_loader = load_tables(out, ["cells"])["cells"].astype(object).itertuples(index=False, name=None)
    for name, got in [("pyarrow", via_pyarrow), ("pandas", via_pandas), ("polars", via_polars),
                      ("duckdb", via_duckdb), ("load_tables", via_loader)]:
        assert _norm(got) == _norm(want), name


def duckdb_ident(c: str) -> str:
    return f'"{c}"'


def test_reports_values_and_types(out, reports):
    t = load_tables(out, ["reports"])["reports"].set_index("report_id")
    by_pub = {r.publisher + str(r.report_year): r.report_id for r in reports}
    tj23 = t.loc[by_pub["天津市静海区人民政府2023"]]
    assert tj23["fetched_at"] == pd.Timestamp("2024-03-02 01:30:00", tz="UTC")  # +08:00 converted
    assert tj23["published_date"] == pd.Timestamp("2024-01-20")
    assert (tj23["status"], tj23["n_cells"], tj23["n_attachments"]) == ("inconsistent", 200, 1)
    assert tj23["table_templates"] == "active_disclosure=2021; applications=2021; review_litigation=2021"
    pre = t.loc[by_pub["某县人民政府2017"]]
    assert pre["fetched_at"] == pd.Timestamp("2024-03-01 10:00:00", tz="UTC")  # naive read as UTC
    assert (pre["template"], pre["table_source"], pre["n_cells"], pre["warnings"]) == (
        "pre2019", "none", 0, "image only")
    town = t.loc[by_pub["某镇人民政府None"]]
    assert pd.isna(town["report_year"]) and pd.isna(town["fetched_at"]) and pd.isna(town["region"])
    assert town["undetermined_cells"] == "applications.granted.natural_person: glued digits: 1|23 or 12|3"
    assert (town["n_cells"], town["n_undetermined"]) == (199, 1)
    assert str(t["report_year"].dtype) == "Int16" and str(t["status"].dtype) == "category"
    assert list(t["status"].cat.categories) == ["failed", "no_tables", "partial", "inconsistent", "ok"]
    assert str(t["fetched_at"].dtype) == "datetime64[us, UTC]"


def test_checks_and_sections(out, reports):
    t = load_tables(out, ["checks", "sections"])
    chk = t["checks"]
    assert len(chk) == sum(len(r.checks) for r in reports) == 332
    assert str(chk["ok"].dtype) == "boolean"
    failing = chk[(chk["mode"] == "strict") & (chk["ok"] == False)]  # noqa: E712
    assert sorted(failing["check"].astype(str)) == ["applications.balance.total",
                                                    "applications.results_total.total",
                                                    "applications.row_total.results_total"]
    assert failing["difference"].tolist() == [874.0, 874.0, 874.0]
    # Shanghai's blank 总计 column: strict checks unknown (null ok), never False
    sh = next(r.report_id for r in reports if r.region == "上海市")
    row = chk[(chk["report_id"] == sh) & (chk["check"] == "applications.row_total.granted")]
    assert row["mode"].tolist() == ["strict", "lenient"]
    assert row["ok"].isna().tolist() == [True, False] and pd.isna(row["actual"].iloc[0])
    sec = t["sections"]
    assert len(sec) == 25 and str(sec["section"].dtype) == "Int8"
    assert sec.groupby("report_id", observed=True)["section"].apply(list).map(len).tolist() == [6, 6, 6, 6, 1]


def test_applications_wide_matches_cells(out, reports):
    t = load_tables(out, ["applications_wide", "cells"])
    w = t["applications_wide"]
    assert len(w) == 25 + 25 + 23 + 25
    c = t["cells"]
    c = c[c["table"] == "applications"]
    long = w.melt(id_vars=["report_id", "row_key"], value_vars=TABLES["applications_wide"].names[-7:],
                  var_name="col_key", value_name="value").dropna(subset=["value"])
    merged = long.astype({"report_id": str, "row_key": str}).merge(
        c.astype({"report_id": str, "row_key": str, "col_key": str}), on=["report_id", "row_key", "col_key"],
        suffixes=("_wide", "_cells"))
    assert len(merged) == len(long) == int(c["value"].notna().sum())
    assert (merged["value_wide"] == merged["value_cells"]).all()
    sh = next(r for r in reports if r.region == "上海市")
    rows = w[w["report_id"] == sh.report_id]
    other = rows[rows["row_key"] == "other_handling"].iloc[0]
    assert (other["row_no"], other["row_label"], other["template"]) == (21, "（六）其他处理", "2019")
    assert pd.isna(other["total"])  # blank in the source, not 0
    assert rows["row_no"].tolist() == list(range(1, 24))
    town = next(r for r in reports if r.publisher == "某镇人民政府")
    granted = w[(w["report_id"] == town.report_id) & (w["row_key"] == "granted")].iloc[0]
    assert pd.isna(granted["natural_person"]) and granted["total"] == town.value("applications", "granted", "total")


def test_review_litigation_and_active_disclosure_wide(out, reports):
    t = load_tables(out, ["review_litigation_wide", "active_disclosure_wide"])
    rl = t["review_litigation_wide"]
    assert len(rl) == 4 and list(rl.columns[5:8]) == ["review_upheld", "review_corrected", "review_other"]
    for r in reports:
        if not r.cells:
            continue
        row = rl[rl["report_id"] == r.report_id].iloc[0]
        assert row["suit_after_review_total"] == r.value("review_litigation", "suit_after_review", "total")
        assert row["publisher"] == r.publisher
    ad = t["active_disclosure_wide"]
    assert len(ad) == 6 + 6 + 8 + 6
    sh = next(r for r in reports if r.region == "上海市")
    proc = ad[(ad["report_id"] == sh.report_id) & (ad["row_key"] == "centralized_procurement")].iloc[0]
    assert (proc["procurement_amount"], proc["unit"], proc["row_no"]) == (251000.0, "元", 8)
    lic = ad[(ad["report_id"] == sh.report_id) & (ad["row_key"] == "licensing")].iloc[0]
    assert lic["change"] == 14.0 and pd.isna(lic["issued"])
    fees = ad[ad["row_key"] == "fees"]
    assert [None if pd.isna(u) else u for u in fees["unit"]] == ["万元", "万元", None, "万元"]


def test_csv_opens_with_utf8_sig_and_round_trips(out):
    raw = (out / "cells.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf\"report_id\"") and b"\r\n" not in raw
    assert not (out / "cells.csv").read_text(encoding="utf-8-sig").startswith("\ufeff")
    for name in TABLES:
        pq_df = pd.read_parquet(out / f"{name}.parquet")
        csv_df = pd.read_csv(out / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(csv_df.columns) == list(pq_df.columns), name
        assert len(csv_df) == len(pq_df), name
        for col in pq_df.columns:
            p = pq_df[col]
            c = csv_df[col]
            if pd.api.types.is_float_dtype(p) or pd.api.types.is_integer_dtype(p):
                got = pd.to_numeric(c.replace("", None)).astype("float64")
                assert np.allclose(got.fillna(-1e300), p.astype("float64").fillna(-1e300), rtol=0, atol=0), (name, col)
            elif pd.api.types.is_bool_dtype(p) or col == "ok":
                assert c.tolist() == [("" if pd.isna(v) else str(v).lower()) for v in p], (name, col)
            elif isinstance(p.dtype, pd.DatetimeTZDtype):
                back = pd.to_datetime(c.replace("", None), utc=True)
                assert back.equals(p.astype("datetime64[us, UTC]")) or (back == p).fillna(p.isna()).all(), col
            else:
                assert c.tolist() == ["" if pd.isna(v) else str(v).split(" ")[0] if col == "published_date"
                                      else str(v) for v in p], (name, col)


def test_csv_timestamps_are_iso_utc(out):
    text = (out / "reports.csv").read_text(encoding="utf-8-sig")
    assert ',"2024-03-02T01:30:00Z",' in text or ",2024-03-02T01:30:00Z," in text
    assert ",2024-01-20," in text


def test_duckdb_and_polars_on_wide_views(out):
    got = duckdb.sql(f"""
        SELECT publisher, report_year, sum(total) AS n FROM read_parquet('{out / "applications_wide.parquet"}')
        WHERE row_key = 'new_received' GROUP BY ALL ORDER BY report_year""").fetchall()
    pl_got = (pl.read_parquet(out / "applications_wide.parquet").filter(pl.col("row_key") == "new_received")
              .group_by("publisher", "report_year").agg(pl.col("total").sum()).sort("report_year", nulls_last=True).rows())
    assert got == [("上海市人民政府办公厅", 2019, 120.0), ("天津市静海区人民政府", 2022, 148.0),
                   ("天津市静海区人民政府", 2023, 124.0), ("某镇人民政府", None, 85.0)]
    assert [tuple(r) for r in pl_got] == got


def test_published_date_is_a_date(out):
    t = pq.read_table(out / "reports.parquet")
    assert t["published_date"].to_pylist()[0] == dt.date(2023, 1, 20)
