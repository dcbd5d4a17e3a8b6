"""Chinese word boundaries for term matches: jieba's dictionary decides whether a match is really a word there."""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from zhen.errors import ZhenError

from zhen.text.normalize import HAN

# How far the local segmentation looks on each side of a match (characters). Four covers the
# dictionary words that swallow a term (发展中国家, 加利福尼亚洲, 联合国家税务总局) without
# segmenting whole sentences, which would cost ~10× more than the matching itself.
WINDOW = 4
# A match is kept when the best segmentation that keeps it whole is at least this much more likely
# (natural log, so e^1.5 ≈ 4.5×) than the best one that cuts across it. jieba's unigram model
# prefers 以/北约 over 以北/约 only by e^0.97 in 位于首都以北约15公里处, and the term uses of the
# boundary tests (中方表示, 北约秘书长, 里海沿岸) win by far more.
MARGIN = 1.5
# Frequency given to glossary forms jieba does not know (托卡耶夫, 俄媒): a mid-frequency word, so a
# form is read as one word unless a clearly more likely reading crosses it.
USER_FREQ = 300
NEG = -1e18


# jieba's part-of-speech tags of the one-character words that do not change what a neighbouring
# name means: conjunctions, prepositions, particles, numerals. Its dictionary glues some of them to
# names as words of their own (和普京, 亿美元), which must not veto 普京 or 美元.
TRANSPARENT_TAGS = ("c", "p", "u", "m")


# Characters of the Xinhua tables for transliterating foreign names (托加耶夫, 阿克硕拉科夫).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕宾波伯博布察策查柴昌彻楚茨达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费芬丰佛"
    "夫福弗盖甘冈戈格根古瓜圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里丽利莉连林琳"
    "卢鲁伦罗洛马玛迈曼芒梅门蒙米密莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩彭皮普齐奇乔切钦琴丘萨塞桑瑟森沙莎"
    "尚舍什施舒斯松苏索塔泰坦汤唐特提廷图托瓦万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹朱祖佐兹娃娅硕"
)
# The dots that join the parts of a foreign name written in Chinese (阿曼·维萨切, 阿曼．維薩切).
NAME_DOTS = "\u00b7\u30fb\uff0e\u2022\u2027"


def in_foreign_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is one part of a dotted foreign name: a dot joins it to a transliteration
    (阿曼 in 阿曼·维萨切, Armand Versace), not to another name (中国·东盟博览会)."""
    after = text[end + 1:end + 3] if text[end:end + 1] and text[end] in NAME_DOTS else ""
    before = text[max(start - 3, 0):start - 1] if start > 0 and text[start - 1] in NAME_DOTS else ""
    # Two transliteration characters on the far side of the dot: the next part of the name (维萨…).
    return any(len(part) == 2 and all(ch in TRANSLIT for ch in part) for part in (after, before))


def is_han(ch: str) -> bool:
    """Whether a character is a Han ideograph (the ranges of normalize.HAN; comparisons beat a regex call per character)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


@dataclass(frozen=True)
class Dictionary:
    """jieba's word list: frequency of each word, their total, and the transparent one-character words."""

    freq: dict[str, int]
    total: int
    transparent: frozenset[str]
    longest: int


def _dict_file() -> Path:
    # Found without importing jieba (half a second of imports the judge does not need).
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ZhenError("the word-boundary check needs jieba's dictionary: pip install jieba")
    return Path(spec.origin).parent / "dict.txt"


def _parse(text: str) -> Dictionary:
    cells = text.split()
    try:
        # jieba's dict.txt has three fields a line (word, frequency, tag): slicing the split text is
        # three times faster than a loop over lines, fast enough that no cache is needed.
        if len(cells) % 3:
            raise ValueError("not three fields a line")
        words, counts, tags = cells[0::3], list(map(int, cells[1::3])), cells[2::3]
    except ValueError:  # another layout (a line without a tag): the slow, general reading
        rows = [line.split() for line in text.splitlines() if len(line.split()) >= 2]
        words, counts, tags = [r[0] for r in rows], [int(r[1]) for r in rows], [r[2] if len(r) > 2 else "" for r in rows]
    freq = dict(zip(words, counts))
    transparent = frozenset(w for w, tag in zip(words, tags) if len(w) == 1 and tag.startswith(TRANSPARENT_TAGS))
    # The total counts every line, a repeated word too, as jieba's own prefix dictionary does.
    return Dictionary(freq, sum(counts), transparent, max(map(len, freq), default=1))


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """jieba's dictionary, parsed once per process.

    Not cached on disk: parsing takes about as long as loading a JSON copy would, and a pickle (the
    old cache) runs code from a file anyone able to write the cache directory can craft."""
    return _parse(_dict_file().read_text(encoding="utf-8"))


def jieba_prefix_dict(words: Dictionary) -> dict[str, int]:
    """jieba's prefix dictionary (its Tokenizer.FREQ): every word with its frequency and every prefix of a
    word with 0, built from the parsed word list so jieba never reads or writes a cache of its own."""
    freq = dict(words.freq)
    for word in words.freq:
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq


class BoundaryJudge:
    """Decides whether a dictionary or glossary word crosses a match, by local unigram segmentation.

    This is jieba's own model (maximum-probability path over its 350,000-word dictionary) with the
    glossary forms added as user words, run on a window around each match instead of on the whole
    text. A match survives when keeping it whole is clearly the better reading. Dictionary phrases
    that are a glossary form plus another word (英国首相, 联合国大会, 美国国防部) do not veto: the
    form is a word inside them, unlike 记者会, 司令部 or 参议员 where the rest is a bound morpheme.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        # Kept as given and indexed on the first check, so building a matcher stays cheap.
        self.forms = forms
        self._cache: dict[tuple[str, int, int], bool] = {}
        self._phrases: dict[str, bool] = {}

    @cached_property
    def user(self) -> dict[str, int]:
        """Glossary forms of two or more Han characters, as user words."""
        return {form: USER_FREQ for form in self.forms if len(form) > 1 and HAN.search(form)}

    @cached_property
    def _dictionary(self) -> Dictionary:
        return dictionary()

    @cached_property
    def _log_total(self) -> float:
        return math.log(self._dictionary.total)

    def _freq(self, word: str) -> int:
        return max(self._dictionary.freq.get(word, 0), self.user.get(word, 0))

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] reads as a word of its own in its context."""
        # The raw surroundings are the cache key; trimming them to Han characters only on a miss
        # keeps the per-match cost to one slice and one lookup.
        lo = max(start - WINDOW, 0)
        raw = (text[lo : end + WINDOW], start - lo, end - lo)
        verdict = self._cache.get(raw)
        if verdict is None:
            verdict = self._judge(*raw)
            if len(self._cache) < 200_000:
                self._cache[raw] = verdict
        return verdict

    def _judge(self, text: str, start: int, end: int) -> bool:
        left = start
        while left > 0 and is_han(text[left - 1]):
            left -= 1
        right = end
        while right < len(text) and is_han(text[right]):
            right += 1
        if left == start and right == end:
            return True
        return self._decide(text[left:right], start - left, end - left)

    def _words(self, window: str, start: int, end: int) -> list[tuple[int, int, float]]:
        """Dictionary and glossary words of the window as (i, j, log-probability), single characters always."""
        log_total = self._log_total
        longest = self._dictionary.longest
        known, user = self._dictionary.freq.get, self.user.get
        words = []
        for i in range(len(window)):
            words.append((i, i + 1, math.log(max(known(window[i], 0), 1)) - log_total))
            for j in range(i + 2, min(len(window), i + longest) + 1):
                word = window[i:j]
                freq = known(word, 0) or user(word, 0)
                if freq and not self._phrase(word):
                    words.append((i, j, math.log(max(freq, user(word, 0))) - log_total))
        return words

    def _phrase(self, word: str) -> bool:
        """Whether a dictionary word is a glossary form joined to another word (英国首相, 美国国防部, 和普京, 亿美元).

        jieba's dictionary lists such phrases as words; they must not veto the glossary form inside
        them, nor a neighbouring one (美国国防部 does not cut 国防部长 in 美国国防部长). The other part
        is a glossary form, a word of two or more characters, or a one-character function word or numeral.
        """
        if word in self.user:
            return False
        return self._joins_a_form(word)

    def _joins_a_form(self, text: str) -> bool:
        # text splits into two parts that are words (or word sequences), one holding a glossary form:
        # 纽约|联合国总部, 联合国|人口基金.
        known = self._phrases.get(text)
        if known is None:
            known = any(
                self._part(text[:cut]) and self._part(text[cut:])
                and (text[:cut] in self.user or text[cut:] in self.user
                     or self._joins_a_form(text[:cut]) or self._joins_a_form(text[cut:]))
                for cut in range(1, len(text))
            )
            self._phrases[text] = known
        return known

    def _part(self, text: str) -> bool:
        """A one-character function word or numeral, a word, a glossary form, or a sequence of words."""
        if len(text) == 1:
            return text in self._dictionary.transparent
        if self._freq(text) > 0:
            return True
        return len(text) >= 4 and any(len(text[:cut]) > 1 and len(text[cut:]) > 1 and self._part(text[:cut])
                                      and self._part(text[cut:]) for cut in range(2, len(text) - 1))

    def _decide(self, window: str, start: int, end: int) -> bool:
        words = self._words(window, start, end)
        n = len(window)
        forward = [NEG] * (n + 1)
        forward[0] = 0.0
        backward = [NEG] * (n + 1)
        backward[n] = 0.0
        by_end: dict[int, list[tuple[int, float]]] = {}
        by_start: dict[int, list[tuple[int, float]]] = {}
        for i, j, logp in words:
            by_end.setdefault(j, []).append((i, logp))
            by_start.setdefault(i, []).append((j, logp))
        for j in range(1, n + 1):
            forward[j] = max(forward[i] + logp for i, logp in by_end.get(j, ()))
        for i in range(n - 1, -1, -1):
            backward[i] = max(logp + backward[j] for j, logp in by_start.get(i, ()))
        term_logp = math.log(max(self._freq(window[start:end]), USER_FREQ)) - self._log_total
        kept = forward[start] + term_logp + backward[end]
        crossing = max(
            (forward[i] + logp + backward[j] for i, j, logp in words if i < start < j or i < end < j
             or (i <= start and j >= end and j - i > end - start)),
            default=NEG,
        )
        return kept - crossing >= MARGIN
