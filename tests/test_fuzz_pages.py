"""Random mutations of real and mirror pages never make `parse_report` fail internally.

`parse_report` records any exception as status `failed`; here no mutated page may reach that
state (truncation, dropped tags, shuffled attributes, wrong encodings, garbage spans), and each
parse stays fast.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from conftest import CORPUS, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import parse_report

REPO = Path(__file__).resolve().parents[1]


def _pages() -> list[tuple[str, bytes]]:
    pages = []
    site = REPO / "tests" / "fixtures" / "site"
    pages += [(p.name, p.read_bytes()) for p in sorted(site.rglob("t2*.html"))[:6]]
    if CORPUS.is_dir():
        pages += [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.html"))]
        pages += [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))[:4]]
    if SEED.exists():
        pages.append((SEED.name, SEED.read_bytes()))
    return pages


PAGES = _pages()
_TAG_RE = re.compile(rb"<[^<>]{1,80}>")
_ATTR_RE = re.compile(rb'(\w+)="([^"]*)"')


def _mutate(data: bytes, rnd: random.Random, op: int) -> bytes:
    if op == 0:  # truncate anywhere, even inside a multi-byte character
        return data[: rnd.randrange(len(data) + 1)]
    if op == 1:  # drop random tags
        tags = list(_TAG_RE.finditer(data))
        drop = {m.start() for m in rnd.sample(tags, min(len(tags), rnd.randrange(1, 60)))} if tags else set()
        out, last = [], 0
        for m in tags:
            if m.start() in drop:
                out.append(data[last:m.start()])
                last = m.end()
        out.append(data[last:])
        return b"".join(out)
    if op == 2:  # shuffle / corrupt attribute values (colspan="2px", rowspan="0", garbage)
        choices = [b"0", b"2px", b"-1", b"99999", b"x", b"", b"65535", b"1001"]
        return _ATTR_RE.sub(lambda m: m.group(1) + b'="' + rnd.choice(choices + [m.group(2)]) + b'"', data)
    if op == 3:  # wrong encoding: re-encode the text as GBK but keep (or lie about) the meta charset
        text = data.decode("utf-8", "replace")
        return text.encode(rnd.choice(["gbk", "utf-16", "big5", "latin-1"]), "replace")
    if op == 4:  # splice: duplicate a random chunk somewhere else
        a, b = sorted(rnd.randrange(len(data) + 1) for _ in range(2))
        at = rnd.randrange(len(data) + 1)
        return data[:at] + data[a:b] + data[at:]
    # flip random bytes
    buf = bytearray(data)
    for _ in range(rnd.randrange(1, 50)):
        if buf:
            buf[rnd.randrange(len(buf))] = rnd.randrange(256)
    return bytes(buf)


@pytest.mark.skipif(not PAGES, reason="no pages to mutate")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(idx=st.integers(min_value=0, max_value=10_000), seed=st.integers(min_value=0, max_value=2**32 - 1),
       op=st.integers(min_value=0, max_value=5))
def test_mutated_pages_never_fail(idx: int, seed: int, op: int) -> None:
    name, data = PAGES[idx % len(PAGES)]
    mutated = _mutate(data, random.Random(seed), op)
    t0 = time.perf_counter()
    report = parse_report(mutated, None, filename=name if op != 3 else None)
    elapsed = time.perf_counter() - t0
    assert report.status != "failed", (name, op, report.status_reason, report.warnings[-1:])
    assert report.status in ("no_tables", "partial", "inconsistent", "ok")
    assert elapsed < 5.0, (name, op, elapsed)
    for c in report.cells:  # whatever survives is still well-formed
        assert c.value_kind in ("number", "blank", "na", "text")
        assert (c.value is None) == (c.value_kind != "number")


def test_garbage_inputs() -> None:
    empty = parse_report(b" \r\n")
    assert (empty.status, empty.status_reason) == ("failed", "empty input: nothing to parse")
    for data in (b"\x00" * 100, b"<table>" * 1000, b"<td rowspan=65534 colspan=1000>x" * 50,
                 "|\n规章 |\n".encode() * 500, b"\xff\xfe" + b"\x00<" * 100):
        r = parse_report(data)
        assert r.status != "failed", (data[:30], r.status_reason)
