"""Alternatives to today's glossary repair, measured by bench/bench_enforce.py before any is integrated:
n-best reranking by glossary coverage, injecting the target term into the source, repair that hides the
model's own rendering of a forced term, and substitution of that rendering where the alignment puts it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from zhen.mt.constrain import FORCED, MISSING, Repair, Term, locate, mark, plan_repair, required_terms
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
    repair_all(engine, items, _reranked(engine, items, n), hide_own)


def rerank_substitute(engine: Engine, items: list[Item], n: int = 4, hide_own: bool = False) -> None:
    """Reranking, then substitution instead of prefix repair."""
    substitute_in(engine, items, _reranked(engine, items, n), hide_own)


def _reranked(engine: Engine, items: list[Item], n: int) -> list[Hypothesis]:
    chosen = []
    for item, hyps in zip(items, _decode(engine, [i.pieces for i in items], n=n)):
        def covered(k: int) -> int:
            return len(locate(detokenize(hyps[k].tokens), item.terms)) if item.terms else 0
        chosen.append(hyps[max(range(len(hyps)), key=lambda k: (covered(k), -k))])
    return chosen


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


def _word_span(term: Term, spans: list[tuple[int, int]], hyp: Hypothesis) -> tuple[int, int] | None:
    """Output tokens aligned with the term's source pieces, widened to whole words; None when unknown."""
    source = {s for s, (a, b) in enumerate(spans) if a < term.end and b > term.start}
    rows = (hyp.attention or [])[: len(hyp.tokens)]
    if not rows or not source:
        return None
    mass = [sum(row[s] for s in source if s < len(row)) for row in rows]
    best = max(range(len(rows)), key=mass.__getitem__)
    if mass[best] <= 0:
        return None
    tokens = hyp.tokens
    if term.entry.enforced:
        # A name's own rendering is a capitalized word: when one gets a fair share of the attention, it is
        # the one to replace, not the function word beside it that the attention peaked on.
        names = [t for t in range(len(rows)) if tokens[t].startswith("▁") and tokens[t][1:2].isupper() and t > 0]
        if names:
            top = max(names, key=mass.__getitem__)
            if mass[top] >= 0.3 * mass[best]:
                best = top

    def aligned(t: int) -> bool:
        return max(range(len(rows[t])), key=rows[t].__getitem__) in source


    def wordy(t: int) -> bool:
        return tokens[t].lstrip("▁")[:1].isalnum()

    def joins(t: int) -> bool:
        # A neighbouring word aligned with the term is part of its rendering; for a name only a
        # capitalized one ('Vladimir Putin'), never the verb after it that still looks at the name.
        return wordy(t) and aligned(t) and (not term.entry.enforced or tokens[t].lstrip("▁")[:1].isupper())

    left, right = best, best + 1
    while True:
        # Whole words only: pieces inside a word belong to it; then neighbouring words that align too
        # (a two-word rendering such as 'Vladimir Putin').
        while left > 0 and not tokens[left].startswith("▁") and wordy(left - 1):
            left -= 1
        while right < len(tokens) and not tokens[right].startswith("▁") and wordy(right):
            right += 1
        if left > 0 and joins(left - 1):
            left -= 1
        elif right < len(tokens) and joins(right):
            right += 1
        else:
            break
    # Punctuation the alignment caught stays the model's.
    while right > left + 1 and not wordy(right - 1):
        right -= 1
    if not any(wordy(t) for t in range(left, right)):
        return None
    return left, right


def substitute(engine: Engine, items: list[Item], hide_own: bool = False) -> None:
    """Replace the model's own rendering at the aligned output position by the glossary's English, in the
    text, with no second decode: the model's continuation was decoded after its own word, so it neither
    repeats the name nor stops short. A term with no aligned output falls back to today's prefix repair."""
    substitute_in(engine, items, [h[0] for h in _decode(engine, [i.pieces for i in items])], hide_own)


def substitute_in(engine: Engine, items: list[Item], hyps: list[Hypothesis], hide_own: bool = False) -> None:
    """substitute() on hypotheses already chosen (by rerank_substitute, say)."""
    fallback: list[tuple[Item, Hypothesis]] = []
    for item, hyp in zip(items, hyps):
        item.target = item.first = detokenize(hyp.tokens).strip()
        mark(item.target, item.terms)
        missing = [i for i, t in enumerate(item.terms) if t.status == MISSING]
        if not missing:
            continue
        cuts = {i: _word_span(item.terms[i], item.spans, hyp) for i in missing}
        ordered = sorted((c, i) for i, c in cuts.items() if c is not None)
        if len(ordered) < len(missing) or any(a[0][1] > b[0][0] for a, b in zip(ordered, ordered[1:])):
            fallback.append((item, hyp))
            continue
        parts, cursor = [], 0
        for (a, b), i in ordered:
            parts += [detokenize(hyp.tokens[cursor:a]), " " + item.terms[i].en]
            cursor = b
        parts.append(detokenize(hyp.tokens[cursor:]))
        item.target, item.repaired = re.sub(r" {2,}", " ", "".join(parts)).strip(), True
        mark(item.target, item.terms, set(missing))
    if fallback:
        repair_all(engine, [i for i, _ in fallback], [h for _, h in fallback], hide_own)
