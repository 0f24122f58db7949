"""Wide views shaped like the printed tables, pivoted from the `cells` table with numpy.

`cells` is sorted by (report, table, printed row, printed column), so the cells of one printed row
of one report are contiguous: a group starts wherever report, table or row changes. A pivot is then
"scatter each cell's value into (group, column slot) of a matrix" — a handful of vectorised passes
over the cells, no per-cell Python. A value is null in a wide view when the cell is blank, na, text
or absent; `cells.value_kind` tells which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from parsers.templates import APP_COL_ORDER

from .build import codes, finish
from .order import ROW_NO
from .schema import AD_WIDE_COLS, RL_WIDE_KEYS


@dataclass
class CellIndex:
    """Integer codes of the sorted cells, computed once for the three views."""

    cells: pa.Table
    reports: pa.Table
    t_vals: list[str]
    r_vals: list[str]
    c_vals: list[str]
    key: np.ndarray  # (table, row_key, col_key) code of each cell, into t_vals × r_vals × c_vals
    value: np.ndarray  # float64, NaN where null
    valid: np.ndarray
    starts: np.ndarray  # first cell of each (report, table, row) group
    gid: np.ndarray  # group of each cell
    g_table: np.ndarray  # table code of each group
    g_rpos: np.ndarray  # position in `reports` of each group's report

    @classmethod
    def of(cls, cells: pa.Table, reports: pa.Table) -> CellIndex:
        col = {n: cells[n].combine_chunks() for n in ("report_id", "table", "row_key", "col_key", "value")}
        rid, rid_vals = codes(col["report_id"])
        t_idx, t_vals = codes(col["table"])
        r_idx, r_vals = codes(col["row_key"])
        c_idx, c_vals = codes(col["col_key"])
        n = len(rid)
        key = (t_idx * len(r_vals) + r_idx) * len(c_vals) + c_idx  # int32: the dictionaries are small
        new = np.empty(n, dtype=bool)
        if n:
            new[0] = True
            np.not_equal(r_idx[1:], r_idx[:-1], out=new[1:])
            new[1:] |= rid[1:] != rid[:-1]
            new[1:] |= t_idx[1:] != t_idx[:-1]
        starts = np.flatnonzero(new)
        gid = np.cumsum(new, dtype=np.int64 if n >= 2**31 else np.int32) - 1
        # position in the sorted reports table of each dictionary entry of cells.report_id
        rpos_of = pc.index_in(pa.array(rid_vals, pa.string()), reports["report_id"]).to_numpy(zero_copy_only=False)
        g_rpos = rpos_of.astype(np.int64)[rid[starts]] if n else np.zeros(0, np.int64)
        v = col["value"]
        value = v.fill_null(np.nan).to_numpy() if v.null_count else v.to_numpy()
        valid = np.asarray(v.is_valid()) if v.null_count else np.ones(n, dtype=bool)
        return cls(cells, reports, t_vals, r_vals, c_vals, key, value, valid, starts, gid, t_idx[starts], g_rpos)

    def pivot(self, table: str, slot_of: Callable[[str, str], int], n_slots: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(groups of `table`, values, valid) with values/valid shaped (n_slots × groups).

        `slot_of(row_key, col_key)` is the column slot of a key pair, -1 to leave it out.
        Column-major, so that each output column is one contiguous numpy row.
        """
        if table not in self.t_vals:
            return np.zeros(0, np.int64), np.zeros((n_slots, 0)), np.zeros((n_slots, 0), bool)
        t = self.t_vals.index(table)
        groups = np.flatnonzero(self.g_table == t)
        lut = np.full(len(self.t_vals) * len(self.r_vals) * len(self.c_vals), -1, dtype=np.int16)
        base = t * len(self.r_vals) * len(self.c_vals)
        lut[base:base + len(self.r_vals) * len(self.c_vals)] = [slot_of(r, c) for r in self.r_vals
                                                                for c in self.c_vals]
        slot = lut[self.key]
        sel = np.flatnonzero((slot >= 0) & self.valid)
        local_of = np.full(len(self.starts), -1, dtype=np.int64)
        local_of[groups] = np.arange(len(groups))
        flat = slot[sel].astype(np.int64) * len(groups) + local_of[self.gid[sel]]
        vals = np.full(n_slots * len(groups), np.nan)
        ok = np.zeros(n_slots * len(groups), dtype=bool)
        vals[flat] = self.value[sel]
        ok[flat] = True
        return groups, vals.reshape(n_slots, -1), ok.reshape(n_slots, -1)

    def head(self, groups: np.ndarray) -> dict[str, pa.Array]:
        take = pa.array(self.g_rpos[groups])
        return {n: self.reports[n].combine_chunks().take(take)
                for n in ("report_id", "publisher", "region", "report_year")}

    def first(self, groups: np.ndarray, names: Sequence[str]) -> dict[str, pa.Array]:
        take = pa.array(self.starts[groups])
        return {n: self.cells[n].combine_chunks().take(take) for n in names}


def _value_cols(names: Sequence[str], vals: np.ndarray, ok: np.ndarray) -> dict[str, pa.Array]:
    return {n: pa.array(vals[i], pa.float64(), mask=~ok[i]) for i, n in enumerate(names)}


def _row_cols(ix: CellIndex, groups: np.ndarray, table: str) -> dict[str, pa.Array]:
    out = ix.first(groups, ("template", "row_key", "row_label"))
    t_idx, t_vals = codes(out["template"])
    r_idx, r_vals = codes(out["row_key"])
    lut = np.array([ROW_NO.get((t, table, r), 0) for t in t_vals for r in r_vals], np.int64)
    no = lut[t_idx.astype(np.int64) * len(r_vals) + r_idx]
    out["row_no"] = pa.array(no, pa.int8(), mask=no == 0)
    return out


def applications_wide(ix: CellIndex) -> pa.Table:
    slot = {c: i for i, c in enumerate(APP_COL_ORDER)}
    groups, vals, ok = ix.pivot("applications", lambda r, c: slot.get(c, -1), len(APP_COL_ORDER))
    return finish("applications_wide", {**ix.head(groups), **_row_cols(ix, groups, "applications"),
                                        **_value_cols(APP_COL_ORDER, vals, ok)})


def review_litigation_wide(ix: CellIndex) -> pa.Table:
    slot = {k: i for i, k in enumerate(RL_WIDE_KEYS)}
    groups, vals, ok = ix.pivot("review_litigation", lambda r, c: slot.get((r, c), -1), len(RL_WIDE_KEYS))
    # one row per report: fold the row groups of a report (their slots never overlap)
    rpos = ix.g_rpos[groups]
    new = np.r_[True, rpos[1:] != rpos[:-1]] if len(rpos) else np.zeros(0, bool)
    first = np.flatnonzero(new)
    which = np.cumsum(new) - 1
    v = np.full((len(RL_WIDE_KEYS), len(first)), np.nan)
    o = np.zeros(v.shape, bool)
    slots, cols = np.nonzero(ok)
    v[slots, which[cols]] = vals[slots, cols]
    o[slots, which[cols]] = True
    g = groups[first]
    return finish("review_litigation_wide", {**ix.head(g), **ix.first(g, ("template",)),
                                             **_value_cols([f"{r}_{c}" for r, c in RL_WIDE_KEYS], v, o)})


def active_disclosure_wide(ix: CellIndex) -> pa.Table:
    slot = {c: i for i, c in enumerate(AD_WIDE_COLS)}
    groups, vals, ok = ix.pivot("active_disclosure", lambda r, c: slot.get(c, -1), len(AD_WIDE_COLS))
    out = {**ix.head(groups), **_row_cols(ix, groups, "active_disclosure"), **_value_cols(AD_WIDE_COLS, vals, ok)}
    out["unit"] = _first_unit(ix, groups)
    return finish("active_disclosure_wide", out)


def _first_unit(ix: CellIndex, groups: np.ndarray) -> pa.Array:
    """First non-null unit among the cells of each group (the groups of `table`)."""
    u_idx, u_vals = codes(ix.cells["unit"].combine_chunks())
    in_table = np.zeros(len(ix.starts), dtype=bool)
    in_table[groups] = True
    cell = np.flatnonzero((u_idx >= 0) & in_table[ix.gid])[::-1]  # reversed: the first unit is written last
    local_of = np.full(len(ix.starts), -1, dtype=np.int64)
    local_of[groups] = np.arange(len(groups))
    pick = np.full(len(groups), -1, dtype=np.int64)
    pick[local_of[ix.gid[cell]]] = u_idx[cell]
    return pa.DictionaryArray.from_arrays(pa.array(pick, pa.int32(), mask=pick < 0), pa.array(u_vals, pa.string()))


def build_wide(base: dict[str, pa.Table]) -> dict[str, pa.Table]:
    ix = CellIndex.of(base["cells"], base["reports"])
    return {
        "applications_wide": applications_wide(ix),
        "review_litigation_wide": review_litigation_wide(ix),
        "active_disclosure_wide": active_disclosure_wide(ix),
    }
