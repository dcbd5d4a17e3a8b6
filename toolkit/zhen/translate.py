"""The local driver: streams documents through the pure core in bounded windows, with cache, progress and outputs."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from zhen import __version__
from zhen.errors import InputError, Interrupted
from zhen.mt.backend import Backend
from zhen.mt.cache import Cache
from zhen.mt.options import Options
from zhen.mt.pipeline import DocumentResult, Outcome, Prepared, Summary, Unit, assemble, avoid_renderings, decode, prepare
from zhen.terms.glossary import Glossary
from zhen.render import FORMATS, SUFFIX, render, render_record
from zhen.terms.match import matcher_for
from zhen.text.sources import Document, Sources, find_sources
from zhen.write import atomic_write, atomic_write_lines, ensure_writable, guard_outputs

# Sentences held at once: enough to fill length-sorted batches across documents, few enough that
# memory stays flat however large the corpus.
WINDOW_SENTENCES = 2000
# Beam hypotheses per decoding batch (sentences × beam). CTranslate2's working memory grows with the
# hypotheses, not with the source tokens: about 13 MB a sentence at beam 4 on a 65,000-word vocabulary
# whether it has 20 pieces or 128 (bench/bench_memory.py), so a batch of 512 tokens of short sentences
# took 370 MB where 512 tokens of long ones took 70. 32 hypotheses cap a batch at about 100 MB.
MAX_BATCH_HYPOTHESES = 32


@dataclass
class Progress:
    """Where a run stands, for progress lines."""

    documents: int = 0
    documents_total: int | None = None
    sentences: int = 0
    started: float = 0.0

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.sentences / elapsed if elapsed > 0 else 0.0


def run_signature(backend: Backend, glossary: Glossary, options: Options) -> str:
    """What produced a translation: zhen, the backend's model and tokenizer, the glossary and the options.

    It names no executor, so the local and the Ray runs sign identical outputs identically."""
    return (
        f"zhen {__version__} | {backend.signature()} | glossary {glossary.signature} | "
        f"beam {options.beam} | enforce {'on' if options.enforce else 'off'} | compute {options.compute_type} | "
        f"max-len {options.max_decoding_length}"
    )


class Translator:
    """Translates documents with a backend it is given, sharing batches across documents."""

    def __init__(self, glossary: Glossary, backend: Backend, options: Options = Options(),
                 cache: Cache | None = None) -> None:
        self.glossary, self.backend, self.options, self.cache = glossary, backend, options, cache
        self.signature = run_signature(backend, glossary, options)
        self.run_key = (backend.signature(), glossary.signature, options.signature())
        self.avoid = avoid_renderings(glossary)

    def prepare(self, documents: list[tuple[str, str]]) -> list[Prepared]:
        """Segment documents into units (no decoding)."""
        matcher = matcher_for(self.glossary)
        return [prepare(i, name, text, matcher, self.backend.tokenizer, self.run_key) for i, (name, text) in enumerate(documents)]

    def run(self, documents: list[tuple[str, str]],
            progress: Callable[[Progress], None] | None = None) -> tuple[list[DocumentResult], Summary]:
        """Translate documents; per-document results in input order and a summary."""
        summary = Summary(self.signature)
        results = list(self.stream(documents, summary, progress))
        return results, summary

    def stream(self, documents: Iterable[tuple[str, str]], summary: Summary,
               progress: Callable[[Progress], None] | None = None,
               total: int | None = None) -> Iterator[DocumentResult]:
        """Yield each document's result as soon as its window is translated; documents are read lazily."""
        state = Progress(documents_total=total, started=time.perf_counter())
        matcher = matcher_for(self.glossary)
        window: list[Prepared] = []
        size = 0
        try:
            for index, (name, text) in enumerate(documents):
                prepared = prepare(index, name, text, matcher, self.backend.tokenizer, self.run_key)
                window.append(prepared)
                size += len(prepared.units)
                if size >= WINDOW_SENTENCES:
                    yield from self._window(window, summary, state, progress)
                    window, size = [], 0
            yield from self._window(window, summary, state, progress)
        except KeyboardInterrupt:
            raise Interrupted(state.sentences) from None
        finally:
            summary.seconds = time.perf_counter() - state.started

    def _window(self, window: list[Prepared], summary: Summary, state: Progress,
                progress: Callable[[Progress], None] | None) -> Iterator[DocumentResult]:
        outcomes, cached = self.translate_units([u for p in window for u in p.units], state, progress)
        for prepared in window:
            result = assemble(prepared, outcomes)
            summary.add(result, lambda unit: unit.key in cached)
            state.documents += 1
            if progress:
                progress(state)
            yield result

    def translate_units(self, units: list[Unit], state: Progress | None = None,
                        progress: Callable[[Progress], None] | None = None) -> tuple[dict[str, Outcome], set[str]]:
        """Outcomes of units by key (from the cache or decoded in length-sorted token batches) and the cached keys.

        The local driver calls it per window, the Ray executor per actor batch: the same code either way."""
        state = state or Progress(started=time.perf_counter())
        outcomes, cached = self._cached(units)
        # Identical sentences needing the same renderings (bylines, boilerplate) are decoded once.
        todo = sorted({u.key: u for u in units if u.key not in outcomes}.values(), key=lambda u: len(u.pieces))
        chunk: list[Unit] = []
        tokens = 0
        state.sentences += sum(1 for u in units if u.key in cached)
        most = max(1, MAX_BATCH_HYPOTHESES // max(1, self.options.beam))
        for unit in todo:
            chunk.append(unit)
            tokens += len(unit.pieces) + 1
            if tokens >= self.options.max_batch_tokens or len(chunk) >= most:
                self._decode(chunk, outcomes, state, progress)
                chunk, tokens = [], 0
        self._decode(chunk, outcomes, state, progress)
        return outcomes, cached

    def _cached(self, units: list[Unit]) -> tuple[dict[str, Outcome], set[str]]:
        if self.cache is None:
            return {}, set()
        hits = {key: Outcome.from_dict(value) for key, value in self.cache.get_many([u.key for u in units]).items()}
        return hits, set(hits)

    def _decode(self, chunk: list[Unit], outcomes: dict[str, Outcome], state: Progress,
                progress: Callable[[Progress], None] | None) -> None:
        if not chunk:
            return
        done = decode(self.backend, chunk, self.options, self.avoid)
        outcomes.update(done)
        # Each batch is committed as soon as it is decoded: an interruption loses at most one batch.
        if self.cache is not None:
            self.cache.put_many({key: outcome.as_dict() for key, outcome in done.items()})
        state.sentences += len(chunk)
        if progress:
            progress(state)


@dataclass
class Job:
    """What the user asked to translate and where the outputs go."""

    source: str
    output: Path | None = None
    fmt: str = "text"
    signed: bool = True
    recursive: bool = False
    from_list: Path | None = None
    jsonl: bool = False
    id_field: str = "id"
    text_field: str = "text"


@dataclass
class Written:
    """What a run wrote: the text for standard output, or how many files went where."""

    text: str | None = None
    files: int = 0
    skipped: int = 0
    target: Path | None = None


MANIFEST = ".zhen-done.jsonl"


def translate_path(job: Job, translator: Translator, progress: Callable[[Progress], None] | None = None,
                   sources: Sources | None = None) -> tuple[Summary, Written]:
    """Translate what a job names and write its outputs atomically, each document as soon as it is done.

    A directory (tree) or file list goes to OUTPUT (default: '<dir>-en') under the same relative names; a
    rerun skips the documents a manifest there records as done with the same signature. A file goes to
    OUTPUT or comes back as text for standard output; JSON Lines input gives one record per document."""
    sources = sources or plan(job)
    target = output_target(job, sources)
    summary = Summary(translator.signature)
    signature = translator.signature if job.signed else None
    if sources.jsonl is not None:
        return summary, _write_records(translator, sources, target, summary, signature, progress)
    if not sources.directory:
        [result] = translator.stream(sources.texts(), summary, progress, total=1)
        text = render(result, job.fmt, signature)
        if target is None:
            return summary, Written(text=text)
        atomic_write(target, text)
        return summary, Written(files=1, target=target)
    assert target is not None
    todo = pending(target, translator.signature, job.fmt, sources.documents)
    written = Written(skipped=len(sources.documents) - len(todo), target=target)
    with (target / MANIFEST).open("a", encoding="utf-8") as manifest:
        texts = ((d.id, d.text()) for d in todo)
        for doc, result in zip(todo, translator.stream(texts, summary, progress, total=len(todo))):
            atomic_write(target / f"{doc.id}{SUFFIX[job.fmt]}", render(result, job.fmt, signature))
            manifest.write(manifest_line(doc, translator.signature, job.fmt))
            manifest.flush()
            written.files += 1
    return summary, written


def plan(job: Job) -> Sources:
    """The job's documents, checked before any model is loaded."""
    if job.fmt not in FORMATS:
        raise InputError(f"unknown output format {job.fmt!r}; choose one of {', '.join(FORMATS)}")
    sources = find_sources(job.source, job.recursive, job.from_list, job.jsonl, job.id_field, job.text_field)
    output_target(job, sources)
    return sources


def output_target(job: Job, sources: Sources) -> Path | None:
    """Where outputs go, refused if it would overwrite an input, and created writable before any work."""
    target: Path | None = job.output
    if sources.directory:
        if job.output is None and job.from_list is not None:
            raise InputError("--from-list needs -o OUTPUT_DIR")
        target = job.output or Path(f"{str(job.source).rstrip('/')}-en")
    if target is None:
        return None
    guard_outputs(sources.inputs, target, sources.directory)
    ensure_writable(target, sources.directory)
    return target


def pending(target: Path, signature: str, fmt: str, documents: list[Document]) -> list[Document]:
    """The documents still to translate into target: those the manifest does not record as done with
    this signature and format from an unchanged input (every executor resumes the same way)."""
    done = _manifest(target, signature, fmt)
    return [d for d in documents if done.get(d.id) != _stamp(d.path)]


def manifest_line(doc: Document, signature: str, fmt: str) -> str:
    """The manifest's record that a document's output is written."""
    return json.dumps({"id": doc.id, "signature": signature, "format": fmt, "input": _stamp(doc.path)}) + "\n"


def _stamp(path: Path | None) -> list[int]:
    # Size and modification time: a changed input is translated again on resume.
    if path is None:
        return []
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _manifest(target: Path, signature: str, fmt: str) -> dict[str, list[int]]:
    """Documents a previous run finished with the same signature, whose output is still there."""
    path = target / MANIFEST
    done: dict[str, list[int]] = {}
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by a kill: that document is simply done again
        if (record.get("signature"), record.get("format")) == (signature, fmt):
            if (target / f"{record['id']}{SUFFIX[fmt]}").exists():
                done[record["id"]] = record.get("input", [])
    return done


def _write_records(translator: Translator, sources: Sources, target: Path | None, summary: Summary,
                   signature: str | None, progress: Callable[[Progress], None] | None) -> Written:
    ids = [d.id for d in sources.documents]
    lines = (render_record(result, doc_id, signature)
             for doc_id, result in zip(ids, translator.stream(sources.texts(), summary, progress, total=len(ids))))
    if target is None:
        return Written(text="".join(lines))
    atomic_write_lines(target, lines)
    return Written(files=1, target=target)
