"""Numbers checked both ways between a Chinese source and its English translation: missing, extra, mismatched."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from zhen.check.numbers_en import english_quantities
from zhen.check.numbers_zh import chinese_quantities, relative_time
from zhen.check.quantity import Quantity, Readings, near, show

__all__ = ["NumberIssue", "Quantity", "chinese_quantities", "compare", "english_quantities", "missing_quantities"]

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")  # a word of English quoted in the source
# 安徽、重庆等8省 "Anhui, Chongqing and six other provinces": the English counts the others apart from the items
# listed before 等, which run back to the start of the clause and are separated by 、 or 和/及/与 (not in 和平,
# 共和, 涉及, 及时, 普及, 参与, 与会 and such words).
BEFORE_DENG = re.compile(r"等 ?$")
CLAUSE_END = re.compile(r"[，,；;。：:！？!?（(]")
LIST_SEPARATOR = re.compile(r"、|(?<!共)和(?![平谐])|(?<![涉普危波])及(?!时)|(?<![参參])[与與](?![会會])")
OTHER_BEFORE = re.compile(r"\bother\s+$", re.I)
OTHER_AFTER = re.compile(r"\s+other\b", re.I)
# English says a repeated number once and refers back to it ("both grew 5%", "the same year", "5% each").
REFERS_BACK = re.compile(r"\b(?:both|each|apiece|respectively|same|again|(?:that|the|this) (?:year|month|day|time))\b", re.I)


@dataclass(frozen=True)
class NumberIssue:
    """A number problem: `number-missing` (source only), `number-extra` (target only) or `number-mismatch`
    (a source number and a near target number, as 441 billion against 44.1 billion)."""

    kind: str
    message: str
    source: Quantity | None
    target: Quantity | None

    @property
    def column(self) -> int:
        """1-based column: in the source for missing and mismatched numbers, in the target for extra ones."""
        where = self.source if self.source is not None else self.target
        return where.start + 1 if where is not None else 1


def _found(q: Quantity, target: Readings) -> bool:
    """Every part of a source quantity is met by some target quantity (a date needs its month and its day)."""
    return all(target.meets(part) for part in q.parts)


def _derived(t: Quantity, source: Readings) -> bool:
    # meets is symmetric: some part of some source quantity meets t's readings.
    return source.meets(t.readings())


def _listing(quantities: list[Quantity]) -> str:
    return ", ".join(q.text.strip() for q in quantities) or "none"


def compare(source: str, target: str) -> list[NumberIssue]:
    """Source numbers the target lacks, and target numbers the source does not give, in source order.

    The English may derive a number without it being an error: 2022年 gives 2022, 20多万 "more than 200,000",
    a date its day and month, 第二 "second". Articles ("one", "a"), ordinals, spelled-out numbers under ten,
    month names, fractions and multiples in words are never reported as extra; years and days neither, when
    the source dates things relative to now (今年, 去年, 本月 …), since the translator then supplies them.
    安徽、重庆等8省 may be "Anhui, Chongqing and six other provinces": the others counted apart (`_others`).
    """
    src, tgt = chinese_quantities(source), english_quantities(target)
    src_readings, tgt_readings = Readings(src), Readings(tgt)
    relative = relative_time(source)
    # A day is required where the English dates things: beside a month name, or as a day written "the 26th".
    dated = any(t.kind == "month" or t.kind == "ordinal" and not t.optional for t in tgt)
    missing = [q for q in src if not q.optional and (q.kind != "day" or dated) and not _found(q, tgt_readings)]
    missing += _repeats_short(source, target, src, tgt_readings, missing)
    missing.sort(key=lambda q: q.start)
    paired: set[int] = set()
    for q in list(missing):
        others = _others(source, target, q, (t for t in tgt if id(t) not in paired))
        if others is not None:
            missing.remove(q)
            paired.add(id(others))
    extra = [t for t in tgt if not _derived(t, src_readings)]
    months = _Months(tgt)
    reportable = [t for t in extra if not t.optional and not (t.kind == "year" and (relative or _dated(t, months)))
                  and not (relative and (_beside_month(t, months) or t.kind == "ordinal") and _a_day(t))]
    issues: list[NumberIssue] = []
    # Listed once, not once per finding: a long line has thousands of numbers.
    src_listing, tgt_listing = _listing(src), _listing(tgt)
    # near reads only readings: extras that have the same are alike, so each missing number looks at each kind of
    # extra once (its first one not yet paired), not at every extra of a long line.
    # An ordinal ("for the first time") is not a figure gone wrong.
    alike: dict[frozenset, deque[Quantity]] = {}
    for t in extra:
        if id(t) not in paired and t.kind != "ordinal":
            alike.setdefault(t.readings(), deque()).append(t)
    order = {id(t): i for i, t in enumerate(extra)}
    for q in missing:
        heads = [group[0] for group in alike.values() if group and near(q, group[0])]
        partner = min(heads, key=lambda t: order[id(t)], default=None)
        if partner is not None:
            alike[partner.readings()].popleft()
            paired.add(id(partner))
            issues.append(NumberIssue("number-mismatch", f"{q.text.strip()} ({show(q)}) in the source, but "
                                      f"{partner.text.strip()} ({show(partner)}) in the target", q, partner))
        else:
            issues.append(NumberIssue("number-missing", f"{q.text.strip()} ({show(q)}) is not in the target "
                                      f"(numbers there: {tgt_listing})", q, None))
    for t in reportable:
        if id(t) not in paired:
            issues.append(NumberIssue("number-extra", f"{t.text.strip()} ({show(t)}) in the target is not in the "
                                      f"source (numbers there: {src_listing})", None, t))
    return issues


def _a_day(t: Quantity) -> bool:
    """A number that can be a day of a month: one the translator may supply; September 301 is none."""
    return isinstance(t.value, float) and t.value.is_integer() and 1 <= t.value <= 31


class _Months:
    """Where the month names of a text start and end, sorted: one beside a number is found by bisection."""

    def __init__(self, quantities: list[Quantity]) -> None:
        self.starts = sorted(m.start for m in quantities if m.kind == "month")
        self.ends = sorted(m.end for m in quantities if m.kind == "month")

    @staticmethod
    def _within(positions: list[int], low: int, high: int) -> bool:
        i = bisect_left(positions, low)
        return i < len(positions) and positions[i] <= high

    def ending(self, low: int, high: int) -> bool:
        return self._within(self.ends, low, high)

    def starting(self, low: int, high: int) -> bool:
        return self._within(self.starts, low, high)


def _beside_month(t: Quantity, months: _Months) -> bool:
    """A day number written next to a month name (October 5, 5 October)."""
    return months.ending(t.start - 2, t.start) or months.starting(t.end, t.end + 4)


def _repeats_short(source: str, target: str, src: list[Quantity], tgt: Readings,
                   missing: list[Quantity]) -> list[Quantity]:
    """A number the source says twice (5年前 … 5年后) and the target only once: the later ones are missing,
    unless the target refers back to it (REFERS_BACK: "both", "the same year").

    A number inside English words quoted in the source ("dated 4th July 1776") and given again in Chinese form
    (1776 年) is one number said in two scripts: the English needs it as often as the more frequent script has it.
    """
    short: list[Quantity] = []
    groups: dict[frozenset, list[Quantity]] = {}
    refers_back = REFERS_BACK.search(target) is not None  # once, not once per repeated number
    known = set(missing)  # the same test as q in missing, by hash instead of a scan
    for q in src:
        if not q.optional and q.kind not in ("day", "month", "date") and len(q.parts) == 1 and q not in known:
            groups.setdefault(q.parts[0], []).append(q)
    for part, group in groups.items():
        found = tgt.count(part)
        if found and refers_back:
            continue
        quoted = sum(1 for q in group if _in_latin_text(source, q))
        needed = max(quoted, len(group) - quoted)
        short += group[len(group) - needed + found:] if found < needed else []
    return short


def _in_latin_text(source: str, q: Quantity) -> bool:
    """A source number written among English words (a quotation, a title): its run of ASCII text around it
    has two Latin words or more, so iPhone 12 or 2020 Olympics alone are not quotations."""
    start, end = q.start, q.end
    while start > 0 and source[start - 1].isascii():
        start -= 1
    while end < len(source) and source[end].isascii():
        end += 1
    return len(LATIN_WORD.findall(source[start:end])) >= 2


def _others(source: str, target: str, q: Quantity, target_quantities: Iterable[Quantity]) -> Quantity | None:
    """The target number that counts the others of 等N (中国财政部等四部委: "the Ministry of Finance and three
    other ministries", "… and other three ministries"): N less the items listed before 等, beside "other"."""
    # Searched near q only (等 and a space end the text before it), not over all of it: once per number.
    deng = BEFORE_DENG.search(source, max(0, q.start - 3), q.start)
    if deng is None or q.kind != "number" or q.approx or not isinstance(q.value, float):
        return None
    clause = CLAUSE_END.split(source[_clause_start(source, deng.start()):deng.start()])[-1]
    if not clause.strip():
        return None
    rest = q.value - (len(LIST_SEPARATOR.findall(clause)) + 1)
    return next((t for t in target_quantities if t.kind == "number" and t.value == rest >= 1
                 and (OTHER_AFTER.match(target, t.end) or _other_before(target, t.start))), None)


def _clause_start(text: str, end: int) -> int:
    """Where the clause that ends at end begins: after the last clause mark before it (0 when none)."""
    start = end
    while start > 0 and not CLAUSE_END.match(text, start - 1):
        start -= 1
    return start


def _other_before(target: str, end: int) -> bool:
    # "other" and the spaces after it end the text before the number: OTHER_BEFORE on that tail alone.
    start = end
    while start > 0 and target[start - 1].isspace():
        start -= 1
    return OTHER_BEFORE.search(target, max(0, start - len("other")), end) is not None


def _dated(year: Quantity, months: _Months) -> bool:
    """A year completing an English date (September 30, 2018; December 2015): the translator supplies it."""
    return months.ending(year.start - 12, year.start)


def missing_quantities(source: str, target: str) -> list[Quantity]:
    """Source quantities that have no equal in the target (the one-way check `compare` extends)."""
    tgt = english_quantities(target)
    readings = Readings(tgt)
    return [q for q in chinese_quantities(source) if not q.optional and not _found(q, readings)
            and _others(source, target, q, tgt) is None]
