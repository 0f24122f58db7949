"""robots.txt per host, RFC 9309: 2xx → parse, other 4xx → allow all, 5xx or network failure →
disallow all (the site is unreachable anyway).

Matching (RFC 9309 §2.2): the groups naming our product token (case-insensitively) are merged, else
the ``*`` groups; of the rules whose pattern matches the URL's path and query, the longest wins and
Allow wins a tie; ``*`` matches any run of characters, a final ``$`` anchors the end; /robots.txt
itself is always allowed. urllib.robotparser, used before, let the first matching rule win, knew no
wildcards and read a UTF-8 byte order mark as part of the first key (ignoring that group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

_AGENT_KEYS = ("user-agent", "useragent", "user agent")
_TOKEN = re.compile(r"[A-Za-z_-]+")
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def _normalise(path: str) -> str:
    """Percent-encode what is outside printable ASCII, upper-case existing escapes (RFC 9309 §2.2.2).

    >>> _normalise("/年报/a%2f b")
    '/%E5%B9%B4%E6%8A%A5/a%2F%20b'
    """
    path = _ESCAPE.sub(lambda m: m.group().upper(), path)
    return quote(path, safe="!#$%&'()*+,/:;=?@[]~")


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str  # normalised

    def matches(self, target: str) -> bool:
        return _compile(self.pattern).match(target) is not None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compile(pattern: str) -> re.Pattern[str]:
    rx = _PATTERNS.get(pattern)
    if rx is None:
        anchored = pattern.endswith("$")
        body = ".*".join(re.escape(part) for part in (pattern[:-1] if anchored else pattern).split("*"))
        rx = _PATTERNS[pattern] = re.compile(body + (r"\Z" if anchored else ""), re.S)
    return rx


@dataclass
class Group:
    agents: list[str] = field(default_factory=list)  # lower-case product tokens, or "*"
    rules: list[Rule] = field(default_factory=list)
    delay: float | None = None


def _agent_token(value: str) -> str:
    value = value.strip()
    if value.startswith("*"):
        return "*"
    m = _TOKEN.match(value)
    return m.group().lower() if m else ""


def parse_groups(text: str) -> list[Group]:
    r"""The groups of a robots.txt; rules before any User-agent line are ignored.

    >>> [(g.agents, len(g.rules), g.delay) for g in parse_groups("User-agent: a\nUser-agent: B/1.0\nCrawl-delay: 1.5\n"
    ...                                                          "Disallow: /x\n\nUser-agent: *\nCrawl-delay: 3")]
    [(['a', 'b'], 1, 1.5), (['*'], 0, 3.0)]
    """
    groups: list[Group] = []
    current: Group | None = None
    in_rules = False
    for line in text.lstrip("\ufeff").splitlines():
        key, sep, value = line.split("#", 1)[0].partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key in _AGENT_KEYS:
            if current is None or in_rules:
                current, in_rules = Group(), False
                groups.append(current)
            current.agents.append(_agent_token(value))
        elif current is None:
            continue
        elif key in ("allow", "disallow"):
            in_rules = True
            if value:  # an empty Disallow allows everything: it matches nothing
                current.rules.append(Rule(key == "allow", _normalise(value)))
        elif key == "crawl-delay":
            in_rules = True
            try:
                current.delay = float(value)  # fractional values allowed
            except ValueError:
                pass
    return groups


@dataclass
class Robots:
    status: str  # "parsed" | "missing" | "unreachable"
    groups: list[Group] | None = None
    detail: str = ""

    def _groups_for(self, agent: str) -> list[Group]:
        token = _agent_token(agent)
        groups = self.groups or []
        return [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]

    def allows(self, agent: str, url: str) -> bool:
        if self.status == "missing":
            return True
        if self.status == "unreachable" or self.groups is None:
            return False
        parts = urlsplit(url)
        target = _normalise((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if target == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for group in self._groups_for(agent):
            for rule in group.rules:
                if rule.matches(target):
                    best = max(best or (-1, False), (len(rule.pattern), rule.allow))
        return True if best is None else best[1]

    def crawl_delay(self, agent: str) -> float | None:
        return next((g.delay for g in self._groups_for(agent) if g.delay is not None), None)


def parse_robots(status: int | None, body: bytes | None, detail: str = "") -> Robots:
    """Build the policy from the robots.txt fetch outcome.

    >>> r = parse_robots(200, b"User-agent: *\\nDisallow: /private/\\nCrawl-delay: 3\\n")
    >>> r.allows("nianbao", "http://x/private/a.html"), r.allows("nianbao", "http://x/gk/"), r.crawl_delay("nianbao")
    (False, True, 3.0)
    >>> parse_robots(404, b"").allows("nianbao", "http://x/a"), parse_robots(503, b"").allows("nianbao", "http://x/a")
    (True, False)
    """
    if status is not None and 200 <= status < 300 and body is not None:
        return Robots("parsed", parse_groups(body.decode("utf-8", errors="replace")), detail)
    if status is not None and 400 <= status < 500:
        return Robots("missing", None, detail or f"HTTP {status}")
    return Robots("unreachable", None, detail or (f"HTTP {status}" if status else "no response"))
