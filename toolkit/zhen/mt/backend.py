"""The engine seam: abstract tokenizer and decoder, and the Backend that pairs them for the pipeline."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass
class Hypothesis:
    """Best output of one sentence: target pieces and, when asked, attention over source pieces."""

    tokens: list[str]
    attention: list[list[float]] | None = None


class Tokenizer(ABC):
    """Source and target tokenization of one model; pieces are the model's vocabulary strings."""

    #: Pieces that never reach the English (padding, sentence marks, language tokens).
    special: frozenset[str] = frozenset({"<unk>", "<s>", "</s>", "<pad>"})

    @abstractmethod
    def encode(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Source pieces of text and, for each, its [start, end) character span in text."""

    def count(self, text: str) -> int:
        """Number of source pieces of text (the model's input length before any added tokens)."""
        return len(self.encode(text)[0])

    @abstractmethod
    def encode_target(self, text: str) -> list[str]:
        """Target pieces for an English rendering, as the start of a word."""

    def detokenize(self, tokens: list[str]) -> str:
        """Target pieces to text; compositional, so detokenize(a + b) == detokenize(a) + detokenize(b)."""
        return "".join(t for t in tokens if t not in self.special).replace("▁", " ")

    @abstractmethod
    def signature(self) -> str:
        """What identifies this tokenization in results and caches."""


class Decoder(ABC):
    """Batched decoding of pre-tokenized sources, with optional target prefixes, attention and bans."""

    #: Whether translate() honours target prefixes (prefix repair needs them).
    supports_prefix: bool = True
    #: Whether translate() can return attention over source pieces (alignment for repair).
    supports_attention: bool = True

    @abstractmethod
    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        """Best hypothesis per source, in input order."""

    @abstractmethod
    def signature(self) -> str:
        """Model identity and digest plus the decoding options that change the output."""

    def translate_alone(self, source: list[str], prefix: list[str] | None = None) -> Hypothesis:
        """One short source (a name) decoded in a batch of its own: what the model makes of it, to find
        where a sentence has that, never English to keep. A decoder may bound its length."""
        [hyp] = self.translate([source], [prefix] if prefix else None)
        return hyp


@dataclass
class Backend:
    """A tokenizer and a decoder, plus the tokens a multilingual model needs around each sentence.

    NLLB-200 and M2M-100 take a source-language token before the pieces (and EOS after) and start
    the target with a target-language token; the pipeline adds them here and nowhere else, so the
    language token never reaches the English and repairs place terms after it."""

    tokenizer: Tokenizer
    decoder: Decoder
    family: str = "argos"
    source_prefix: list[str] = field(default_factory=list)
    source_suffix: list[str] = field(default_factory=list)
    target_prefix: list[str] = field(default_factory=list)

    def source(self, pieces: list[str]) -> list[str]:
        """The model input for a sentence's pieces."""
        return [*self.source_prefix, *pieces, *self.source_suffix]

    def source_offset(self) -> int:
        """Index in the model input (and so in attention rows) of the sentence's first piece."""
        return len(self.source_prefix)

    def translate(self, pieces: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        """Decode sentences given as pieces; hypotheses come back without the target-language token,
        and attention columns are re-indexed to the sentence's own pieces."""
        if not pieces:
            return []
        lead = self.target_prefix
        full = [[*lead, *p] for p in prefixes] if prefixes is not None else ([list(lead) for _ in pieces] if lead else None)
        hyps = self.decoder.translate([self.source(p) for p in pieces], full, attention, suppress)
        offset = self.source_offset()
        out = []
        for hyp in hyps:
            tokens = hyp.tokens[len(lead):] if lead and hyp.tokens[: len(lead)] == lead else hyp.tokens
            att = hyp.attention
            if att is not None:
                att = [row[offset:] for row in att[len(hyp.tokens) - len(tokens):]]
            out.append(Hypothesis(tokens, att))
        return out

    def translate_alone(self, pieces: list[str]) -> Hypothesis:
        """What the model makes of a short source alone (Decoder.translate_alone), without the
        target-language token."""
        lead = self.target_prefix
        hyp = self.decoder.translate_alone(self.source(pieces), list(lead) if lead else None)
        tokens = hyp.tokens[len(lead):] if lead and hyp.tokens[: len(lead)] == lead else hyp.tokens
        return Hypothesis(tokens, None)

    def signature(self) -> str:
        return f"{self.decoder.signature()} | tokenizer {self.tokenizer.signature()}"
