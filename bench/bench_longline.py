"""Benchmark: a line without punctuation costs time linear in its length (issue: 48k characters took 24 s,
2 MB never finished). Prepares (segments, matches, tokenizes) unpunctuated lines up to 2 MB, and translates
lines of growing size with a tiny random model; prints seconds per 1,000 characters and the growth ratio."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import corpus_documents  # noqa: E402
from zhen.mt.ct2 import load_backend, load_tokenizer  # noqa: E402
from zhen.mt.models import install_model  # noqa: E402
from zhen.mt.options import Options  # noqa: E402
from zhen.mt.pipeline import prepare  # noqa: E402
from zhen.terms.glossary import load_glossary  # noqa: E402
from zhen.terms.match import matcher_for  # noqa: E402
from zhen.testmodel import build_package, train_sentencepiece  # noqa: E402
from zhen.translate import Translator  # noqa: E402


def unpunctuated(chars: int) -> str:
    """Corpus text with every punctuation mark and space removed, repeated to `chars` characters."""
    text = "".join(ch for _, doc in corpus_documents() for ch in doc if ch.isalnum())
    return (text * (chars // len(text) + 1))[:chars]


def main() -> None:
    glossary = load_glossary()
    with tempfile.TemporaryDirectory() as tmp:
        texts = [line for _, doc in corpus_documents() for line in doc.splitlines()] + [e.en for e in glossary]
        package = build_package(Path(tmp) / "m.argosmodel", train_sentencepiece(texts, Path(tmp) / "sp"))
        model = install_model(package, Path(tmp) / "pk")
        tokenizer, matcher = load_tokenizer(model), matcher_for(glossary)
        print("prepare (segment + match + tokenize) one unpunctuated line:")
        base = None
        for chars in (48_000, 480_000, 2_000_000 // 3):  # 2 MB of UTF-8 is ~667k Han characters
            line = unpunctuated(chars)
            started = time.perf_counter()
            prepared = prepare(0, "long", line, matcher, tokenizer, ("bench",))
            seconds = time.perf_counter() - started
            per_k = seconds / chars * 1000
            base = base or per_k
            longest = max(len(u.pieces) for u in prepared.units)
            print(f"  {chars:>9,} chars ({len(line.encode()):>9,} bytes)  {seconds:7.2f} s  {per_k * 1000:6.2f} ms/1k chars"
                  f"  ({per_k / base:.2f}× the 48k rate)  units: {len(prepared.units):,}, longest {longest} pieces")
        options = Options(beam=1, max_decoding_length=8, threads=2)
        translator = Translator(glossary, load_backend(model, options), options)
        print("translate one unpunctuated line (tiny random model, beam 1, max 8 target tokens per unit):")
        base = None
        for chars in (12_000, 24_000, 48_000):
            started = time.perf_counter()
            translator.run([("long", unpunctuated(chars))])
            seconds = time.perf_counter() - started
            per_k = seconds / chars * 1000
            base = base or per_k
            print(f"  {chars:>9,} chars  {seconds:7.2f} s  {per_k * 1000:6.2f} ms/1k chars  ({per_k / base:.2f}× the 12k rate)")
        print("linear: the per-character rate stays flat as the line grows (target: the ratio stays near 1×)")


if __name__ == "__main__":
    main()
