"""What a number found in a text is: its readings (every value it may be written as) and how two readings agree."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

# A reading lives in a space: "n" for plain numbers (counts, amounts, percents, days, years, ordinals),
# "month" for a calendar month, "decade" for a decade (1990 or 90), "century" for a century.
Reading = tuple[str, float, float]  # (space, low, high); low == high for an exact value

# Full-width digits and separators as ASCII, one character for one so columns stay right.
FULL_WIDTH = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)} | {"\u3000": " "})


@dataclass(frozen=True)
class Quantity:
    """A number found in a text.

    `kind` and `value` are the main reading (number 441000000000.0, date (7, 25), month 7, decade 1990 …);
    `parts` are what must all be found on the other side (a date needs its month and its day), each part a
    set of acceptable readings; `optional` quantities are never reported on their own (an article "one",
    an ordinal "first", a year the source says as 今年); `approx` is more / about / nearly / less or "".
    """

    kind: str
    value: float | tuple[int, int]
    text: str
    start: int
    parts: tuple[frozenset[Reading], ...] = field(default=(), compare=False)
    optional: bool = field(default=False, compare=False)
    approx: str = field(default="", compare=False)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def readings(self) -> frozenset[Reading]:
        """Every reading of every part."""
        return frozenset(r for part in self.parts for r in part)


def exact(space: str, value: float) -> Reading:
    return (space, value, value)


def significant(value: float) -> str:
    """The significant digits of a value: 441000000000 → '441', 44.1 → '441', 0.25 → '25'."""
    if value == 0 or not math.isfinite(value):
        return "0"
    digits = f"{abs(value):.10e}".split("e")[0].replace(".", "").rstrip("0")
    return digits or "0"


def _rounds_to(precise: float, rounded: float) -> bool:
    """`rounded` is `precise` rounded to rounded's own significant digits (12.34亿 → 1.2 billion, 33.33 % → 33 %)."""
    if rounded == 0:
        return False
    digits = len(significant(rounded))
    scale = 10 ** (math.floor(math.log10(abs(rounded))) - digits + 1)
    return abs(precise - rounded) <= scale / 2 + 1e-9 * abs(rounded)


def agree(a: float, b: float) -> bool:
    """Two values that a translator would write for the same number: equal, or one the other rounded.

    Rounding is accepted within 5 % and only where it is how numbers are rounded: a large amount to two
    significant digits or more (12.34亿 → 1.2 billion; to one digit from 100,000 up: 1.96 million → 2 million),
    or decimals dropped (33.33 % → 33 %). So 29 never passes for 30, 114 for 110, or 0.508 for 0.5.
    """
    if abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0):
        return True
    if abs(a - b) > 0.05 * max(abs(a), abs(b)):
        return False
    for precise, rounded in ((a, b), (b, a)):
        digits = len(significant(rounded))
        large = abs(rounded) >= 1000 and (digits >= 2 or abs(rounded) >= 1e5)
        decimals = not float(precise).is_integer() and digits >= 2
        if (large or decimals) and _rounds_to(precise, rounded):
            return True
    return False


def meets(part: frozenset[Reading], other: frozenset[Reading]) -> bool:
    """Whether some reading of one side meets some reading of the other: equal values, a value in a range
    (20多万: 200,000–300,000), or two ranges that overlap (数万 and "tens of thousands")."""
    for space, low, high in part:
        for o_space, o_low, o_high in other:
            if space != o_space:
                continue
            if low == high and o_low == o_high:
                if agree(low, o_low):
                    return True
            elif low <= o_high and o_low <= high or agree(low, o_low) or agree(high, o_high):
                return True
    return False


class Taken:
    """The spans of a text already read as quantities. Whether a new span overlaps one is asked of the spans
    that start near it (no span is longer than the longest), not of every span: a long line has thousands."""

    def __init__(self) -> None:
        self.ends: dict[int, list[int]] = {}
        self.longest = 0

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.ends.setdefault(start, []).append(end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span (a, b) with a < end and start < b."""
        return any(start < b for a in range(start - self.longest, end) for b in self.ends.get(a, ()))


def reach(value: float) -> float:
    """How far from value another can lie and still agree with it: agree holds within 5 % (or 1e-9 of a
    value below one), so a tenth of the value, plus one, is never too near."""
    return 0.1 * abs(value) + 1.0


class Readings:
    """The readings of many quantities, sorted by value, so that whether a part meets one of them, or how many
    quantities it meets, is decided by the few readings near its values: a scan of every quantity for every
    number made a long line cost the square of its length. Same answers as meets over each quantity's readings."""

    def __init__(self, quantities: list[Quantity]) -> None:
        self.owners: dict[Reading, list[int]] = {}
        for i, q in enumerate(quantities):
            for reading in q.readings():
                self.owners.setdefault(reading, []).append(i)
        self.values: dict[str, list[float]] = {}
        self.ranges: dict[str, list[Reading]] = {}
        for space, low, high in self.owners:
            if low == high:
                self.values.setdefault(space, []).append(low)
            else:
                self.ranges.setdefault(space, []).append((space, low, high))
        for values in self.values.values():
            values.sort()

    def _met(self, reading: Reading) -> list[Reading]:
        space, low, high = reading
        values = self.values.get(space, [])
        # v - reach(v) and v + reach(v) rise with v: this window holds every value near low or high.
        first, last = min(low, high), max(low, high)
        near = values[bisect_left(values, first - reach(first)):bisect_right(values, last + reach(last))]
        candidates = [(space, v, v) for v in near] + self.ranges.get(space, [])
        return [r for r in candidates if meets(frozenset({reading}), frozenset({r}))]

    def meets(self, part: frozenset[Reading]) -> bool:
        """meets(part, r) for some quantity's readings r."""
        for space, low, high in part:
            values = self.values.get(space, [])
            if low < high and bisect_right(values, high) > bisect_left(values, low):
                return True  # a value inside the range: the common case of a wide range, decided at once
            if self._met((space, low, high)):
                return True
        return False

    def count(self, part: frozenset[Reading]) -> int:
        """How many of the quantities have a reading that part meets."""
        return len({i for reading in part for met in self._met(reading) for i in self.owners[met]})


def near(a: Quantity, b: Quantity) -> bool:
    """Two quantities close enough to be one number mistranslated: same digits (441 billion vs 44.1 billion),
    within a factor of two (July 25 vs July 24), or two fractions (a third vs a quarter)."""
    for sa, la, _ in a.readings():
        for sb, lb, _ in b.readings():
            if sa != sb or la == 0 or lb == 0:
                continue
            if significant(la) == significant(lb) or 0.5 <= la / lb <= 2 or (la < 1 and lb < 1):
                return True
    return False


def show(q: Quantity) -> str:
    """A quantity's main reading for a message: 441,000,000,000; 7/25; 1/3 → 0.3333; 1990s."""
    if isinstance(q.value, tuple):
        return "/".join(map(str, q.value))
    value = float(q.value)
    if q.kind == "decade":
        return f"{value:.0f}s"
    text = f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"
    return ("more than " if q.approx == "more" else "about " if q.approx == "about"
            else "nearly " if q.approx == "nearly" else "") + text
