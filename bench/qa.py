"""QA benchmark: false alarms of `check translation` on human translations, recall on planted defects,
and a sample of `check corpus` name suggestions for review by hand.

Every finding on a human reference is either a false alarm or a real fault of the reference; the
findings reviewed by hand are in bench/qa_review.tsv, and one not listed there counts as false.

Usage: python bench/qa.py [--half tune|heldout|both] [--sample N] [--seed S]
Reads ../shared/eval relative to the repository (FLORES-200 devtest, newstest2019 zh-en); says so and
exits 0 when that folder is absent. Each set is reported by half (bench/halves.py: tune, held-out by a
fixed seed, by document where marked); the held-out half's figures are the ones that count.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from zhen.check import FAILING
from zhen.check.translation import Segment, accepted_spans, check_translation
from zhen.terms.glossary import Glossary, load_glossary
from zhen.terms.match import matcher_for

from halves import HALVES, chosen, documents, split

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = {
    "flores200-devtest": ("flores200-devtest/zho_Hans.devtest", "flores200-devtest/eng_Latn.devtest"),
    "newstest2019": ("newstest2019-zhen/newstest2019.zh-en.zh", "newstest2019-zhen/newstest2019.zh-en.en"),
}
GOAL_ALARMS = 2.0  # false alarms per 100 segments
REVIEW = Path(__file__).resolve().parent / "qa_review.tsv"
GOAL_RECALL = 0.95
GOAL_PRECISION = 0.90
EN_NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\w,]|\.\d)")
DEFECT_KINDS = {
    # A changed number is a near miss (number-mismatch) or a number the source lacks (number-extra).
    "number-changed": {"number-missing", "number-mismatch", "number-extra"},
    "number-dropped": {"number-missing", "number-mismatch"},
    "term-avoided": {"avoid-rendering", "missing-term", "missing-check-only-term", "missing-check-only-name"},
    "term-removed": {"missing-term", "missing-check-only-term", "missing-check-only-name"},
    "han-left": {"untranslated-han"},
    "date-changed": {"number-missing", "number-mismatch", "number-extra"},
}
# A day of the month in mid-sentence (July 26, 26 July, the 26th): the planted defect makes it impossible
# (July 261, the 261th), the slip of a key the issue names.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
EN_DAY = re.compile(rf"(?:(?:{MONTHS})\.? (\d{{1,2}})\b|\b(\d{{1,2}})(?:st|nd|rd|th)?(?= (?:{MONTHS})\b)|\bthe (\d{{1,2}})(?:st|nd|rd|th)\b)")


def segments(name: str) -> list[Segment]:
    """The set's segment pairs, each segment's file naming its document (bench/halves.py: a FLORES article,
    or the segment itself where documents are not marked), as check translation takes one file for one."""
    src, tgt = (EVAL / p for p in SETS[name])
    pairs = list(zip(src.read_text(encoding="utf-8").splitlines(), tgt.read_text(encoding="utf-8").splitlines()))
    docs = documents(EVAL, name, len(pairs))
    return [Segment(f"{name}#{docs[n - 1]}", n, s, t) for n, (s, t) in enumerate(pairs, start=1)]


def reviewed() -> dict[tuple[str, int, str, str], tuple[str, str]]:
    """(set, line, code, message) → (verdict, reason) from bench/qa_review.tsv, the findings reviewed by hand."""
    verdicts: dict[tuple[str, int, str, str], tuple[str, str]] = {}
    if not REVIEW.is_file():
        return verdicts
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or cells[0] == "set" or len(cells) != 6:
            continue
        name, number, code, verdict, reason, message = cells
        verdicts[(name, int(number), code, message)] = (verdict, reason)
    return verdicts


def false_alarms(name: str, segs: list[Segment], glossary: Glossary, halves: tuple[str, ...]) -> None:
    """Findings on the human reference by kind and half; those of failing severity are alarms, and an alarm is
    false unless the review (bench/qa_review.tsv) found the reference really wrong there. The whole set is
    checked at once (a document's earlier segments are context for its later ones), then split by half."""
    start = time.perf_counter()
    every = check_translation(segs, glossary)
    elapsed = time.perf_counter() - start
    half_of = split(EVAL, name, len(segs))
    for half in halves:
        lines = {seg.line for seg in segs if half_of[seg.line] == half}
        _report(f"{name} [{half}]", name, [s for s in segs if s.line in lines],
                [f for f in every if f.line in lines], elapsed)


def _report(label: str, name: str, segs: list[Segment], findings: list, elapsed: float) -> None:
    alarms = [f for f in findings if f.severity in FAILING]
    notes = [f for f in findings if f.severity not in FAILING]
    verdicts = reviewed()
    real = [f for f in alarms if verdicts.get((name, f.line, f.code, f.message), ("",))[0] == "real"]
    unreviewed = [f for f in alarms if (name, f.line, f.code, f.message) not in verdicts]
    false = len(alarms) - len(real)
    rate, false_rate = 100 * len(alarms) / len(segs), 100 * false / len(segs)
    print(f"{label}: {len(segs)} segments, {len(alarms)} errors and warnings = {rate:.2f} per 100 segments, "
          f"{len(notes)} for information ({100 * len(notes) / len(segs):.2f} per 100) [whole set {elapsed:.1f} s]")
    by_kind = Counter(f"{f.code} {f.kind}" for f in findings)
    for kind, n in by_kind.most_common():
        print(f"  {kind}: {n} ({100 * n / len(segs):.2f} per 100)")
    print(f"  reviewed by hand: {len(real)} real defects of the reference, {false - len(unreviewed)} false, "
          f"{len(unreviewed)} not reviewed (counted as false)")
    print(f"  false alarms: {false} = {false_rate:.2f} per 100 segments (goal ≤ {GOAL_ALARMS}; "
          f"ratio to goal {false_rate / GOAL_ALARMS:.2f})")


def plant(seg: Segment, glossary: Glossary, rng: random.Random) -> list[tuple[str, str]]:
    """(defect, planted target) for each defect that applies to this segment's reference."""
    planted: list[tuple[str, str]] = []
    target = seg.target
    numbers = [m for m in EN_NUMBER.finditer(target) if m.group(0).replace(",", "").strip("0.")]
    if numbers:
        m = rng.choice(numbers)
        digits = m.group(0).replace(",", "")
        # 441 → 44.1: a misplaced decimal point, the defect the issue names; one digit: 7 → 8.
        changed = (digits[:-1] + "." + digits[-1]) if len(digits) > 1 and "." not in digits else str(int(float(digits)) + 1)
        planted.append(("number-changed", target[:m.start()] + changed + target[m.end():]))
        planted.append(("number-dropped", target[:m.start()].rstrip() + " " + target[m.end():].lstrip()))
    for match in matcher_for(glossary).find(seg.source):
        # Every rendering the checker accepts is replaced or removed, overlapping ones merged.
        spans = _merged(accepted_spans(target, match.entry))
        if not spans:
            continue
        others = [m for m in matcher_for(glossary).find(seg.source) if m.entry.zh != match.entry.zh]
        if any(accepted_spans(target, o.entry) and set(accepted_spans(target, o.entry)) & set(spans) for o in others):
            continue
        if match.entry.avoid:
            out = target
            for a, b in reversed(spans):
                out = out[:a] + match.entry.avoid[0] + out[b:]
            planted.append(("term-avoided", out))
        out = target
        for a, b in reversed(spans):
            out = out[:a] + "it" + out[b:]
        planted.append(("term-removed", out))
        break
    # Not drawn from rng, so the other defects planted stay those of earlier runs.
    day = next((m for m in EN_DAY.finditer(target) if m.start() > 0), None)
    if day is not None:
        group = next(g for g in (1, 2, 3) if day.group(g))
        planted.append(("date-changed", target[:day.end(group)] + "1" + target[day.end(group):]))
    words = list(re.finditer(r"[A-Za-z]{4,}", target))
    if words:
        w = rng.choice(words)
        han = re.findall(r"[\u4e00-\u9fff]{2,4}", seg.source)
        if han:
            planted.append(("han-left", target[:w.start()] + rng.choice(han) + target[w.end():]))
    return planted


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def recall(name: str, segs: list[Segment], glossary: Glossary, rng: random.Random, halves: tuple[str, ...]) -> None:
    """Plant each defect in a copy of a reference segment; caught when a finding of the defect's kinds
    appears that the unplanted reference did not have. Every segment draws from rng, so the defects
    planted in one half do not depend on which halves are reported."""
    half_of = split(EVAL, name, len(segs))
    caught: dict[str, Counter] = {h: Counter() for h in HALVES}
    tried: dict[str, Counter] = {h: Counter() for h in HALVES}
    for seg in segs:
        half = half_of[seg.line]
        planted = plant(seg, glossary, rng)
        if half not in halves or not planted:
            continue
        base = Counter(f.kind for f in check_translation([seg], glossary))
        for defect, text in planted:
            found = Counter(f.kind for f in check_translation([Segment(seg.file, seg.line, seg.source, text)], glossary))
            tried[half][defect] += 1
            if any(found[k] > base[k] for k in DEFECT_KINDS[defect]):
                caught[half][defect] += 1
    for half in halves:
        total_tried, total_caught = sum(tried[half].values()), sum(caught[half].values())
        share = total_caught / total_tried if total_tried else 0.0
        print(f"{name} [{half}]: planted {total_tried} defects, caught {total_caught} = {100 * share:.1f} % "
              f"(goal ≥ {100 * GOAL_RECALL:.0f} %; ratio to goal {share / GOAL_RECALL:.2f})")
        for defect in DEFECT_KINDS:
            if tried[half][defect]:
                print(f"  {defect}: {caught[half][defect]}/{tried[half][defect]} = "
                      f"{100 * caught[half][defect] / tried[half][defect]:.1f} %")


UNSEEN = {
    "tatoeba-cmn-eng": "tatoeba-cmn-eng/cmn-eng.tsv",
    "flores200-devtest zho_Hant": ("flores200-devtest/zho_Hant.devtest", "flores200-devtest/eng_Latn.devtest"),
}


def unseen(glossary: Glossary) -> None:
    """Alarms on human translations the checks were not tuned on, not reviewed: 29,000 short Tatoeba pairs
    and FLORES in traditional script (a translation of its own, not a conversion of zho_Hans)."""
    for name, where in UNSEEN.items():
        if isinstance(where, str):
            rows = [line.split("\t") for line in (EVAL / where).read_text(encoding="utf-8-sig").splitlines()]
            segs = [Segment(name, n, r[1], r[0]) for n, r in enumerate(rows, start=1) if len(r) >= 2]
        else:
            src, tgt = (EVAL / p for p in where)
            pairs = zip(src.read_text(encoding="utf-8").splitlines(), tgt.read_text(encoding="utf-8").splitlines())
            segs = [Segment(name, n, s, t) for n, (s, t) in enumerate(pairs, start=1)]
        alarms = [f for f in check_translation(segs, glossary) if f.severity in FAILING]
        kinds = ", ".join(f"{code} {n}" for code, n in Counter(f.code for f in alarms).most_common())
        print(f"{name}: {len(segs)} segments, {len(alarms)} errors and warnings = "
              f"{100 * len(alarms) / len(segs):.2f} per 100 ({kinds})")


def suggestions(glossary: Glossary, sample: int, rng: random.Random) -> None:
    from zhen.check.corpus import suggestion_rows, unregistered

    src = EVAL / SETS["newstest2019"][0]
    start = time.perf_counter()
    candidates = unregistered([(str(src), src.read_text(encoding="utf-8"))], glossary)
    rows = suggestion_rows(candidates).splitlines()[1:]
    variants = [r for r in rows if "variant" in r.split("\t")[-1]]
    print(f"newstest2019 sources: {len(candidates)} name candidates, {len(rows)} suggested rows, "
          f"{len(variants)} 'variant of' rows [{time.perf_counter() - start:.1f} s]")
    for row in variants:
        print("  variant row: " + " | ".join(row.split("\t")[:6]))
    picked = sorted(rng.sample(range(len(candidates)), min(sample, len(candidates))))
    print(f"  sample of {len(picked)} candidates for review (zh | English (source) | type | context):")
    for i in picked:
        c = candidates[i]
        print(f"  {i:4d} {c.text} | {c.english} ({c.source}) | {c.type} | …{c.context}…")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="suggested rows to print for review")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both",
                        help="which half of each set to report (bench/halves.py)")
    parser.add_argument("--no-unseen", action="store_true", help="skip Tatoeba and FLORES zho_Hant")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"{EVAL} is absent: nothing to measure (the dev sets live in ../shared/eval)")
        return 0
    glossary = load_glossary()
    print(f"glossary: {len(glossary)} entries ({glossary.signature})")
    print("== false alarms on human translations ==")
    for name in SETS:
        false_alarms(name, segments(name), glossary, chosen(args.half))
    print("== planted defects ==")
    for name in SETS:
        recall(name, segments(name), glossary, random.Random(args.seed), chosen(args.half))
    if not args.no_unseen:
        print("== texts the checks were not tuned on (not reviewed: alarms, real or false) ==")
        unseen(glossary)
    if args.sample:
        print("== name suggestions (check corpus) ==")
        suggestions(glossary, args.sample, random.Random(args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
