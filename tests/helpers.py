"""Helpers shared by tests: paths, corpus documents, and a small in-memory backend for pipeline tests."""

from __future__ import annotations

from pathlib import Path

from zhen.mt.backend import Backend, Decoder, Hypothesis, Tokenizer
from zhen.terms.glossary import Glossary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_MODEL = ROOT.parent / "shared" / "models" / "argos-zh_en-1_9-noweights"


def without(glossary: Glossary, query: str) -> Glossary:
    """The glossary less every entry that has query as a Chinese form or an English rendering: a name
    the glossary does not know, whatever data the bundled glossary gains."""
    folded = query.casefold()
    return Glossary([e for e in glossary if query not in e.forms
                     and folded not in {t.casefold() for t in (*e.renderings, *e.admitted)}])


def corpus_documents() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


class CharTokenizer(Tokenizer):
    """One piece per character; English is split into words, each starting with ▁."""

    def encode(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        return list(text), [(i, i + 1) for i in range(len(text))]

    def encode_target(self, text: str) -> list[str]:
        return ["▁" + word for word in text.split()]

    def signature(self) -> str:
        return "chars"


class EchoDecoder(Decoder):
    """'Translates' each character to ▁<character>, keeps any prefix, and attends to the source one to one.

    It knows a few renderings by heart (a dictionary of Chinese → English words), so tests can have a
    model that produces a term by itself or not."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = known or {}
        self.calls: list[int] = []

    def translate(self, sources: list[list[str]], prefixes: list[list[str]] | None = None,
                  attention: bool = False, suppress: list[list[str]] | None = None) -> list[Hypothesis]:
        self.calls.append(len(sources))
        out = []
        for index, source in enumerate(sources):
            text = "".join(source)
            tokens, rows = [], []
            i = 0
            while i < len(text):
                word = next((zh for zh in self.known if text.startswith(zh, i)), None)
                if word:
                    for en in self.known[word].split():
                        tokens.append("▁" + en)
                        rows.append([1.0 if i <= j < i + len(word) else 0.0 for j in range(len(source))])
                    i += len(word)
                else:
                    tokens.append("▁" + text[i])
                    rows.append([1.0 if j == i else 0.0 for j in range(len(source))])
                    i += 1
            prefix = prefixes[index] if prefixes else []
            if prefix:
                tokens = prefix + tokens[len(prefix):]
                rows = rows + [[0.0] * len(source)] * max(0, len(tokens) - len(rows))
            out.append(Hypothesis(tokens, rows[: len(tokens)] if attention else None))
        return out

    def signature(self) -> str:
        return "model echo"


def echo_backend(known: dict[str, str] | None = None) -> Backend:
    return Backend(CharTokenizer(), EchoDecoder(known), "echo")
