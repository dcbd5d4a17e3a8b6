"""Terminology lookup by Chinese (any script or variant), English, pinyin, initials, or fuzzily."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property

from zhen.terms.match import matcher_for
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.pinyin import fold_pinyin, initials_of, pinyin_of
from zhen.text.normalize import HAN

MODES = ("zh", "en", "avoid", "pinyin", "initials", "fuzzy")
# With ~1,000 entries an unrelated query finds some pinyin at 0.6 (铅笔盒子 qianbihezi ~ 菅义伟 jianyiwei:
# 0.63), while real misspellings score 0.75 and up (托卡耶娃 0.78, tuokayifu 0.89, Kasenova 0.94).
FUZZY_CUTOFF = 0.7
FUZZY_LIMIT = 5


@dataclass(frozen=True)
class Hit:
    """An entry found by a lookup, how it was found, and how close it is (1.0 = exact)."""

    entry: Entry
    mode: str
    score: float = 1.0

    def as_dict(self) -> dict:
        e = self.entry
        return {
            "zh": e.zh,
            "en": e.en,
            "short": e.short,
            "variants": list(e.variants),
            "type": e.type,
            "avoid": list(e.avoid),
            "note": e.note,
            "pinyin": pinyin_of(e.zh, tones=True),
            "match": self.mode,
            "score": round(self.score, 3),
        }


class Index:
    """Lookup tables over a glossary; the pinyin tables are built on first pinyin query."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.english: dict[str, list[Entry]] = {}
        self.avoided: dict[str, list[Entry]] = {}
        for entry in glossary:
            for text in entry.renderings:
                self.english.setdefault(text.casefold(), []).append(entry)
            for text in entry.avoid:
                self.avoided.setdefault(text.casefold(), []).append(entry)

    @cached_property
    def pinyin(self) -> dict[str, tuple[dict[str, list[Entry]], dict[str, list[Entry]]]]:
        full: dict[str, list[Entry]] = {}
        initials: dict[str, list[Entry]] = {}
        for entry in self.glossary:
            for form in entry.forms:
                if HAN.search(form):
                    _add(full, fold_pinyin(pinyin_of(form)), entry)
                    _add(initials, initials_of(form), entry)
        return {"full": full, "initials": initials}

    def lookup(self, query: str) -> list[Hit]:
        """Entries for a query, exact matches first; fuzzy candidates only when nothing is exact."""
        query = query.strip()
        if not query:
            return []
        if HAN.search(query):
            entry = matcher_for(self.glossary).entry_for(query)
            if entry is not None:
                return [Hit(entry, "zh")]
            return self.closest(query)
        for mode, table, key in (
            ("en", self.english, query.casefold()),
            ("avoid", self.avoided, query.casefold()),
            ("pinyin", self.pinyin["full"], fold_pinyin(query)),
            ("initials", self.pinyin["initials"], fold_pinyin(query)),
        ):
            if key and key in table:
                return [Hit(entry, mode) for entry in table[key]]
        return self._fuzzy(query, english=True)

    def closest(self, chinese: str) -> list[Hit]:
        """Entries whose forms read most like a Chinese text in pinyin (托加耶夫 → 托卡耶夫), best first."""
        return self._fuzzy(fold_pinyin(pinyin_of(chinese)), english=False)

    def _fuzzy(self, query: str, english: bool) -> list[Hit]:
        scores: dict[int, tuple[float, Entry]] = {}
        candidates = [(fold_pinyin(query), self.pinyin["full"])]
        if english:
            candidates.append((query.casefold(), self.english))
        for key, table in candidates:
            if not key:
                continue
            for found in difflib.get_close_matches(key, table, n=FUZZY_LIMIT * 2, cutoff=FUZZY_CUTOFF):
                score = difflib.SequenceMatcher(None, key, found).ratio()
                for entry in table[found]:
                    if score > scores.get(id(entry), (0.0, entry))[0]:
                        scores[id(entry)] = (score, entry)
        ranked = sorted(scores.values(), key=lambda item: (-item[0], item[1].zh))[:FUZZY_LIMIT]
        return [Hit(entry, "fuzzy", score) for score, entry in ranked]


def _add(table: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    bucket = table.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def lookup(glossary: Glossary, query: str) -> list[Hit]:
    """Look a query up in a glossary (see Index.lookup)."""
    return Index(glossary).lookup(query)
