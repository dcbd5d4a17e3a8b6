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
