"""Raw store: exact response bytes, content-addressed, plus a SQLite fetch log.

Layout under ``data_dir``::

    raw/blobs/ab/abcdef…        response bodies (after Content-Encoding, before any charset decoding)
    raw/fetchlog.sqlite         runs, fetches (one row per URL fetch, after retries), reports

Crash safety: a blob is written to a temp file, fsynced and renamed into place *before* its fetch
row is committed, and every fetch row commits on its own (WAL). A kill -9 therefore loses at most the
request in flight. A blob is trusted only when its bytes hash to its name (checked once per process):
one truncated by a power loss or a disk error, or deleted by hand, counts as not stored, so the
next crawl fetches it again without a conditional request and the fresh bytes replace it.
A write that fails (disk full, read-only, the log locked) marks the store ``broken``: every later
write raises :class:`StoreError` at once, so a crawl stops instead of downloading pages it cannot
keep. A crawl run stays open until it finishes; re-running a site whose last run is still open
resumes that run, reusing every page already stored in it without asking the server.
A finished run makes the next run a re-crawl, which revalidates with If-None-Match /
If-Modified-Since and reuses the stored bytes on 304.

Reports: ``iter_reports`` yields one :class:`StoredPage` per report. Multi-page TRS articles are
kept page by page: ``content`` is the first page, ``extra_pages`` the following ones in order.
``bundle_sha256`` covers all pages (it equals ``sha256`` for a one-page report) and is the right key
for a parse cache; ``changed`` says whether the bundle is new or differs from the previous crawl.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY, site_id TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT
);
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, site_id TEXT NOT NULL,
    url TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, role TEXT, parent_url TEXT,
    final_url TEXT, status INTEGER, outcome TEXT NOT NULL, error TEXT, notes TEXT, attempts INTEGER,
    fetched_at TEXT NOT NULL, sha256 TEXT, size INTEGER, content_type TEXT, etag TEXT, last_modified TEXT,
    headers TEXT, declared_encoding TEXT, detected_encoding TEXT, encoding_source TEXT, elapsed_ms INTEGER
);
CREATE INDEX IF NOT EXISTS fetches_key ON fetches(site_id, key, id);
CREATE INDEX IF NOT EXISTS fetches_run ON fetches(run_id, key);
CREATE TABLE IF NOT EXISTS reports (
    site_id TEXT NOT NULL, key TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT, title TEXT, column_url TEXT,
    sha256 TEXT NOT NULL, page_urls TEXT NOT NULL, page_shas TEXT NOT NULL, bundle_sha256 TEXT NOT NULL,
    prev_bundle_sha256 TEXT, status TEXT NOT NULL, first_run INTEGER NOT NULL, last_run INTEGER NOT NULL,
    fetched_at TEXT, http_status INTEGER, content_type TEXT, declared_encoding TEXT, detected_encoding TEXT,
    attachments TEXT NOT NULL,
    PRIMARY KEY (site_id, key)
);
"""

GOOD = ("ok", "not_modified")
TEMP_PREFIX = ".tmp-"  # blob temp files; a dead writer's leftovers are swept by scraper.lock


class StoreError(OSError):
    """The raw store could not be written (disk full, read-only, log locked): the crawl stops."""


class BlobError(OSError):
    """A stored blob is missing or its bytes do not hash to its name."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_hash(page_shas: list[str]) -> str:
    """Hash of a multi-page report: the page hash itself for one page.

    >>> bundle_hash(["ab"]) == "ab", len(bundle_hash(["ab", "cd"]))
    (True, 64)
    """
    return page_shas[0] if len(page_shas) == 1 else sha256_hex("\n".join(page_shas).encode())


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class StoredPage:
    site_id: str
    url: str  # canonical report URL (as discovered, fragment-free)
    final_url: str  # after redirects / scheme fallback
    fetched_at: str  # ISO-8601 UTC of the last fetch or revalidation of the first page
    sha256: str  # first page
    content: bytes  # first page, exact bytes
    declared_encoding: str | None
    detected_encoding: str | None
    attachments: list[tuple[str, str, str | None]]  # (url, kind e.g. "pdf", sha256 or None if not stored)
    http_status: int | None
    extra_pages: list[bytes] = field(default_factory=list)
    extra_page_urls: list[str] = field(default_factory=list)
    bundle_sha256: str = ""
    changed: bool = True  # new or different since the previous crawl
    status: str = "new"  # "new" | "changed" | "unchanged" as of the last run that saw the report
    title: str = ""
    column_url: str | None = None
    content_type: str | None = None
    problem: str | None = None  # the stored bytes are gone or damaged: content is b"", the report failed


def check_data_dir(data_dir: str | Path) -> None:
    """Raise OSError (naming the directory) if the raw store cannot be opened under ``data_dir``."""
    try:
        RawStore(data_dir).close()
    except (OSError, sqlite3.Error) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise OSError(f"data directory {data_dir}: cannot open the raw store: {why}") from exc


class RawStore:
    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir) / "raw"
        self.blob_dir = self.root / "blobs"
        self.blob_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.root / "fetchlog.sqlite", isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # survives process kill; only power loss can cost a row
        self.db.executescript(_SCHEMA)
        self._verified: set[str] = set()  # blobs whose bytes were hashed and found whole
        self.broken: str | None = None  # why the store stopped taking writes
        self.on_broken: Callable[[str], None] | None = None  # told once, e.g. to stop queued requests

    def close(self) -> None:
        self.db.close()

    def _failed(self, exc: BaseException) -> StoreError:
        """Mark the store broken by ``exc`` (the first cause is kept) and return the error to raise."""
        if self.broken is None:
            why = getattr(exc, "strerror", None) or str(exc)
            self.broken = f"cannot write the raw store {self.root}: {why}"
            if self.on_broken is not None:
                self.on_broken(self.broken)
        return StoreError(self.broken)

    def _write(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """One committed statement; a failure breaks the store (a full disk fails every later write too)."""
        if self.broken is not None:
            raise StoreError(self.broken)
        try:
            return self.db.execute(sql, args)
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc

    # --- blobs --------------------------------------------------------------------------------
    def blob_path(self, sha: str) -> Path:
        return self.blob_dir / sha[:2] / sha

    def put_blob(self, data: bytes) -> str:
        sha = sha256_hex(data)
        if self.blob_ok(sha):
            return sha
        if self.broken is not None:
            raise StoreError(self.broken)
        path = self.blob_path(sha)
        tmp: str | None = None
        try:
            path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())  # the bytes are on disk before the fetch row that names them
            os.replace(tmp, path)  # atomic: readers see the whole blob or none; replaces a damaged one
            tmp = None
        except OSError as exc:
            raise self._failed(exc) from exc
        finally:
            if tmp is not None:  # disk full, Ctrl-C: no half-written temp file left behind
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        self._verified.add(sha)
        return sha

    def get_blob(self, sha: str) -> bytes:
        """The stored bytes; :class:`BlobError` when the blob is missing or damaged."""
        path = self.blob_path(sha)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BlobError(f"stored bytes missing: {path} ({exc.strerror or exc})") from exc
        if sha not in self._verified:
            if sha256_hex(data) != sha:
                raise BlobError(f"stored bytes damaged: {path} does not hash to its name")
            self._verified.add(sha)
        return data

    def blob_ok(self, sha: str | None) -> bool:
        """The blob is on disk and whole (hashed once per process)."""
        if not sha:
            return False
        if sha in self._verified:
            return True
        try:
            self.get_blob(sha)
        except BlobError:
            return False
        return True

    def has_blob(self, sha: str | None) -> bool:
        return self.blob_ok(sha)

    # --- runs ---------------------------------------------------------------------------------
    def begin_run(self, site_id: str) -> tuple[int, bool]:
        """Return (run_id, resumed). An unfinished last run is resumed."""
        row = self.db.execute(
            "SELECT run_id, finished_at FROM runs WHERE site_id=? ORDER BY run_id DESC LIMIT 1", (site_id,)
        ).fetchone()
        if row is not None and row["finished_at"] is None:
            return row["run_id"], True
        cur = self._write("INSERT INTO runs(site_id, started_at) VALUES (?, ?)", (site_id, utc_now()))
        return int(cur.lastrowid), False

    def finish_run(self, run_id: int) -> None:
        self._write("UPDATE runs SET finished_at=? WHERE run_id=?", (utc_now(), run_id))

    # --- fetch log ----------------------------------------------------------------------------
    def log_fetch(self, **row: Any) -> int:
        if isinstance(row.get("headers"), dict):
            row["headers"] = json.dumps(row["headers"], ensure_ascii=False, sort_keys=True)
        if isinstance(row.get("notes"), list):
            row["notes"] = "; ".join(row["notes"]) or None
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self._write(f"INSERT INTO fetches ({cols}) VALUES ({marks})", tuple(row.values()))
        return int(cur.lastrowid)

    def stored_in_run(self, run_id: int, key: str) -> sqlite3.Row | None:
        """A good fetch of ``key`` earlier in this run whose bytes are on disk (resume support)."""
        for row in self.db.execute(
            "SELECT * FROM fetches WHERE run_id=? AND key=? AND outcome IN ('ok','not_modified') ORDER BY id DESC",
            (run_id, key),
        ):
            if self.has_blob(row["sha256"]):
                return row
        return None

    def last_good(self, site_id: str, key: str) -> sqlite3.Row | None:
        """Latest good fetch of ``key`` in any run, for conditional requests."""
        for row in self.db.execute(
            "SELECT * FROM fetches WHERE site_id=? AND key=? AND outcome IN ('ok','not_modified') ORDER BY id DESC",
            (site_id, key),
        ):
            if self.has_blob(row["sha256"]):
                return row
        return None

    def fetches(self, site_id: str | None = None, run_id: int | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM fetches WHERE 1=1", []
        if site_id is not None:
            sql, args = sql + " AND site_id=?", [*args, site_id]
        if run_id is not None:
            sql, args = sql + " AND run_id=?", [*args, run_id]
        return [dict(r) for r in self.db.execute(sql + " ORDER BY id", args)]

    # --- reports ------------------------------------------------------------------------------
    def save_report(
        self, *, site_id: str, key: str, url: str, run_id: int, title: str, column_url: str | None,
        pages: list[sqlite3.Row | dict[str, Any]], attachments: list[tuple[str, str, str | None]],
        http_status: int | None,
    ) -> str:
        """Upsert a report after all its pages are stored; return new/changed/unchanged."""
        shas = [p["sha256"] for p in pages]
        bundle = bundle_hash(shas)
        old = self.db.execute("SELECT * FROM reports WHERE site_id=? AND key=?", (site_id, key)).fetchone()
        if old is None:
            prev, first_run = None, run_id
        elif old["last_run"] == run_id:  # saved earlier in this (resumed) run: compare with the same baseline
            prev, first_run = old["prev_bundle_sha256"], old["first_run"]
        else:
            prev, first_run = old["bundle_sha256"], old["first_run"]
        status = "new" if prev is None else ("unchanged" if prev == bundle else "changed")
        first = pages[0]
        self._write(
            "INSERT OR REPLACE INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                site_id, key, url, first["final_url"], title, column_url, shas[0],
                json.dumps([p["url"] for p in pages]), json.dumps(shas), bundle, prev, status, first_run, run_id,
                first["fetched_at"], http_status, first["content_type"], first["declared_encoding"],
                first["detected_encoding"], json.dumps(attachments, ensure_ascii=False),
            ),
        )
        return status

    def report_statuses(self, site_id: str, run_id: int) -> dict[str, str]:
        rows = self.db.execute("SELECT key, status FROM reports WHERE site_id=? AND last_run=?", (site_id, run_id))
        return {r["key"]: r["status"] for r in rows}

    def same_bytes(self, site_id: str, run_id: int) -> int:
        """How many reports seen in the run repeat the page bytes of another (rows minus distinct hashes)."""
        row = self.db.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM reports WHERE site_id=? AND last_run=?", (site_id, run_id)
        ).fetchone()
        return int(row[0] or 0)

    def not_seen(self, site_id: str, run_id: int) -> int:
        """How many reports of the site stored by earlier runs the run did not save (gone from the
        site, moved to another URL, unlisted, or not reached): the tables keep them as last read."""
        row = self.db.execute("SELECT COUNT(*) FROM reports WHERE site_id=? AND last_run<>?", (site_id, run_id)).fetchone()
        return int(row[0] or 0)

    def iter_reports(self, site_id: str | None = None, *, changed_only: bool = False) -> Iterator[StoredPage]:
        sql, args = "SELECT * FROM reports", []
        if site_id is not None:
            sql, args = sql + " WHERE site_id=?", [site_id]
        for r in self.db.execute(sql + " ORDER BY site_id, url", args).fetchall():
            changed = r["status"] != "unchanged"
            if changed_only and not changed:
                continue
            shas = json.loads(r["page_shas"])
            urls = json.loads(r["page_urls"])
            problem = None
            try:
                pages = [self.get_blob(s) for s in shas]
            except BlobError as exc:  # one lost page must not cost the other reports: this one fails
                pages, problem = [b""], f"{exc}; crawl again to fetch it anew"
            yield StoredPage(
                site_id=r["site_id"], url=r["url"], final_url=r["final_url"], fetched_at=r["fetched_at"],
                sha256=r["sha256"], content=pages[0],
                declared_encoding=r["declared_encoding"], detected_encoding=r["detected_encoding"],
                attachments=[tuple(a) for a in json.loads(r["attachments"])], http_status=r["http_status"],
                extra_pages=pages[1:], extra_page_urls=urls[1:],
                bundle_sha256=r["bundle_sha256"], changed=changed, status=r["status"], title=r["title"] or "",
                column_url=r["column_url"], content_type=r["content_type"], problem=problem,
            )
