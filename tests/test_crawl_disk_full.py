"""A full disk during `nianbao crawl`: one error line, a non-zero exit, the crawl stopped at once
(no pages downloaded that cannot be kept), nothing half-written left, the last tables kept, and a
rerun with room resumes without asking again for what was stored."""

from __future__ import annotations

import errno
import os
import tempfile

from crash_site import registry, site
from scraper_servers import Server

import output.write
import scraper.store
from nianbao.cli import main


def _tables(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:") or "Traceback" in line]


def test_raw_store_full_stops_the_crawl_and_a_rerun_resumes(tmp_path, capsys, monkeypatch) -> None:
    routes, reports = site(30)
    data = tmp_path / "data"
    real_mkstemp = tempfile.mkstemp
    calls = 0

    def mkstemp_on_a_full_disk(*args, **kw):
        # a blob temp file whose writes fail as on a full disk (/dev/full answers ENOSPC) once
        # the first eight pages are stored: the real kernel error, through the real write path
        nonlocal calls
        calls += 1
        fd, name = real_mkstemp(*args, **kw)
        if calls > 8:
            os.dup2(os.open("/dev/full", os.O_WRONLY), fd)
        return fd, name

    with Server(routes) as srv:
        reg = str(registry(tmp_path, srv))
        monkeypatch.setattr(scraper.store.tempfile, "mkstemp", mkstemp_on_a_full_disk)
        assert main(["crawl", "--registry", reg, "--data", str(data)]) == 1
        err = capsys.readouterr().err
        assert _error_lines(err) == [
            f"error: cannot write the raw store {data / 'raw'}: No space left on device; the crawl stopped "
            f"(run it again to resume), the tables in {data / 'tables'} are left as they were"]
        asked = {p for p in srv.paths() if p in reports}
        # stopped at the failure: only the requests already in flight (concurrency 2) went out after it
        assert len(asked) <= 8 + 2, f"{len(asked)} of {len(reports)} reports requested after the disk filled"
        assert not [p for p in (data / "raw" / "blobs").rglob(".tmp-*")]  # no half-written temp file
        assert not any((data / "tables").glob("*.parquet"))  # no tables from a store known to be short

        monkeypatch.undo()  # room again
        stored = scraper.store.RawStore(data)
        kept = {r["url"].split(srv.netloc, 1)[1] for r in stored.fetches() if r["outcome"] == "ok"}
        stored.close()
        before = len(srv.hits)
        assert main(["crawl", "--registry", reg, "--data", str(data)]) == 0
        again = [p for p in srv.paths()[before:] if p in kept and p in reports]
    assert again == []  # the rerun resumed: nothing stored before was requested again
    out = capsys.readouterr().out
    assert "30 report(s) written" in out


def test_tables_that_cannot_be_written_keep_the_last_set(tmp_path, capsys, monkeypatch) -> None:
    routes, _ = site(3)
    data = tmp_path / "data"
    with Server(routes) as srv:
        reg = str(registry(tmp_path, srv))
        assert main(["crawl", "--registry", reg, "--data", str(data)]) == 0
        last = _tables(data / "tables")
        capsys.readouterr()

        def full(*args, **kw):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(output.write, "write_parquet", full)
        assert main(["crawl", "--registry", reg, "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert _error_lines(err) == [f"error: cannot write the tables to {data / 'tables'}: No space left on device; "
                                 "the tables there are left as they were"]
    assert _tables(data / "tables") == last  # byte for byte, and no staging directory left


def test_a_tables_path_that_is_a_file_is_refused_before_crawling(tmp_path, capsys) -> None:
    routes, _ = site(2)
    data = tmp_path / "data"
    data.mkdir()
    (data / "tables").write_text("not a directory")
    with Server(routes) as srv:
        code = main(["crawl", "--registry", str(registry(tmp_path, srv)), "--data", str(data)])
        assert len(srv.hits) == 0  # not after the whole crawl
    assert code == 2
    assert _error_lines(capsys.readouterr().err) == [f"error: {data / 'tables'} is a file, not a directory"]
