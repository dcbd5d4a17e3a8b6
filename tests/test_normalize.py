"""OpenCC normalization, offsets back to the original, and the script report."""

from __future__ import annotations

import pytest

from zhen.errors import ZhenError
from zhen.text.normalize import normalize, script_report


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("tw2s", "在俄罗斯象征著支持战争", "在俄罗斯象征着支持战争"),
        ("tw2s", "集安組織與普丁", "集安组织与普丁"),
        ("tw2s", "哈萨克斯坦总统托卡耶夫", "哈萨克斯坦总统托卡耶夫"),
        ("tw2s", "著名学者", "著名学者"),
        ("t2s", "象征著", "象征著"),
        ("hk2s", "俄羅斯總統", "俄罗斯总统"),
        ("tw2sp", "計程車和滑鼠", "出租车和鼠标"),
        ("tw2s", "Kassym-Jomart Tokayev, 2022", "Kassym-Jomart Tokayev, 2022"),
    ],
)
def test_normalize_converts_to_simplified(config, text, expected):
    assert normalize(text, config).text == expected


@pytest.mark.parametrize(
    ("text", "config", "span", "original"),
    [
        ("俄羅斯總統普丁說", "tw2s", (3, 5), "總統"),
        ("他坐計程車去克里姆林宮", "tw2sp", (2, 5), "計程車"),
        ("他坐計程車去克里姆林宮", "tw2sp", (6, 11), "克里姆林宮"),
        ("用滑鼠點擊", "tw2sp", (1, 3), "滑鼠"),
    ],
)
def test_offsets_map_back_to_what_the_user_wrote(text, config, span, original):
    norm = normalize(text, config)
    start, end = norm.to_original(*span)
    assert text[start:end] == original


@pytest.mark.parametrize("config", ["tw2s", "t2s", "hk2s", "tw2sp"])
def test_offsets_round_trip_on_every_character(config):
    text = "哈薩克斯坦總統托卡耶夫在阿斯塔納表示,計程車與象征著。"
    norm = normalize(text, config)
    assert len(norm.offsets) == len(norm.text)
    assert norm.offsets == sorted(norm.offsets)
    assert all(0 <= o < len(text) for o in norm.offsets)


def test_script_report_counts_traditional_and_mixed_lines():
    text = "纯简体的一行\n在俄罗斯象征著支持战争\n全是繁體字\n"
    report = script_report(text)
    assert (report.traditional_chars, report.traditional_distinct) == (2, "著體")
    assert report.traditional_lines == [2, 3]
    assert report.mixed_lines == [2]


def test_unknown_config_is_a_named_error():
    with pytest.raises(ZhenError, match="unknown conversion config 'x2y'"):
        normalize("abc", "x2y")
