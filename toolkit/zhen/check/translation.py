"""`zhen check translation`: Xbench-style QA of a translation against its source and the glossary."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from zhen.terms.match import matcher_for
from zhen.errors import InputError
from zhen.terms.glossary import Glossary
from zhen.text.normalize import HAN
from zhen.text.read import read_source
from zhen.check import Finding
from zhen.check.numbers import compare as compare_numbers


@dataclass(frozen=True)
class Segment:
    """An aligned source/target pair and where it is."""

    file: str
    line: int
    source: str
    target: str


def read_segments(source: str | Path, target: str | Path | None) -> list[Segment]:
    """Paragraph-aligned text files (line N ↔ line N), or translate's jsonl output as SOURCE alone."""
    if target is None:
        if not str(source).endswith(".jsonl"):
            raise InputError(f"{source}: give a TARGET file, or translate's --format jsonl output")
        segments = []
        for number, line in enumerate(read_source(source).text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                segments.append(Segment(str(source), number, record["source"], record["target"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(f"{source}:{number}: not a translate --format jsonl record") from None
        return segments
    src_lines = read_source(source).text.splitlines()
    tgt_lines = read_source(target).text.splitlines()
    # A trailing signature line ([zhen: …]) from translate's text output is not a paragraph.
    while tgt_lines and (not tgt_lines[-1].strip() or tgt_lines[-1].startswith("[zhen: ")) and len(tgt_lines) > len(src_lines):
        tgt_lines.pop()
    if len(src_lines) != len(tgt_lines):
        raise InputError(f"{target}: {len(tgt_lines)} lines, but {source} has {len(src_lines)}; files must be paragraph-aligned")
    return [Segment(str(target), n, s, t) for n, (s, t) in enumerate(zip(src_lines, tgt_lines), start=1)
            if s.strip() or t.strip()]


def check_translation(segments: list[Segment], glossary: Glossary) -> list[Finding]:
    """Missing glossary terms, avoid-renderings, Han left in English, number mismatches, inconsistency."""
    findings: list[Finding] = []
    matcher = matcher_for(glossary)
    avoid = {a: e for e in glossary for a in e.avoid}
    avoid_re = re.compile(r"\b(" + "|".join(map(re.escape, sorted(avoid, key=len, reverse=True))) + r")\b") if avoid else None
    first_target: dict[str, tuple[str, Segment]] = {}
    for seg in segments:
        def add(kind: str, column: int, message: str) -> None:
            findings.append(Finding(seg.file, seg.line, column, kind, message))

        for m in matcher.find(seg.source):
            if not any(r in seg.target for r in (*m.entry.renderings, m.entry.first_mention())):
                add("missing-term", m.start + 1, f"{m.text} → expected {m.entry.en!r}"
                    + (f" or {m.entry.short!r}" if m.entry.short else "") + " in the target")
        if avoid_re:
            for m in avoid_re.finditer(seg.target):
                entry = avoid[m.group(1)]
                add("avoid-rendering", m.start() + 1, f"{m.group(1)!r} is to be avoided; use {entry.en!r} ({entry.zh})")
        han = HAN.search(seg.target)
        if han:
            run = re.match(r"[\u3400-\u9fff\uf900-\ufaff]+", seg.target[han.start():]).group(0)
            add("untranslated-han", han.start() + 1, f"Han characters left in the English: {run}")
        if HAN.search(seg.source):
            for issue in compare_numbers(seg.source, seg.target):
                add(issue.kind, issue.column, issue.message)
        key = seg.source.strip()
        if key in first_target and first_target[key][0] != seg.target.strip():
            other = first_target[key][1]
            add("inconsistent-translation", 1, f"same source as {other.file}:{other.line}, translated differently")
        first_target.setdefault(key, (seg.target.strip(), seg))
    return findings

