"""Regenerate tests/golden/ from the current parser (`make golden`); review the diff before committing."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from golden_io import GOLDEN, golden_name, golden_pages, parse_page, serialise  # noqa: E402


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    names = set()
    for page in golden_pages():
        name = golden_name(page)
        names.add(name)
        (GOLDEN / name).write_text(serialise(parse_page(page)), encoding="utf-8")
    for stale in GOLDEN.glob("*.json"):
        if stale.name not in names:
            stale.unlink()
    print(f"wrote {len(names)} golden parses to {GOLDEN}; review with `git diff tests/golden`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
