"""The local driver: streams documents through the pure core in bounded windows, with cache, progress and outputs."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from zhen import __version__
from zhen.errors import InputError, Interrupted, UsageError
from zhen.mt.backend import Backend
from zhen.mt.cache import Cache
from zhen.mt.options import Options
from zhen.mt.pipeline import DocumentResult, Outcome, Prepared, Summary, Unit, assemble, avoid_renderings, decode, prepare
from zhen.terms.glossary import Glossary
from zhen.terms.layer import TermList, TermsError, layer
from zhen.render import FORMATS, SUFFIX, render, render_record
from zhen.terms.match import matcher_for
from zhen.text.sources import Document, Sources, find_sources
from zhen.write import STDOUT, atomic_write, atomic_write_lines, ensure_writable, guard_outputs, locked

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
    # Documents segmented so far and their sentences: a document's count is known once it is prepared,
    # long before it is translated, so progress moves (and has an ETA) within one large document.
    documents_seen: int = 0
    sentences_seen: int = 0

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.sentences / elapsed if elapsed > 0 else 0.0

    def sentences_expected(self) -> int | None:
        """Sentences the run will translate: those of the documents prepared so far, and the documents still
        unread at the average so far (None before the first document is prepared or without a document count)."""
        if not self.documents_seen or self.documents_total is None:
            return None
        unread = max(self.documents_total - self.documents_seen, 0)
        return self.sentences_seen + round(unread * self.sentences_seen / self.documents_seen)


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
        # What the model makes of each missing name alone, decoded once per run (pipeline.own_renderings).
        self.own: dict[str, str] = {}

    def prepare(self, documents: list[tuple[str, str]]) -> list[Prepared]:
        """Segment documents into units (no decoding)."""
        matcher = matcher_for(self.glossary)
        return [prepare(i, name, text, matcher, self.backend.tokenizer, self.run_key) for i, (name, text) in enumerate(documents)]

    def prepare_one(self, index: int, name: str, text: str, terms: TermList | None = None) -> Prepared:
        """Segment one document; its own terms, if any, enforced over the glossary for it alone."""
        if terms is None:
            return prepare(index, name, text, matcher_for(self.glossary), self.backend.tokenizer, self.run_key)
        try:
            layered = layer(self.glossary, terms, origin=name)
        except TermsError as exc:
            raise TermsError(f"{name}: {exc}") from None
        # The terms are part of every cache key of the document: another record's terms never answer for them.
        run_key = (self.run_key[0], layered.signature, *self.run_key[2:])
        prepared = prepare(index, name, text, layered.matcher, self.backend.tokenizer, run_key)
        prepared.conflicts = [c.as_dict() for c in layered.conflicts]
        return prepared

    def run(self, documents: list[tuple[str, str]],
            progress: Callable[[Progress], None] | None = None) -> tuple[list[DocumentResult], Summary]:
        """Translate documents; per-document results in input order and a summary."""
        summary = Summary(self.signature, self.options.enforce)
        results = list(self.stream(documents, summary, progress))
        return results, summary

    def stream(self, documents: Iterable[tuple[str, str] | tuple[str, str, TermList | None]], summary: Summary,
               progress: Callable[[Progress], None] | None = None,
               total: int | None = None) -> Iterator[DocumentResult]:
        """Yield each document's result as soon as its window is translated; documents are read lazily.

        A document given as (name, text, terms) has its own terms layered over the glossary."""
        state = Progress(documents_total=total, started=time.perf_counter())
        window: list[Prepared] = []
        size = 0
        try:
            for index, document in enumerate(documents):
                prepared = self.prepare_one(index, *document)
                window.append(prepared)
                size += len(prepared.units)
                state.documents_seen += 1
                state.sentences_seen += len(prepared.units)
                if progress:
                    progress(state)
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
        # Identical sentences needing the same renderings (bylines, boilerplate) are decoded once, and
        # counted as often as they occur, so that progress ends at the number of sentences.
        occurrences = Counter(u.key for u in units)
        todo = sorted({u.key: u for u in units if u.key not in outcomes}.values(), key=lambda u: len(u.pieces))
        chunk: list[Unit] = []
        tokens = 0
        state.sentences += sum(1 for u in units if u.key in cached)
        most = max(1, MAX_BATCH_HYPOTHESES // max(1, self.options.beam))
        for unit in todo:
            chunk.append(unit)
            tokens += len(unit.pieces) + 1
            if tokens >= self.options.max_batch_tokens or len(chunk) >= most:
                self._decode(chunk, outcomes, state, progress, occurrences)
                chunk, tokens = [], 0
        self._decode(chunk, outcomes, state, progress, occurrences)
        return outcomes, cached

    def _cached(self, units: list[Unit]) -> tuple[dict[str, Outcome], set[str]]:
        if self.cache is None:
            return {}, set()
        hits = {key: Outcome.from_dict(value) for key, value in self.cache.get_many([u.key for u in units]).items()}
        return hits, set(hits)

    def _decode(self, chunk: list[Unit], outcomes: dict[str, Outcome], state: Progress,
                progress: Callable[[Progress], None] | None, occurrences: Counter[str]) -> None:
        if not chunk:
            return
        done = decode(self.backend, chunk, self.options, self.avoid, self.own)
        outcomes.update(done)
        # Each batch is committed as soon as it is decoded: an interruption loses at most one batch.
        if self.cache is not None:
            self.cache.put_many({key: outcome.as_dict() for key, outcome in done.items()})
        state.sentences += sum(occurrences[u.key] for u in chunk)
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
    terms_field: str = "terms"


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
    OUTPUT or comes back as text for standard output; JSON Lines input gives one record per document. A
    directory is locked for the run (write.locked): a second run on it stops with one line."""
    sources = sources or plan(job)
    target = output_target(job, sources)
    summary = Summary(translator.signature, translator.options.enforce)
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
    with locked(target):
        todo = pending(target, translator.signature, job.fmt, sources.documents)
        written = Written(skipped=len(sources.documents) - len(todo), target=target)
        with open_manifest(target) as manifest:
            texts = ((d.id, d.text()) for d in todo)
            for doc, result in zip(todo, translator.stream(texts, summary, progress, total=len(todo))):
                write_document(manifest, target, doc, render(result, job.fmt, signature), translator.signature, job.fmt)
                written.files += 1
    return summary, written


def plan(job: Job) -> Sources:
    """The job's documents, checked before any model is loaded."""
    if job.fmt not in FORMATS:
        raise InputError(f"unknown output format {job.fmt!r}; choose one of {', '.join(FORMATS)}")
    sources = find_sources(job.source, job.recursive, job.from_list, job.jsonl, job.id_field, job.text_field,
                           job.terms_field)
    if sources.directory and not _is_stdout(job.output):
        sources = _without_outputs(job, sources, _directory_output(job))
    output_target(job, sources)
    return sources


def _is_stdout(output: Path | None) -> bool:
    return output is not None and str(output) == STDOUT


def _directory_output(job: Job) -> Path:
    return job.output or Path(f"{str(job.source).rstrip('/')}-en")


def _without_outputs(job: Job, sources: Sources, target: Path) -> Sources:
    """Sources less the files the manifest in target records as zhen's outputs: an output directory inside
    the input tree is not read as input on a rerun. A file there that zhen did not write is still an input."""
    ours = {path.resolve() for path in written_outputs(target)}
    if not ours:
        return sources
    documents = [d for d in sources.documents if d.path is None or d.path.resolve() not in ours]
    if not documents:
        raise InputError(f"{job.source}: holds no .txt files besides zhen's outputs in {target}")
    return replace(sources, documents=documents, inputs=[p for p in sources.inputs if p.resolve() not in ours])


def output_target(job: Job, sources: Sources) -> Path | None:
    """Where outputs go, refused if it would overwrite an input, and created writable before any work."""
    target: Path | None = job.output
    if _is_stdout(target):
        if sources.directory:
            raise UsageError("-o -: standard output takes one file's translation; a directory input needs an output directory")
        return None
    if sources.directory:
        if job.output is None and job.from_list is not None:
            raise InputError("--from-list needs -o OUTPUT_DIR")
        target = _directory_output(job)
    if target is None:
        return None
    guard_outputs(sources.inputs, target, sources.directory)
    ensure_writable(target, sources.directory)
    return target


def pending(target: Path, signature: str, fmt: str, documents: list[Document]) -> list[Document]:
    """The documents still to translate into target (every executor resumes the same way): all but those whose
    output's latest manifest record says it was written with this signature and format from the input as it is
    now. An older record with this signature never counts: the file holds what the latest record says."""
    latest = _latest_records(target)

    def done(doc: Document) -> bool:
        record = latest.get((doc.id, fmt))
        return (record is not None and not record.get("writing") and record.get("signature") == signature
                and record.get("input") == _stamp(doc.path) and (target / f"{doc.id}{SUFFIX[fmt]}").exists())

    return [d for d in documents if not done(d)]


def open_manifest(target: Path) -> TextIO:
    """The manifest opened to append records, each on a line of its own even after a kill cut the last one."""
    path = target / MANIFEST
    with path.open("ab+") as raw:
        end = raw.seek(0, os.SEEK_END)
        raw.seek(max(end - 1, 0))
        cut = end > 0 and raw.read(1) != b"\n"
    handle = path.open("a", encoding="utf-8")
    if cut:
        handle.write("\n")
    return handle


def write_document(manifest: TextIO, target: Path, doc: Document, text: str, signature: str, fmt: str) -> None:
    """Write one document's output into target and record it in the manifest. A record that it is being
    written comes first, so a run killed in between leaves the file known as zhen's and the document not done."""
    manifest.write(json.dumps({"id": doc.id, "format": fmt, "writing": True}) + "\n")
    manifest.flush()
    atomic_write(target / f"{doc.id}{SUFFIX[fmt]}", text)
    manifest.write(manifest_line(doc, signature, fmt))
    manifest.flush()


def manifest_line(doc: Document, signature: str, fmt: str) -> str:
    """The manifest's record that a document's output is written."""
    return json.dumps({"id": doc.id, "signature": signature, "format": fmt, "input": _stamp(doc.path)}) + "\n"


def written_outputs(target: Path) -> set[Path]:
    """The files in target that the manifest records zhen as having written (or writing)."""
    return {target / f"{doc_id}{SUFFIX[fmt]}" for doc_id, fmt in _latest_records(target) if fmt in SUFFIX}


def _stamp(path: Path | None) -> list[int]:
    # Size and modification time: a changed input is translated again on resume.
    if path is None:
        return []
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _latest_records(target: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The manifest's latest record for each output (document id and format): the one that says what the file holds."""
    path = target / MANIFEST
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    if not path.is_file():
        return latest
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by a kill: the document's "writing" record before it stays the latest
        if isinstance(record, dict) and "id" in record and "format" in record:
            latest[(str(record["id"]), str(record["format"]))] = record
    return latest


def _write_records(translator: Translator, sources: Sources, target: Path | None, summary: Summary,
                   signature: str | None, progress: Callable[[Progress], None] | None) -> Written:
    ids = [d.id for d in sources.documents]
    lines = (render_record(result, doc_id, signature)
             for doc_id, result in zip(ids, translator.stream(sources.requests(), summary, progress, total=len(ids))))
    if target is None:
        return Written(text="".join(lines))
    atomic_write_lines(target, lines)
    return Written(files=1, target=target)
