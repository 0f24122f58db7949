"""Real HTTP servers on 127.0.0.1 for the scraper tests (threaded ``http.server``, HTTP/1.1).

A :class:`Server` serves a route table (path incl. query → handler) and records every request with
its arrival and completion time, so tests can assert what the crawler did *on the wire*: which
URLs were requested, how often, how many were in flight at once, and how far apart they started.

Handlers are either :class:`Static` (body, status, headers, delay; ETag/304 support) or callables
``fn(h, hit)`` that write the response themselves (``hit`` = 1 for the first request to that path).
Every endless behaviour (slow drip, 1 GB body) is bounded in time/bytes and stops by itself.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Static:
    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "text/html; charset=utf-8"
    etag: bool = True

    def __call__(self, h: BaseHTTPRequestHandler, hit: int) -> None:
        if self.delay:
            time.sleep(self.delay)
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.etag and self.status == 200 and h.headers.get("If-None-Match") == tag:
            send(h, 304, b"", {"ETag": tag})
            return
        headers = {"Content-Type": self.content_type, **self.headers}
        if self.etag and self.status == 200:
            headers["ETag"] = tag
        send(h, self.status, body, headers)


Handler = Callable[[BaseHTTPRequestHandler, int], None]


def send(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if body and status != 304:
        h.wfile.write(body)


def reset(h: BaseHTTPRequestHandler, hit: int = 0) -> None:
    """Abort the connection with a TCP RST (SO_LINGER 0) before any response byte."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def sequence(*steps: Handler | Static) -> Handler:
    """Hit n uses step n (the last step repeats)."""

    def handler(h: BaseHTTPRequestHandler, hit: int) -> None:
        steps[min(hit, len(steps)) - 1](h, hit)

    return handler


def redirect(location: str, status: int = 302) -> Static:
    return Static(b"", status, {"Location": location}, etag=False)


class Endless:
    """Streams zeros until the client goes away (or ``limit`` bytes), counting what was sent."""

    def __init__(self, declared: int | None, limit: int = 300 * 1024 * 1024) -> None:
        self.declared, self.limit, self.sent = declared, limit, 0

    def __call__(self, h: BaseHTTPRequestHandler, hit: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if self.declared is not None:
            h.send_header("Content-Length", str(self.declared))
        else:
            h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"0" * 65536
        framed = chunk if self.declared is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk)
        try:
            while self.sent < self.limit:
                h.wfile.write(framed)
                self.sent += len(chunk)
        except OSError:
            pass
        h.close_connection = True


class SlowDrip:
    """Headers at once, then one byte every ``every`` seconds for at most ``total`` seconds."""

    def __init__(self, every: float = 0.2, total: float = 5.0) -> None:
        self.every, self.total = every, total

    def __call__(self, h: BaseHTTPRequestHandler, hit: int) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        end = time.monotonic() + self.total
        try:
            while time.monotonic() < end:
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(self.every)
        except OSError:
            pass
        h.close_connection = True


def gzip_bomb(decompressed: int) -> Static:
    body = gzip.compress(b"\0" * decompressed, compresslevel=9)
    return Static(body, 200, {"Content-Encoding": "gzip"}, etag=False)


@dataclass
class Hit:
    path: str
    start: float
    end: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Server:
    def __init__(self, routes: dict[str, Handler | Static] | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Any] = dict(routes or {})
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                self.accepted_at: float | None = outer._accepted.pop(self.request.fileno(), None)

            def do_GET(self) -> None:
                # The first request on a connection is timed from accept(): thread start-up under load
                # would otherwise make it look later than it was (and the next gap look shorter).
                start, self.accepted_at = self.accepted_at or time.monotonic(), None
                hit = Hit(self.path, start, headers=dict(self.headers))
                with outer._lock:
                    outer.hits.append(hit)
                    outer._counts[self.path] = n = outer._counts.get(self.path, 0) + 1
                    outer.in_flight += 1
                    outer.max_in_flight = max(outer.max_in_flight, outer.in_flight)
                try:
                    handler = outer.routes.get(self.path)
                    if handler is None:
                        send(self, 404, b"<html><body>not found</body></html>", {"Content-Type": "text/html"})
                    else:
                        handler(self, n)
                    try:
                        self.wfile.flush()
                    except OSError:
                        pass
                finally:
                    with outer._lock:
                        outer.in_flight -= 1
                        hit.end = time.monotonic()

        self._accepted: dict[int, float] = {}

        class TimedServer(ThreadingHTTPServer):
            def process_request(self, request: Any, client_address: Any) -> None:
                outer._accepted[request.fileno()] = time.monotonic()
                super().process_request(request, client_address)

        self.httpd = TimedServer((host, 0), H)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.host = host
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"http://{self.netloc}{path}"

    def count(self, path: str) -> int:
        return self._counts.get(path, 0)

    def paths(self) -> list[str]:
        with self._lock:
            return [h.path for h in self.hits]


class ForkedServer(Server):
    """`Server` run in a child process, for tests that time requests on the wire: in-process, a
    busy crawler holding the GIL can delay the handler thread's timestamp of one request until the
    next has arrived, and two requests sent 50 ms apart then look simultaneous. `hits`,
    `max_in_flight`, `paths()` and `count()` are fetched from the child; routes must be set before
    the server starts."""

    _live = False

    def __enter__(self) -> ForkedServer:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=self._serve, args=(child,), daemon=True)
        self._proc.start()
        # the child says when it is polling: a connection made earlier would wait in the listen
        # backlog and be timed late, making the gap to the next request look short
        assert self._conn.recv() == "ready"
        self._live = True
        return self

    def _serve(self, conn: Any) -> None:
        self._live = False
        polling = threading.Event()
        actions = self.httpd.service_actions

        def service_actions() -> None:  # called by serve_forever on every turn of its loop
            polling.set()
            actions()

        self.httpd.service_actions = service_actions  # type: ignore[method-assign]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        polling.wait(10)
        conn.send("ready")
        while conn.recv() == "get":
            with self._lock:
                conn.send((list(self._hits), self._max_in_flight))
        self.httpd.shutdown()
        with self._lock:
            conn.send((list(self._hits), self._max_in_flight))
        os._exit(0)

    def _snapshot(self, stop: bool = False) -> None:
        self._conn.send("stop" if stop else "get")
        self._hits, self._max_in_flight = self._conn.recv()

    @property  # type: ignore[override]
    def hits(self) -> list[Hit]:
        if self._live:
            self._snapshot()
        return self._hits

    @hits.setter
    def hits(self, value: list[Hit]) -> None:
        self._hits = value

    @property  # type: ignore[override]
    def max_in_flight(self) -> int:
        if self._live:
            self._snapshot()
        return self._max_in_flight

    @max_in_flight.setter
    def max_in_flight(self, value: int) -> None:
        self._max_in_flight = value

    def paths(self) -> list[str]:
        return [h.path for h in self.hits]

    def count(self, path: str) -> int:
        return sum(h.path == path for h in self.hits)

    def __exit__(self, *exc: Any) -> None:
        if self._live:
            self._snapshot(stop=True)
            self._live = False
            self._proc.join(5)
        self.httpd.server_close()


# --- a small TRS-style district site -----------------------------------------------------------

def page(title: str, body: str, charset: str = "utf-8") -> str:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{body}</body></html>")


def links(*pairs: tuple[str, str]) -> str:
    return "<ul>" + "".join(f'<li><a href="{href}" title="{text}">{text}</a></li>' for href, text in pairs) + "</ul>"


def report_html(title: str, extra: str = "") -> str:
    return page(title, f'<div class="TRS_Editor"><p>{title}</p><table><tr><td>1</td></tr></table>{extra}</div>')


def trs_column(base: str, items: list[tuple[str, str]], per_page: int, routes: dict[str, Any]) -> None:
    """A 年报 column whose pagination exists only in JavaScript (createPageHTML)."""
    pages = [items[i: i + per_page] for i in range(0, len(items), per_page)] or [[]]
    for n, chunk in enumerate(pages):
        name = "index.html" if n == 0 else f"index_{n}.html"
        script = f'<script>createPageHTML({len(pages)}, {n}, "index", "html");</script>'
        routes[f"{base}{name}"] = Static(page("政府信息公开年报", links(*chunk) + script))


def trs_site(n_reports: int = 6, per_page: int = 2) -> tuple[dict[str, Any], dict[str, str]]:
    """Routes for a synthetic district site (``n_reports`` ≥ 2 per unit) and the expected reports {path: title}.

    home → 政府信息公开 → units (中旺镇, 发改委) → their 年报 columns (JS-paginated) → reports; one
    report is two pages long, one has a PDF attachment, one is GBK, non-reports sit in the same
    column, a report link under /private/ is disallowed by robots.txt, one link leaves the host.
    """
    routes: dict[str, Any] = {}
    expected: dict[str, str] = {}
    routes["/robots.txt"] = Static("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    routes["/"] = Static(page("天津市某区人民政府", links(("/zwgk/index.html", "政府信息公开"), ("/news/", "要闻动态"))))
    routes["/zwgk/index.html"] = Static(page("政府信息公开", links(
        ("/zwgk/jz/zwz1/index.html", "中旺镇"), ("/zwgk/qj/fgw1/index.html", "区发展改革委"),
        ("/private/t20250101_1.html", "某单位2024年政府信息公开工作年度报告"),
        ("http://203.0.113.9/x/t20250101_2.html", "外站2024年政府信息公开工作年度报告"),
    )))
    for unit, slug, n_col in (("中旺镇", "/zwgk/jz/zwz1/", 46), ("区发展改革委", "/zwgk/qj/fgw1/", 4)):
        col = f"{slug}zfxxgknb{n_col}/"
        routes[f"{slug}index.html"] = Static(page(unit, links((f"{col}index.html", "政府信息公开年报"),
                                                               (f"{slug}tzgg/index.html", "通知公告"))))
        items = []
        for i in range(n_reports):
            year = 2025 - i
            path = f"{col}{year + 1}01/t{year + 1}0121_{7228444 + i}.html"
            title = f"天津市静海区{unit}{year}年政府信息公开工作年度报告"
            items.append((path, title))
            expected[path] = title
            routes[path] = Static(report_html(title))
            if i == 1:  # with a notice that is not a report in the same column
                items.append((f"{col}{year + 1}02/t{year + 1}0201_1{i}.html", "关于开展春季防火工作的通知"))
                routes[items[-1][0]] = Static(page("通知", "<p>x</p>"))
        trs_column(col, items, per_page, routes)
    # multi-page article, PDF attachment and a GBK page on 中旺镇's reports
    col = "/zwgk/jz/zwz1/zfxxgknb46/"
    first = f"{col}202601/t20260121_7228444.html"
    routes[first] = Static(report_html(expected[first], '<script>createPageHTML(2, 0, "t20260121_7228444", "html");</script>'
                                       '<a href="./P020260121512345678901.pdf">附件：年报.pdf</a>'))
    routes[f"{col}202601/t20260121_7228444_1.html"] = Static(report_html("（续）第二页"))
    routes[f"{col}202601/P020260121512345678901.pdf"] = Static(b"%PDF-1.4 fake", content_type="application/pdf")
    gbk = f"{col}202501/t20250121_7228445.html"
    routes[gbk] = Static(page(expected[gbk], "<p>中旺镇人民政府</p>", charset="gbk").encode("gbk"),
                         content_type="text/html")
    return routes, expected


# --- crawling helpers ----------------------------------------------------------------------------

def fast_config(**overrides: Any):
    """CrawlConfig with test-sized timeouts and backoffs (milliseconds, not seconds)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from scraper.config import CrawlConfig

    base = dict(concurrency=2, min_interval=0.0, jitter=0.0, connect_timeout=1.0, read_timeout=1.0,
                request_deadline=5.0, retries=3, backoff_base=0.01, backoff_cap=0.05, max_body=1024 * 1024)
    base.update(overrides)
    return CrawlConfig(**base)


def make_site(server: Server, entry: str = "/", *, column: bool = False, site_id: str = "t", **kw: Any):
    from scraper.registry import Site

    url = entry if entry.startswith(("http://", "https://")) else server.url(entry)
    fields: dict[str, Any] = dict(id=site_id, name=f"测试站点{site_id}", allowed_hosts=(server.netloc,),
                                  allow_private=True)
    fields.update(kw)
    if column:
        return Site(entry_urls=(), column_urls=(url,), **fields)
    return Site(entry_urls=(url,), **fields)


def crawl(data_dir, *sites: Any, deadline: float = 60.0, **config: Any):
    """Run a crawl quietly; return (CrawlResult, {url: last fetch-log row}).

    A crawl that has not finished after ``deadline`` seconds raises TimeoutError, so a hang is a
    failing test rather than a stuck suite."""
    import asyncio
    import io
    from pathlib import Path

    from scraper.crawl import crawl_async
    from scraper.store import RawStore

    job = crawl_async(list(sites), Path(data_dir), progress=False, stream=io.StringIO(), config=fast_config(**config))
    result = asyncio.run(asyncio.wait_for(job, deadline))
    store = RawStore(data_dir)
    try:
        rows = {r["url"]: r for r in store.fetches()}
    finally:
        store.close()
    return result, rows
