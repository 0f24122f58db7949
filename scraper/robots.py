"""robots.txt per host, RFC 9309 semantics: 2xx → parse, other 4xx → allow all,
5xx or network failure → disallow all (the site is unreachable anyway)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser


@dataclass
class Robots:
    status: str  # "parsed" | "missing" | "unreachable"
    parser: RobotFileParser | None = None
    detail: str = ""

    def allows(self, agent: str, url: str) -> bool:
        if self.status == "missing":
            return True
        if self.status == "unreachable" or self.parser is None:
            return False
        return self.parser.can_fetch(agent, url)

    delays: dict[str, float] | None = None  # user-agent (lower-case) → Crawl-delay seconds

    def crawl_delay(self, agent: str) -> float | None:
        delays = self.delays or {}
        agent = agent.lower()
        for ua, delay in delays.items():
            if ua != "*" and ua in agent:
                return delay
        return delays.get("*")


def _crawl_delays(text: str) -> dict[str, float]:
    r"""Crawl-delay per user-agent group; fractional values allowed (urllib.robotparser wants ints).

    >>> _crawl_delays("User-agent: a\nUser-agent: B\nCrawl-delay: 1.5\n\nUser-agent: *\nCrawl-delay: 3")
    {'a': 1.5, 'b': 1.5, '*': 3.0}
    """
    delays: dict[str, float] = {}
    group: list[str] = []
    in_rules = False
    for line in text.splitlines():
        key, _, value = line.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                group, in_rules = [], False
            group.append(value.lower())
        elif key:
            in_rules = True
            if key == "crawl-delay":
                try:
                    delays.update(dict.fromkeys(group, float(value)))
                except ValueError:
                    pass
    return delays


def parse_robots(status: int | None, body: bytes | None, detail: str = "") -> Robots:
    """Build the policy from the robots.txt fetch outcome.

    >>> r = parse_robots(200, b"User-agent: *\\nDisallow: /private/\\nCrawl-delay: 3\\n")
    >>> r.allows("nianbao", "http://x/private/a.html"), r.allows("nianbao", "http://x/gk/"), r.crawl_delay("nianbao")
    (False, True, 3.0)
    >>> parse_robots(404, b"").allows("nianbao", "http://x/a"), parse_robots(503, b"").allows("nianbao", "http://x/a")
    (True, False)
    """
    if status is not None and 200 <= status < 300 and body is not None:
        text = body.decode("utf-8", errors="replace")
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        return Robots("parsed", parser, detail, _crawl_delays(text))
    if status is not None and 400 <= status < 500:
        return Robots("missing", None, detail or f"HTTP {status}")
    return Robots("unreachable", None, detail or (f"HTTP {status}" if status else "no response"))
