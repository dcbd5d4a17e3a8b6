"""Dynamic batching: sentences of concurrent requests share decode batches on one worker thread that owns the cache."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from zhen.mt.backend import Backend
from zhen.mt.cache import Cache
from zhen.mt.options import Options
from zhen.mt.pipeline import Outcome, Unit
from zhen.terms.glossary import Glossary
from zhen.translate import Translator

# Translators kept per glossary (the house one and recent per-request layers): each holds its avoid list.
TRANSLATORS = 32


class QueueFull(Exception):
    """More sentences are waiting than the server accepts; the client should retry later."""


@dataclass
class Job:
    """One request's sentences, waiting for one worker pass."""

    glossary: Glossary
    units: list[Unit]
    future: Future = field(default_factory=Future)

    @property
    def tokens(self) -> int:
        return sum(len(u.pieces) + 1 for u in self.units)


class Batcher:
    """One queue, one worker: each pass takes waiting requests up to `batch_tokens` and decodes their
    sentences together, grouped by glossary (each glossary bans its own avoid-renderings), through the
    same Translator.translate_units as the local driver, so batching never changes a sentence's English."""

    def __init__(self, backend: Backend, options: Options, max_queue: int,
                 open_cache: Callable[[], Cache | None] = lambda: None) -> None:
        self.backend, self.options, self.max_queue = backend, options, max_queue
        self._open_cache = open_cache
        self._jobs: deque[Job] = deque()
        self._queued = 0
        self._lock = threading.Condition()
        self._stopping = False
        self._translators: OrderedDict[str, Translator] = OrderedDict()
        self._thread = threading.Thread(target=self._run, name="zhen-batcher", daemon=True)
        self.passes = 0
        self.largest_pass = 0
        # Sentences in the pass the worker is decoding now.
        self.active = 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Finish what is queued, then end the worker."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._thread.join()

    @property
    def queued(self) -> int:
        """Sentences waiting for the worker."""
        return self._queued

    def submit(self, glossary: Glossary, units: list[Unit]) -> Future:
        """Queue a request's units; the future gives their outcomes by key. Raises QueueFull."""
        job = Job(glossary, units)
        if not units:
            job.future.set_result({})
            return job.future
        with self._lock:
            if self._stopping:
                raise QueueFull("the server is shutting down")
            if self._queued and self._queued + len(units) > self.max_queue:
                raise QueueFull(f"{self._queued} sentences are waiting (limit {self.max_queue})")
            self._jobs.append(job)
            self._queued += len(units)
            self._lock.notify()
        return job.future

    def _take(self) -> list[Job] | None:
        """The next pass: the oldest waiting request, then the smallest others that fit in the batch.

        The oldest always goes first, so nothing waits forever; filling up with the smallest lets a
        one-sentence request overtake long documents and answer within about one batch under load."""
        with self._lock:
            while not self._jobs and not self._stopping:
                self._lock.wait()
            if not self._jobs:
                return None
            waiting = [self._jobs.popleft()]
            budget = self.options.max_batch_tokens - waiting[0].tokens
            for job in sorted(self._jobs, key=lambda j: j.tokens):
                if job.tokens > budget:
                    break
                waiting.append(job)
                budget -= job.tokens
            for job in waiting[1:]:
                self._jobs.remove(job)
            self._queued -= sum(len(job.units) for job in waiting)
            # A request whose client gave up (timeout, disconnect) is dropped before any work.
            return [job for job in waiting if job.future.set_running_or_notify_cancel()]

    def _run(self) -> None:
        cache = self._open_cache()
        try:
            while (jobs := self._take()) is not None:
                if jobs:
                    self._pass(jobs, cache)
        finally:
            if cache is not None:
                cache.close()

    def _pass(self, jobs: list[Job], cache: Cache | None) -> None:
        groups: dict[str, list[Job]] = {}
        for job in jobs:
            groups.setdefault(job.glossary.signature, []).append(job)
        self.passes += 1
        self.active = sum(len(j.units) for j in jobs)
        self.largest_pass = max(self.largest_pass, self.active)
        try:
            for group in groups.values():
                self._group(group, cache)
        finally:
            self.active = 0

    def _group(self, group: list[Job], cache: Cache | None) -> None:
        try:
            translator = self._translator(group[0].glossary, cache)
            outcomes, _ = translator.translate_units([u for job in group for u in job.units])
        except Exception as exc:  # noqa: BLE001 — handed to every waiting request, which reports it
            for job in group:
                job.future.set_exception(exc)
            return
        for job in group:
            job.future.set_result({u.key: outcomes[u.key] for u in job.units})

    def _translator(self, glossary: Glossary, cache: Cache | None) -> Translator:
        translator = self._translators.pop(glossary.signature, None)
        if translator is None:
            translator = Translator(glossary, self.backend, self.options, cache)
        self._translators[glossary.signature] = translator
        while len(self._translators) > TRANSLATORS:
            self._translators.popitem(last=False)
        return translator


def outcomes_for(future: Future, timeout: float) -> dict[str, Outcome]:
    """Block for a job's outcomes (raises TimeoutError after `timeout` seconds, cancelling the job if still queued)."""
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()
        raise
