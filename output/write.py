"""Writing the tables: atomic files, typed Parquet, Excel-friendly CSV, incremental merges.

Layout of `out_dir`:

    reports.parquet  reports.csv  cells.parquet  cells.csv  ...  datapackage.json
    # with partition="year": cells/report_year=2021/part-0.parquet ... (CSV stays one file per table)

A run replaces the previous run's files as one set, as far as a filesystem allows:

1. Stale leftovers of our own crashed runs are swept (`sweep_stale`): staging directories of
   processes that no longer run, and the `.NAME.tmpPID` files of earlier versions. Only names of
   ours are touched: the output directory may be a user's directory holding other files.
2. Every file of the run is written, fsynced, into the staging directory `.nianbao-stage.PID`
   inside `out_dir` (same filesystem, so the moves below are renames). A crash or an error here
   leaves the previous set untouched.
3. One quick pass of renames swaps the set in: the old `datapackage.json` is moved out first,
   then every table file (old ones moved into the staging directory), and the new
   `datapackage.json` last. **`datapackage.json` is the commit marker**: when it is present, the
   tables beside it are the set it describes; when it is missing, a run died during the pass (a
   few milliseconds of renames) and the directory may mix two runs, so run again. An exception
   during the pass moves everything back. Files of ours that the new set does not have (the
   other Parquet layout, a format no longer written) leave in the same pass.

`merge=True` is the incremental mode: the existing Parquet tables are read, the rows of every
report in the new batch are replaced (and those an earlier `extract` read from a file the batch
reads again: `_replaced_ids`), reports absent from the batch are kept as they were (with
their last `fetched_at`), and everything is re-sorted. Because sorting and dictionary encoding
are canonical, merging B into a run of A gives the same bytes as one run of A+B.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from parsers.model import Report

from .build import (
    Duplicate,
    batch_from_reports,
    build_base,
    codes,
    combine,
    finish,
    flag_duplicates,
    sort_by_report,
)
from .load import read_arrow
from .package import datapackage, file_metadata
from .schema import BASE_TABLES, PARTITION_KEY, TABLES, TS
from .wide import build_wide

FORMATS = ("parquet", "csv")
BOM = b"\xef\xbb\xbf"
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # what pyarrow, polars and DuckDB read back as null
CSV_BATCH = 500_000
ROW_GROUP = 1 << 20


@dataclass
class WriteResult:
    out_dir: Path
    paths: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    n_reports: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    # copies dropped because another copy had the same report_id (see build.pick_copy)
    duplicates: list[Duplicate] = field(default_factory=list)


# ---------------------------------------------------------------- files and the run's commit
STAGE_PREFIX = ".nianbao-stage."
MARKER = "datapackage.json"


def atomic_write(path: Path, fill: Callable[[IO[bytes]], Any]) -> Path:
    """Write `path` via a temporary file in the same directory, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        _write_file(tmp, fill)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_file(path: Path, fill: Callable[[IO[bytes]], Any]) -> Path:
    with open(path, "wb") as f:
        fill(f)
        f.flush()
        os.fsync(f.fileno())
    return path


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _fsync_dir(d: Path) -> None:
    # the renames themselves must reach the disk; not every platform can open a directory
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process (or cannot tell): leave its files alone
    return True


def our_entries() -> set[str]:
    """Top-level names a run may write in `out_dir` (files, and directories when partitioned)."""
    return {MARKER} | {f"{n}.{fmt}" for n in TABLES for fmt in FORMATS} | set(TABLES)


_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?:tmp|old)(?P<pid>\d+)$")


def sweep_stale(out_dir: Path) -> list[Path]:
    """Remove what crashed runs of ours left in `out_dir`; the paths removed.

    A staging directory `.nianbao-stage.PID` or a `.NAME.tmpPID` / `.NAME.oldPID` file whose NAME
    is one of ours, when the process PID no longer runs. Nothing else is touched.
    """
    removed = []
    ours = our_entries()
    for p in out_dir.iterdir() if out_dir.is_dir() else ():
        if p.name.startswith(STAGE_PREFIX) and p.name[len(STAGE_PREFIX):].isdigit():
            pid = int(p.name[len(STAGE_PREFIX):])
        elif (m := _LEFTOVER.match(p.name)) and m["name"] in ours:
            pid = int(m["pid"])
        else:
            continue
        if pid == os.getpid() or not _pid_alive(pid):
            _remove(p)
            removed.append(p)
    return removed


def _commit(stage: Path, out_dir: Path, entries: list[str], obsolete: list[str]) -> None:
    """Swap the staged `entries` into `out_dir` in one pass of renames, `datapackage.json` last;
    the old files of ours (and the `obsolete` ones) go into the staging directory. On an error the
    renames done are undone, so the old set is back."""
    trash = stage / ".old"
    trash.mkdir()
    done: list[tuple[Path, Path]] = []

    def move(src: Path, dst: Path) -> None:
        os.replace(src, dst)
        done.append((src, dst))

    try:
        if (out_dir / MARKER).exists():
            move(out_dir / MARKER, trash / MARKER)  # from here on the directory is uncommitted
        for e in entries:
            if e == MARKER:
                continue
            if (out_dir / e).exists() or (out_dir / e).is_symlink():
                move(out_dir / e, trash / e)
            move(stage / e, out_dir / e)
        for e in obsolete:
            if (out_dir / e).exists():
                move(out_dir / e, trash / e)
        _fsync_dir(out_dir)
        move(stage / MARKER, out_dir / MARKER)  # the commit point
    except BaseException:
        for src, dst in reversed(done):
            os.replace(dst, src)
        raise
    _fsync_dir(out_dir)


# ---------------------------------------------------------------- formats
def _slim(arr: pa.Array) -> pa.Array:
    """A dictionary array cut down to the dictionary range its indices use.

    Parquet stores the Arrow dictionary of every row group as is: the 100,000 report ids of the
    `cells.report_id` dictionary would be repeated in each row group. Rows are sorted by report,
    so a row group uses a narrow, contiguous range of a large dictionary.
    """
    if not pa.types.is_dictionary(arr.type) or len(arr.dictionary) <= 4096:
        return arr
    mm = pc.min_max(arr.indices).as_py()
    lo, hi = mm["min"], mm["max"]
    if lo is None or (lo == 0 and hi == len(arr.dictionary) - 1):
        return arr
    return pa.DictionaryArray.from_arrays(pc.subtract(arr.indices, pa.scalar(lo, arr.indices.type)),
                                          arr.dictionary.slice(lo, hi - lo + 1))


def write_parquet(table: pa.Table, sink: IO[bytes] | str, meta: dict[str, str], name: str | None = None) -> None:
    """zstd Parquet with the Arrow schema stored, row groups of 1 Mi rows.

    Statistics are written for keys, numbers and dates only: min/max of free text (value_raw,
    section text) cost more than the rest of the column and help no query.
    """
    schema = table.schema.with_metadata(meta)
    stats = TABLES[name].stats_columns() if name else True
    with pq.ParquetWriter(sink, schema, compression="zstd", use_dictionary=True, write_statistics=stats,
                          store_schema=True, write_batch_size=1 << 18) as writer:
        for off in range(0, max(table.num_rows, 1), ROW_GROUP):
            part = table.slice(off, ROW_GROUP)
            writer.write_table(pa.Table.from_arrays([_slim(c.combine_chunks()) for c in part.columns],
                                                    schema=schema), row_group_size=ROW_GROUP)


def _whole_seconds(col: pa.ChunkedArray | pa.Array) -> bool:
    micros = col.cast(pa.int64()).fill_null(0).to_numpy() if len(col) else np.zeros(0, np.int64)
    return not (micros % 1_000_000).any()


def _csv_ready(batch: pa.RecordBatch, whole: dict[str, bool]) -> pa.RecordBatch:
    """Dictionaries decoded, timestamps as ISO 8601 UTC ('2024-05-01T08:00:00Z')."""
    cols = []
    for name, col in zip(batch.schema.names, batch.columns, strict=True):
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        elif col.type == TS:  # microseconds only when some time of the table has them
            col = pc.strftime(col.cast(pa.timestamp("s", "UTC"), safe=False) if whole[name] else col,
                              format="%Y-%m-%dT%H:%M:%SZ")
        cols.append(col)
    return pa.RecordBatch.from_arrays(cols, names=batch.schema.names)


def write_csv(table: pa.Table, sink: IO[bytes]) -> None:
    """UTF-8 with BOM (Excel on a Chinese Windows then reads it as UTF-8), header, no index."""
    sink.write(BOM)
    whole = {f.name: _whole_seconds(table[f.name]) for f in table.schema if f.type == TS}
    writer = None
    for batch in table.to_batches(max_chunksize=CSV_BATCH) or [pa.RecordBatch.from_pylist([], table.schema)]:
        b = _csv_ready(batch, whole)
        if writer is None:
            writer = pacsv.CSVWriter(sink, b.schema)
        writer.write_batch(b)
    if writer is not None:
        writer.close()


# ---------------------------------------------------------------- partitioning
def _years(name: str, table: pa.Table, reports: pa.Table) -> np.ndarray:
    """report_year of every row (int, -1 for unknown)."""
    if PARTITION_KEY in table.column_names:
        return table[PARTITION_KEY].fill_null(-1).to_numpy().astype(np.int64)
    rid_idx, rid_vals = codes(table["report_id"].combine_chunks())
    pos = pc.index_in(pa.array(rid_vals, pa.string()), reports["report_id"]).to_numpy(zero_copy_only=False)
    years = reports[PARTITION_KEY].fill_null(-1).to_numpy().astype(np.int64)
    return years[pos.astype(np.int64)][rid_idx] if len(rid_idx) else np.zeros(0, np.int64)


def _write_partitioned(name: str, table: pa.Table, reports: pa.Table, folder: Path) -> list[Path]:
    """The hive-partitioned `folder` (in the staging directory); the files written, relative to it."""
    years = _years(name, table, reports)
    rep_years = reports[PARTITION_KEY].fill_null(-1).to_numpy().astype(np.int64)
    written = []
    drop = (PARTITION_KEY,) if PARTITION_KEY in table.column_names else ()
    folder.mkdir()
    # a partition for every report year, also where this table has no row (grids of a year
    # without pre-2019 reports): every table then reads back with its schema
    for y in sorted(set(years.tolist()) | set(rep_years.tolist())):
        part = table.filter(pa.array(years == y))
        # re-encoded on its own, so a partition's bytes do not depend on the other years
        part = finish(name, {n: part[n] for n in part.column_names}, drop=drop)
        sub = f"{PARTITION_KEY}={HIVE_NULL if y < 0 else y}"
        path = folder / sub / "part-0.parquet"
        path.parent.mkdir()
        meta = file_metadata(name, reports.filter(pa.array(rep_years == y)))
        _write_file(path, lambda f, part=part, meta=meta: write_parquet(part, f, meta, name))
        written.append(Path(sub, "part-0.parquet"))
    return written


# ---------------------------------------------------------------- merge
def _replaced_ids(old_reports: pa.Table, new_reports: pa.Table) -> pa.Array:
    """The report_ids of `old_reports` that the new batch replaces: its own ids, and the reports
    an earlier `extract` read from a file (`site` null) that the batch reads again from the same
    `source_path`. A file edited in place (a corrected number) keeps its path but, without a URL
    on the page, not its id (the id then comes from the bytes): its old reading must go, or the
    report would count twice."""
    new_ids = combine(new_reports["report_id"]).cast(pa.string())
    paths = pc.drop_null(combine(new_reports["source_path"]).cast(pa.string()))
    if not len(paths) or "source_path" not in old_reports.column_names:
        return new_ids
    from_file = pc.and_kleene(pc.is_null(combine(old_reports["site"])),
                              pc.is_in(combine(old_reports["source_path"]).cast(pa.string()), value_set=paths))
    same_file = combine(old_reports["report_id"]).cast(pa.string()).filter(pc.fill_null(from_file, False))
    return pc.unique(pa.concat_arrays([new_ids, same_file]))


def merge_tables(old: dict[str, pa.Table], new: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Rows of reports in `new` replace theirs in `old`, and so do the rows an earlier run read
    from a file the batch reads again (`_replaced_ids`); other old reports are kept."""
    replaced = _replaced_ids(old["reports"], new["reports"])
    out = {}
    for name in BASE_TABLES:
        o = old[name]
        if name == "reports" and "duplicate_of" not in o.column_names:  # written before the column existed
            o = o.add_column(o.column_names.index("content_sha256") + 1, "duplicate_of", pa.nulls(len(o), pa.string()))
        keep = pc.invert(pc.is_in(o["report_id"], value_set=replaced))
        out[name] = pa.concat_tables([o.filter(keep), new[name]])
    ids = combine(out["reports"]["report_id"])
    sorted_ids = ids.take(pc.sort_indices(ids))
    # the sort is stable, so every report keeps its own (canonical) row order
    merged = {name: sort_by_report(name, t, sorted_ids) for name, t in out.items()}
    merged["reports"] = flag_duplicates(merged["reports"])  # a copy may be in the old rows and the new
    return merged


# ---------------------------------------------------------------- entry points
def _write_one(name: str, fmt: str, table: pa.Table, reports: pa.Table, stage: Path,
               partition: str | None) -> tuple[str, list[Path], float]:
    """Write one table in one format into the staging directory: (its top-level entry, the files
    relative to the staging directory, seconds)."""
    t = time.perf_counter()
    if fmt == "csv":
        entry = f"{name}.csv"
        _write_file(stage / entry, lambda f: write_csv(table, f))
        files = [Path(entry)]
    elif partition:
        entry = name
        files = [Path(name, p) for p in _write_partitioned(name, table, reports, stage / name)]
    else:
        entry = f"{name}.parquet"
        meta = file_metadata(name, reports)
        _write_file(stage / entry, lambda f: write_parquet(table, f, meta, name))
        files = [Path(entry)]
    return entry, files, time.perf_counter() - t


def _obsolete(out_dir: Path, entries: list[str]) -> list[str]:
    """Files of ours in `out_dir` that the new set does not have: the other Parquet layout, or a
    format this run does not write (they would contradict the new set)."""
    out = []
    for name in TABLES:
        for e in (f"{name}.parquet", f"{name}.csv", name):
            p = out_dir / e
            if e in entries or not (p.exists() or p.is_symlink()):
                continue
            if e == name and not (p.is_dir() and any(p.glob(f"{PARTITION_KEY}=*"))):
                continue  # a directory named like a table but not a partitioned layout: not ours
            out.append(e)
    return out


def write_arrow_tables(base: dict[str, pa.Table], out_dir: Path | str, *, partition: str | None = None,
                       formats: Iterable[str] = FORMATS, run_meta: dict[str, Any] | None = None,
                       merge: bool = False, threads: int = 2) -> WriteResult:
    """Write the four base tables (as built by `build.build_base`) and their wide views.

    Files are encoded in `threads` worker threads (pyarrow releases the GIL), and the wide views
    are built while the base tables are being written.
    """
    out_dir = Path(out_dir)
    formats = tuple(formats)
    if bad := set(formats) - set(FORMATS):
        raise ValueError(f"unknown formats {sorted(bad)}")
    if partition not in (None, "year"):
        raise ValueError(f"partition must be None or 'year', not {partition!r}")
    res = WriteResult(out_dir)
    t0 = time.perf_counter()
    if merge:
        has_parquet = (out_dir / "reports.parquet").exists() or (out_dir / "reports").is_dir()
        if not has_parquet and (out_dir / "reports.csv").exists():
            raise ValueError("merge=True needs the Parquet tables of the previous run")
        if has_parquet:
            base = merge_tables(read_arrow(out_dir, BASE_TABLES), base)
    reports = base["reports"]
    res.seconds["build"] = time.perf_counter() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    sweep_stale(out_dir)
    stage = out_dir / f"{STAGE_PREFIX}{os.getpid()}"
    stage.mkdir()
    try:
        jobs: dict[tuple[str, str], Future] = {}
        entries: list[str] = []
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            def submit(tables: dict[str, pa.Table]) -> None:
                for name, table in tables.items():
                    for fmt in formats:
                        jobs[name, fmt] = pool.submit(_write_one, name, fmt, table, reports, stage, partition)

            submit(base)
            t = time.perf_counter()
            wide = build_wide(base)
            res.seconds["wide"] = time.perf_counter() - t
            submit(wide)
            tables = {**base, **wide}
            for name in TABLES:
                for fmt in formats:
                    entry, files, secs = jobs[name, fmt].result()
                    entries.append(entry)
                    res.paths += [out_dir / f for f in files]
                    res.seconds[fmt] = res.seconds.get(fmt, 0.0) + secs
        res.n_reports = reports.num_rows
        res.rows = {name: tables[name].num_rows for name in TABLES}
        text = datapackage(res.rows, formats, partition, reports, run_meta)
        _write_file(stage / MARKER, lambda f: f.write(text.encode()))
        res.paths.append(out_dir / MARKER)
        _commit(stage, out_dir, [*entries, MARKER], _obsolete(out_dir, entries))
    finally:
        _remove(stage)
    res.seconds["total"] = time.perf_counter() - t0
    return res


def write_tables(reports: Iterable[Report], out_dir: Path | str, *, partition: str | None = None,
                 formats: Iterable[str] = FORMATS, run_meta: dict[str, Any] | None = None,
                 merge: bool = False) -> WriteResult:
    """Write all output tables for `reports` into `out_dir` (see the module docstring).

    partition: None, or "year" for hive-partitioned Parquet (`<table>/report_year=2021/`).
    merge: keep the reports already in `out_dir` that are not in this batch and not read from one of
    its files (incremental run).
    run_meta: JSON-able facts about the run, stored in datapackage.json; keep it free of clocks if
    re-runs should be byte-identical.
    Several reports with one report_id are written once (`build.pick_copy` says which copy); the
    dropped copies are in `WriteResult.duplicates`, for the caller to report.
    """
    t0 = time.perf_counter()
    batch = batch_from_reports(reports)
    base = build_base(batch)
    built = time.perf_counter() - t0
    res = write_arrow_tables(base, out_dir, partition=partition, formats=formats, run_meta=run_meta,
                             merge=merge)
    res.duplicates = batch.duplicates
    res.seconds["build"] += built
    res.seconds["total"] += built
    return res
