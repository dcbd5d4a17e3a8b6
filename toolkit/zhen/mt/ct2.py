"""The MT engine: an installed Argos zh→en package driven directly through SentencePiece and CTranslate2."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

from zhen.mt.models import ModelInfo

PAD_TOKENS = ("<unk>", "<s>", "</s>", "<pad>")


@dataclass(frozen=True)
class Options:
    """Decoding options; together with the model and glossary they key the cache and the signature."""

    beam: int = 4
    device: str = "cpu"
    threads: int = 0
    compute_type: str = "default"
    max_batch_tokens: int = 4096
    max_decoding_length: int = 256
    min_decoding_length: int = 0
    length_penalty: float = 0.2
    enforce: bool = True

    def signature(self) -> str:
        # Threads and device change speed, not output, so they stay out of the cache key.
        data = {k: v for k, v in asdict(self).items() if k not in ("threads", "device", "max_batch_tokens")}
        return json.dumps(data, sort_keys=True)


@dataclass
class Hypothesis:
    """Best output of one sentence: target pieces and, when asked, attention over source pieces."""

    tokens: list[str]
    attention: list[list[float]] | None = None


def detokenize(tokens: list[str]) -> str:
    """Join SentencePiece pieces; compositional, so detokenize(a + b) == detokenize(a) + detokenize(b)."""
    return "".join(t for t in tokens if t not in PAD_TOKENS).replace("▁", " ")


class Engine:
    """Loads the package once; translates batches of pre-tokenized sentences."""

    def __init__(self, model: ModelInfo, options: Options) -> None:
        import ctranslate2
        import sentencepiece

        self.model, self.options = model, options
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        self.translator = ctranslate2.Translator(
            str(model.path / "model"), device=options.device, compute_type=options.compute_type,
            # CTranslate2's default of 4 threads oversubscribes small machines; use the cores there are.
            intra_threads=options.threads or min(4, os.cpu_count() or 1),
        )

    def encode(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Source pieces and, for each, its [start, end) character span in text."""
        proto = self.sp.encode(text, return_type="proto")
        data = text.encode("utf-8")
        spans, pieces = [], []
        for piece in proto.pieces:
            start = len(data[: piece.begin].decode("utf-8", "ignore"))
            end = len(data[: piece.end].decode("utf-8", "ignore"))
            pieces.append(piece.piece)
            spans.append((start, end))
        return pieces, spans

    def count(self, text: str) -> int:
        """Number of source pieces of text (the model's input length, without EOS)."""
        return len(self.sp.encode(text))

    def encode_target(self, text: str) -> list[str]:
        """Target pieces for a glossary rendering, as a word start (leading ▁)."""
        return self.sp.encode(text, out_type=str)

    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        """Best hypothesis per source, in input order; CTranslate2 sorts by length and batches by tokens."""
        if not sources:
            return []
        o = self.options
        results = self.translator.translate_batch(
            sources,
            target_prefix=prefixes,
            max_batch_size=o.max_batch_tokens,
            batch_type="tokens",
            beam_size=o.beam,
            length_penalty=o.length_penalty,
            # The bound includes any prefix, so a repaired sentence is no longer than an unrepaired one.
            max_decoding_length=o.max_decoding_length,
            min_decoding_length=o.min_decoding_length,
            return_attention=attention,
            replace_unknowns=True,
            suppress_sequences=suppress or None,
        )
        return [Hypothesis(r.hypotheses[0], r.attention[0] if attention else None) for r in results]
