"""Alternatives to today's glossary repair, measured by bench/bench_enforce.py before any is integrated:
n-best reranking by glossary coverage, injecting the target term into the source, and repair that hides the
model's own rendering of a forced term so that it does not come back beside it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from zhen.mt.constrain import MISSING, Repair, Term, locate, mark, plan_repair, required_terms
from zhen.mt.ct2 import Engine, Hypothesis, detokenize
from zhen.terms.match import TermMatcher
from zhen.text.normalize import normalize


@dataclass
class Item:
    """One source sentence (already a single unit) and what a strategy made of it."""

    text: str
    pieces: list[str]
    spans: list[tuple[int, int]]
    terms: list[Term]
    target: str = ""
    repaired: bool = False
    first: str = field(default="", repr=False)


def prepare(engine: Engine, matcher: TermMatcher, sources: list[str]) -> list[Item]:
    """Normalize, tokenize and match each source as one sentence."""
    items = []
    for source in sources:
        norm = normalize(source)
        pieces, spans = engine.encode(norm.text)
        items.append(Item(norm.text, pieces, spans, required_terms(norm, matcher, set())))
    return items


def _decode(engine: Engine, sources: list[list[str]], n: int = 1, prefixes: list[list[str]] | None = None,
            suppress: list[list[str]] | None = None) -> list[list[Hypothesis]]:
    o = engine.options
    results = engine.translator.translate_batch(
        sources, target_prefix=prefixes, max_batch_size=o.max_batch_tokens, batch_type="tokens",
        beam_size=max(o.beam, n), num_hypotheses=n, length_penalty=o.length_penalty,
        max_decoding_length=o.max_decoding_length, min_decoding_length=o.min_decoding_length,
        return_attention=True, replace_unknowns=True, suppress_sequences=suppress or None)
    return [[Hypothesis(t, a) for t, a in zip(r.hypotheses, r.attention)] for r in results]


def _own_renderings(repair: Repair, hyp: Hypothesis, engine: Engine, terms: list[Term]) -> list[list[str]]:
    # The model's words that a forced term replaced: hidden from the continuation so they do not reappear.
    replaced = [t for t in hyp.tokens if t not in repair.prefix]
    words = detokenize(replaced).split()
    forced = " ".join(terms[i].en for i in repair.forced)
    return [engine.encode_target(w) for w in words if w[:1].isupper() and w not in forced]


def repair_all(engine: Engine, items: list[Item], hyps: list[Hypothesis], hide_own: bool = False) -> None:
    """Today's repair (constrain.plan_repair, one more batched decode) from the chosen hypotheses; with
    hide_own, each repaired sentence is decoded alone with its replaced capitalized words suppressed."""
    repairs = []
    for item, hyp in zip(items, hyps):
        item.target = item.first = detokenize(hyp.tokens).strip()
        mark(item.target, item.terms)
        if any(t.status == MISSING for t in item.terms):
            repairs.append((item, hyp, plan_repair(engine, item.spans, hyp, item.terms)))
    if not repairs:
        return
    if hide_own:
        # suppress_sequences holds for a whole batch, so sentences with something to hide go one by one.
        outs = []
        for item, hyp, repair in repairs:
            hide = _own_renderings(repair, hyp, engine, item.terms)
            outs.append(_decode(engine, [item.pieces], prefixes=[repair.prefix], suppress=hide or None)[0][0])
    else:
        outs = [h[0] for h in _decode(engine, [i.pieces for i, _, _ in repairs], prefixes=[r.prefix for _, _, r in repairs])]
    for (item, _, repair), out in zip(repairs, outs):
        item.target, item.repaired = repair.finish(out), True
        mark(item.target, item.terms, repair.forced)


def baseline(engine: Engine, items: list[Item], hide_own: bool = False) -> None:
    """Best hypothesis, then today's repair of the sentences that miss a term."""
    repair_all(engine, items, [h[0] for h in _decode(engine, [i.pieces for i in items])], hide_own)


def rerank(engine: Engine, items: list[Item], n: int = 4, hide_own: bool = False) -> None:
    """Pick among n hypotheses the one with most glossary renderings (model order breaks ties), then repair."""
    chosen = []
    for item, hyps in zip(items, _decode(engine, [i.pieces for i in items], n=n)):
        def covered(k: int) -> int:
            return len(locate(detokenize(hyps[k].tokens), item.terms)) if item.terms else 0
        chosen.append(hyps[max(range(len(hyps)), key=lambda k: (covered(k), -k))])
    repair_all(engine, items, chosen, hide_own)


def inject(engine: Engine, items: list[Item], hide_own: bool = False) -> None:
    """Replace each term in the source by its English (the model copies Latin names it saw in Tatoeba's
    Chinese), decode, and repair from the injected source where the copy did not happen."""
    injected = []
    for item in items:
        text, shift, terms = item.text, 0, []
        for term in sorted(item.terms, key=lambda t: t.start):
            # A space before the English makes it a word-start piece, the form the target side uses.
            start, new = term.start + shift, " " + term.en
            text = text[:start] + new + text[term.end + shift:]
            terms.append(replace(term, start=start + 1, end=start + len(new)))
            shift += len(new) - (term.end - term.start)
        pieces, spans = engine.encode(text)
        injected.append(Item(text, pieces, spans, terms))
    repair_all(engine, injected, [h[0] for h in _decode(engine, [i.pieces for i in injected])], hide_own)
    for item, done in zip(items, injected):
        item.target, item.repaired, item.first = done.target, done.repaired, done.first
        for term, status in zip(item.terms, (t.status for t in done.terms)):
            term.status = status
