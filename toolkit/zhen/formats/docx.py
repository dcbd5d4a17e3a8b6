"""Word .docx with python-docx: every paragraph (body, tables, headers, footers) translated in place,
each run keeping its formatting where the English maps back to it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from zhen.errors import InputError
from zhen.formats.base import Bilingual, TextUnit
from zhen.formats.inline import CLOSE, OPEN, InlineBuilder, Tag
from zhen.write import atomic_save

HEADERS = ("header", "first_page_header", "even_page_header", "footer", "first_page_footer", "even_page_footer")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a password-protected .docx is an OLE container, as is an old .doc


class Docx(Bilingual):
    """A Word document: each paragraph with text is a unit whose runs are the inline tags."""

    binary = True
    unplaced = "(runs or links) without a place in the English: their words are in a neighbouring run"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        with path.open("rb") as handle:
            if handle.read(len(OLE)) == OLE:
                raise InputError(f"{path}: an encrypted .docx or an old Word .doc, not a .docx zhen can read")
        try:
            self.document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
            raise InputError(f"{path}: not a Word .docx file (corrupt, or another format)") from None

    def units(self) -> Iterator[TextUnit]:
        parts: list[tuple[str, Any]] = [("body", self.document)]
        seen: set[str] = set()
        for number, section in enumerate(self.document.sections, start=1):
            for name in HEADERS:
                part = getattr(section, name)
                # A linked header is the previous section's; several sections may share one part.
                if part.is_linked_to_previous or str(part.part.partname) in seen:
                    continue
                seen.add(str(part.part.partname))
                parts.append((f"section {number} {name.replace('_', ' ')}", part))
        for where, container in parts:
            for index, paragraph in enumerate(_paragraphs(container), start=1):
                inline = _inline(paragraph)
                if inline is not None:
                    yield TextUnit(f"{where} paragraph {index}", 0, inline[0], None, (paragraph, inline[1]))

    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        """Each piece of English goes into the run it was placed in. English outside every run (the runs
        whose place is not known) goes, in reading order, to the first such run after the last placed one,
        so it takes that run's formatting rather than a neighbour's bold; else to the run before it, else
        the paragraph's first run. Only <w:t> text changes: tabs, breaks and pictures stay."""
        _, runs = unit.handle
        index = {id(run): n for n, run in enumerate(runs)}
        pieces: list[tuple[str, int | None, int]] = []  # (text, its run or None, the last run closed before it)
        stack: list[Any] = []
        last = -1
        for item in items:
            if isinstance(item, str):
                open_runs = [index[id(r)] for r in stack if isinstance(r, Run)]
                pieces.append((item, open_runs[-1] if open_runs else None, last))
            elif item.role == OPEN:
                stack.append(item.payload)
            elif item.role == CLOSE:
                stack.pop()
                if isinstance(item.payload, Run):
                    last = max(last, index[id(item.payload)])
        placed = {run for text, run, _ in pieces if run is not None and text.strip()}
        texts: list[list[str]] = [[] for _ in runs]
        for text, run, before in pieces:
            if run is None:
                after = min((n for n in placed if n > before), default=len(runs))
                free = [n for n in range(before + 1, after) if n not in placed]
                run = free[0] if free else max(before, 0)
            texts[run].append(text)
        for element, parts in zip(runs, texts):
            _set_text(element, "".join(parts))

    def dump(self) -> str:
        # open_checked refuses a .docx run without -o before any work, so this is never reached from the CLI.
        raise InputError(f"{self.path}: the translated docx file is binary; give -o OUTPUT.docx")

    def write(self, output: Path) -> None:
        atomic_save(output, self.document.save)


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    """Paragraphs in reading order, into tables (a merged cell once) and tables inside cells."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from _paragraphs(cell)


def _run_text(run: Run) -> str:
    return "".join(t.text or "" for t in run._r.findall(qn("w:t")))


def _inline(paragraph: Paragraph) -> tuple[Any, list[Run]] | None:
    """The paragraph's text with each run (and hyperlink) as a pair of tags around its text; None if it has none."""
    builder = InlineBuilder()
    runs: list[Run] = []

    def add(run: Run) -> None:
        text = _run_text(run)
        if text:
            runs.append(run)
            opened = builder.tag(OPEN, run, container=True)
            builder.text(text)
            builder.link(opened, builder.tag(CLOSE, run, container=True))

    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            opened = builder.tag(OPEN, item, container=True)
            for run in item.runs:
                add(run)
            builder.link(opened, builder.tag(CLOSE, item, container=True))
        else:
            add(item)
    return (builder.build(), runs) if runs else None


def _set_text(run: Run, text: str) -> None:
    elements = run._r.findall(qn("w:t"))
    elements[0].text = text
    # Leading or trailing spaces are dropped by Word unless the text says to keep them.
    elements[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for extra in elements[1:]:
        extra.getparent().remove(extra)


def open_file(path: Path) -> Docx:
    return Docx(path)
