"""Benchmark: where zhen's memory goes, phase by phase, and the speed–memory curve over --batch-tokens,
against argostranslate's own translate() on the same model (issue 17 §5).

The workload is the bar's: a real-size random-weight model (6+6 layers, d_model 512, int8) on the real
Argos tokenizer and vocabulary from ../shared, three corpus articles, beam 4, output bounded at 48
tokens. Each row runs in its own process, so its resident memory is its own: the phase table prints
the resident set after each phase (VmRSS) and the process's peak so far (VmHWM)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SHARED = ROOT.parent / "shared" / "models" / "argos-zh_en-1_9-noweights"
ARTICLES = 3
MAX_LENGTH = 48
BATCHES = (128, 256, 512, 1024, 2048)
RSS_GOAL_MB, SPEED_GOAL = 300, 3.5


def _memory() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _documents() -> list[tuple[str, str]]:
    from helpers import corpus_documents

    return corpus_documents()[:ARTICLES]


def phases(packages: Path, batch_tokens: int, threads: int) -> dict:
    """zhen, phase by phase: each phase's resident memory after it, and its time."""
    rows: list[tuple[str, float, float, float]] = []
    started = time.perf_counter()

    def mark(name: str) -> None:
        nonlocal started
        rss, peak = _memory()
        rows.append((name, rss, peak, time.perf_counter() - started))
        started = time.perf_counter()

    mark("interpreter")
    import zhen.cli  # noqa: F401  (the CLI's own imports, as `zhen translate` pays them)

    mark("import zhen.cli")
    from zhen.terms.glossary import load_glossary

    glossary = load_glossary()
    mark("glossary loaded")
    from zhen.terms.match import matcher_for

    matcher = matcher_for(glossary)
    mark("term automaton")
    matcher.find("哈萨克斯坦总统托卡耶夫在阿斯塔纳会见了到访的中国国家主席习近平。")
    mark("word-boundary dictionary (first match)")
    from zhen.mt.ct2 import load_backend
    from zhen.mt.models import find_model
    from zhen.mt.options import Options
    from zhen.translate import Translator

    options = Options(max_decoding_length=MAX_LENGTH, threads=threads, max_batch_tokens=batch_tokens)
    backend = load_backend(find_model(packages), options)
    mark("model loaded")
    translator = Translator(glossary, backend, options)
    translator.run([("one", "哈萨克斯坦总统托卡耶夫在阿斯塔纳会见了到访的中国国家主席习近平。")])
    mark("one sentence translated")
    began, cpu = time.perf_counter(), time.process_time()
    _, summary = translator.run(_documents())
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    mark(f"{ARTICLES} articles translated")
    return {"rows": rows, "seconds": seconds, "cpu": cpu, "sentences": summary.sentences}


def argos(packages: Path, threads: int) -> dict:
    """argostranslate's own translate() on the same installed package, the same articles."""
    import os

    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    os.environ["ARGOS_INTER_THREADS"] = "1"
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)
    import argostranslate.translate
    import ctranslate2

    class Bounded:
        """ctranslate2.Translator whose output is bounded as zhen's is (a random model never stops)."""

        def __init__(self, **params) -> None:
            self.inner = ctranslate2.Translator(**params)

        def translate_batch(self, *args, **kwargs):
            return self.inner.translate_batch(*args, max_decoding_length=MAX_LENGTH, **kwargs)

    class Sentencizer:
        """Its default sentencizer (MiniSBD) downloads a model at first use; these machines cannot, so
        sentences are split on 。！？ as zhen's segmenter does first. Its memory and time are negligible."""

        def __init__(self, pkg) -> None:
            pass

        def split_sentences(self, text: str) -> list[str]:
            import re

            return [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]

    argostranslate.translate.ctranslate2 = type("Shim", (), {"Translator": Bounded})  # type: ignore[attr-defined]
    argostranslate.translate.MiniSBDSentencizer = Sentencizer  # type: ignore[attr-defined]
    texts = [text for _, text in _documents()]
    began, cpu = time.perf_counter(), time.process_time()
    sentences = 0
    for text in texts:
        argostranslate.translate.translate(text, "zh", "en")
        sentences += sum(1 for line in text.splitlines() if line.strip())
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    rss, peak = _memory()
    return {"seconds": seconds, "cpu": cpu, "peak": peak, "rss": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batches", default=",".join(map(str, BATCHES)), help="comma-separated --batch-tokens values")
    parser.add_argument("--no-argos", action="store_true", help="skip argostranslate's run (the slowest row)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--packages", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--batch-tokens", type=int, default=512, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "zhen":
        print(json.dumps(phases(args.packages, args.batch_tokens, args.threads)))
        return 0
    if args.worker == "argos":
        print(json.dumps(argos(args.packages, args.threads)))
        return 0
    if not SHARED.exists():
        print(f"bench_memory: {SHARED} is absent; this benchmark needs the real tokenizer and vocabulary. Stopping.")
        return 0
    from zhen.mt.models import install_model
    from zhen.testmodel import REAL, build_package

    with tempfile.TemporaryDirectory() as tmp:
        vocabulary = json.loads((SHARED / "model" / "shared_vocabulary.json").read_text(encoding="utf-8"))
        package = build_package(Path(tmp) / "real.argosmodel", SHARED / "sentencepiece.model", vocabulary, REAL)
        packages = Path(tmp) / "packages"
        install_model(package, packages)

        def run(worker: str, *extra: str) -> dict:
            out = subprocess.run([sys.executable, __file__, "--worker", worker, "--packages", str(packages),
                                  "--threads", str(args.threads), *extra], capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(f"bench_memory: the {worker} worker failed:\n{out.stderr}")
            return json.loads(out.stdout.strip().splitlines()[-1])

        print(f"workload: {ARTICLES} corpus articles, beam 4, max_decoding_length {MAX_LENGTH}, {args.threads} threads; "
              "real-size random model; one process per row")
        batches = [int(b) for b in args.batches.split(",") if b]
        curve = {}
        for batch in batches:
            result = curve[batch] = run("zhen", "--batch-tokens", str(batch))
            if batch == 512:
                print("\nzhen, --batch-tokens 512, phase by phase (resident MB after the phase, its increase, peak so far):")
                previous = 0.0
                for name, rss, peak, seconds in result["rows"]:
                    print(f"  {name:<42} {rss:7.0f} MB  {rss - previous:+7.0f} MB  peak {peak:7.0f} MB  {seconds:6.2f} s")
                    previous = rss
        base = None if args.no_argos else run("argos")
        print("\nspeed–memory curve over --batch-tokens (peak RSS of the whole process):")
        if base:
            print(f"  argostranslate translate()   {base['seconds']:7.1f} s  CPU {base['cpu']:7.1f} s  peak {base['peak']:6.0f} MB")
        for batch, result in curve.items():
            peak = result["rows"][-1][2]
            ratio = f"  {base['seconds'] / result['seconds']:5.2f}× argostranslate's speed" if base else ""
            goal = ""
            if base:
                met = peak <= RSS_GOAL_MB and base["seconds"] / result["seconds"] >= SPEED_GOAL
                goal = f"  (goals ≤ {RSS_GOAL_MB} MB at ≥ {SPEED_GOAL}×: {'met' if met else 'not met'})"
            print(f"  zhen --batch-tokens {batch:<5}    {result['seconds']:7.1f} s  CPU {result['cpu']:7.1f} s  "
                  f"peak {peak:6.0f} MB{ratio}{goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
