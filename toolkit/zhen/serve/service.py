"""What every API of the server calls to translate: texts prepared, queued to the batcher, assembled; per-request terms."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from zhen.mt.backend import Backend
from zhen.mt.options import Options
from zhen.mt.pipeline import DocumentResult, Prepared, assemble, prepare
from zhen.render import render, render_record
from zhen.serve.engine import Batcher
from zhen.terms.glossary import Glossary
from zhen.terms.layer import Conflict, layer
from zhen.terms.match import TermMatcher, matcher_for
from zhen.translate import Translator

# How often a waiting request checks whether its client is still there.
DISCONNECT_POLL = 0.5
# Matchers kept for recent glossaries (the house one and per-request layers); building one takes ~40 ms.
PROFILES = 32


class ClientGone(Exception):
    """The client disconnected before its translation was done."""


class RequestTimeout(Exception):
    """A request's sentences were not translated within the per-request timeout."""


@dataclass(frozen=True)
class Limits:
    """The bounds on one request (the queue's is the batcher's)."""

    max_chars: int = 20000
    max_body: int = 1_000_000
    timeout: float = 60.0
    max_terms: int = 1000


@dataclass
class Profile:
    """A glossary with what preparing text for it needs, built once."""

    glossary: Glossary
    matcher: TermMatcher
    run_key: tuple[str, ...]
    signature: str
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class Usage:
    """Characters translated since start (DeepL's /v2/usage)."""

    characters: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, count: int) -> None:
        with self.lock:
            self.characters += count


class Service:
    """The loaded model, the house glossary and the batcher, shared by every request."""

    def __init__(self, glossary: Glossary, backend: Backend, options: Options, batcher: Batcher, limits: Limits) -> None:
        self.glossary, self.backend, self.options, self.batcher, self.limits = glossary, backend, options, batcher, limits
        self._profiles: OrderedDict[str, Profile] = OrderedDict()
        self._lock = threading.Lock()
        self.usage = Usage()
        self.house = self._build(glossary, matcher_for(glossary), [])

    def _profile(self, key: str, build: Callable[[], Profile]) -> Profile:
        with self._lock:
            found = self._profiles.pop(key, None)
        found = found or build()
        with self._lock:
            self._profiles[key] = found
            while len(self._profiles) > PROFILES:
                self._profiles.popitem(last=False)
        return found

    def _build(self, glossary: Glossary, matcher: TermMatcher, conflicts: list[Conflict]) -> Profile:
        keys = Translator(glossary, self.backend, self.options)
        return Profile(glossary, matcher, keys.run_key, keys.signature, conflicts)

    def with_terms(self, pairs: list[tuple[str, str]]) -> Profile:
        """The house glossary with a request's own terms over it, for that request only; its glossary's
        signature (in every cache key and the result's signature) holds the request's terms."""
        if not pairs:
            return self.house
        layered = layer(self.glossary, pairs)
        return self._profile(layered.signature, lambda: self._build(layered.glossary, layered.matcher, layered.conflicts))

    def _prepare(self, texts: list[str], profile: Profile) -> list[Prepared]:
        tokenizer = self.backend.tokenizer
        return [prepare(i, str(i), text, profile.matcher, tokenizer, profile.run_key) for i, text in enumerate(texts)]

    async def translate(self, texts: list[str], profile: Profile,
                        gone: Callable[[], Awaitable[bool]] | None = None) -> list[DocumentResult]:
        """Each text translated as one document; its sentences share decode batches with other requests'.

        `gone` says whether the client has disconnected: its sentences still queued are then dropped.
        Raises QueueFull when too much is waiting, RequestTimeout past the per-request timeout,
        ClientGone when the client left."""
        prepared = await run_in_threadpool(self._prepare, texts, profile)
        future = self.batcher.submit(profile.glossary, [u for p in prepared for u in p.units])
        waiting = asyncio.wrap_future(future)
        deadline = time.monotonic() + self.limits.timeout
        # Cancelling the wrapper cancels the job too, so a request that gave up is never decoded.
        while not waiting.done():
            left = deadline - time.monotonic()
            if left <= 0:
                waiting.cancel()
                raise RequestTimeout(f"not translated within {self.limits.timeout:g} s; retry later")
            await asyncio.wait({waiting}, timeout=min(left, DISCONNECT_POLL))
            if not waiting.done() and gone is not None and await gone():
                waiting.cancel()
                raise ClientGone("the client disconnected")
        outcomes = waiting.result()
        self.usage.add(sum(len(t) for t in texts))
        return [assemble(p, outcomes) for p in prepared]


def over(stored: tuple[tuple[str, str], ...], own: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A stored glossary's pairs with a request's own on top: the request's English wins for its Chinese."""
    mine = {zh for zh, _ in own}
    return [pair for pair in stored if pair[0] not in mine] + own


def english(result: DocumentResult) -> str:
    """A translated document as plain text, paragraph by paragraph (no signature)."""
    return "\n".join(result.english(p) for p in result.paragraphs)


def record(result: DocumentResult, signature: str) -> dict:
    """zhen's JSON for one translated text: the jsonl record of `zhen translate`, with its sentences."""
    data = json.loads(render_record(result, result.name, signature))
    data["sentences"] = [json.loads(line) for line in render(result, "jsonl", None).splitlines()]
    return data
