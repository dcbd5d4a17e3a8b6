"""Decoding and pipeline options: with the model and glossary they key the cache and the signature."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Options:
    """How to translate; fields that change speed but not output stay out of the signature."""

    beam: int = 4
    device: str = "cpu"
    threads: int = 0
    compute_type: str = "default"
    # Chosen by bench/bench_translate.py: 512 tokens is within a few per cent of the fastest batch size
    # on CPU and keeps peak memory near the model's own (631 MB against 1,482 MB at 4,096).
    max_batch_tokens: int = 512
    max_decoding_length: int = 256
    min_decoding_length: int = 0
    length_penalty: float = 0.2
    enforce: bool = True

    def signature(self) -> str:
        # Threads, device and batch size change speed, not output, so they stay out of the cache key.
        data = {k: v for k, v in asdict(self).items() if k not in ("threads", "device", "max_batch_tokens")}
        return json.dumps(data, sort_keys=True)
