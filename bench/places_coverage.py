#!/usr/bin/env python3
"""How well the glossary's place and currency entries agree with human references on the dev sets."""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from zhen.terms.glossary import load_glossary
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = {
    "flores200-devtest (zho_Hans)": ("flores200-devtest/zho_Hans.devtest", "flores200-devtest/eng_Latn.devtest"),
    "flores200-devtest (zho_Hant)": ("flores200-devtest/zho_Hant.devtest", "flores200-devtest/eng_Latn.devtest"),
    "newstest2019 zh-en": ("newstest2019-zhen/newstest2019.zh-en.zh", "newstest2019-zhen/newstest2019.zh-en.en"),
}


def measure(glossary_paths: list[str] | None, types: set[str], show: int) -> None:
    glossary = load_glossary(glossary_paths)
    matcher = matcher_for(glossary)
    print(f"glossary: {len(glossary)} entries, {sum(1 for e in glossary if e.type in types)} of type {', '.join(sorted(types))}")
    for name, (src, ref) in SETS.items():
        sources = (SHARED / src).read_text(encoding="utf-8").splitlines()
        references = (SHARED / ref).read_text(encoding="utf-8").splitlines()
        total = agreed = 0
        misses: collections.Counter = collections.Counter()
        example: dict[str, str] = {}
        entries_seen = set()
        for source, reference in zip(sources, references):
            for match in matcher.find(source):
                if match.entry.type not in types:
                    continue
                total += 1
                entries_seen.add(match.entry.zh)
                if find_accepted(reference, match.entry):
                    agreed += 1
                else:
                    key = f"{match.text}→{match.entry.en}"
                    misses[key] += 1
                    example.setdefault(key, reference[:110])
        share = 100 * agreed / total if total else 0.0
        print(f"{name}: {total} occurrences of {len(entries_seen)} entries; "
              f"accepted English in the reference: {agreed} ({share:.1f} %)")
        for key, count in misses.most_common(show):
            print(f"    miss {count:3d}  {key}   ref: {example[key]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-g", "--glossary", action="append", help="glossary file or directory (default: bundled)")
    parser.add_argument("--types", default="place,currency", help="entry types to measure (comma-separated)")
    parser.add_argument("--show", type=int, default=10, help="most frequent misses to list per set")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"needs the dev sets in {SHARED}")
    measure(args.glossary, set(args.types.split(",")), args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
