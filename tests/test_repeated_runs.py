"""The tables over repeated runs: `extract --merge` of a folder whose files change, and crawls of
a site whose reports change or leave (loopback servers the tests start)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from nianbao.cli import main

SITE = Path(__file__).parent / "fixtures" / "site" / "jhqzf" / "zwgk_28985"
QBGS2022 = SITE / "zfxxgk_qjjg1/qbgs1/zfxxgknb3/202301/t20230118_6012835.html"
NEW_RECEIVED = re.compile("本年新收政府信息公开申请数量".encode() + rb".*?</tr>", re.S)


def corrected(page: bytes, add: int) -> bytes:
    """`page` with the total of table 三's 本年新收 row raised by `add` (a number corrected)."""
    row = NEW_RECEIVED.search(page).group(0)
    last = re.findall(rb">(\d+)<", row)[-1]
    return page.replace(row, row.replace(b">" + last + b"<", b">%d<" % (int(last) + add)))


def new_received(out: Path) -> list[float]:
    cells = pd.read_parquet(out / "cells.parquet")
    rows = cells[(cells["table"] == "applications") & (cells["row_key"] == "new_received")
                 & (cells["col_key"] == "total")]
    return sorted(rows["value"])


def test_merge_of_a_url_less_file_corrected_in_place_replaces_its_old_reading(tmp_path, capsys) -> None:
    # a saved page without <meta name="Url">: its report_id comes from its bytes, so the corrected
    # file has a new id; merging the folder again must not keep the old reading beside the new one
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    page = re.sub(rb'<meta name="Url"[^>]*>', b"", QBGS2022.read_bytes())
    (folder / "qbgs2022.html").write_bytes(page)
    (folder / "other.html").write_bytes(corrected(page, 1000))  # another file, kept throughout
    assert main(["extract", str(folder), "--out", str(out)]) == 0
    before = new_received(out)
    assert len(before) == 2
    (folder / "qbgs2022.html").write_bytes(corrected(page, 100))
    main(["extract", str(folder / "qbgs2022.html"), "--out", str(out), "--merge"])
    reports = pd.read_parquet(out / "reports.parquet")
    assert len(reports) == 2 and reports["duplicate_of"].isna().all()
    assert new_received(out) == sorted([before[0] + 100, before[1]])
    # a merge of another file leaves both alone
    (tmp_path / "third.html").write_bytes(corrected(page, 7))
    main(["extract", str(tmp_path / "third.html"), "--out", str(out), "--merge"])
    assert new_received(out) == sorted([before[0] + 7, before[0] + 100, before[1]])
    capsys.readouterr()


def test_recrawl_flags_the_stored_reports_it_no_longer_finds_and_keeps_them(tmp_path) -> None:
    from scraper_servers import Server, Static, crawl, links, make_site, page, report_html

    from nianbao.pipeline import extract_store

    t1, t2 = "某镇2024年政府信息公开工作年度报告", "某镇2023年政府信息公开工作年度报告"
    routes = {"/nb/index.html": Static(page("政府信息公开年报", links(("/nb/t1.html", t1), ("/nb/t2.html", t2)))),
              "/nb/t1.html": Static(report_html(t1)), "/nb/t2.html": Static(report_html(t2))}
    with Server(routes) as srv:
        site = make_site(srv, "/nb/index.html", column=True)
        first, _ = crawl(tmp_path, site)
        assert first.sites[0].not_seen == 0 and not first.sites[0].warnings
        # the 2023 report leaves the site (unlisted and 404): the re-crawl says so
        srv.routes["/nb/index.html"] = Static(page("政府信息公开年报", links(("/nb/t1.html", t1))))
        del srv.routes["/nb/t2.html"]
        second, _ = crawl(tmp_path, site)
    summary = second.sites[0]
    assert summary.ok and summary.reports_found == 1 and summary.not_seen == 1
    assert any("1 report(s) stored by an earlier run not found in this one" in w for w in summary.warnings)
    assert "not found in this one" in second.render_summary()
    reports, _ = extract_store(tmp_path, tmp_path / "tables", stream=None)
    assert sorted(r.source_url.rsplit("/", 1)[1] for r in reports) == ["t1.html", "t2.html"]  # kept, as documented


def test_crawl_says_when_it_drops_reports_merged_into_its_tables_by_extract(tmp_path, capsys) -> None:
    from scraper_servers import Server, Static, crawl, links, make_site, page, report_html

    from nianbao.pipeline import extract_store

    t1 = "某镇2024年政府信息公开工作年度报告"
    routes = {"/nb/index.html": Static(page("政府信息公开年报", links(("/nb/t1.html", t1)))),
              "/nb/t1.html": Static(report_html(t1))}
    tables = tmp_path / "tables"
    with Server(routes) as srv:
        site = make_site(srv, "/nb/index.html", column=True)
        crawl(tmp_path, site)
        extract_store(tmp_path, tables, stream=None)
        saved = tmp_path / "saved.html"
        saved.write_bytes(QBGS2022.read_bytes())
        main(["extract", str(saved), "--out", str(tables), "--merge"])
        assert len(pd.read_parquet(tables / "reports.parquet")) == 2
        capsys.readouterr()
        crawl(tmp_path, site)
        extract_store(tmp_path, tables, stream=None)
    err = capsys.readouterr().err
    assert "warning: 1 report(s) in" in err and "that no crawl stored" in err
    assert len(pd.read_parquet(tables / "reports.parquet")) == 1  # the crawl's tables are the store's
    extract_store(tmp_path, tables, stream=None)  # nothing foreign left: no warning
    assert "no crawl stored" not in capsys.readouterr().err
