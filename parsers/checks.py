"""The arithmetic identities of schema.md, evaluated in `strict` and `lenient` mode.

Strict mode is the verdict: a blank, "/" or text operand is unknown, so the check's `ok` is None
(Shanghai leaves 总计 blank on detail rows; that is not an inconsistency). Lenient mode reads
those as 0, for analysts who do. A cell that is absent altogether (not on the page, or not
determinable) is unknown in both modes — nothing is ever invented.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import Cell, Check
from .templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER, T2021

_EPS = 1e-6
APP_VALUE_COLS = APP_COL_ORDER[:-1]


def _sum(values: Iterable[float | None]) -> float | None:
    total = 0.0
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _check(name: str, mode: str, expected: float | None, actual: float | None) -> Check:
    ok = None if expected is None or actual is None else abs(expected - actual) < _EPS
    return Check(name, mode, expected, actual, ok)


def identity_checks(cells: Sequence[Cell], templates_by_table: dict[str, str]) -> list[Check]:
    """Every identity of every table present in `cells`, both modes, in a stable order.

    >>> from parsers.model import Cell
    >>> cs = [Cell("review_litigation", "review", c, v, str(v), "number", None, "", "", "2021")
    ...       for c, v in zip(("upheld", "corrected", "other", "pending", "total"), (1, 1, 0, 0, 3))]
    >>> [(c.check, c.mode, c.expected, c.actual, c.ok) for c in identity_checks(cs, {})][:2]
    [('review_litigation.total.review', 'strict', 3, 2.0, False), ('review_litigation.total.review', 'lenient', 3, 2.0, False)]
    """
    # operand values per mode; an absent key is unknown in both modes
    strict: dict[tuple[str, str, str], float | None] = {}
    lenient: dict[tuple[str, str, str], float | None] = {}
    tables = set()
    for c in cells:
        key = (c.table, c.row_key, c.col_key)
        tables.add(c.table)
        if c.value_kind == "number":
            strict[key] = lenient[key] = c.value
        else:
            strict[key], lenient[key] = None, 0.0
    modes = (("strict", strict), ("lenient", lenient))
    out: list[Check] = []
    if "applications" in tables:
        template = templates_by_table.get("applications", T2021)
        rows = APP_ROW_ORDER[template]
        result_rows = rows[rows.index("granted"): rows.index("results_total")]
        A = "applications"
        for col in APP_COL_ORDER:
            for mode, vals in modes:
                out.append(_check(f"applications.balance.{col}", mode,
                                  _sum((vals.get((A, "new_received", col)), vals.get((A, "carried_over", col)))),
                                  _sum((vals.get((A, "results_total", col)), vals.get((A, "carried_forward", col))))))
        for col in APP_COL_ORDER:
            for mode, vals in modes:
                out.append(_check(f"applications.results_total.{col}", mode, vals.get((A, "results_total", col)),
                                  _sum([vals.get((A, r, col)) for r in result_rows])))
        for row in rows:
            for mode, vals in modes:
                out.append(_check(f"applications.row_total.{row}", mode, vals.get((A, row, "total")),
                                  _sum([vals.get((A, row, c)) for c in APP_VALUE_COLS])))
    if "review_litigation" in tables:
        R = "review_litigation"
        for row in RL_ROW_ORDER:
            for mode, vals in modes:
                out.append(_check(f"review_litigation.total.{row}", mode, vals.get((R, row, "total")),
                                  _sum([vals.get((R, row, c)) for c in RL_COL_ORDER[:-1]])))
    return out


def strict_failures(checks: Iterable[Check]) -> list[str]:
    return [c.check for c in checks if c.mode == "strict" and c.ok is False]
