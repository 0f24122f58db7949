"""Console output on stderr: one progress line per site while crawling, a summary table at the end.

On a terminal the per-site lines are redrawn in place; otherwise (CI, logs) a site's line is
printed when its counters change, at most every few seconds, so logs stay short.
"""

from __future__ import annotations

import time
import unicodedata
from typing import TextIO


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two.

    >>> display_width("静海"), display_width("ab")
    (4, 2)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def render_table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    """Plain-text table.

    >>> print(render_table(["site", "n"], [["静海", "3"]], {1}))
    site  n
    ----  -
    静海  3
    """
    widths = [max(display_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(pad(h, w, i in numeric) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(pad(str(c), w, i in numeric) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return "\n".join(line.rstrip() for line in lines)


class Progress:
    def __init__(self, stream: TextIO, enabled: bool, site_ids: list[str], interval: float = 5.0) -> None:
        self.stream, self.enabled = stream, enabled
        self.tty = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.lines: dict[str, str] = dict.fromkeys(site_ids, "waiting")
        self._printed: dict[str, tuple[str, float]] = {}
        self._drawn = 0
        self.interval = interval

    def update(self, site_id: str, line: str, final: bool = False) -> None:
        if not self.enabled:
            return
        self.lines[site_id] = line
        if self.tty:
            self._redraw()
            return
        last_line, last_at = self._printed.get(site_id, ("", 0.0))
        now = time.monotonic()
        if line != last_line and (final or now - last_at >= self.interval):
            self._printed[site_id] = (line, now)
            self.stream.write(f"[{site_id}] {line}\n")
            self.stream.flush()

    def _redraw(self) -> None:
        out = []
        if self._drawn:
            out.append(f"\x1b[{self._drawn}F")  # back to the first site line
        width = max(display_width(s) for s in self.lines)
        for site_id, line in self.lines.items():
            out.append(f"\x1b[2K{pad(site_id, width)}  {line}\n")
        self._drawn = len(self.lines)
        self.stream.write("".join(out))
        self.stream.flush()
