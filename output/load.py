"""Reading the tables back: Arrow tables for the incremental writer, pandas DataFrames for notebooks.

Both the single-file and the hive-partitioned layout are read, and both come back with exactly
the columns and types of `schema.TABLES`, in the canonical row order (partitioned files are read
year by year, so rows are put back in report_id order).

    from output import load_tables
    t = load_tables("data/tables")
    t["cells"].query("table == 'applications' and row_key == 'new_received'")

`load_tables` reads the Parquet only. For the CSVs, `csv_options(name)` gives the `pandas.read_csv`
arguments that read them back as written (docs/loading.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .build import sort_by_report
from .schema import ADDED_TABLES, PARTITION_KEY, TABLES

if TYPE_CHECKING:
    import pandas as pd


def _conform(name: str, table: pa.Table) -> pa.Table:
    """Columns and types of the current schema; missing nullable columns (older files) as nulls."""
    spec = TABLES[name]
    cols = []
    for c in spec.columns:
        if c.name in table.column_names:
            cols.append(table[c.name].cast(c.type))
        elif c.nullable:
            cols.append(pa.nulls(table.num_rows, c.type))
        else:
            raise ValueError(f"{name}: column {c.name!r} missing in the stored table")
    return pa.Table.from_arrays(cols, schema=spec.arrow_schema())


def read_table(out_dir: Path | str, name: str) -> pa.Table:
    """One output table as Arrow, from `<name>.parquet` or the partitioned `<name>/` directory."""
    out_dir = Path(out_dir)
    single, folder = out_dir / f"{name}.parquet", out_dir / name
    if single.exists():
        return _conform(name, pq.read_table(single))
    if not folder.is_dir():
        if name in ADDED_TABLES and ((out_dir / "reports.parquet").exists() or (out_dir / "reports").is_dir()):
            return TABLES[name].arrow_schema().empty_table()  # written before the table existed
        raise FileNotFoundError(f"no {name}.parquet or {name}/ in {out_dir}")
    part = ds.partitioning(pa.schema([(PARTITION_KEY, pa.int16())]), flavor="hive")
    files = sorted(str(p) for p in folder.glob(f"{PARTITION_KEY}=*/*.parquet"))
    if not files:  # a table with no rows (no pre-2019 report: no grids) has no partition
        return TABLES[name].arrow_schema().empty_table()
    table = ds.dataset(files, format="parquet", partitioning=part, partition_base_dir=str(folder)).to_table()
    # back to report_id order, as in the single file (a report's rows all sit in one partition)
    return sort_by_report(name, _conform(name, table))


def read_arrow(out_dir: Path | str, names: Iterable[str] | None = None) -> dict[str, pa.Table]:
    return {n: read_table(out_dir, n) for n in (names or TABLES)}


_PANDAS_INT = {8: "Int8", 16: "Int16", 32: "Int32", 64: "Int64"}


def csv_options(name: str) -> dict[str, Any]:
    """`pandas.read_csv` keyword arguments that read `<name>.csv` back as written.

    pandas' defaults lose information: an all-digit column (`cells.template`, a report_id such as
    `0994727937029397`) becomes an integer, and the empty string of a never-null column (a blank
    cell's `value_raw`) becomes NaN. So: every text column is read as `str`; the empty field is
    null only in the columns that may be null (the CSV writes "" and null alike for pandas);
    integers are pandas' nullable integers; `checks.ok` is `boolean`; `fetched_at` and
    `published_date` are parsed as datetimes (UTC for fetched_at).

    >>> o = csv_options("cells")
    >>> o["dtype"]["template"], o["dtype"]["value"], o["na_values"]["value_raw"], o["na_values"]["unit"]
    (<class 'str'>, 'float64', [], [''])
    """
    dtype: dict[str, Any] = {}
    dates = []
    for c in TABLES[name].columns:
        t = c.type.value_type if pa.types.is_dictionary(c.type) else c.type
        if pa.types.is_integer(t):
            dtype[c.name] = _PANDAS_INT[t.bit_width]
        elif pa.types.is_floating(t):
            dtype[c.name] = "float64"
        elif pa.types.is_boolean(t):
            dtype[c.name] = "boolean"
        else:
            dtype[c.name] = str
            if pa.types.is_timestamp(t) or pa.types.is_date(t):
                dates.append(c.name)
    return {"encoding": "utf-8-sig", "dtype": dtype, "keep_default_na": False,
            "na_values": {c.name: [""] if c.nullable else [] for c in TABLES[name].columns},
            "parse_dates": dates}


def load_tables(out_dir: Path | str, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """The output tables as pandas DataFrames.

    Keys and labels (report_id in the long tables, table, row_key, col_key, labels, publisher,
    region, status …) are `category`; the closed sets (status, template, value_kind, mode …) carry
    all their contract values as categories, in the contract's order, so they are stable across
    runs. Numbers are nullable where the data is: cells.value float64 with NaN, checks.ok
    `boolean`, report_year `Int16`; fetched_at is datetime64[us, UTC].
    """
    import pandas as pd

    out = {}
    for name, table in read_arrow(out_dir, tables).items():
        df = table.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype(), pa.int16(): pd.Int16Dtype(),
                                           pa.int8(): pd.Int8Dtype()}.get, date_as_object=False)
        for c in TABLES[name].columns:
            if c.enum is not None:
                extra = sorted(set(df[c.name].dropna().astype(str)) - set(c.enum))
                df[c.name] = df[c.name].astype(pd.CategoricalDtype([*c.enum, *extra]))
        out[name] = df
    return out
