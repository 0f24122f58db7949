"""Table 四 blocks printed all blank in two layouts other district sites use (our own numbers):
a transposed table (one row per block) whose 行政复议 row is blank, and table 四 printed as two
tables (行政复议; 行政诉讼 with ten columns) whose 复议后起诉 block is blank."""

from __future__ import annotations

from parsers import parse_report

_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _page(tables: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>梧桐区水务局2023年政府信息公开工作年度报告</title></head>"
            "<body><div class='TRS_Editor'><p>四、政府信息公开行政复议、行政诉讼情况</p>"
            f"{tables}<p>五、存在的主要问题及改进情况</p><p>无。</p></div></body></html>").encode()


def _tr(*cells: str, span: int = 1) -> str:
    attr = f" colspan='{span}'" if span > 1 else ""
    return "<tr>" + "".join(f"<td{attr}>{c}</td>" for c in cells) + "</tr>"


def _rl(r: object) -> dict[tuple[str, str], tuple[str, float | None]]:
    return {(c.row_key, c.col_key): (c.value_kind, c.value) for c in r.cells if c.table == "review_litigation"}


def test_transposed_table_with_a_blank_review_row_reads_that_row_as_blank() -> None:
    table = ("<table>" + _tr("项目", *_RESULTS) + _tr("行政复议", "", "", "", "", "")
             + _tr("行政诉讼（未经复议直接起诉）", "2", "0", "1", "0", "3")
             + _tr("行政诉讼（复议后起诉）", "0", "0", "0", "0", "0") + "</table>")
    r = parse_report(_page(table))
    cells = _rl(r)
    assert len(cells) == 15
    assert all(cells[("review", c)] == ("blank", None) for c in ("upheld", "corrected", "other", "pending", "total"))
    assert cells[("suit_direct", "total")] == ("number", 3.0)
    assert not any(k.startswith("review_litigation") for k in r.undetermined)


def test_litigation_table_of_its_own_with_a_blank_after_review_block() -> None:
    review = ("<table>" + _tr("行政复议", span=5) + _tr(*_RESULTS) + _tr("1", "0", "0", "1", "2") + "</table>")
    suits = ("<table>" + _tr("行政诉讼", span=10) + _tr("未经复议直接起诉", "复议后起诉", span=5)
             + _tr(*_RESULTS, *_RESULTS) + _tr("0", "4", "0", "0", "4", "", "", "", "", "") + "</table>")
    r = parse_report(_page(review + "<p></p>" + suits))
    cells = _rl(r)
    assert len(cells) == 15, r.undetermined
    assert cells[("suit_direct", "corrected")] == ("number", 4.0)
    assert cells[("suit_direct", "total")] == ("number", 4.0)
    assert all(cells[("suit_after_review", c)] == ("blank", None)
               for c in ("upheld", "corrected", "other", "pending", "total"))
    assert cells[("review", "total")] == ("number", 2.0)


def test_blank_review_table_then_litigation_table_with_a_blank_after_review_block() -> None:
    review = "<table>" + _tr("行政复议", span=5) + _tr(*_RESULTS) + _tr("", "", "", "", "") + "</table>"
    suits = ("<table>" + _tr("行政诉讼", span=10) + _tr("未经复议直接起诉", "复议后起诉", span=5)
             + _tr(*_RESULTS, *_RESULTS) + _tr("6", "1", "", "", "7", "", "", "", "", "") + "</table>")
    r = parse_report(_page(review + suits))
    cells = _rl(r)
    assert len(cells) == 15, r.undetermined
    assert cells[("review", "total")] == ("blank", None)
    assert cells[("suit_direct", "upheld")] == ("number", 6.0)
    assert cells[("suit_after_review", "upheld")] == ("blank", None)
