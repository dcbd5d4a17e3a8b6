"""Quantities of an English sentence: digits with currency, magnitude and unit, spelled-out numbers (read by
text2num), month names, decades, fractions and multiples."""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from zhen.check.quantity import FULL_WIDTH, Quantity, Reading, Taken, exact

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
              "nov": 11, "dec": 12}
MAGNITUDE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
             "trillion": 1e12, "tn": 1e12, "trn": 1e12}
FULL_MONTH = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b", re.I)
ABBR_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?(?=\s*\d)|"
                        r"(?<=\d)(?:st|nd|rd|th)?\s+(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
# "May" is a month only beside a day or after a word that introduces a date; otherwise it is the verb.
MAY_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|by|from|to|through|early|late|last|next|this|mid|between|and)[\s-]+)$", re.I)
# A currency's ISO code glued to or spaced from its amount (USD3.52 million, RMB6.44, CNY 5) is a currency, not
# a name with a number in it (G20, MH370).
CURRENCY_CODE = r"(?:USD|RMB|CNY|HKD|EUR|GBP|JPY|KZT|RUB|UZS|KGS|TJS|TMT|INR|KRW|AUD|CAD|CHF|SGD)"
EN_NUMBER = re.compile(
    rf"(?P<cur>(?:US|HK|A|C|NZ|S)?\$|£|€|¥|RMB ?|Rs\.? ?|{CURRENCY_CODE} ?)?(?P<apos>['’])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<dec>s)\b|(?P<ord>st|nd|rd|th)\b|(?P<sfx>bn|mn|mln|m|k|tn|trn|x)\b|(?P<unit>km|kg|kW|MW|GW|kV|cm|mm|pm|am|ha)\b"
    r"|[\s-]*(?P<mag>thousand|million|billion|trillion|bn|mn|mln|tn)\b)?"
    r"(?P<pct>\s*(?:%|percent\b|per cent\b))?")
# A date written year first with dashes, points or slashes (2020-07-26, 2020.7.26, 2020/07/26), and a clock time
# with seconds (17:34:48): read whole, so 07 is the month of the date, not a number of its own.
EN_YMD = re.compile(r"(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?!\d|\.\d|-\d)")
CLOCK_SECONDS = re.compile(r"(?<![\d:.])([01]?\d|2[0-4]):([0-5]\d):([0-5]\d)(?![\d:])")
DURATION = re.compile(r"(?<![\d:.])(\d{1,2}):(\d{2})(\.\d+)(?![\d:])")  # 4:41.30, a race time
# 10:30, 9:00 pm, 8.30 p.m. (a point only before a.m., p.m. or a time zone), 1200 GMT
TIME = re.compile(r"\b(?P<h>[01]?\d|2[0-4])(?::|\.(?=[0-5]\d\s*(?:[ap]\.?m\b|GMT\b|UTC\b)))(?P<min>[0-5]\d)(?!\.\d)"
                  r"(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
                  r"|\b(?P<h24>[01]\d|2[0-4])(?P<min24>[0-5]\d)(?=\s+(?:GMT|UTC|hrs|hours)\b)", re.I)
SLASH_FRACTION = re.compile(r"(?<![\d/.])([1-9])/([2-9]|10)(?![\d/]|\.\d)")
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                  "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9}
FRACTION = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(" + "|".join(FRACTION_WORDS) + r")\b", re.I)
MULTIPLE_WORDS: dict[str, float] = {"twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twofold": 2, "two-fold": 2,
                  "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "treble": 3, "trebled": 3, "threefold": 3,
                  "three-fold": 3, "quadruple": 4, "quadrupled": 4, "fourfold": 4, "four-fold": 4, "half": 0.5,
                  "both": 2, "pair": 2, "couple": 2, "dozen": 12, "decade": 10}
MULTIPLE = re.compile(r"\b(?:(?:a|one)\s+)?(" + "|".join(MULTIPLE_WORDS) + r")\b", re.I)
NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
                "thousand million billion trillion first second third fourth fifth sixth seventh eighth ninth tenth "
                "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
                "twentieth thirtieth fortieth fiftieth hundredth thousandth").split()
WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
SPELLED = re.compile(rf"\b(?:a\s+(?=hundred|thousand|million|billion|trillion))?{WORD}(?:(?:\s+and\s+|[\s-]+){WORD})*\b", re.I)
RANGE_GAP = re.compile(r"\s*(?:to|-|–|—|and|or)\s*")
# "hundreds of prisoners" (逾百囚犯, 数百名), "tens of thousands": a range, never reported
VAGUE = re.compile(r"\b(?:(tens|hundreds)\s+of\s+)?(dozens|decades|hundreds|thousands|millions|billions)\b", re.I)
VAGUE_BASE = {"dozens": 12.0, "decades": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
PARTS = re.compile(r"\b(halves|thirds|quarters|fifths|tenths)\b", re.I)
ORDINAL_ADVERBS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
ORDINAL_ADVERB = re.compile(r"\b(first|second|third|fourth|fifth|sixth)ly\b", re.I)
DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
                "eighties": 80, "nineties": 90}
DECADE = re.compile(r"\b(" + "|".join(DECADE_WORDS) + r")\b", re.I)
TEENS = re.compile(r"\bteens\b", re.I)  # "in her teens" (十几岁); often for 青少年, so never reported


class _Reader:
    def __init__(self, text: str) -> None:
        self.raw = text
        self.text = text.translate(FULL_WIDTH)
        self.found: list[Quantity] = []
        self.mag: dict[int, float] = {}
        self.taken = Taken()

    def add(self, kind: str, value: float, start: int, end: int, readings: set[Reading], optional: bool = False,
            mag: float = 1.0) -> None:
        if self.taken.overlaps(start, end):
            return
        self.taken.append((start, end))
        self.found.append(Quantity(kind, value, self.raw[start:end], start, (frozenset(readings),), optional))
        if mag != 1.0:
            self.mag[start] = mag

    def read(self) -> list[Quantity]:
        text = self.text
        for m in EN_YMD.finditer(text):
            self.ymd(m)
        for m in CLOCK_SECONDS.finditer(text):
            hour = int(m.group(1))
            self.add("number", hour, m.start(), m.end(), {exact("n", hour)} | ({exact("n", hour - 12)} if hour > 12 else set()))
            for group in (2, 3):
                if int(m.group(group)):
                    value = float(m.group(group))
                    self.found.append(Quantity("number", value, m.group(group), m.start(group), (frozenset({exact("n", value)}),)))
        for m in DURATION.finditer(text):
            seconds = int(m.group(1)) * 60 + int(m.group(2)) + float(m.group(3))
            self.add("number", seconds, m.start(), m.end(), {exact("duration", seconds)})
        for m in TIME.finditer(text):
            self.time(m)
        for m in SLASH_FRACTION.finditer(text):
            share = int(m.group(1)) / int(m.group(2))
            self.add("fraction", share, m.start(), m.end(), {exact("n", share)}, optional=True)
        for m in EN_NUMBER.finditer(text):
            self.number(m)
        for m in FRACTION.finditer(text):
            count = SMALL[m.group(1).lower()]
            share = count / FRACTION_WORDS[m.group(2).lower()]
            # "three quarters" may also be three quarters of a year (前三季度)
            readings = {exact("n", share), exact("n", share * 100)} | ({exact("n", count)} if count > 1 else set())
            if m.group(2).lower() in ("third", "fourth", "fifth", "tenth"):
                readings.add(exact("n", FRACTION_WORDS[m.group(2).lower()]))  # "a fifth man" may be the fifth
            self.add("fraction", share, m.start(), m.end(), readings, optional=True)
        for m in VAGUE.finditer(text):
            base = VAGUE_BASE[m.group(2).lower()] * {"tens": 10.0, "hundreds": 100.0}.get((m.group(1) or "").lower(), 1.0)
            self.add("number", base, m.start(), m.end(), {("n", base, base * 10 - 1)}, optional=True)
        for m in PARTS.finditer(text):  # "into thirds": three parts
            self.add("fraction", FRACTION_WORDS[m.group(1).lower()], m.start(), m.end(),
                     {exact("n", FRACTION_WORDS[m.group(1).lower()])}, optional=True)
        for m in ORDINAL_ADVERB.finditer(text):
            rank = ORDINAL_ADVERBS[m.group(1).lower()]
            self.add("ordinal", rank, m.start(), m.end(), {exact("n", rank)}, optional=True)
        for m in DECADE.finditer(text):
            value = DECADE_WORDS[m.group(1).lower()]
            self.add("decade", value, m.start(), m.end(), {exact("decade", value)})
        for m in TEENS.finditer(text):
            self.add("decade", 10, m.start(), m.end(), {exact("decade", 10)}, optional=True)
        for m in MULTIPLE.finditer(text):
            times = MULTIPLE_WORDS[m.group(1).lower()]
            readings = {exact("n", times)} | ({exact("n", 50)} if times == 0.5 else set())
            self.add("multiple", times, m.start(), m.end(), readings, optional=True)
        for m in SPELLED.finditer(text):
            self.spelled(m)
        self.months()
        self.link_ranges()
        return sorted(self.found, key=lambda q: q.start)

    def number(self, m: re.Match[str]) -> None:
        text, start, end = self.text, m.start(), m.end()
        name = re.search(r"([A-Za-z]+)-?$", text[max(0, start - 12):start])
        if name and not m.group("cur") and name.group(1).lower() not in ("post", "pre", "mid", "late", "early") \
                and not re.search(r"\d(?:st|nd|rd|th)-$", text[max(0, start - 6):start]):
            return  # G20, COVID-19, MH370 are names; post-90s, mid-2000s, 4th-5th are not
        if re.match(r"[A-Za-z\d]", text[end:end + 1]) or re.match(r"[.,]\d", text[end:end + 2]):
            return  # 5G, 2021.6.11 and other codes
        value = float(m.group("num").replace(",", ""))
        if m.group("dec") and value.is_integer() and value % 10 == 0:
            self.add("decade", value, start, end, {exact("decade", value), exact("decade", value % 100)})
            return
        if m.group("apos") and not m.group("dec"):
            start = m.start("num")
        if m.group("ord"):
            # An ordinal in digits (the 26th, the 19th) is a figure to check, as a day or a rank; in words it may
            # be a manner of speaking ("first", "second").
            self.add("ordinal", value, start, end, {exact("n", value)})
            return
        suffix = (m.group("mag") or m.group("sfx") or "").lower()
        if suffix == "x":
            self.add("multiple", value, start, end, {exact("n", value)})
            return
        readings = {exact("n", value)}
        scale = MAGNITUDE.get(suffix, 1.0)
        if suffix in ("m", "k") and not m.group("cur"):
            readings.add(exact("n", value * scale))  # 100m may be metres; $500m is money
            self.add("number", value, start, end, readings)
            return
        total = value * scale
        if total <= 1 or _after_no(text, start):  # "1 point", "No. 5 Group": articles and names
            self.add("number", total, start, end, {exact("n", total)}, optional=True)
            return
        kind = "percent" if m.group("pct") else "year" if scale == 1 and value.is_integer() and 1900 <= value <= 2100 \
            and m.group("num").isdigit() else "number"
        self.add(kind, total, start, end, {exact("n", total)}, mag=scale)

    def ymd(self, m: re.Match[str]) -> None:
        """2020-07-26: the year, and the month and day as one date (as 7月26日 is on the Chinese side)."""
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return
        self.found.append(Quantity("year", float(year), m.group(1), m.start(1), (frozenset({exact("n", year)}),)))
        self.found.append(Quantity("date", (month, day), self.raw[m.start(3):m.end(4)], m.start(3),
                                   (frozenset({exact("month", month), exact("n", month)}), frozenset({exact("n", day)}))))
        self.taken.append(m.span())

    def time(self, m: re.Match[str]) -> None:
        """10:30, 9:00 pm, 1200 GMT: the hour (in both clocks) and the minutes unless they are :00."""
        if self.taken.overlaps(m.start(), m.end()):
            return
        hour = int(m.group("h") or m.group("h24"))
        minutes = int(m.group("min") or m.group("min24"))
        readings = {exact("n", hour)} | ({exact("n", hour + 12)} if (m.group("ap") or "").lower() == "p" else set())
        readings |= {exact("n", hour - 12)} if hour > 12 else set()
        self.add("number", hour, m.start(), m.end(), readings)
        if minutes:
            at = m.start("min") if m.group("min") else m.start("min24")
            self.found.append(Quantity("number", minutes, self.raw[at:at + 2], at, (frozenset({exact("n", minutes)}),)))

    def spelled(self, m: re.Match[str]) -> None:
        words = m.group(0)
        if self.taken.overlaps(m.start(), m.end()):
            return  # "one-third" is read as a fraction
        if re.fullmatch(r"thousand|million|billion|trillion", words, re.I):
            return  # "exceeded million tons" has lost its number: a bare scale word is no quantity ("a million" is)
        converted = alpha2digit(words, "en", threshold=0)
        if converted == words and "-" in words:  # "eight-thirty", a time, is two numbers side by side
            converted = alpha2digit(words.replace("-", " "), "en", threshold=0)
        numbers = re.findall(r"(\d+(?:\.\d+)?)(st|nd|rd|th)?", converted)
        if len(numbers) != 1 and words.lower().startswith("a "):
            numbers = re.findall(r"(\d+)(st|nd|rd|th)?", alpha2digit("one " + words[2:], "en", threshold=0))
        if len(numbers) > 1:  # "two three-point shots": two numbers side by side
            for digits, ordinal in numbers:
                value = float(digits)
                self.found.append(Quantity("ordinal" if ordinal else "number", value, words, m.start(),
                                           (frozenset({exact("n", value)}),), optional=True))
            self.taken.append((m.start(), m.end()))
            return
        if not numbers:
            return
        digits, ordinal = numbers[0]
        value = float(digits)
        tail = re.search(r"(thousand|million|billion|trillion)$", words, re.I)
        scale = MAGNITUDE[tail.group(1).lower()] if tail else 1.0
        small = value < 10 and not tail or bool(re.fullmatch(r"(?:a\s+)?(thousand|million|billion|trillion)", words, re.I))
        self.add("ordinal" if ordinal else "number", value, m.start(), m.end(), {exact("n", value)},
                 optional=bool(ordinal) or small, mag=scale)

    def months(self) -> None:
        for m in FULL_MONTH.finditer(self.text):
            if m.group(1).lower() == "may" and not m.group(1) == "May" or m.group(1) == "May" and not (DIGIT_AFTER.match(self.text, m.end())
                                            or _may_context(self.text, m.start())):
                continue
            month = MONTHS.index(m.group(1).lower()) + 1
            self.add("month", month, m.start(), m.end(), {exact("month", month)}, optional=True)
        for m in ABBR_MONTH.finditer(self.text):
            name = (m.group(1) or m.group(2)).lower()
            start = m.start(1) if m.group(1) else m.start(2)
            self.add("month", MONTH_ABBR[name], start, m.end(), {exact("month", MONTH_ABBR[name])}, optional=True)

    def link_ranges(self) -> None:
        """"60 to 85 billion": both ends carry billion (the first also keeps its bare reading)."""
        qs = sorted(self.found, key=lambda q: q.start)
        for i in range(len(qs) - 2, -1, -1):
            a, b = qs[i], qs[i + 1]
            if a.kind not in ("number", "year") or a.start in self.mag or b.start not in self.mag \
                    or not RANGE_GAP.fullmatch(self.text[a.end:b.start]) or not isinstance(a.value, float):
                continue
            scale = self.mag[b.start]
            new = Quantity("number", a.value * scale, a.text, a.start,
                           (frozenset(a.parts[0] | {exact("n", a.value * scale)}),), a.optional)
            self.mag[a.start] = scale
            self.found[self.found.index(a)] = new
            qs[i] = new


# What is read right before a number or a month, read near it: the text before it, once per number, would cost
# the square of a long line. Both patterns end in a run of spaces (or dashes) after a short word.
NO_BEFORE = re.compile(r"\bNo\.\s*$")
DIGIT_AFTER = re.compile(r"\s+\d")


def _tail_start(text: str, end: int, chars: str) -> int:
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return end


def _after_no(text: str, start: int) -> bool:
    return NO_BEFORE.search(text, max(0, _tail_start(text, start, "") - len("No.")), start) is not None


def _may_context(text: str, start: int) -> bool:
    return MAY_CONTEXT.search(text, max(0, _tail_start(text, start, "-") - len("between")), start) is not None


def english_quantities(text: str) -> list[Quantity]:
    """Quantities of an English sentence: 441 billion, $500m, £1.35bn, twenty-three, 80 percent, a third, twice,
    the 1990s, October 5th, Sept. 26; articles ("one", "a") and ordinals are read but marked optional."""
    return _Reader(text).read()
