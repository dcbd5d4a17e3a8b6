"""Lookup in every mode: Chinese in any script or variant, English, pinyin, initials, fuzzy."""

from __future__ import annotations

import pytest

from zhen.terms.lookup import Index
from zhen.terms.pinyin import fold_pinyin


@pytest.fixture(scope="module")
def index(glossary):
    return Index(glossary)


@pytest.mark.parametrize(
    ("query", "zh", "mode"),
    [
        ("托加耶夫", "托卡耶夫", "zh"),
        ("卡西姆-乔马尔特·托卡耶夫", "托卡耶夫", "zh"),
        ("卡西姆若马尔特·托卡耶夫", "托卡耶夫", "zh"),
        ("集安組織", "集体安全条约组织", "zh"),
        ("集安组织", "集体安全条约组织", "zh"),
        ("普丁", "普京", "zh"),
        ("達涅利", "德阿涅利", "zh"),
        ("卡塞诺娃", "卡泽诺娃", "zh"),
        ("中走廊", "中间走廊", "zh"),
        ("上合組織", "上海合作组织", "zh"),
        ("北約", "北约", "zh"),
        ("独联体", "独立国家联合体", "zh"),
        ("CPC", "里海管道财团", "en"),
        ("Tokayev", "托卡耶夫", "en"),
        ("kassym-jomart tokayev", "托卡耶夫", "en"),
        ("CSTO", "集体安全条约组织", "en"),
        ("collective security treaty organization", "集体安全条约组织", "en"),
        ("tenge", "坚戈", "en"),
        ("Tokaev", "托卡耶夫", "avoid"),
        ("tuokayefu", "托卡耶夫", "pinyin"),
        ("Tuōkǎyēfū", "托卡耶夫", "pinyin"),
        ("tuo ka ye fu", "托卡耶夫", "pinyin"),
        ("tuo1 ka3 ye1 fu1", "托卡耶夫", "pinyin"),
        ("pujing", "普京", "pinyin"),
        ("tkyf", "托卡耶夫", "initials"),
        ("jazz", "集体安全条约组织", "initials"),
        ("tuokayifu", "托卡耶夫", "fuzzy"),
        ("托卡耶娃", "托卡耶夫", "fuzzy"),
        ("Kasenova", "卡泽诺娃", "fuzzy"),
    ],
)
def test_lookup_finds_entry(index, query, zh, mode):
    hits = index.lookup(query)
    assert (hits[0].entry.zh, hits[0].mode) == (zh, mode)


@pytest.mark.parametrize("query", ["", "   ", "qqqqqqqqqq", "铅笔盒子"])
def test_lookup_without_match_is_empty(index, query):
    assert index.lookup(query) == []


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Tuōkǎyēfū", "tuokayefu"), ("tuo ka ye fu", "tuokayefu"), ("lü", "lv"), ("lu:", "lv"), ("Xi'an", "xian")],
)
def test_fold_pinyin(typed, folded):
    assert fold_pinyin(typed) == folded


# Calibration table for the fuzzy threshold: (query, entry, whether the entry is the right guess).
CALIBRATION = [
    ("托卡耶娃", "托卡耶夫", True), ("托卡耶", "托卡耶夫", True), ("托克耶夫", "托卡耶夫", True),
    ("哈萨克斯担", "哈萨克斯坦", True), ("上海合作组", "上海合作组织", True), ("集体安全组织", "集体安全条约组织", True),
    ("米尔季约耶夫", "米尔济约耶夫", True), ("tuokayifu", "托卡耶夫", True), ("Tokayv", "托卡耶夫", True),
    ("Kasenova", "卡泽诺娃", True), ("Mirziyoev", "米尔济约耶夫", True), ("Moskow", "莫斯科", True),
    ("新疆", "帕希尼扬", False), ("新疆", "吉方", False), ("红场", "共产党", False), ("红场", "红线", False),
    ("李克强", "库里克港", False), ("泽连斯基", "安切斯基", False), ("拉夫罗夫", "乌马罗夫", False),
    ("纳扎尔巴耶夫", "卡扎克巴耶夫", False), ("Erdogan", "马尔丹", False), ("Beijing", "波音", False),
    ("Xinhua", "一体化", False), ("Lavrov", "乌马罗夫", False), ("Nazarbaev", "卡扎克巴耶夫", False),
    ("Pekin", "普京", False),
]


@pytest.mark.parametrize(("query", "zh", "right"), CALIBRATION, ids=[f"{q}-{z}" for q, z, _ in CALIBRATION])
def test_fuzzy_threshold_separates_the_calibration_table(glossary, query, zh, right):
    from zhen.terms.lookup import HAN_THRESHOLD, LATIN_THRESHOLD, similarity
    from zhen.terms.match import matcher_for
    from zhen.text.normalize import HAN

    entry = matcher_for(glossary).entry_for(zh)
    threshold = HAN_THRESHOLD if HAN.search(query) else LATIN_THRESHOLD
    assert (similarity(query, entry) >= threshold) is right


@pytest.mark.parametrize("query", ["新疆", "红场", "Erdogan", "Xinhua"])
def test_unrelated_entries_are_not_offered(glossary, query):
    from helpers import without
    from zhen.terms.lookup import Index

    assert Index(without(glossary, query)).lookup(query) == []
