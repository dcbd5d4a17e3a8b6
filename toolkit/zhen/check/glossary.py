"""`zhen check glossary`: duplicates, conflicting and shadowing forms, script, English spelling and case."""

from __future__ import annotations

import difflib
import re
from itertools import combinations
from pathlib import Path

from zhen.terms.glossary import Entry, glossary_files, parse_text
from zhen.terms.pinyin import fold_pinyin, pinyin_of
from zhen.text.normalize import converter
from zhen.text.read import read_source
from zhen.check import Finding

WORD = re.compile(r"[A-Z][A-Za-z'’]{4,}")


def _where(entry: Entry) -> tuple[str, int]:
    path, _, line = entry.origin.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _explained(a: Entry, b: Entry) -> bool:
    # A finding about two entries is accepted when either entry's note names the other.
    return b.zh in a.note or a.zh in b.note


def check_glossary(paths: list[str | Path]) -> list[Finding]:
    """Every defect of the glossary files, in file order; an empty list when the glossary is clean."""
    findings: list[Finding] = []
    entries: list[Entry] = []
    for path in paths:
        for file in glossary_files(path):
            parsed, problems = parse_text(read_source(file).text, str(file))
            findings += [Finding(p.path, p.line, 0, "malformed-row", p.reason) for p in problems]
            entries += parsed

    def add(entry: Entry, kind: str, message: str) -> None:
        findings.append(Finding(*_where(entry), 0, kind, message))

    to_simplified = converter("t2s").convert
    first_by_zh: dict[str, Entry] = {}
    owners: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.zh in first_by_zh:
            add(entry, "duplicate-entry", f"{entry.zh} already defined at {first_by_zh[entry.zh].origin}")
        first_by_zh.setdefault(entry.zh, entry)
        if to_simplified(entry.zh) != entry.zh:
            add(entry, "traditional-in-canonical", f"{entry.zh} has traditional characters (simplified: {to_simplified(entry.zh)})")
        for avoided in entry.avoid:
            if avoided in entry.renderings:
                add(entry, "avoid-is-preferred", f"{entry.zh}: {avoided!r} is both preferred and to be avoided")
        if entry.short and entry.short == entry.en:
            add(entry, "short-equals-full", f"{entry.zh}: short form repeats the full form {entry.en!r}")
        for form in dict.fromkeys(entry.forms):
            key = to_simplified(form)
            if entry not in owners.setdefault(key, []):
                owners[key].append(entry)

    for form, group in owners.items():
        for a, b in combinations(group, 2):
            if a.zh == b.zh:
                continue
            kind = "conflicting-rendering" if a.en != b.en else "shared-form"
            add(b, kind, f"{form} is a form of both {a.zh} ({a.en}, {a.origin}) and {b.zh} ({b.en})")

    findings += _shadowing(owners)
    findings += _english(entries)
    findings += _same_pinyin(owners)
    return findings


def _shadowing(owners: dict[str, list[Entry]]) -> list[Finding]:
    """A form inside a longer form of another entry whose English does not contain the shorter's English."""
    found = []
    forms = sorted(owners, key=len)
    for short_form in forms:
        for long_form in forms:
            if len(long_form) <= len(short_form) or short_form not in long_form:
                continue
            for a in owners[short_form]:
                for b in owners[long_form]:
                    if a is b or _echoes(a, b) or _explained(a, b):
                        continue
                    found.append(Finding(*_where(b), 0, "shadowed-form",
                                         f"{long_form} ({b.en}) contains {short_form} ({a.en}): in '{long_form}' the "
                                         f"longer entry wins, so '{a.en}' is not produced there; elsewhere {short_form} matches"))
    return found


def _echoes(short: Entry, long: Entry) -> bool:
    # The longer entry's English still carries the shorter one's (NATO in Central Asian NATO, Soviet in post-Soviet).
    targets = " ".join(long.renderings).casefold()
    stems = [w[:5] for w in re.findall(r"[A-Za-z]{4,}", short.en)][:1]
    return any(r.casefold() in targets for r in short.renderings) or any(stem.casefold() in targets for stem in stems)


def _english(entries: list[Entry]) -> list[Finding]:
    """Near-identical English spellings (Tokayev/Tokaev) and case-only differences across entries."""
    found = []
    order = {id(e): i for i, e in enumerate(entries)}
    words: dict[str, Entry] = {}
    for entry in entries:
        for text in entry.renderings:
            for word in WORD.findall(text):
                words.setdefault(word, entry)
    for (w1, e1), (w2, e2) in combinations(sorted(words.items()), 2):
        if e1 is e2 or w1.startswith(w2) or w2.startswith(w1) or _explained(e1, e2):
            continue
        if abs(len(w1) - len(w2)) <= 2 and difflib.SequenceMatcher(None, w1, w2).ratio() >= 0.85:
            # Report at the later entry, so the finding points at what was added second.
            (w1, e1), (w2, e2) = sorted(((w1, e1), (w2, e2)), key=lambda we: order[id(we[1])])
            found.append(Finding(*_where(e2), 0, "english-variant",
                                 f"{w2!r} ({e2.zh}) and {w1!r} ({e1.zh}, {e1.origin}) look like one name spelled two ways"))
    by_fold: dict[str, Entry] = {}
    for entry in entries:
        for text in entry.renderings:
            other = by_fold.setdefault(text.casefold(), entry)
            if other is not entry and text not in other.renderings and not _explained(entry, other):
                found.append(Finding(*_where(entry), 0, "inconsistent-case",
                                     f"{text!r} ({entry.zh}) differs only in case from {other.zh} ({other.origin})"))
    return found


def _same_pinyin(owners: dict[str, list[Entry]]) -> list[Finding]:
    """Different entries whose forms read the same in toneless pinyin but have different English."""
    found = []
    by_pinyin: dict[str, list[tuple[str, Entry]]] = {}
    for form, group in owners.items():
        key = fold_pinyin(pinyin_of(form))
        if len(key) > 3:
            by_pinyin.setdefault(key, []).extend((form, e) for e in group)
    for key, items in by_pinyin.items():
        for (f1, e1), (f2, e2) in combinations(items, 2):
            if e1 is not e2 and e1.en != e2.en and f1 != f2 and not _explained(e1, e2):
                found.append(Finding(*_where(e2), 0, "same-pinyin",
                                     f"{f2} ({e2.en}) and {f1} ({e1.en}) are both '{key}' in pinyin: worth a look"))
    return found
