"""Benchmark: speed and peak memory of zhen translate for several batch sizes, against argostranslate's
strategy, on a real-size random model.

Uses the real Argos zh→en tokenizer and vocabulary from ../shared/models/argos-zh_en-1_9-noweights
with random weights (6+6 layers, d_model 512, 8 heads, FFN 2048, int8), built here. Each row runs in
its own process, so its peak RSS is its own. Output length is bounded identically in every run (a
random model never stops by itself)."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SHARED = ROOT.parent / "shared" / "models" / "argos-zh_en-1_9-noweights"
ARGOS_BATCH_TOKENS, ARGOS_BEAM = 32, 4  # argostranslate.settings defaults
BATCHES = (256, 512, 1024, 2048, 4096)
RSS_GOAL_MB, SPEED_GOAL = 500, 2.5


def worker(config: str, packages: Path, max_length: int, threads: int) -> dict:
    """One configuration, timed in this process: 'argos', or 'zhen-<batch>[-off]'."""
    from helpers import corpus_documents
    from zhen.mt.ct2 import load_backend
    from zhen.mt.models import find_model
    from zhen.mt.options import Options
    from zhen.terms.glossary import load_glossary
    from zhen.translate import Translator

    documents = corpus_documents()
    glossary = load_glossary()
    model = find_model(packages)
    if config == "argos":
        options = Options(max_decoding_length=max_length, threads=threads)
        translator = Translator(glossary, load_backend(model, options), options)
        units = [u for p in translator.prepare(documents) for u in p.units]
        ct2 = translator.backend.decoder.translator  # type: ignore[attr-defined]
        started = time.perf_counter()
        # argostranslate.translate.apply_packaged_translation: one translate_batch per paragraph,
        # max_batch_size=32 tokens, beam 4, length_penalty 0.2, replace_unknowns, no glossary.
        by_paragraph: dict[tuple[int, int], list] = {}
        for u in units:
            by_paragraph.setdefault((u.doc, u.paragraph), []).append(u.pieces)
        for batch in by_paragraph.values():
            ct2.translate_batch(batch, max_batch_size=ARGOS_BATCH_TOKENS, batch_type="tokens", beam_size=ARGOS_BEAM,
                                num_hypotheses=1, length_penalty=0.2, replace_unknowns=True, return_scores=True,
                                max_decoding_length=max_length)
        seconds, sentences, extra = time.perf_counter() - started, len(units), {}
    else:
        _, batch, *off = config.split("-")
        options = Options(max_decoding_length=max_length, threads=threads, max_batch_tokens=int(batch), enforce=not off)
        translator = Translator(glossary, load_backend(model, options), options)
        started = time.perf_counter()
        _, summary = translator.run(documents)
        seconds, sentences = time.perf_counter() - started, summary.sentences
        extra = {"repaired": summary.repaired, "TSR": None if summary.tsr is None else round(100 * summary.tsr, 1)}
    return {"config": config, "seconds": seconds, "sentences": sentences,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **extra}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-length", type=int, default=48, help="max_decoding_length for every run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--packages", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.packages, args.max_length, args.threads)))
        return 0
    if not SHARED.exists():
        print(f"bench_translate: {SHARED} is absent; this benchmark needs the real tokenizer and vocabulary. Stopping.")
        return 0
    from zhen.mt.models import install_model
    from zhen.testmodel import REAL, build_package

    with tempfile.TemporaryDirectory() as tmp:
        print("building a real-size random-weight model (6+6 layers, d_model 512, int8) on the real vocabulary …", flush=True)
        vocabulary = json.loads((SHARED / "model" / "shared_vocabulary.json").read_text(encoding="utf-8"))
        package = build_package(Path(tmp) / "real.argosmodel", SHARED / "sentencepiece.model", vocabulary, REAL)
        install_model(package, Path(tmp) / "packages")
        print(f"corpus: 5 documents; max_decoding_length {args.max_length}, beam 4, {args.threads} threads; one process per row")
        rows = {}
        for config in ["argos", *(f"zhen-{b}" for b in BATCHES), "zhen-1024-off"]:
            out = subprocess.run([sys.executable, __file__, "--worker", config, "--packages", str(Path(tmp) / "packages"),
                                  "--max-length", str(args.max_length), "--threads", str(args.threads)],
                                 capture_output=True, text=True, check=True)
            row = rows[config] = json.loads(out.stdout.strip().splitlines()[-1])
            rate = row["sentences"] / row["seconds"]
            extra = f"  repaired {row['repaired']}  TSR {row['TSR']} %" if "TSR" in row else ""
            print(f"{config:<16} {row['seconds']:8.2f} s  {rate:6.2f} sent/s  peak RSS {row['peak_mb']:6.0f} MB{extra}", flush=True)
    base = rows["argos"]["sentences"] / rows["argos"]["seconds"]
    print()
    for config, row in rows.items():
        if config.startswith("zhen"):
            ratio = row["sentences"] / row["seconds"] / base
            ok = "ok" if ratio >= SPEED_GOAL and row["peak_mb"] <= RSS_GOAL_MB else "misses a goal"
            print(f"{config:<16} speed {ratio:5.2f}× argostranslate's strategy (goal ≥ {SPEED_GOAL}), "
                  f"peak {row['peak_mb']:.0f} MB (goal ≤ {RSS_GOAL_MB}): {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
