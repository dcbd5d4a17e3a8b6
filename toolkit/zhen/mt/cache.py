"""A sentence cache keyed on model, glossary, options and sentence, so re-runs reuse and interrupted runs resume."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

from zhen.errors import warn

# SQLite's names for a file that is not a database or is damaged; anything else (read-only,
# cannot open, I/O) means the cache is unusable here, not that it is broken.
CORRUPT = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def default_cache_dir() -> Path:
    """$ZHEN_CACHE_DIR, else $XDG_CACHE_HOME/zhen, else ~/.cache/zhen."""
    env = os.environ.get("ZHEN_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhen"


def cache_key(*parts: str) -> str:
    """SHA-256 over the parts, separated so that ('ab', 'c') and ('a', 'bc') differ."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\x1f")
    return digest.hexdigest()


def _corrupt(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") in CORRUPT or "malformed" in str(exc) or "not a database" in str(exc)


class Cache:
    """SQLite store of finished sentences; each batch is committed as soon as it is done.

    A cache that cannot be used never stops a translation: a read-only one gives one warning and
    the run goes on without it; a corrupt one is moved aside (translations.sqlite.corrupt-<time>)
    and replaced by a fresh one."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or default_cache_dir()
        self.path = directory / "translations.sqlite"
        self.db: sqlite3.Connection | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._disable(f"cannot create the cache directory {directory} ({exc.strerror or exc})")
            return
        try:
            self.db = self._open()
        except sqlite3.Error as exc:
            if not _corrupt(exc):
                self._disable(f"cannot use the cache {self.path} ({exc})")
                return
            self._replace_corrupt(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS sentence (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            # quick_check reads every page once: a truncated or overwritten file is found here, not mid-run.
            (verdict,) = db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed: {verdict}")
            # Taking the write lock finds a read-only file (or directory) before any work is done.
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM sentence WHERE 0")
            db.rollback()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _disable(self, reason: str) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        warn(f"{reason}; running without the cache")

    def _replace_corrupt(self, exc: sqlite3.Error) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        try:
            # A journal left beside the damaged file would be replayed into the fresh one: move it too.
            for suffix in ("", "-journal", "-wal", "-shm"):
                old = Path(f"{self.path}{suffix}")
                if old.exists():
                    os.replace(old, f"{aside}{suffix}")
            self.db = self._open()
        except (OSError, sqlite3.Error) as again:
            self._disable(f"the cache {self.path} is corrupt ({exc}) and cannot be replaced ({again})")
            return
        warn(f"the cache {self.path} was corrupt ({exc}); moved it to {aside.name} and started a fresh one")

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        """Cached values for whichever of keys are present."""
        found: dict[str, dict] = {}
        if self.db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in self.db.execute(f"SELECT key, value FROM sentence WHERE key IN ({marks})", chunk):
                    found[key] = json.loads(value)
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        return found

    def put_many(self, items: dict[str, dict]) -> None:
        """Store and commit a batch of values."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO sentence (key, value) VALUES (?, ?)",
                    [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def _failed(self, exc: sqlite3.Error) -> None:
        # Damage or a lost write permission found mid-run: same handling as at opening.
        if _corrupt(exc):
            self._replace_corrupt(exc)
        else:
            self._disable(f"cannot use the cache {self.path} ({exc})")

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
