"""`zhen check translation`: Xbench-style QA of a translation against its source and the glossary."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import InputError
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.match import Match, matcher_for
from zhen.terms.renderings import caseless, find_accepted, pattern
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


# Two translations of one short line (你好 → Hello / Hi) are both right; a repeated segment is worth
# comparing only when it is long enough to be real content, or when it holds a glossary term.
CONSISTENCY_MIN_HAN = 20
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def check_translation(segments: list[Segment], glossary: Glossary) -> list[Finding]:
    """Missing glossary terms, avoid-renderings, Han left in English, number mismatches, inconsistency."""
    findings: list[Finding] = []
    matcher = matcher_for(glossary)
    first_target: dict[str, tuple[str, Segment]] = {}
    for seg in segments:
        def add(kind: str, column: int, message: str) -> None:
            findings.append(Finding(seg.file, seg.line, column, kind, message))

        matches = matcher.find(seg.source)
        for column, kind, message in term_problems(seg.source, seg.target, matches):
            add(kind, column, message)
        han = HAN_RUN.search(seg.target)
        if han:
            add("untranslated-han", han.start() + 1, f"Han characters left in the English: {han.group(0)}")
        for column, kind, message in number_problems(seg.source, seg.target):
            add(kind, column, message)
        key = seg.source.strip()
        if not matches and len(HAN.findall(key)) < CONSISTENCY_MIN_HAN:
            continue
        target = _comparable(seg.target)
        if key in first_target and first_target[key][0] != target:
            other = first_target[key][1]
            add("inconsistent-translation", 1, f"same source as {other.file}:{other.line}, translated "
                f"{_clip(other.target)!r} there and {_clip(seg.target)!r} here")
        first_target.setdefault(key, (target, seg))
    return findings


def term_problems(source: str, target: str, matches: list[Match]) -> list[tuple[int, str, str]]:
    """(column, kind, message) for each glossary term of the source whose accepted English the target lacks
    (an error for enforced names, a warning for check-only vocabulary) and each avoid-rendering used."""
    problems: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for m in matches:
        entry = m.entry
        if entry.zh in seen:
            continue
        seen.add(entry.zh)
        accepted = accepted_spans(target, entry)
        if not accepted:
            kind = "missing-term" if entry.enforced else "missing-check-only-term"
            problems.append((m.start + 1, kind, f"{m.text} → expected {_alternatives(entry)} in the target"))
        if entry.avoid:
            for hit in pattern(entry.avoid, caseless(entry)).finditer(target):
                # An avoided form inside an accepted one (avoid 'Kazakh', accept 'Kazakh people') is not a use of it.
                if any(a <= hit.start() and hit.end() <= b for a, b in accepted):
                    continue
                problems.append((hit.start() + 1, "avoid-rendering",
                                 f"{hit.group(0)!r} is to be avoided; use {entry.en!r} ({entry.zh})"))
    return problems


# Regular English inflection is not a different rendering: plurals and adjectives of common nouns
# (journalists, presidential), the adjective or people of a one-word place (Russian, Europeans, Asian,
# German: the name less a final vowel or y, plus a short suffix), a currency's symbol before an amount
# ($5, £1.35bn), and the initials of a name of several words (UN).
PLURAL = r"(?:s|es|ial)"  # journalists, presidential
GENTILIC = r"(?:n|an|ean|ian|ese|ns|ans|eans|ians|i|is|s)"
CURRENCY_SYMBOLS = {"dollar": r"(?:US|A|C|HK|NZ|S)?\$", "pound": "£", "euro": "€", "yen": "¥", "yuan": "¥"}


def accepted_spans(target: str, entry: Entry) -> list[tuple[int, int]]:
    """Where the target renders the entry: its accepted English (find_accepted), inflected, or by initials."""
    return sorted(set(find_accepted(target, entry)) | set(_inflected(target, entry)))


def _inflected(target: str, entry: Entry) -> list[tuple[int, int]]:
    forms: list[str] = []
    symbols: list[str] = []
    if caseless(entry):
        forms += [re.escape(f) + PLURAL for f in entry.accepted if f[-1:].isalpha()]
        forms += [re.escape(f[:-1]) for f in entry.accepted if f.endswith("s") and len(f) > 3]
    if entry.type == "place":
        for name in entry.renderings:
            stem = name[:-1] if name[-1:] in "aeiouy" else name
            # A stem of four letters or more also stands alone (German); a shorter one only with a suffix (Asian).
            if name.isalpha() and name[:1].isupper() and len(stem) >= 3:
                forms.append(re.escape(stem) + GENTILIC + ("?" if len(stem) >= 4 else ""))
    if entry.type == "currency":
        for word, symbol in CURRENCY_SYMBOLS.items():
            if word in entry.en.casefold():
                symbols.append(symbol + r"(?=\s?\d)")
    alternatives = [r"(?<![^\W_])(?:" + "|".join(forms) + r")(?![^\W_])"] if forms else []
    alternatives += [r"(?<![^\W_])" + s for s in symbols]
    spans: list[tuple[int, int]] = []
    if alternatives:
        regex = re.compile("|".join(alternatives), re.IGNORECASE if caseless(entry) else 0)
        spans += [m.span() for m in regex.finditer(target)]
    acronyms = [a for r in entry.renderings for a in _acronyms(r)] if entry.type != "person" else []
    if acronyms:
        spans += find_form_any(target, acronyms)
    return sorted(spans)


def _acronyms(name: str) -> list[str]:
    # A name of two or more capitalized words is also written by its initials, with or without points
    # (United Nations → UN, U.N.; United States → US, U.S.; Belt and Road Initiative → BRI), in capitals only.
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w not in ("and", "of", "the", "for")]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return []
    initials = "".join(w[0] for w in words)
    return [initials, ".".join(initials) + "."]


def find_form_any(target: str, forms: list[str]) -> list[tuple[int, int]]:
    """Whole-word, case-sensitive occurrences of any of the forms."""
    return [m.span() for m in pattern(tuple(forms), False).finditer(target)]


def number_problems(source: str, target: str) -> list[tuple[int, str, str]]:
    """(column, kind, message) for each number of the source the target lacks, each number of the target
    the source does not give, and each near miss (441 billion for 44.1 billion): zhen.check.numbers."""
    if not HAN.search(source):
        return []
    return [(issue.column, issue.kind, issue.message) for issue in compare_numbers(source, target)]


def _alternatives(entry: Entry) -> str:
    preferred = " or ".join(repr(r) for r in entry.renderings)
    admitted = [a for a in entry.admitted if a not in entry.renderings]
    shown = ", ".join(repr(a) for a in admitted[:4]) + (" …" if len(admitted) > 4 else "")
    return preferred + (f" (or admitted {shown})" if admitted else "")


def _comparable(text: str) -> str:
    # Case, spacing and closing punctuation are not a different translation.
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?。\"'”’ ").casefold()


def _clip(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"
