"""Tune and held-out halves of the dev sets, by document where documents are marked, drawn by a fixed seed.

Rules and glossary are changed while looking only at the tune half; the held-out half's figures are the
ones that count, and a large gap between the halves means a change learned examples, not the language.
FLORES-200 devtest marks its documents (one URL per segment in metadata_devtest.tsv), so whole articles
fall in one half; newstest2019 zh-en as shipped here is plain aligned lines without document marks, so
its segments are split one by one.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = 2026
HALVES = ("tune", "heldout")
FLORES_METADATA = "flores200-devtest/metadata_devtest.tsv"


def documents(eval_dir: Path, name: str, count: int) -> list[str]:
    """The document of each segment (1-based line n ↔ item n-1); a segment is its own document when unmarked."""
    if name.startswith("flores"):
        rows = (eval_dir / FLORES_METADATA).read_text(encoding="utf-8").splitlines()[1:]
        urls = [row.split("\t")[0] for row in rows]
        if len(urls) != count:
            raise SystemExit(f"{FLORES_METADATA}: {len(urls)} rows for {count} segments")
        return urls
    return [str(n) for n in range(1, count + 1)]


def split(eval_dir: Path, name: str, count: int) -> dict[int, str]:
    """line (1-based) → 'tune' or 'heldout': documents in first-seen order, shuffled by SEED, first half tune."""
    docs = documents(eval_dir, name, count)
    order = list(dict.fromkeys(docs))
    random.Random(SEED).shuffle(order)
    tune = set(order[: len(order) // 2])
    return {n: ("tune" if doc in tune else "heldout") for n, doc in enumerate(docs, start=1)}


def chosen(half: str) -> tuple[str, ...]:
    """The halves a --half option names: tune, heldout, or both."""
    return HALVES if half == "both" else (half,)
