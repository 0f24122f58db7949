"""Generate `docs/data-dictionary.md` from `schema.TABLES`.

    python -m output.dictionary            # rewrite docs/data-dictionary.md
    python -m output.dictionary --check    # exit 1 when the file is out of date (used by the tests)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .package import META_PREFIX
from .schema import PARTITION_KEY, SCHEMA_VERSION, TABLES

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"

INTRO = f"""# Data dictionary (数据字典)

Generated from `output/schema.py` by `python -m output.dictionary`; do not edit by hand.
Schema version **{SCHEMA_VERSION}**. Keys are fixed by `shared/spec/schema.md`: columns may be added,
never renamed.

## Files

Each table is written as `<name>.parquet` and `<name>.csv` in the output directory, with a
Frictionless `datapackage.json` beside them (field types, Chinese titles, units, primary and
foreign keys, row counts).

- **Parquet**: zstd, the Arrow schema stored in the file (so types, categoricals and the Chinese
  label / unit / description of every field, in the field metadata, survive). Key/value file
  metadata: `{META_PREFIX}table`, `{META_PREFIX}schema_version`, `{META_PREFIX}parser_versions`,
  `{META_PREFIX}n_reports` (source reports in the file), `{META_PREFIX}max_fetched_at` (newest fetch
  among them). Nothing in a file depends on when it was written: re-runs give identical bytes.
- **Partitioned Parquet** (`partition="year"`, CLI `--partition year`): `<name>/{PARTITION_KEY}=2021/part-0.parquet`,
  `{PARTITION_KEY}=__HIVE_DEFAULT_PARTITION__` for an unknown year. The partition column is not
  stored in the files (hive readers add it back); `load_tables` returns the same columns either way.
- **CSV**: UTF-8 **with BOM** (Excel on a Chinese Windows detects UTF-8), comma separated, header
  row, no index column, columns in the order below, strings quoted. Null is the empty field,
  except in the columns marked "no (may be empty)" below, which are never null: there the empty
  field is the empty string (a blank cell's `value_raw`, an ok report's `status_reason`).
  Booleans are `true`/`false`; dates `YYYY-MM-DD`; `fetched_at` ISO 8601 UTC
  `YYYY-MM-DDTHH:MM:SSZ` (with `.ffffff` only when some time has microseconds).

## Runs

- A run replaces the previous run's files as one set: every file is first written into a staging
  directory `.nianbao-stage.PID` inside the output directory, then one quick pass of renames
  swaps them in, `datapackage.json` last. **`datapackage.json` is the commit marker**: when it is
  there, the tables beside it are the set it describes; a run that fails before the pass leaves
  the old set whole, and only a kill during the pass (milliseconds) leaves the directory without
  `datapackage.json`, and possibly mixed: run again. The next run removes what a killed run of
  ours left behind; other files in the directory are never touched. A format or layout the run
  does not write (CSV in a Parquet-only run, the other Parquet layout) is removed with the old set.
  Re-running on the same records gives byte-identical files.
- A full run writes exactly the reports given. An incremental run (`merge=True`) reads the
  existing Parquet, replaces every row of the reports in the new batch (matched by `report_id`,
  which is stable per URL, and, for a report an earlier `extract` read from a file, by
  `source_path`: a file without a URL edited in place gets a new `report_id` from its new bytes,
  and its old reading goes) and keeps all other reports untouched, including ones that vanished
  from their site or whose file was deleted, with their last `fetched_at`. A report is never
  duplicated. When one batch
  holds several copies of a report (one `report_id`: the same URL read twice, e.g. a page and a
  text dump of it), one is kept (`output.pick_copy`): the newest fetch when every copy has a fetch
  time, unless it has no tables and an older copy has; otherwise the better-read copy (status ok >
  inconsistent > partial > no_tables > failed, then more cells, then fewer undetermined cells).
  The CLI names every dropped copy in its summary.
- The same bytes under two URLs (a unit's report republished in the 区 overall column, domain.md
  §12) are two reports, each with its own `source_url` and `report_id`: both are provenance. All
  but one carry `duplicate_of`, the `report_id` of the copy that counts (the smallest
  `source_url`); count and aggregate reports `WHERE duplicate_of IS NULL`. The crawl summary says
  how many such copies a site has.

## Types

- `dictionary<string>` columns are strings stored once per row group; pandas and polars read them
  as categoricals, DuckDB as VARCHAR.
- `cells.value` is `double` and null unless `value_kind = number`: a blank cell is never 0.
- `published_date` is `date32` (a calendar date); `fetched_at` is `timestamp[us, UTC]` (a source
  time without offset is taken as UTC).
- Row order is canonical: `reports` by `report_id`; `cells` by report, then table, row and column
  in the printed order of the template; `checks` by report in the parser's order; `sections` by
  report and section; wide views by report and printed row.
"""


def _type(c) -> str:
    t = str(c.type)
    return "dictionary<string>" if t.startswith("dictionary") else t


def render() -> str:
    parts = [INTRO]
    for t in TABLES.values():
        kind = "wide view" if t.wide else "table"
        parts.append(f"\n## `{t.name}` — {t.label}\n\n{kind.capitalize()}: {t.grain}. "
                     f"Key: ({', '.join(f'`{k}`' for k in t.primary_key)}).\n\n"
                     "| column | 中文 | type | null | unit | description |\n|---|---|---|---|---|---|\n")
        for c in t.columns:
            desc = c.description.replace("|", "\\|")
            if c.enum:
                desc += " Values: " + ", ".join(f"`{v}`" for v in c.enum) + "."
            null = "yes" if c.nullable else "no (may be empty)" if c.may_be_empty else "no"
            parts.append(f"| `{c.name}` | {c.label} | {_type(c)} | {null} | "
                         f"{c.unit or ''} | {desc} |\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail when the file is out of date")
    ap.add_argument("--path", type=Path, default=DOC_PATH)
    args = ap.parse_args(argv)
    text = render()
    if args.check:
        ok = args.path.exists() and args.path.read_text(encoding="utf-8") == text
        print(f"{args.path}: {'up to date' if ok else 'OUT OF DATE (run python -m output.dictionary)'}")
        return 0 if ok else 1
    args.path.write_text(text, encoding="utf-8")
    print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
