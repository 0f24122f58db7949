"""The arithmetic identities of schema.md, evaluated in `strict` and `lenient` mode.

Strict mode is the verdict: a blank, "/" or text operand is unknown, so the check's `ok` is None
(Shanghai leaves 总计 blank on detail rows; that is not an inconsistency). Lenient mode reads
those as 0, for analysts who do. A cell that is absent altogether (not on the page, or not
determinable) is unknown in both modes — nothing is ever invented.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from math import fsum

from .model import Cell, Check
from .templates import APP_COL_ORDER, APP_ROW_ORDER, RL_COL_ORDER, RL_ROW_ORDER, T2021

# Sums are exact (fsum) and compared relatively: 1000000000000.1 + 0.2 is 1000000000000.3, and a
# fee of 0.0000001 is not a fee of 0.
_EPS = 1e-12
APP_VALUE_COLS = APP_COL_ORDER[:-1]


_Key = tuple[str, str, str]
# One identity: its name, the cell that should equal the sum, and the cells summed. Balance is
# the one identity with two sums; its "expected" side is a sum too.
_Plan = list[tuple[str, tuple[_Key, ...], tuple[_Key, ...]]]


@lru_cache(maxsize=4)
def _plan(table: str, template: str) -> _Plan:
    """The identities of one table of one template, in the stable output order."""
    plan: _Plan = []
    if table == "applications":
        A = table
        rows = APP_ROW_ORDER[template]
        result_rows = rows[rows.index("granted"): rows.index("results_total")]
        for col in APP_COL_ORDER:
            plan.append((f"applications.balance.{col}", ((A, "new_received", col), (A, "carried_over", col)),
                         ((A, "results_total", col), (A, "carried_forward", col))))
        for col in APP_COL_ORDER:
            plan.append((f"applications.results_total.{col}", ((A, "results_total", col),),
                         tuple((A, r, col) for r in result_rows)))
        for row in rows:
            plan.append((f"applications.row_total.{row}", ((A, row, "total"),),
                         tuple((A, row, c) for c in APP_VALUE_COLS)))
    else:
        R = table
        for row in RL_ROW_ORDER:
            plan.append((f"review_litigation.total.{row}", ((R, row, "total"),),
                         tuple((R, row, c) for c in RL_COL_ORDER[:-1])))
    return plan


def identity_checks(cells: Sequence[Cell], templates_by_table: dict[str, str],
                    tables: Iterable[str] = ()) -> list[Check]:
    """Every identity of every table present in `cells` or named in `tables` (a table found on
    the page whose cells could none be determined: its identities are unknown, not absent), both
    modes, in a stable order.

    >>> from parsers.model import Cell
    >>> cs = [Cell("review_litigation", "review", c, v, str(v), "number", None, "", "", "2021")
    ...       for c, v in zip(("upheld", "corrected", "other", "pending", "total"), (1, 1, 0, 0, 3))]
    >>> [(c.check, c.mode, c.expected, c.actual, c.ok) for c in identity_checks(cs, {})][:2]
    [('review_litigation.total.review', 'strict', 3, 2.0, False), ('review_litigation.total.review', 'lenient', 3, 2.0, False)]
    >>> [(c.check, c.ok) for c in identity_checks([], {}, ["review_litigation"])][:2]
    [('review_litigation.total.review', None), ('review_litigation.total.review', None)]
    """
    # operand values per mode; an absent key is unknown in both modes
    strict: dict[_Key, float | None] = {}
    lenient: dict[_Key, float | None] = {}
    tables = set(tables)
    for c in cells:
        key = (c.table, c.row_key, c.col_key)
        tables.add(c.table)
        if c.value_kind == "number":
            strict[key] = lenient[key] = c.value
        else:
            strict[key], lenient[key] = None, 0.0
    out: list[Check] = []
    plans = []
    if "applications" in tables:
        plans.append(_plan("applications", templates_by_table.get("applications", T2021)))
    if "review_litigation" in tables:
        plans.append(_plan("review_litigation", T2021))
    sget, lget = strict.get, lenient.get
    new = tuple.__new__  # Check(...) without the NamedTuple's Python-level __new__ frame
    for plan in plans:
        for name, exp_keys, act_keys in plan:
            if len(exp_keys) == 1:  # the expected cell itself keeps its value as stored
                expected, l_expected = sget(exp_keys[0]), lget(exp_keys[0])
            else:
                expected, l_expected = _sums(exp_keys, sget, lget)
            actual, l_actual = _sums(act_keys, sget, lget)
            ok = _agrees(expected, actual)
            l_ok = ok if l_expected == expected and l_actual == actual else _agrees(l_expected, l_actual)
            out.append(new(Check, (name, "strict", expected, actual, ok)))
            out.append(new(Check, (name, "lenient", l_expected, l_actual, l_ok)))
    return out


def _sums(keys: tuple[_Key, ...], sget, lget) -> tuple[float | None, float | None]:
    """The strict and lenient sums of the cells `keys`."""
    strict = [sget(k) for k in keys]
    if None not in strict:  # every operand a number: the lenient operands are the same
        total = fsum(strict)
        return total, total
    lenient = [lget(k) for k in keys]
    return None, None if None in lenient else fsum(lenient)


def _agrees(expected: float | None, actual: float | None) -> bool | None:
    if expected is None or actual is None:
        return None
    return abs(expected - actual) <= _EPS * max(1.0, abs(expected), abs(actual))


def strict_failures(checks: Iterable[Check]) -> list[str]:
    return [c.check for c in checks if c.mode == "strict" and c.ok is False]
