"""Benchmark: a line without punctuation costs time linear in its length (issue: 48k characters took 24 s,
2 MB never finished). Prepares (segments, matches, tokenizes) unpunctuated lines up to 2 MB, and translates
lines of growing size with a tiny random model; prints seconds per 1,000 characters and the growth ratio.

`bench_longline.py checks [translation|corpus] [KB ...]` times `check translation` and `check corpus` on one line of corpus
sentences (no line breaks) and its English counterpart, 125/250/500/5,000 KB by default (issue 16 item 18:
125/250/500 KB took 8.6/31/119 s, 5 MB never finished)."""

from __future__ import annotations

import math
import re
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


def sentence_pairs(matcher) -> list[tuple[str, str]]:
    """Each corpus sentence and an English counterpart: its glossary names' English and its Arabic numbers."""
    pairs = []
    for _, doc in corpus_documents():
        for sentence in re.findall(r"[^。！？\n]+[。！？]?", doc):
            if sentence.strip():
                names = [m.entry.en for m in matcher.find(sentence)]
                english = " ".join(names + re.findall(r"\d+(?:\.\d+)?", sentence))
                pairs.append((sentence.strip(), f"The {english} said."))
    return pairs


def long_line(pairs: list[tuple[str, str]], size: int) -> tuple[str, str]:
    """Sentences in order, repeated, until the Chinese holds `size` bytes of UTF-8: one line on each side."""
    zh: list[str] = []
    en: list[str] = []
    total = 0
    while total < size:
        source, target = pairs[len(zh) % len(pairs)]
        zh.append(source)
        en.append(target)
        total += len(source.encode())
    return "".join(zh), " ".join(en)


def checks(sizes_kb: list[int], only: str = "") -> None:
    from zhen.check.corpus import check_corpus
    from zhen.check.translation import check_translation, read_segments

    glossary = load_glossary()
    pairs = sentence_pairs(matcher_for(glossary))
    runs = {"check translation": lambda zh, en: check_translation(read_segments(zh, en), glossary),
            "check corpus": lambda zh, en: check_corpus([zh], glossary)}
    runs = {name: run for name, run in runs.items() if name.endswith(only)}
    with tempfile.TemporaryDirectory() as tmp:
        zh_file, en_file = Path(tmp) / "zh.txt", Path(tmp) / "en.txt"

        def write(size: int) -> int:
            zh, en = long_line(pairs, size)
            zh_file.write_text(zh + "\n", encoding="utf-8")
            en_file.write_text(en + "\n", encoding="utf-8")
            return len(zh)

        write(2_000)
        for name, run in runs.items():  # loads the segmenter, tagger and dictionaries once, outside the timings
            started = time.perf_counter()
            run(zh_file, en_file)
            print(f"{name}: first run on 2 KB (loading) {time.perf_counter() - started:.1f} s")
        for name, run in runs.items():
            print(f"{name}: one line, its English one line")
            before: tuple[int, float] | None = None
            for kb in sizes_kb:
                chars = write(kb * 1000)
                wall, cpu = time.perf_counter(), time.process_time()
                findings = run(zh_file, en_file)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                growth = ""
                if before is not None:
                    doublings = math.log2(kb / before[0])
                    growth = f"  ×{(cpu / before[1]) ** (1 / doublings):.2f} per doubling (CPU)"
                print(f"  {kb:>6,} KB ({chars:>9,} chars)  {wall:7.1f} s wall  {cpu:7.1f} s CPU  "
                      f"{len(findings[0] if isinstance(findings, tuple) else findings):>4} findings{growth}")
                before = (kb, cpu)
    print("linear: ×2.00 per doubling; the issue measured ×3.6–3.8 (125/250/500 KB: 8.6/31/119 s)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["checks"]:
        # checks [translation|corpus] [KB ...]: one check alone, e.g. on an older checkout's toolkit/ (PYTHONPATH)
        only = sys.argv[2] if sys.argv[2:3] in (["translation"], ["corpus"]) else ""
        checks([int(kb) for kb in sys.argv[2 + bool(only):]] or [125, 250, 500, 5_000], only)
    else:
        main()
