"""Idempotent, atomic and incremental writes; hive partitioning."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
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
    # every table has a partition per report year: the image-only 2017 report has no cells, so
    # cells' 2017 partition is an empty file with the table's schema (grids: all empty)
    years = ["report_year=2017", "report_year=2019", "report_year=2022", "report_year=2023",
             "report_year=__HIVE_DEFAULT_PARTITION__"]
    for name in ("reports", "cells", "grids"):
        assert sorted(p.name for p in (part / name).iterdir()) == years, name
    assert pq.read_table(part / "cells" / "report_year=2017" / "part-0.parquet").num_rows == 0
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


def test_duplicates_without_fetch_times_keep_the_better_read_copy_and_say_so(tmp_path):
    # the same URL read from an HTML page (ok) and from a text dump of it (partial, fewer cells):
    # whatever the order and the hashes, the ok copy is written and the dropped one reported
    good = dataclasses.replace(make_reports()[1], fetched_at=None, source_path="in/049.html", content_sha256="0" * 64)
    worse = dataclasses.replace(good, status="partial", cells=good.cells[:-20], content_sha256="f" * 64,
                                source_path="in/002.txt", undetermined={"applications.granted.total": "glued"})
    for batch in ([good, worse], [worse, good]):
        res = write_tables(batch, tmp_path)
        rep = load_tables(tmp_path, ["reports", "cells"])
        assert rep["reports"]["status"].tolist() == ["ok"] and len(rep["cells"]) == len(good.cells)
        assert res.rows["reports"] == 1
        assert res.duplicates == [write_mod.Duplicate(
            good.report_id, f"049.html (ok, {len(good.cells)} cells)",
            f"002.txt (partial, {len(worse.cells)} cells)", "better status")]


def test_a_newer_fetch_without_tables_does_not_replace_an_older_report(tmp_path):
    r = make_reports()[1]
    gone = dataclasses.replace(r, fetched_at="2030-01-01T00:00:00Z", status="no_tables", cells=[], checks=[],
                               content_sha256="f" * 64)
    newer_partial = dataclasses.replace(r, fetched_at="2030-01-01T00:00:00Z", status="partial",
                                        cells=r.cells[:-5], content_sha256="e" * 64)
    res = write_tables([gone, r], tmp_path)
    assert load_tables(tmp_path, ["reports"])["reports"]["status"].tolist() == ["ok"]
    assert [d.why for d in res.duplicates] == ["the other copy has no tables"]
    # a newer fetch that still has tables is the page as it is now, even if it reads worse
    res = write_tables([r, newer_partial], tmp_path)
    assert load_tables(tmp_path, ["reports"])["reports"]["status"].tolist() == ["partial"]
    assert [d.why for d in res.duplicates] == ["newer fetch"]


def test_fetch_times_are_compared_as_times_not_strings(tmp_path):
    r = make_reports()[1]
    # 09:30+08:00 is 01:30 UTC, earlier than 08:00 UTC although it sorts later as a string
    east = dataclasses.replace(r, fetched_at="2024-03-02T09:30:00+08:00", title="east")
    utc = dataclasses.replace(r, fetched_at="2024-03-02T08:00:00Z", title="utc", content_sha256="0" * 64)
    write_tables([east, utc], tmp_path)
    assert load_tables(tmp_path, ["reports"])["reports"]["title"].tolist() == ["utc"]


def _changed_reports():
    reps = make_reports()[:3]
    reps[0].title = "changed"
    return reps


def test_a_crash_while_staging_leaves_the_whole_old_set(tmp_path, monkeypatch):
    write_tables(make_reports(), tmp_path)
    before = _files(tmp_path)
    calls, real = [], write_mod.write_csv

    def crash_on_the_third_csv(table, sink):
        calls.append(1)
        if len(calls) == 3:  # by now Parquet and CSV files of the new run are written
            raise RuntimeError("killed")
        real(table, sink)

    monkeypatch.setattr(write_mod, "write_csv", crash_on_the_third_csv)
    with pytest.raises(RuntimeError, match="killed"):
        write_tables(_changed_reports(), tmp_path)
    assert _files(tmp_path) == before  # every table, both formats, and datapackage.json
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_error_during_the_swap_puts_the_old_set_back(tmp_path, monkeypatch):
    write_tables(make_reports(), tmp_path)
    before = _files(tmp_path)
    real, n = write_mod.os.replace, []

    def flaky(src, dst):
        n.append(1)
        if len(n) == 9:
            raise OSError("device gone")
        real(src, dst)

    monkeypatch.setattr(write_mod.os, "replace", flaky)
    with pytest.raises(OSError, match="device gone"):
        write_tables(_changed_reports(), tmp_path)
    monkeypatch.setattr(write_mod.os, "replace", real)
    assert _files(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


KILL_MID_SWAP = """
import os, sys
sys.path.insert(0, {tests!r})
from test_output_sample import make_reports
from output import write as w
real, n = os.replace, []
def replace(src, dst):
    n.append(1)
    if len(n) == 7:
        os._exit(9)  # as a kill -9 in the middle of the pass of renames
    real(src, dst)
w.os.replace = replace
reps = make_reports()[:3]
reps[0].title = "changed"
w.write_tables(reps, {out!r})
"""


def test_a_run_killed_mid_swap_has_no_commit_marker_and_the_next_run_cleans_up(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "t"
    write_tables(make_reports(), out)
    (out / "notes.txt").write_text("mine")  # a user's file in the output directory
    (out / ".notes.txt.tmp1").write_text("mine too")
    script = KILL_MID_SWAP.format(tests=str(Path(__file__).parent), out=str(out))
    proc = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    assert proc.returncode == 9
    # the directory mixes two runs, and says so: no datapackage.json
    assert not (out / "datapackage.json").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".nianbao-stage.")]
    write_tables(make_reports(), out)
    assert (out / "datapackage.json").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".notes.txt.tmp1"]
    assert (out / "notes.txt").read_text() == "mine"
    t = load_tables(out)
    assert len(t["reports"]) == 5 and set(t["cells"]["report_id"]) <= set(t["reports"]["report_id"])


def test_stale_temporaries_of_dead_runs_are_swept_and_nothing_else(tmp_path):
    import os

    write_tables(make_reports(), tmp_path)
    dead = 99_999_999  # above any pid_max: no such process
    (tmp_path / f".nianbao-stage.{dead}").mkdir()
    (tmp_path / f".nianbao-stage.{dead}" / "cells.csv").write_text("half")
    (tmp_path / f".sections.csv.tmp{dead}").write_text("4 MB of an older version's crash")
    live = tmp_path / f".nianbao-stage.{os.getppid()}"  # another live writer's: not ours to remove
    live.mkdir()
    keep = [tmp_path / f".report.docx.tmp{dead}", tmp_path / ".nianbao-stage.x", tmp_path / "cells.xlsx"]
    for p in keep:
        p.write_text("the user's")
    write_tables(make_reports(), tmp_path)
    assert not (tmp_path / f".nianbao-stage.{dead}").exists()
    assert not (tmp_path / f".sections.csv.tmp{dead}").exists()
    assert live.is_dir() and all(p.read_text() == "the user's" for p in keep)


def test_a_format_no_longer_written_leaves_with_the_old_set(tmp_path):
    write_tables(make_reports(), tmp_path)
    write_tables(make_reports(), tmp_path, formats=("parquet",))
    assert not list(tmp_path.glob("*.csv"))
    assert len(list(tmp_path.glob("*.parquet"))) == len(TABLES)


def test_copies_with_the_same_file_name_are_named_by_their_paths(tmp_path):
    good = dataclasses.replace(make_reports()[1], fetched_at=None, source_path="in/a/049.html", content_sha256="0" * 64)
    worse = dataclasses.replace(good, status="partial", cells=good.cells[:-20], source_path="in/b/049.html",
                                content_sha256="f" * 64)
    res = write_tables([good, worse], tmp_path)
    assert [(d.kept.split(" ")[0], d.dropped.split(" ")[0]) for d in res.duplicates] == [
        ("in/a/049.html", "in/b/049.html")]
