"""Inline markup: text with tags taken out for the model, and the tags put back around the English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhen.mt.constrain import locate
from zhen.mt.pipeline import DocumentResult

OPEN, CLOSE, EMPTY = "open", "close", "empty"


@dataclass
class Tag:
    """One piece of inline markup at a position of the plain text, kept opaque (payload) for the writer.

    A pair (XLIFF <g>…</g>, <bpt>/<ept>, <sc/>/<ec/>) is an OPEN and a CLOSE tag naming each other as
    partner; container says whether the writer nests text inside it (<g>, <pc>, <mrk>) or copies it whole."""

    role: str
    pos: int
    payload: Any
    container: bool = False
    partner: int | None = None


@dataclass
class Inline:
    """A segment's text as the model sees it, and its tags in source order."""

    text: str
    tags: list[Tag] = field(default_factory=list)


class InlineBuilder:
    """Builds an Inline while a format's reader walks its markup in document order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.tags: list[Tag] = []
        self._starts: dict[str, int] = {}

    def text(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.size += len(text)

    def tag(self, role: str, payload: Any, container: bool = False) -> int:
        self.tags.append(Tag(role, self.size, payload, container))
        return len(self.tags) - 1

    def link(self, start: int, end: int) -> None:
        """Make two tags one pair (they move together)."""
        self.tags[start].partner, self.tags[end].partner = end, start

    def start(self, key: str, payload: Any) -> None:
        """A standalone tag that opens a pair closed by a later end(key) (<bpt>, <sc/>)."""
        self._starts[key] = self.tag(OPEN, payload)

    def end(self, key: str, payload: Any) -> None:
        opened = self._starts.pop(key, None)
        index = self.tag(CLOSE if opened is not None else EMPTY, payload)
        if opened is not None:
            self.link(opened, index)

    def build(self) -> Inline:
        # A start whose end never came is a standalone tag.
        for index in self._starts.values():
            self.tags[index].role = EMPTY
        return Inline("".join(self.parts), self.tags)


@dataclass
class Placed:
    """The English with the tags put back: text and Tag items in output order, and the tags moved to the end."""

    items: list[str | Tag]
    moved: list[Tag]


@dataclass
class _Chunk:
    start: int
    end: int
    text: str
    # Translated chunks have their unit's terms and outcome; verbatim ones (no Han) are copied as written.
    where: tuple[int, int] | None = None


def place(inline: Inline, result: DocumentResult) -> Placed:
    """Put the tags back into the English of inline.text (translated as one document, result).

    A tag between sentences (or in text copied as written) goes to the same place in the English; a pair
    around a glossary term goes around the term's English, and a tag touching a term stays beside it.
    Any other tag inside a translated sentence, with its partner, goes to the end of the segment, in order:
    placed tags keep source order, so pairs never end up badly nested, and none is lost or repeated."""
    chunks, seps = _chunks(inline.text, result)
    tags = inline.tags
    spot: dict[int, tuple[int, int, int]] = {}  # tag index → (chunk, offset in its text, side)
    for i, tag in enumerate(tags):
        inside = next((k for k, c in enumerate(chunks) if c.start < tag.pos < c.end), None)
        if inside is None:
            before = sum(1 for c in chunks if c.end <= tag.pos)
            spot[i] = (before, 0, -1)  # a gap: before chunk `before`
        elif chunks[inside].where is None:
            spot[i] = (inside, tag.pos - chunks[inside].start, 0)
    at_terms: dict[int, tuple[int, int, int]] = {}
    for k, chunk in enumerate(chunks):
        if chunk.where is not None:
            _place_at_terms(k, chunk, inline.text, result, tags, spot, at_terms)
    placed = _emit(chunks, seps, tags, _paired(tags, {**spot, **at_terms}))
    order = [id(item) for item in placed if isinstance(item, Tag)]
    if order != [id(t) for t in tags if id(t) in set(order)]:
        # A term's English moved a tag before one that came earlier in the source: only the tags
        # between sentences are placed then.
        placed = _emit(chunks, seps, tags, _paired(tags, spot))
    kept = {id(item) for item in placed if isinstance(item, Tag)}
    moved = [tag for tag in tags if id(tag) not in kept]
    return Placed([*placed, *moved], moved)


def _paired(tags: list[Tag], spot: dict[int, tuple[int, int, int]]) -> dict[int, tuple[int, int, int]]:
    """A pair moves as one: both ends placed, or both at the end."""
    return {i: where for i, where in spot.items() if tags[i].partner is None or tags[i].partner in spot}


def _place_at_terms(k: int, chunk: _Chunk, text: str, result: DocumentResult, tags: list[Tag],
                    spot: dict[int, tuple[int, int, int]], out: dict[int, tuple[int, int, int]]) -> None:
    """Tags inside a translated sentence that enclose or touch one of its glossary terms: the term's English
    is found in the output (constrain.locate, the same search enforcement verifies terms with)."""
    assert chunk.where is not None
    unit, outcome = result.units[chunk.where], result.outcomes[chunk.where]
    found = locate(outcome.target, unit.terms)
    spans = {}
    for n, term in enumerate(unit.terms):
        if n in found:
            a, b = unit.norm.to_original(term.start, term.end)
            spans[n] = (chunk.start + a, chunk.start + b)
    local: dict[int, tuple[int, int, int]] = {}
    for i, tag in enumerate(tags):
        if not chunk.start <= tag.pos <= chunk.end or (i in spot and tag.partner is None):
            continue
        partner = tags[tag.partner] if tag.partner is not None else None
        for n, (a, b) in spans.items():
            if partner is not None:
                low, high = sorted((tag.pos, partner.pos))
                if _strip(text, low, high) == (a, b):
                    local[i] = (k, found[n][0] if tag.role == OPEN else found[n][1], 0)
                    break
            elif tag.pos in (a, b):
                local[i] = (k, found[n][0] if tag.pos == a else found[n][1], 0)
                break
    # The English may put the terms in another order: then these tags are not placed here.
    offsets = [local[i][1] for i in sorted(local)]
    if offsets == sorted(offsets):
        out.update(local)


def _strip(text: str, low: int, high: int) -> tuple[int, int]:
    # A pair around a term and the spaces beside it still encloses the term.
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    return low, high


def _chunks(text: str, result: DocumentResult) -> tuple[list[_Chunk], list[str]]:
    """The English as chunks tied to source spans, and the separators before each chunk (one more: the end)."""
    chunks: list[_Chunk] = []
    seps: list[str] = []
    pending = ""
    offset = 0
    lines = text.splitlines(keepends=True)
    for number, (para, line) in enumerate(zip(result.paragraphs, lines)):
        if number:
            pending += "\n"
        if para.passthrough:
            body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
            if body:
                seps.append(pending)
                chunks.append(_Chunk(offset, offset + len(body), body))
                pending = ""
        else:
            pending += para.indent
            first = True
            for s in para.sentences:
                where = (para.number, s.start)
                english = result.outcomes[where].target if s.translate else s.source
                if not english:
                    continue
                seps.append(pending if first else pending + " ")
                pending, first = "", False
                chunks.append(_Chunk(offset + s.start, offset + s.end, english, where if s.translate else None))
            pending += para.trailing
        offset += len(line)
    seps.append(pending)
    return chunks, seps


def _emit(chunks: list[_Chunk], seps: list[str], tags: list[Tag], spot: dict[int, tuple[int, int, int]]) -> list[str | Tag]:
    items: list[str | Tag] = []
    by_chunk: dict[int, list[int]] = {}
    gaps: dict[int, list[int]] = {}
    for i in sorted(spot):
        k, _, side = spot[i]
        (gaps if side < 0 else by_chunk).setdefault(k, []).append(i)
    for k in range(len(chunks) + 1):
        # Tags between chunks: closing ones stay with the text before the separator, the rest from the
        # first opening one on go with the text after it.
        group = gaps.get(k, [])
        first_open = next((n for n, i in enumerate(group) if tags[i].role == OPEN), len(group))
        items += [tags[i] for i in group[:first_open]]
        items.append(seps[k])
        items += [tags[i] for i in group[first_open:]]
        if k == len(chunks):
            break
        text, at = chunks[k].text, 0
        for i in by_chunk.get(k, []):
            offset = spot[i][1]
            items.append(text[at:offset])
            items.append(tags[i])
            at = offset
        items.append(text[at:])
    return [item for item in items if not (isinstance(item, str) and not item)]


def plain(items: list[str | Tag]) -> str:
    """The text of placed items, without the tags."""
    return "".join(item for item in items if isinstance(item, str))
