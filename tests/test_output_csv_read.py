"""The CSVs read the documented way (docs/loading.md) give back what the Parquet holds, even with
all-digit report ids, a '2021' template and blank cells whose value_raw is the empty string."""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd
import polars as pl
import pytest
from test_output_sample import make_reports

from output import TABLES, csv_options, write_tables

# all-digit ids, one with leading zeros: pandas' default would read them as int64
DIGIT_IDS = ["0994727937029397", "1000000000000001", "2000000000000002", "3000000000000003", "4000000000000004"]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("csvread")
    reps = [dataclasses.replace(r, report_id=i) for r, i in zip(make_reports(), DIGIT_IDS, strict=True)]
    write_tables(reps, d)
    return d


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    # values as Python objects, every kind of null as None, dates as Timestamps
    df = df.copy()
    for c in df.columns:
        if isinstance(df[c].dtype, pd.CategoricalDtype):
            df[c] = df[c].astype(object)
    if "published_date" in df:
        df["published_date"] = pd.to_datetime(df["published_date"])
    return df.astype(object).where(df.notna(), None)


@pytest.mark.parametrize("name", list(TABLES))
def test_pandas_with_csv_options_reads_what_the_parquet_holds(out, name):
    csv = pd.read_csv(out / f"{name}.csv", **csv_options(name))
    parquet = pd.read_parquet(out / f"{name}.parquet")
    assert list(csv.columns) == list(parquet.columns)
    pd.testing.assert_frame_equal(_plain(csv), _plain(parquet), obj=name)


def test_the_facts_the_default_readers_lose(out):
    cells = pd.read_csv(out / "cells.csv", **csv_options("cells"))
    assert "0994727937029397" in set(cells["report_id"])
    assert set(cells["template"]) == {"2021", "2019"}
    blanks = cells[cells["value_kind"] == "blank"]
    assert len(blanks) > 0 and (blanks["value_raw"] == "").all()
    assert cells["unit"].isna().any() and cells["value"].isna().any()  # nulls stay null
    reports = pd.read_csv(out / "reports.csv", **csv_options("reports"))
    assert (reports.loc[reports["status"] == "ok", "status_reason"] == "").all()
    assert reports["report_year"].isna().sum() == 1 and str(reports["report_year"].dtype) == "Int16"


def test_polars_and_duckdb_as_documented(out):
    p = out / "cells.csv"
    cells = pl.read_csv(p, schema_overrides={"report_id": pl.String, "template": pl.String,
                                             "value_raw": pl.String, "value": pl.Float64})
    blank = cells.filter(pl.col("value_kind") == "blank")
    assert blank.height > 0 and blank["value_raw"].to_list() == [""] * blank.height
    assert "0994727937029397" in cells["report_id"].to_list() and cells["template"].dtype == pl.String
    got = duckdb.sql(f"SELECT count(*) FILTER (WHERE value_raw = ''), count(*) FILTER (WHERE value_raw IS NULL), "
                     f"min(report_id), min(template) FROM read_csv('{p}', allow_quoted_nulls = false, "
                     "types = {'report_id': 'VARCHAR', 'template': 'VARCHAR', 'value_raw': 'VARCHAR'})").fetchall()[0]
    assert got == (blank.height, 0, "0994727937029397", "2019")
