"""Status reasons: a partial report that also fails a strict identity says so."""

from __future__ import annotations

from golden_io import golden_pages, parse_page

from parsers import parse_report
from parsers.status import finish


def _ok_2021_report():
    for page in golden_pages():
        r = parse_page(page)
        if r.status == "ok" and r.template == "2021":
            return r
    raise AssertionError("no ok 2021 page in the mirror")


def test_partial_report_names_the_strict_identities_it_fails():
    r = _ok_2021_report()
    # one cell could not be read (partial) and another is printed wrong (a strict failure)
    r.undetermined["review_litigation.review.upheld"] = "glued digits: 1|23 or 12|3"
    r.cells = [c for c in r.cells if (c.table, c.row_key, c.col_key) != ("review_litigation", "review", "upheld")]
    r.cells = [c._replace(value=c.value + 7) if (c.table, c.row_key, c.col_key) == ("applications", "granted", "total")
               else c for c in r.cells]
    finish(r)
    assert r.status == "partial"  # schema.md: partial comes before inconsistent
    assert r.status_reason.startswith("1 cell(s) undetermined: review_litigation.review.upheld")
    assert r.status_reason.endswith("; also fails applications.results_total.total, "
                                    "applications.row_total.granted (strict)")


def test_partial_report_without_failures_says_nothing_more():
    r = _ok_2021_report()
    r.undetermined["applications.granted.total"] = "glued digits"
    r.cells = [c for c in r.cells if (c.table, c.row_key, c.col_key) != ("applications", "granted", "total")]
    finish(r)
    assert r.status == "partial" and "also fails" not in r.status_reason


def test_corpus_partial_report_with_a_failing_identity(corpus_dir):
    r = parse_report((corpus_dir / "003.txt").read_bytes(), None, filename="003.txt")
    assert r.status == "partial"
    assert "; also fails applications." in r.status_reason and r.status_reason.endswith("(strict)")
