"""Enforcement methods the benchmark compares with the pipeline's own (substitution, zhen.mt.pipeline.decode):
the old prefix repair, n-best reranking by glossary coverage, and injecting the target term into the source.
They work on a loaded Backend; reranking needs n hypotheses, so it calls CTranslate2 directly."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from zhen.mt.backend import Backend, Hypothesis
from zhen.mt.constrain import MISSING, Term, locate, mark, plan_repair, required_terms, substitute
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
    statuses: tuple[str, ...] = ()
    first: str = field(default="", repr=False)


def prepare(backend: Backend, matcher: TermMatcher, sources: list[str]) -> list[Item]:
    """Normalize, tokenize and match each source as one sentence."""
    items = []
    for source in sources:
        norm = normalize(source)
        pieces, spans = backend.tokenizer.encode(norm.text)
        items.append(Item(norm.text, pieces, spans, required_terms(norm, matcher, set())))
    return items


def decode_n(backend: Backend, sources: list[list[str]], n: int) -> list[list[Hypothesis]]:
    """n best hypotheses per source, with attention (CTranslate2 decoder only)."""
    decoder = backend.decoder
    o = decoder.options  # type: ignore[attr-defined]
    results = decoder.translator.translate_batch(  # type: ignore[attr-defined]
        sources, max_batch_size=o.max_batch_tokens, batch_type="tokens", beam_size=max(o.beam, n),
        num_hypotheses=n, length_penalty=o.length_penalty, max_decoding_length=o.max_decoding_length,
        min_decoding_length=o.min_decoding_length, return_attention=True, replace_unknowns=True)
    return [[Hypothesis(t, a) for t, a in zip(r.hypotheses, r.attention)] for r in results]


def prefix_repair(backend: Backend, items: list[Item], hyps: list[Hypothesis] | None = None) -> None:
    """The old method: every sentence that misses a name is decoded again with a target prefix that ends
    with the forced name (constrain.plan_repair, one more batched decode)."""
    tok = backend.tokenizer
    if hyps is None:
        hyps = backend.translate([i.pieces for i in items], attention=True)
    repairs = []
    for item, hyp in zip(items, hyps):
        item.target = item.first = tok.detokenize(hyp.tokens).strip()
        item.statuses = mark(item.target, item.terms)
        if MISSING in item.statuses:
            repairs.append((item, plan_repair(tok, item.spans, hyp, item.terms)))
    outs = backend.translate([i.pieces for i, _ in repairs], prefixes=[r.prefix for _, r in repairs])
    for (item, repair), out in zip(repairs, outs):
        item.target, item.repaired = repair.finish(out, tok), True
        item.statuses = mark(item.target, item.terms, repair.forced)


def substitute_in(backend: Backend, items: list[Item], hyps: list[Hypothesis]) -> None:
    """The pipeline's method on hypotheses already chosen: substitution, prefix repair where it cannot."""
    tok = backend.tokenizer
    fallback: list[tuple[Item, Hypothesis]] = []
    for item, hyp in zip(items, hyps):
        item.target = item.first = tok.detokenize(hyp.tokens).strip()
        item.statuses = mark(item.target, item.terms)
        missing = [i for i, s in enumerate(item.statuses) if s == MISSING]
        if not missing:
            continue
        text = substitute(tok, item.spans, hyp, item.terms, missing)
        if text is None:
            fallback.append((item, hyp))
        else:
            item.target, item.repaired = text, True
            item.statuses = mark(text, item.terms, set(missing))
    if fallback:
        prefix_repair(backend, [i for i, _ in fallback], [h for _, h in fallback])


def _reranked(backend: Backend, items: list[Item], n: int) -> list[Hypothesis]:
    chosen = []
    for item, hyps in zip(items, decode_n(backend, [i.pieces for i in items], n)):
        def covered(k: int) -> int:
            return len(locate(backend.tokenizer.detokenize(hyps[k].tokens), item.terms)) if item.terms else 0
        chosen.append(hyps[max(range(len(hyps)), key=lambda k: (covered(k), -k))])
    return chosen


def rerank(backend: Backend, items: list[Item], n: int = 4) -> None:
    """Pick among n hypotheses the one with most glossary renderings (model order breaks ties), then prefix repair."""
    prefix_repair(backend, items, _reranked(backend, items, n))


def rerank_substitute(backend: Backend, items: list[Item], n: int = 4) -> None:
    """Reranking, then the pipeline's substitution."""
    substitute_in(backend, items, _reranked(backend, items, n))


def inject(backend: Backend, items: list[Item]) -> None:
    """Replace each term in the source by its English (the model copies Latin names it saw in Tatoeba's
    Chinese), decode, and prefix-repair from the injected source where the copy did not happen."""
    injected = []
    for item in items:
        text, shift, terms = item.text, 0, []
        for term in sorted(item.terms, key=lambda t: t.start):
            # A space before the English makes it a word-start piece, the form the target side uses.
            start, new = term.start + shift, " " + term.en
            text = text[:start] + new + text[term.end + shift:]
            terms.append(replace(term, start=start + 1, end=start + len(new)))
            shift += len(new) - (term.end - term.start)
        pieces, spans = backend.tokenizer.encode(text)
        injected.append(Item(text, pieces, spans, terms))
    prefix_repair(backend, injected)
    for item, done in zip(items, injected):
        # Terms were re-sorted by position in the injected copy; statuses go back to the item's order.
        by_start = sorted(range(len(item.terms)), key=lambda k: item.terms[k].start)
        statuses = [""] * len(item.terms)
        for k, status in zip(by_start, done.statuses):
            statuses[k] = status
        item.target, item.repaired, item.first, item.statuses = done.target, done.repaired, done.first, tuple(statuses)
