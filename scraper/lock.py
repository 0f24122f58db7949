"""One crawl per data directory at a time: an exclusive lock on ``DATA/raw/crawl.lock``.

Two crawls on one data directory would share the open run (the second "resumes" the first's),
download every page twice (politeness is per process, so the site gets twice the rate), count
each other's reports in their summaries, and race on the parse cache and the tables. The second
one is refused instead, with one line naming the process that holds the directory.

The lock is ``flock``: the kernel drops it when its holder dies, however it dies (kill -9, OOM),
so a crashed crawl never leaves a stale lock behind. Holding it also means no other writer is
alive, so the temp files a dead writer left (blob temp files, parse-cache temp files) are swept.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scraper.store import TEMP_PREFIX

LOCK_NAME = "crawl.lock"


class DataDirBusy(OSError):
    """Another process is crawling into (or extracting from) the same data directory."""


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f" (pid {pid})" if pid.isdigit() else ""


def sweep_temp(data_dir: Path) -> int:
    """Remove the temp files dead writers left under ``data_dir``; how many. Call only with the lock."""
    removed = 0
    blobs = data_dir / "raw" / "blobs"
    parsed = data_dir / "parsed"  # `*.pickle.tmp`: the cache's temp name before this module existed
    leftovers = [*blobs.glob(f"*/{TEMP_PREFIX}*"), *parsed.glob(f"{TEMP_PREFIX}*"), *parsed.glob("*.pickle.tmp")]
    for p in leftovers:
        try:
            p.unlink()
            removed += 1
        except OSError:
            pass  # gone already, or not ours to remove: harmless either way
    return removed


@contextmanager
def hold_data_dir(data_dir: Path) -> Iterator[None]:
    """Hold the data directory for one crawl; :class:`DataDirBusy` when another process holds it."""
    raw = Path(data_dir) / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    fd = os.open(raw / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataDirBusy(f"data directory {data_dir} is in use by another nianbao crawl{_holder(fd)}; "
                              "wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        sweep_temp(Path(data_dir))
        yield
    finally:
        os.close(fd)  # releases the lock
