"""Translating a bilingual file (XLIFF, TMX, PO): each unit to fill is one document of the usual pipeline."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zhen.errors import UsageError
from zhen.formats.base import Bilingual, Format, TextUnit
from zhen.formats.inline import place
from zhen.formats.tmx_out import render_pairs
from zhen.mt.constrain import FORCED, MODEL
from zhen.mt.pipeline import DocumentResult, Summary
from zhen.text.normalize import HAN
from zhen.translate import Progress, Translator, Written
from zhen.write import atomic_write, ensure_writable, guard_outputs


@dataclass
class Filled:
    """What a bilingual run did to the file's units."""

    filled: int = 0
    kept: int = 0  # already translated (a person's work), left as it was
    skipped: int = 0  # no Chinese to translate
    moved: list[tuple[str, int]] = field(default_factory=list)  # (unit id, tags kept at the end)
    # What happens to a tag without a place, in the format's words.
    unplaced: str = "kept at the end of the segment (no place for them in the English)"

    def lines(self, path: Path) -> list[str]:
        out = [f"{path}: {self.filled} units filled, {self.kept} already translated kept, {self.skipped} without Chinese"]
        out += [f"{path}: unit {unit}: {n} inline tag{'s' if n > 1 else ''} {self.unplaced}" for unit, n in self.moved]
        return out


def note_for(result: DocumentResult, moved: int, signature: str | None) -> str:
    """The note beside a filled target: a machine suggestion, the names enforced in it, tags moved, the signature."""
    enforced: dict[str, str] = {}
    for where, unit in result.units.items():
        for term, status in zip(unit.terms, result.outcomes[where].statuses):
            if status in (MODEL, FORCED):
                enforced.setdefault(term.text, term.en)
    terms = "; ".join(f"{zh} = {en}" for zh, en in enforced.items()) or "none"
    parts = [f"zhen machine translation, to be reviewed; enforced terms: {terms}"]
    if moved:
        parts.append(f"{moved} inline tag{'s' if moved > 1 else ''} kept at the end of the segment")
    if signature:
        parts.append(signature)
    return " | ".join(parts)


def open_checked(path: Path, fmt: Format, output: Path | None) -> Bilingual:
    """The file parsed and its languages checked, and its output refused if it is the input or unwritable:
    all before any model is loaded."""
    if output is not None:
        guard_outputs([path], output, False)
        ensure_writable(output, False)
    document = fmt.open(path)
    if document.binary and output is None:
        raise UsageError(f"{path}: the translated {fmt.name} file is binary; give -o OUTPUT.{fmt.name}")
    return document


def translate_file(document: Bilingual, output: Path | None, translator: Translator, overwrite: bool = False,
                   signed: bool = True, progress: Callable[[Progress], None] | None = None,
                   fmt: str = "same") -> tuple[Summary, Written, Filled]:
    """Fill the untranslated units of a bilingual file (all of them with overwrite) and write it whole: in
    its own format, or with fmt 'tmx' as a TMX memory of every translated unit (tags left out).

    Units are fed to the translator lazily and filled as their window is done, so what is held beyond the
    library's own tree is one window of units."""
    filled = Filled(unplaced=document.unplaced)
    summary = Summary(translator.signature)
    waiting: deque[TextUnit] = deque()
    # Counted first (one more walk over the units, no copy kept) so that progress lines give an ETA.
    total = sum(1 for unit in document.units() if _wanted(unit, overwrite))
    for result in translator.stream(_todo(document, overwrite, filled, waiting), summary, progress, total=total):
        unit = waiting.popleft()
        placed = place(unit.source, result)
        if placed.moved:
            filled.moved.append((unit.id, len(placed.moved)))
        document.fill(unit, placed.items, note_for(result, len(placed.moved), translator.signature if signed else None))
        filled.filled += 1
    if fmt == "tmx":
        pairs = ((u.id, u.source.text, u.target.text) for u in document.units() if u.target is not None and u.translated)
        text = render_pairs(pairs, translator.signature if signed else None)
        if output is None:
            return summary, Written(text=text), filled
        atomic_write(output, text)
    elif output is None:
        return summary, Written(text=document.dump()), filled
    else:
        document.write(output)
    return summary, Written(files=1, target=output), filled


def _wanted(unit: TextUnit, overwrite: bool) -> bool:
    return (overwrite or not unit.translated) and bool(HAN.search(unit.source.text))


def _todo(document: Bilingual, overwrite: bool, filled: Filled, waiting: deque[TextUnit]) -> Iterator[tuple[str, str]]:
    for unit in document.units():
        if unit.translated and not overwrite:
            filled.kept += 1
        elif not HAN.search(unit.source.text):
            filled.skipped += 1
        else:
            waiting.append(unit)
            yield unit.id, unit.source.text
