"""Benchmark: Ray Data with 1 and 2 workers against the local path on one 500-document corpus, plus a cluster estimate.

The corpus is the five bundled articles repeated and shuffled (by default cut into runs of four
paragraphs, so that three runs fit in minutes on two shared cores; --whole-articles keeps them whole); each copy numbers its sentences
(「…。」 → 「…（n）。」) so that no two sentences are identical: otherwise the local path, which decodes
identical sentences once per 2,000-sentence window, would skip most of the work that Ray's 16-document
batches do, and the comparison would measure deduplication rather than the executor. The model is
the tests' small random one (2+2 layers, d_model 64, a SentencePiece vocabulary trained on the corpus),
beam 4, max_decoding_length 24, glossary enforced, no cache. One run each; every run's outputs must be
byte-identical to the local run's."""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import corpus_documents  # noqa: E402
from zhen.mt.ct2 import load_backend  # noqa: E402
from zhen.mt.distributed import RayConfig, translate_on_ray  # noqa: E402
from zhen.mt.models import install_model  # noqa: E402
from zhen.mt.options import Options  # noqa: E402
from zhen.terms.glossary import load_glossary  # noqa: E402
from zhen.testmodel import build_package, train_sentencepiece  # noqa: E402
from zhen.translate import MANIFEST, Job, Translator, translate_path  # noqa: E402


def pieces(whole: bool) -> list[tuple[str, str]]:
    """The bundled articles, or (default) each cut into runs of four paragraphs: news-brief-sized documents."""
    articles = corpus_documents()
    if whole:
        return articles
    out = []
    for name, text in articles:
        paras = [p for p in text.splitlines(keepends=True) if p.strip()]
        out += [(f"{name}-{i // 4:02d}", "".join(paras[i : i + 4])) for i in range(0, len(paras), 4)]
    return out


def build_corpus(folder: Path, size: int, whole: bool, seed: int = 0) -> None:
    articles = pieces(whole)
    order = [articles[i % len(articles)] for i in range(size)]
    random.Random(seed).shuffle(order)
    folder.mkdir(parents=True)
    counter = 0
    for n, (name, text) in enumerate(order):
        def number(match: re.Match[str]) -> str:
            nonlocal counter
            counter += 1
            return f"（{counter}）{match.group(0)}"

        (folder / f"{n:04d}-{name}.txt").write_text(re.sub(r"[。！？]", number, text), encoding="utf-8")


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != MANIFEST}


def serialization(translator: Translator) -> None:
    """How a prepared document travels between Ray stages: pickle to a bytes column (chosen), or cloudpickle
    (what Ray's own object extension applies to Python objects in rows)."""
    import pickle

    import cloudpickle

    docs = translator.prepare(corpus_documents())
    units = sum(len(d.units) for d in docs) / len(docs)
    for name, dumps, loads in (("pickle protocol 5", lambda o: pickle.dumps(o, protocol=5), pickle.loads),
                               ("cloudpickle", cloudpickle.dumps, cloudpickle.loads)):
        start = time.perf_counter()
        for _ in range(20):
            blobs = [dumps(d) for d in docs]
        dumped = time.perf_counter()
        for _ in range(20):
            [loads(b) for b in blobs]
        loaded = time.perf_counter()
        per = 1000 / 20 / len(docs)
        print(f"{name:<18} {sum(map(len, blobs)) / len(docs) / 1024:6.1f} KiB per prepared document ({units:.0f} sentences): "
              f"dump {(dumped - start) * per:5.2f} ms, load {(loaded - dumped) * per:5.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--whole-articles", action="store_true", help="Documents are whole articles (74 sentences each) rather than runs of four paragraphs.")
    parser.add_argument("--local-only", action="store_true", help="Only the local path (to re-measure it when the load has changed).")
    parser.add_argument("--serialization-only", action="store_true", help="Only time the serialization of prepared documents.")
    parser.add_argument("--archive", type=int, default=1_000_000, help="Articles in the archive of the cluster estimate.")
    args = parser.parse_args()
    import ray

    glossary = load_glossary()
    options = Options(max_decoding_length=24, beam=4)
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        texts = [line for _, text in corpus_documents() for line in text.splitlines()]
        texts += [e.en for e in glossary] + [e.short for e in glossary if e.short]
        model = install_model(build_package(tmp / "test.argosmodel", train_sentencepiece(texts, tmp / "sp")), tmp / "packages")
        if args.serialization_only:
            serialization(Translator(glossary, load_backend(model, options), options))
            return
        build_corpus(tmp / "corpus", args.documents, args.whole_articles)
        print(f"{args.documents} documents, {cpus} CPU cores (shared with other users while measured); "
              f"random 2+2-layer model, beam {options.beam}, max_decoding_length {options.max_decoding_length}")

        start = time.perf_counter()
        translator = Translator(glossary, load_backend(model, options), options)
        summary, _ = translate_path(Job(str(tmp / "corpus"), tmp / "local"), translator)
        local = time.perf_counter() - start
        sentences = summary.sentences
        print(f"local path (threads {min(4, cpus)}):     {local:7.2f} s  {sentences / local:7.1f} sentences/s  "
              f"({sentences} sentences)")
        expected = outputs(tmp / "local")
        if args.local_only:
            return

        start = time.perf_counter()
        ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        startup = time.perf_counter() - start
        print(f"ray.init (local instance, {cpus} CPUs):  {startup:7.2f} s")
        per_worker = 0.0
        try:
            for workers in (1, 2):
                start = time.perf_counter()
                out = tmp / f"ray{workers}"
                summary, _ = translate_on_ray(Job(str(tmp / "corpus"), out), glossary, model, options,
                                              RayConfig(workers=workers), use_cache=False)
                seconds = time.perf_counter() - start
                same = outputs(out) == expected
                print(f"ray, {workers} worker{'s' if workers > 1 else ' '}:                {seconds:7.2f} s  "
                      f"{summary.sentences / seconds:7.1f} sentences/s  overhead vs local {100 * (seconds / local - 1):+5.1f} %"
                      f"  (with ray.init {100 * ((seconds + startup) / local - 1):+5.1f} %)  outputs identical: {same}")
                if not same or summary.sentences != sentences:
                    raise SystemExit("Ray outputs differ from the local path's")
                if workers == 1:
                    per_worker = summary.sentences / seconds
        finally:
            ray.shutdown()

    # An archive's articles are whole articles: 74 sentences on average, as the five bundled ones.
    bundled = corpus_documents()
    per_article = sum(len(p.units) for p in translator.prepare(bundled)) / len(bundled)
    print(f"\ncluster estimate for {args.archive:,} articles ({per_article:.0f} sentences each, as the bundled ones):")
    print(f"  measured per-worker throughput here: {per_worker:.1f} sentences/s (tiny random model, one worker on {cpus} cores)")
    # bench_translate.py measured the real-size model (6+6 layers, d_model 512, int8, beam 4, 48 tokens) at
    # 5.91 sentences/s unenforced and 3.71 enforced on these 2 cores: a real model is the realistic case.
    for label, rate in ((f"tiny test model, {per_worker:.0f} sent/s/worker", per_worker),
                        ("real-size model, enforced, 3.71 sent/s/worker (bench_translate.py)", 3.71)):
        print(f"  {label}:")
        for n in (1, 8, 64, 256):
            hours = args.archive * per_article / (rate * n) / 3600
            print(f"    {n:>4} workers: {hours:10.1f} h")


if __name__ == "__main__":
    main()
