"""Real report pages (../shared/corpus, not part of the repository) go through find_tables/table_grid.

Only shapes, a few template labels and the numbers already recorded in the corpus'
``NNN.expected.json`` are asserted; the page text itself is not copied here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parsers.grid import Grid, find_tables, node_text, parse_html, table_grid

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")

PERSON_COLS = [
    "natural_person",
    "commercial",
    "research",
    "social_org",
    "legal_service",
    "other_org",
    "total",
]
RESULT_COLS = ["upheld", "corrected", "other", "pending", "total"]


def load(name: str) -> tuple[list[Grid], dict]:
    path = CORPUS / f"{name}.html"
    if not path.exists():
        pytest.skip(f"{path.name} missing from the corpus")
    doc = parse_html(path.read_bytes())
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return [table_grid(t) for t in find_tables(doc)], expected


def numbers(texts: list[str]) -> list[int]:
    return [int(re.sub(r"\s", "", t)) for t in texts]


@pytest.mark.parametrize(
    ("name", "shapes"),
    [
        ("041", [(4, 14), (10, 28), (15, 4)]),  # 2021 template, article excerpt
        ("044", [(4, 14), (10, 28), (15, 4)]),  # 2021 template, full page with site chrome
        ("049", [(4, 18), (10, 26), (15, 4)]),  # 2019 template, Word-pasted HTML
    ],
)
def test_template_tables_found_with_their_shapes(name, shapes):
    grids, expected = load(name)
    assert [(g.width, g.height) for g in grids] == shapes
    for g in grids:
        assert g.overlaps == [] and not g.truncated
        assert all(s is not None for row in g.slots for s in row)  # every slot covered

    t2, t3, t4 = grids
    assert t2.row_texts(0)[0].startswith("第二十条")
    header = [re.sub(r"\s", "", t) for t in t3.row_texts(2)]
    assert header[3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3.row_texts(0)[3] == "申请人情况"
    assert t3.row_texts(3)[0].startswith("一、")
    assert t3.row_texts(t3.height - 1)[0].startswith("四、")
    assert re.sub(r"\s", "", t3.row_texts(t3.height - 2)[1]) == "（七）总计"
    assert t4.row_texts(0)[0] == "行政复议" and t4.row_texts(0)[5] == "行政诉讼"

    # The numbers agree with the hand-verified expectations of the same page.
    apps = expected["cells"]["applications"]
    assert numbers(t3.row_texts(3)[3:]) == [apps["new_received"][k] for k in PERSON_COLS]
    assert numbers(t3.row_texts(t3.height - 2)[3:]) == [apps["results_total"][k] for k in PERSON_COLS]
    assert numbers(t3.row_texts(t3.height - 1)[3:]) == [apps["carried_forward"][k] for k in PERSON_COLS]
    rl = expected["cells"]["review_litigation"]
    want = [rl[block][k] for block in ("review", "suit_direct", "suit_after_review") for k in RESULT_COLS]
    assert numbers(t4.row_texts(3)) == want


def test_044_applications_table_labels():
    grids, _ = load("044")
    t3 = grids[1]
    assert (t3.width, t3.height) == (10, 28)
    label = t3.slots[5][0]
    assert label is not None and label.text == "三、本年度办理结果"
    assert (label.row, label.col, label.rowspan, label.colspan) == (5, 0, 22, 1)
    assert t3.row_texts(1)[4] == "法人或其他组织"
    assert t3.row_texts(2)[4] == "商业\n企业"  # "商业</p><p>企业": the <p> boundary is kept
    assert t3.row_texts(1)[4:9] == ["法人或其他组织"] * 5  # colspan=5 repeats
    t4 = grids[2]
    assert t4.row_texts(2)[6] == "结果\n纠正"  # <br/> inside the header


def test_049_word_html_values_with_nbsp():
    grids, _ = load("049")
    t3 = grids[1]
    # Word split table 三 across a page: the rowspan=10 label appears twice.
    labels = [c for c in t3.cells if c.text == "三、本年度办理结果"]
    assert [(c.rowspan, c.colspan) for c in labels] == [(10, 1), (10, 1)]
    # Stray &nbsp; stay in the text (as U+00A0) for callers to normalise.
    assert any("\xa0" in c.text for c in t3.cells)
    t2 = grids[0]
    assert t2.row_texts(1)[1] == "本年新\n制作数量"


def test_042_pre2019_single_table_and_body_text():
    path = CORPUS / "042.html"
    if not path.exists():
        pytest.skip("042.html missing")
    doc = parse_html(path.read_bytes())
    tables = find_tables(doc)
    assert len(tables) == 1
    g = table_grid(tables[0])
    assert g.width == 4 and g.height > 10
    text = node_text(doc.body)
    # The Word list markers that leaked as escaped text are gone; real text around them stays.
    assert "supportLists" not in text and "[endif]" not in text
    assert "公共监管信息公开情况" in text
    assert "\n\n" not in text


@pytest.mark.parametrize("name", ["041", "042", "044", "049"])
def test_body_text_has_no_markup_or_script(name):
    path = CORPUS / f"{name}.html"
    if not path.exists():
        pytest.skip(f"{name}.html missing")
    text = node_text(parse_html(path.read_bytes()))
    assert "<!--" not in text and "function(" not in text and "{" not in text
    assert "政府信息公开" in text
