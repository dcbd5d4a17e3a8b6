"""Script normalization with OpenCC (traditional/Taiwan/HK → simplified) keeping an offset map."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from zhen.errors import UsageError

CONFIGS = ("tw2s", "t2s", "hk2s", "tw2sp")
# tw2s converts 象征著→象征着 (t2s and hk2s keep 著) and changes nothing in the
# simplified articles of the corpus; tw2sp also rewrites Taiwan vocabulary (滑鼠→鼠标),
# which is a translation choice, not a script change.
DEFAULT_CONFIG = "tw2s"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def converter(config: str = DEFAULT_CONFIG):
    """Return the (cached) OpenCC converter for a config name such as 'tw2s'."""
    if config not in CONFIGS and config != "s2t":
        raise UsageError(f"unknown conversion config {config!r}; choose one of {', '.join(CONFIGS)}")
    import opencc

    return opencc.OpenCC(f"{config}.json")


@dataclass(frozen=True)
class Normalized:
    """Simplified text plus, for each of its characters, the offset in the original text."""

    original: str
    text: str
    offsets: list[int] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text back to the original text."""
        if start >= len(self.offsets):
            return len(self.original), len(self.original)
        o_start = self.offsets[start]
        o_end = self.offsets[end] if end < len(self.offsets) else len(self.original)
        return o_start, max(o_end, o_start + (1 if end > start else 0))

    def changed(self) -> list[int]:
        """Offsets in the normalized text of characters that differ from the original."""
        return [i for i, o in enumerate(self.offsets) if self.original[o : o + 1] != self.text[i]]


def normalize(text: str, config: str = DEFAULT_CONFIG) -> Normalized:
    """Convert text to simplified Chinese with OpenCC and keep offsets back to the input."""
    out = converter(config).convert(text)
    if len(out) == len(text):
        return Normalized(text, out, list(range(len(text))))
    return Normalized(text, out, _align(text, out))


def _align(original: str, converted: str) -> list[int]:
    # Phrase conversions (tw2sp: 計程車→出租车) can change length; equal runs map
    # one to one and each replaced run maps proportionally onto its source run.
    offsets: list[int] = []
    matcher = difflib.SequenceMatcher(None, original, converted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            offsets.extend(range(i1, i2))
        elif tag in ("replace", "insert"):
            width = max(i2 - i1, 1)
            offsets.extend(min(i1 + (k * width) // (j2 - j1), max(i2 - 1, i1)) for k in range(j2 - j1))
    return offsets


@dataclass(frozen=True)
class ScriptReport:
    """Counts of traditional characters in a text and the lines that mix scripts."""

    traditional_chars: int
    traditional_distinct: str
    mixed_lines: list[int]
    traditional_lines: list[int]


def script_report(text: str, config: str = DEFAULT_CONFIG) -> ScriptReport:
    """Report traditional-only characters (those OpenCC changes) and lines mixing both scripts."""
    to_trad = converter("s2t")
    count, distinct, mixed, trad_lines = 0, {}, [], []
    for number, line in enumerate(text.splitlines(), start=1):
        norm = normalize(line, config)
        changed = [line[norm.offsets[i]] for i in norm.changed() if HAN.match(line[norm.offsets[i]])]
        if not changed:
            continue
        count += len(changed)
        distinct.update(dict.fromkeys(changed))
        trad_lines.append(number)
        # A line mixes scripts when it also holds characters that exist only in simplified form.
        if any(to_trad.convert(ch) != ch for ch in set(HAN.findall(line)) - set(changed)):
            mixed.append(number)
    return ScriptReport(count, "".join(distinct), mixed, trad_lines)
