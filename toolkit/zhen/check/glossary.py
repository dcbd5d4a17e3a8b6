"""`zhen check glossary`: duplicates, overrides, conflicting, shadowing and overbroad forms, script, English spelling and case."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import ahocorasick

from zhen.terms.glossary import Entry, glossary_files, is_foreign, is_term_list, parse_text
from zhen.terms.pinyin import fold_pinyin, pinyin_of
from zhen.text.normalize import HAN, converter
from zhen.text.read import read_source
from zhen.check import Finding

WORD = re.compile(r"[A-Z][A-Za-z'’]{4,}")
# A form inside this many longer forms of other entries (whose English does not carry its own) is a
# generic building block, not a name: one overbroad-form finding replaces that many shadowed-form ones.
OVERBROAD_AT = 10


def _where(entry: Entry) -> tuple[str, int]:
    path, _, line = entry.origin.rpartition(":")
    return path, int(line) if line.isdigit() else 0


def _explained(a: Entry, b: Entry) -> bool:
    # A finding about two entries is accepted when either entry's note names the other.
    return b.zh in a.note or a.zh in b.note


def check_glossary(paths: list[str | Path]) -> list[Finding]:
    """Every defect of the glossary files, in file order; an empty list when the glossary is clean.

    Files are read in order as `--glossary` reads them: an entry in a later file replaces the whole
    entry of the same zh (an `override` finding, information only); the other checks see the result."""
    findings: list[Finding] = []
    effective: dict[str, Entry] = {}
    for path in paths:
        for file in glossary_files(path):
            text = None if is_foreign(file) else read_source(file).text
            if text is None or is_term_list(text):
                from zhen.terms.exchange import read_rows

                parsed = read_rows(file)
            else:
                parsed, problems = parse_text(text, str(file))
                findings += [Finding(p.path, p.line, 0, "malformed-row", p.reason) for p in problems]
            in_file: dict[str, Entry] = {}
            for entry in parsed:
                if entry.zh in in_file:
                    findings.append(Finding(*_where(entry), 0, "duplicate-entry", f"{entry.zh} already defined at {in_file[entry.zh].origin}"))
                    continue
                in_file[entry.zh] = entry
                old = effective.pop(entry.zh, None)
                if old is not None:
                    findings.append(Finding(*_where(entry), 0, "override",
                                            f"{entry.zh} replaces the whole entry at {old.origin} ({old.en} → {entry.en})"))
                effective[entry.zh] = entry
    entries = list(effective.values())

    def add(entry: Entry, kind: str, message: str) -> None:
        findings.append(Finding(*_where(entry), 0, kind, message))

    to_simplified = converter("t2s").convert
    owners: dict[str, list[Entry]] = {}
    for entry in entries:
        if to_simplified(entry.zh) != entry.zh:
            add(entry, "traditional-in-canonical", f"{entry.zh} has traditional characters (simplified: {to_simplified(entry.zh)})")
        for avoided in entry.avoid:
            if avoided in entry.renderings:
                add(entry, "avoid-is-preferred", f"{entry.zh}: {avoided!r} is both preferred and to be avoided")
        if entry.short and entry.short == entry.en:
            add(entry, "short-equals-full", f"{entry.zh}: short form repeats the full form {entry.en!r}")
        for form in dict.fromkeys(entry.forms):
            key = to_simplified(form)
            group = owners.setdefault(key, [])
            if not any(e is entry for e in group):
                group.append(entry)

    for form, group in owners.items():
        for a, b in combinations(group, 2):
            kind = "conflicting-rendering" if a.en != b.en else "shared-form"
            add(b, kind, f"{form} is a form of both {a.zh} ({a.en}, {a.origin}) and {b.zh} ({b.en})")

    findings += _shadowing(owners)
    findings += _english(entries)
    findings += _same_pinyin(owners)
    return findings


def _shadowing(owners: dict[str, list[Entry]]) -> list[Finding]:
    """Forms inside longer forms of other entries: shadowed-form per pair, or one overbroad-form per generic form.

    Aho-Corasick over all forms finds, for each form, the shorter forms inside it in one pass
    (linear in the total length plus the matches) instead of testing every pair of forms."""
    automaton = ahocorasick.Automaton()
    for form in owners:
        automaton.add_word(form, form)
    found: list[Finding] = []
    if not owners:
        return found
    automaton.make_automaton()
    shadows: dict[str, list[Finding]] = {}
    # Per form, its entries with what their English says (shorter side) and carries (longer side).
    said = {form: [(e, _carried(e)) for e in group] for form, group in owners.items()}
    carrying = {form: [(e, _targets(e)) for e in group] for form, group in owners.items()}
    for long_form, longer in carrying.items():
        for short_form in dict.fromkeys([hit for _, hit in automaton.iter(long_form)]):
            if short_form == long_form:
                continue
            for a, words in said[short_form]:
                for b, target in longer:
                    # Not a problem when the longer entry's English still carries the shorter one's
                    # (NATO in Central Asian NATO, Soviet in post-Soviet) or a note explains the pair.
                    if a is b or _carries(target, words) or _explained(a, b):
                        continue
                    shadows.setdefault(short_form, []).append(Finding(
                        *_where(b), 0, "shadowed-form",
                        f"{long_form} ({b.en}) contains {short_form} ({a.en}): in '{long_form}' the "
                        f"longer entry wins, so '{a.en}' is not produced there; elsewhere {short_form} matches"))
    for form, group in owners.items():
        inside = shadows.get(form, [])
        if len(form) == 1 or len(inside) >= OVERBROAD_AT:
            for entry in group:
                where = f"; it is inside {len(inside)} longer forms of other entries" if inside else ""
                found.append(Finding(*_where(entry), 0, "overbroad-form",
                                     f"{form} ({entry.en}) is a {'single character' if len(form) == 1 else 'common building block'}"
                                     f"{where}: it will match inside unrelated words (的 in 目的); give the longer words instead"))
        else:
            found += inside
    return found


def _carries(target: str, said: tuple[str, ...]) -> bool:
    for text in said:
        if text in target:
            return True
    return False


def _targets(entry: Entry) -> str:
    return " ".join(entry.renderings).casefold()


def _carried(entry: Entry) -> tuple[str, ...]:
    # The renderings themselves and the first five letters of the first word of four or more letters.
    stems = [w[:5] for w in re.findall(r"[A-Za-z]{4,}", entry.en)][:1]
    return tuple(r.casefold() for r in (*entry.renderings, *stems))


def _english(entries: list[Entry]) -> list[Finding]:
    """Near-identical English spellings (Tokayev/Tokaev) and case-only differences across entries."""
    found = []
    order = {id(e): i for i, e in enumerate(entries)}
    words: dict[str, Entry] = {}
    for entry in entries:
        for text in entry.renderings:
            for word in WORD.findall(text):
                words.setdefault(word, entry)
    for w1, w2 in _candidate_pairs(words):
        e1, e2 = words[w1], words[w2]
        if e1 is e2 or w1.startswith(w2) or w2.startswith(w1) or _explained(e1, e2):
            continue
        # A candidate pair is one edit apart on each side: its longest common subsequence is the
        # longer word less one letter (insertion) or either word less one (substitution), so the
        # similarity ratio 2·LCS/(len1+len2) needs no difflib call.
        total = len(w1) + len(w2)
        if (total - (2 if len(w1) == len(w2) else 1)) / total >= 0.85:
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


def _candidate_pairs(words: dict[str, Entry]) -> list[tuple[str, str]]:
    """Word pairs worth a similarity test: those equal after deleting at most one letter from each.

    That blocking key (a deletion neighbourhood) keeps every pair one insertion, deletion or
    substitution apart on each side (Tokayev/Tokaev, Tokayev/Tokaiev, Shavkat/Shaukat) and makes
    100,000 entries a matter of seconds, where testing all pairs took minutes."""
    blocks: defaultdict[str, list[str]] = defaultdict(list)
    for word in words:
        blocks[word].append(word)
        for i in range(len(word)):
            blocks[word[:i] + word[i + 1 :]].append(word)
    pairs: set[tuple[str, str]] = set()
    for block in blocks.values():
        if len(block) > 1:
            distinct = sorted(set(block))
            if len(distinct) > 1:
                pairs.update(combinations(distinct, 2))
    return sorted(pairs)


def _same_pinyin(owners: dict[str, list[Entry]]) -> list[Finding]:
    """Different entries whose forms read the same in toneless pinyin but have different English."""
    found = []
    by_pinyin: dict[str, list[tuple[str, Entry]]] = {}
    keys = _toneless_all(list(owners))
    for form, group in owners.items():
        key = keys[form]
        if len(key) > 3:
            by_pinyin.setdefault(key, []).extend((form, e) for e in group)
    for key, items in by_pinyin.items():
        for (f1, e1), (f2, e2) in combinations(items, 2):
            if e1 is not e2 and e1.en != e2.en and f1 != f2 and not _explained(e1, e2):
                found.append(Finding(*_where(e2), 0, "same-pinyin",
                                     f"{f2} ({e2.en}) and {f1} ({e1.en}) are both '{key}' in pinyin: worth a look"))
    return found


def _toneless_all(forms: list[str]) -> dict[str, str]:
    """fold_pinyin(pinyin_of(form)) for every form, without pypinyin's per-call cost where context cannot matter.

    pypinyin reads a character differently only inside a phrase of its phrase dictionary; a form
    holding none is read character by character through a translation table (a large glossary:
    seconds, not a minute). One Aho-Corasick pass over all forms finds those holding a phrase."""
    # pinyin_of reads the Han characters only, so phrases are looked for in those, as it does.
    hans = ["".join(HAN.findall(form)) for form in forms]
    text = "\n".join(hans)
    starts = [0]
    for han in hans:
        starts.append(starts[-1] + len(han) + 1)
    contextual: set[int] = set()
    for end, _ in _phrases().iter(text):
        contextual.add(bisect_right(starts, end) - 1)
    table = {ord(char): _reading(char) for char in set(text) - {"\n"}}
    return {form: fold_pinyin(pinyin_of(form)) if i in contextual else han.translate(table)
            for i, (form, han) in enumerate(zip(forms, hans))}


@lru_cache(maxsize=None)
def _reading(char: str) -> str:
    return fold_pinyin(pinyin_of(char))


@lru_cache(maxsize=1)
def _phrases() -> ahocorasick.Automaton:
    from pypinyin.constants import PHRASES_DICT

    automaton = ahocorasick.Automaton()
    for phrase in PHRASES_DICT:
        if len(phrase) > 1:
            automaton.add_word(phrase, None)
    automaton.make_automaton()
    return automaton
