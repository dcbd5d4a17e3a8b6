"""Per-document and per-request terms layered over the house glossary, with the conflicts resolved for the request."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from zhen.errors import InputError
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.match import TermMatcher, matcher_for
from zhen.text.normalize import converter

# A request's term gets the type of the house entry it replaces (a person stays a person for the
# matcher's name rules), else this one; it is enforced either way.
REQUEST_TYPE = "other"

TermList = Sequence[tuple[str, str]] | Sequence[Mapping[str, str]]


class TermsError(InputError):
    """A request's term list is malformed: an item without a Chinese and an English string, or one
    Chinese term given two different English renderings."""


@dataclass(frozen=True)
class Conflict:
    """A house entry that a request's term replaced with other English."""

    zh: str
    house: Entry
    request_en: str

    @property
    def house_en(self) -> str:
        return self.house.en

    def as_dict(self) -> dict[str, str]:
        found = {"zh": self.zh, "house": self.house.en, "request": self.request_en, "house_entry": self.house.zh}
        if self.house.origin:
            found["origin"] = self.house.origin
        return found


@dataclass
class Layered:
    """A house glossary with a request's terms on top: the combined glossary, its matcher and the conflicts."""

    base: Glossary
    terms: tuple[Entry, ...]
    hidden: frozenset[int]
    conflicts: list[Conflict] = field(default_factory=list)

    @cached_property
    def glossary(self) -> Glossary:
        """The house entries the request does not replace, then the request's own."""
        return Glossary([e for i, e in enumerate(self.base.entries) if i not in self.hidden] + list(self.terms))

    @cached_property
    def matcher(self) -> TermMatcher:
        """The house matcher with the request's forms laid over it (shared automaton and word-boundary verdicts)."""
        return matcher_for(self.base).overlay(list(self.terms), self.hidden)

    @cached_property
    def signature(self) -> str:
        """The house glossary's signature and the request's terms: what a cache key must hold."""
        if not self.terms:
            return self.base.signature
        digest = hashlib.sha256(self.base.signature.encode())
        for entry in self.terms:
            digest.update(b"\n" + entry.to_row().encode("utf-8"))
        return digest.hexdigest()[:12]


def parse_terms(terms: object) -> list[tuple[str, str]]:
    """A request's term list as (zh, en) pairs, refused with TermsError unless every item has both strings."""
    if not isinstance(terms, Sequence) or isinstance(terms, str):
        raise TermsError("expected a list of terms, each with a Chinese term and its English")
    pairs = []
    given: dict[str, str] = {}
    for number, item in enumerate(terms, start=1):
        if isinstance(item, Mapping):
            zh, en = item.get("zh"), item.get("en")
        elif isinstance(item, Sequence) and not isinstance(item, str):
            zh, en = (tuple(item) + (None, None))[:2]
        else:
            zh = en = None
        if not (isinstance(zh, str) and isinstance(en, str) and zh.strip() and en.strip()):
            raise TermsError(f"term {number}: expected a Chinese term and its English (\"zh\" and \"en\" strings)")
        zh, en = zh.strip(), en.strip()
        if given.setdefault(zh, en) != en:
            raise TermsError(f"term {zh!r} is given twice, as {given[zh]!r} and as {en!r}")
        pairs.append((zh, en))
    return pairs


def layer(glossary: Glossary, terms: TermList, origin: str = "request") -> Layered:
    """The glossary with a request's terms enforced on top of it.

    A term replaces every house entry that has its Chinese form (in any script), whole, as a later
    glossary file does; where that entry's English differs, the request wins and a Conflict says so."""
    pairs = parse_terms(terms)
    matcher = matcher_for(glossary)
    keys = converter(matcher.config).convert("\n".join(zh for zh, _ in pairs)).split("\n") if pairs else []
    chosen: dict[str, tuple[str, str]] = {}
    for (zh, en), key in zip(pairs, keys):
        if key in chosen and chosen[key][1] != en:
            raise TermsError(f"term {zh!r} is given twice, as {chosen[key][1]!r} and as {en!r}")
        chosen[key] = (zh, en)
    hidden: set[int] = set()
    entries, conflicts = [], []
    for number, (key, (zh, en)) in enumerate(chosen.items(), start=1):
        owner = matcher.form_index.get(key)
        house = None if owner is None else matcher.entries[owner]
        if owner is not None and house is not None:
            hidden.add(owner)
            if house.en != en:
                conflicts.append(Conflict(zh, house, en))
        entries.append(Entry(zh=zh, en=en, type=house.type if house else REQUEST_TYPE, enforce="yes",
                             origin=f"{origin}:{number}"))
    return Layered(glossary, tuple(entries), frozenset(hidden), conflicts)
