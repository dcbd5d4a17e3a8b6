"""Numbers in Chinese source and English target, with Chinese magnitudes, fractions, percentages and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass

ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
ZH_MAGNITUDE = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
EN_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "hundred": 100}
EN_MAGNITUDE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
                "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10}

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
ZH_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
ZH_YEAR = re.compile(r"(\d{4})年")
ZH_MONTH = re.compile(r"(?<![\d.])(\d{1,2})月(?!\d{1,2}日)")
ZH_FRACTION = re.compile(r"([一二三四五六七八九十\d]+)分之([一二两三四五六七八九十\d]+)")
ZH_RANGE = re.compile(rf"({NUM})\s*[-–~至到]\s*({NUM})\s*(万亿|亿|万|千)")
ZH_AMOUNT = re.compile(rf"({NUM})\s*(万亿|亿|万|千)?\s*(%|％|倍)?")
EN_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b|\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b", re.I)
EN_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
EN_AMOUNT = re.compile(rf"({NUM})\s*(thousand|million|billion|trillion)?\s*(%|percent|per cent)?", re.I)
EN_WORD_AMOUNT = re.compile(r"\b(" + "|".join(EN_WORDS) + r")\s+(thousand|million|billion|trillion)\b", re.I)
EN_FRACTION = re.compile(r"\b(a|an|one|two|three)[\s-]+(" + "|".join(EN_FRACTIONS) + r")\b|\b(\d+)/(\d+)\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number found in a text: its kind, its value, and the text it came from."""

    kind: str  # number, percent, fraction, date, month
    value: float | tuple[int, int]
    text: str
    start: int


def _zh_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + ZH_DIGITS.get(text[1:], 0) if len(text) > 1 else 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return ZH_DIGITS[tens] * 10 + (ZH_DIGITS[ones] if ones else 0)
    return ZH_DIGITS.get(text, 0)


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def chinese_quantities(text: str) -> list[Quantity]:
    """Numbers of a Chinese sentence: 4410亿 → 441000000000, 三分之一 → 1/3, 7月25日 → (7, 25), 2022年, 80%."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value, m: re.Match) -> None:
        if not any(a < m.end() and m.start() < b for a, b in taken):
            taken.append((m.start(), m.end()))
            found.append(Quantity(kind, value, m.group(0), m.start()))

    for m in ZH_DATE.finditer(text):
        add("date", (int(m.group(1)), int(m.group(2))), m)
    for m in ZH_FRACTION.finditer(text):
        add("fraction", _zh_int(m.group(2)) / _zh_int(m.group(1)), m)
    for m in ZH_RANGE.finditer(text):
        scale = ZH_MAGNITUDE[m.group(3)]
        taken.append((m.start(), m.end()))
        for group in (1, 2):
            found.append(Quantity("number", _num(m.group(group)) * scale, m.group(0), m.start(group)))
    for m in ZH_YEAR.finditer(text):
        add("number", float(m.group(1)), m)
    for m in ZH_MONTH.finditer(text):
        add("month", int(m.group(1)), m)
    for m in ZH_AMOUNT.finditer(text):
        value = _num(m.group(1)) * ZH_MAGNITUDE.get(m.group(2) or "", 1)
        add("percent" if m.group(3) in ("%", "％") else "number", value, m)
    return sorted(found, key=lambda q: q.start)


def english_quantities(text: str) -> list[Quantity]:
    """Numbers of an English sentence: 441 billion, two million, 80 percent, a third, July 25, June."""
    found: list[Quantity] = []
    for m in EN_DATE.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        found.append(Quantity("date", (MONTHS.index(month.lower()) + 1, int(day)), m.group(0), m.start()))
    for m in EN_MONTH.finditer(text):
        found.append(Quantity("month", MONTHS.index(m.group(1).lower()) + 1, m.group(0), m.start()))
    for m in EN_FRACTION.finditer(text):
        if m.group(3):
            value = int(m.group(3)) / int(m.group(4))
        else:
            count = 1 if m.group(1).lower() in ("a", "an", "one") else EN_WORDS[m.group(1).lower()]
            value = count * EN_FRACTIONS[m.group(2).lower()]
        found.append(Quantity("fraction", value, m.group(0), m.start()))
    for m in EN_WORD_AMOUNT.finditer(text):
        found.append(Quantity("number", EN_WORDS[m.group(1).lower()] * EN_MAGNITUDE[m.group(2).lower()], m.group(0), m.start()))
    for m in EN_AMOUNT.finditer(text):
        value = _num(m.group(1)) * EN_MAGNITUDE.get((m.group(2) or "").lower(), 1)
        found.append(Quantity("percent" if m.group(3) else "number", value, m.group(0), m.start()))
    return found


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def missing_quantities(source: str, target: str) -> list[Quantity]:
    """Source quantities that have no equal in the target (a percent may also be written as a number)."""
    target_q = english_quantities(target)
    missing = []
    for q in chinese_quantities(source):
        if q.kind in ("date", "month"):
            ok = any(t.kind == q.kind and t.value == q.value for t in target_q) or (
                q.kind == "month" and any(t.kind == "date" and t.value[0] == q.value for t in target_q))
        elif q.kind == "fraction":
            ok = any(t.kind in ("fraction", "number", "percent") and _same(t.value, q.value * (100 if t.kind == "percent" else 1))
                     for t in target_q)
        else:
            ok = any(t.kind in ("number", "percent") and _same(t.value, q.value) for t in target_q)
        if not ok:
            missing.append(q)
    return missing
