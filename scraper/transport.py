"""HTTP plumbing under :mod:`scraper.fetch`: clients per TLS flavour, the size-capped content
decoder, Retry-After parsing and the exceptions that carry an outcome out of an attempt."""

from __future__ import annotations

import email.utils
import ssl
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from scraper.config import CrawlConfig
from scraper.netguard import DNSError


class FetchAbort(Exception):
    """Not retryable; carries the outcome name."""

    def __init__(self, outcome: str, message: str, status: int | None = None, response: Response | None = None):
        super().__init__(message)
        self.outcome, self.status, self.response = outcome, status, response


class BrokenBody(Exception):
    """The compressed body ended before its stream did (a cut connection whose Content-Length was
    computed for the cut body). Retried like a short read; never stored."""


class RetryableStatus(Exception):
    def __init__(self, response: Response, retry_after: float | None):
        super().__init__(f"HTTP {response.status}")
        self.response, self.retry_after = response, retry_after


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date).

    >>> parse_retry_after("7"), parse_retry_after(None), parse_retry_after("soon")
    (7.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def legacy_tls_context(verify: bool) -> ssl.SSLContext:
    """TLS context for servers that need legacy renegotiation (OpenSSL 3 refuses it by default)."""
    ctx = ssl.create_default_context()
    ctx.options |= getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)
    ctx.set_ciphers("DEFAULT:@SECLEVEL=1")
    if not verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


class ClientPool:
    """httpx clients by TLS flavour, shared by every site of a crawl."""

    def __init__(self, cfg: CrawlConfig) -> None:
        self.cfg = cfg
        self._clients: dict[tuple[bool, bool], httpx.AsyncClient] = {}

    def get(self, verify: bool, legacy: bool) -> httpx.AsyncClient:
        key = (verify, legacy)
        if key not in self._clients:
            tls: ssl.SSLContext | bool = legacy_tls_context(verify) if legacy else verify
            self._clients[key] = httpx.AsyncClient(
                verify=tls,
                follow_redirects=False,  # redirects are checked hop by hop
                timeout=httpx.Timeout(self.cfg.read_timeout, connect=self.cfg.connect_timeout, pool=None),
                limits=httpx.Limits(max_connections=1000, max_keepalive_connections=200),
                trust_env=False,  # no proxies from the environment: the address checks must hold
            )
        return self._clients[key]

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()


def is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError) or "SSL" in type(seen).__name__:
            return True
        seen = seen.__cause__ or seen.__context__
    return "SSL" in str(exc) or "TLS" in str(exc)


def describe(exc: BaseException) -> str:
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        return f"timeout: {type(exc).__name__}"
    if isinstance(exc, DNSError):
        return str(exc)
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"


_GZIP_MAGIC = b"\x1f\x8b"


class BodyDecoder:
    """Content-Encoding decoder that never inflates past ``limit`` bytes.

    A gzip body may hold several members (servers that compress per flush); each is decoded in
    turn. Bytes after the last member that do not start another one are ignored, as browsers do.
    ``finish()`` raises :class:`BrokenBody` when the stream stopped mid-member.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.encoding = encoding
        self._z: zlib._Decompress | None = None  # type: ignore[name-defined]
        if encoding in ("gzip", "x-gzip"):
            self._z = self._new()
        elif encoding == "deflate":
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding not in ("", "identity"):
            # a bogus label ("UTF-8", a charset where the coding belongs): browsers show the body
            # as sent, and so do we (the fetcher notes it); br/zstd are never asked for
            self.encoding = "identity"
        self._raw_deflate_tried = False
        self._fed = False
        self._between = b""  # bytes after a finished gzip member, until we know whether another starts
        self._trailing = False  # after the last member: ignore the rest

    def _new(self) -> zlib._Decompress:  # type: ignore[name-defined]
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, chunk: bytes, out: bytearray) -> None:
        if self._z is None:
            out += chunk
            return
        if self._trailing or not chunk:
            return
        self._fed = True
        data = chunk
        while data:
            if self._z.eof:
                if self.encoding == "deflate":
                    self._trailing = True
                    return
                self._between += data
                if len(self._between) < len(_GZIP_MAGIC):
                    return
                if not self._between.startswith(_GZIP_MAGIC):
                    self._trailing = True
                    return
                data, self._between, self._z = self._between, b"", self._new()
            try:
                piece = self._z.decompress(data, self.limit - len(out) + 1)
            except zlib.error as exc:
                if self.encoding == "deflate" and not self._raw_deflate_tried and not out:
                    # Some servers send raw deflate without the zlib wrapper.
                    self._raw_deflate_tried = True
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchAbort("failed", f"corrupt {self.encoding} body: {exc}") from exc
            out += piece
            if len(out) > self.limit:
                raise FetchAbort("too_large", f"decoded body exceeds {self.limit} bytes ({self.encoding} bomb?)")
            data = self._z.unconsumed_tail if not self._z.eof else self._z.unused_data

    def finish(self) -> None:
        """The body is complete: raise BrokenBody if the compressed stream is not."""
        if self._z is not None and self._fed and not self._z.eof:
            raise BrokenBody(f"truncated {self.encoding} body: the stream ends mid-member")
