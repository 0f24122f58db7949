"""The bundled mirror site (`tests/fixtures/site/`), its expectations and the mirror HTTP server.

(a) `make_site.py` regenerates the committed tree byte for byte;
(b) every expected JSON is complete and internally consistent (the identities of schema.md hold
    where the status says ok, fail exactly as declared otherwise) and agrees with the numbers
    actually printed in its page (tables re-read here from the HTML / pipe text, independently of
    the generator);
(c) `nianbao.mirror.serve_directory` serves every page over real HTTP: content types, the GBK page
    without a charset, 304 on ETag / If-Modified-Since, HEAD, 404, directory index and redirect;
(d) every link of the crawl path (home → portal → units → 年报 columns → pages → files) resolves.
"""

from __future__ import annotations

import email.utils
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from nianbao.mirror import DEFAULT_LAST_MODIFIED, serve_directory

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = FIXTURES / "site"
EXPECTED = FIXTURES / "site_expected"
MAKE_SITE = FIXTURES / "make_site.py"

APPLICANTS = ("natural_person", "commercial", "research", "social_org", "legal_service", "other_org")
APP_COLS = (*APPLICANTS, "total")
RL_ROWS = ("review", "suit_direct", "suit_after_review")
RL_COLS = ("upheld", "corrected", "other", "pending", "total")
AD_LABELS = {
    "规章": "regulations", "行政规范性文件": "normative_documents", "规范性文件": "normative_documents",
    "行政许可": "licensing", "其他对外管理服务事项": "other_admin_services", "行政处罚": "penalty",
    "行政强制": "coercion", "行政事业性收费": "fees", "政府集中采购": "centralized_procurement",
}


# ============================================================================ helpers
def manifest() -> dict[str, Any]:
    return json.loads((EXPECTED / "manifest.json").read_text(encoding="utf-8"))


def pages(kind: str | None = None) -> list[dict[str, Any]]:
    return [p for p in manifest()["pages"] if kind is None or p["kind"] == kind]


def expectations() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.expected.json"))]


def decode(path: str) -> str:
    data = (SITE / path).read_bytes()
    m = re.search(rb'<meta charset="([^"]+)"', data[:2048])
    charset = m.group(1).decode() if m else "utf-8"
    return data.decode("gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset)


def detail_rows(template: str) -> list[str]:
    from_row = list(expected_rows(template))
    return from_row[2:-2]


def expected_rows(template: str) -> tuple[str, ...]:
    base = ("granted", "partially_granted", "denied_state_secret", "denied_law_forbidden", "denied_three_safety",
            "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file",
            "denied_query_matter", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "not_processed_petition", "not_processed_repeat", "not_processed_publication",
            "not_processed_excessive", "not_processed_confirmation")
    other = ("other_overdue_correction", "other_overdue_fee", "other_other") if template == "2021" else (
        "other_handling",)
    return ("new_received", "carried_over", *base, *other, "results_total", "carried_forward")


def check_identities(exp: dict[str, Any], mode: str) -> dict[str, bool | None]:
    """schema.md identities on the expected cells; strict: null operand -> unknown, lenient: -> 0."""
    cells = exp["cells"]

    def get(table: str, row: str, col: str) -> float | None:
        v = cells[table][row][col]
        return v if v is not None else (None if mode == "strict" else 0)

    def cmp(a: list[float | None], b: list[float | None]) -> bool | None:
        if any(x is None for x in a + b):
            return None
        return abs(sum(a) - sum(b)) < 1e-9  # type: ignore[arg-type]

    t = exp["template"]
    out: dict[str, bool | None] = {}
    ap = "applications"
    for c in APP_COLS:
        out[f"{ap}.balance.{c}"] = cmp([get(ap, "new_received", c), get(ap, "carried_over", c)],
                                       [get(ap, "results_total", c), get(ap, "carried_forward", c)])
    for c in APP_COLS:
        out[f"{ap}.results_total.{c}"] = cmp([get(ap, "results_total", c)], [get(ap, r, c) for r in detail_rows(t)])
    for r in expected_rows(t):
        out[f"{ap}.row_total.{r}"] = cmp([get(ap, r, "total")], [get(ap, r, c) for c in APPLICANTS])
    for r in RL_ROWS:
        out[f"review_litigation.total.{r}"] = cmp([get("review_litigation", r, "total")],
                                                  [get("review_litigation", r, c) for c in RL_COLS[:4]])
    return out


def read_value(raw: str) -> tuple[str, float | None, str | None]:
    """(kind, value, unit) of a printed cell, minimal and independent of the parsers."""
    s = raw.replace("\xa0", " ").strip()
    if not s:
        return "blank", None, None
    if s in ("/", "—", "-", "无"):
        return "na", None, None
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)(元|万元)?", s)
    if m:
        return "number", float(m.group(1)), m.group(2)
    return "text", None, None


class _Tables(HTMLParser):
    """Tables of a page as rows of (text, colspan, rowspan), plus the <p> lines and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, int, int]]]] = []
        self.paragraphs: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag attr value, kind)
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._p: list[str] | None = None
        self._in_table = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._in_table += 1
            self.tables.append([])
        elif tag == "tr" and self._in_table:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self._in_table:
            self._cell = []
            self._span = (int(a.get("colspan") or 1), int(a.get("rowspan") or 1))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "p" and not self._in_table:
            self._p = []
        if tag == "a" and a.get("href"):
            self.links.append((a["href"] or "", "a"))
        if tag == "img" and a.get("src"):
            self.links.append((a["src"] or "", "img"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(("".join(self._cell), *self._span))
            self._cell = None
        elif tag == "p" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "p" and self._p is not None:
            self.paragraphs.append("".join(self._p))
            self._p = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._p is not None:
            self._p.append(data)


def parse(path: str) -> _Tables:
    p = _Tables()
    p.feed(decode(path))
    p.close()
    return p


def grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Expand rowspan/colspan into a full matrix; asserts the table is a clean rectangle."""
    out: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for text, cs, rs in row:
            while (r, c) in out:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    assert (r + dr, c + dc) not in out, f"overlapping cells at {(r + dr, c + dc)}"
                    out[(r + dr, c + dc)] = text
            c += cs
    n_rows = max(r for r, _ in out) + 1
    n_cols = max(c for _, c in out) + 1
    assert len(out) == n_rows * n_cols, "holes in the table grid"
    return [[out[(r, c)] for c in range(n_cols)] for r in range(n_rows)]


def pipe_rows(lines: list[str]) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in lines:
        if line == "|":
            rows.append([])
        elif rows and line.endswith("|") and " |" in line:
            rows[-1].append(line.split(" |", 1)[0])
    return rows


def printed_cells(exp: dict[str, Any]) -> dict[str, tuple[str, float | None, str | None]]:
    """Re-read the three template tables from the page: 'table.row.col' -> (kind, value, unit)."""
    t = exp["template"]
    out: dict[str, tuple[str, float | None, str | None]] = {}
    doc = parse(exp["file"])
    if exp["table_source"] == "html":
        rows_ad: list[list[str]] = []
        rows_app: list[list[str]] = []
        rows_rl: list[list[str]] = []
        for tb in doc.tables:
            g = grid(tb)
            flat = "".join(g[0])
            if "勾稽关系" in flat:
                assert len(g[0]) == 10 and len(g) == 3 + len(expected_rows(t)), (len(g), len(g[0]))
                rows_app = [r[3:] for r in g[3:]]
            elif "行政复议" in flat:
                assert len(g) == 4 and len(g[0]) == 15
                rows_rl = [g[3]]
            else:
                # a table-二 row as printed: the label cell, then one cell per value (colspans aside)
                rows_ad += [[c[0].strip() for c in row] for row in tb if row and row[0][0].strip() in AD_LABELS]
    else:
        rows = pipe_rows(doc.paragraphs)
        rows_ad = [r for r in rows if r and r[0] in AD_LABELS]
        rows_app = [r[-7:] for r in rows if len(r) >= 8 and all(read_value(x)[0] == "number" for x in r[-7:])
                    and len(r) < 15]
        rows_rl = [r for r in rows if len(r) == 15]
    for r in rows_ad:
        key = AD_LABELS[r[0]]
        cols = list(exp["cells"]["active_disclosure"][key])
        assert len(r) - 1 == len(cols), (key, r)
        for col, raw in zip(cols, r[1:], strict=True):
            out[f"active_disclosure.{key}.{col}"] = read_value(raw)
    assert len(rows_app) == len(expected_rows(t))
    for key, r in zip(expected_rows(t), rows_app, strict=True):
        for col, raw in zip(APP_COLS, r, strict=True):
            out[f"applications.{key}.{col}"] = read_value(raw)
    assert len(rows_rl) == 1
    for i, raw in enumerate(rows_rl[0]):
        out[f"review_litigation.{RL_ROWS[i // 5]}.{RL_COLS[i % 5]}"] = read_value(raw)
    return out


# ============================================================================ (a) determinism
def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_make_site_regenerates_identical_tree(tmp_path: Path) -> None:
    for _ in range(2):  # twice: the second run over existing output must not change anything either
        subprocess.run([sys.executable, str(MAKE_SITE), "--out", str(tmp_path)], check=True,
                       capture_output=True)
    for sub in ("site", "site_expected"):
        fresh, committed = _tree(tmp_path / sub), _tree(FIXTURES / sub)
        assert sorted(fresh) == sorted(committed), f"{sub}: file lists differ"
        changed = [k for k in fresh if fresh[k] != committed[k]]
        assert not changed, f"{sub}: regenerate with make_site.py; differing files: {changed[:5]}"


def test_fixture_size_is_modest() -> None:
    total = sum(len(b) for b in _tree(SITE).values()) + sum(len(b) for b in _tree(EXPECTED).values())
    assert total < 1.5 * 1024 * 1024


# ============================================================================ (b) expectations
def test_site_shape() -> None:
    exps = expectations()
    assert len(exps) >= 12
    assert len({e["unit"] for e in exps}) >= 4
    assert {e["report_year"] for e in exps} == set(range(2019, 2026))
    assert {e["template"] for e in exps} >= {"2019", "2021"}
    assert {e["table_source"] for e in exps} == {"html", "pipe_text", "none"}
    assert {e["expected_status"] for e in exps} == {"ok", "inconsistent", "no_tables"}
    assert {e["encoding"] for e in exps} == {"utf-8", "gbk"}
    for e in exps:
        assert re.fullmatch(r"jhqzf/zwgk_28985/zfxxgk_\w+/\w+/zfxxgknb\d+/(\d{6})/t\1\d{2}_\d+\.html", e["file"])
        assert e["url_path"] == "/" + e["file"]
        assert e["region"] == "天津市静海区" and e["publisher"].startswith("天津市静海区")
        assert str(e["report_year"]) in e["title"]
    kinds = {p["kind"] for p in pages()}
    assert kinds >= {"home", "portal", "unit", "list", "report", "non_report", "attachment", "image", "robots"}


@pytest.mark.parametrize("exp", expectations(), ids=lambda e: e["file"].rsplit("/", 1)[-1])
def test_expectation_is_consistent(exp: dict[str, Any]) -> None:
    from parsers.templates import all_cell_keys

    refs = {f"{t}.{r}.{c}" for t, rows in exp["cells"].items() for r, cols in rows.items() for c in cols}
    if exp["table_source"] == "none":
        assert exp["expected_status"] == "no_tables" and exp["template"] == "unknown" and not refs
        assert {f["kind"] for f in exp["linked_files"]} == {"image", "attachment"}
        return
    assert refs == {".".join(k) for k in all_cell_keys(exp["template"])}
    nulls = {ref for ref in refs if _cell(exp, ref) is None}
    assert nulls == set(exp["blank_cells"]) | set(exp["na_cells"]) | set(exp["text_cells"])

    strict, lenient = check_identities(exp, "strict"), check_identities(exp, "lenient")
    strict_fail = [k for k, ok in strict.items() if ok is False]
    assert strict_fail == exp["source_identity_failures"] == exp["strict_failures"]
    assert [k for k, ok in strict.items() if ok is None] == exp["strict_undetermined_checks"]
    assert exp["expected_status"] == ("inconsistent" if strict_fail else "ok")
    lenient_fail = [k for k, ok in lenient.items() if ok is False]
    assert lenient_fail == exp["lenient_failures"]
    if exp["expected_status"] == "ok":
        # lenient mode holds everywhere, except where a blank is read as 0 (Shanghai-style blank 总计)
        assert set(lenient_fail) <= set(exp["strict_undetermined_checks"])
    else:
        assert set(exp["source_identity_failures"]) <= set(lenient_fail)


def _cell(exp: dict[str, Any], ref: str) -> float | None:
    t, r, c = ref.split(".")
    return exp["cells"][t][r][c]


def test_declared_quirks_are_present() -> None:
    by_file = {e["file"].rsplit("/", 1)[-1]: e for e in expectations()}
    inconsistent = [e for e in by_file.values() if e["expected_status"] == "inconsistent"]
    assert len(inconsistent) == 1
    assert "applications.balance.natural_person" in inconsistent[0]["source_identity_failures"]
    shanghai = [e for e in by_file.values() if e["lenient_failures"] and e["expected_status"] == "ok"]
    assert shanghai and all(ref.endswith(".total") for ref in shanghai[0]["blank_cells"])
    assert any(e["na_cells"] and e["text_cells"] for e in by_file.values())
    migrated = [e for e in by_file.values() if "/202012/t20201216_" in e["file"]]
    assert migrated and migrated[0]["published_date"].startswith("2020-01") and migrated[0]["report_year"] == 2019
    assert any(e["units"] == {"active_disclosure.centralized_procurement.procurement_amount": "元"}
               for e in by_file.values())
    zero = [e for e in by_file.values() if e["template"] == "2021"
            and all(v == 0 for row in e["cells"]["applications"].values() for v in row.values())]
    assert zero


@pytest.mark.parametrize("exp", [e for e in expectations() if e["table_source"] != "none"],
                         ids=lambda e: e["file"].rsplit("/", 1)[-1])
def test_expectation_matches_page(exp: dict[str, Any]) -> None:
    printed = printed_cells(exp)
    kinds = {**{r: "blank" for r in exp["blank_cells"]}, **{r: "na" for r in exp["na_cells"]},
             **{r: "text" for r in exp["text_cells"]}}
    assert set(printed) == {f"{t}.{r}.{c}" for t, rows in exp["cells"].items() for r, cols in rows.items()
                            for c in cols}
    for ref, (kind, value, unit) in printed.items():
        assert kind == kinds.get(ref, "number"), ref
        assert value == _cell(exp, ref), ref
        assert unit == exp["units"].get(ref), ref


@pytest.mark.parametrize("exp", expectations(), ids=lambda e: e["file"].rsplit("/", 1)[-1])
def test_page_metadata_matches_expectation(exp: dict[str, Any]) -> None:
    page = decode(exp["file"])
    assert "2019年12月3日星期二" in page  # the frozen date widget, never a publish date
    assert f'<meta name="ArticleTitle" content="{exp["title"]}">' in page
    assert f"来源：{exp['publisher']}" in page
    assert f"发布时间：{exp['published_date']} {exp['published_time']}" in page
    assert '<div class="TRS_Editor">' in page
    for heading in exp["section_headings"].values():
        assert heading in page
    for f in exp["linked_files"]:
        assert (SITE / f["path"]).is_file() and f["href"] in page
    if exp["encoding"] == "gbk":
        assert '<meta charset="gb2312">' in page


def test_pipe_text_rows_are_padded_to_the_grid_width() -> None:
    exp = next(e for e in expectations() if e["table_source"] == "pipe_text")
    lines = parse(exp["file"]).paragraphs
    assert not parse(exp["file"]).tables
    widths = set()
    for table in _split_pipe_tables(lines):
        cells = [sum(1 for x in row) + _pad(row) for row in table]
        widths.add(tuple(sorted(set(cells))))
    assert widths == {(4,), (10,), (15,)}


def _split_pipe_tables(lines: list[str]) -> Iterator[list[list[str]]]:
    cur: list[list[str]] = []
    for line in lines:
        if line == "|":
            cur.append([])
        elif cur and line.endswith("|"):
            cur[-1].append(line)
        elif cur:
            yield cur
            cur = []
    if cur:
        yield cur


def _pad(row: list[str]) -> int:
    m = re.search(r" \| (\|+)$", row[-1])
    return len(m.group(1)) if m else 0


# ============================================================================ (c) mirror server
@pytest.fixture(scope="module")
def mirror() -> Iterator[tuple[Any, str]]:
    with serve_directory(SITE) as (server, base):
        yield server, base


def _get(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[int, Any, bytes]:
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_mirror_serves_every_page(mirror: tuple[Any, str]) -> None:
    server, base = mirror
    expected_type = {"report": "text/html", "list": "text/html", "non_report": "text/html", "unit": "text/html",
                     "portal": "text/html", "home": "text/html", "search": "text/html",
                     "robots": "text/plain", "attachment": "application/pdf", "image": "image/jpeg"}
    for p in pages():
        status, headers, body = _get(f"{base}/{p['path']}")
        assert status == 200, p["path"]
        assert body == (SITE / p["path"]).read_bytes(), p["path"]
        ctype = headers["Content-Type"]
        assert ctype.split(";")[0] == expected_type[p["kind"]], (p["path"], ctype)
        if p["encoding"] == "gbk":
            assert ctype == "text/html"  # no charset: the client must read <meta charset>
        elif p["encoding"] == "utf-8":
            assert ctype.endswith("charset=utf-8"), (p["path"], ctype)
        assert headers["ETag"].startswith('"') and headers["Last-Modified"]
    assert all(r.status == 200 for r in server.requests if r.method == "GET")


def test_mirror_gbk_page(mirror: tuple[Any, str]) -> None:
    _, base = mirror
    gbk = [p for p in pages("report") if p["encoding"] == "gbk"]
    assert len(gbk) == 1
    status, headers, body = _get(f"{base}/{gbk[0]['path']}")
    assert status == 200 and headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    page = body.decode("gb18030")
    assert '<meta charset="gb2312">' in page and gbk[0]["title"] in page
    assert body.decode("gb2312") == page  # only GB2312 characters: any GB decoder reads it


def test_mirror_conditional_requests_and_errors(mirror: tuple[Any, str]) -> None:
    server, base = mirror
    url = f"{base}/index.html"
    status, headers, body = _get(url)
    assert status == 200
    etag, last_mod = headers["ETag"], headers["Last-Modified"]
    assert email.utils.parsedate_to_datetime(last_mod) == DEFAULT_LAST_MODIFIED
    assert _get(url, {"If-None-Match": etag})[0] == 304
    assert _get(url, {"If-None-Match": '"other"'})[0] == 200
    assert _get(url, {"If-Modified-Since": last_mod})[0] == 304
    assert _get(url, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200
    status, headers, head_body = _get(url, method="HEAD")
    assert status == 200 and head_body == b"" and int(headers["Content-Length"]) == len(body)
    assert _get(f"{base}/")[2] == body  # "/" serves index.html
    assert _get(f"{base}/no/such/page.html")[0] == 404
    assert _get(f"{base}/../../etc/passwd")[0] == 404
    # a directory without its slash is redirected (urllib follows it) to the directory index
    status, _, portal = _get(f"{base}/jhqzf/zwgk_28985")
    assert status == 200 and portal == (SITE / "jhqzf/zwgk_28985/index.html").read_bytes()
    assert any(r.status == 301 for r in server.requests)
    server.override("/blocked.html", 412, b"<html><script>x</script></html>")
    assert _get(f"{base}/blocked.html")[0] == 412
    server.clear_overrides()
    assert _get(f"{base}/blocked.html")[0] == 404


def test_mirror_context_manager_releases_port() -> None:
    with serve_directory(SITE) as (server, base):
        assert _get(f"{base}/robots.txt")[0] == 200
        port = urlsplit(base).port
        assert port and port > 0
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{base}/robots.txt", timeout=2)
    served = serve_directory(SITE)
    server, base2 = served  # plain tuple unpacking works too
    try:
        assert _get(f"{base2}/index.html")[0] == 200
    finally:
        server.close()


# ============================================================================ (d) link graph
def _links(path: str) -> list[str]:
    """Root-relative paths of same-site links (a href / img src) of a page."""
    base = f"http://{manifest()['site']}/{path}"
    out = []
    for href, _ in parse(path).links:
        if href.startswith(("javascript:", "#")):
            continue
        u = urlsplit(urljoin(base, href))
        if u.netloc != manifest()["site"]:
            continue
        p = u.path.lstrip("/")
        out.append(p + "index.html" if p.endswith("/") or p == "" else p)
    return out


def test_list_pages_link_their_reports() -> None:
    lists = pages("list")
    seen_reports: set[str] = set()
    for lp in lists:
        links = set(_links(lp["path"]))
        for target in lp["report_links"] + lp["other_links"]:
            assert target in links, (lp["path"], target)
            assert (SITE / target).is_file(), target
        seen_reports |= set(lp["report_links"])
        text = decode(lp["path"])
        assert f"var countPage = {lp['count_page']}" in text
        assert f'createPageHTML({lp["count_page"]}, {lp["page_index"]}, "index", "html");' in text
        col = lp["path"].rsplit("/", 1)[0]
        for k in range(1, lp["count_page"]):
            assert (SITE / col / f"index_{k}.html").is_file()
    assert seen_reports == {p["path"] for p in pages("report")}
    assert any(lp["count_page"] == 2 for lp in lists)
    assert any(lp["other_links"] for lp in lists)


def test_crawl_path_resolves() -> None:
    home = _links("index.html")
    portal = pages("portal")[0]
    assert portal["path"] in home
    portal_links = set(_links(portal["path"]))
    for unit_page in portal["units"]:
        assert unit_page in portal_links and (SITE / unit_page).is_file()
    for u in pages("unit"):
        assert u["annual_report_column"] in _links(u["path"]), u["path"]
        assert f">{u['column_link_text']}</a>" in decode(u["path"])
    for p in pages():
        if p["kind"] in ("report", "non_report", "list", "unit", "portal", "home"):
            for target in _links(p["path"]):
                if target.startswith(("search/", "was5/")):
                    continue  # disallowed by robots.txt
                assert (SITE / target).is_file(), (p["path"], target)


def test_robots_txt() -> None:
    robots = (SITE / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /search/" in robots
    import urllib.robotparser

    rp = urllib.robotparser.RobotFileParser()
    rp.parse(robots.splitlines())
    assert rp.can_fetch("nianbao", "http://www.tjjh.gov.cn/jhqzf/zwgk_28985/index.html")
    assert not rp.can_fetch("nianbao", "http://www.tjjh.gov.cn/search/index.html")
    assert all(rp.can_fetch("nianbao", f"http://www.tjjh.gov.cn/{p['path']}") for p in pages("report"))


def test_binary_files_are_valid() -> None:
    for p in pages("image"):
        data = (SITE / p["path"]).read_bytes()
        assert data[:3] == b"\xff\xd8\xff" and data[-2:] == b"\xff\xd9", p["path"]
    pdfs = pages("attachment")
    assert pdfs and all(re.search(r"/P0\d{8}\d+\.pdf$", p["path"]) for p in pdfs)
    for p in pdfs:
        data = (SITE / p["path"]).read_bytes()
        assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
        start = int(re.search(rb"startxref\n(\d+)\n", data).group(1))  # type: ignore[union-attr]
        assert data[start:].startswith(b"xref\n")
        offsets = [int(m.group(1)) for m in re.finditer(rb"(\d{10}) 00000 n \n", data)]
        for k, off in enumerate(offsets, 1):
            assert data[off:].startswith(f"{k} 0 obj".encode()), (p["path"], k)
