"""Names inside check-only phrases (亲克里姆林宫 pro-Kremlin, 哈萨克斯坦人 Kazakhstanis, 中亚北约 Central Asian NATO) are enforced."""

from __future__ import annotations

import pytest

from helpers import echo_backend
from zhen.mt.constrain import CHECKED, FORCED, MISSING, MODEL, UNCHECKED, mark, required_terms
from zhen.mt.options import Options
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted
from zhen.text.normalize import normalize
from zhen.translate import Translator

FAST = Options(beam=1, max_decoding_length=64)


def _terms(glossary, text):
    return required_terms(normalize(text), matcher_for(glossary), set())


@pytest.mark.parametrize(
    ("text", "phrase", "names"),
    [
        ("亲克里姆林宫媒体报道。", "亲克里姆林宫", [("克里姆林宫", "Kremlin")]),
        ("许多哈萨克斯坦人认为。", "哈萨克斯坦人", [("哈萨克斯坦", "Kazakhstanis")]),
        ("所谓中亚北约并不存在。", "中亚北约", [("北约", "NATO")]),
        ("俄罗斯军队撤出。", "俄军", [("俄罗斯", "Russian")]),
        ("中国—中亚机制启动。", "中国—中亚机制", [("中国", "China"), ("中亚", "Central Asia")]),
        # Traditional script: found in the normalized phrase all the same.
        ("親克里姆林宮媒體報道。", "亲克里姆林宫", [("克里姆林宫", "Kremlin")]),
    ],
    ids=["pro-kremlin", "kazakhstanis", "central-asian-nato", "russian-forces", "two-names", "traditional"],
)
def test_a_phrase_brings_the_names_its_english_carries(glossary, text, phrase, names):
    terms = _terms(glossary, text)
    outer = next(i for i, t in enumerate(terms) if t.entry.zh == phrase)
    assert not terms[outer].enforced
    inner = [(t.entry.zh, t.en) for t in terms if t.within == outer]
    assert inner == names
    assert all(t.enforced and t.outer == phrase and terms[outer].start <= t.start < t.end <= terms[outer].end
               for t in terms if t.within == outer)


@pytest.mark.parametrize(
    "text",
    [
        "国务院总理出席。",     # 'premier' does not carry 国务院 (State Council): not asked for
        "跨里海管道项目。",     # 'Trans-Caspian pipeline' is a programme (enforced itself)
        "发展中国家代表。",     # 中国 is no word in 发展中国家
        "美方表示反对。",       # no registered name inside 美方
    ],
    ids=["premier", "enforced-phrase", "not-a-word", "no-name-inside"],
)
def test_no_inner_name_where_the_phrase_does_not_carry_one(glossary, text):
    assert all(t.within is None for t in _terms(glossary, text))


def test_only_names_the_phrase_english_carries():
    # Derived from the data, not a list: an invented phrase and name behave like the bundled ones.
    glossary = Glossary([Entry("阿尔法", "Alpha", "place"), Entry("贝塔", "Beta", "place"),
                         Entry("亲阿尔法贝塔派", "pro-Alpha camp", "concept")])
    [phrase, name] = _terms(glossary, "亲阿尔法贝塔派说。")
    assert (name.entry.zh, name.en, name.within) == ("阿尔法", "Alpha", 0)
    assert phrase.entry.zh == "亲阿尔法贝塔派"


@pytest.mark.parametrize(
    ("text", "english", "statuses"),
    [
        ("亲克里姆林宫媒体报道。", "pro-Kremlin media reported", (CHECKED, MODEL)),
        ("亲克里姆林宫媒体报道。", "pro-Russian media reported", (UNCHECKED, MISSING)),
        # The name written elsewhere in the sentence counts.
        ("亲克里姆林宫媒体报道。", "Kremlin-friendly media reported", (UNCHECKED, MODEL)),
        ("许多哈萨克斯坦人认为。", "Many Kazakhstanis think", (CHECKED, MODEL)),
        ("所谓中亚北约并不存在。", "A so-called Central Asian NATO does not exist", (CHECKED, MODEL)),
        ("所谓中亚北约并不存在。", "A so-called Central Asian alliance does not exist", (UNCHECKED, MISSING)),
    ],
    ids=["in-phrase", "missing", "elsewhere", "demonym", "acronym", "acronym-missing"],
)
def test_mark_finds_the_name_inside_the_phrase_rendering(glossary, text, english, statuses):
    terms = _terms(glossary, text)
    assert tuple(s for s, t in zip(mark(english, terms), terms) if t.within is not None or not t.enforced) == statuses


def test_two_mentions_need_two_renderings(glossary):
    terms = _terms(glossary, "克里姆林宫批评亲克里姆林宫媒体。")
    assert [t.entry.zh for t in terms if t.enforced] == ["克里姆林宫", "克里姆林宫"]
    assert MISSING not in mark("The Kremlin criticized pro-Kremlin media.", terms)
    assert MISSING in mark("The Kremlin criticized pro-Russian media.", terms)


@pytest.mark.parametrize(
    ("text", "known", "name"),
    [
        ("亲克里姆林宫媒体报道。", {"亲克里姆林宫": "pro-Russian"}, "Kremlin"),
        ("许多哈萨克斯坦人认为。", {"哈萨克斯坦人": "steppe-dwellers"}, "Kazakhstan"),
        ("所谓中亚北约并不存在。", {"中亚北约": "Asian alliance"}, "NATO"),
        ("俄罗斯军队撤出。", {"俄罗斯军队": "troops"}, "Russia"),
    ],
    ids=["pro-kremlin", "kazakhstanis", "central-asian-nato", "russian-forces"],
)
def test_translation_puts_the_name_in(glossary, text, known, name):
    results, summary = Translator(glossary, echo_backend(known), FAST).run([("a", text + "\n")])
    [unit] = results[0].units.values()
    [outcome] = results[0].outcomes.values()
    inner = [i for i, t in enumerate(unit.terms) if t.within is not None]
    assert inner and all(outcome.statuses[i] == FORCED for i in inner)
    assert all(find_accepted(outcome.target, unit.terms[i].entry) for i in inner), outcome.target
    assert name in outcome.target and summary.missing == 0
    # Where the phrase's rendering was missing as a whole, the phrase's English goes in, which carries
    # the name once: no bare name beside it.
    phrase = unit.terms[unit.terms[inner[0]].within]
    assert phrase.en in outcome.target and outcome.target.count(name) == phrase.en.count(name)


def test_the_name_is_in_the_json_record(glossary):
    results, _ = Translator(glossary, echo_backend(), FAST).run([("a", "亲克里姆林宫媒体报道。\n")])
    [unit] = results[0].units.values()
    [outcome] = results[0].outcomes.values()
    records = [t.as_dict(s) for t, s in zip(unit.terms, outcome.statuses)]
    assert {"zh": "克里姆林宫", "en": "Kremlin", "text": "克里姆林宫", "status": FORCED, "within": "亲克里姆林宫"} in records
