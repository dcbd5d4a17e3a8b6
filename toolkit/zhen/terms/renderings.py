"""Finding an entry's English in a translation: preferred and admitted forms, word-bounded, case as the entry needs."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from zhen.terms.glossary import Entry

# Generic vocabulary is written in lower case mid-sentence and capitalized at its start or before a
# name ("President Joko"), so it is found case-insensitively; names and acronyms keep their case.
CASELESS_TYPES = frozenset({"role", "concept", "other"})


def caseless(entry: Entry) -> bool:
    """Whether the entry's English is a common noun, matched without regard to case."""
    return entry.type in CASELESS_TYPES or entry.en[:1].islower()


# Letters and digits of alphabetic scripts (Latin, Greek, Cyrillic). Han characters are not among them:
# an English word right beside Chinese (a random or half-translated output) is still a whole word.
_WORD = r"0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"


def bounded(regex: str, first: str, last: str) -> str:
    """regex as a whole word: a boundary is asked for only at an end whose character (first, last) is a
    letter or digit. Lookarounds, not \\b: 'Russia' is not found inside 'Prussia'; U.S. ends a word with its
    point, and a currency sign ($, US$, £) stands right before the amount ($5 million)."""
    left = rf"(?<![{_WORD}])" if re.match(rf"[{_WORD}]", first) else ""
    right = rf"(?![{_WORD}])" if re.match(rf"[{_WORD}]", last) else ""
    return left + regex + right


# Spellings that are the same rendering: a hyphen, dash or space between words (vice-president, vice
# president; China–Pakistan), a typographic apostrophe (People’s Daily), an article dropped inside a
# phrase (community with shared future), and letters with or without their diacritics (fold).
_JOINER = r"[\s\-\u2010-\u2014]+"
_ARTICLES = frozenset({"a", "an", "the"})


def _spelled(form: str) -> str:
    words = [w for w in re.split(_JOINER, form) if w]
    parts = []
    for i, word in enumerate(words):
        if i == len(words) - 1:
            parts.append(_literal(word))
        elif i and word.casefold() in _ARTICLES:
            parts.append(f"(?:{_literal(word)}{_JOINER})?")  # an article inside a phrase is optional, with its space
        else:
            parts.append(_literal(word) + _JOINER)
    return "".join(parts)


def _literal(word: str) -> str:
    return re.escape(word).replace("'", "['’]")


def fold(text: str) -> str:
    """text with each letter's diacritics removed (Ürümqi → Urumqi, Chişinău → Chisinau, İzmir → Izmir),
    character for character, so that offsets into the folded text are offsets into text."""
    if text.isascii():
        return text
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if base.isascii() and base.isalpha() else ch


def _variants(forms: tuple[str, ...]) -> list[str]:
    # Running text lowercases or drops a title's article: 'the Wall Street Journal', 'Wall Street Journal'.
    variants = {fold(f) for f in forms if f} | {fold(f[4:]) for f in forms if f.startswith("The ") and len(f) > 8}
    return sorted(variants, key=len, reverse=True)


@lru_cache(maxsize=65536)
def pattern(forms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    """One regex for a set of English forms, longest first, each as a whole word; match it against fold(text)."""
    alternatives = [bounded(_spelled(f), f[:1], f[-1:]) for f in _variants(forms)]
    return re.compile("|".join(alternatives) or r"(?!)", re.IGNORECASE if ignore_case else 0)


@lru_cache(maxsize=65536)
def _form_keys(forms: tuple[str, ...]) -> tuple[str, ...] | None:
    return first_words(_variants(forms))


def find_forms(text: str, forms: tuple[str, ...], ignore_case: bool) -> list[tuple[int, int]]:
    """[start, end) of each whole-word occurrence of any of the forms, left to right, not overlapping."""
    return scan(pattern(forms, ignore_case), text, _form_keys(forms))


# A long text is searched where a form's first word is, not at every character: a regex per term over a
# whole line made checking a long line cost the square of its length. Shorter texts are scanned whole.
INDEXED_FROM = 4096
_WORD_RUN = re.compile(rf"[{_WORD}]+")
_ALNUM = re.compile(r"[0-9A-Za-z]+")
# Letters outside ASCII that a case-blind regex takes for ASCII ones (ı, ſ, the Kelvin sign): a text with
# one is scanned whole, for the word index compares lower-cased ASCII.
_ASCII_LIKE = re.compile(r"[0-9A-Za-z]", re.IGNORECASE)


def first_words(forms: list[str]) -> tuple[str, ...] | None:
    """The lower-cased leading letters and digits of each form, with which every whole-word match of the
    form begins; None when a form does not begin with one (a currency sign), so no key covers it."""
    keys = []
    for form in forms:
        key = _ALNUM.match(form)
        if key is None:
            return None
        keys.append(key.group(0).lower())
    return tuple(keys)


class WordIndex:
    """Where the words of a (folded) text start, by their lower-cased spelling."""

    def __init__(self, folded: str) -> None:
        self.usable = not any(_ASCII_LIKE.fullmatch(ch) for ch in set(folded) if not ch.isascii())
        self.starts: dict[str, list[int]] = {}
        if self.usable:
            for m in _WORD_RUN.finditer(folded):
                self.starts.setdefault(m.group(0).lower(), []).append(m.start())
        self.words = sorted(self.starts)

    def candidates(self, keys: tuple[str, ...]) -> list[int]:
        """Sorted starts of the words that begin with any of the keys."""
        found: set[int] = set()
        for key in set(keys):
            i = bisect_left(self.words, key)
            while i < len(self.words) and self.words[i].startswith(key):
                found.update(self.starts[self.words[i]])
                i += 1
        return sorted(found)


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    # The last texts searched, folded once: a translation is searched once per term of its source.
    return fold(text)


@lru_cache(maxsize=4)
def _index(folded: str) -> WordIndex:
    return WordIndex(folded)


def scan(regex: re.Pattern[str], text: str, keys: tuple[str, ...] | None) -> list[tuple[int, int]]:
    """[start, end) of each match of regex in fold(text), as regex.finditer gives them, for a regex whose
    every match starts a word with one of keys (first_words): tried only where such a word starts."""
    folded = _folded(text)
    if keys is None or len(folded) < INDEXED_FROM or not (index := _index(folded)).usable:
        return [m.span() for m in regex.finditer(folded)]
    spans: list[tuple[int, int]] = []
    reached = 0
    for start in index.candidates(keys):
        if start >= reached and (m := regex.match(folded, start)):
            spans.append(m.span())
            reached = m.end()
    return spans


def find_accepted(text: str, entry: Entry) -> list[tuple[int, int]]:
    """[start, end) of each accepted rendering of the entry in text (preferred, first-mention and admitted)."""
    return find_forms(text, entry.accepted, caseless(entry))


def find_form(text: str, form: str, entry: Entry) -> list[tuple[int, int]]:
    """[start, end) of each whole-word occurrence of one English form, with the entry's case rule."""
    return find_forms(text, (form,), caseless(entry))
