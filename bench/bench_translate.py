"""Benchmark: zhen translate vs argostranslate's strategy vs one raw CTranslate2 call, on a real-size random model.

Uses the real Argos zh→en tokenizer and vocabulary from ../shared/models/argos-zh_en-1_9-noweights
with random weights (6+6 layers, d_model 512, 8 heads, FFN 2048, int8), built here. Output length
is bounded identically in every run (a random model never stops by itself)."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhen.terms.glossary import load_glossary  # noqa: E402
from zhen.mt.models import install_model  # noqa: E402
from zhen.mt.ct2 import Options  # noqa: E402
from zhen.testmodel import REAL, build_package  # noqa: E402
from zhen.translate import Translator  # noqa: E402

SHARED = ROOT.parent / "shared" / "models" / "argos-zh_en-1_9-noweights"
ARGOS_BATCH_TOKENS, ARGOS_BEAM = 32, 4  # argostranslate.settings defaults


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn, sentences: int):
    start = time.perf_counter()
    target_tokens, extra = fn()
    seconds = time.perf_counter() - start
    row = {"label": label, "seconds": seconds, "sentences/s": sentences / seconds,
           "target tokens/s": target_tokens / seconds, "peak MB": peak_mb(), **extra}
    print(f"{label:<44} {seconds:7.2f} s  {row['sentences/s']:7.2f} sent/s  {row['target tokens/s']:8.1f} tok/s"
          f"  peak RSS {row['peak MB']:.0f} MB" + "".join(f"  {k}: {v}" for k, v in extra.items()), flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-length", type=int, default=48, help="max_decoding_length for every run")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"bench_translate: {SHARED} is absent; this benchmark needs the real tokenizer and vocabulary. Stopping.")
        return 1
    documents = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    glossary = load_glossary()
    with tempfile.TemporaryDirectory() as tmp:
        print("building a real-size random-weight model (6+6 layers, d_model 512, int8) on the real vocabulary …", flush=True)
        vocabulary = json.loads((SHARED / "model" / "shared_vocabulary.json").read_text(encoding="utf-8"))
        package = build_package(Path(tmp) / "real.argosmodel", SHARED / "sentencepiece.model", vocabulary, REAL)
        model = install_model(package, Path(tmp) / "packages")
        base = dict(max_decoding_length=args.max_length, threads=args.threads, device=args.device)
        zhen = Translator(glossary, model, Options(**base))
        plain = Translator(glossary, model, Options(**base, enforce=False))
        _, units = zhen.prepare(documents)
        n = len(units)
        print(f"{len(documents)} documents, {n} sentences, {sum(len(u.pieces) for u in units)} source tokens; "
              f"max_decoding_length {args.max_length}, beam 4", flush=True)
        engine = zhen.engine

        def run_zhen(translator):
            def go():
                _, summary = translator.run(documents)
                return summary.target_tokens, {"repaired": summary.repaired, "TSR": f"{100 * summary.tsr:.1f} %"}
            return go

        def argos_strategy():
            # argostranslate.translate.apply_packaged_translation: one translate_batch per paragraph,
            # max_batch_size=32 tokens, beam 4, length_penalty 0.2, replace_unknowns.
            tokens = 0
            by_paragraph: dict[tuple[int, int], list] = {}
            for u in units:
                by_paragraph.setdefault((u.doc, u.paragraph), []).append(u.pieces)
            for batch in by_paragraph.values():
                results = engine.translator.translate_batch(
                    batch, max_batch_size=ARGOS_BATCH_TOKENS, batch_type="tokens", beam_size=ARGOS_BEAM,
                    num_hypotheses=1, length_penalty=0.2, replace_unknowns=True, return_scores=True,
                    max_decoding_length=args.max_length)
                tokens += sum(len(r.hypotheses[0]) for r in results)
            return tokens, {}

        def raw_ct2():
            results = engine.translator.translate_batch(
                [u.pieces for u in units], max_batch_size=4096, batch_type="tokens", beam_size=4,
                length_penalty=0.2, replace_unknowns=True, max_decoding_length=args.max_length)
            return sum(len(r.hypotheses[0]) for r in results), {}

        rows = {
            "b": timed("(b) argostranslate strategy, no glossary", argos_strategy, n),
            "c": timed("(c) raw CTranslate2, one translate_batch", raw_ct2, n),
            "d": timed("(d) zhen translate, enforcement off", run_zhen(plain), n),
            "a": timed("(a) zhen translate, glossary enforced", run_zhen(zhen), n),
        }
    sps = {k: v["sentences/s"] for k, v in rows.items()}
    print()
    print(f"(d)/(b) = {sps['d'] / sps['b']:.2f}  (target ≥ 2.5)")
    print(f"(d)/(c) = {sps['d'] / sps['c']:.2f}  (target ≥ 0.9)")
    print(f"(a)/(d) = {sps['a'] / sps['d']:.2f}  (target ≥ 0.5; {rows['a']['repaired']} of {n} sentences repaired)")
    print(f"peak RSS of the whole run: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
