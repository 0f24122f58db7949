"""datapackage.json holds for the CSVs it describes: a small validator of its own rules (no
Frictionless needed), run on the sample tables and on a real extract."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from test_output_sample import make_reports

from nianbao.cli import main
from output import write_tables

TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}


def _parses(ftype: str, v: str) -> bool:
    try:
        if ftype == "integer":
            int(v)
        elif ftype == "number":
            float(v)
        elif ftype == "boolean":
            return v in TRUE | FALSE
        elif ftype == "date":
            date.fromisoformat(v)
        elif ftype == "datetime":
            datetime.fromisoformat(v.replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


def violations(pkg_dir: Path) -> list[str]:
    """Every breach of datapackage.json's own rules in its CSV resources: header, required
    (non-null under the declared missingValues), enum, type, primary key and foreign keys."""
    pkg = json.loads((pkg_dir / "datapackage.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    keys: dict[str, set] = {}
    rows_of: dict[str, list[dict[str, str]]] = {}
    for res in pkg["resources"]:
        schema = res["schema"]
        missing = set(schema.get("missingValues", [""]))
        with open(pkg_dir / res["path"], encoding=res["encoding"], newline="") as f:
            reader = csv.DictReader(f)
            header, rows = reader.fieldnames, list(reader)
        rows_of[res["name"]] = rows
        fields = schema["fields"]
        if header != [f["name"] for f in fields]:
            errors.append(f"{res['name']}: header {header}")
        if len(rows) != res["rows"]:
            errors.append(f"{res['name']}: {len(rows)} rows, declared {res['rows']}")
        for i, row in enumerate(rows, 2):
            for fd in fields:
                v = row[fd["name"]]
                cons = fd.get("constraints", {})
                where = f"{res['name']}.{fd['name']} line {i}"
                if v in missing:
                    if cons.get("required"):
                        errors.append(f"{where}: required, but {v!r} is a missing value")
                    continue
                if "enum" in cons and v not in cons["enum"]:
                    errors.append(f"{where}: {v!r} not in enum")
                if not _parses(fd["type"], v):
                    errors.append(f"{where}: {v!r} is not a {fd['type']}")
        pk = schema["primaryKey"]
        seen = [tuple(r[k] for k in pk) for r in rows]
        if len(set(seen)) != len(seen):
            errors.append(f"{res['name']}: primary key {pk} not unique")
        keys[res["name"]] = set(seen)
    for res in pkg["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            have = {tuple(r[k] for k in ref["fields"]) for r in rows_of[ref["resource"]]}
            orphans = {tuple(r[k] for k in fk["fields"]) for r in rows_of[res["name"]]} - have
            if orphans:
                errors.append(f"{res['name']}: {len(orphans)} {fk['fields']} not in {ref['resource']}")
    return errors


def test_the_sample_tables_satisfy_their_datapackage(tmp_path):
    write_tables(make_reports(), tmp_path)
    cells = (tmp_path / "cells.csv").read_text(encoding="utf-8-sig")
    assert ',"",' in cells or ',,' in cells  # blank cells are in it: the case that used to fail
    assert violations(tmp_path) == []


def test_a_corpus_extract_satisfies_its_datapackage(tmp_path, corpus_dir):
    main(["extract", str(corpus_dir), "--out", str(tmp_path)])
    assert violations(tmp_path) == []


def test_the_validator_finds_breaches(tmp_path):
    # the validator itself must be able to fail: a required id emptied, a status outside its enum
    write_tables(make_reports(), tmp_path)
    p = tmp_path / "reports.csv"
    text = p.read_text(encoding="utf-8-sig").replace('"ok"', '"fine"', 1)
    lines = text.splitlines(keepends=True)
    lines[1] = '""' + lines[1][lines[1].index(","):]
    p.write_text("".join(lines), encoding="utf-8-sig")
    found = violations(tmp_path)
    assert any("reports.report_id line 2: required" in e for e in found)
    assert any("'fine' not in enum" in e for e in found)


@pytest.mark.parametrize("column", ["value_raw", "status_reason", "text"])
def test_columns_that_may_be_empty_are_not_required(tmp_path, column):
    write_tables(make_reports(), tmp_path)
    pkg = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in pkg["resources"] for f in r["schema"]["fields"]}
    assert "required" not in fields[column].get("constraints", {})
    assert "may be the empty string" in fields[column]["description"]
