"""Finding an entry's English in a translation: preferred and admitted forms, word-bounded, case as the entry needs."""

from __future__ import annotations

import re
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


def _bounded(form: str) -> str:
    # Lookarounds, not \b: 'Russia' is not found inside 'Prussia'. A boundary is asked for only where
    # the form has a letter or digit at that end: U.S. ends a word with its point, and a currency sign
    # ($, US$, £) stands right before the amount ($5 million).
    left = rf"(?<![{_WORD}])" if re.match(rf"[{_WORD}]", form) else ""
    right = rf"(?![{_WORD}])" if re.match(rf"[{_WORD}]", form[-1:]) else ""
    # A typographic apostrophe is the same letter (People’s Daily).
    return left + re.escape(form).replace("'", "['’]") + right


@lru_cache(maxsize=65536)
def pattern(forms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str]:
    """One regex for a set of English forms, longest first, each as a whole word."""
    # Running text lowercases or drops a title's article: 'the Wall Street Journal', 'Wall Street Journal'.
    variants = {f for f in forms if f} | {f[4:] for f in forms if f.startswith("The ") and len(f) > 8}
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile("|".join(map(_bounded, ordered)) or r"(?!)", re.IGNORECASE if ignore_case else 0)


def accepted_pattern(entry: Entry) -> re.Pattern[str]:
    """Regex for every English that satisfies the entry (preferred, first-mention and admitted forms)."""
    return pattern(entry.accepted, caseless(entry))


def find_accepted(text: str, entry: Entry) -> list[tuple[int, int]]:
    """[start, end) of each accepted rendering of the entry in text, left to right, not overlapping."""
    return [m.span() for m in accepted_pattern(entry).finditer(text)]


def find_form(text: str, form: str, entry: Entry) -> list[tuple[int, int]]:
    """[start, end) of each whole-word occurrence of one English form, with the entry's case rule."""
    return [m.span() for m in pattern((form,), caseless(entry)).finditer(text)]
