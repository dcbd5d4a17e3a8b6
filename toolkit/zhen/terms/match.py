"""Term matching: every form of every entry in one Aho-Corasick pass, leftmost-longest, on normalized text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from zhen.terms.glossary import Entry, Glossary
from zhen.text.normalize import DEFAULT_CONFIG, converter, normalize


@dataclass(frozen=True)
class Match:
    """A glossary term found in a text; offsets refer to the original (un-normalized) text."""

    start: int
    end: int
    text: str
    entry: Entry

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "zh": self.entry.zh, "en": self.entry.en}


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class TermMatcher:
    """Finds glossary forms in text; traditional and simplified spellings match alike."""

    def __init__(self, entries: list[Entry], config: str = DEFAULT_CONFIG) -> None:
        self.config = config
        self.automaton = ahocorasick.Automaton()
        self.form_index: dict[str, int] = {}
        owners = [index for index, entry in enumerate(entries) for _ in entry.forms]
        forms = [form for entry in entries for form in entry.forms]
        # One OpenCC call over all forms joined by newlines is ~10× faster than one per form.
        keys = converter(config).convert("\n".join(forms)).split("\n") if forms else []
        for index, key in zip(owners, keys):
            # A later entry (later file) wins a shared form, as documented for overrides.
            self.form_index[key] = index
            self.automaton.add_word(key, (index, key))
        self.entries = entries
        if self.form_index:
            self.automaton.make_automaton()

    def entry_for(self, form: str) -> Entry | None:
        """The entry that owns this exact form (any script), or None."""
        index = self.form_index.get(converter(self.config).convert(form.strip()))
        return None if index is None else self.entries[index]

    def find_normalized(self, text: str) -> list[tuple[int, int, Entry]]:
        """Leftmost-longest matches in already-normalized text, as (start, end, entry)."""
        if not self.form_index:
            return []
        found = []
        for end, (index, key) in self.automaton.iter_long(text):
            start = end - len(key) + 1
            # Latin forms (CPC, Telegram) must not match inside longer Latin words.
            if _is_word_char(key[0]) and start > 0 and _is_word_char(text[start - 1]):
                continue
            if _is_word_char(key[-1]) and end + 1 < len(text) and _is_word_char(text[end + 1]):
                continue
            found.append((start, end + 1, self.entries[index]))
        return found

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of every match in text as written: the spans segmentation keeps whole."""
        return [(m.start, m.end) for m in self.find(text)]

    def find(self, text: str) -> list[Match]:
        """Matches in text as the user wrote it (normalized internally, offsets mapped back)."""
        norm = normalize(text, self.config)
        matches = []
        for start, end, entry in self.find_normalized(norm.text):
            o_start, o_end = norm.to_original(start, end)
            matches.append(Match(o_start, o_end, text[o_start:o_end], entry))
        return matches


@lru_cache(maxsize=8)
def matcher_for(glossary: Glossary) -> TermMatcher:
    """The term matcher over every form of every entry of a glossary, built once per glossary object."""
    return TermMatcher(glossary.entries)
