"""Script normalization on the dev sets: characters `zhen normalize` changes, and agreement with raw OpenCC on traditional text."""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
# (name, Chinese source relative to ../shared/eval); the simplified sets must change only where a
# character is genuinely traditional, the traditional one must convert as OpenCC does.
SETS = [
    ("flores-devtest zho_Hans", "flores200-devtest/zho_Hans.devtest"),
    ("newstest2019 zh", "newstest2019-zhen/newstest2019.zh-en.zh"),
    ("flores-devtest zho_Hant", "flores200-devtest/zho_Hant.devtest"),
]


def main() -> int:
    import opencc

    from zhen.text.normalize import DEFAULT_CONFIG, normalize

    raw = opencc.OpenCC(f"{DEFAULT_CONFIG}.json")
    for name, relative in SETS:
        path = EVAL / relative
        if not path.exists():
            print(f"{name}: {path} not found (needs ../shared/eval)")
            return 1
        lines = path.read_text(encoding="utf-8").splitlines()
        changes: collections.Counter[tuple[str, str]] = collections.Counter()
        differ = raw_changes = 0
        for line in lines:
            norm = normalize(line, DEFAULT_CONFIG)
            changes.update((line[i], norm.text[i]) for i in norm.changed())
            opencc_line = raw.convert(line)
            raw_changes += sum(a != b for a, b in zip(line, opencc_line))
            differ += sum(a != b for a, b in zip(norm.text, opencc_line))
        pairs = ", ".join(f"{a}→{b} ×{n}" for (a, b), n in changes.most_common(8)) + (" …" if len(changes) > 8 else "")
        print(f"{name}: {len(lines)} lines; zhen normalize ({DEFAULT_CONFIG}) changes {sum(changes.values())} characters"
              f" ({pairs or 'none'}); raw OpenCC {DEFAULT_CONFIG} (zhen before issue 16) changes {raw_changes};"
              f" the two differ in {differ}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
