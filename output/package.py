"""File-level metadata and the Frictionless `datapackage.json`, both derived from `schema.TABLES`.

Nothing here may depend on the clock or the machine: the metadata only says what the data is
(schema version, parser versions, number of source reports, newest fetch time among them), so a
re-run on the same records writes the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .schema import PARTITION_KEY, SCHEMA_VERSION, TABLES, TS, Col

META_PREFIX = "nianbao."


def file_metadata(name: str, reports: pa.Table) -> dict[str, str]:
    """Key/value metadata for a file of table `name` holding the rows of `reports`.

    >>> import pyarrow as pa, datetime as dt
    >>> t = pa.table({"parser_version": ["0.3.0", "0.2.9"],
    ...               "fetched_at": pa.array([dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC), None],
    ...                                      pa.timestamp("us", "UTC"))})
    >>> file_metadata("cells", t)["nianbao.max_fetched_at"]
    '2024-05-01T08:00:00Z'
    """
    newest = pc.max(reports["fetched_at"]).as_py() if reports.num_rows else None
    versions = sorted({v for v in reports["parser_version"].to_pylist() if v is not None})
    return {
        META_PREFIX + "table": name,
        META_PREFIX + "schema_version": SCHEMA_VERSION,
        META_PREFIX + "parser_versions": ",".join(versions),
        META_PREFIX + "n_reports": str(reports.num_rows),
        META_PREFIX + "max_fetched_at": "" if newest is None else iso_utc(newest),
    }


def iso_utc(ts: Any) -> str:
    s = ts.strftime("%Y-%m-%dT%H:%M:%S")
    return s + (f".{ts.microsecond:06d}Z" if ts.microsecond else "Z")


EMPTY_NOTE = (" Never null, but may be the empty string; in the CSV that is an empty field, which in this "
              "column means the empty string, not null.")

_FRICTIONLESS = {"string": "string", "int": "integer", "uint": "integer", "double": "number", "float": "number",
                 "bool": "boolean", "date32[day]": "date"}


def frictionless_field(c: Col) -> dict[str, Any]:
    t = c.type.value_type if pa.types.is_dictionary(c.type) else c.type
    if t == TS:
        ftype, fmt = "datetime", "any"  # 2024-05-01T08:00:00Z, with microseconds when there are any
    else:
        key = str(t)
        ftype = _FRICTIONLESS.get(key) or _FRICTIONLESS[key.rstrip("0123456789")]
        fmt = None
    f: dict[str, Any] = {"name": c.name, "type": ftype}
    if fmt:
        f["format"] = fmt
    f["title"] = c.label
    f["description"] = c.description + (EMPTY_NOTE if c.may_be_empty else "")
    f["arrowType"] = str(c.type)
    if c.unit:
        f["unit"] = c.unit
    cons: dict[str, Any] = {}
    if not c.nullable and not c.may_be_empty:
        # a column that may hold "" cannot be required: "" is the missing value of the CSV
        cons["required"] = True
    if c.enum:
        cons["enum"] = list(c.enum)
    if cons:
        f["constraints"] = cons
    return f


def datapackage(rows: dict[str, int], formats: tuple[str, ...], partition: str | None,
                reports: pa.Table, run_meta: dict[str, Any] | None) -> str:
    """The `datapackage.json` text (sorted keys are not used: the order follows the schema)."""
    meta = file_metadata("*", reports)
    resources = []
    for name, n in rows.items():
        spec = TABLES[name]
        res: dict[str, Any] = {"name": name, "title": spec.label, "description": spec.grain}
        if "csv" in formats:
            res.update(path=f"{name}.csv", format="csv", mediatype="text/csv", encoding="utf-8-sig",
                       dialect={"delimiter": ",", "quoteChar": '"', "header": True})
        if "parquet" in formats:
            ppath = f"{name}/" if partition else f"{name}.parquet"
            if "csv" in formats:
                res["parquet"] = {"path": ppath, "partitioning": partition and f"hive:{PARTITION_KEY}"}
            else:
                res.update(path=ppath, format="parquet")
        res["profile"] = "tabular-data-resource"
        res["rows"] = n
        schema: dict[str, Any] = {"fields": [frictionless_field(c) for c in spec.columns],
                                  "missingValues": [""], "primaryKey": list(spec.primary_key)}
        if name != "reports":
            schema["foreignKeys"] = [{"fields": ["report_id"],
                                      "reference": {"resource": "reports", "fields": ["report_id"]}}]
        res["schema"] = schema
        resources.append(res)
    pkg = {
        "profile": "tabular-data-package",
        "name": "nianbao",
        "title": "政府信息公开工作年度报告数据 (government information disclosure annual reports)",
        "version": SCHEMA_VERSION,
        "nianbao": {
            "schema_version": SCHEMA_VERSION,
            "parser_versions": meta[META_PREFIX + "parser_versions"],
            "n_reports": reports.num_rows,
            "max_fetched_at": meta[META_PREFIX + "max_fetched_at"],
            "partitioning": partition,
            "run": run_meta or {},
        },
        "resources": resources,
    }
    return json.dumps(pkg, ensure_ascii=False, indent=2, default=str) + "\n"
