"""A tiny threaded static HTTP server for a directory: the offline stand-in for a government site.

Used by the tests (and by hand) to crawl the bundled mirror site `tests/fixtures/site/` over real
HTTP on 127.0.0.1. Standard library only.

Behaviour, kept close to what the TRS district sites do:

- `/x/` serves `/x/index.html`; `/x` (a directory without the slash) answers 301 to `/x/`.
- `Content-Type` from the file extension. HTML gets `; charset=…` from the per-file `charsets`
  table when given, else `utf-8` when the bytes decode as UTF-8, else **no charset at all** (a GBK
  page: the client has to read the `<meta charset>`).
- `ETag` = quoted sha256 of the bytes, `Last-Modified` = one fixed date for every file;
  `If-None-Match` / `If-Modified-Since` answer 304.
- GET and HEAD; 404 for anything missing or outside the root.
- Quiet: nothing is logged; every request is recorded in `server.requests` instead, so a test can
  assert which paths a crawler fetched (robots.txt compliance, no duplicate fetches...).
- `server.override(path, status, body, headers)` makes one path answer a canned response
  (e.g. 412 or 429) to simulate a blocked or rate-limited site.

Usage::

    with serve_directory(Path("tests/fixtures/site")) as (server, base_url):
        urllib.request.urlopen(base_url + "/index.html")

or, without `with`, `server, base_url = serve_directory(root)` and later `server.close()`.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import posixpath
import threading
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

__all__ = ["DEFAULT_LAST_MODIFIED", "MirrorServer", "Request", "Served", "serve_directory"]

DEFAULT_LAST_MODIFIED = datetime(2026, 1, 31, 8, 0, 0, tzinfo=UTC)

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".txt": "text/plain",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "application/javascript",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TEXT_TYPES = frozenset({"text/html", "text/plain", "text/css", "application/javascript", "application/json"})


class Request(NamedTuple):
    """One request as the server saw it."""

    method: str
    path: str
    status: int
    headers: dict[str, str]


class MirrorServer(ThreadingHTTPServer):
    """A `ThreadingHTTPServer` bound to one directory, run in a daemon thread."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        root: Path,
        address: tuple[str, int],
        charsets: dict[str, str | None] | None = None,
        last_modified: datetime = DEFAULT_LAST_MODIFIED,
    ) -> None:
        self.root = Path(root).resolve()
        self.charsets = {k.lstrip("/"): v for k, v in (charsets or {}).items()}
        self.last_modified = last_modified.replace(microsecond=0)
        self.requests: list[Request] = []
        self._overrides: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self._lock = threading.Lock()
        self._etags: dict[Path, str] = {}
        self._thread: threading.Thread | None = None
        super().__init__(address, _Handler)

    # -- public ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a site path (`"jhqzf/index.html"` or `"/jhqzf/index.html"`)."""
        return self.base_url + "/" + path.lstrip("/")

    def override(self, path: str, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        """Answer `path` (exact request path, query ignored) with a canned response from now on."""
        with self._lock:
            self._overrides["/" + path.lstrip("/")] = (status, body, dict(headers or {}))

    def clear_overrides(self) -> None:
        with self._lock:
            self._overrides.clear()

    def fetched_paths(self, method: str = "GET") -> list[str]:
        """Request paths (query included) in arrival order."""
        with self._lock:
            return [r.path for r in self.requests if r.method == method]

    def start(self) -> MirrorServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self.serve_forever, name="nianbao-mirror", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port (idempotent)."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- internals ---------------------------------------------------------------------------
    def _record(self, req: Request) -> None:
        with self._lock:
            self.requests.append(req)

    def _override_for(self, path: str) -> tuple[int, bytes, dict[str, str]] | None:
        with self._lock:
            return self._overrides.get(path)

    def _etag(self, file: Path, data: bytes) -> str:
        with self._lock:
            tag = self._etags.get(file)
        if tag is None:
            tag = '"' + hashlib.sha256(data).hexdigest() + '"'
            with self._lock:
                self._etags[file] = tag
        return tag

    def content_type(self, rel: str, data: bytes) -> str:
        ext = posixpath.splitext(rel)[1].lower()
        ctype = CONTENT_TYPES.get(ext) or mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if ctype not in TEXT_TYPES:
            return ctype
        if rel in self.charsets:
            charset = self.charsets[rel]
        else:
            try:
                data.decode("utf-8")
                charset = "utf-8"
            except UnicodeDecodeError:
                charset = None
        return f"{ctype}; charset={charset}" if charset else ctype


class Served(NamedTuple):
    """`(server, base_url)`, also a context manager that stops the server on exit."""

    server: MirrorServer
    base_url: str

    def __enter__(self) -> Served:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.close()


class _Handler(BaseHTTPRequestHandler):
    server: MirrorServer
    server_version = "nianbao-mirror/1.0"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: requests are recorded in `server.requests`, not printed."""

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    # ----------------------------------------------------------------------------------------
    def _finish(self, status: int, headers: dict[str, str], body: bytes, send_body: bool) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers and status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and status != 304 and body:
            self.wfile.write(body)
        self.server._record(Request(self.command, self.path, status, {k: v for k, v in self.headers.items()}))

    def _not_found(self, send_body: bool) -> None:
        body = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>404</h1></body></html>"
        self._finish(HTTPStatus.NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, body, send_body)

    def _resolve(self, url_path: str) -> tuple[Path | None, str]:
        """(file, root-relative posix path) for a request path; file None when outside/missing."""
        path = unquote(url_path)
        norm = posixpath.normpath("/" + path.lstrip("/"))
        if path.endswith("/") and not norm.endswith("/"):
            norm += "/"
        rel = norm.lstrip("/")
        target = (self.server.root / rel).resolve() if rel else self.server.root
        try:
            target.relative_to(self.server.root)
        except ValueError:
            return None, rel
        return target, rel

    def _serve(self, send_body: bool) -> None:
        url_path = urlsplit(self.path).path or "/"
        canned = self.server._override_for(url_path)
        if canned is not None:
            status, body, headers = canned
            headers = {"Content-Type": "text/html; charset=utf-8", **headers}
            self._finish(status, headers, body, send_body)
            return
        target, rel = self._resolve(url_path)
        if target is None or not target.exists():
            self._not_found(send_body)
            return
        if target.is_dir():
            if not url_path.endswith("/"):
                self._finish(HTTPStatus.MOVED_PERMANENTLY, {"Location": url_path + "/"}, b"", send_body)
                return
            target = target / "index.html"
            rel = posixpath.join(rel, "index.html")
            if not target.is_file():
                self._not_found(send_body)
                return
        if not target.is_file():
            self._not_found(send_body)
            return
        data = target.read_bytes()
        etag = self.server._etag(target, data)
        last_mod = email.utils.format_datetime(self.server.last_modified, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_mod, "Accept-Ranges": "none"}
        if self._not_modified(etag):
            self._finish(HTTPStatus.NOT_MODIFIED, headers, b"", send_body)
            return
        headers["Content-Type"] = self.server.content_type(rel, data)
        headers["Content-Length"] = str(len(data))
        self._finish(HTTPStatus.OK, headers, data, send_body)

    def _not_modified(self, etag: str) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip() for t in inm.split(",")}
            return "*" in tags or etag in tags or etag.replace('"', "") in {t.strip('"') for t in tags}
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return since >= self.server.last_modified
        return False


def serve_directory(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    charsets: dict[str, str | None] | None = None,
    last_modified: datetime = DEFAULT_LAST_MODIFIED,
) -> Served:
    """Serve `root` over HTTP in a background thread; returns `(server, base_url)`.

    `port=0` picks a free port. `charsets` maps root-relative paths to the charset announced in
    `Content-Type` (`None` = announce none); other text files are sniffed (UTF-8 or nothing).
    The result unpacks as a tuple and is also a context manager that stops the server.

    >>> import tempfile, urllib.request
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    >>> with serve_directory(d) as (srv, base):
    ...     with urllib.request.urlopen(base + "/") as r:
    ...         (r.status, r.headers["Content-Type"], r.read())
    (200, 'text/html; charset=utf-8', b'<p>hi</p>')
    """
    server = MirrorServer(Path(root), (host, port), charsets=charsets, last_modified=last_modified)
    server.start()
    return Served(server, server.base_url)
