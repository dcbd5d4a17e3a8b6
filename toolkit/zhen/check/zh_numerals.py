"""Chinese numerals and the words around them: patterns, units, classifiers, approximation words, and the
value of a numeral (cn2an) — what the reader of a sentence's quantities (numbers_zh) builds on."""

from __future__ import annotations

import re

import cn2an

from zhen.check.quantity import Reading

CN_DIGIT = "零〇一二两三四五六七八九"
CN_CHARS = CN_DIGIT + "十百千万亿"
DIGITS = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
# A numeral: digits (thousands commas, decimals) followed by magnitudes and more digits as in 11万7015, 7万8千,
# 420 万, or spaced as 1 万 7000 (up to four digits, not a year or date: 3 万 2019 年 is two numbers); or Chinese
# numerals alone. Chinese digits never run into Arabic ones: 安倍晋三1日 is 三 and 1日.
RUN = rf"(?:{DIGITS}(?:\s?[百千万亿]+(?:{DIGITS}|\s\d{{1,4}}(?![\d,.]|\s?[年月日号]))?)*|[{CN_CHARS}]+)"
ZH_NUMBER = re.compile(
    rf"(?P<pre>第|前|大约|约|将近|接近|近|超过|逾|多达|不到|不足|至少|数|几|上|成|过)?"
    rf"(?P<num>{RUN})"
    rf"(?:\s?(?P<approx>多|余|(?<=[十百千万亿0])几(?![十百千]))(?P<mag>万亿|亿|万|千|百)?)?"
    rf"\s*(?P<unit>年代|世纪|分之|%|年|月|日|号|倍|成|后|时|点|折(?![合算叠旧射磨腾扣价返服损断中线纸页八]))?")
ZH_YMD = re.compile(r"(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d.])")  # 2021.6.11, 2021-06-11
ZH_SLASH_FRACTION = re.compile(r"(?<![\d./])([1-9])/([2-9]|10)(?![\d/]|\.\d)")  # 1/3, not a date 6/11
# 10:08 is a time (hour and minutes), 17:34:48 one with seconds; 4:41.30 a race time, read whole on both sides.
CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):(\d{2})(?:(\.\d+)|:(\d{2}))?(?![\d:])")  # 17:34:48 has seconds
# A race time: 4分41秒30 or 4 分 41 秒 30 (minutes, seconds, hundredths), 9秒58: "4:41.30", "9.58 seconds".
RACE_TIME = re.compile(r"(?<![\d.])(?:(\d{1,2})\s*分\s*)?(\d{1,2})\s*秒\s*(\d{1,2})(?![\d.]|\s*[个人名位次秒分米])")
DAY_AFTER = re.compile(rf"\s*({RUN})\s*[日号]")
RANGE_GAP = re.compile(r"\s*(?:[-–—~～至到、]|或|和)\s*")
# What may follow a Chinese-numeral quantity for it to count: a classifier or a unit. Without one, 三 in 三峡,
# 一 in 统一 or 千万 ("by all means") are words, not quantities.
CLASSIFIERS = set("个人名位岁天次届家项座条件架艘辆台部场所起例只头匹张本份篇种类批支队组户栋层米吨斤克元块周轮期季股枚颗笔间幅门节床亩升桶代强秒年级线")
CLASSIFIER_WORDS = ("公里", "公斤", "公顷", "美元", "欧元", "英镑", "日元", "卢布", "港元", "平方", "英里", "小时", "分钟")
# 千 before these is the metric prefix kilo-, not a magnitude: 34.538千米 is 34.538 km.
KILO_UNITS = set("米克瓦伏卡帕焦")
# 成 is "tenths" (7成以上, 近七成集中) except where it starts a word: 成为, 成立, 成本.
NOT_TENTHS = set("为立本功员果长交绩熟型都就人年效份分品千批对倍群语形")
RELATIVE_TIME = re.compile(r"本世纪|上世纪|上个世纪|今年|去年|明年|前年|本月|上月|下月|今天|昨天|明天|今日|昨日|明日|日前|近日|当天|当日|"
                           r"本周|上周|下周|周[一二三四五六日末]|星期|次日|同日|前一天|目前|本届|上午|下午|晚间|凌晨")
APPROX_PRE = {"大约": "about", "约": "about", "将近": "nearly", "接近": "nearly", "近": "nearly", "超过": "more",
              "逾": "more", "多达": "about", "不到": "less", "不足": "less", "至少": "more", "上": "more", "过": "more"}
# 数十, 几百, 上千 and 成千 are "dozens", "hundreds", "thousands": never reported, but they explain the English.
VAGUE_PRE = ("数", "几", "上", "成")
# Digits followed by these letters are a measure (35mm, 100km), not part of a name like 5G or G20.
# The same measures the English reader accepts, so both sides skip or read the same tokens (802.11g is a name).
UNIT_AFTER = re.compile(r"(?:km|kg|kW|MW|GW|kV|cm|mm|m|ha)(?![A-Za-z])")
MAGNITUDE = {"万亿": 10.0**12, "亿": 10.0**8, "万": 10.0**4, "千": 10.0**3, "百": 100.0}
# 半 "half": 半小时 "30 minutes" or "half an hour", 半年 "six months", 一半 "half" or 50 % (never required: the
# English may say "half"); after a count and its unit, 两个半小时 or 三年半 add a half to the count.
HALF_OF = {"小时": (0.5, 30.0), "钟头": (0.5, 30.0), "分钟": (0.5, 30.0), "年": (0.5, 6.0), "月": (0.5, 15.0, 2.0),
           "天": (0.5, 12.0), "世纪": (0.5, 50.0)}
HALF_UNIT = re.compile(r"(?<![个年天周月时点])半个?(小时|钟头|分钟|年|月|天|世纪)|一半")
HALF_AFTER = re.compile(r"(个(?=半(?:小时|钟头|月|世纪))|个月|年|天|周|星期|小时|钟头|分钟|世纪|倍)?半(?![岛导决径价边壁场数夜年])")
COUNT_UNITS = ("年", "天", "周", "星期", "月", "小时", "钟头", "分钟", "世纪", "倍")


def zh_value(numeral: str) -> float | None:
    """The value of a numeral: 4410亿, 11万7015, 两千五百万, 二〇二一, 34.538; None when it is not one number."""
    numeral = re.sub(r"[,\s]", "", numeral)
    if re.fullmatch(r"\d+(?:\.\d+)?", numeral):
        return float(numeral)
    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?)([百千万亿]+)", numeral)  # 1.4万亿, 3.5千万: cn2an refuses these
    if scaled or numeral[0] in "十百千万亿":
        value = float(scaled.group(1)) if scaled else 1.0
        for char in scaled.group(2) if scaled else numeral:
            if char not in MAGNITUDE:
                return None
            value *= MAGNITUDE[char]
        return value
    return None


def glued(text: str, start: int, end: int) -> bool:
    """Digits that are part of a Latin-letter name (5G, G20, PM2.5, COVID-19) are not quantities; GDP80% and
    35mm are."""
    if not text[start].isdigit() or text[end:end + 1] == "%":
        return False
    before = text[max(0, start - 2):start]
    return bool(re.search(r"[A-Za-z]-?$", before) or re.match(r"[A-Za-z]", text[end:end + 1])
                and text[end - 1].isdigit() and not UNIT_AFTER.match(text, end))


def more_than(value: float, scale: float) -> Reading:
    """20多万 or 二十几万: from 200,000 up to, not including, 300,000 (so 60多年 is not "more than 70 years")."""
    return ("n", value * scale, (value + integer_step(value) * 0.999) * scale)


def classified(text: str, end: int) -> bool:
    rest = text[end:end + 2].lstrip()
    return bool(rest) and (rest[0] in CLASSIFIERS or rest.startswith(CLASSIFIER_WORDS))


def integer_step(value: float) -> float:
    """The step of the last digit: 20 → 10, 2000 → 1000, 15 → 1 (20多 or 二十几 is 20–30, 2000多 is 2000–3000,
    1万7000多 17,000–18,000)."""
    if not value.is_integer() or value == 0:
        return 1.0
    digits = str(int(value))
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))
