"""`python paused_run.py MARKER zhen-args…`: zhen's CLI, paused right after its first batch is committed.

Interruption tests synchronize on this event, which happens in every run however fast the machine is:
the progress callback, called after each batch is decoded and committed to the cache, creates MARKER
and then waits, so a signal sent once MARKER exists always arrives mid-run with work saved and left."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from zhen import progress

marker = Path(sys.argv.pop(1))
# A shell starts background jobs with SIGINT ignored, and Python then keeps it ignored; a person pressing
# Ctrl-C at a terminal gets Python's default handler, which is what the tests send the signal to.
signal.signal(signal.SIGINT, signal.default_int_handler)
report = progress.Reporter.__call__


def report_then_wait(self: progress.Reporter, state: progress.Progress) -> None:
    report(self, state)
    if state.sentences and not marker.exists():
        marker.write_text(str(state.sentences), encoding="utf-8")
        time.sleep(120)


progress.Reporter.__call__ = report_then_wait  # type: ignore[method-assign]

from zhen.cli import main  # noqa: E402  (after the patch, as the CLI imports the reporter lazily)

sys.argv[0] = "zhen"
main()
