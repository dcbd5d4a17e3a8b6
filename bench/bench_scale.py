"""Benchmark: streaming translation of 50, 500 and 5,000 documents — time should grow linearly, peak memory stay flat.

Documents are made of corpus sentences drawn at random (seeded), ten to a document; a small random
test model translates them (beam 1, at most 8 target tokens a sentence, no cache) through the same
driver as `zhen translate DIR -o OUT`. Each size runs in its own process, so its peak RSS is its own."""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SIZES = (50, 500, 5000)


def make_corpus(folder: Path, documents: int) -> None:
    from helpers import corpus_documents
    from zhen.text.segment import split_sentences

    sentences = [s.source for _, text in corpus_documents() for line in text.splitlines() for s in split_sentences(line)]
    rng = random.Random(documents)
    folder.mkdir(parents=True)
    for n in range(documents):
        (folder / f"doc{n:05d}.txt").write_text("\n".join(rng.sample(sentences, 10)) + "\n", encoding="utf-8")


def worker(source: Path, output: Path, packages: Path) -> dict:
    from zhen.mt.ct2 import load_backend
    from zhen.mt.models import find_model
    from zhen.mt.options import Options
    from zhen.terms.glossary import load_glossary
    from zhen.translate import Job, Translator, translate_path

    options = Options(beam=1, max_decoding_length=8, threads=2)
    translator = Translator(load_glossary(), load_backend(find_model(packages), options), options)
    started = time.perf_counter()
    summary, written = translate_path(Job(str(source), output), translator)
    return {"seconds": time.perf_counter() - started, "documents": written.files, "sentences": summary.sentences,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return 0
    from helpers import corpus_documents
    from zhen.mt.models import install_model
    from zhen.terms.glossary import load_glossary
    from zhen.testmodel import build_package, train_sentencepiece

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = [line for _, doc in corpus_documents() for line in doc.splitlines()] + [e.en for e in load_glossary()]
        install_model(build_package(root / "m.argosmodel", train_sentencepiece(texts, root / "sp")), root / "packages")
        rows = []
        for size in SIZES:
            make_corpus(root / f"c{size}", size)
            out = subprocess.run([sys.executable, __file__, "--worker", str(root / f"c{size}"), str(root / f"e{size}"),
                                  str(root / "packages")], capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(f"{size:>6} documents  {row['sentences']:>7,} sentences  {row['seconds']:8.2f} s  "
                  f"{row['seconds'] / size * 1000:7.1f} ms/document  peak RSS {row['peak_mb']:6.0f} MB", flush=True)
    small, large = rows[0], rows[-1]
    print(f"time per document, 5,000 vs 50: {large['seconds'] / large['documents'] / (small['seconds'] / small['documents']):.2f}× (linear: ≈ 1×)")
    print(f"peak RSS, 5,000 vs 50: {large['peak_mb'] / small['peak_mb']:.2f}× (goal: within 20 %, ≤ 1.20×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
