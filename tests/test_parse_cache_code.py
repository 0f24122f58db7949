"""The parse cache follows the parser's code, not only PARSER_VERSION (bumped by hand, and parser
changes have shipped without a bump): a changed parser re-parses pages whose bytes did not change,
and the entries of the old parser are removed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from scraper.store import RawStore

REPO = Path(__file__).resolve().parents[1]
PAGE = (REPO / "tests" / "fixtures" / "site" / "jhqzf" / "zwgk_28985" / "zfxxgk_qjjg1" / "fgw1" / "zfxxgknb4"
        / "202601" / "t20260120_7221348.html").read_bytes()
URL = "http://h.gov.cn/nb/202601/t20260120_7221348.html"
EXTRACT = ("import sys; from pathlib import Path; from nianbao.pipeline import extract_store; "
           "r, _ = extract_store(Path(sys.argv[1]), Path(sys.argv[1]) / 'tables', stream=None, workers=1); "
           "print(r[0].publisher)")
# the same PARSER_VERSION, a different parser: every report's publisher renamed
CHANGE = """
_parse_report = parse_report


def parse_report(*args, **kwargs):
    report = _parse_report(*args, **kwargs)
    report.publisher = "改过的解析器"
    return report
"""


def _extract(code_root: Path, data: Path) -> str:
    env = {"PYTHONPATH": f"{code_root}:{REPO}", "PATH": "/usr/bin:/bin"}
    # run outside the checkout: `python -c` puts the working directory first on sys.path
    done = subprocess.run([sys.executable, "-c", EXTRACT, str(data)], env=env, cwd=code_root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_parser_change_without_a_version_bump_reparses(tmp_path) -> None:
    data = tmp_path / "data"
    store = RawStore(data)
    sha = store.put_blob(PAGE)
    row = {"url": URL, "final_url": URL, "sha256": sha, "fetched_at": "2026-01-21T00:00:00Z",
           "content_type": "text/html", "declared_encoding": None, "detected_encoding": "utf-8"}
    store.save_report(site_id="s", key=URL.split(":", 1)[1], url=URL, run_id=1, title="年报", column_url=None,
                      pages=[row], attachments=[], http_status=200)
    store.close()
    code = tmp_path / "code"
    shutil.copytree(REPO / "parsers", code / "parsers", ignore=shutil.ignore_patterns("__pycache__"))
    first = _extract(code, data)
    assert first and first != "改过的解析器"
    with open(code / "parsers" / "__init__.py", "a", encoding="utf-8") as fh:
        fh.write(CHANGE)
    assert _extract(code, data) == "改过的解析器"
    assert len(list((data / "parsed").glob("*.pickle"))) == 1  # the old parser's entry is gone
