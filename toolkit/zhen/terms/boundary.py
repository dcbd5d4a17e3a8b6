"""Chinese word boundaries for term matches: jieba's dictionary decides whether a match is really a word there."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from functools import cached_property, lru_cache

from zhen.text.normalize import HAN

# How far the local segmentation looks on each side of a match (characters). Four covers the
# dictionary words that swallow a term (发展中国家, 加利福尼亚洲, 联合国家税务总局) without
# segmenting whole sentences, which would cost ~10× more than the matching itself.
WINDOW = 4
# A match is kept when the best segmentation that keeps it whole is at least this much more likely
# (natural log, so e^1.5 ≈ 4.5×) than the best one that cuts across it. jieba's unigram model
# prefers 以/北约 over 以北/约 only by e^0.97 in 位于首都以北约15公里处; real term uses in the dev
# sets win by far more (bench/precision.py prints how many matches fall under it).
MARGIN = 1.5
# Frequency given to glossary forms jieba does not know (托卡耶夫, 俄媒): a mid-frequency word, so a
# form is read as one word unless a clearly more likely reading crosses it.
USER_FREQ = 300
NEG = -1e18


# jieba's part-of-speech tags of the one-character words that do not change what a neighbouring
# name means: conjunctions, prepositions, particles, numerals. Its dictionary glues some of them to
# names as words of their own (和普京, 亿美元), which must not veto 普京 or 美元.
TRANSPARENT_TAGS = ("c", "p", "u", "m")


@lru_cache(maxsize=1)
def _transparent_characters() -> frozenset[str]:
    """One-character words jieba tags as function words or numerals (read from its dictionary file)."""
    import jieba

    with jieba.get_dict_file() as handle:
        text = handle.read().decode("utf-8")
    return frozenset(m.group(1) for m in re.finditer(r"^(\S) \d+ (\S+)$", text, re.M) if m.group(2).startswith(TRANSPARENT_TAGS))


@lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's word frequencies (its prefix dictionary: prefixes of words are present with 0) and their total."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt.FREQ, jieba.dt.total


class BoundaryJudge:
    """Decides whether a dictionary or glossary word crosses a match, by local unigram segmentation.

    This is jieba's own model (maximum-probability path over its 350,000-word dictionary) with the
    glossary forms added as user words, run on a window around each match instead of on the whole
    text. A match survives when keeping it whole is clearly the better reading. Compounds that are
    a glossary form plus another word (英国首相, 联合国大会, 美国国务院) do not veto the form: the
    form is a word inside them, unlike 记者会, 司令部 or 参议员 where the rest is a bound morpheme.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        # Kept as given and indexed on the first check, so building a matcher stays cheap.
        self.forms = forms
        self._cache: dict[tuple[str, int, int], bool] = {}

    @cached_property
    def user(self) -> dict[str, int]:
        """Glossary forms of two or more Han characters, as user words."""
        return {form: USER_FREQ for form in self.forms if len(form) > 1 and HAN.search(form)}

    @cached_property
    def user_prefixes(self) -> set[str]:
        return {form[:i] for form in self.user for i in range(1, len(form))}

    @property
    def _dictionary(self) -> tuple[dict[str, int], int]:
        return _jieba_dictionary()

    def _freq(self, word: str) -> int:
        freq, _ = self._dictionary
        return max(freq.get(word) or 0, self.user.get(word, 0))

    def _is_prefix(self, word: str) -> bool:
        freq, _ = self._dictionary
        return word in freq or word in self.user or word in self.user_prefixes

    def accepts(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] reads as a word of its own in its context."""
        left = start
        while left > 0 and start - left < WINDOW and HAN.match(text[left - 1]):
            left -= 1
        right = end
        while right < len(text) and right - end < WINDOW and HAN.match(text[right]):
            right += 1
        if left == start and right == end:
            return True
        key = (text[left:right], start - left, end - left)
        verdict = self._cache.get(key)
        if verdict is None:
            verdict = self._decide(*key)
            if len(self._cache) < 200_000:
                self._cache[key] = verdict
        return verdict

    def _words(self, window: str, start: int, end: int) -> list[tuple[int, int, float]]:
        """Dictionary and glossary words of the window as (i, j, log-probability), single characters always."""
        _, total = self._dictionary
        log_total = math.log(total)
        term = window[start:end]
        words = []
        for i in range(len(window)):
            words.append((i, i + 1, math.log(max(self._freq(window[i]), 1)) - log_total))
            j = i + 2
            while j <= len(window) and self._is_prefix(window[i:j]):
                word = window[i:j]
                freq = self._freq(word)
                if freq and not self._compound(word, term, i, j, start, end):
                    words.append((i, j, math.log(freq) - log_total))
                j += 1
        return words

    def _compound(self, word: str, term: str, i: int, j: int, start: int, end: int) -> bool:
        # A longer word that is the term plus another word (two or more characters, or a function
        # word or numeral) on either side.
        if i == start and j > end:
            rest = word[end - start :]
        elif j == end and i < start:
            rest = word[: start - i]
        else:
            return False
        if len(rest) == 1:
            return rest in _transparent_characters()
        return self._freq(rest) > 0

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
        _, total = self._dictionary
        term_logp = math.log(max(self._freq(window[start:end]), USER_FREQ)) - math.log(total)
        kept = forward[start] + term_logp + backward[end]
        crossing = max(
            (forward[i] + logp + backward[j] for i, j, logp in words if i < start < j or i < end < j
             or (i <= start and j >= end and j - i > end - start)),
            default=NEG,
        )
        return kept - crossing >= MARGIN
