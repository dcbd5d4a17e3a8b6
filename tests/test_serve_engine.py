"""The batcher's choice of what to decode together: the oldest request first, then the smallest that fit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhen.mt.options import Options
from zhen.serve.engine import Batcher, QueueFull
from zhen.terms.glossary import Glossary

GLOSSARY = Glossary([])


def units(*lengths: int) -> list:
    # Job.tokens counts each unit's pieces plus its end of sentence.
    return [SimpleNamespace(pieces=["x"] * (n - 1), key=str(id(object()))) for n in lengths]


def batcher(tokens: int = 100, queue: int = 100) -> Batcher:
    return Batcher(backend=None, options=Options(max_batch_tokens=tokens), max_queue=queue)  # type: ignore[arg-type]


@pytest.mark.parametrize(("requests", "first", "second"), [
    # sizes in tokens, in arrival order → indexes in the first pass and the second
    ([[60], [50], [30], [10]], [0, 3, 2], [1]),
    ([[90], [20], [20], [5]], [0, 3], [1, 2]),
    ([[150], [10]], [0], [1]),
    ([[10, 10], [40, 40], [20]], [0, 2], [1]),
    ([[30], [30], [30], [30]], [0, 1, 2], [3]),
])
def test_a_pass_takes_the_oldest_then_the_smallest_that_fit(requests, first, second):
    engine = batcher()
    jobs = [engine.submit(GLOSSARY, units(*sizes)) for sizes in requests]
    passes = [engine._take(), engine._take()]
    assert [[jobs.index(job.future) for job in taken] for taken in passes] == [first, second]
    assert engine.queued == 0


def test_a_cancelled_request_is_dropped_from_its_pass():
    engine = batcher()
    kept, dropped = engine.submit(GLOSSARY, units(10)), engine.submit(GLOSSARY, units(10))
    dropped.cancel()
    assert [job.future for job in engine._take()] == [kept]


@pytest.mark.parametrize(("waiting", "size", "refused"), [(0, 500, False), (60, 40, False), (60, 41, True)])
def test_the_queue_bound_counts_sentences(waiting, size, refused):
    engine = batcher(queue=100)
    if waiting:
        engine.submit(GLOSSARY, units(*[1] * waiting))
    if refused:
        with pytest.raises(QueueFull, match=f"{waiting} sentences are waiting \\(limit 100\\)"):
            engine.submit(GLOSSARY, units(*[1] * size))
    else:
        engine.submit(GLOSSARY, units(*[1] * size))
