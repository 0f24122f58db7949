"""The command line: `nianbao extract` on the seed and on a directory, `crawl` argument errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED

from nianbao.cli import main


def test_extract_seed_writes_the_four_tables(tmp_path, capsys) -> None:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    code = main(["extract", str(SEED), "--out", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out
    assert "1 report(s) parsed: ok 1" in out and "1 report(s) written to" in out
    reports = pd.read_parquet(tmp_path / "reports.parquet")
    assert len(reports) == 1
    row = reports.iloc[0]
    assert (row["template"], row["status"], row["report_year"], row["region"]) == ("2021", "ok", 2025, "天津市静海区")
    assert row["publisher"] in ("中旺镇", "中旺镇人民政府")
    assert pd.isna(row["published_date"])
    assert row["table_source"] == "pipe_text"
    cells = pd.read_parquet(tmp_path / "cells.parquet")
    assert len(cells) == 200
    nonzero = cells[cells["value"] != 0]
    assert list(zip(nonzero["table"], nonzero["row_key"], nonzero["col_key"], nonzero["value"])) == [
        ("active_disclosure", "penalty", "decisions", 8.0)]
    checks = pd.read_parquet(tmp_path / "checks.parquet")
    assert len(checks) == 84 and checks["ok"].all()
    sections = pd.read_csv(tmp_path / "sections.csv", encoding="utf-8-sig")
    assert list(sections["section"]) == [1, 2, 3, 4, 5, 6]


def test_extract_directory_and_missing_file(tmp_path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_bytes("<html><body><p>无关页面</p></body></html>".encode("gbk"))
    (src / "b.txt").write_text("一、总体情况\n没有表格。", encoding="utf-8")
    code = main(["extract", str(src), str(tmp_path / "nope.html"), "--out", str(tmp_path / "out")])
    assert code == 1  # the missing file is an error, the two pages are still extracted
    reports = pd.read_parquet(tmp_path / "out" / "reports.parquet")
    assert sorted(reports["status"]) == ["failed", "no_tables", "no_tables"]
    missing = reports[reports["status"] == "failed"].iloc[0]
    assert (missing["source_path"], missing["status_reason"]) == (
        str(tmp_path / "nope.html"), "cannot read file: No such file or directory")
    assert "cannot read" in capsys.readouterr().err


def test_extract_records_the_input_path_of_each_report(tmp_path, monkeypatch) -> None:
    # a page saved without its URL can only be traced back through the path it was read from
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_bytes("<html><body><p>无关页面</p></body></html>".encode("gbk"))
    (src / "b.txt").write_text("一、总体情况\n没有表格。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "in", "--out", "out"]) == 0
    reports = pd.read_parquet(tmp_path / "out" / "reports.parquet")
    assert reports["source_url"].isna().all()
    assert sorted(reports["source_path"]) == [str(Path("in") / "a.html"), str(Path("in") / "b.txt")]


def test_extract_of_two_copies_of_one_report_keeps_the_ok_one_and_says_so(tmp_path, capsys, corpus_dir) -> None:
    # 002.txt is a text dump of the page 049.html (same URL, so same report_id); the dump reads
    # as partial, the page as ok: the ok copy must be written and the dropped copy named
    code = main(["extract", str(corpus_dir / "002.txt"), str(corpus_dir / "049.html"), "--out", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out
    assert "2 report(s) parsed: ok 1, partial 1" in out
    assert "1 duplicate report id(s): 1 copy dropped" in out
    assert "kept 049.html (ok, 198 cells), dropped 002.txt (partial, 179 cells) [better status]" in out
    assert "1 report(s) written to" in out and "reports 1," in out
    reports = pd.read_parquet(tmp_path / "reports.parquet")
    assert reports[["status", "n_cells"]].values.tolist() == [["ok", 198]]
    assert reports["source_path"].tolist() == [str(corpus_dir / "049.html")]


def test_crawl_unknown_site_id(tmp_path, capsys) -> None:
    code = main(["crawl", "--data", str(tmp_path), "--site", "nosuchsite"])
    assert code == 2
    assert "unknown site id" in capsys.readouterr().err


def test_extract_says_which_files_of_a_directory_it_skipped_and_names_each_page(tmp_path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_bytes("<html><body><p>无关页面</p></body></html>".encode())
    (src / "notes.json").write_text("{}")
    (src / "scan.png").write_bytes(b"\x89PNG")
    assert main(["extract", str(src), "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert "skipped 2 file(s) that are not report pages (.json 1, .png 1)" in err
    assert "a.html  not an annual report" in out


@pytest.mark.parametrize("problem", ["missing", "bad_toml", "bad_site", "registry_is_dir", "data_is_file",
                                     "data_under_file"])
def test_crawl_setup_errors_are_one_clean_line(tmp_path, capsys, problem) -> None:
    registry, data = tmp_path / "registry.toml", tmp_path / "data"
    registry.write_text('[[site]]\nid = "a"\nname = "A"\nentry_urls = ["http://127.0.0.1:9/"]\n', encoding="utf-8")
    if problem == "missing":
        registry = tmp_path / "nope.toml"
    elif problem == "bad_toml":
        registry.write_text("[[site]\nid=", encoding="utf-8")
    elif problem == "bad_site":
        registry.write_text('[[site]]\nid = "a"\nname = "A"\nentry_urls = ["ftp://x/"]\n', encoding="utf-8")
    elif problem == "registry_is_dir":
        registry = tmp_path
    elif problem == "data_is_file":
        data.write_text("x")
    else:
        (tmp_path / "f").write_text("x")
        data = tmp_path / "f" / "data"
    code = main(["crawl", "--registry", str(registry), "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("jobs", ["0", "-3", "abc"])
def test_jobs_below_one_is_a_usage_error(tmp_path, capsys, jobs) -> None:
    # --jobs 0 used to run silently on one process, as if it had been asked
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", jobs])
    assert stop.value.code == 2
    assert "argument --jobs/-j" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_demo_data_that_is_a_file_is_one_clean_line(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    data.write_text("x")
    assert main(["demo", "--data", str(data)]) == 2  # was a FileExistsError traceback, exit 1
    err = capsys.readouterr().err
    assert err.startswith("error: data directory ") and err.count("\n") == 1 and "Traceback" not in err, err


@pytest.mark.parametrize("what", ["missing", "directory"])
def test_crawl_names_the_registry_it_cannot_read(tmp_path, capsys, what) -> None:
    registry = tmp_path / "nope.toml" if what == "missing" else tmp_path
    assert main(["crawl", "--registry", str(registry), "--data", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot read --registry {registry}: "), err  # not "[Errno 2] ..."
    assert "Errno" not in err


def test_crawl_and_demo_help_name_their_defaults(capsys) -> None:
    for command in ("crawl", "demo"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
    out = capsys.readouterr().out
    assert "(default: scraper/registry.toml)" in out and "(default: data)" in out and "(default: data/demo)" in out


def test_summary_names_a_crawled_page_by_its_url_not_its_blob(capsys) -> None:
    from nianbao.cli import print_reports
    from parsers import Report

    sha = "8a3729b2bb526682e377eddadd19e2681c3bfd8eb4ee06012975a8dffdd957df"
    print_reports([Report("0259f01e8d51a3e4", source_url="http://x.gov.cn/nb/t20220124_5789233.html",
                          source_path=f"data/raw/blobs/8a/{sha}", status="ok")])
    out = capsys.readouterr().out
    assert "t20220124_5789233.html" in out and sha not in out
