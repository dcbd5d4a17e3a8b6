"""Benchmark: load a 100,000-entry glossary and match 1 MB of text (targets: ≤ 1 s and ≤ 0.5 s)."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhen.terms.glossary import load_glossary  # noqa: E402

ENTRIES = 100_000
LOAD_TARGET_S, MATCH_TARGET_S = 1.0, 0.5


def synthetic_glossary(path: Path, n: int) -> None:
    """Write n random transliteration-like entries (2–8 Han characters each) in zhen's TSV format."""
    rng = random.Random(7)
    syllables = "阿巴卡达德耶夫斯基科拉马纳诺奥佩里萨塔乌瓦西扎尔托米克娃洛库伊兹"
    seen: set[str] = set()
    lines = ["zh\ten\tshort\tvariants\ttype\tavoid\tnote"]
    while len(seen) < n:
        zh = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 8)))
        if zh not in seen:
            seen.add(zh)
            lines.append(f"{zh}\tName{len(seen)}\t\t\tperson\t\t")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    text = (corpus * (1_000_000 // len(corpus.encode("utf-8")) + 1)).encode("utf-8")[:1_000_000].decode("utf-8", "ignore")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.tsv"
        synthetic_glossary(big, ENTRIES)
        paths = [ROOT / "glossary", big]
        load_s = best_of(3, lambda: matcher_for(load_glossary(paths)))
        glossary = load_glossary(paths)
        matcher = matcher_for(glossary)
        match_s = best_of(3, lambda: matcher.find(text))
        found = len(matcher.find(text))
    print(f"glossary: {len(glossary):,} entries; text: {len(text.encode('utf-8')):,} bytes UTF-8 ({len(text):,} characters); {found:,} matches")
    print(f"load + build matcher: {load_s:.3f} s  (target ≤ {LOAD_TARGET_S} s: {LOAD_TARGET_S / load_s:.1f}× headroom)")
    print(f"match 1 MB:           {match_s:.3f} s  (target ≤ {MATCH_TARGET_S} s: {MATCH_TARGET_S / match_s:.1f}× headroom)")


if __name__ == "__main__":
    main()
