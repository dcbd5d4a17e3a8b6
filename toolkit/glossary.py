"""The curated glossary: a tab-separated file format, its loader with file:line errors, and the Glossary."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import GlossaryError
from .read import read_source

COLUMNS = ("zh", "en", "short", "variants", "type", "avoid", "note")
REQUIRED = ("zh", "en", "type")
TYPES = ("person", "org", "place", "event", "concept", "programme", "media", "role", "work", "currency", "other")
SEP = "|"


@dataclass(slots=True)
class Entry:
    """One term: canonical simplified Chinese, preferred English, and every other spelling."""

    zh: str
    en: str
    type: str
    short: str = ""
    variants: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    note: str = ""
    origin: str = field(default="", compare=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical form followed by every variant, as written in the glossary."""
        return (self.zh, *self.variants)

    @property
    def renderings(self) -> tuple[str, ...]:
        """English renderings that count as using this entry (full form, then short form)."""
        return (self.en, self.short) if self.short else (self.en,)

    def first_mention(self) -> str:
        """English for the first mention in a document: full form, with an acronym in brackets."""
        if self.short.isalpha() and self.short.isupper() and self.short not in self.en:
            return f"{self.en} ({self.short})"
        return self.en

    def subsequent_mention(self) -> str:
        """English for later mentions in a document: the short form when there is one."""
        return self.short or self.en

    def to_row(self) -> str:
        """Serialize back to one glossary line."""
        cells = (self.zh, self.en, self.short, SEP.join(self.variants), self.type, SEP.join(self.avoid), self.note)
        return "\t".join(cells)


@dataclass(frozen=True)
class Problem:
    """A defect found while parsing a glossary file."""

    path: str
    line: int
    reason: str


def _split(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    if SEP not in cell:
        return (cell,)
    return tuple(part.strip() for part in cell.split(SEP) if part.strip())


def parse_text(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Parse glossary text; return the good entries and one Problem per malformed row."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), None)
    if header_at is None:
        return entries, [Problem(path, 1, "no header row (expected: " + "\\t".join(COLUMNS) + ")")]
    header = [cell.strip() for cell in lines[header_at].split("\t")]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        reason = f"bad header: missing {', '.join(missing)}" if missing else f"bad header: unknown column {unknown[0]!r}"
        return entries, [Problem(path, header_at + 1, reason)]
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            problems.append(Problem(path, number, f"{len(cells)} columns, header has {len(header)}"))
            continue
        row = dict(zip(header, [c.strip() for c in cells]))
        empty = [name for name in REQUIRED if not row.get(name)]
        if empty:
            problems.append(Problem(path, number, f"empty required field {empty[0]!r}"))
            continue
        if row["type"] not in TYPES:
            problems.append(Problem(path, number, f"unknown type {row['type']!r} (one of {', '.join(TYPES)})"))
            continue
        entries.append(
            Entry(
                zh=row["zh"],
                en=row["en"],
                type=row["type"],
                short=row.get("short", ""),
                variants=_split(row.get("variants", "")),
                avoid=_split(row.get("avoid", "")),
                note=row.get("note", ""),
                origin=f"{path}:{number}",
            )
        )
    return entries, problems


def glossary_files(path: str | Path) -> list[Path]:
    """The .tsv files of a glossary directory (sorted), or the file itself."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix == ".tsv")
        if not files:
            raise GlossaryError(str(p), None, "directory holds no .tsv glossary files")
        return files
    if not p.exists():
        raise GlossaryError(str(p), None, "no such glossary file or directory")
    return [p]


def default_glossary_path() -> Path:
    """The bundled glossary/ directory, or $ZHEN_GLOSSARY when set."""
    env = os.environ.get("ZHEN_GLOSSARY")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "glossary"


def load_glossary(paths: list[str | Path] | None = None) -> Glossary:
    """Load glossary files in order; an entry in a later file overrides one with the same zh."""
    by_zh: dict[str, Entry] = {}
    for path in paths or [default_glossary_path()]:
        for file in glossary_files(path):
            entries, problems = parse_text(read_source(file).text, str(file))
            if problems:
                first = problems[0]
                raise GlossaryError(first.path, first.line, first.reason)
            for entry in entries:
                by_zh.pop(entry.zh, None)
                by_zh[entry.zh] = entry
    return Glossary(list(by_zh.values()))


class Glossary:
    """An ordered collection of entries with lookup by form and a content hash."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    @cached_property
    def signature(self) -> str:
        """Short SHA-256 of the entries' content, for result signatures and cache keys."""
        digest = hashlib.sha256()
        for entry in self.entries:
            digest.update(entry.to_row().encode("utf-8") + b"\n")
        return digest.hexdigest()[:12]

    @cached_property
    def matcher(self):
        """The term matcher over every form of every entry (built on first use)."""
        from .match import TermMatcher

        return TermMatcher(self.entries)

    def to_tsv(self) -> str:
        """Serialize the whole glossary as one TSV file."""
        return "\t".join(COLUMNS) + "\n" + "".join(e.to_row() + "\n" for e in self.entries)


def glossary_stats(glossary: Glossary) -> dict:
    """Counts of entries, forms, variants, short forms and avoid-renderings, by type."""
    types: dict[str, int] = {}
    for entry in glossary:
        types[entry.type] = types.get(entry.type, 0) + 1
    return {
        "entries": len(glossary),
        "forms": sum(len(e.forms) for e in glossary),
        "variants": sum(len(e.variants) for e in glossary),
        "short_forms": sum(1 for e in glossary if e.short),
        "avoid": sum(len(e.avoid) for e in glossary),
        "signature": glossary.signature,
        "types": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
