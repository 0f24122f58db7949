"""Crawl throughput against a loopback mirror: N hosts × M report pages, injected latency.

    .venv/bin/python bench/crawl_bench.py                 # 20 hosts × 50 reports, 50 ms, default politeness
    .venv/bin/python bench/crawl_bench.py --min-interval 0.2   # quicker run with a relaxed interval

Each host is a distinct port on 127.0.0.1 (politeness is per host:port) serving a TRS-style 年报
column (``createPageHTML`` pagination, 10 links per list page) and its report pages. The server runs
in a subprocess (asyncio, keep-alive) and sleeps ``--latency`` before every response.

The politeness-bound ideal: a host's requests must start at least ``min_interval × (1 + U(0, jitter))``
apart, so a host with n requests needs at least (n − 1) × min_interval × (1 + jitter/2) + latency
seconds on average; the crawl can finish no sooner than its slowest host. pages/s = requests sent
(robots.txt, list pages, reports) / wall time. The hard bound without jitter is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PER_PAGE = 10


def site_pages(n_reports: int) -> dict[str, bytes]:
    pages: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
    items = [(f"/nb/2025{i % 12 + 1:02d}/t2025{i % 12 + 1:02d}01_{i}.html", f"单位{i}2025年政府信息公开工作年度报告")
             for i in range(n_reports)]
    chunks = [items[i: i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
    for k, chunk in enumerate(chunks):
        name = "index.html" if k == 0 else f"index_{k}.html"
        lis = "".join(f'<li><a href="{p}" title="{t}">{t}</a></li>' for p, t in chunk)
        js = f'<script>createPageHTML({len(chunks)}, {k}, "index", "html");</script>'
        pages[f"/nb/{name}"] = f'<html><head><meta charset="utf-8"></head><body><ul>{lis}</ul>{js}</body></html>'.encode()
    for p, t in items:
        body = f"<p>{t}</p>" + "<p>一、总体情况 …</p>" * 200
        pages[p] = f'<html><head><meta charset="utf-8"><title>{t}</title></head><body>{body}</body></html>'.encode()
    return pages


async def serve(hosts: int, n_reports: int, latency: float) -> None:
    pages = site_pages(n_reports)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                await asyncio.sleep(latency)
                body = pages.get(path)
                status = b"200 OK" if body is not None else b"404 Not Found"
                body = body if body is not None else b"not found"
                ctype = b"text/plain" if path.endswith(".txt") else b"text/html; charset=utf-8"
                writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype +
                             b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, "127.0.0.1", 0) for _ in range(hosts)]
    print(" ".join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
    # stop by itself: when the parent closes our stdin, or after an hour at most
    loop = asyncio.get_running_loop()
    await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.read), timeout=3600)


def main() -> int:
    from scraper.config import CrawlConfig

    defaults = CrawlConfig()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--reports", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--min-interval", type=float, default=defaults.min_interval)
    ap.add_argument("--jitter", type=float, default=defaults.jitter)
    ap.add_argument("--concurrency", type=int, default=defaults.concurrency)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        asyncio.run(serve(args.hosts, args.reports, args.latency))
        return 0

    from scraper.crawl import run_crawl
    from scraper.registry import Site
    from scraper.store import RawStore

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--hosts", str(args.hosts), "--reports", str(args.reports),
         "--latency", str(args.latency)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        ports = [int(p) for p in server.stdout.readline().split()]
        sites = [
            Site(id=f"h{i:02d}", name=f"bench host {i}", entry_urls=(), allow_private=True,
                 column_urls=(f"http://127.0.0.1:{port}/nb/index.html",), allowed_hosts=(f"127.0.0.1:{port}",))
            for i, port in enumerate(ports)
        ]
        config = CrawlConfig(min_interval=args.min_interval, jitter=args.jitter, concurrency=args.concurrency)
        with tempfile.TemporaryDirectory() as data:
            started = time.monotonic()
            result = run_crawl(sites, Path(data), progress=False, stream=io.StringIO(), config=config)
            wall = time.monotonic() - started
            store = RawStore(data)
            rows = [r for r in store.fetches() if r["attempts"]]
            store.close()
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    per_host = len(rows) / len(sites)
    reports = sum(s.reports_found for s in result.sites)
    mean_gap = args.min_interval * (1 + args.jitter / 2)
    ideal_time = (per_host - 1) * mean_gap + args.latency
    hard_time = (per_host - 1) * args.min_interval + args.latency
    ideal = len(rows) / ideal_time
    measured = len(rows) / wall
    print(f"hosts={len(sites)} reports/host={args.reports} latency={args.latency * 1000:.0f}ms "
          f"concurrency={args.concurrency} min_interval={args.min_interval}s jitter={args.jitter}")
    print(f"requests={len(rows)} ({per_host:.0f}/host: robots + list pages + reports)  reports stored={reports}  "
          f"failed sites={sum(not s.ok for s in result.sites)}")
    print(f"wall={wall:.2f}s  measured={measured:.2f} pages/s")
    print(f"politeness-bound ideal={ideal:.2f} pages/s (mean jitter)  -> {100 * measured / ideal:.1f}% of ideal")
    print(f"hard bound without jitter={len(rows) / hard_time:.2f} pages/s -> {100 * measured * hard_time / len(rows):.1f}%")
    return 0 if result.ok and reports == len(sites) * args.reports else 1


if __name__ == "__main__":
    sys.exit(main())
