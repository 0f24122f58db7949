"""A pipe copy's cell holding two values (its `|` lost) is cut at its space even when a value
carries a footnote mark after its digits ("1 0①"): the mark is that value's. Only a mark that
is no footnote of a value ("①5 3", "① 3") keeps the cell whole."""

from __future__ import annotations

import pytest

from parsers import parse_report
from parsers.pipe_repair import split_value_cells

_RL = ["1", "0", "2", "0", "3", "0", "0", "1", "0", "1", "0", "0", "0", "0", "0"]


def _pipe_rl(values: list[str]) -> bytes:
    lines = ["某区某局2019年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"]
    heads = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2, values]
    for cells in heads:
        lines.append("|")
        lines += [f"{c} |" for c in cells[:-1]] + [f"{cells[-1]} |" + "|" * (15 - len(cells))]
    return "\n".join([*lines, "五、存在的主要问题及改进情况", "无。"]).encode("utf-8")


@pytest.mark.parametrize("merged", ["1 0①", "1 0²", "1① 0", "1 0₁"])
def test_two_values_in_one_pipe_cell_with_a_footnote_mark_are_cut(merged: str) -> None:
    # table 四's first two cells in one ("1 0①"): the table was lost whole, no cell of it reported
    r = parse_report(_pipe_rl([merged, *_RL[2:]]), None, filename="x.txt")
    got = [c.value for c in r.cells if c.table == "review_litigation"]
    assert got == [float(v) for v in _RL]


def test_a_mark_before_a_value_keeps_the_cell_whole() -> None:
    assert split_value_cells(["①5 3", "① 3", "⒈3 4"]) == ["①5 3", "① 3", "⒈3 4"]
    assert split_value_cells(["1 0①", "3² 4"]) == ["1", "0①", "3²", "4"]
