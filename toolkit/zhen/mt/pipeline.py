"""The pure translation core: prepare(documents) → units, decode(backend, units) → outcomes, assemble.

No file I/O, cache or progress here: the local driver (zhen.translate) and the Ray executor wrap these
same functions, so every executor produces the same bytes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields

from zhen.mt.backend import Backend, Hypothesis, Tokenizer
from zhen.mt.cache import cache_key
from zhen.mt.constrain import (CHECKED, FORCED, MISSING, MODEL, UNCHECKED, Term, mark, plan_repair, required_terms,
                               substitute)
from zhen.mt.options import Options
from zhen.terms.glossary import Glossary
from zhen.terms.match import TermMatcher
from zhen.text.normalize import Normalized, normalize
from zhen.text.segment import Paragraph, Sentence, segment


@dataclass
class Unit:
    """One sentence to translate, with the glossary terms it holds and its model input."""

    doc: int
    paragraph: int
    sentence: Sentence
    norm: Normalized
    terms: list[Term]
    pieces: list[str]
    spans: list[tuple[int, int]]
    key: str = ""


@dataclass(frozen=True)
class Outcome:
    """What decoding made of one unit: the English, its length, whether it was repaired, each term's status."""

    target: str
    target_tokens: int
    repaired: bool
    statuses: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"target": self.target, "target_tokens": self.target_tokens, "repaired": self.repaired,
                "statuses": list(self.statuses)}

    @classmethod
    def from_dict(cls, data: dict) -> Outcome:
        return cls(data["target"], data["target_tokens"], data["repaired"], tuple(data["statuses"]))


@dataclass
class Prepared:
    """A segmented document and its units, in reading order."""

    index: int
    name: str
    paragraphs: list[Paragraph]
    units: list[Unit]
    # Where the document carried its own terms: the house entries they replaced (zhen.terms.layer.Conflict.as_dict).
    conflicts: list[dict[str, str]] | None = None


@dataclass
class DocumentResult:
    """A translated document: its paragraphs and, for each translated sentence, its unit and outcome."""

    name: str
    paragraphs: list[Paragraph]
    units: dict[tuple[int, int], Unit] = field(default_factory=dict)
    outcomes: dict[tuple[int, int], Outcome] = field(default_factory=dict)
    conflicts: list[dict[str, str]] | None = None

    def english(self, para: Paragraph) -> str:
        """The paragraph in English: translated sentences, pass-through ones as written, indentation kept."""
        if not para.sentences or para.passthrough:
            return para.text
        out = [self.outcomes[(para.number, s.start)].target if s.translate else s.source for s in para.sentences]
        return para.indent + " ".join(t for t in out if t) + para.trailing


def prepare(index: int, name: str, text: str, matcher: TermMatcher, tokenizer: Tokenizer, run_key: tuple[str, ...]) -> Prepared:
    """Segment one document and build one unit per translatable sentence, keyed for cache and dedup."""
    paragraphs = segment(text, matcher.spans, tokenizer.count)
    units: list[Unit] = []
    seen: set[str] = set()
    for para in paragraphs:
        for sentence in para.sentences:
            if not sentence.translate:
                continue
            norm = normalize(sentence.source)
            pieces, spans = tokenizer.encode(norm.text)
            unit = Unit(index, para.number, sentence, norm, required_terms(norm, matcher, seen), pieces, spans)
            unit.key = cache_key(*run_key, norm.text, json.dumps([(t.entry.zh, t.en) for t in unit.terms]))
            units.append(unit)
    return Prepared(index, name, paragraphs, units)


def own_renderings(backend: Backend, forms: Iterable[str], known: dict[str, str]) -> dict[str, str]:
    """What the model makes of each name alone, kept in `known` (one run's memo): where the first pass
    wrote that, it is the model's own rendering of the name, found without reading the attention.

    Each form is decoded in a batch of its own (briefly where the decoder can), so its rendering
    never depends on what else is decoded."""
    for form in sorted(set(forms) - known.keys()):
        pieces, _ = backend.tokenizer.encode(form)
        known[form] = backend.tokenizer.detokenize(backend.translate_alone(pieces).tokens).strip()
    return known


def decode(backend: Backend, units: list[Unit], options: Options, avoid: Sequence[str] = (),
           own: dict[str, str] | None = None) -> dict[str, Outcome]:
    """Translate units in one batched pass, verify term use and put in what is missing; outcomes by unit key.

    A missing name is substituted for the model's own rendering of it (what the model makes of the name
    alone, where the output has it; else the words aligned with it); only sentences where that is not
    possible are decoded again, in one batch, with the names forced through a target prefix.

    `avoid` is every avoid-rendering of the glossary: banned for the whole run rather than per batch,
    so a sentence's English does not depend on which other sentences share its batch. `own` is the
    run's memo of renderings of names alone (see own_renderings)."""
    unique = list({u.key: u for u in units}.values())
    if not unique:
        return {}
    tokenizer = backend.tokenizer
    enforce = options.enforce
    with_terms = enforce and any(u.terms for u in unique)
    suppress = [tokenizer.encode_target(a) for a in avoid] if enforce and avoid else None
    first = backend.translate([u.pieces for u in unique], attention=with_terms, suppress=suppress)
    outcomes: dict[str, Outcome] = {}
    repairs = []
    checked = [(unit, hyp, tokenizer.detokenize(hyp.tokens).strip()) for unit, hyp in zip(unique, first)]
    statuses_of = [mark(target, unit.terms) for unit, _, target in checked]
    if own is None:
        own = {}
    if enforce:
        own_renderings(backend, (unit.terms[i].source for (unit, _, _), statuses in zip(checked, statuses_of)
                                 for i, status in enumerate(statuses) if status == MISSING), own)
    for (unit, hyp, target), statuses in zip(checked, statuses_of):
        if enforce and MISSING in statuses:
            # Substitution first: the glossary's English in place of the model's own rendering, no
            # second decode. Prefix repair only where a missing name has no such words (or two overlap).
            missing = [i for i, status in enumerate(statuses) if status == MISSING]
            text = substitute(tokenizer, unit.spans, hyp, unit.terms, missing, own)
            if text is not None:
                outcomes[unit.key] = Outcome(text, len(hyp.tokens), True, mark(text, unit.terms, set(missing)))
            else:
                repairs.append((unit, plan_repair(tokenizer, unit.spans, hyp, unit.terms)))
        else:
            outcomes[unit.key] = Outcome(target, len(hyp.tokens), False, statuses)
    # One more batched decode, only for the sentences substitution could not mend, however many terms they miss;
    # a prefix that already fills the length budget needs no decode at all.
    budget = options.max_decoding_length
    to_decode = [(u, r) for u, r in repairs if len(r.prefix) < budget]
    second = backend.translate([u.pieces for u, _ in to_decode], prefixes=[r.prefix for _, r in to_decode],
                               suppress=suppress)
    full = [(u, r, Hypothesis(r.prefix)) for u, r in repairs if len(r.prefix) >= budget]
    for unit, repair, hyp in [(u, r, h) for (u, r), h in zip(to_decode, second)] + full:
        target = repair.finish(hyp, tokenizer)
        outcomes[unit.key] = Outcome(target, len(hyp.tokens), True, mark(target, unit.terms, repair.forced))
    return outcomes


def avoid_renderings(glossary: Glossary) -> list[str]:
    """Every avoid-rendering of the glossary's enforced entries, sorted: what decoding bans for a run."""
    return sorted({a for entry in glossary if entry.enforced for a in entry.avoid})


def assemble(prepared: Prepared, outcomes: dict[str, Outcome]) -> DocumentResult:
    """A document's result from its units' outcomes; every unit must have one."""
    result = DocumentResult(prepared.name, prepared.paragraphs, conflicts=prepared.conflicts)
    for unit in prepared.units:
        where = (unit.paragraph, unit.sentence.start)
        result.units[where] = unit
        result.outcomes[where] = outcomes[unit.key]
    return result


@dataclass
class Summary:
    """What a run did, for the report on stderr and for the outputs' metadata; summaries add up."""

    signature: str
    # Whether the glossary's names were enforced (False with --no-enforce): says what the term counts mean.
    enforce: bool = True
    documents: int = 0
    sentences: int = 0
    source_tokens: int = 0
    target_tokens: int = 0
    seconds: float = 0.0
    terms: int = 0
    model: int = 0
    forced: int = 0
    missing: int = 0
    checked: int = 0
    unchecked: int = 0
    repaired: int = 0
    cached: int = 0

    def add(self, result: DocumentResult, cached: Callable[[Unit], bool] = lambda unit: False) -> None:
        """Count one finished document."""
        self.documents += 1
        for where, unit in result.units.items():
            outcome = result.outcomes[where]
            self.sentences += 1
            self.source_tokens += len(unit.pieces)
            self.target_tokens += outcome.target_tokens
            self.cached += cached(unit)
            self.repaired += outcome.repaired
            for status in outcome.statuses:
                self.terms += status in (MODEL, FORCED, MISSING)
                self.model += status == MODEL
                self.forced += status == FORCED
                self.missing += status == MISSING
                self.checked += status == CHECKED
                self.unchecked += status == UNCHECKED

    def counts(self) -> dict[str, float]:
        """The fields that add up across summaries (every field but what the run was: signature, enforce)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("signature", "enforce")}

    @property
    def tsr(self) -> float | None:
        """Term success rate: share of the required term occurrences rendered with the glossary's English;
        None where no term was required (a rate over nothing is no success)."""
        return (self.model + self.forced) / self.terms if self.terms else None

    def lines(self) -> list[str]:
        rate = self.sentences / self.seconds if self.seconds else 0.0
        if not self.enforce:
            terms = (f"terms: {self.terms} glossary names, not enforced (--no-enforce): {self.model} rendered by the model, "
                     f"{self.missing} missing")
            if self.tsr is not None:
                terms += f"  term success rate: {100 * self.tsr:.1f} %"
        else:
            # A rate over no names would claim a success that never had a chance to fail.
            terms = f"terms: {self.terms} required"
            if self.tsr is not None:
                terms += (f", {self.model + self.forced} met ({self.model} by the model, {self.forced} forced, "
                          f"{self.missing} missing)  term success rate: {100 * self.tsr:.1f} %")
        return [
            f"documents: {self.documents}  sentences: {self.sentences} ({self.cached} from cache, {self.repaired} repaired)",
            f"tokens: {self.source_tokens} source, {self.target_tokens} target  time: {self.seconds:.2f} s  ({rate:.1f} sentences/s)",
            terms,
            f"check-only terms: {self.checked + self.unchecked} ({self.unchecked} without a preferred or admitted rendering)",
            f"signature: {self.signature}",
        ]
