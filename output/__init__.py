"""Exporters: typed Parquet, Excel-friendly CSV, wide views, data dictionary, notebook loader.

    from output import write_tables, load_tables
    write_tables(reports, Path("data/tables"))            # full run
    write_tables(new_reports, Path("data/tables"), merge=True)   # incremental run
    tables = load_tables("data/tables")                   # dict of pandas DataFrames

The single source of truth for every table and column is `output.schema.TABLES`.
"""

from .build import Duplicate, pick_copy
from .load import csv_options, load_tables, read_arrow, read_table
from .schema import SCHEMA_VERSION, TABLES, arrow_schema
from .write import WriteResult, write_arrow_tables, write_tables

__all__ = ["SCHEMA_VERSION", "TABLES", "Duplicate", "WriteResult", "arrow_schema", "csv_options", "load_tables", "pick_copy",
           "read_arrow", "read_table", "write_arrow_tables", "write_tables"]
