"""Benchmark: per-request terms (zhen.terms.layer) against rebuilding the matcher, per request, on the bundled glossary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import corpus_documents  # noqa: E402
from zhen.terms.glossary import load_glossary  # noqa: E402
from zhen.terms.layer import layer  # noqa: E402
from zhen.terms.match import TermMatcher, matcher_for  # noqa: E402

# Four terms a request might bring: two replacing house entries (one a name, one check-only), two new.
TERMS = [("普京", "Putin"), ("秘书长", "Sec-Gen"), ("会谈", "talks"), ("运营", "operation")]


def main() -> None:
    glossary = load_glossary()
    sentences = [line for _, text in corpus_documents() for line in text.splitlines() if line.strip()][:200]
    matcher_for(glossary).find("".join(sentences))  # the house matcher and the word dictionary, once per process
    rounds = {"layer": len(sentences), "rebuild": 20}
    timings = {}
    for how, n in rounds.items():
        start = time.process_time()
        for sentence in sentences[:n]:
            layered = layer(glossary, TERMS)
            matcher = layered.matcher if how == "layer" else TermMatcher(layered.glossary.entries)
            matcher.find(sentence)
        timings[how] = (time.process_time() - start) / n
    print(f"glossary: {len(glossary)} entries; request: {len(TERMS)} terms; one corpus paragraph per request")
    for how, seconds in timings.items():
        print(f"{how:8} {1000 * seconds:7.2f} ms CPU per request ({rounds[how]} requests)")
    print(f"layering is {timings['rebuild'] / timings['layer']:.1f}× cheaper than a rebuild")


if __name__ == "__main__":
    main()
