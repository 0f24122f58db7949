"""Idempotent, atomic and incremental writes; hive partitioning."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from test_output_sample import make_reports

from output import TABLES, load_tables, write_tables
from output import write as write_mod
from parsers.model import Cell


def _files(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def _by(reports, publisher, year):
    return next(r for r in reports if r.publisher == publisher and r.report_year == year)


def test_rerun_is_byte_identical_and_order_independent(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    res = write_tables(make_reports(), a, run_meta={"command": "nianbao export"})
    first = _files(a)
    write_tables(make_reports(), a, run_meta={"command": "nianbao export"})  # same dir again
    shuffled = make_reports()
    random.Random(1).shuffle(shuffled)
    write_tables(shuffled, b, run_meta={"command": "nianbao export"})
    assert _files(a) == first == _files(b)
    assert len(first) == 2 * len(TABLES) + 1
    assert sorted(p.name for p in res.paths) == sorted(first)
    assert res.rows["cells"] == 797 and res.n_reports == 5


def test_incremental_run_replaces_changed_reports_and_keeps_vanished_ones(tmp_path):
    reps = make_reports()
    tj22 = _by(reps, "天津市静海区人民政府", 2022)
    sh = _by(reps, "上海市人民政府办公厅", 2019)
    old = [r for r in reps if r.report_year != 2017]  # the 2017 report is not published yet
    write_tables(old, tmp_path)

    # next run: the site no longer lists Shanghai 2019; Tianjin 2022 was re-fetched and corrected;
    # the 2017 report appeared
    cells = [c._replace(value=1.0, value_raw="1") if (c.table, c.row_key, c.col_key) ==
             ("review_litigation", "review", "upheld") else c for c in tj22.cells]
    tj22_new = dataclasses.replace(tj22, fetched_at="2024-06-01T00:00:00Z", cells=cells)
    batch = [tj22_new if r is tj22 else r for r in reps if r is not sh]
    res = write_tables(batch, tmp_path, merge=True)
    assert res.n_reports == 5 and res.rows["cells"] == 797

    t = load_tables(tmp_path)
    rep = t["reports"].set_index("report_id")
    assert rep.index.is_unique and len(rep) == 5
    assert rep.loc[tj22.report_id, "fetched_at"] == pd.Timestamp("2024-06-01", tz="UTC")
    assert rep.loc[sh.report_id, "fetched_at"] == pd.Timestamp("2024-02-29 23:59:59", tz="UTC")  # kept as it was
    c = t["cells"]
    key = ["report_id", "table", "row_key", "col_key"]
    assert not c.duplicated(key).any()
    got = c[(c["report_id"] == tj22.report_id) & (c["row_key"] == "review") & (c["col_key"] == "upheld")]
    assert got["value"].tolist() == [1.0]
    assert len(c[c["report_id"] == sh.report_id]) == 22 + 161 + 15
    rl = t["review_litigation_wide"].set_index("report_id")
    assert rl.loc[tj22.report_id, "review_upheld"] == 1.0

    # the same data written in one go gives the same bytes
    full = tmp_path.parent / "full"
    write_tables([tj22_new if r is tj22 else r for r in reps], full)
    assert _files(full) == _files(tmp_path)
    # and merging the same batch again changes nothing
    before = _files(tmp_path)
    write_tables(batch, tmp_path, merge=True)
    assert _files(tmp_path) == before


def test_duplicates_in_one_batch_keep_the_newest_fetch(tmp_path):
    r = make_reports()[1]
    older = dataclasses.replace(r, fetched_at="2023-01-01T00:00:00Z", title="old title")
    write_tables([r, older, r], tmp_path)
    rep = load_tables(tmp_path, ["reports", "cells"])
    assert rep["reports"]["title"].tolist() == [r.title]
    assert len(rep["cells"]) == len(r.cells)


def test_merge_into_an_empty_directory_is_a_full_write(tmp_path):
    write_tables(make_reports(), tmp_path / "m", merge=True)
    write_tables(make_reports(), tmp_path / "f")
    assert _files(tmp_path / "m") == _files(tmp_path / "f")


def test_partitioned_layout_reads_back_the_same(tmp_path):
    flat, part = tmp_path / "flat", tmp_path / "part"
    write_tables(make_reports(), flat, formats=("parquet",))
    write_tables(make_reports(), part, formats=("parquet",), partition="year")
    # the image-only 2017 report has no cells, so cells has no 2017 partition
    assert sorted(p.name for p in (part / "cells").iterdir()) == [
        "report_year=2019", "report_year=2022", "report_year=2023", "report_year=__HIVE_DEFAULT_PARTITION__"]
    assert len(list((part / "reports").iterdir())) == 5
    a, b = load_tables(flat), load_tables(part)
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_categorical=False, obj=name)
    n = duckdb.sql(f"SELECT count(*), count(DISTINCT report_year) FROM read_parquet("
                   f"'{part}/cells/*/*.parquet', hive_partitioning = true)").fetchall()[0]
    assert n == (797, 3)  # the null partition is counted in rows, not as a distinct year
    lf = pl.scan_parquet(f"{part}/reports/**/*.parquet", hive_partitioning=True).collect()
    assert sorted(lf["report_year"].to_list(), key=lambda y: (y is None, y)) == [2017, 2019, 2022, 2023, None]


def test_a_partition_that_did_not_change_keeps_its_bytes(tmp_path):
    reps = make_reports()
    write_tables(reps, tmp_path, formats=("parquet",), partition="year")
    before = _files(tmp_path)
    tj23 = _by(reps, "天津市静海区人民政府", 2023)
    tj23.title = "新标题"
    write_tables([tj23], tmp_path, formats=("parquet",), partition="year", merge=True)
    after = _files(tmp_path)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["reports/report_year=2023/part-0.parquet"]  # the title lives only there


def test_switching_layout_removes_the_other_one(tmp_path):
    write_tables(make_reports(), tmp_path, formats=("parquet",), partition="year")
    assert (tmp_path / "cells").is_dir()
    write_tables(make_reports(), tmp_path, formats=("parquet",))
    assert not (tmp_path / "cells").exists() and (tmp_path / "cells.parquet").exists()
    write_tables(make_reports()[:2], tmp_path, formats=("parquet",), partition="year", merge=True)
    assert not (tmp_path / "cells.parquet").exists()
    assert len(load_tables(tmp_path, ["reports"])["reports"]) == 5


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    write_tables(make_reports(), tmp_path)
    before = _files(tmp_path)

    def boom(table, sink):
        sink.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(write_mod, "write_csv", boom)
    reps = make_reports()
    reps[0].title = "changed"
    with pytest.raises(OSError, match="disk full"):
        write_tables(reps, tmp_path)
    after = _files(tmp_path)
    assert not [n for n in after if ".tmp" in n]
    assert {n: v for n, v in after.items() if n.endswith(".csv")} == {
        n: v for n, v in before.items() if n.endswith(".csv")}


def test_reports_without_cells_and_an_empty_batch(tmp_path):
    res = write_tables([], tmp_path)
    assert res.rows == dict.fromkeys(TABLES, 0)
    t = load_tables(tmp_path)
    assert all(len(df) == 0 for df in t.values())
    assert list(t["cells"].columns) == TABLES["cells"].names


def test_unknown_keys_sort_after_the_template_and_stay_in_cells(tmp_path):
    r = make_reports()[1]
    extra = Cell("applications", "zz_extra_row", "total", 3.0, "3", "number", None, "附加行", "总计", "2021")
    r.cells = [extra, *r.cells]
    write_tables([r], tmp_path)
    c = load_tables(tmp_path, ["cells", "applications_wide"])
    assert c["cells"]["row_key"].astype(str).tolist()[-16] == "zz_extra_row"  # after carried_forward, before 四
    w = c["applications_wide"]
    extra_row = w[w["row_key"] == "zz_extra_row"].iloc[0]
    assert pd.isna(extra_row["row_no"]) and extra_row["total"] == 3.0
