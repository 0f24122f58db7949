"""Glued rows whose printed numbers break the identities (a source error, or a blank cell that
vanished from the run): the split that makes the sums hold best is not the printed one, so no
reading is chosen by them. Texts are ours, built from the template labels.
"""

from __future__ import annotations

from test_glued import RL_HEADER, _values, app_text

from parsers.glued import extract_glued_tables

APP_COLS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total")
RL_KEYS = [f"review_litigation.{r}.{c}" for r in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]


def test_an_inconsistent_table_three_does_not_pick_the_split_that_breaks_fewest_identities() -> None:
    # printed: 予以公开 and 总计 1|11|0|0|0|0|12 (also readable 11|1|… and 1|1|10|…, each meeting
    # its total); 本年新收 11 1 0 1 0 0 13 is wrong in the source. Reading both glued rows as
    # 11|1 would leave one identity failing instead of three: a guess that fixes the sums
    rows = {"new_received": "11 1 0 1 0 0 13", "granted": "111000012", "results_total": "111000012"}
    r = extract_glued_tables(app_text(rows) + RL_HEADER + "0" * 15)
    v = _values(r)
    for row in ("granted", "results_total"):
        for col in ("natural_person", "commercial", "research"):
            assert f"applications.{row}.{col}" not in v, (row, col, v.get(f"applications.{row}.{col}"))
            assert f"applications.{row}.{col}" in r.undetermined
        assert [v[f"applications.{row}.{c}"] for c in APP_COLS[3:]] == [0, 0, 0, 12]
    assert [v[f"applications.new_received.{c}"] for c in APP_COLS] == [11, 1, 0, 1, 0, 0, 13]  # as printed


def test_a_glued_row_no_reading_of_which_meets_its_total_is_not_read_by_position() -> None:
    # 0|blank|0|11|0|11|22 printed "001101122": every 7-cell reading fails the row total, and the
    # "0|0" they agree on is 自然人 and 科研机构, not 自然人 and 商业企业
    r = extract_glued_tables(app_text({"denied_law_forbidden": "001101122"}) + RL_HEADER + "0" * 15)
    v = _values(r)
    assert not any(f"applications.denied_law_forbidden.{c}" in v for c in APP_COLS)
    assert "none meets the row's own total" in r.undetermined["applications.denied_law_forbidden.commercial"]
    assert v["applications.granted.natural_person"] == 0


def test_a_table_four_run_no_reading_of_which_meets_the_block_totals_is_not_read_by_position() -> None:
    # 100|10|0|blank|110 | 0|blank|0|0|0 | 0×5 printed as one run: 16 readings, each failing
    # 行政复议's total; the zeros they agree on are not 行政诉讼's cells in order
    r = extract_glued_tables(app_text({}) + RL_HEADER + "100100110" + "0" * 9)
    v = _values(r)
    assert not any(k in v for k in RL_KEYS)
    assert set(RL_KEYS) <= set(r.undetermined)
    # one reading only (15 digits): read as printed even though 行政复议's total fails
    r = extract_glued_tables(app_text({}) + RL_HEADER + "000020000000000")
    assert _values(r)["review_litigation.review.total"] == 2
