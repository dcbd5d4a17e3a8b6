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
# 0.6 let unrelated words through once the glossary grew past 900 entries (铅笔盒子 → 田吉兹油田 at 0.67);
# real misspellings score higher (tuokayifu → 托卡耶夫 0.89, 托卡耶娃 0.78, Kasenova → 卡泽诺娃 0.94).
FUZZY_CUTOFF = 0.7
FUZZY_LIMIT = 5
# The similarity a fuzzy candidate needs to be offered at all, calibrated on the table of true and
# false pairs in tests/test_lookup.py, between the best-scoring false pair and the worst true one:
# Han queries score the mean of their pinyin and character similarity, so a name that merely sounds
# alike with no character in common (新疆 xinjiang ~ 帕希尼扬 paxiniyang, 0.39) stays far under it;
# the closest calls are 纳扎尔巴耶夫 ~ 卡扎克巴耶夫 0.756 (no) and 托卡耶娃 ~ 托卡耶夫 0.764 (yes).
# Latin queries score their best English or pinyin similarity: Beijing ~ Boeing 0.769 (no),
# Moskow ~ Moscow 0.833 (yes).
HAN_THRESHOLD = 0.76
LATIN_THRESHOLD = 0.8


@dataclass(frozen=True)
class Hit:
    """An entry found by a lookup, how it was found, and how close it is (1.0 = exact)."""

    entry: Entry
    mode: str
    score: float = 1.0

    @property
    def exact(self) -> bool:
        return self.mode != "fuzzy"

    def as_dict(self) -> dict:
        e = self.entry
        return {
            "zh": e.zh,
            "en": e.en,
            "english": e.english(),
            "short": e.short,
            "admitted": list(e.admitted),
            "variants": list(e.variants),
            "regional": [{"text": form, "region": region} for region, form in e.regional],
            "type": e.type,
            "enforced": e.enforced,
            "avoid": list(e.avoid),
            "note": e.note,
            "pinyin": pinyin_of(e.zh, tones=True),
            "match": "exact" if self.exact else "fuzzy",
            "via": self.mode,
            "score": round(self.score, 3),
        }


class Index:
    """Lookup tables over a glossary; the pinyin tables are built on first pinyin query."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.english: dict[str, list[Entry]] = {}
        self.avoided: dict[str, list[Entry]] = {}
        # Preferred forms first, for all entries, then admitted ones: 'CPC' is the Caspian Pipeline
        # Consortium's own short form before it is an accepted rendering of the Communist Party of China.
        for entry in glossary:
            for text in entry.renderings:
                _add(self.english, text.casefold(), entry)
        for entry in glossary:
            for text in entry.admitted:
                _add(self.english, text.casefold(), entry)
        for entry in glossary:
            for text in entry.avoid:
                self.avoided.setdefault(text.casefold(), []).append(entry)

    @cached_property
    def pinyin(self) -> dict[str, dict[str, list[Entry]]]:
        full: dict[str, list[Entry]] = {}
        initials: dict[str, list[Entry]] = {}
        for entry in self.glossary:
            for form in entry.forms:
                if HAN.search(form):
                    _add(full, fold_pinyin(pinyin_of(form)), entry)
                    _add(initials, initials_of(form), entry)
        return {"full": full, "initials": initials}

    def lookup(self, query: str) -> list[Hit]:
        """Entries for a query: exact hits; when there are none, only candidates above the calibrated threshold."""
        query = query.strip()
        if not query:
            return []
        if HAN.search(query):
            entry = matcher_for(self.glossary).entry_for(query)
            if entry is not None:
                return [Hit(entry, "zh")]
            return self.guess(query)
        for mode, table, key in (
            ("en", self.english, query.casefold()),
            ("avoid", self.avoided, query.casefold()),
            ("pinyin", self.pinyin["full"], fold_pinyin(query)),
            ("initials", self.pinyin["initials"], fold_pinyin(query)),
        ):
            # Initials are typed in lower case (tkyf); a query in capitals is an acronym (PBS), not 彭博社.
            if mode == "initials" and query.isupper():
                continue
            if key and key in table:
                return [Hit(entry, mode) for entry in table[key]]
        return self.guess(query)

    def guess(self, query: str) -> list[Hit]:
        """Fuzzy candidates for a query that matched nothing exactly, scored by similarity(), above the threshold."""
        han = bool(HAN.search(query))
        pool = self.closest(query) if han else self._fuzzy(query, english=True)
        if han:
            # Character similarity finds candidates pinyin misses (集体安全组织 → 集体安全条约组织).
            forms = {form: entry for entry in self.glossary for form in entry.forms}
            for form in difflib.get_close_matches(query, forms, n=FUZZY_LIMIT * 2, cutoff=0.5):
                pool.append(Hit(forms[form], "fuzzy", 0.0))
        threshold = HAN_THRESHOLD if han else LATIN_THRESHOLD
        best: dict[int, Hit] = {}
        for hit in pool:
            score = similarity(query, hit.entry)
            if score >= threshold and score > best.get(id(hit.entry), Hit(hit.entry, "fuzzy", 0.0)).score:
                best[id(hit.entry)] = Hit(hit.entry, "fuzzy", score)
        return sorted(best.values(), key=lambda h: (-h.score, h.entry.zh))[:FUZZY_LIMIT]

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
            for found in difflib.get_close_matches(key, list(table), n=FUZZY_LIMIT * 2, cutoff=FUZZY_CUTOFF):
                score = difflib.SequenceMatcher(None, key, found).ratio()
                for entry in table[found]:
                    if score > scores.get(id(entry), (0.0, entry))[0]:
                        scores[id(entry)] = (score, entry)
        ranked = sorted(scores.values(), key=lambda item: (-item[0], item[1].zh))[:FUZZY_LIMIT]
        return [Hit(entry, "fuzzy", score) for score, entry in ranked]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def similarity(query: str, entry: Entry) -> float:
    """How close a query is to an entry, 0–1: the best over its forms (Han) or its English and pinyin (Latin)."""
    if HAN.search(query):
        reading = fold_pinyin(pinyin_of(query))
        return max((_ratio(reading, fold_pinyin(pinyin_of(form))) + _ratio(query, form)) / 2 for form in entry.forms)
    folded = query.casefold()
    english = max((_ratio(folded, text.casefold()) for text in (*entry.renderings, *entry.admitted)), default=0.0)
    sound = max((_ratio(fold_pinyin(query), fold_pinyin(pinyin_of(form))) for form in entry.forms if HAN.search(form)),
                default=0.0)
    return float(max(english, sound))


def _add(table: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    bucket = table.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def lookup(glossary: Glossary, query: str) -> list[Hit]:
    """Look a query up in a glossary (see Index.lookup)."""
    return Index(glossary).lookup(query)
