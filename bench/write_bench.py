"""Benchmark of the exporters: cells/s for building and writing Parquet and CSV.

    .venv/bin/python bench/write_bench.py                 # 100,000 synthetic reports
    .venv/bin/python bench/write_bench.py --n 2000 --report-n 500 --out /tmp/wb

The big run generates the columns of 100,000 reports directly (a `Batch`, the same structure
`batch_from_reports` produces from `Report` objects: ~200 template cells, 84 checks and 6 sections
per report, 80 % on the 2021 template and 20 % on 2019) and passes them through the real
`build_base` + `write_arrow_tables`. A second, smaller run goes through `Report` objects and
`write_tables`, to show the cost of the Python objects. "End to end" is build + wide views +
write (fsync included), per format.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from output.build import Batch, build_base  # noqa: E402
from output.write import write_arrow_tables, write_tables  # noqa: E402
from parsers.model import Cell, Check, Report, Section  # noqa: E402
from parsers.templates import APP_ROW_ORDER, RL_ROW_ORDER, all_cell_keys, col_label, row_label  # noqa: E402

TEMPLATES = ("2021", "2019")


def _dict(codes: np.ndarray, values: list[str], mask: np.ndarray | None = None) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32), mask=mask), pa.array(values))


def _check_names(template: str) -> list[str]:
    from parsers.templates import APP_COL_ORDER, RL_COL_ORDER  # noqa: F401

    names = [f"applications.{k}.{c}" for c in APP_COL_ORDER for k in ("balance", "results_total")]
    names += [f"applications.row_total.{r}" for r in APP_ROW_ORDER[template]]
    return names + [f"review_litigation.total.{r}" for r in RL_ROW_ORDER]


def synthetic_batch(n: int, seed: int = 7) -> Batch:
    """Columns of `n` reports, generated with numpy (no per-cell Python)."""
    rng = np.random.default_rng(seed)
    ids = sorted({f"{x:016x}" for x in rng.integers(0, 2**63, size=n + n // 100)})[:n]
    tmpl = np.where(np.arange(n) % 5 == 4, 1, 0)  # every fifth report on the 2019 template
    # per-template blocks of (table, row, col, template, labels) codes into shared dictionaries
    dicts: dict[str, dict[str, int]] = {k: {} for k in ("table", "row", "col", "tmpl", "rl", "cl", "check")}

    def code(kind: str, v: str) -> int:
        return dicts[kind].setdefault(v, len(dicts[kind]))

    blocks, check_blocks = [], []
    for t in TEMPLATES:
        keys = all_cell_keys(t)
        blocks.append(np.array([(code("table", a), code("row", r), code("col", c), code("tmpl", t),
                                 code("rl", row_label(a, r)), code("cl", col_label(a, c))) for a, r, c in keys]))
        names = _check_names(t)
        check_blocks.append(np.array([code("check", c) for c in names for _ in (0, 1)]))
    per = np.array([len(b) for b in blocks])[tmpl]
    cells = np.concatenate([blocks[t] for t in tmpl])
    m = len(cells)
    vals = rng.choice(np.array([0, 0, 0, 1, 2, 3, 5, 8, 13, 120, 4567]), size=m).astype(np.float64)
    blank = rng.random(m) < 0.02
    value = pa.array(vals, mask=blank)
    raw = pc.if_else(pa.array(blank), "", pa.array(vals.astype(np.int64)).cast(pa.string()))
    kinds = ["number", "blank"]
    units = ["万元"]
    unit_codes = np.zeros(m, np.int64)
    cell_cols = {
        "table": _dict(cells[:, 0], list(dicts["table"])), "row_key": _dict(cells[:, 1], list(dicts["row"])),
        "col_key": _dict(cells[:, 2], list(dicts["col"])), "template": _dict(cells[:, 3], list(dicts["tmpl"])),
        "row_label": _dict(cells[:, 4], list(dicts["rl"])), "col_label": _dict(cells[:, 5], list(dicts["cl"])),
        "value": value, "value_raw": raw, "value_kind": _dict(blank.astype(np.int64), kinds),
        "unit": _dict(unit_codes, units, mask=cells[:, 2] != dicts["col"].get("amount_10k_yuan", -1)),
    }
    chk = np.concatenate([check_blocks[t] for t in tmpl])
    k = len(chk)
    exp = rng.integers(0, 200, size=k).astype(np.float64)
    act = np.where(rng.random(k) < 0.03, exp + 1, exp)
    unknown = rng.random(k) < 0.01
    check_cols = {
        "check": _dict(chk, list(dicts["check"])), "mode": _dict(np.arange(k) % 2, ["strict", "lenient"]),
        "expected": pa.array(exp, mask=unknown), "actual": pa.array(act),
        "ok": pa.array(exp == act, mask=unknown),
    }
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    texts = pa.array([f"{h}。" + "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。" * (i + 1)
                      for i, h in enumerate(headings)])
    sec = np.tile(np.arange(6), n)
    section_cols = {"section": pa.array((sec + 1).astype(np.int8)), "heading": _dict(sec, headings),
                    "text": texts.take(pa.array(sec))}
    years = np.where(tmpl == 1, 2019 + np.arange(n) % 2, 2021 + np.arange(n) % 4)
    pubs = [f"某区第{i % 3000}局" for i in range(n)]
    reports = {
        "report_id": ids, "source_url": [f"https://www.example.gov.cn/ndbg/{i}.html" for i in ids],
        "source_path": [None] * n,
        "fetched_at": pa.array(1_709_280_000_000_000 + np.arange(n, dtype=np.int64) * 1_000_000,
                               pa.timestamp("us", "UTC")),
        "content_sha256": [i * 4 for i in ids], "site": ["www.example.gov.cn"] * n, "publisher": pubs,
        "region": [f"某省某市{i % 300}区" for i in range(n)], "report_year": years.astype(np.int16),
        "title": [f"{p}{y}年政府信息公开工作年度报告" for p, y in zip(pubs, years, strict=True)],
        "published_date": pa.array((years - 1970 + 1) * 365, pa.int32()).cast(pa.date32()),
        "template": [TEMPLATES[t] for t in tmpl], "table_source": ["html"] * n, "table_form": ["grid"] * n, "status": ["ok"] * n,
        "status_reason": [""] * n, "parser_version": ["0.3.0"] * n, "encoding": ["utf-8"] * n,
        "n_cells": per.astype(np.int32), "n_undetermined": np.zeros(n, np.int32),
        "undetermined_cells": [""] * n, "unknown_labels": [""] * n, "warnings": [""] * n,
        "table_templates": [f"applications={TEMPLATES[t]}" for t in tmpl], "n_attachments": np.zeros(n, np.int16),
    }
    return Batch(reports, cell_cols, per, check_cols, np.array([len(check_blocks[t]) for t in tmpl]),
                 section_cols, np.full(n, 6))


def synthetic_reports(n: int) -> list[Report]:
    """`n` Report objects with the cells of the synthetic batch (for the object path)."""
    b = synthetic_batch(n, seed=11)
    cols = [b.cells[f].to_pylist() for f in Cell._fields]
    cells = [Cell(*t) for t in zip(*cols, strict=True)]
    ccols = [b.checks[f].to_pylist() for f in Check._fields]
    checks = [Check(*t) for t in zip(*ccols, strict=True)]
    out, i, j = [], 0, 0
    for r in range(n):
        rec = {k: (v[r].as_py() if isinstance(v, pa.Array) else v[r].item() if isinstance(v, np.ndarray) else v[r])
               for k, v in b.reports.items()}
        rec["fetched_at"] = rec["fetched_at"].isoformat()
        rec["published_date"] = rec["published_date"].isoformat()
        for k in ("n_cells", "n_undetermined", "undetermined_cells", "table_templates", "n_attachments"):
            rec.pop(k)
        rec["unknown_labels"], rec["warnings"] = [], []  # lists on a Report; the table columns join them
        c, k = int(b.cell_counts[r]), int(b.check_counts[r])
        out.append(Report(**rec, cells=cells[i:i + c], checks=checks[j:j + k],
                          sections=[Section(s + 1, "标题", "正文") for s in range(6)]))
        i, j = i + c, j + k
    return out


def _rate(cells: int, seconds: float) -> str:
    return f"{cells / seconds / 1e6:6.2f} M cells/s ({seconds:6.2f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="synthetic reports (column path)")
    ap.add_argument("--report-n", type=int, default=5_000, help="reports for the Report-object path")
    ap.add_argument("--out", type=Path, default=None, help="scratch directory (default: a temp dir)")
    ap.add_argument("--no-csv", action="store_true")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    try:
        t = time.perf_counter()
        batch = synthetic_batch(args.n)
        n_cells = int(batch.cell_counts.sum())
        print(f"{args.n:,} reports, {n_cells:,} cells ({n_cells / args.n:.0f}/report), "
              f"{int(batch.check_counts.sum()):,} checks; generated in {time.perf_counter() - t:.1f} s")
        t0 = time.perf_counter()
        base = build_base(batch)
        t_base = time.perf_counter() - t0
        res = write_arrow_tables(base, out / "pq", formats=("parquet",))
        t_pq = time.perf_counter() - t0
        print(f"build base tables     {_rate(n_cells, t_base)}")
        print(f"wide views            {_rate(n_cells, res.seconds['wide'])}  (overlaps the writes)")
        print(f"write parquet         {_rate(n_cells, res.seconds['parquet'])}  (sum over 2 threads)")
        print(f"END TO END parquet    {_rate(n_cells, t_pq)}")
        size = sum(p.stat().st_size for p in res.paths)
        print(f"  parquet bytes: {size / 2**20:,.0f} MiB")
        if not args.no_csv:
            t0 = time.perf_counter()
            res = write_arrow_tables(build_base(batch), out / "csv", formats=("csv",))
            t_csv = time.perf_counter() - t0
            print(f"write csv             {_rate(n_cells, res.seconds['csv'])}  (sum over 2 threads)")
            print(f"END TO END csv        {_rate(n_cells, t_csv)}")
            print(f"  csv bytes: {sum(p.stat().st_size for p in res.paths) / 2**20:,.0f} MiB")
        del base, batch
        if args.report_n:
            reps = synthetic_reports(args.report_n)
            rc = sum(len(r.cells) for r in reps)
            t0 = time.perf_counter()
            res = write_tables(reps, out / "obj", formats=("parquet",))
            t_obj = time.perf_counter() - t0
            print(f"Report objects ({args.report_n:,} reports, {rc:,} cells): END TO END parquet "
                  f"{_rate(rc, t_obj)}  [build {res.seconds['build']:.2f} s]")
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.1f} GiB")
    finally:
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
