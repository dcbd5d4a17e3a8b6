"""Segmentation: documents into paragraphs (lines) and sentences, never inside a glossary term."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zhen.text.normalize import HAN

# A sentence ends after 。！？； (or their ASCII forms) or an ellipsis, plus any closing quotes/brackets.
END = re.compile(r"(?:[。！？；!?;]+|…+|\.{3,})[”’」』）)\"'》]*")
SOFT = re.compile(r"[，、,：:；;]|\s+")
MAX_TOKENS = 200


@dataclass
class Sentence:
    """A unit sent to the model (or passed through when it holds no Han characters)."""

    source: str
    start: int
    end: int
    translate: bool


@dataclass
class Paragraph:
    """One input line: its indentation, its sentences, and whether it is translated at all."""

    number: int
    text: str
    indent: str = ""
    trailing: str = ""
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def passthrough(self) -> bool:
        return not any(s.translate for s in self.sentences)


# Segmentation sits before term matching in the pipeline, so it takes the spans to keep whole
# (the glossary terms of a line) as a function rather than importing the matcher.
Protect = Callable[[str], list[tuple[int, int]]]


def _protected(protect: Protect | None, line: str) -> list[tuple[int, int]]:
    return protect(line) if protect else []


class _Spans:
    """Protected spans, sorted, with a logarithmic 'is this position inside one' test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] < pos < self.spans[i][1]

    def after(self, pos: int) -> int:
        """pos, or the end of the span pos falls inside (a cut moved out of a term)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        return self.spans[i][1] if i >= 0 and self.spans[i][0] < pos < self.spans[i][1] else pos


def split_sentences(line: str, protect: Protect | None = None,
                    measure: Callable[[str], int] = len, max_tokens: int = MAX_TOKENS) -> list[Sentence]:
    """Split a line into sentences at 。！？；… (never inside a glossary term), then split over-long
    sentences at ，、；： and spaces, and at a hard budget where there are none, so that every unit
    stays under max_tokens. Each stretch of text is measured a bounded number of times: time is
    linear in the line's length, however long the line and however little punctuation it has."""
    spans = _Spans(_protected(protect, line))
    cuts = [0]
    for m in END.finditer(line):
        if not spans.inside(m.end()) and m.end() < len(line):
            cuts.append(m.end())
    cuts.append(len(line))
    sentences: list[Sentence] = []
    for a, b in zip(cuts, cuts[1:]):
        for s, e in _split_long(line, a, b, spans, measure, max_tokens):
            text = line[s:e]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if text:
                sentences.append(Sentence(text, s + lead, s + lead + len(text), bool(HAN.search(text))))
    return sentences


def _split_long(line: str, a: int, b: int, spans: _Spans, measure: Callable[[str], int],
                max_tokens: int) -> list[tuple[int, int]]:
    if measure(line[a:b]) <= max_tokens:
        return [(a, b)]
    soft = [m.end() for m in SOFT.finditer(line, a, b) if not spans.inside(m.end()) and m.end() < b]
    # Pack the clauses between soft boundaries greedily; token counts of clauses add up closely enough,
    # and each clause is measured once.
    pieces: list[tuple[int, int]] = []
    start, size = a, 0
    for s, e in zip([a, *soft], [*soft, b]):
        n = measure(line[s:e])
        if n > max_tokens:
            if start < s:
                pieces.append((start, s))
            pieces += _hard_split(line, s, e, spans, measure, max_tokens)
            start, size = e, 0
        elif size + n > max_tokens and start < s:
            pieces.append((start, s))
            start, size = s, n
        else:
            size += n
    if start < b:
        pieces.append((start, b))
    return pieces


def _hard_split(line: str, a: int, b: int, spans: _Spans, measure: Callable[[str], int],
                max_tokens: int) -> list[tuple[int, int]]:
    # No punctuation or space to cut at: cut every `width` characters (never inside a term), halving the
    # width for a stretch that still measures too long (characters of several pieces each).
    pieces = []
    start, width = a, max(max_tokens // 2, 1)
    while start < b:
        end = min(spans.after(start + width), b) if start + width < b else b
        if measure(line[start:end]) > max_tokens and width > 1 and end - start > 1:
            width = max(width // 2, 1)
            continue
        pieces.append((start, end))
        start = end
    return pieces


def segment(text: str, protect: Protect | None = None, measure: Callable[[str], int] = len,
            max_tokens: int = MAX_TOKENS) -> list[Paragraph]:
    """Split a document into paragraphs, one per line, keeping indentation and blank lines."""
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        para = Paragraph(number, line)
        if stripped:
            para.indent = line[: len(line) - len(line.lstrip())]
            para.trailing = line[len(line.rstrip()):]
            if HAN.search(stripped):
                para.sentences = split_sentences(line, protect, measure, max_tokens)
        paragraphs.append(para)
    return paragraphs
