"""One crawl per data directory: a second `nianbao crawl` is refused in one line (exit 2) while
the first runs, and a crawl that holds the directory sweeps a dead writer's temp files; SIGTERM
stops a crawl as Ctrl-C does."""

from __future__ import annotations

import signal
import subprocess

from crash_site import COLUMN, Blocker, cli, cli_env, registry, site
from scraper_servers import Server

from nianbao.cli import main


def test_second_crawl_on_the_same_data_dir_is_refused(tmp_path, capsys) -> None:
    routes, reports = site(3)
    column = routes[COLUMN] = Blocker(routes[COLUMN])
    data = tmp_path / "data"
    with Server(routes) as srv:
        reg = registry(tmp_path, srv)
        first = subprocess.Popen(cli("crawl", "--registry", str(reg), "--data", str(data)), env=cli_env(),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            assert column.arrived.wait(20), "the first crawl never reached the column page"
            hits = len(srv.hits)
            code = main(["crawl", "--registry", str(reg), "--data", str(data)])  # while the first waits
            err = capsys.readouterr().err
            assert code == 2
            assert err.strip().splitlines()[-1].startswith(f"error: data directory {data} is in use by another "
                                                           f"nianbao crawl (pid {first.pid})")
            assert len(srv.hits) == hits  # the refused crawl asked the site nothing
        finally:
            column.release()
            _, first_err = first.communicate(timeout=60)
        assert first.returncode == 0, first_err.decode()
    assert all(srv.count(p) == 1 for p in reports)


def test_a_crawl_sweeps_the_temp_files_of_a_dead_one(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    blob_tmp = data / "raw" / "blobs" / "ab" / ".tmp-k9x2"  # put_blob's temp, left by a kill -9
    cache_tmp = data / "parsed" / "0123abcd-0.1.0.pickle.tmp"  # the parse cache's temp, same
    for p in (blob_tmp, cache_tmp):
        p.parent.mkdir(parents=True)
        p.write_bytes(b"half a page")
    routes, _ = site(2)
    with Server(routes) as srv:
        assert main(["crawl", "--registry", str(registry(tmp_path, srv)), "--data", str(data)]) == 0
    assert not blob_tmp.exists() and not cache_tmp.exists()


def test_sigterm_stops_a_crawl_like_ctrl_c(tmp_path) -> None:
    routes, _ = site(3)
    column = routes[COLUMN] = Blocker(routes[COLUMN])
    with Server(routes) as srv:
        # Ctrl-C enabled in the child even when the suite runs as a shell's background job (which
        # starts with SIGINT ignored, and then SIGTERM rightly keeps its default: death)
        proc = subprocess.Popen(cli("crawl", "--registry", str(registry(tmp_path, srv)), "--data",
                                    str(tmp_path / "data")), env=cli_env(),
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            assert column.arrived.wait(20)
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        finally:
            column.release()
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    # the process unwound (finally blocks ran, the run stays open for a resume) and said so
    assert proc.returncode == 128 + signal.SIGTERM, err.decode()
    assert err.decode().rstrip().endswith("terminated")
