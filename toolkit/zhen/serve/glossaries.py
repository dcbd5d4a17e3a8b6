"""DeepL-style glossaries: stored one JSON file each under zhen's data directory, written atomically, found by UUID."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from zhen.errors import ZhenError
from zhen.write import atomic_write


class UnknownGlossary(ZhenError):
    """No glossary has this id (or the id is not a UUID at all)."""


@dataclass(frozen=True)
class StoredGlossary:
    """A user's glossary: its id, name, languages, creation time and (zh, en) entries."""

    glossary_id: str
    name: str
    source_lang: str
    target_lang: str
    creation_time: str
    entries: tuple[tuple[str, str], ...]

    def info(self) -> dict:
        """DeepL's glossary object (without the entries)."""
        return {"glossary_id": self.glossary_id, "name": self.name, "ready": True, "source_lang": self.source_lang,
                "target_lang": self.target_lang, "creation_time": self.creation_time, "entry_count": len(self.entries)}

    def tsv(self) -> str:
        return "".join(f"{zh}\t{en}\n" for zh, en in self.entries)


def canonical_id(glossary_id: str) -> str | None:
    """The id in canonical UUID form, or None: only such a string ever becomes part of a file name."""
    try:
        value = uuid.UUID(glossary_id)
    except ValueError:
        return None
    return str(value) if str(value) == glossary_id.lower() else None


class GlossaryStore:
    """Glossaries under a directory; every change is one atomic file write or removal."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()

    def _path(self, glossary_id: str) -> Path:
        canonical = canonical_id(glossary_id)
        if canonical is None:
            raise UnknownGlossary(f"glossary id {glossary_id!r} is not a UUID")
        return self.directory / f"{canonical}.json"

    def create(self, name: str, entries: list[tuple[str, str]], source_lang: str = "zh", target_lang: str = "en") -> StoredGlossary:
        stored = StoredGlossary(str(uuid.uuid4()), name, source_lang, target_lang,
                                datetime.now(timezone.utc).isoformat(timespec="microseconds"), tuple(entries))
        data = {**stored.info(), "entries": [list(pair) for pair in stored.entries]}
        with self._lock:
            atomic_write(self._path(stored.glossary_id), json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return stored

    def get(self, glossary_id: str) -> StoredGlossary:
        path = self._path(glossary_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UnknownGlossary(f"glossary {glossary_id} not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ZhenError(f"{path}: cannot read the glossary ({exc})") from None
        return StoredGlossary(data["glossary_id"], data["name"], data["source_lang"], data["target_lang"],
                              data["creation_time"], tuple((zh, en) for zh, en in data["entries"]))

    def list(self) -> list[StoredGlossary]:
        if not self.directory.is_dir():
            return []
        found = [self.get(p.stem) for p in sorted(self.directory.glob("*.json")) if canonical_id(p.stem)]
        return sorted(found, key=lambda g: g.creation_time)

    def delete(self, glossary_id: str) -> None:
        path = self._path(glossary_id)
        with self._lock:
            try:
                path.unlink()
            except FileNotFoundError:
                raise UnknownGlossary(f"glossary {glossary_id} not found") from None
