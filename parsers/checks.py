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


def _operand(cell: Cell | None, lenient: bool) -> float | None:
    if cell is None:
        return None
    if cell.value_kind == "number":
        return cell.value
    return 0.0 if lenient else None


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
    index = {(c.table, c.row_key, c.col_key): c for c in cells}
    tables = {c.table for c in cells}
    out: list[Check] = []
    if "applications" in tables:
        template = templates_by_table.get("applications", T2021)
        rows = APP_ROW_ORDER[template]
        result_rows = rows[rows.index("granted"): rows.index("results_total")]
        for col in APP_COL_ORDER:
            for mode in ("strict", "lenient"):
                le = mode == "lenient"

                def v(r: str, c: str = col, le: bool = le) -> float | None:
                    return _operand(index.get(("applications", r, c)), le)

                out.append(_check(f"applications.balance.{col}", mode,
                                  _sum((v("new_received"), v("carried_over"))),
                                  _sum((v("results_total"), v("carried_forward")))))
        for col in APP_COL_ORDER:
            for mode in ("strict", "lenient"):
                le = mode == "lenient"
                out.append(_check(f"applications.results_total.{col}", mode,
                                  _operand(index.get(("applications", "results_total", col)), le),
                                  _sum(_operand(index.get(("applications", r, col)), le) for r in result_rows)))
        for row in rows:
            for mode in ("strict", "lenient"):
                le = mode == "lenient"
                out.append(_check(f"applications.row_total.{row}", mode,
                                  _operand(index.get(("applications", row, "total")), le),
                                  _sum(_operand(index.get(("applications", row, c)), le) for c in APP_VALUE_COLS)))
    if "review_litigation" in tables:
        for row in RL_ROW_ORDER:
            for mode in ("strict", "lenient"):
                le = mode == "lenient"
                out.append(_check(f"review_litigation.total.{row}", mode,
                                  _operand(index.get(("review_litigation", row, "total")), le),
                                  _sum(_operand(index.get(("review_litigation", row, c)), le)
                                       for c in RL_COL_ORDER[:-1])))
    return out


def strict_failures(checks: Iterable[Check]) -> list[str]:
    return [c.check for c in checks if c.mode == "strict" and c.ok is False]
