"""A sentence cache keyed on model, glossary, options and sentence, so re-runs reuse and interrupted runs resume."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path


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


class Cache:
    """SQLite store of finished sentences; each batch is committed as soon as it is done."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or default_cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "translations.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS sentence (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        """Cached values for whichever of keys are present."""
        found: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self.db.execute(f"SELECT key, value FROM sentence WHERE key IN ({marks})", chunk):
                found[key] = json.loads(value)
        return found

    def put_many(self, items: dict[str, dict]) -> None:
        """Store and commit a batch of values."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO sentence (key, value) VALUES (?, ?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
            )

    def close(self) -> None:
        self.db.close()
