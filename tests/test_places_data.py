"""The places data: countries, capitals and currencies generated from CLDR, the region's places and peoples."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

from zhen.terms.glossary import Glossary
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossary"


@pytest.fixture(scope="module")
def by_zh(glossary: Glossary) -> dict:
    return {entry.zh: entry for entry in glossary}


@pytest.mark.parametrize(
    ("zh", "en", "short", "type", "file"),
    [
        ("哈萨克斯坦", "Kazakhstan", "", "place", "countries.tsv"),
        ("美国", "United States", "U.S.", "place", "countries.tsv"),
        ("英国", "Britain", "", "place", "countries.tsv"),
        ("土耳其", "Turkey", "", "place", "countries.tsv"),
        ("捷克", "Czech Republic", "", "place", "countries.tsv"),
        ("蒙古国", "Mongolia", "", "place", "countries.tsv"),
        ("沙特", "Saudi Arabia", "", "place", "countries.tsv"),
        ("比什凯克", "Bishkek", "", "place", "countries.tsv"),
        ("杜尚别", "Dushanbe", "", "place", "countries.tsv"),
        ("基辅", "Kyiv", "", "place", "countries.tsv"),
        ("阿斯塔纳", "Astana", "", "place", "countries.tsv"),
        ("华盛顿", "Washington", "", "place", "countries.tsv"),
        ("坚戈", "tenge", "", "currency", "countries.tsv"),
        ("卢布", "ruble", "", "currency", "countries.tsv"),
        ("人民币", "yuan", "", "currency", "countries.tsv"),
        ("索契", "Sochi", "", "place", "places-region.tsv"),
        ("新西伯利亚", "Novosibirsk", "", "place", "places-region.tsv"),
        ("霍尔果斯", "Khorgos", "", "place", "places-region.tsv"),
        ("红场", "Red Square", "", "place", "places-region.tsv"),
        ("哈萨克族", "Kazakhs", "", "concept", "peoples.tsv"),
        ("阿拉木图", "Almaty", "", "place", "places.tsv"),
    ],
)
def test_key_entries(by_zh, zh, en, short, type, file):
    entry = by_zh[zh]
    assert (entry.en, entry.short, entry.type, Path(entry.origin.rpartition(":")[0]).name) == (en, short, type, file)


@pytest.mark.parametrize(
    ("zh", "regional"),
    [
        ("哈萨克斯坦", (("tw", "哈薩克"), ("hk", "哈薩克"))),
        ("吉尔吉斯斯坦", (("tw", "吉爾吉斯"), ("hk", "吉爾吉斯"))),
        ("乌兹别克斯坦", (("tw", "烏茲別克"), ("hk", "烏茲別克"))),
        ("土库曼斯坦", (("tw", "土庫曼"), ("hk", "土庫曼"))),
        ("塔吉克斯坦", (("tw", "塔吉克"), ("hk", "塔吉克"))),
        ("阿塞拜疆", (("tw", "亞塞拜然"), ("hk", "亞塞拜疆"))),
        ("格鲁吉亚", (("tw", "喬治亞"),)),
    ],
)
def test_taiwan_and_hong_kong_names_are_regional_variants(by_zh, zh, regional):
    assert by_zh[zh].regional == regional


@pytest.mark.parametrize(
    ("zh", "plain", "not_plain"),
    [
        ("阿塞拜疆", "亚塞拜然", ""),  # means nothing else in mainland text: a plain variant too
        ("韩国", "南韩", ""),
        ("哈萨克斯坦", "", "哈萨克"),  # mainland 哈萨克 is the people, Kazakh
        ("格鲁吉亚", "", "乔治亚"),  # mainland 乔治亚 is the U.S. state
    ],
)
def test_simplified_regional_spelling_is_plain_only_when_free(by_zh, zh, plain, not_plain):
    variants = by_zh[zh].variants
    assert (plain in variants if plain else True, not_plain in variants if not_plain else False) == (True, False)


@pytest.mark.parametrize(
    ("zh", "english", "found"),
    [
        ("哈萨克斯坦", "Kazakh officials said", [(0, 6)]),
        ("哈萨克斯坦", "a Kazakhstani company", [(2, 13)]),
        ("哈萨克斯坦", "Kazakstan", []),
        ("俄罗斯", "Russian troops and Russians", [(0, 7), (19, 27)]),
        ("俄罗斯", "Prussia", []),
        ("美国", "the U.S. and America", [(4, 8), (13, 20)]),
        ("英国", "British and U.K. officials", [(0, 7), (12, 16)]),
        ("卢布", "500 roubles", [(4, 11)]),
    ],
)
def test_admitted_english(by_zh, zh, english, found):
    assert find_accepted(english, by_zh[zh]) == found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("哈萨克族牧民", [("哈萨克族", "Kazakhs")]),
        ("华府表示", [("华府", "Washington")]),
        ("亞塞拜然和華府", [("亞塞拜然", "Azerbaijan"), ("華府", "Washington")]),
        ("新西伯利亚和索契", [("新西伯利亚", "Novosibirsk"), ("索契", "Sochi")]),
        ("比什凯克与杜尚别", [("比什凯克", "Bishkek"), ("杜尚别", "Dushanbe")]),
    ],
)
def test_matches(glossary, text, expected):
    matches = matcher_for(glossary).find(text)
    assert [(m.text, m.entry.en) for m in matches] == expected


def _generator():
    babel = pytest.importorskip("babel")
    # The file is generated from the CLDR of one babel release (named in its header, pinned by the data
    # extra); another release's CLDR gives another file, which is a data update to review, not a stale file.
    generated_with = re.search(r"\(babel ([\d.]+)\)", (GLOSSARY / "countries.tsv").read_text(encoding="utf-8"))
    if generated_with is None or babel.__version__ != generated_with.group(1):
        pytest.skip(f"countries.tsv comes from babel {generated_with and generated_with.group(1)}, "
                    f"this is babel {babel.__version__}: pip install -e '.[data]'")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("gen_cldr_glossary")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_generated_file_is_up_to_date(tmp_path):
    generator = _generator()
    out = tmp_path / "countries.tsv"
    assert generator.main(["-o", str(out)]) == 0
    assert out.read_bytes() == (GLOSSARY / "countries.tsv").read_bytes(), \
        "glossary/countries.tsv is stale: run scripts/gen_cldr_glossary.py"


def test_generated_file_covers_every_cldr_country():
    generator = _generator()
    from babel import Locale

    hans = Locale.parse("zh_Hans").territories
    codes = [c for c in map(str, Locale("en").territories) if len(c) == 2 and c.isalpha() and c in hans]
    expected = len([c for c in codes if c not in generator.EXCLUDED])
    lines = (GLOSSARY / "countries.tsv").read_text(encoding="utf-8").splitlines()
    countries = [line for line in lines if line.split("\t")[5:6] == ["place"] and "Capital: " not in line]
    assert (len(countries), expected >= 245) == (expected, True)
