"""Term matching: every form of every entry in one Aho-Corasick pass, leftmost-longest, kept where it is a word."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from zhen.terms.boundary import (NAME_DOTS, TRANSLIT, USER_FREQ, BoundaryJudge, LayeredJudge, dictionary,
                                 in_foreign_name, is_han)
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.renderings import find_accepted
from zhen.text.normalize import DEFAULT_CONFIG, Normalized, converter, normalize


@dataclass(frozen=True)
class Match:
    """A glossary term found in a text; offsets refer to the original (un-normalized) text."""

    start: int
    end: int
    text: str
    entry: Entry
    region: str = ""

    def as_dict(self) -> dict:
        found = {"text": self.text, "start": self.start, "end": self.end, "zh": self.entry.zh, "en": self.entry.en,
                 "english": self.entry.english(), "enforced": self.entry.enforced}
        if self.region:
            found["region"] = self.region
        return found


# Generic words that follow a place's name and leave it the same place: 阿克套港 is the port of Aktau, 北京市
# the city of Beijing, 莫斯科州 Moscow region, 东京湾 Tokyo Bay. The dictionary often knows X市 or reads the
# last character of a transliteration with the suffix as a word (卡拉干达州: 达州), so X and its suffix are
# judged together.
PLACE_SUFFIXES = "港市州湾省区县岛"
PLACE_WORDS = (*PLACE_SUFFIXES, "地区", "盆地", "山", "河", "湖")
# News shortens a country it has named to its first character and 国 (哈萨克斯坦 … 哈国, 乌兹别克斯坦 … 乌国).
SHORT_COUNTRY = re.compile(r"(?<=[\u4e00-\u9fff])国")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_acronym(form: str) -> bool:
    # Most forms are Han: the first character settles them before the whole-string tests.
    return form[:1].isascii() and form.isascii() and form.upper() == form and any(c.isalpha() for c in form)


def _title(text: str, before: tuple[int, int, Entry, str], match: tuple[int, int, Entry, str],
           after: list[tuple[int, int, Entry, str]]) -> bool:
    """A place name between a place and a personal name is a title there (文莱苏丹哈桑纳尔: the Sultan of Brunei
    Hassanal, not Sudan): a place right after another, then a transliterated name of two characters or more
    that is no registered name and no place (阿拉米达县)."""
    start, end, entry = match[0], match[1], match[2]
    if entry.type != "place" or before[2].type != "place" or before[1] != start:
        return False
    run = end
    while run < len(text) and text[run] in TRANSLIT:
        run += 1
    if run - end < 2 or (after and after[0][0] < run) or text.startswith(PLACE_WORDS, run):
        return False
    return True


class TermMatcher:
    """Finds glossary forms in text; traditional and simplified spellings match alike."""

    def __init__(self, entries: list[Entry], config: str = DEFAULT_CONFIG, boundaries: bool = True) -> None:
        self.config = config
        self.automaton = ahocorasick.Automaton()
        self.form_index: dict[str, int] = {}
        # Acronyms that name several entries (CPC: Caspian Pipeline Consortium, Communist Party of
        # China) are not resolved to whichever entry came last: they are skipped as ambiguous.
        self.ambiguous: set[str] = set()
        owners = [index for index, entry in enumerate(entries) for _ in entry.forms]
        forms = [form for entry in entries for form in entry.forms]
        # One OpenCC call over all forms joined by newlines is ~10× faster than one per form.
        keys = converter(config).convert("\n".join(forms)).split("\n") if forms else []
        for index, key in zip(owners, keys):
            # A later entry (later file) wins a shared form, as documented for overrides.
            if _is_acronym(key) and key in self.form_index and entries[self.form_index[key]] is not entries[index]:
                self.ambiguous.add(key)
            self.form_index[key] = index
            self.automaton.add_word(key, (index, key))
        for index, entry in enumerate(entries):
            # An acronym that is one entry's Chinese-text form and another's short English (CPC).
            owner = self.form_index.get(entry.short) if entry.short else None
            if owner is not None and owner != index and _is_acronym(entry.short):
                self.ambiguous.add(entry.short)
        self.entries = entries
        self.searchable = bool(self.form_index)
        if self.searchable:
            self.automaton.make_automaton()
        # An overlay (per-request terms) adds a small automaton of its own and hides base entries.
        self.added: ahocorasick.Automaton | None = None
        self.added_words: tuple[tuple[str, int], ...] = ()
        self._inner: dict[tuple[str, str], tuple[tuple[int, int, Entry, str], ...]] = {}
        self.hidden: frozenset[int] = frozenset()
        self.taken: frozenset[str] = frozenset()
        # Taiwan/Hong Kong forms match only as the user wrote them, so they get their own automaton
        # over the original text (normalizing would turn 哈薩克 into mainland 哈萨克 = Kazakh).
        self.regional = ahocorasick.Automaton()
        self.regional_index: dict[str, int] = {}
        for index, entry in enumerate(entries):
            for region, form in entry.regional:
                self.regional.add_word(form, (index, form, region))
                self.regional_index[form] = index
        self.regional_count = len(self.regional_index)
        if self.regional_count:
            self.regional.make_automaton()
        self.judge = BoundaryJudge(self.form_index) if boundaries else None
        # Normalized like the text, so a traditional exception (外電報道) also applies.
        self.exceptions = {index: tuple(converter(config).convert(x) for x in entry.exceptions)
                           for index, entry in enumerate(entries) if entry.exceptions}

    def overlay(self, added: list[Entry], hidden: Collection[int]) -> TermMatcher:
        """This matcher with the entries at `hidden` left out and `added` on top, owning their forms.

        Built from a small automaton over the added forms beside this one's, whose automaton, regional
        forms and boundary verdicts are shared: a per-request term list costs its own size, not the glossary's."""
        layered = object.__new__(TermMatcher)
        layered.__dict__.update(self.__dict__)
        base = len(self.entries)
        forms = [form for entry in added for form in entry.forms]
        owners = [base + index for index, entry in enumerate(added) for _ in entry.forms]
        keys = converter(self.config).convert("\n".join(forms)).split("\n") if forms else []
        layered.entries = [*self.entries, *added]
        layered._inner = {}
        layered.hidden = frozenset(hidden) | self.hidden
        layered.taken = frozenset(keys) | self.taken
        layered.form_index = {key: index for key, index in self.form_index.items()
                              if index not in layered.hidden and key not in layered.taken}
        layered.form_index.update(zip(keys, owners))
        # The request decides what its own forms mean: an acronym it lists is no longer ambiguous.
        layered.ambiguous = self.ambiguous - layered.taken
        # An overlay of an overlay keeps the earlier added forms the later one does not take.
        new = set(keys)
        words = [(key, index) for key, index in self.added_words if key not in new and index not in layered.hidden]
        layered.added_words = (*words, *zip(keys, owners))
        layered.added = None
        if layered.added_words:
            automaton = ahocorasick.Automaton()
            for key, index in layered.added_words:
                automaton.add_word(key, (index, key))
            automaton.make_automaton()
            layered.added = automaton
        layered.exceptions = {**self.exceptions, **{base + index: tuple(converter(self.config).convert(x) for x in entry.exceptions)
                                                    for index, entry in enumerate(added) if entry.exceptions}}
        if self.judge is not None:
            layered.judge = LayeredJudge(self.judge, keys)
        return layered

    def entry_for(self, form: str) -> Entry | None:
        """The entry that owns this exact form (any script, regional forms as written), or None."""
        form = form.strip()
        if form in self.regional_index:
            return self.entries[self.regional_index[form]]
        index = self.form_index.get(converter(self.config).convert(form))
        return None if index is None else self.entries[index]

    def _accept(self, text: str, start: int, end: int, key: str) -> bool:
        first, last = key[0], key[-1]
        if is_han(first) and is_han(last):
            return self.judge is None or self.judge.accepts(text, start, end)
        # Latin forms (NATO, CPC, Telegram) must not match inside longer Latin words.
        if _is_word_char(first) and start > 0 and _is_word_char(text[start - 1]):
            return False
        if _is_word_char(last) and end < len(text) and _is_word_char(text[end]):
            return False
        return key not in self.ambiguous

    def _accept_inside(self, key: str, start: int, end: int, form: str) -> bool:
        if is_han(form[0]) and is_han(form[-1]):
            return self.judge is None or self.judge.accepts_inside(key, start, end)
        return self._accept(key, start, end, form)

    def _excepted(self, text: str, start: int, end: int, index: int) -> bool:
        """Whether the match lies inside one of its entry's exceptions (a longer word) in the text."""
        key = text[start:end]
        for word in self.exceptions.get(index, ()):
            at = word.find(key)
            while at >= 0:
                if start >= at and text[start - at : start - at + len(word)] == word:
                    return True
                at = word.find(key, at + 1)
        return False

    def find_normalized(self, text: str, written: Normalized | None = None) -> list[tuple[int, int, Entry]]:
        """Leftmost-longest matches in already-normalized text that read as words there, as (start, end, entry).

        Pass `written`, the Normalized that text came from, to also match regional forms (哈薩克@tw)
        where the user wrote them; without it only region-free forms are matched.
        """
        return [(start, end, entry) for start, end, entry, _ in self._find(text, written)]

    def _find(self, text: str, written: Normalized | None) -> list[tuple[int, int, Entry, str]]:
        if not self.form_index and not self.regional_count:
            return []
        # Every occurrence, then leftmost-longest among those that read as words: when the longest
        # form is not a word there (哈萨克斯坦人 in 哈萨克斯坦人民), a shorter one at the same place can be.
        candidates = [(last - len(key) + 1, last + 1, index, key, "")
                      for last, (index, key) in (self.automaton.iter(text) if self.searchable else ())
                      if index not in self.hidden and key not in self.taken]
        if self.added is not None:
            candidates += [(last - len(key) + 1, last + 1, index, key, "") for last, (index, key) in self.added.iter(text)]
        if written is not None and self.regional_count:
            for last, (index, form, region) in self.regional.iter(written.original):
                if index in self.hidden:
                    continue
                # Regional forms are found as written and judged on the normalized text, where the
                # dictionary's words are; a regional form wins a tie with the form it normalizes to.
                start = bisect.bisect_left(written.offsets, last - len(form) + 1)
                end = bisect.bisect_left(written.offsets, last + 1)
                candidates.append((start, end, index, text[start:end], region))
        candidates.sort(key=lambda c: (c[0], -c[1], not c[4]))
        # Name dots are rare: the sets of where registered names start and end are built only for a text with one.
        dotted = any(dot in text for dot in NAME_DOTS)
        names_from = {c[0] for c in candidates if self.entries[c[2]].type != "person"} if dotted else set()
        names_to = {c[1] for c in candidates if self.entries[c[2]].type != "person"} if dotted else set()
        found: list[tuple[int, int, Entry, str]] = []
        reached = 0
        for start, end, index, key, region in candidates:
            entry = self.entries[index]
            # A place or an organization is not a part of a person's dotted foreign name (阿曼·维萨切),
            # unless the dot joins it to another registered name (俄罗斯·莫斯科).
            if dotted and entry.type != "person" and in_foreign_name(text, start, end) and not (
                    end + 1 in names_from or start - 1 in names_to):
                continue
            if start >= reached and (self._accept(text, start, end, key) or self._suffixed(text, start, end, entry)) \
                    and not self._excepted(text, start, end, index):
                found.append((start, end, entry, region))
                reached = end
        if "国" in text and found:
            found = self._short_countries(text, found)
        if len(found) > 1:
            found = [f for i, f in enumerate(found) if not (i and _title(text, found[i - 1], f, found[i + 1:i + 2]))]
        return found

    def _suffixed(self, text: str, start: int, end: int, entry: Entry) -> bool:
        """A place followed by a generic suffix (阿克套港, 北京市, 卡拉干达州) that reads as a word with it."""
        # The place must read as a word up to its own end (新几内亚岛 is New Guinea's island, not Guinea's), and
        # with its suffix in the whole context.
        return (entry.type == "place" and self.judge is not None and end < len(text) and text[end] in PLACE_SUFFIXES
                and is_han(text[start]) and self.judge.accepts(text[:end], start, end)
                and self.judge.accepts(text, start, end + 1))

    def _short_countries(self, text: str, found: list[tuple[int, int, Entry, str]]) -> list[tuple[int, int, Entry, str]]:
        """X国 for the one place of three characters or more that begins with X and that the same text names in
        full (哈国 after 哈萨克斯坦; 乌国 only where the text names one of Uzbekistan and Ukraine), where X国 is not
        a common word of the dictionary (爱国, 出国, 各国) and reads as a word there."""
        # Every place of the text counts against a unique reading (巴黎 and 巴基斯坦 leave 巴国 unresolved); only a
        # name of three characters or more is shortened so (巴黎 is not 巴国).
        named: dict[str, set[int]] = {}
        for _, _, entry, _ in found:
            if entry.type == "place":
                named.setdefault(entry.zh[0], set()).add(id(entry))
        entries = {id(entry): entry for _, _, entry, _ in found}
        taken = [(a, b) for a, b, _, _ in found]
        words = dictionary().freq
        added = []
        for m in SHORT_COUNTRY.finditer(text):
            start, end = m.start() - 1, m.end()
            owners = named.get(text[start], set())
            # A dictionary word more frequent than a glossary form is a word of its own (爱国 6444, 各国 5912);
            # a rare one is the abbreviation itself (吉国 3).
            owner = entries[next(iter(owners))] if len(owners) == 1 else None
            if owner is None or len(owner.zh) < 3 or words.get(text[start:end], 0) >= USER_FREQ \
                    or any(a < end and start < b for a, b in taken):
                continue
            if self.judge is None or self.judge.accepts(text, start, end):
                added.append((start, end, owner, ""))
        return sorted(found + added, key=lambda f: f[0]) if added else found

    def inner_names(self, key: str, owner: Entry) -> tuple[tuple[int, int, Entry, str], ...]:
        """The enforced names a check-only phrase carries (克里姆林宫 in 亲克里姆林宫 'pro-Kremlin', 北约
        in 中亚北约 'Central Asian NATO'), as (start, end, entry, rendering) in the normalized form `key`.

        Found by matching the phrase's form itself, where they must read as words (中国 is not in
        发展中国家), leftmost-longest; kept where the phrase's own preferred English holds an accepted
        rendering of the name, which is the rendering given ('Kremlin'; 'Russian' for 俄罗斯 in 俄罗斯
        军队 'Russian forces'): a name the phrase's English does not carry (国务院 in 国务院总理 'premier')
        is not asked for."""
        found = self._inner.get((key, owner.zh))
        if found is None:
            automata = ((self.automaton,) if self.searchable else ()) + ((self.added,) if self.added else ())
            candidates = [(last - len(form) + 1, last + 1, index, form)
                          for automaton in automata for last, (index, form) in automaton.iter(key)
                          if index not in self.hidden and (automaton is self.added or form not in self.taken)]
            candidates.sort(key=lambda c: (c[0], -c[1]))
            picked: list[tuple[int, int, Entry, str]] = []
            reached = 0
            for start, end, index, form in candidates:
                entry = self.entries[index]
                if (end - start == len(key) or entry is owner or not entry.enforced or start < reached
                        or not self._accept_inside(key, start, end, form) or self._excepted(key, start, end, index)):
                    continue
                carried = [english[a:b] for english in owner.renderings for a, b in find_accepted(english, entry)]
                if carried:
                    picked.append((start, end, entry, max(carried, key=len)))
                    reached = end
            found = self._inner[(key, owner.zh)] = tuple(picked)
        return found

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of every match in text as written: the spans segmentation keeps whole."""
        return [(m.start, m.end) for m in self.find(text)]

    def find(self, text: str) -> list[Match]:
        """Matches in text as the user wrote it (normalized internally, offsets mapped back)."""
        norm = normalize(text, self.config)
        matches = []
        for start, end, entry, region in self._find(norm.text, norm):
            o_start, o_end = norm.to_original(start, end)
            matches.append(Match(o_start, o_end, text[o_start:o_end], entry, region))
        return matches


@lru_cache(maxsize=8)
def matcher_for(glossary: Glossary) -> TermMatcher:
    """The term matcher over every form of every entry of a glossary, built once per glossary object."""
    return TermMatcher(glossary.entries)
