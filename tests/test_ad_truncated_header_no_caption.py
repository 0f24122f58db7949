"""Table 二 printed as separate block tables with no 第二十条 caption and an empty 信息内容
cell, the 2019 (一) block's headers cut after the line break ("本年新 | 本年新 | 对外公开总数量",
as some 2019/2020 pages print them): the block is read, 本年新制作 then 本年新公开 in the
template's order, as when the 信息内容 cell is printed. Our own numbers."""

from __future__ import annotations

from parsers import parse_report


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _page(first_head: str) -> bytes:
    block1 = "<table>" + _tr(first_head, "本年新", "本年新", "对外公开总数量") + _tr("规章", "3", "2", "40") \
        + _tr("规范性文件", "5", "5", "61") + "</table>"
    block2 = "<table>" + _tr("", "上一年项目数量", "本年增/减", "处理决定数量") + _tr("行政许可", "12", "+1", "300") + "</table>"
    return ("<html><head><meta charset='utf-8'><title>梧桐县某镇2020年政府信息公开工作年度报告</title></head><body>"
            f"<div class='TRS_Editor'><p>二、主动公开政府信息情况</p>{block1}{block2}</div></body></html>").encode()


def _ad(r: object) -> dict[tuple[str, str], float | None]:
    return {(c.row_key, c.col_key): c.value for c in r.cells if c.table == "active_disclosure"}


def test_truncated_headers_under_an_empty_first_cell() -> None:
    cells = _ad(parse_report(_page("")))
    assert cells[("regulations", "made")] == 3.0
    assert cells[("regulations", "published")] == 2.0
    assert cells[("normative_documents", "total_published")] == 61.0
    assert cells[("licensing", "change")] == 1.0


def test_same_as_with_the_info_cell_printed() -> None:
    assert _ad(parse_report(_page(""))) == _ad(parse_report(_page("信息内容")))
