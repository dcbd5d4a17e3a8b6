"""Segmentation: documents into paragraphs (lines) and sentences, never inside a glossary term."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zhen.text.normalize import HAN

# A sentence ends after 。！？； (or their ASCII forms) or an ellipsis, plus any closing quotes/brackets.
END = re.compile(r"(?:[。！？；!?;]+|…+|\.{3,})[”’」』）)\"'》]*")
SOFT = re.compile(r"[，、,：:]")
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < pos < end for start, end in spans)


def split_sentences(line: str, protect: Protect | None = None,
                    measure: Callable[[str], int] = len, max_tokens: int = MAX_TOKENS) -> list[Sentence]:
    """Split a line into sentences at 。！？；… (never inside a glossary term), then split
    over-long sentences at ，、 so each stays under max_tokens."""
    spans = _protected(protect, line)
    cuts = [0]
    for m in END.finditer(line):
        if not _inside(m.end(), spans) and m.end() < len(line):
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


def _split_long(line: str, a: int, b: int, spans, measure, max_tokens) -> list[tuple[int, int]]:
    if measure(line[a:b]) <= max_tokens:
        return [(a, b)]
    soft = [m.end() for m in SOFT.finditer(line, a, b) if not _inside(m.end(), spans) and m.end() < b]
    if not soft:
        return [(a, b)]
    # Cut at the soft boundary nearest the middle, then recurse on both halves.
    middle = a + (b - a) // 2
    cut = min(soft, key=lambda p: abs(p - middle))
    return _split_long(line, a, cut, spans, measure, max_tokens) + _split_long(line, cut, b, spans, measure, max_tokens)


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
