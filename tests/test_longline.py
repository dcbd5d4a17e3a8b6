"""Checks on a long line: the same findings as the plain searches they replace, work that grows with the line
(counted in calls, never timed), the same names whether a document is one line or many, and progress."""

from __future__ import annotations

import io
import random
import re

import pytest

from helpers import corpus_documents, without
from zhen.check.corpus import check_corpus
from zhen.check.numbers import compare
from zhen.check.quantity import Quantity, Readings, Taken, meets
from zhen.check.translation import Segment, check_translation
from zhen.progress import Ticker
from zhen.terms import renderings
from zhen.terms.match import matcher_for
from zhen.terms.renderings import first_words, pattern, scan


def sentences() -> list[str]:
    return [s.strip() for _, doc in corpus_documents() for s in re.findall(r"[^。！？\n]+[。！？]?", doc) if s.strip()]


def english(sentence: str, glossary, turn: int) -> str:
    """A counterpart that gets some names right, some in other capitals, some as an avoided rendering,
    and keeps the Arabic numbers: something of every term finding."""
    words = []
    for i, m in enumerate(matcher_for(glossary).find(sentence)):
        way = (turn + i) % 4
        words.append(m.entry.avoid[0] if way == 3 and m.entry.avoid else m.entry.en.lower() if way == 2 else m.entry.en)
    return "The " + " ".join(words + re.findall(r"\d+(?:\.\d+)?", sentence)) + " said."


@pytest.fixture(scope="module")
def long_pair(glossary) -> tuple[str, str]:
    chosen = sentences()[:120]
    return "".join(chosen), " ".join(english(s, glossary, n) for n, s in enumerate(chosen))


def test_long_line_findings_are_those_of_a_whole_scan(glossary, long_pair, monkeypatch):
    # The word index is used from INDEXED_FROM characters on; without it every regex runs over the whole text.
    source, target = long_pair
    assert len(target) > renderings.INDEXED_FROM
    indexed = check_translation([Segment("t", 1, source, target)], glossary)
    monkeypatch.setattr(renderings, "INDEXED_FROM", 10**12)
    whole = check_translation([Segment("t", 1, source, target)], glossary)
    assert indexed == whole
    assert {f.kind for f in whole} >= {"avoid-rendering", "term-case", "number-missing"}


FORMS = ["Kazakhstan", "Kazakh", "Astana", "U.S.", "US", "People's Daily", "The Wall Street Journal", "Ürümqi",
         "vice president", "president", "CSTO", "Nur-Sultan", "community with a shared future"]
WORDS = ["Kazakhstan", "kazakhstan", "Kazakhstani", "Kazakh", "KAZAKH", "astana", "Astana's", "U.S.", "US", "USA",
         "People’s Daily", "People's daily", "Wall Street Journal", "the Wall Street Journal", "Urumqi", "Ürümqi",
         "vice-president", "vice  president", "president", "presidents", "CSTO", "Nur-Sultan", "community with shared future",
         "xKazakh", "Kazakh2", "ı", "ſ", "\u212a", "and", "in", "-", "—", "(", ")", "2024", "’", "Ü", "ü"]


@pytest.mark.parametrize("seed", range(12))
def test_indexed_scan_finds_what_finditer_finds(seed):
    rng = random.Random(seed)
    forms = tuple(rng.sample(FORMS, rng.randint(1, 5)))
    # Some texts hold a letter a case-blind regex takes for ASCII (ı, ſ, the Kelvin sign): scanned whole then.
    text = "".join(rng.choice(WORDS) + rng.choice([" ", "", "\n", ", "]) for _ in range(2500))
    for ignore_case in (False, True):
        regex = pattern(forms, ignore_case)
        expected = [m.span() for m in regex.finditer(renderings.fold(text))]
        assert scan(regex, text, first_words(renderings._variants(forms))) == expected


def test_forms_without_a_leading_letter_are_scanned_whole():
    assert first_words(["$", "Astana"]) is None
    assert first_words(["Astana", "U.S.", "'t Hooft"]) is None
    assert first_words(["Astana", "U.S."]) == ("astana", "u")


def quantities(rng: random.Random, count: int) -> list[Quantity]:
    out = []
    for i in range(count):
        value = rng.choice([1, 2, 5, 10, 29, 30, 31, 100, 114, 110, 1000, 1960, 2000, 2022, 44.1, 441, 1.2e9, 1.234e9])
        readings = {("n", float(value), float(value))}
        if rng.random() < 0.3:
            readings.add(("n", float(value), value * 1.5))  # a range: 20多万
        if rng.random() < 0.2:
            readings.add(("month", float(rng.randint(1, 12)), float(rng.randint(1, 12))))
        out.append(Quantity("number", float(value), str(value), i, (frozenset(readings),)))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_readings_index_answers_as_a_scan_of_every_quantity(seed):
    rng = random.Random(seed)
    many = quantities(rng, 60)
    index = Readings(many)
    for q in quantities(rng, 60):
        for part in q.parts:
            assert index.meets(part) == any(meets(part, t.readings()) for t in many)
            assert index.count(part) == sum(1 for t in many if meets(part, t.readings()))


@pytest.mark.parametrize("seed", range(8))
def test_taken_spans_overlap_as_a_scan_says(seed):
    rng = random.Random(seed)
    taken, spans = Taken(), []
    for _ in range(300):
        start = rng.randint(0, 400)
        span = (start, start + rng.randint(0, 12))
        assert taken.overlaps(*span) == any(a < span[1] and span[0] < b for a, b in spans)
        if rng.random() < 0.5:
            taken.append(span)
            spans.append(span)


def count_calls(monkeypatch, module, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_each_term_is_searched_once_per_line_however_often_it_occurs(glossary, long_pair, monkeypatch):
    from zhen.check import translation

    source, target = long_pair
    calls = count_calls(monkeypatch, translation, "accepted_spans")
    counts = []
    for copies in (1, 2, 4):
        calls[0] = 0
        check_translation([Segment("t", 1, source * copies, target * copies)], glossary)
        counts.append(calls[0])
    assert counts[0] == counts[1] == counts[2] == len({m.entry.zh for m in matcher_for(glossary).find(source)})


def test_number_comparisons_grow_with_the_line_not_its_square(long_pair, monkeypatch):
    # Before, every source number was compared with every target number: 4× the work per doubling.
    from zhen.check import quantity

    source, target = long_pair
    calls = count_calls(monkeypatch, quantity, "meets")
    counts = []
    for copies in (2, 4, 8):
        calls[0] = 0
        compare(source * copies, " ".join([target] * copies))
        counts.append(calls[0])
    assert counts[0] > 0
    assert counts[1] <= 2.2 * counts[0] and counts[2] <= 2.2 * counts[1]


def test_corpus_names_are_the_same_in_one_line_or_one_sentence_a_line(glossary, tmp_path):
    # Rival spellings count by document and names by occurrence: where the line breaks fall, after a sentence's
    # end, changes neither (only where a finding is, its line and column, and the context shown). Names the
    # glossary is made to lack are the unregistered ones.
    for name in ("莫斯科", "阿塞拜疆", "陈宇", "巴库", "乌兹别克斯坦", "白俄罗斯"):
        glossary = without(glossary, name)
    chosen = [s if s.endswith(("。", "！", "？")) else s + "。" for s in sentences()]
    one, many = tmp_path / "one" / "doc.txt", tmp_path / "many" / "doc.txt"
    one.parent.mkdir()
    many.parent.mkdir()
    one.write_text("".join(chosen) + "\n", encoding="utf-8")
    many.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    (f_one, c_one), (f_many, c_many) = check_corpus([one], glossary), check_corpus([many], glossary)

    def names(candidates):
        return sorted((c.text, c.count, c.type, c.english, c.source) for c in candidates)

    def spellings(findings):
        return sorted((f.kind, f.message) for f in findings if f.kind.endswith("spellings") or "spellings-in" in f.kind)

    assert names(c_one) == names(c_many) and len(c_one) > 5
    assert spellings(f_one) == spellings(f_many) and spellings(f_one)


def test_progress_reaches_the_end_in_order(glossary, long_pair):
    source, target = long_pair
    seen: list[tuple[int, int]] = []
    check_translation([Segment("t", 1, source[:2000], target), Segment("t", 2, source, target)], glossary,
                      lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2000 + len(source), 2000 + len(source))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(("tty", "expected"), [
    (False, "checking: 50 of 200 characters (25 %), 0s\nchecking: 200 of 200 characters (100 %), 0s\n"),
    (True, "\rchecking: 50 of 200 characters (25 %), 0s\x1b[K\rchecking: 200 of 200 characters (100 %), 0s\x1b[K\n"),
], ids=["log", "terminal"])
def test_ticker_lines(tty, expected):
    stream = io.StringIO()
    ticker = Ticker("checking", stream, every=0.0, tty=tty)
    ticker(50, 200)
    ticker(200, 200)
    ticker.close()
    assert stream.getvalue() == expected


def test_ticker_is_quiet_for_short_work():
    stream = io.StringIO()
    ticker = Ticker("checking", stream, every=60.0, tty=False)
    ticker(10, 20)
    ticker.close()
    assert stream.getvalue() == ""
