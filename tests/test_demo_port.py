"""`nianbao demo` keeps the port of a data directory's reports: the port is in every report URL
(so in report_id and the store's keys), and serving on another port because that one is taken
would store and write every report a second time."""

from __future__ import annotations

import socket

import pyarrow.parquet as pq

from nianbao.demo import _stored_port, run_demo


def test_demo_refuses_another_port_for_a_data_dir_with_reports(tmp_path, capsys) -> None:
    data = tmp_path / "demo"
    assert run_demo(data) == 0
    reports = pq.read_table(data / "tables" / "reports.parquet").num_rows
    port = _stored_port(data / "demo-registry.toml")
    assert port
    with socket.socket() as taken:  # another program (another demo) now has the port
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", port))
        taken.listen()
        capsys.readouterr()
        code = run_demo(data)
    assert code == 2
    err = capsys.readouterr().err
    assert f"error: cannot serve the mirror on 127.0.0.1:{port}, the port of the demo reports in {data}" in err
    assert pq.read_table(data / "tables" / "reports.parquet").num_rows == reports  # not doubled
