"""Writing the tables: atomic files, typed Parquet, Excel-friendly CSV, incremental merges.

Layout of `out_dir`:

    reports.parquet  reports.csv  cells.parquet  cells.csv  ...  datapackage.json
    # with partition="year": cells/report_year=2021/part-0.parquet ... (CSV stays one file per table)

Every file is written to a temporary name in the same directory, fsynced and renamed over the
target, so a reader never sees half a file; `datapackage.json` is written last. A partitioned
table is written to a temporary directory that replaces the old one (two renames).

`merge=True` is the incremental mode: the existing Parquet tables are read, the rows of every
report in the new batch are replaced, reports absent from the batch are kept as they were (with
their last `fetched_at`), and everything is re-sorted. Because sorting and dictionary encoding
are canonical, merging B into a run of A gives the same bytes as one run of A+B.
"""

from __future__ import annotations

import os
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

from .build import Duplicate, batch_from_reports, build_base, codes, combine, finish, sort_by_report
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


# ---------------------------------------------------------------- atomic files
def atomic_write(path: Path, fill: Callable[[IO[bytes]], Any]) -> Path:
    """Write `path` via a temporary file in the same directory, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


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


def _write_partitioned(name: str, table: pa.Table, reports: pa.Table, target: Path) -> list[Path]:
    years = _years(name, table, reports)
    rep_years = reports[PARTITION_KEY].fill_null(-1).to_numpy().astype(np.int64)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    _remove(tmp)
    written = []
    drop = (PARTITION_KEY,) if PARTITION_KEY in table.column_names else ()
    try:
        for y in sorted(set(years.tolist())):
            part = table.filter(pa.array(years == y))
            # re-encoded on its own, so a partition's bytes do not depend on the other years
            part = finish(name, {n: part[n] for n in part.column_names}, drop=drop)
            sub = f"{PARTITION_KEY}={HIVE_NULL if y < 0 else y}"
            path = tmp / sub / "part-0.parquet"
            path.parent.mkdir(parents=True)
            meta = file_metadata(name, reports.filter(pa.array(rep_years == y)))
            with open(path, "wb") as f:
                write_parquet(part, f, meta, name)
                os.fsync(f.fileno())
            written.append(target / sub / "part-0.parquet")
        old = target.with_name(f".{target.name}.old{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(tmp, target)
        _remove(old)
    finally:
        _remove(tmp)
    return written


# ---------------------------------------------------------------- merge
def merge_tables(old: dict[str, pa.Table], new: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Rows of reports in `new` replace theirs in `old`; other old reports are kept."""
    new_ids = new["reports"]["report_id"]
    out = {}
    for name in BASE_TABLES:
        o = old[name]
        keep = pc.invert(pc.is_in(o["report_id"], value_set=new_ids))
        out[name] = pa.concat_tables([o.filter(keep), new[name]])
    ids = combine(out["reports"]["report_id"])
    sorted_ids = ids.take(pc.sort_indices(ids))
    # the sort is stable, so every report keeps its own (canonical) row order
    return {name: sort_by_report(name, t, sorted_ids) for name, t in out.items()}


# ---------------------------------------------------------------- entry points
def _write_one(name: str, fmt: str, table: pa.Table, reports: pa.Table, out_dir: Path,
               partition: str | None) -> tuple[list[Path], float]:
    t = time.perf_counter()
    if fmt == "csv":
        paths = [atomic_write(out_dir / f"{name}.csv", lambda f: write_csv(table, f))]
    elif partition:
        paths = _write_partitioned(name, table, reports, out_dir / name)
        _remove(out_dir / f"{name}.parquet")
    else:
        meta = file_metadata(name, reports)
        paths = [atomic_write(out_dir / f"{name}.parquet", lambda f: write_parquet(table, f, meta, name))]
        folder = out_dir / name
        if folder.is_dir() and any(folder.glob(f"{PARTITION_KEY}=*")):
            _remove(folder)  # a partitioned layout of an earlier run
    return paths, time.perf_counter() - t


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
    jobs: dict[tuple[str, str], Future] = {}
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        def submit(tables: dict[str, pa.Table]) -> None:
            for name, table in tables.items():
                for fmt in formats:
                    jobs[name, fmt] = pool.submit(_write_one, name, fmt, table, reports, out_dir, partition)

        submit(base)
        t = time.perf_counter()
        wide = build_wide(base)
        res.seconds["wide"] = time.perf_counter() - t
        submit(wide)
        tables = {**base, **wide}
        for name in TABLES:
            for fmt in formats:
                paths, secs = jobs[name, fmt].result()
                res.paths += paths
                res.seconds[fmt] = res.seconds.get(fmt, 0.0) + secs
    res.n_reports = reports.num_rows
    res.rows = {name: tables[name].num_rows for name in TABLES}
    text = datapackage(res.rows, formats, partition, reports, run_meta)
    res.paths.append(atomic_write(out_dir / "datapackage.json", lambda f: f.write(text.encode())))
    res.seconds["total"] = time.perf_counter() - t0
    return res


def write_tables(reports: Iterable[Report], out_dir: Path | str, *, partition: str | None = None,
                 formats: Iterable[str] = FORMATS, run_meta: dict[str, Any] | None = None,
                 merge: bool = False) -> WriteResult:
    """Write all output tables for `reports` into `out_dir` (see the module docstring).

    partition: None, or "year" for hive-partitioned Parquet (`<table>/report_year=2021/`).
    merge: keep the reports already in `out_dir` that are not in this batch (incremental run).
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
