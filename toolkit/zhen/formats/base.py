"""The interface bilingual formats implement, and the registry that picks a format by extension or name.

Formats are imported only when a run needs one, so a plain-text run loads none of their libraries."""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhen.errors import UsageError
from zhen.formats.inline import Inline, Tag
from zhen.write import atomic_write

EXTRA = "pip install 'zhen[formats]'"


@dataclass
class TextUnit:
    """One translatable unit of a bilingual file: its id, where it is, its source and any target it has."""

    id: str
    line: int
    source: Inline
    target: Inline | None
    handle: Any = None

    @property
    def translated(self) -> bool:
        return self.target is not None and bool(self.target.text.strip() or self.target.tags)


class Bilingual(ABC):
    """An opened file of units (XLIFF, TMX, PO; a .docx's paragraphs): units read from it, filled in place,
    written back whole."""

    # A binary file (.docx) is written to a file only, never to standard output.
    binary = False
    unplaced = "kept at the end of the segment (no place for them in the English)"

    def __init__(self, path: Path) -> None:
        self.path = path

    @abstractmethod
    def units(self) -> Iterator[TextUnit]:
        """Every unit with a source, in document order (a unit marked not to translate is left out)."""

    @abstractmethod
    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        """Write zhen's English as the unit's target, marked as a machine suggestion, with note beside it
        (where the format keeps notes)."""

    @abstractmethod
    def dump(self) -> str:
        """The whole file as text, with every untouched part as it was read."""

    def write(self, output: Path) -> None:
        """The whole file written atomically to output."""
        atomic_write(output, self.dump())


@dataclass(frozen=True)
class Format:
    """A registered format: its name, the file extensions it claims, the module that implements it and the
    third-party modules that module needs (from the zhen[formats] extra)."""

    name: str
    extensions: tuple[str, ...]
    module: str
    needs: tuple[str, ...]
    # bilingual: units filled in place and the same format written back; document: every unit translated in
    # place (a .docx); article: a page whose text is extracted.
    kind: str = "bilingual"

    def require(self, path: Path) -> None:
        """A missing library is a usage error naming the extra, said before any work."""
        for needed in self.needs:
            try:
                importlib.import_module(needed)
            except ImportError:
                raise UsageError(f"{path}: reading {self.name} files needs the '{needed}' package: {EXTRA}") from None

    def open(self, path: Path) -> Bilingual:
        """The file parsed by its format's reader."""
        self.require(path)
        opened: Bilingual = importlib.import_module(self.module).open_file(path)
        return opened


FORMATS: dict[str, Format] = {
    "xliff": Format("xliff", (".xlf", ".xliff", ".sdlxliff", ".mqxliff"), "zhen.formats.xliff", ("lxml",)),
    "tmx": Format("tmx", (".tmx",), "zhen.formats.tmx", ("lxml",)),
    "po": Format("po", (".po", ".pot"), "zhen.formats.po", ("polib",)),
    "docx": Format("docx", (".docx",), "zhen.formats.docx", ("docx",), kind="document"),
    "html": Format("html", (".html", ".htm"), "zhen.formats.html", ("trafilatura",), kind="article"),
}
# `--keep-html`: a page translated in place, every tag kept, rather than its article extracted.
KEEP_HTML = Format("html", (".html", ".htm"), "zhen.formats.htmlpage", ("lxml",), kind="document")
# Inputs the plain-text reader handles (text files, directories, JSON Lines with --jsonl).
PLAIN = ("auto", "text")


def detect(source: str, input_format: str = "auto") -> Format | None:
    """The format of an input: the one named by --input-format, else by the file's extension; None for text."""
    if input_format not in PLAIN:
        if input_format not in FORMATS:
            raise UsageError(f"unknown input format {input_format!r}; choose one of {', '.join([*PLAIN, *FORMATS])}")
        if source == "-":
            raise UsageError(f"--input-format {input_format} reads a file; standard input is read as text")
        return FORMATS[input_format]
    if input_format == "text" or source == "-":
        return None
    suffix = Path(source).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)
