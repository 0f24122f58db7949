"""Where the crawler may go: allowed hosts, private-address refusal, URL canonical forms.

The private-address check resolves the host itself before each request (cached per host). httpx
resolves again when connecting, so a DNS answer that changes between the two lookups is not caught;
that residual risk is accepted for a crawler of government sites.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urldefrag, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_NAMES = ("index.html", "index.htm", "index.shtml", "default.html", "default.htm")


class DNSError(OSError):
    """Name resolution failed; host-level, not worth many retries."""


class InvalidHost(DNSError):
    """The host name cannot even be looked up (an empty or over-long label, bad IDNA): links such as
    ``http://a..gov.cn/`` exist on real pages. Failed like any unresolvable host, never retried."""


class RefusedAddress(Exception):
    """The host resolves to a private/loopback/reserved address and the site does not allow it."""


def host_key(url: str) -> str:
    """Politeness key: host plus explicit port. Different ports are different hosts.

    >>> host_key("http://WWW.tjjh.gov.cn:80/a"), host_key("https://127.0.0.1:8443/")
    ('www.tjjh.gov.cn', '127.0.0.1:8443')
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(parts.scheme):
        return host
    return f"{host}:{port}"


def clean_url(url: str) -> str:
    """Normalise a URL for fetching: drop the fragment, lower-case scheme/host, drop default ports.

    >>> clean_url("HTTP://WWW.TJJH.gov.cn:80/a/b.html#top")
    'http://www.tjjh.gov.cn/a/b.html'
    """
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = host_key(url)
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def dedupe_key(url: str) -> str:
    """Identity of a page across http/https and ``index.html``-or-not (domain.md §12 duplicates).

    >>> dedupe_key("https://www.tjjh.gov.cn/x/zfxxgknb46/index.html") == dedupe_key("http://www.tjjh.gov.cn/x/zfxxgknb46/")
    True
    """
    parts = urlsplit(clean_url(url))
    path = parts.path
    for name in _INDEX_NAMES:
        if path.endswith("/" + name):
            path = path[: -len(name)]
            break
    return urlunsplit(("", parts.netloc, path, parts.query, ""))


def url_problem(url: str) -> str | None:
    """Why urllib cannot take ``url`` apart (it raises only when asked for the port or on an odd
    netloc), or None. Real pages carry such links: full-width slashes, ports out of range.

    >>> url_problem("http://h.gov.cn:80800/"), url_problem("http://h.gov.cn/a")
    ('Port out of range 0-65535', None)
    """
    try:
        host_key(url)
    except ValueError as exc:
        return str(exc)
    return None


def host_allowed(url: str, allowed: tuple[str, ...]) -> bool:
    """Whether ``url`` is on one of the registry's hosts.

    >>> host_allowed("http://www.tjjh.gov.cn/a", ("www.tjjh.gov.cn",))
    True
    >>> host_allowed("http://evil.cn/a", ("www.tjjh.gov.cn",)), host_allowed("http://x.tjjh.gov.cn/", (".tjjh.gov.cn",))
    (False, True)
    >>> host_allowed("http://127.0.0.1:9/", ("127.0.0.1:8080",))
    False
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    key = host_key(url)
    for item in allowed:
        item = item.lower()
        if item.startswith("."):
            if host == item[1:] or host.endswith(item):
                return True
        elif ":" in item and not item.startswith("["):
            if key == item or f"{host}:{parts.port or _DEFAULT_PORTS.get(parts.scheme)}" == item:
                return True
        elif host == item:
            return True
    return False


def is_public_address(addr: str) -> bool:
    """Globally routable unicast address?

    >>> is_public_address("127.0.0.1"), is_public_address("10.1.2.3"), is_public_address("202.99.96.68")
    (False, False, True)
    """
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    return ip.is_global and not ip.is_multicast


class Resolver:
    """Caches per-host resolution results (addresses or the DNS error) for one crawl."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._cache: dict[str, list[str] | DNSError] = {}

    async def addresses(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        cached = self._cache.get(host)
        if cached is None:
            loop = asyncio.get_running_loop()
            try:
                infos = await asyncio.wait_for(
                    loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), self.timeout
                )
                cached = sorted({info[4][0] for info in infos})
            except (OSError, TimeoutError) as exc:
                why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                cached = DNSError(f"DNS lookup failed for {host} ({why})")
            except ValueError as exc:  # UnicodeError from the IDNA codec: not a name at all
                cached = InvalidHost(f"invalid host name {host!r} ({exc})")
            self._cache[host] = cached
        if isinstance(cached, DNSError):
            raise cached
        return cached

    async def check(self, url: str, allow_private: bool) -> None:
        """Raise DNSError or RefusedAddress; resolution is done even when private is allowed
        so that unknown hosts fail fast here instead of inside the retry loop."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        addrs = await self.addresses(host, parts.port or _DEFAULT_PORTS.get(parts.scheme, 80))
        if allow_private:
            return
        bad = [a for a in addrs if not is_public_address(a)]
        if bad:
            raise RefusedAddress(f"{host} resolves to non-public address {bad[0]} (site does not allow_private)")
