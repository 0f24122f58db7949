"""Compare a parsed `Report` with an `NNN.expected.json` (corpus and mirror share the format).

Returns a list of human-readable differences; an empty list means the report matches cell for
cell: every known value, every blank/na/text cell's kind, exactly the undetermined ("ambiguous")
cells, the units named, and the report fields.
"""

from __future__ import annotations

from typing import Any

from parsers import Report

SOURCE_ALIASES = {"flattened_text": {"flattened_text"}, "pipe_text": {"pipe_text"}, "html": {"html"},
                  "none": {"none"}}


def compare(report: Report, exp: dict[str, Any], *, check_publisher: bool = True) -> list[str]:
    diffs: list[str] = []

    def field(name: str, got: Any, want: Any) -> None:
        if got != want:
            diffs.append(f"{name}: got {got!r}, want {want!r}")

    field("template", report.template, exp["template"])
    field("report_year", report.report_year, exp["report_year"])
    field("status", report.status, exp["expected_status"])
    if "published_date" in exp:
        field("published_date", report.published_date, exp["published_date"])
    if check_publisher and exp.get("publisher"):
        field("publisher", report.publisher, exp["publisher"])
    if exp.get("region"):
        field("region", report.region, exp["region"])
    if "table_source" in exp:
        if report.table_source not in SOURCE_ALIASES.get(exp["table_source"], {exp["table_source"]}):
            diffs.append(f"table_source: got {report.table_source!r}, want {exp['table_source']!r}")

    got = {f"{c.table}.{c.row_key}.{c.col_key}": c for c in report.cells}
    kinds = {}
    for kind, key in (("blank", "blank_cells"), ("na", "na_cells"), ("text", "text_cells")):
        for k in exp.get(key, []):
            kinds[k] = kind
    want_keys: set[str] = set()
    for table, rows in exp.get("cells", {}).items():
        for row, cols in rows.items():
            for col, value in cols.items():
                k = f"{table}.{row}.{col}"
                want_keys.add(k)
                c = got.get(k)
                if c is None:
                    diffs.append(f"{k}: missing (want {value!r})")
                    continue
                if value is None:
                    want_kind = kinds.get(k)
                    if c.value is not None or (want_kind and c.value_kind != want_kind):
                        diffs.append(f"{k}: got {c.value!r}/{c.value_kind}, want null/{want_kind}")
                elif c.value is None or abs(c.value - float(value)) > 1e-9:
                    diffs.append(f"{k}: got {c.value!r} ({c.value_raw!r}), want {value!r}")
    for k, kind in kinds.items():
        c = got.get(k)
        if k not in want_keys and (c is None or c.value_kind != kind):
            diffs.append(f"{k}: got {c.value_kind if c else 'missing'}, want {kind}")
        want_keys.add(k)
    ambiguous = set(exp.get("ambiguous_cells", []))
    und = set(report.undetermined)
    if und != ambiguous:
        diffs.append(f"undetermined: extra {sorted(und - ambiguous)[:6]}, missing {sorted(ambiguous - und)[:6]}")
    claimed = set(got) & ambiguous
    if claimed:
        diffs.append(f"claims values for ambiguous cells: {sorted(claimed)[:6]}")
    extra = set(got) - want_keys
    if extra:
        diffs.append(f"unexpected cells: {sorted(extra)[:6]}")
    for k, unit in exp.get("units", {}).items():
        c = got.get(k)
        if c is not None and c.unit != unit:
            diffs.append(f"{k}: unit {c.unit!r}, want {unit!r}")
    fails = {c.check for c in report.checks if c.mode == "strict" and c.ok is False}
    want_fails = set(exp.get("source_identity_failures", []))
    if report.status != "partial" or want_fails:
        if fails != want_fails:
            diffs.append(f"strict failures: got {sorted(fails)}, want {sorted(want_fails)}")
    return diffs
