"""Quantities of a Chinese sentence: digits and Chinese numerals (valued by zh_numerals), with zhen's rules for
units, approximations, dates, decades, percents, 成, 倍 and fractions."""

from __future__ import annotations

import re
from dataclasses import replace

from zhen.check.quantity import FULL_WIDTH, Quantity, Reading, Taken, exact
from zhen.check.zh_numerals import (
    APPROX_PRE,
    CLOCK,
    CN_CHARS,
    COUNT_UNITS,
    DAY_AFTER,
    HALF_AFTER,
    HALF_OF,
    HALF_UNIT,
    KILO_UNITS,
    MAGNITUDE,
    NOT_TENTHS,
    RACE_TIME,
    RANGE_GAP,
    RELATIVE_TIME,
    RUN,
    VAGUE_PRE,
    ZH_NUMBER,
    ZH_SLASH_FRACTION,
    ZH_YMD,
    classified,
    glued,
    more_than,
    zh_value,
)
from zhen.text.normalize import normalize


# 周四 is Thursday: read at the number (with room for a newline), not over all the text before it.
WEEKDAY_BEFORE = re.compile(r"(?:周|星期|礼拜)$")


def relative_time(source: str) -> bool:
    """Whether the source dates things relative to now (今年, 去年, 本月 …), so the English may name a year or day it lacks."""
    return bool(RELATIVE_TIME.search(normalize(source).text))


class _Reader:
    def __init__(self, text: str) -> None:
        self.raw = text
        # Traditional and Taiwan forms (萬, 億, 兩, 點, 號, 後, 個) read as simplified; spans map back to the input.
        self.normalized = normalize(text)
        self.text = self.normalized.text.translate(FULL_WIDTH)
        self.found: list[Quantity] = []
        self.mag: dict[int, float] = {}  # start of a quantity → the magnitude it carries (for ranges)
        self.taken = Taken()

    def add(self, kind: str, value: float | tuple[int, int], start: int, end: int, parts: list[set[Reading]],
            optional: bool = False, approx: str = "", mag: float = 1.0) -> None:
        if self.taken.overlaps(start, end):
            return
        self.taken.append((start, end))
        self.found.append(Quantity(kind, value, self.text[start:end], start, tuple(frozenset(p) for p in parts),
                                   optional, approx))
        if mag != 1.0:
            self.mag[start] = mag

    def read(self) -> list[Quantity]:
        text = self.text
        for m in ZH_YMD.finditer(text):
            year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if 1 <= month <= 12 and 1 <= day <= 31:
                self.add("number", float(year), m.start(1), m.end(1), [{exact("n", year)}])
                self.add("date", (month, day), m.start(3), m.end(4), [{exact("month", month)}, {exact("n", day)}])
        for m in CLOCK.finditer(text):
            self.clock(m)
        for m in RACE_TIME.finditer(text):
            seconds = int(m.group(1) or 0) * 60 + int(m.group(2)) + float("0." + m.group(3))
            readings = {exact("duration", seconds)} | (set() if m.group(1) else {exact("n", seconds)})
            self.add("number", seconds, m.start(), m.end(), [readings])
        for m in ZH_SLASH_FRACTION.finditer(text):
            share = int(m.group(1)) / int(m.group(2))
            self.add("fraction", share, m.start(), m.end(), [{exact("n", share), exact("n", share * 100)}])
        for m in ZH_NUMBER.finditer(text):
            self.number(m)
        self.halves()
        self.link_ranges()
        mapped = []
        for q in self.found:
            start, end = self.normalized.to_original(q.start, q.end)
            mapped.append(replace(q, text=self.raw[start:end], start=start))
        return sorted(mapped, key=lambda q: q.start)

    def number(self, m: re.Match[str]) -> None:
        text, numeral, unit = self.text, m.group("num"), m.group("unit") or ""
        start, end = m.start("num"), m.end()
        pure_chinese = not re.search(r"\d", numeral)
        kilo = unit == "" and numeral.endswith("千") and text[m.end("num"):m.end("num") + 1] in KILO_UNITS
        if kilo:
            numeral = numeral[:-1]  # 千米, 千伏, 千瓦, 千克: kilo-, not thousand
        if not numeral or glued(text, start, m.end("num")):
            return
        if unit == "分之" and numeral in ("百", "一百"):  # 百分之八十
            self.fraction(m, 100.0, m.start() if m.group("pre") else start)
            return
        pre = m.group("pre") or ""
        if pre in VAGUE_PRE and not pure_chinese or pre == "过" and numeral.strip("百千万亿"):
            pre = ""  # 早上5点, 人数10, 通过5项: the character before is a word, not "several" or "over"
        if WEEKDAY_BEFORE.search(text, max(0, start - 3), start) or text.startswith("轮车", m.end("num")):
            return  # 周四 is Thursday, 三轮车 a tricycle
        if unit == "折":
            self.discount(m, numeral)
            return
        # 几十 "dozens", 几百 "hundreds": vague; 十几, 二十几岁 are 十多, 二十多岁 ("more than ten", "in her twenties").
        vague = pre in VAGUE_PRE or text[m.end("num"):m.end("num") + 1] == "几" and m.group("approx") != "几"
        if pure_chinese and numeral.strip("百千万亿") == "" and unit == "":
            self.round_magnitude(m, numeral, pre, vague)
            return
        if pure_chinese and (numeral.strip("百千万亿") == "" or numeral[0] in "百千万亿"
                             or numeral == "一" and unit not in ("成", "倍")):
            return
        pair = re.fullmatch(r"([两二三四五六七八])([三四五六七八九])([十百千万亿]*)", numeral) if pure_chinese else None
        if pair:
            self.neighbours(m, pair)
            return
        if pure_chinese and len(numeral) > 1 and not re.search("[十百千万亿]", numeral) and unit != "年":
            return  # 统一三峡: digits side by side without 十 or 百 are a name, unless a year (二〇二一年)
        value = zh_value(numeral)
        if value is None:
            return
        approx_word = m.group("approx")
        if vague:
            low = value * (2 if pre in ("数", "几") else 1)
            self.add("number", value, start - len(pre), m.end("num"), [{("n", low, value * 10)}], optional=True,
                     approx="about")
            return
        approx = APPROX_PRE.get(pre, "") or ("more" if approx_word else "")
        qstart = start - len(pre) if pre != "第" else start
        if unit == "分之":
            self.fraction(m, value, qstart)
            return
        if pre in ("第", "前"):
            if unit in ("", "年", "月", "日", "号"):  # 第二 "second", 前十 "top ten"
                self.add("ordinal" if pre == "第" else "number", value, m.start(), m.end("num"), [{exact("n", value)}],
                         optional=value <= 1)
            return
        handler = {"年代": self.decade, "后": self.decade, "世纪": self.century, "年": self.year, "月": self.month,
                   "日": self.day, "号": self.day, "倍": self.multiple, "成": self.tenths, "%": self.percent,
                   "时": self.hour, "点": self.hour}.get(unit)
        if handler is not None and handler(m, value, qstart, end, pure_chinese):
            return
        mag_word = m.group("mag") or ""
        end = m.end("mag") if mag_word else m.end("approx") if approx_word else start + len(numeral)
        # A Chinese numeral with no classifier (一比四十, 十一 the holiday) may explain the English; never reported.
        # 两 is often "both", "the pair" or a plural: 两位摄影师 "the photographers".
        loose = pure_chinese and not kilo and not mag_word and (not classified(text, end) or numeral in ("两", "二"))
        # The count closing a list (谭卫、何章鸿、赖斌三人; 起、中、尾三个点位) is often left to the list itself.
        loose = loose or pure_chinese and bool(re.search(r"、[^，。；、的]{1,8}$", text[max(0, qstart - 40):qstart]))
        tail = re.search(r"(万亿|亿|万|千|百)$", numeral)
        mag = MAGNITUDE[mag_word] if mag_word else MAGNITUDE[tail.group(1)] if tail else 1.0
        total = value * MAGNITUDE.get(mag_word, 1.0)
        readings = {exact("n", total)}
        if approx_word:  # 20多万: 200,000 and anything up to 300,000
            readings.add(more_than(value, MAGNITUDE.get(mag_word, 1.0)))
        if kilo:
            readings.add(exact("n", value * 1000))  # 34.538千米 may be written 34,538 metres
        if approx_word and text[end:end + 1] == "岁":
            readings.add(exact("decade", total))  # 20多岁: in his 20s
        # 一 may be left to the English article ("a"), but a fraction of one (0.5个百分点) is a figure to keep.
        self.add("number", total, qstart, end, [readings], optional=loose or total in (0, 1) and not approx,
                 approx=approx, mag=mag)

    def round_magnitude(self, m: re.Match[str], numeral: str, pre: str, vague: bool) -> None:
        """近千个 "nearly 1,000" and 百余人, 千多名 "more than 100 / 1,000" (required); 上万人, 数千, 千万亩: a round
        magnitude said loosely (optional)."""
        approx_word = m.group("approx")
        if approx_word and not vague:
            value = zh_value(numeral)
            scale = MAGNITUDE.get(m.group("mag") or "", 1.0)
            if value is not None:
                self.add("number", value * scale, m.start("num") - len(pre), m.end("approx") if not m.group("mag")
                         else m.end("mag"), [{exact("n", value * scale), more_than(value, scale)}], approx="more")
            return
        if not (vague or pre in APPROX_PRE or classified(self.text, m.end("num"))):
            return  # 千万不要 "by all means", 百姓 "the people"
        value = zh_value(numeral)
        if value is not None:
            readings = {exact("n", value)} | ({("n", value, value * 10)} if vague else set())
            self.add("number", value, m.start("num") - len(pre), m.end("num"), [readings],
                     optional=vague or pre not in APPROX_PRE, approx=APPROX_PRE.get(pre, "about"))

    def neighbours(self, m: re.Match[str], pair: re.Match[str]) -> None:
        """三四个 "three or four" needs both ends ("6-7", "six or seven"); 四五千年 may be "4,000-5,000" or one of them.
        Equal or distant digits (唯一一家, 一三) are not such a pair."""
        digits = "二三四五六七八九"
        if digits.index(pair.group(2)) != digits.index(pair.group(1).replace("两", "二")) + 1:
            return
        scale = zh_value("一" + pair.group(3)) if pair.group(3) else 1.0
        a, b = zh_value(pair.group(1)), zh_value(pair.group(2))
        if a is None or b is None or scale is None or not (pair.group(3) or classified(self.text, m.end("num"))):
            return
        low, high = exact("n", a * scale), exact("n", b * scale)
        self.add("number", a * scale, m.start("num"), m.end("num"),
                 [{low}, {high}] if not pair.group(3) else [{low, high}], approx="about")

    def halves(self) -> None:
        """两个半小时, 三年半 "three and a half years" (or 42 months), 1.5倍: the count gains a half; 半小时 alone is
        "half an hour" or 30 minutes, 一半 "half" or 50 %, never required."""
        for i, q in enumerate(self.found):
            after = HALF_AFTER.match(self.text, q.end)
            if q.kind != "number" or not isinstance(q.value, float) or after is None:
                continue
            unit = after.group(1) or next((u for u in COUNT_UNITS if q.text.endswith(u)), "")
            if not unit:
                continue  # 切成两半: two halves
            value = q.value + 0.5
            readings = {exact("n", value)}
            if unit in ("个", "小时", "钟头") and after.group(1) != "个月":
                readings.add(exact("n", q.value * 60 + 30))  # 一个半小时: 90 minutes
            if unit == "年":
                readings.add(exact("n", q.value * 12 + 6))  # 三年半: 42 months
            self.found[i] = replace(q, parts=tuple(p | readings for p in q.parts))
        for m in HALF_UNIT.finditer(self.text):
            values = HALF_OF[m.group(1)] if m.group(1) else (0.5, 50.0)
            self.add("fraction", 0.5, m.start(), m.end(), [{exact("n", v) for v in values}], optional=True)

    def clock(self, m: re.Match[str]) -> None:
        hours, minutes = int(m.group(1)), int(m.group(2))
        if m.group(3):
            seconds = hours * 60 + minutes + float(m.group(3))
            self.add("number", seconds, m.start(), m.end(), [{exact("duration", seconds)}])
            return
        if hours > 24 or minutes > 59:
            return
        self.add("number", hours, m.start(1), m.end(1), [{exact("n", hours)} | ({exact("n", hours - 12)} if hours > 12 else set())])
        seconds = int(m.group(4) or 0)
        if seconds:
            self.add("number", seconds, m.start(4), m.end(4), [{exact("n", seconds)}])
        if minutes:
            self.add("number", minutes, m.start(2), m.end(2), [{exact("n", minutes)}])
        else:
            self.taken.append((m.start(2), m.end(2)))  # 12:00 时 "1200 GMT": :00 names no minutes, nor 00时 an hour

    def discount(self, m: re.Match[str], numeral: str) -> None:
        """七折 is a price cut to 70 %: "30 percent off" or "70 percent of the price"; 八五折 and 7.5折 have a second
        digit (85 %, 75 %), so 八五折 is "15 % off"."""
        if re.fullmatch(r"\d(?:\.\d)?", numeral):
            tenths = float(numeral)
        elif re.fullmatch(r"\d\d|[一二三四五六七八九][一二三四五六七八九]?", numeral):
            digits = [int(c) if c.isdigit() else "一二三四五六七八九".index(c) + 1 for c in numeral]
            tenths = digits[0] + (digits[1] / 10 if len(digits) > 1 else 0.0)
        else:
            return
        if not 0 < tenths < 10:
            return
        paid, off = tenths * 10, 100 - tenths * 10
        self.add("percent", paid, m.start("num"), m.end(),
                 [{exact("n", paid), exact("n", off), exact("n", paid / 100), exact("n", off / 100)}])

    def fraction(self, m: re.Match[str], denominator: float, qstart: int) -> None:
        after = re.compile(RUN).match(self.text, m.end())
        numerator = zh_value(after.group(0)) if after else None
        if not after or numerator is None or denominator == 0:
            return
        share = numerator / denominator
        readings = {exact("n", share), exact("n", share * 100)}
        kind = "percent" if denominator == 100 else "fraction"
        self.add(kind, share * 100 if kind == "percent" else share, qstart, after.end(), [readings])

    def decade(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if m.group("unit") == "后" and not re.fullmatch(r"\d0|\d5", m.group("num")):
            return False  # 80后 is a generation; 3后 is not
        before = re.compile(rf"({RUN})\s*世纪\s*$").search(self.text, _century_tail(self.text, qstart), qstart)
        century = zh_value(before.group(1)) if before else None
        if century is not None and value < 100:
            full = (century - 1) * 100 + value
        elif value < 100:
            full = (1900 if value >= 20 else 2000) + value
        else:
            full = value
        start = before.start() if before else qstart
        self.add("decade", full, start, end, [{exact("decade", full), exact("decade", full % 100)}])
        return True

    def century(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if re.compile(rf"\s*{RUN}\s*年代").match(self.text, end):
            return True  # 20世纪60年代 is read as one decade
        self.add("century", value, qstart, end, [{exact("n", value), exact("century", value),
                                                   exact("decade", (value - 1) * 100), exact("n", (value - 1) * 100)}])
        return True

    def year(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        """2022年, 19年 (perhaps 2019), and a number of years: 十几年 "over ten years", 390万年 (its 万 carries over
        a range: 420至390万年前)."""
        mag_word = m.group("mag") or ""
        tail = re.search(r"(万亿|亿|万)$", m.group("num"))
        if m.group("approx") or mag_word or tail:
            total = value * MAGNITUDE.get(mag_word, 1.0)
            readings = {exact("n", total)}
            if m.group("approx"):
                readings.add(more_than(value, MAGNITUDE.get(mag_word, 1.0)))
            self.add("number", total, qstart, end, [readings], approx="more" if m.group("approx") else "",
                     mag=MAGNITUDE.get(mag_word or (tail.group(1) if tail else ""), 1.0))
            return True
        if re.fullmatch(r"\d{2}", m.group("num")) and not m.group("pre"):
            readings = {exact("n", value), exact("n", 2000 + value), exact("n", 1900 + value)}  # 19年 may be 2019
            self.add("number", value, qstart, end, [readings])
            return True
        self.add("number", value, qstart, end, [{exact("n", value)}])
        return True

    def month(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if not (1 <= value <= 12 and value.is_integer()) or m.group("approx"):
            return False
        day = DAY_AFTER.match(self.text, end)
        day_value = zh_value(day.group(1)) if day else None
        if day and day_value is not None and 1 <= day_value <= 31:
            self.add("date", (int(value), int(day_value)), qstart, day.end(),
                     [{exact("month", value), exact("n", value)}, {exact("n", day_value)}])
        else:
            self.add("month", int(value), qstart, end, [{exact("month", value), exact("n", value)}])
        return True

    def day(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if not (1 <= value <= 31 and value.is_integer()):
            return False
        # A day alone (据中央社30日) is often left out of English news; compare requires it only beside a month.
        self.add("day", value, qstart, end, [{exact("n", value)}])
        return True

    def multiple(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        # 增长1倍 is read both as "doubled" and as "up 100 %"; N倍 as N times, N+1 times or N×100 %.
        readings = {exact("n", value), exact("n", value + 1), exact("n", value * 100)}
        self.add("multiple", value, qstart, end, [readings])
        return True

    def tenths(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if value > 10 or self.text[end:end + 1] in NOT_TENTHS:
            return False
        self.add("percent", value * 10, qstart, end, [{exact("n", value * 10), exact("n", value / 10)}])
        return True

    def percent(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        self.add("percent", value, qstart, end, [{exact("n", value), exact("n", value / 100)}])
        return True

    def hour(self, m: re.Match[str], value: float, qstart: int, end: int, pure: bool) -> bool:
        if not (0 <= value <= 24 and value.is_integer()) or (pure and m.group("unit") == "时"):
            return False
        readings = {exact("n", value)} | ({exact("n", value - 12)} if value > 12 else set())
        self.add("number", value, qstart, m.end("num"), [readings])
        minutes = re.compile(r"\s*(\d{1,2})\s*分(?!之)").match(self.text, end)  # 7时3分 is 7:03
        if minutes and int(minutes.group(1)):
            self.add("number", float(minutes.group(1)), minutes.start(1), minutes.end(),
                     [{exact("n", float(minutes.group(1)))}])
        part = re.compile(r"\s*(半|一刻|三刻)").match(self.text, end)  # 8点半 "8:30" or "half past eight", 7点一刻 "7:15"
        if part:
            share = {"半": 0.5, "一刻": 0.25, "三刻": 0.75}[part.group(1)]
            self.add("number", share * 60, part.start(1), part.end(1),
                     [{exact("n", share * 60), exact("n", share)}], optional=True)
        return True

    def link_ranges(self) -> None:
        """In 6-7万吨, 1至10月, 25-26日, 7、8月 the first end carries the second's unit or magnitude."""
        qs = sorted(self.found, key=lambda q: q.start)
        for i in range(len(qs) - 2, -1, -1):
            a, b = qs[i], qs[i + 1]
            if not RANGE_GAP.fullmatch(self.text[a.end:b.start]) or a.kind not in ("number", "month"):
                continue
            new = a
            if b.kind in ("month", "date") and isinstance(a.value, float) and 1 <= a.value <= 12:
                parts = [{exact("month", a.value), exact("n", a.value)}]
                if isinstance(b.value, int) and (a.value, b.value) in ((1, 3), (4, 6), (7, 9), (10, 12)):
                    parts[0].add(exact("n", b.value / 3))  # 7-9月 is the third quarter
                    quarter = Quantity(b.kind, b.value, b.text, b.start,
                                       tuple(frozenset(p | {exact("n", b.value / 3)}) for p in b.parts[:1]))
                    self.found[self.found.index(b)] = quarter
                    qs[i + 1] = quarter
                new = Quantity("month", int(a.value), a.text, a.start, tuple(frozenset(p) for p in parts),
                               optional=a.value == 1)  # 1至10月: "the first ten months" names no January
            elif b.start in self.mag and a.start not in self.mag and isinstance(a.value, float):
                scale = self.mag[b.start]
                readings = frozenset(a.parts[0] | {exact("n", a.value * scale)})
                new = Quantity(a.kind, a.value * scale, a.text, a.start, (readings,), a.optional, a.approx)
                self.mag[a.start] = scale
            elif b.kind == "percent" and isinstance(a.value, float):
                new = Quantity("percent", a.value, a.text, a.start, (frozenset(a.parts[0] | {exact("n", a.value / 100)}),))
            if new is not a:
                self.found[self.found.index(a)] = new
                qs[i] = new


def _century_tail(text: str, end: int) -> int:
    """Where the run of numeral characters, spaces and 世纪 that ends at end starts: a century before a decade
    (20世纪90年代) lies in it, so it is searched there, not in all the text before."""
    while end > 0 and (text[end - 1].isdecimal() or text[end - 1].isspace() or text[end - 1] in CENTURY_CHARS):
        end -= 1
    return end


CENTURY_CHARS = frozenset(",." + CN_CHARS + "世纪")


def chinese_quantities(text: str) -> list[Quantity]:
    """Quantities of a Chinese sentence: 4410亿 → 441,000,000,000; 20多万 → 200,000 (more than); 三分之一 → 1/3;
    7月25日 → date 7/25; 90年代 → 1990s; 7成 → 70 %; 2倍 → 2 (or 3, or 200 %); 三十人 → 30."""
    return _Reader(text).read()
