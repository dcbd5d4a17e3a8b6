"""The CTranslate2 backend: SentencePiece tokenizers and a batched decoder for Argos, OPUS-MT, NLLB and M2M-100 models."""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from zhen.errors import ModelError
from zhen.mt.backend import Backend, Decoder, Hypothesis, Tokenizer
from zhen.mt.models import ModelInfo, weights_digest
from zhen.mt.options import Options

# Language tokens of the multilingual families: (source token, target token).
LANGUAGE_TOKENS = {"nllb": ("zho_Hans", "eng_Latn"), "m2m100": ("__zh__", "__en__")}


class SentencePieceTokenizer(Tokenizer):
    """SentencePiece for source and target: one shared model (Argos, NLLB, M2M-100) or two (OPUS-MT)."""

    def __init__(self, source_model: Path, target_model: Path | None = None, extra_special: frozenset[str] = frozenset()) -> None:
        import sentencepiece

        self.paths = (source_model, target_model or source_model)
        self.source_sp = sentencepiece.SentencePieceProcessor(model_file=str(source_model))
        self.target_sp = (sentencepiece.SentencePieceProcessor(model_file=str(target_model))
                          if target_model and target_model != source_model else self.source_sp)
        self.special = Tokenizer.special | extra_special

    def encode(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        proto = self.source_sp.encode(text, return_type="proto")
        data = text.encode("utf-8")
        # SentencePiece reports byte offsets; the pipeline works in characters.
        char_at = {}
        chars = 0
        for index in range(len(data) + 1):
            if index == len(data) or (data[index] & 0xC0) != 0x80:
                char_at[index] = chars
                chars += 1
        pieces, spans = [], []
        unknown = self.source_sp.unk_id()
        for piece in proto.pieces:
            # A character outside the vocabulary comes back as itself with the unknown id; the model
            # only knows it as <unk>.
            pieces.append(self.source_sp.id_to_piece(unknown) if piece.id == unknown else piece.piece)
            spans.append((char_at.get(piece.begin, 0), char_at.get(piece.end, chars - 1)))
        return pieces, spans

    def count(self, text: str) -> int:
        return len(self.source_sp.encode(text))

    def encode_target(self, text: str) -> list[str]:
        # A forced rendering is written literally into the English; its prefix pieces only need to be
        # valid, so characters the target vocabulary lacks become <unk>.
        sp = self.target_sp
        return [sp.id_to_piece(i) for i in sp.encode(text)]

    def signature(self) -> str:
        names = {p.name for p in self.paths}
        return "sentencepiece " + "+".join(sorted(names))


class CTranslate2Decoder(Decoder):
    """A loaded CTranslate2 translator; sorts by length and batches by tokens itself."""

    def __init__(self, model: ModelInfo, options: Options) -> None:
        import ctranslate2

        self.model, self.options = model, options
        try:
            self.translator = ctranslate2.Translator(
                str(model.model_dir), device=options.device, compute_type=options.compute_type,
                # CTranslate2's default of 4 threads oversubscribes small machines; use the cores there are.
                intra_threads=options.threads or min(4, os.cpu_count() or 1),
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"{model.model_dir}: cannot load the CTranslate2 model ({exc})") from None

    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        if not sources:
            return []
        o = self.options
        pending = self.translator.translate_batch(
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
            # Decoding runs in CTranslate2's threads while Python waits here in short sleeps, so Ctrl-C
            # is handled within a moment instead of after the whole batch.
            asynchronous=True,
        )
        for job in pending:
            while not job.done():
                time.sleep(0.02)
        hyps = [Hypothesis(r.hypotheses[0], r.attention[0] if attention else None) for r in (job.result() for job in pending)]
        release_freed_memory()
        return hyps

    def translate_alone(self, source: list[str], prefix: list[str] | None = None) -> Hypothesis:
        # Bounded by the source's length: a name alone needs a few words, and a model that does not stop
        # (a random one) must not cost a whole sentence's decoding per name. The run's beam, so the name
        # comes out as the sentence's own search would write it.
        bound = min(self.options.max_decoding_length, len(prefix or ()) + 2 * len(source) + 4)
        [result] = self.translator.translate_batch([source], target_prefix=[prefix] if prefix else None,
                                                   beam_size=self.options.beam, max_decoding_length=bound,
                                                   replace_unknowns=True)
        return Hypothesis(result.hypotheses[0], None)

    def signature(self) -> str:
        return decoder_signature(self.model)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    # glibc's, looked up among the symbols the process already has; musl and macOS have none.
    return getattr(ctypes.CDLL(None), "malloc_trim", None)


def release_freed_memory() -> None:
    """Give the memory a finished batch freed back to the system.

    CTranslate2's CPU working memory (beam states, attention caches, logits over the vocabulary: about
    14 MB a sentence at beam 4) is freed after each batch, but glibc keeps the freed pages in the
    arenas of the threads that used them, so the resident set climbs batch after batch to well above
    what one batch needs (bench/bench_memory.py). malloc_trim(0) returns them; it takes a few
    milliseconds against the batch's seconds."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def decoder_signature(model: ModelInfo) -> str:
    """What CTranslate2Decoder(model).signature() says, without loading the weights (the Ray driver signs runs with it).

    A demo model is named as one, so that no output of it passes for a translation."""
    demo = " DEMO (random weights)" if model.demo else ""
    return f"model {model.name} {model.version}{demo} {weights_digest(model.model_dir / 'model.bin')}"


def load_tokenizer(model: ModelInfo) -> SentencePieceTokenizer:
    """The model's tokenizer alone, without loading weights (segmentation needs only this)."""
    source, target = model.tokenizer_files
    extra = frozenset(LANGUAGE_TOKENS.get(model.family, ()))
    return SentencePieceTokenizer(source, target, extra)


def load_backend(model: ModelInfo, options: Options) -> Backend:
    """Tokenizer and loaded decoder for a model of any supported family."""
    tokenizer = load_tokenizer(model)
    decoder = CTranslate2Decoder(model, options)
    if model.family in LANGUAGE_TOKENS:
        src, tgt = LANGUAGE_TOKENS[model.family]
        return Backend(tokenizer, decoder, model.family, [src], ["</s>"], [tgt])
    return Backend(tokenizer, decoder, model.family)
