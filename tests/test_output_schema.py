"""The schema definition drives the files: Parquet schemas, CSV headers, datapackage, dictionary."""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest
from test_output_sample import make_reports

from output import TABLES, arrow_schema, write_tables
from output.build import report_row
from output.dictionary import main as dictionary_main
from output.order import COL_ORDER, ROW_ORDER, TABLE_ORDER, ranks
from output.schema import PARTITION_KEY, SCHEMA_VERSION
from parsers.model import PARSER_VERSION
from parsers.templates import all_cell_keys

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("tables")
    write_tables(make_reports(), d)
    return d


def test_written_parquet_has_exactly_the_schema(out):
    for name in TABLES:
        got = pq.read_schema(out / f"{name}.parquet")
        want = arrow_schema(name)
        assert got.remove_metadata().equals(want.remove_metadata(), check_metadata=False), name
        for f in want:  # field metadata (Chinese label, unit) survives in the file
            assert got.field(f.name).metadata == f.metadata
            assert got.field(f.name).nullable == f.nullable


def test_partitioned_files_have_the_schema_without_the_partition_column(tmp_path):
    write_tables(make_reports(), tmp_path, partition="year", formats=("parquet",))
    for name in TABLES:
        files = sorted((tmp_path / name).glob(f"{PARTITION_KEY}=*/part-0.parquet"))
        assert files, name
        for f in files:
            assert pq.read_schema(f).remove_metadata().equals(
                arrow_schema(name, drop=(PARTITION_KEY,)).remove_metadata()), f


def test_csv_header_is_the_schema_column_order(out):
    for name, spec in TABLES.items():
        with open(out / f"{name}.csv", encoding="utf-8-sig") as f:
            header = f.readline().rstrip("\n")
        assert header == ",".join(f'"{c}"' for c in spec.names)


def test_parquet_file_metadata(out):
    meta = pq.read_metadata(out / "cells.parquet").metadata
    got = {k.decode(): v.decode() for k, v in meta.items() if k.startswith(b"nianbao.")}
    assert got == {"nianbao.table": "cells", "nianbao.schema_version": SCHEMA_VERSION,
                   "nianbao.parser_versions": PARSER_VERSION, "nianbao.n_reports": "5",
                   "nianbao.max_fetched_at": "2024-03-02T01:30:00Z"}


def test_datapackage_describes_every_table(out):
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "tabular-data-package" and pkg["version"] == SCHEMA_VERSION
    assert [r["name"] for r in pkg["resources"]] == list(TABLES)
    res = {r["name"]: r for r in pkg["resources"]}
    assert res["cells"]["rows"] == 797 and res["reports"]["rows"] == 5
    assert res["cells"]["encoding"] == "utf-8-sig" and res["cells"]["parquet"]["path"] == "cells.parquet"
    fields = {f["name"]: f for f in res["cells"]["schema"]["fields"]}
    assert list(fields) == TABLES["cells"].names
    assert fields["value"] == {"name": "value", "type": "number", "title": "数值",
                               "description": TABLES["cells"].col("value").description, "arrowType": "double"}
    assert fields["value_kind"]["constraints"] == {"required": True, "enum": ["number", "blank", "na", "text"]}
    rf = {f["name"]: f for f in res["reports"]["schema"]["fields"]}
    assert rf["fetched_at"]["type"] == "datetime" and rf["published_date"]["type"] == "date"
    assert rf["report_year"]["type"] == "integer" and rf["report_year"]["unit"] == "年"
    assert res["checks"]["schema"]["primaryKey"] == ["report_id", "check", "mode"]
    assert res["checks"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "reports", "fields": ["report_id"]}


def test_every_column_has_a_chinese_label_and_a_description():
    for spec in TABLES.values():
        assert CJK.search(spec.label), spec.name
        for c in spec.columns:
            assert CJK.search(c.label), f"{spec.name}.{c.name}"
            assert len(c.description) > 10, f"{spec.name}.{c.name}"


def test_reports_columns_cover_the_report_record():
    rec = report_row(make_reports()[0])
    assert set(rec) == set(TABLES["reports"].names)


def test_schema_md_required_columns_are_present():
    required = {
        "reports": "report_id source_url fetched_at content_sha256 site publisher region report_year title "
                   "published_date template table_source status parser_version",
        "cells": "report_id template table row_key col_key value value_raw value_kind unit row_label col_label",
        "checks": "report_id check mode expected actual ok",
        "sections": "report_id section heading text",
    }
    for name, cols in required.items():
        assert set(cols.split()) <= set(TABLES[name].names), name
    wide = {"report_id", "publisher", "region", "report_year", "template"}
    for name in ("applications_wide", "review_litigation_wide", "active_disclosure_wide"):
        assert wide <= set(TABLES[name].names)
    assert len([c for c in TABLES["review_litigation_wide"].names if c not in wide]) == 15


def test_data_dictionary_is_up_to_date():
    assert dictionary_main(["--check"]) == 0, "run: python -m output.dictionary"


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_rank_order_is_the_printed_order(template):
    keys = all_cell_keys(template)
    t, r, c = (ranks([k[i] for k in keys], order) for i, order in enumerate((TABLE_ORDER, ROW_ORDER, COL_ORDER)))
    packed = list((t * 1000 + r) * 1000 + c)
    assert packed == sorted(packed) and len(set(packed)) == len(keys)


def test_values_outside_the_contract_are_refused(tmp_path):
    r = make_reports()[0]
    r.status = "mostly_ok"
    with pytest.raises(ValueError, match=r"reports.status: values outside the contract \['mostly_ok'\]"):
        write_tables([r], tmp_path)


def test_same_bytes_under_two_urls_are_two_rows_and_one_is_flagged_duplicate_of(tmp_path):
    # a unit's report republished in the 区 column: both URLs are provenance, one row counts
    import dataclasses

    import pyarrow.parquet as pq
    from test_output_sample import make_reports

    from output import write_tables
    from parsers.model import make_report_id

    first = make_reports()[0]
    url = "https://www.tjjh.gov.cn/zwgk/qzf/zfxxgknb/t2023.html"
    copy = dataclasses.replace(first, source_url=url, report_id=make_report_id(url, "x"))
    other = make_reports()[1]
    write_tables([copy, first, other], tmp_path)
    rows = {r["source_url"]: r for r in pq.read_table(tmp_path / "reports.parquet").to_pylist()}
    assert len(rows) == 3
    canonical, dup = sorted([first.source_url, url])
    assert rows[canonical]["duplicate_of"] is None and rows[other.source_url]["duplicate_of"] is None
    assert rows[dup]["duplicate_of"] == rows[canonical]["report_id"]


def test_checks_expected_is_the_printed_total_and_actual_the_sum_of_the_parts(tmp_path):
    # the dictionary said the opposite ("expected: the sum of the parts; actual: the printed total"),
    # so an analyst reading `difference` got its sign backwards
    from parsers.checks import identity_checks
    from parsers.model import Cell, Report

    printed = dict(zip(("upheld", "corrected", "other", "pending", "total"), (1.0, 1.0, 0.0, 0.0, 3.0)))
    cells = [Cell("review_litigation", "review", c, v, str(int(v)), "number", None, "", "", "2021")
             for c, v in printed.items()]
    write_tables([Report("00000000000000aa", cells=cells, checks=identity_checks(cells, {}))], tmp_path)
    checks = pq.read_table(tmp_path / "checks.parquet").to_pandas()
    row = checks[(checks["check"] == "review_litigation.total.review") & (checks["mode"] == "strict")].iloc[0]
    assert (row["expected"], row["actual"], row["difference"]) == (3.0, 2.0, -1.0)
    cols = {c.name: c.description for c in TABLES["checks"].columns}
    assert cols["expected"].startswith("The printed total") and cols["actual"].startswith("The sum of the printed parts")
    assert "parts minus the printed total" in cols["difference"]
