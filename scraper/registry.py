"""Site registry: one small TOML table per district site.

Example entry (see ``scraper/registry.toml`` for the default registry)::

    [[site]]
    id = "tjjh"
    name = "天津市静海区人民政府"
    region = "天津市静海区"
    admin_code = "120118"
    entry_urls = ["http://www.tjjh.gov.cn/jhqzf/zwgk_28985/"]
    column_urls = []                       # optional: known 年报 list pages (entry_urls may then be left out)
    allowed_hosts = ["www.tjjh.gov.cn"]    # optional: defaults to the entry hosts
    # optional: allow_private, tls_profile ("default" | "legacy"), verify_tls,
    # http_fallback, encoding, scope, report_words, hook, and [site.overrides] for CrawlConfig fields.

An ``allowed_hosts`` item is a hostname (any port), ``host:port`` (that port only)
or ``.example.gov.cn`` (the domain and its subdomains).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.config import CrawlConfig
from scraper.hanweb import scope_dir

DEFAULT_REGISTRY = Path(__file__).with_name("registry.toml")
TLS_PROFILES = ("default", "legacy")

_KNOWN_KEYS = {
    "id", "name", "region", "admin_code", "entry_urls", "column_urls", "allowed_hosts", "allow_private",
    "tls_profile", "verify_tls", "http_fallback", "encoding", "scope", "report_words", "hook", "overrides",
}


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    entry_urls: tuple[str, ...]
    region: str = ""
    admin_code: str = ""
    column_urls: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    allow_private: bool = False  # loopback/private targets; only the demo and tests need it
    tls_profile: str = "default"  # "legacy": retry a host with OP_LEGACY_SERVER_CONNECT after a TLS failure
    verify_tls: bool = True
    http_fallback: bool = True  # https that fails to connect/handshake is retried over http
    encoding: str | None = None  # forced charset for odd sites; otherwise detected per page
    scope: tuple[str, ...] = ()  # URL prefixes navigation may descend into; default: entry directories
    # (a Hanweb /col/colN/ entry: /col/, where every column of the site lives)
    # a body whose reports sit in a column shared with other units (a platform's per-year 年报
    # column): a report is kept only when its link text or page title names one of these words
    report_words: tuple[str, ...] = ()
    hook: str | None = None  # module with ``extra_links(page_url, html) -> list[(url, kind)]``
    overrides: tuple[tuple[str, Any], ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.allowed_hosts:  # default: the hosts of the entry URLs
            hosts = dict.fromkeys((urlsplit(u).hostname or "").lower() for u in self.entry_urls + self.column_urls)
            object.__setattr__(self, "allowed_hosts", tuple(hosts))

    def config(self, base: CrawlConfig | None = None) -> CrawlConfig:
        return (base or CrawlConfig()).with_overrides(dict(self.overrides))

    def nav_scope(self) -> tuple[str, ...]:
        if self.scope:
            return self.scope
        return tuple(scope_dir(_directory(u)) for u in self.entry_urls + self.column_urls)


def _directory(url: str) -> str:
    """Directory prefix of a URL, scheme-less so http/https both match.

    >>> _directory("http://www.tjjh.gov.cn/jhqzf/zwgk_28985/index.html")
    '//www.tjjh.gov.cn/jhqzf/zwgk_28985/'
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"//{parts.netloc.lower()}{path[: path.rfind('/') + 1]}"


class RegistryError(ValueError):
    pass


def _site_from_table(table: dict[str, Any], where: str) -> Site:
    unknown = set(table) - _KNOWN_KEYS
    if unknown:
        raise RegistryError(f"{where}: unknown key(s) {sorted(unknown)}")
    for key in ("id", "name"):
        if key not in table:
            raise RegistryError(f"{where}: missing {key!r}")
    if "entry_urls" not in table and "column_urls" not in table:
        raise RegistryError(f"{where}: missing 'entry_urls' (or 'column_urls')")
    entries = tuple(table.get("entry_urls", ()))
    columns = tuple(table.get("column_urls", ()))
    for url in entries + columns:
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise RegistryError(f"{where}: not an http(s) URL: {url!r}")
    hosts = tuple(h.lower() for h in table.get("allowed_hosts", ())) or tuple(
        dict.fromkeys(urlsplit(u).hostname or "" for u in entries + columns)
    )
    tls = table.get("tls_profile", "default")
    if tls not in TLS_PROFILES:
        raise RegistryError(f"{where}: tls_profile must be one of {TLS_PROFILES}, not {tls!r}")
    overrides = dict(table.get("overrides", {}))
    try:
        CrawlConfig().with_overrides(overrides)
    except (ValueError, TypeError) as exc:
        raise RegistryError(f"{where}: {exc}") from exc
    return Site(
        id=str(table["id"]),
        name=str(table["name"]),
        entry_urls=entries,
        region=str(table.get("region", "")),
        admin_code=str(table.get("admin_code", "")),
        column_urls=columns,
        allowed_hosts=hosts,
        allow_private=bool(table.get("allow_private", False)),
        tls_profile=tls,
        verify_tls=bool(table.get("verify_tls", True)),
        http_fallback=bool(table.get("http_fallback", True)),
        encoding=table.get("encoding"),
        scope=tuple(table.get("scope", ())),
        report_words=tuple(str(w) for w in table.get("report_words", ()) if str(w).strip()),
        hook=table.get("hook"),
        overrides=tuple(sorted(overrides.items())),
    )


def parse_registry(text: str, source: str = "<registry>") -> list[Site]:
    """Parse registry TOML text.

    >>> sites = parse_registry('[[site]]\\nid="x"\\nname="X"\\nentry_urls=["http://a.gov.cn/gk/"]')
    >>> sites[0].allowed_hosts, sites[0].nav_scope()
    (('a.gov.cn',), ('//a.gov.cn/gk/',))
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{source}: {exc}") from exc
    sites = [_site_from_table(t, f"{source} site #{i + 1}") for i, t in enumerate(data.get("site", []))]
    ids = [s.id for s in sites]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RegistryError(f"{source}: duplicate site id(s) {dupes}")
    return sites


def load_registry(path: str | Path = DEFAULT_REGISTRY) -> list[Site]:
    path = Path(path)
    return parse_registry(path.read_text(encoding="utf-8"), str(path))
