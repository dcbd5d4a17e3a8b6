"""The curated glossary: a tab-separated file format, its loader with file:line errors, and the Glossary."""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zhen.errors import GlossaryError, GlossaryWarning
from zhen.text.read import read_source

COLUMNS = ("zh", "en", "short", "admitted", "variants", "type", "enforce", "avoid", "exceptions", "note")
REQUIRED = ("zh", "en", "type")
TYPES = ("person", "org", "place", "event", "concept", "programme", "media", "role", "work", "currency", "other")
# Names are forced in translation; generic vocabulary (roles, concepts) is only checked, unless an
# entry's `enforce` column says otherwise.
ENFORCED_TYPES = frozenset({"person", "org", "place", "event", "programme", "media", "work", "currency"})
ENFORCE_VALUES = ("", "yes", "no")
# A variant written `哈薩克@tw` is that region's usage only: it matches where the text is written so.
REGIONS = ("tw", "hk")
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
    admitted: tuple[str, ...] = ()
    regional: tuple[tuple[str, str], ...] = ()
    enforce: str = ""
    # Longer Chinese words inside which the entry's forms are not this term (电报 in 外电报道), for
    # the cases the word-boundary judge gets wrong.
    exceptions: tuple[str, ...] = ()
    origin: str = field(default="", compare=False)

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical form followed by every variant valid in any region, as written in the glossary."""
        return (self.zh, *self.variants)

    @property
    def renderings(self) -> tuple[str, ...]:
        """Preferred English (TBX preferredTerm): the full form, then the short form."""
        return (self.en, self.short) if self.short else (self.en,)

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every English that satisfies the entry: preferred forms, the first-mention form, then admitted ones."""
        return tuple(dict.fromkeys((*self.renderings, self.first_mention(), *self.admitted)))

    @property
    def enforced(self) -> bool:
        """Whether translation forces this entry's English (names), or only checks it (generic vocabulary)."""
        if self.enforce:
            return self.enforce == "yes"
        return self.type in ENFORCED_TYPES

    def english(self) -> list[dict[str, str]]:
        """Every English form with its TBX status: preferred (full, then short), admitted, deprecated."""
        forms = [{"text": self.en, "status": "preferred"}]
        if self.short:
            forms.append({"text": self.short, "status": "preferred", "form": "short"})
        forms += [{"text": text, "status": "admitted"} for text in self.admitted]
        forms += [{"text": text, "status": "deprecated"} for text in self.avoid]
        return forms

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
        variants = (*self.variants, *(f"{form}@{region}" for region, form in self.regional))
        cells = (self.zh, self.en, self.short, SEP.join(self.admitted), SEP.join(variants), self.type, self.enforce,
                 SEP.join(self.avoid), SEP.join(self.exceptions), self.note)
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


def _stray_exception(exceptions: tuple[str, ...], row: dict[str, str]) -> str | None:
    """The first exception that is not a longer word containing one of the row's forms, if any."""
    forms = (row["zh"], *(v.rpartition("@")[0] or v for v in _split(row.get("variants", ""))))
    return next((x for x in exceptions if not any(form in x and form != x for form in forms)), None)


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
        # The usual cause is another tool's glossary under a .tsv or .txt name.
        reason += "; for another tool's CSV/TBX glossary, convert it with `zhen glossary import`"
        return entries, [Problem(path, header_at + 1, reason)]
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            problems.append(Problem(path, number, f"{len(cells)} columns, header has {len(header)}"))
            continue
        row = dict(zip(header, map(str.strip, cells)))
        # The common case (all present) is settled without building a list per row: 100k-row glossaries.
        if not (row.get("zh") and row.get("en") and row.get("type")):
            empty = next(name for name in REQUIRED if not row.get(name))
            problems.append(Problem(path, number, f"empty required field {empty!r}"))
            continue
        if row["type"] not in TYPES:
            problems.append(Problem(path, number, f"unknown type {row['type']!r} (one of {', '.join(TYPES)})"))
            continue
        if row.get("enforce", "") not in ENFORCE_VALUES:
            problems.append(Problem(path, number, f"enforce must be yes, no or empty, not {row['enforce']!r}"))
            continue
        exceptions = _split(row.get("exceptions", ""))
        stray = _stray_exception(exceptions, row) if exceptions else None
        if stray is not None:
            problems.append(Problem(path, number, f"exception {stray!r} must be a longer word containing one of the entry's forms"))
            continue
        variants, regional = [], []
        for variant in _split(row.get("variants", "")):
            form, at, region = variant.rpartition("@")
            if not at:
                variants.append(variant)
            elif region in REGIONS and form:
                regional.append((region, form))
            else:
                problems.append(Problem(path, number, f"variant {variant!r}: region must be one of {', '.join(REGIONS)}"))
                break
        else:
            entries.append(
                Entry(
                    zh=row["zh"],
                    en=row["en"],
                    type=row["type"],
                    short=row.get("short", ""),
                    variants=tuple(variants),
                    avoid=_split(row.get("avoid", "")),
                    note=row.get("note", ""),
                    admitted=_split(row.get("admitted", "")),
                    regional=tuple(regional),
                    enforce=row.get("enforce", ""),
                    exceptions=exceptions,
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


def is_foreign(file: Path) -> bool:
    """Whether a glossary file is another tool's format (CSV, TBX/XML) rather than zhen's TSV."""
    return file.suffix.lower() in (".csv", ".tbx", ".xml")


def default_glossary_path() -> Path:
    """$ZHEN_GLOSSARY when set, else the bundled glossary (package data `zhen.data`, built from glossary/)."""
    env = os.environ.get("ZHEN_GLOSSARY")
    if env:
        return Path(env)
    from importlib.resources import files

    return Path(str(files("zhen.data")))


def last_rows(entries: list[Entry]) -> list[Entry]:
    """One entry per Chinese term, the later row winning; each term given twice is warned about once
    (GlossaryWarning), naming both rows, since a file's author rarely means it."""
    by_zh: dict[str, Entry] = {}
    for entry in entries:
        earlier = by_zh.pop(entry.zh, None)
        if earlier is not None:
            warnings.warn(f"{earlier.origin}: {entry.zh} is given again at {entry.origin}; the later row is used",
                          GlossaryWarning, stacklevel=2)
        by_zh[entry.zh] = entry
    return list(by_zh.values())


def is_term_list(text: str) -> bool:
    """Whether a tab-separated file is a two-column term list with a language-code header (zh / en,
    ZH / EN, zh-CN / en-US …) rather than zhen's columns: the user's own terms."""
    from zhen.terms.exchange import EN_HEADERS, ZH_HEADERS

    header = next((line for line in text.splitlines() if line.strip() and not line.startswith("#")), "")
    cells = [cell.strip().casefold() for cell in header.split("\t") if cell.strip()]
    # Two language codes and nothing else: zh, en, short (zhen's columns less type) stays an error.
    return len(cells) == 2 and any(c in ZH_HEADERS for c in cells) and any(c in EN_HEADERS for c in cells)


def load_glossary(paths: list[str | Path] | None = None) -> Glossary:
    """Load glossary files in order; an entry in a later file overrides one with the same zh."""
    by_zh: dict[str, Entry] = {}
    for path in paths or [default_glossary_path()]:
        for file in glossary_files(path):
            text = None if is_foreign(file) else read_source(file).text
            if text is None or is_term_list(text):
                # Another tool's CSV or TBX, or a two-column term list: read as `zhen glossary import` would.
                from zhen.terms.exchange import import_glossary

                entries = import_glossary(file).entries
            else:
                entries, problems = parse_text(text, str(file))
                if problems:
                    first = problems[0]
                    raise GlossaryError(first.path, first.line, first.reason)
                entries = last_rows(entries)
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

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    @cached_property
    def signature(self) -> str:
        """Short SHA-256 of the entries' content, for result signatures and cache keys."""
        digest = hashlib.sha256()
        for entry in self.entries:
            digest.update(entry.to_row().encode("utf-8") + b"\n")
        return digest.hexdigest()[:12]

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
        "admitted": sum(len(e.admitted) for e in glossary),
        "regional_variants": sum(len(e.regional) for e in glossary),
        "enforced": sum(1 for e in glossary if e.enforced),
        "check_only": sum(1 for e in glossary if not e.enforced),
        "avoid": sum(len(e.avoid) for e in glossary),
        "signature": glossary.signature,
        "types": dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
