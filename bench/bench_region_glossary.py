"""The region glossary on the dev sets: how often its entries match, and whether the human reference agrees."""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from zhen.terms.glossary import Entry, load_glossary
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = {
    "flores-hans": ("flores200-devtest/zho_Hans.devtest", "flores200-devtest/eng_Latn.devtest"),
    "flores-hant": ("flores200-devtest/zho_Hant.devtest", "flores200-devtest/eng_Latn.devtest"),
    "newstest2019": ("newstest2019-zhen/newstest2019.zh-en.zh", "newstest2019-zhen/newstest2019.zh-en.en"),
}


def is_region(entry: Entry) -> bool:
    """Entries of the hand-curated region files (people-region.tsv, media-region.tsv, ...)."""
    return Path(entry.origin.rpartition(":")[0]).stem.endswith("-region")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", type=int, default=0, help="print this many most frequent disagreements")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs the dev sets under {SHARED}; not found", file=sys.stderr)
        return 2
    glossary = load_glossary()
    matcher = matcher_for(glossary)
    region = [e for e in glossary if is_region(e)]
    print(f"region entries: {len(region)} of {len(glossary)} "
          f"({sum(e.enforced for e in region)} enforced, {sum(not e.enforced for e in region)} check-only)")
    misses: collections.Counter[tuple[str, str, str]] = collections.Counter()
    hit: set[str] = set()
    for name, (zh_path, en_path) in SETS.items():
        # [enforced, check-only] × [matches, reference has a preferred or admitted form]
        counts = {True: [0, 0], False: [0, 0]}
        sources = (SHARED / zh_path).read_text(encoding="utf-8").splitlines()
        references = (SHARED / en_path).read_text(encoding="utf-8").splitlines()
        for source, reference in zip(sources, references):
            for match in matcher.find(source):
                if not is_region(match.entry):
                    continue
                hit.add(match.entry.zh)
                agreed = bool(find_accepted(reference, match.entry))
                counts[match.entry.enforced][0] += 1
                counts[match.entry.enforced][1] += agreed
                if not agreed:
                    misses[(match.entry.zh, match.text, match.entry.en)] += 1
        for enforced, (found, agreeing) in counts.items():
            label = "enforced  " if enforced else "check-only"
            share = f"{agreeing / found:6.1%}" if found else "     -"
            print(f"{name:13} {label} matches {found:4}  reference agrees {agreeing:4}  {share}")
    print(f"distinct region entries matched: {len(hit)}")
    for (zh, text, en), n in misses.most_common(args.misses):
        print(f"  {n:3}  {text} ({zh}) → {en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
