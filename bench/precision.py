"""Term precision on the dev sets: matches, matches that cut a word, enforced terms the reference confirms, missing names.

Each set is reported by half (bench/halves.py: tune and held-out by a fixed seed, by document where
marked; --half tune|heldout|both); the held-out half's figures are the ones that count.
"""

from __future__ import annotations

import argparse
import collections
import logging
import re
import sys
import time
from pathlib import Path

from halves import chosen, split

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
# (name, Chinese source, English reference), relative to ../shared/eval.
SETS = [
    ("flores-devtest zho_Hans", "flores200-devtest/zho_Hans.devtest", "flores200-devtest/eng_Latn.devtest"),
    ("flores-devtest zho_Hant", "flores200-devtest/zho_Hant.devtest", "flores200-devtest/eng_Latn.devtest"),
    ("newstest2019 zh-en", "newstest2019-zhen/newstest2019.zh-en.zh", "newstest2019-zhen/newstest2019.zh-en.en"),
]
COVERAGE_GOAL = 0.95
# Capitalized words that are not names the glossary should carry: calendar words and titles.
NOT_NAMES = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr I The A An In On At Of And But".split()
)
NAME = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*(?:\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)*")


def _read(relative: str) -> list[str]:
    return (EVAL / relative).read_text(encoding="utf-8").splitlines()


def _segments(text: str) -> list[tuple[int, int]]:
    """The independent judge: jieba's default segmentation (with its HMM, without glossary words)."""
    import jieba

    spans, at = [], 0
    for token in jieba.cut(text):
        spans.append((at, at + len(token)))
        at += len(token)
    return spans


def _cut(spans: list[tuple[int, int]], start: int, end: int) -> str:
    """'cross' when a judge's word straddles a match boundary, 'inside' when one strictly contains the match."""
    for a, b in spans:
        if a <= start and end <= b:
            return "inside" if b - a > end - start else ""
        if a < start < b or a < end < b:
            return "cross"
    return ""


def _names(reference: str) -> list[str]:
    """Capitalized word runs that do not open the sentence (a rough proper-name finder)."""
    found = []
    for m in NAME.finditer(reference):
        before = reference[: m.start()].rstrip()
        if not before or before[-1] in ".!?\"“:":
            continue
        words = [w.removesuffix("'s") for w in m.group().split() if w not in NOT_NAMES]
        if words:
            found.append(" ".join(words))
    return found


def evaluate(matcher, plain, name: str, source: list[str], reference: list[str], examples: int) -> dict:
    from zhen.terms.renderings import find_accepted
    from zhen.text.normalize import normalize

    matches = cut = inside = enforced = confirmed = removed = inner = inner_confirmed = 0
    cut_examples: list[str] = []
    removed_examples: list[str] = []
    misses: collections.Counter = collections.Counter()
    for zh, en in zip(source, reference):
        norm = normalize(zh)
        spans = _segments(norm.text)
        found = matcher.find(zh)
        kept = {(m.start, m.end) for m in found}
        for m in plain.find(zh) if plain is not None else ():
            if (m.start, m.end) not in kept:
                removed += 1
                if len(removed_examples) < examples:
                    removed_examples.append(f"…{zh[max(0, m.start - 6):m.start]}[{m.text}]{zh[m.end:m.end + 6]}… ({m.entry.en})")
        for m in found:
            matches += 1
            n_start = norm.offsets.index(m.start) if m.start < len(norm.offsets) else len(norm.text)
            kind = _cut(spans, n_start, n_start + (m.end - m.start))
            cut += kind == "cross"
            inside += kind == "inside"
            if kind == "cross" and len(cut_examples) < examples:
                cut_examples.append(f"{kind}: …{zh[max(0, m.start - 6):m.start]}[{m.text}]{zh[m.end:m.end + 6]}… → {m.entry.en}")
            if not m.entry.enforced:
                # Names a check-only phrase carries (克里姆林宫 in 亲克里姆林宫), which translation enforces too.
                for _, _, name, _ in matcher.inner_names(normalize(m.text).text, m.entry):
                    inner += 1
                    inner_confirmed += bool(find_accepted(en, name))
            if m.entry.enforced:
                enforced += 1
                if find_accepted(en, m.entry):
                    confirmed += 1
                else:
                    misses[f"{m.entry.zh} {m.entry.en}"] += 1
    return {"name": name, "matches": matches, "cut": cut, "inside": inside, "enforced": enforced,
            "confirmed": confirmed, "cut_examples": cut_examples, "misses": misses, "removed": removed,
            "removed_examples": removed_examples, "inner": inner, "inner_confirmed": inner_confirmed}


def missing_names(glossary, references: list[str], top: int) -> tuple[collections.Counter, int, int]:
    """Name runs in the references with a word no accepted English of any entry contains."""
    known = {word for entry in glossary for text in entry.accepted for word in re.findall(r"[\w'-]+", text)}
    counts: collections.Counter = collections.Counter()
    total = covered = 0
    for line in references:
        for name in _names(line):
            total += 1
            if all(word in known for word in name.split()):
                covered += 1
            else:
                counts[name] += 1
    return counts, total, covered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=8, help="examples of cut matches per set")
    parser.add_argument("--top", type=int, default=50, help="how many missing names to list")
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both",
                        help="which half of each set to report (bench/halves.py)")
    parser.add_argument("--no-boundaries", action="store_true", help="measure the matcher without the word-boundary judge")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"{EVAL} is absent (the dev sets live in ../shared/eval beside the repository); nothing to measure.")
        return 0
    import jieba

    jieba.setLogLevel(logging.WARNING)
    from zhen.terms.glossary import load_glossary
    from zhen.terms.match import TermMatcher

    glossary = load_glossary()
    matcher = TermMatcher(glossary.entries, boundaries=not args.no_boundaries)
    # The same matcher without the judge, to show what the judge takes away.
    plain = None if args.no_boundaries else TermMatcher(glossary.entries, boundaries=False)
    print(f"glossary: {len(glossary)} entries ({glossary.signature}); word-boundary judge "
          f"{'off' if args.no_boundaries else 'on'}; cut = a jieba word (default segmentation, no glossary words) "
          "straddles a match boundary (the error this measures), inside = one strictly contains the match "
          "(美国陆军, 英国女王: jieba glues compounds; mostly right)")
    started = time.perf_counter()
    totals = collections.Counter()
    references: list[str] = []
    for (set_name, source_path, reference_path), half in ((s, h) for s in SETS for h in chosen(args.half)):
        source, reference = _read(source_path), _read(reference_path)
        half_of = split(EVAL, set_name, len(source))
        kept = [i for i in range(len(source)) if half_of[i + 1] == half]
        source, reference = [source[i] for i in kept], [reference[i] for i in kept]
        name = f"{set_name} [{half}]"
        if "zho_Hant" not in source_path:
            references += reference
        r = evaluate(matcher, plain, name, source, reference, args.examples)
        for key in ("matches", "cut", "inside", "enforced", "confirmed", "inner", "inner_confirmed"):
            totals[key] += r[key]
        share = r["confirmed"] / r["enforced"] if r["enforced"] else 1.0
        print(f"\n## {name}: {len(source)} segments")
        print(f"matches: {r['matches']}; cut a word: {r['cut']} ({r['cut'] / max(r['matches'], 1):.1%}); "
              f"inside a longer word: {r['inside']} ({r['inside'] / max(r['matches'], 1):.1%})")
        print(f"enforced occurrences whose preferred or admitted English is in the reference: {r['confirmed']}/{r['enforced']} "
              f"= {share:.1%} (goal ≥ {COVERAGE_GOAL:.0%}: {share / COVERAGE_GOAL:.2f}× goal)")
        for example in r["cut_examples"]:
            print(f"  {example}")
        if plain is not None:
            print(f"removed by the word-boundary judge: {r['removed']} matches of the matcher without it, e.g. "
                  + "; ".join(r["removed_examples"]))
        if r["misses"]:
            print("  not confirmed: " + "; ".join(f"{k} ×{v}" for k, v in r["misses"].most_common(10)))
    share = totals["confirmed"] / totals["enforced"] if totals["enforced"] else 1.0
    print(f"\n## all sets: matches {totals['matches']}, cut {totals['cut']} ({totals['cut'] / max(totals['matches'], 1):.1%}), "
          f"inside {totals['inside']}; enforced confirmed {totals['confirmed']}/{totals['enforced']} = {share:.1%} "
          f"(goal ≥ {COVERAGE_GOAL:.0%}: {share / COVERAGE_GOAL:.2f}× goal)")
    print(f"names inside check-only phrases (enforced with them): {totals['inner_confirmed']}/{totals['inner']} "
          "in the reference")
    counts, total, covered = missing_names(glossary, references, args.top)
    print(f"\n## proper names in the references (flores eng_Latn + newstest2019 en, halves {args.half}): {total} occurrences, "
          f"{covered} ({covered / max(total, 1):.1%}) covered by some accepted English; top {args.top} missing:")
    print(", ".join(f"{name} {count}" for name, count in counts.most_common(args.top)))
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
