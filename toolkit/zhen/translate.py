"""The translation pipeline: normalize → segment → match → batched MT → verify → repair, with cache and summary."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zhen.terms.match import matcher_for
from zhen import __version__
from zhen.mt.cache import Cache, cache_key
from zhen.mt.constrain import FORCED, MISSING, MODEL, Term, mark, plan_repair, required_terms
from zhen.terms.glossary import Glossary
from zhen.errors import InputError
from zhen.mt.models import ModelInfo, find_model
from zhen.mt.ct2 import Engine, Hypothesis, Options, detokenize
from zhen.text.normalize import Normalized, normalize
from zhen.text.read import read_source
from zhen.text.segment import Paragraph, Sentence, segment
from zhen.write import FORMATS, SUFFIX, atomic_write, render


@dataclass
class Unit:
    """One sentence on its way through the pipeline."""

    doc: int
    paragraph: int
    sentence: Sentence
    norm: Normalized
    terms: list[Term]
    pieces: list[str]
    spans: list[tuple[int, int]]
    key: str = ""
    target: str = ""
    target_tokens: int = 0
    cached: bool = False
    repaired: bool = False


@dataclass
class DocumentResult:
    """A translated document: its paragraphs and, for each translated sentence, its unit."""

    name: str
    paragraphs: list[Paragraph]
    units: dict[tuple[int, int], Unit] = field(default_factory=dict)

    def english(self, para: Paragraph) -> str:
        """The paragraph in English: translated sentences, pass-through ones as written, indentation kept."""
        if not para.sentences or para.passthrough:
            return para.text
        out = [self.units[(para.number, s.start)].target if s.translate else s.source for s in para.sentences]
        return para.indent + " ".join(t for t in out if t) + para.trailing


@dataclass
class Summary:
    """What a run did, for the report on stderr and for the outputs' metadata."""

    signature: str
    documents: int = 0
    sentences: int = 0
    source_tokens: int = 0
    target_tokens: int = 0
    seconds: float = 0.0
    terms: int = 0
    model: int = 0
    forced: int = 0
    missing: int = 0
    repaired: int = 0
    cached: int = 0

    @property
    def tsr(self) -> float:
        """Term success rate: share of term occurrences rendered with the glossary's English."""
        return (self.model + self.forced) / self.terms if self.terms else 1.0

    def lines(self) -> list[str]:
        rate = self.sentences / self.seconds if self.seconds else 0.0
        return [
            f"documents: {self.documents}  sentences: {self.sentences} ({self.cached} from cache, {self.repaired} repaired)",
            f"tokens: {self.source_tokens} source, {self.target_tokens} target  time: {self.seconds:.2f} s  ({rate:.1f} sentences/s)",
            f"terms: {self.terms} found, {self.model} by the model, {self.forced} enforced, {self.missing} missing"
            f"  term success rate: {100 * self.tsr:.1f} %",
            f"signature: {self.signature}",
        ]


class Translator:
    """Loads the model once and translates any number of documents in shared batches."""

    def __init__(self, glossary: Glossary, model: ModelInfo, options: Options = Options(),
                 cache: Cache | None = None) -> None:
        self.glossary, self.model, self.options, self.cache = glossary, model, options, cache
        self.engine = Engine(model, options)
        self.signature = (
            f"zhen {__version__} | model {model.signature} | glossary {glossary.signature} | "
            f"beam {options.beam} | enforce {'on' if options.enforce else 'off'} | compute {options.compute_type} | "
            f"max-len {options.max_decoding_length}"
        )

    def prepare(self, documents: list[tuple[str, str]]) -> tuple[list[DocumentResult], list[Unit]]:
        """Segment every document and build one unit per translatable sentence."""
        matcher = matcher_for(self.glossary)
        run_key = (self.model.signature, self.glossary.signature, self.options.signature())
        results, units = [], []
        for d, (name, text) in enumerate(documents):
            paragraphs = segment(text, matcher.spans, self.engine.count)
            result, seen = DocumentResult(name, paragraphs), set()
            for para in paragraphs:
                for sentence in para.sentences:
                    if not sentence.translate:
                        continue
                    norm = normalize(sentence.source)
                    pieces, spans = self.engine.encode(norm.text)
                    unit = Unit(d, para.number, sentence, norm, required_terms(norm, matcher, seen), pieces, spans)
                    unit.key = cache_key(*run_key, norm.text, json.dumps([(t.entry.zh, t.en) for t in unit.terms]))
                    result.units[(para.number, sentence.start)] = unit
                    units.append(unit)
            results.append(result)
        return results, units

    def run(self, documents: list[tuple[str, str]],
            progress: Callable[[int, int], None] | None = None) -> tuple[list[DocumentResult], Summary]:
        """Translate documents; returns per-document results and a summary."""
        started = time.perf_counter()
        results, units = self.prepare(documents)
        done = [0]

        def advance(count: int) -> None:
            done[0] += count
            if progress:
                progress(done[0], len(units))

        todo = self._from_cache(units, advance)
        # Sorting by length keeps padding low; chunks bound the work lost to an interruption.
        todo.sort(key=lambda u: len(u.pieces))
        chunk: list[Unit] = []
        tokens = 0
        for unit in todo:
            chunk.append(unit)
            tokens += len(unit.pieces) + 1
            if tokens >= self.options.max_batch_tokens:
                self._translate_chunk(chunk, advance)
                chunk, tokens = [], 0
        self._translate_chunk(chunk, advance)
        return results, self._summarize(results, units, time.perf_counter() - started)

    def _from_cache(self, units: list[Unit], progress) -> list[Unit]:
        if self.cache is None:
            return list(units)
        hits = self.cache.get_many([u.key for u in units])
        todo = []
        for unit in units:
            value = hits.get(unit.key)
            if value is None:
                todo.append(unit)
                continue
            unit.target, unit.target_tokens, unit.repaired, unit.cached = (
                value["target"], value["target_tokens"], value["repaired"], True)
            for term, status in zip(unit.terms, value["statuses"]):
                term.status = status
        progress(len(units) - len(todo))
        return todo

    def _translate_chunk(self, chunk: list[Unit], progress) -> None:
        if not chunk:
            return
        enforce = self.options.enforce
        with_terms = enforce and any(u.terms for u in chunk)
        suppress = self._suppressed(chunk) if enforce else None
        first = self.engine.translate([u.pieces for u in chunk], attention=with_terms, suppress=suppress)
        repairs = []
        for unit, hyp in zip(chunk, first):
            unit.target, unit.target_tokens = detokenize(hyp.tokens).strip(), len(hyp.tokens)
            mark(unit.target, unit.terms)
            if enforce and any(t.status == MISSING for t in unit.terms):
                repairs.append((unit, plan_repair(self.engine, unit.spans, hyp, unit.terms)))
        # One more batched decode, only for the sentences that miss a term, however many they miss;
        # a prefix that already fills the length budget needs no decode at all.
        budget = self.options.max_decoding_length
        decode = [(u, r) for u, r in repairs if len(r.prefix) < budget]
        second = self.engine.translate([u.pieces for u, _ in decode], prefixes=[r.prefix for _, r in decode],
                                       suppress=suppress)
        full = [(u, r, Hypothesis(r.prefix)) for u, r in repairs if len(r.prefix) >= budget]
        for unit, repair, hyp in [(u, r, h) for (u, r), h in zip(decode, second)] + full:
            unit.target, unit.target_tokens, unit.repaired = repair.finish(hyp), len(hyp.tokens), True
            mark(unit.target, unit.terms, repair.forced)
        if self.cache is not None:
            self.cache.put_many({u.key: {"target": u.target, "target_tokens": u.target_tokens, "repaired": u.repaired,
                                         "statuses": [t.status for t in u.terms]} for u in chunk})
        progress(len(chunk))

    def _suppressed(self, chunk: list[Unit]) -> list[list[str]]:
        avoid = {a for u in chunk for t in u.terms for a in t.entry.avoid}
        return [self.engine.encode_target(a) for a in sorted(avoid)]

    def _summarize(self, results, units: list[Unit], seconds: float) -> Summary:
        s = Summary(self.signature, documents=len(results), sentences=len(units), seconds=seconds)
        for unit in units:
            s.source_tokens += len(unit.pieces)
            s.target_tokens += unit.target_tokens
            s.cached += unit.cached
            s.repaired += unit.repaired
            for term in unit.terms:
                s.terms += 1
                s.model += term.status == MODEL
                s.forced += term.status == FORCED
                s.missing += term.status == MISSING
        return s


def translate_path(source: str, output: Path | None, fmt: str, glossary: Glossary, options: Options,
                   cache: Cache | None = None, signed: bool = True,
                   progress: Callable[[int, int], None] | None = None) -> tuple[Summary, str | None]:
    """Translate a file, standard input ('-') or every .txt file of a directory.

    Outputs are written atomically: a directory goes to OUTPUT (default: '<dir>-en') under the same
    names; a file goes to OUTPUT, or is returned as text for standard output when OUTPUT is None."""
    if fmt not in FORMATS:
        raise InputError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    is_dir = source != "-" and Path(source).is_dir()
    files = sorted(Path(source).glob("*.txt")) if is_dir else [source]
    if is_dir and not files:
        raise InputError(f"{source}: directory holds no .txt files")
    documents = [(Path(s.name).stem if s.name != "<stdin>" else "stdin", s.text) for s in map(read_source, files)]
    translator = Translator(glossary, find_model(), options, cache)
    results, summary = translator.run(documents, progress)
    signature = summary.signature if signed else None
    if is_dir:
        target = output or Path(f"{str(source).rstrip('/')}-en")
        if target.exists() and not target.is_dir():
            raise InputError(f"{target}: exists and is not a directory")
        for result in results:
            atomic_write(target / f"{result.name}{SUFFIX[fmt]}", render(result, fmt, signature))
        return summary, None
    text = render(results[0], fmt, signature)
    if output is None:
        return summary, text
    atomic_write(output, text)
    return summary, None
