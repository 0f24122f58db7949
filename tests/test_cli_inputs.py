"""`extract` on a messy folder: every page ends up in the tables or in a `failed` row saying why,
and no input mistake costs the previous run's tables or the whole run's work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from nianbao.cli import main

REPO = Path(__file__).resolve().parents[1]
PAGE = "<html><head><title>某镇2023年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p></body></html>"


def _reports(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "reports.parquet")


def _folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "linked.html").write_text(PAGE.replace("2023", "2022"), encoding="utf-8")
    (src / "sub" / "linkdir").symlink_to(tmp_path / "elsewhere")  # a linked folder of pages
    (src / "sub" / "up").symlink_to(src)  # a link back up the tree: walked once
    (src / "dangling.html").symlink_to(tmp_path / "gone.html")
    os.mkfifo(src / "fifo.html")  # reading it would block forever
    return src


def test_linked_folders_are_walked_and_unreadable_pages_are_failed_rows(tmp_path, capsys) -> None:
    src = _folder(tmp_path)
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    got = _reports(tmp_path / "out").sort_values("source_path")
    assert [(Path(p).relative_to(src).as_posix(), s, r) for p, s, r in
            zip(got["source_path"], got["status"], got["status_reason"], strict=True)] == [
        ("a.html", "no_tables", got["status_reason"].iloc[0]),
        ("dangling.html", "failed", "cannot read file: broken symbolic link"),
        ("fifo.html", "failed", "cannot read file: not a regular file"),
        ("sub/linkdir/linked.html", "no_tables", got["status_reason"].iloc[3]),
    ]
    assert got["report_id"].is_unique
    err = capsys.readouterr().err
    assert "cannot read" in err and "dangling.html" in err


def test_nothing_readable_leaves_the_previous_tables(tmp_path, capsys) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a.html"), "--out", str(out)]) == 0
    before = (out / "reports.parquet").read_bytes()
    (tmp_path / "empty").mkdir()
    for typo in (str(tmp_path / "typo_dir"), str(tmp_path / "empty")):
        assert main(["extract", typo, "--out", str(out)]) == 2
        assert "no report page could be read" in capsys.readouterr().err
        assert (out / "reports.parquet").read_bytes() == before


def test_an_unusable_out_is_one_line_before_any_parsing(tmp_path, capsys) -> None:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "afile").write_text("x")
    assert main(["extract", str(tmp_path / "a.html"), "--out", str(tmp_path / "afile")]) == 2
    assert main(["extract", str(tmp_path / "a.html"), "--out", str(tmp_path / "afile" / "sub")]) == 2
    cap = capsys.readouterr()
    assert cap.err.count("error:") == 2 and "Traceback" not in cap.err and cap.out == ""


def test_file_name_that_is_not_utf8(tmp_path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / os.fsdecode(b"bad\xffname.html")).write_text(PAGE, encoding="utf-8")
    assert main(["extract", str(src), "--out", str(tmp_path / "out")]) == 0
    assert [Path(p).name for p in _reports(tmp_path / "out")["source_path"]] == ["bad\\xffname.html"]
    assert "bad\\xffname.html" in capsys.readouterr().out


def test_same_empty_file_twice_under_two_names_is_two_failed_rows(tmp_path) -> None:
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_bytes(b"")
    assert main(["extract", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--out", str(tmp_path / "out")]) == 1
    got = _reports(tmp_path / "out")
    assert sorted(got["status_reason"]) == ["empty input: nothing to parse"] * 2 and got["report_id"].is_unique


def test_a_closed_pipe_on_stdout_does_not_cost_the_tables(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):
        (src / f"p{i:02d}.html").write_text(PAGE.replace("2023", str(1990 + i)), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "nianbao", "extract", str(src), "--out", str(out), "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    assert proc.wait(120) in (0, 1)
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read().decode()
    assert len(_reports(out)) == 30


def test_progress_on_stderr_for_a_big_batch(tmp_path, capsys) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        (src / f"p{i:02d}.txt").write_text(f"某镇{i}年\n一、总体情况\n无。", encoding="utf-8")
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "extract: 50/60 pages parsed" in err and "extract: 60/60 pages parsed" in err


def test_merge_keeps_the_reports_of_earlier_batches(tmp_path) -> None:
    for year in (2022, 2023):
        (tmp_path / f"{year}.html").write_text(PAGE.replace("2023", str(year)), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "2022.html"), "--out", str(out)]) == 0
    assert main(["extract", str(tmp_path / "2023.html"), "--out", str(out), "--merge"]) == 0
    assert sorted(_reports(out)["report_year"]) == [2022, 2023]
    assert main(["extract", str(tmp_path / "2023.html"), "--out", str(out)]) == 0  # no --merge: replaced
    assert list(_reports(out)["report_year"]) == [2023]
