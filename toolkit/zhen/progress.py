"""Progress on stderr: a bar redrawn in place on a terminal, a line every few seconds in logs and pipes."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from zhen.translate import Progress


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Reporter:
    """Called by the driver after each batch and each document; decides what to print and when."""

    def __init__(self, stream: TextIO | None = None, every: float = 5.0, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every = every
        self.last = time.monotonic()
        self.drawn = False

    def line(self, state: Progress) -> str:
        """Documents and sentences done, rate, and an ETA: from sentences once a document is prepared (its
        sentences are counted then, so a single large document has one), else from documents."""
        rate = state.rate()
        total = state.documents_total
        docs = f"{state.documents}/{total}" if total is not None else str(state.documents)
        expected = state.sentences_expected()
        # "~": documents not yet read are counted at the average so far.
        approx = "~" if total is not None and state.documents_seen < total else ""
        sentences = f"{state.sentences}/{approx}{expected}" if expected is not None else str(state.sentences)
        text = f"{docs} documents, {sentences} sentences, {rate:.1f} sentences/s"
        if expected is not None and state.sentences and rate > 0:
            text += f", ETA {_duration(max(expected - state.sentences, 0) / rate)}"
        elif total and state.documents:
            elapsed = time.perf_counter() - state.started
            text += f", ETA {_duration(elapsed / state.documents * (total - state.documents))}"
        return text

    def __call__(self, state: Progress) -> None:
        now = time.monotonic()
        if self.tty:
            self.stream.write(f"\rtranslating: {self.line(state)}\x1b[K")
            self.stream.flush()
            self.drawn = True
        elif now - self.last >= self.every:
            self.stream.write(f"translating: {self.line(state)}\n")
            self.stream.flush()
            self.last = now

    def close(self) -> None:
        """End a bar drawn in place, so the summary starts on its own line."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


class Ticker:
    """Progress of a long check, called with (characters done, characters in all): a line every few seconds
    (redrawn in place on a terminal), so short work prints nothing."""

    def __init__(self, label: str, stream: TextIO | None = None, every: float = 5.0, tty: bool | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every = every
        self.started = self.last = time.monotonic()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        share = f" ({100 * done // total} %)" if total else ""
        text = f"{self.label}: {done:,} of {total:,} characters{share}, {_duration(now - self.started)}"
        self.stream.write(f"\r{text}\x1b[K" if self.tty else text + "\n")
        self.stream.flush()
        self.drawn = self.tty

    def close(self) -> None:
        """End a line drawn in place, so the report starts on its own line."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
