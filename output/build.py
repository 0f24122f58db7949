"""From parsed records to typed, sorted Arrow tables, column by column.

The path has two steps so that real reports and the benchmark share it:

1. `batch_from_reports` turns `Report` objects into a `Batch`: plain columns (the Cell / Check /
   Section tuples transposed field by field) plus per-report row counts. The benchmark builds a
   `Batch` synthetically instead.
2. `build_base` turns a `Batch` into the four schema.md tables. `report_id` of the long tables is
   never materialised per row: it is a dictionary array whose indices are `np.repeat` of the
   report position. Sorting uses packed integer ranks (see `order.py`) and is skipped when the
   input already is in order, which it is when it comes from `batch_from_reports`.

No parsing happens here: values are typed (strings to dictionaries, ISO times to timestamps) and
ordered, never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from parsers.model import Cell, Check, GenericCell, Report, Section

from .order import COL_ORDER, ROW_ORDER, TABLE_ORDER, ranks
from .schema import TABLES, TS

CELL_FIELDS = Cell._fields
CHECK_FIELDS = Check._fields
SECTION_FIELDS = Section._fields
GRID_FIELDS = GenericCell._fields


@dataclass
class Batch:
    """Columns of a batch of reports. Long-table columns are concatenated over the reports, in
    report order; `*_counts[i]` rows belong to report i."""

    reports: dict[str, Any]
    cells: dict[str, Any]
    cell_counts: np.ndarray
    checks: dict[str, Any]
    check_counts: np.ndarray
    sections: dict[str, Any]
    section_counts: np.ndarray
    grids: dict[str, Any] = field(default_factory=dict)
    grid_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    duplicates: list[Duplicate] = field(default_factory=list)  # copies dropped for a shared report_id


# Report status, best read first (schema.md orders them worst first).
STATUS_RANK = {"ok": 4, "inconsistent": 3, "partial": 2, "no_tables": 1, "failed": 0}
_TABLELESS = ("failed", "no_tables")


class Duplicate(NamedTuple):
    """A copy of a report dropped because another copy with the same report_id was kept."""

    report_id: str
    kept: str  # `copy_label` of the kept copy
    dropped: str
    why: str  # which rule of `pick_copy` decided


def copy_label(r: Report, full: bool = False) -> str:
    """How a copy is named in messages: its file name, else its URL, else its content hash.

    >>> copy_label(Report("x", source_path="corpus/049.html", status="ok"))
    '049.html (ok, 0 cells)'
    >>> copy_label(Report("x", content_sha256="ab" * 32, fetched_at="2024-05-01T08:00:00Z", status="partial"))
    'sha256:abababababab (partial, 0 cells, fetched 2024-05-01T08:00:00Z)'
    """
    name = (r.source_path if full else Path(r.source_path).name) if r.source_path else \
        r.source_url or f"sha256:{r.content_sha256[:12]}"
    fetched = f", fetched {r.fetched_at}" if r.fetched_at else ""
    return f"{name} ({r.status}, {len(r.cells)} cells{fetched})"


def _read_key(r: Report) -> tuple:
    # how well a copy was read: status, then more cells, then fewer undetermined cells; the
    # content hash (then the parser version) only makes the choice deterministic
    return (STATUS_RANK.get(r.status, -1), len(r.cells), -len(r.undetermined), r.content_sha256, r.parser_version)


def pick_copy(versions: list[Report]) -> tuple[Report, list[Duplicate]]:
    """The copy of a report to keep when one batch holds several with the same report_id, and
    a `Duplicate` for every copy dropped.

    The rule, in order:

    1. When every copy has a `fetched_at`, the latest fetch (in UTC) wins: the same URL fetched twice
       with different bytes is a re-crawl of a changed page, and the newer bytes are the page as
       it is now (a corrected table may even read worse than the old one; it is still the report
       the publisher stands by). One exception, because statuses can differ a lot: a newer copy
       with no tables (`failed`, `no_tables`) never replaces an older copy that has them, since a
       page that turned into an error page, a login wall or a bare attachment link carries none
       of the report's numbers.
    2. Otherwise (some copy has no fetch time, as with files given to `extract`, or the times
       tie) the better-read copy wins: status ok > inconsistent > partial > no_tables > failed,
       then more cells, then fewer undetermined cells, then the larger content_sha256 (only for
       determinism: the same inputs always keep the same copy, whatever their order).

    >>> a = Report("id", source_path="002.txt", status="partial", content_sha256="f")
    >>> b = Report("id", source_path="049.html", status="ok", content_sha256="0")
    >>> kept, dropped = pick_copy([a, b])
    >>> kept.source_path, dropped[0].why
    ('049.html', 'better status')
    >>> old = Report("id", fetched_at="2024-01-01T00:00:00Z", status="ok", content_sha256="0")
    >>> new = Report("id", fetched_at="2025-01-01T00:00:00Z", status="partial", content_sha256="1")
    >>> gone = Report("id", fetched_at="2025-01-01T00:00:00Z", status="no_tables", content_sha256="2")
    >>> pick_copy([new, old])[0] is new, pick_copy([gone, old])[0] is old
    (True, True)
    """
    dated = all(r.fetched_at for r in versions)

    def key(r: Report) -> tuple:
        if dated:
            return (r.status not in _TABLELESS, utc_time(r.fetched_at), *_read_key(r))
        return _read_key(r)

    kept = max(versions, key=key)
    dropped = list(versions)
    dropped.remove(kept)  # by identity or equality: one copy is kept, every other one reported
    # copies whose files share a name ("in/a/x.html", "in/b/x.html") are named by their paths
    paths = [r.source_path for r in versions if r.source_path]
    full = len({Path(p).name for p in paths}) < len(paths)
    return kept, [Duplicate(kept.report_id, copy_label(kept, full), copy_label(r, full), _why(kept, r, dated))
                  for r in dropped]


def _why(kept: Report, other: Report, dated: bool) -> str:
    if dated and (kept.status in _TABLELESS) != (other.status in _TABLELESS):
        return "the other copy has no tables"
    if dated and utc_time(kept.fetched_at) != utc_time(other.fetched_at):
        return "newer fetch"
    a, b = _read_key(kept), _read_key(other)
    for i, why in enumerate(("better status", "more cells", "fewer undetermined cells")):
        if a[i] != b[i]:
            return why
    return "identical copy" if kept.content_sha256 == other.content_sha256 else "same reading; larger content_sha256"


def report_row(r: Report) -> dict[str, Any]:
    """The `reports` row: `Report.record()` plus the columns the exporters add."""
    rec = r.record()
    rec["source_path"] = r.source_path  # provenance the pipeline sets (the parser does no I/O)
    rec["undetermined_cells"] = "; ".join(f"{k}: {v}" for k, v in sorted(r.undetermined.items()))
    rec["table_templates"] = "; ".join(f"{k}={v}" for k, v in sorted(r.templates_by_table.items()))
    rec["n_attachments"] = len(r.attachments)
    rec["duplicate_of"] = None  # set across the batch by `batch_from_reports` (it needs the other reports)
    return rec


def _transpose(rows: list[tuple], fields: tuple[str, ...]) -> dict[str, Any]:
    # one C-level pass per field; measured 3-4x faster than zip(*rows) for a million rows
    return {f: list(map(itemgetter(i), rows)) for i, f in enumerate(fields)}


def batch_from_reports(reports: Iterable[Report]) -> Batch:
    """Transpose reports into columns, one report per id (sorted by report_id).

    Copies sharing a report_id are reduced to one by `pick_copy`; the dropped ones are listed in
    `Batch.duplicates` so that the caller can say so.
    """
    by_id: dict[str, list[Report]] = {}
    for r in reports:
        by_id.setdefault(r.report_id, []).append(r)
    reps = []
    duplicates: list[Duplicate] = []
    for k in sorted(by_id):
        kept, dropped = pick_copy(by_id[k]) if len(by_id[k]) > 1 else (by_id[k][0], [])
        reps.append(kept)
        duplicates += dropped
    rows = [report_row(r) for r in reps]
    dups = duplicate_of([r.report_id for r in reps], [r.source_url for r in reps], [r.content_sha256 for r in reps])
    for row, dup in zip(rows, dups, strict=True):
        row["duplicate_of"] = dup
    names = TABLES["reports"].names
    return Batch(
        reports={n: [row[n] for row in rows] for n in names},
        cells=_transpose(list(chain.from_iterable(r.cells for r in reps)), CELL_FIELDS),
        cell_counts=np.fromiter((len(r.cells) for r in reps), np.int64, len(reps)),
        checks=_transpose(list(chain.from_iterable(r.checks for r in reps)), CHECK_FIELDS),
        check_counts=np.fromiter((len(r.checks) for r in reps), np.int64, len(reps)),
        sections=_transpose(list(chain.from_iterable(r.sections for r in reps)), SECTION_FIELDS),
        section_counts=np.fromiter((len(r.sections) for r in reps), np.int64, len(reps)),
        # reports from an older parse cache have no grids
        grids=_transpose(list(chain.from_iterable(getattr(r, "grids", ()) for r in reps)), GRID_FIELDS),
        grid_counts=np.fromiter((len(getattr(r, "grids", ())) for r in reps), np.int64, len(reps)),
        duplicates=duplicates,
    )


# ---------------------------------------------------------------- typing
def _timestamps(values: Any) -> pa.Array:
    arr = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    if arr.type == TS:
        return arr
    try:
        return arr.cast(TS)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass

    return pa.array([utc_time(s) for s in arr.to_pylist()], TS)


def utc_time(s: str | None) -> datetime | None:
    """An ISO time as an aware UTC datetime; a naive time (no offset) is taken as UTC.

    >>> utc_time("2024-03-02T09:30:00+08:00") < utc_time("2024-03-02T08:00:00")
    True
    """
    if s is None or s == "":
        return None
    d = datetime.fromisoformat(s)
    return (d if d.tzinfo else d.replace(tzinfo=UTC)).astimezone(UTC)


def _dates(values: Any) -> pa.Array:
    arr = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    if arr.type == pa.date32():
        return arr
    try:
        return arr.cast(pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([date.fromisoformat(s[:10]) if s else None for s in arr.to_pylist()], pa.date32())


def combine(chunked: pa.ChunkedArray) -> pa.Array:
    """One array from a chunked one (dictionaries unified first, as chunks may differ)."""
    if chunked.num_chunks == 1:
        return chunked.chunk(0)
    if pa.types.is_dictionary(chunked.type):
        chunked = pa.table({"x": chunked}).unify_dictionaries()["x"]
    return chunked.combine_chunks()


def to_arrow(values: Any, typ: pa.DataType) -> pa.Array:
    """`values` (list, tuple, numpy or Arrow) as an Arrow array of the schema type `typ`."""
    if isinstance(values, pa.ChunkedArray):
        values = combine(values)
    if typ == TS:
        return _timestamps(values)
    if typ == pa.date32():
        return _dates(values)
    if pa.types.is_dictionary(typ):
        if not isinstance(values, pa.Array):
            values = pa.array(values, pa.string())
        if not pa.types.is_dictionary(values.type):
            values = values.cast(pa.string()).dictionary_encode()
        return values.cast(typ)
    if isinstance(values, pa.Array):
        return values.cast(typ)
    return pa.array(values, typ)


def canonical(arr: pa.Array) -> pa.Array:
    """A dictionary array re-encoded in first-occurrence order with no unused entries.

    The Parquet bytes depend on the dictionary, so every table passes through here: a table built
    in one go and one merged from two runs then come out identical.
    """
    if isinstance(arr, pa.ChunkedArray):
        arr = combine(arr)
    if not pa.types.is_dictionary(arr.type):
        return arr
    k = len(arr.dictionary)
    # Arrow's hash `unique` returns values in first-occurrence order: one pass, no sort
    keep = pc.unique(arr.indices).drop_null().to_numpy()
    if len(keep) == k and np.array_equal(keep, np.arange(k)):
        return arr
    remap = np.zeros(k, dtype=np.int32)
    remap[keep] = np.arange(len(keep), dtype=np.int32)
    idx, _ = codes(arr)
    nulls = np.asarray(arr.is_null()) if arr.null_count else None
    indices = pa.array(remap[np.maximum(idx, 0)], pa.int32(), mask=nulls)
    return pa.DictionaryArray.from_arrays(indices, arr.dictionary.take(pa.array(keep)))


def codes(arr: pa.Array) -> tuple[np.ndarray, list]:
    """(indices with -1 for null, as int32 without a copy, dictionary values) of a dictionary array."""
    ind = arr.indices.fill_null(-1) if arr.null_count else arr.indices
    idx = ind.to_numpy(zero_copy_only=False)
    return idx, arr.dictionary.to_pylist()


def finish(name: str, cols: dict[str, pa.Array], *, drop: tuple[str, ...] = ()) -> pa.Table:
    """Assemble a table in schema order with canonical dictionaries; check nulls and enums."""
    spec = TABLES[name]
    arrays = []
    for c in spec.columns:
        if c.name in drop:
            continue
        a = canonical(to_arrow(cols[c.name], c.type))
        if not c.nullable and a.null_count:
            raise ValueError(f"{name}.{c.name}: {a.null_count} nulls in a non-nullable column")
        if c.enum is not None:
            bad = set(a.dictionary.to_pylist()) - set(c.enum)
            if bad:
                raise ValueError(f"{name}.{c.name}: values outside the contract {sorted(bad)}")
        arrays.append(a)
    return pa.Table.from_arrays(arrays, schema=spec.arrow_schema(drop=drop))


def sort_by_report(name: str, table: pa.Table, sorted_ids: pa.Array | None = None) -> pa.Table:
    """`table` stably sorted by report_id (each report keeps its row order), canonically encoded.

    `sorted_ids`: all report ids in order (default: those of the table).
    """
    rid = combine(table["report_id"]) if table.num_rows else pa.array([], pa.string())
    if pa.types.is_dictionary(rid.type):
        idx, vals = codes(canonical(rid))
        values = pa.array(vals, pa.string())
    else:
        idx, values = None, rid
    if sorted_ids is None:
        uniq = pc.unique(values)
        sorted_ids = uniq.take(pc.sort_indices(uniq))
    rank = pc.index_in(values, sorted_ids).to_numpy(zero_copy_only=False).astype(np.int64)
    key = rank if idx is None else rank[idx]
    if len(key) > 1 and not bool(np.all(key[1:] >= key[:-1])):
        table = table.take(pa.array(np.argsort(key, kind="stable")))
    return finish(name, {n: table[n] for n in table.column_names})


# ---------------------------------------------------------------- the four tables
def _report_index(ids: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """(position of each input report in report_id order, the sorted ids); ids must be unique."""
    order = pc.sort_indices(ids).to_numpy()
    sorted_ids = ids.take(pa.array(order))
    if len(sorted_ids) > 1 and not pc.all(pc.not_equal(sorted_ids[1:], sorted_ids[:-1])).as_py():
        raise ValueError("duplicate report_id in one batch")
    pos = np.empty(len(order), dtype=np.int64)
    pos[order] = np.arange(len(order))
    return pos, sorted_ids


def _long(name: str, cols: dict[str, Any], counts: np.ndarray, pos: np.ndarray, sorted_ids: pa.Array,
          rank: Any = None) -> pa.Table:
    spec = TABLES[name]
    rep = np.repeat(pos, counts)
    out = {c.name: to_arrow(cols[c.name], c.type) for c in spec.columns if c.name in cols}
    if rank is not None:
        rank = rank(out)
    key = rep if rank is None else rep * (int(rank.max(initial=0)) + 1) + rank
    perm = None if len(key) < 2 or bool(np.all(key[1:] >= key[:-1])) else np.argsort(key, kind="stable")
    out["report_id"] = pa.DictionaryArray.from_arrays(pa.array(rep, pa.int32()), sorted_ids)
    if name == "checks":
        out["difference"] = pc.subtract(out["actual"], out["expected"])
    if perm is not None:
        take = pa.array(perm)
        out = {k: v.take(take) for k, v in out.items()}
    return finish(name, out)


def _cell_rank(out: dict[str, pa.Array]) -> np.ndarray:
    keys = []
    for col, order in (("table", TABLE_ORDER), ("row_key", ROW_ORDER), ("col_key", COL_ORDER)):
        idx, values = codes(out[col])
        lut = ranks(values, order)
        keys.append((lut[idx], len(order) + len(values)))  # lut is int64: no overflow below
    (t, _), (r, nr), (c, nc) = keys
    return (t * nr + r) * nc + c


def _section_rank(out: dict[str, pa.Array]) -> np.ndarray:
    s = out["section"].to_numpy(zero_copy_only=False).astype(np.int64)
    return s - s.min(initial=0)


def duplicate_of(ids: list[str], urls: list[str | None], shas: list[str]) -> list[str | None]:
    """For each report, the report_id of the report with the same bytes that counts (None if it
    counts itself): the smallest source_url (reports without one last), then the smallest id.

    >>> duplicate_of(["r1", "r2", "r3"], ["http://h/qzf/t1.html", "http://h/jz/t1.html", "http://h/x.html"],
    ...              ["aa", "aa", "bb"])
    ['r2', None, None]
    """
    first: dict[str, tuple[bool, str, str]] = {}
    for rid, url, sha in zip(ids, urls, shas, strict=True):
        key = (url is None, url or "", rid)
        if sha not in first or key < first[sha]:
            first[sha] = key
    return [None if first[sha][2] == rid else first[sha][2] for rid, sha in zip(ids, shas, strict=True)]


def flag_duplicates(reports: pa.Table) -> pa.Table:
    """`reports` with its `duplicate_of` column (re)computed over all its rows."""
    cols = {name: combine(reports[name]) for name in reports.column_names}
    cols["duplicate_of"] = pa.array(duplicate_of(cols["report_id"].to_pylist(), cols["source_url"].to_pylist(),
                                                 cols["content_sha256"].to_pylist()), pa.string())
    return finish("reports", cols)


def build_base(batch: Batch) -> dict[str, pa.Table]:
    """The four schema.md tables and `grids`, typed and sorted, from a `Batch`."""
    ids = to_arrow(batch.reports["report_id"], pa.string())
    pos, sorted_ids = _report_index(ids)
    take = pa.array(np.argsort(pos))
    columns = dict(batch.reports)
    if "duplicate_of" not in columns:  # same bytes under two URLs (domain.md §12 "duplicates")
        columns["duplicate_of"] = duplicate_of(ids.to_pylist(), to_arrow(columns["source_url"], pa.string()).to_pylist(),
                                               to_arrow(columns["content_sha256"], pa.string()).to_pylist())
    rep = {c.name: to_arrow(columns[c.name], c.type).take(take) for c in TABLES["reports"].columns}
    return {
        "reports": finish("reports", rep),
        "cells": _long("cells", batch.cells, batch.cell_counts, pos, sorted_ids, _cell_rank),
        "checks": _long("checks", batch.checks, batch.check_counts, pos, sorted_ids),
        "sections": _long("sections", batch.sections, batch.section_counts, pos, sorted_ids, _section_rank),
        "grids": _long("grids", batch.grids or dict.fromkeys(GRID_FIELDS, ()),
                       batch.grid_counts if len(batch.grid_counts) == len(pos) else np.zeros(len(pos), np.int64),
                       pos, sorted_ids),
    }
