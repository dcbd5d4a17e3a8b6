"""Number check on the dev sets: findings per 100 segments on human references, and recall on planted defects."""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

from zhen.check.numbers import compare
from zhen.check.numbers_en import english_quantities

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = {
    "flores200-devtest": ("flores200-devtest/zho_Hans.devtest", "flores200-devtest/eng_Latn.devtest"),
    "newstest2019": ("newstest2019-zhen/newstest2019.zh-en.zh", "newstest2019-zhen/newstest2019.zh-en.en"),
    # Not used for tuning: the independent Taiwan-style translation of FLORES, as a check on over-fitting.
    "flores200-devtest-zho_Hant": ("flores200-devtest/zho_Hant.devtest", "flores200-devtest/eng_Latn.devtest"),
}


def plant(target: str, rng: random.Random) -> tuple[str, str] | None:
    """A copy of the reference with one number changed ×10 or ÷10 (441 billion → 44.1 billion), or dropped."""
    numbers = [q for q in english_quantities(target) if q.kind in ("number", "percent", "year") and not q.optional
               and re.search(r"\d", q.text)]
    if not numbers:
        return None
    q = rng.choice(numbers)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    assert digits is not None
    if rng.random() < 0.5:
        raw = digits.group(0).replace(",", "")
        changed = raw[:-1] if raw.endswith("0") and "." not in raw else (
            raw.replace(".", "", 1) if "." in raw else raw + "0")
        text = q.text[:digits.start()] + changed + q.text[digits.end():]
        return "changed", target[:q.start] + text + target[q.start + len(q.text):]
    return "dropped", target[:q.start].rstrip() + " " + target[q.start + len(q.text):].lstrip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print this many false alarms per set")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent; nothing to measure")
        return 0
    rng = random.Random(9)
    for name, (zh, en) in SETS.items():
        sources = (SHARED / zh).read_text(encoding="utf-8").splitlines()
        targets = (SHARED / en).read_text(encoding="utf-8").splitlines()
        kinds: Counter[str] = Counter()
        alarms = []
        planted = caught = 0
        by_plant: Counter[str] = Counter()
        caught_by: Counter[str] = Counter()
        for s, t in zip(sources, targets):
            issues = compare(s, t)
            kinds.update(i.kind for i in issues)
            alarms.extend((s, t, i) for i in issues)
            defect = plant(t, rng)
            if defect is not None:
                how, bad = defect
                planted += 1
                by_plant[how] += 1
                if len(compare(s, bad)) > len(issues):
                    caught += 1
                    caught_by[how] += 1
        n = len(sources)
        print(f"{name}: {n} segments, {sum(kinds.values())} number findings = "
              f"{100 * sum(kinds.values()) / n:.2f} per 100 segments ({', '.join(f'{k} {v}' for k, v in kinds.most_common())})")
        print(f"  recall: {caught}/{planted} planted defects caught = {100 * caught / max(planted, 1):.1f} % "
              f"({', '.join(f'{k} {caught_by[k]}/{v}' for k, v in by_plant.items())})")
        for s, t, i in rng.sample(alarms, min(args.show, len(alarms))):
            print(f"  - {i.kind}: {i.message}\n      zh: {s}\n      en: {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
