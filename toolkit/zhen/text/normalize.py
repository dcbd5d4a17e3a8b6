"""Script normalization with OpenCC (traditional/Taiwan/HK → simplified) keeping an offset map."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from zhen.errors import UsageError

CONFIGS = ("tw2s", "t2s", "hk2s", "tw2sp")
# tw2s also reads the Taiwan forms t2s leaves alone (屋簷 → 屋檐, 痺 → 痹) and changes nothing in the
# simplified articles of the corpus; tw2sp also rewrites Taiwan vocabulary (滑鼠→鼠标), which is a
# translation choice, not a script change.
DEFAULT_CONFIG = "tw2s"
# Configs whose regional step may change only characters that are not valid simplified (see Converter).
REGIONAL = ("tw2s", "hk2s")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def converter(config: str = DEFAULT_CONFIG) -> Converter:
    """Return the (cached) converter for a config name such as 'tw2s'."""
    if config not in CONFIGS and config != "s2t":
        raise UsageError(f"unknown conversion config {config!r}; choose one of {', '.join(CONFIGS)}")
    return Converter(config)


@lru_cache(maxsize=None)
def valid_simplified(ch: str) -> bool:
    """Whether a character belongs to GB 2312, the standard simplified character set (著, 么, 于 …)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


class Converter:
    """An OpenCC conversion that, for tw2s and hk2s, changes a character valid in simplified text only on
    a line that is mostly traditional.

    OpenCC's tables expect traditional input. Their Taiwan and Hong Kong variant steps map characters
    that simplified text uses as they are: the Taiwan table reads every 著 as the particle 着, so tw2s
    turned 显著 into 显着 and 土著 into 土着, and 么 into 幺. So a change the variant step makes to a
    character of the standard simplified set that t2s (script conversion with its phrase dictionary:
    於 → 于, but 乾隆 kept) leaves as it is, is made only when its line holds more characters of
    traditional script only (t2s changes them: 隨著時間) than of simplified script only (s2t changes
    them: 两国合作成果显著); otherwise the character is kept. A simplified line's particle 著
    (象征著) is kept too: OpenCC cannot tell it from the 著 of 显著."""

    def __init__(self, config: str) -> None:
        import opencc

        self.config = config
        self._opencc = opencc.OpenCC(f"{config}.json")

    # Loaded only when the regional step changes a character simplified text may hold: most text never
    # needs them, and each holds a dictionary of its own in memory.
    @cached_property
    def _script(self):
        import opencc

        return opencc.OpenCC("t2s.json")

    @cached_property
    def _to_traditional(self):
        import opencc

        return opencc.OpenCC("s2t.json")

    def convert(self, text: str) -> str:
        """The text in simplified (or, for s2t, traditional) characters."""
        out = self._opencc.convert(text)
        if self.config not in REGIONAL or out == text or len(out) != len(text):
            return out
        simplified = self._script.convert(text)
        if len(simplified) != len(text):
            return out
        doubtful = [i for i in _differences(text, out) if simplified[i] == text[i] and valid_simplified(text[i])]
        if not doubtful:
            return out
        traditional = self._to_traditional.convert(text)
        if len(traditional) != len(text):
            return out
        chars, verdicts = list(out), {}
        for i in doubtful:
            start = text.rfind("\n", 0, i) + 1
            if start not in verdicts:
                end = text.find("\n", i) % (len(text) + 1)  # -1 (no newline) becomes len(text)
                line = text[start:end]
                verdicts[start] = (len(_differences(line, simplified[start:end]))
                                   > len(_differences(line, traditional[start:end])))
            if not verdicts[start]:
                chars[i] = text[i]
        return "".join(chars)


def _differences(a: str, b: str, block: int = 1024) -> list[int]:
    """Positions where two strings of one length differ; equal blocks are skipped by one comparison each,
    so a long line with a single traditional character costs little more than OpenCC's own pass."""
    return [i for start in range(0, len(a), block) if a[start:start + block] != b[start:start + block]
            for i in range(start, min(start + block, len(a))) if a[i] != b[i]]


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
