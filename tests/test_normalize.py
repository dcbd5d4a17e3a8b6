"""OpenCC normalization, offsets back to the original, and the script report."""

from __future__ import annotations

import pytest

from zhen.errors import ZhenError
from zhen.text.normalize import normalize, script_report


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        ("tw2s", "在俄羅斯象徵著支持戰爭", "在俄罗斯象征着支持战争"),
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
    text = "纯简体的一行\n在俄罗斯关於支持战争\n全是繁體字\n"
    report = script_report(text)
    assert (report.traditional_chars, report.traditional_distinct) == (2, "於體")
    assert report.traditional_lines == [2, 3]
    assert report.mixed_lines == [2]


def test_unknown_config_is_a_named_error():
    with pytest.raises(ZhenError, match="unknown conversion config 'x2y'"):
        normalize("abc", "x2y")


# (config, input, expected): a character valid in simplified text is changed by a regional variant table
# only where the nearest character of one script only is traditional; genuinely traditional ones always.
SIMPLIFIED_KEPT = [
    ("tw2s", "显著提高", "显著提高"),
    ("tw2s", "最重要的土著群体", "最重要的土著群体"),
    ("tw2s", "国家发展成就卓著，", "国家发展成就卓著，"),
    ("tw2s", "他著有三本书", "他著有三本书"),
    ("tw2s", "在俄罗斯象征著支持战争", "在俄罗斯象征著支持战争"),
    ("tw2s", "么", "么"),
    ("tw2s", "显著提高\n隨著時間", "显著提高\n随着时间"),
    ("tw2s", "隨著時間\n显著提高", "随着时间\n显著提高"),
    ("tw2s", "隨著時間推移", "随着时间推移"),
    ("tw2s", "在俄羅斯象征著支持戰爭", "在俄罗斯象征着支持战争"),
    ("tw2s", "象徵著", "象征着"),
    ("tw2s", "顯著提高", "显著提高"),
    ("tw2s", "关於重大投资，效果显著", "关于重大投资，效果显著"),
    ("tw2s", "计划後，屋簷下", "计划后，屋檐下"),
    ("tw2s", "乾隆年间气候乾燥", "乾隆年间气候干燥"),
    ("hk2s", "衞生署表示显著改善", "卫生署表示显著改善"),
    ("hk2s", "衞生署表示顯著改善", "卫生署表示显著改善"),
    ("t2s", "显著提高", "显著提高"),
]


@pytest.mark.parametrize(("config", "text", "expected"), SIMPLIFIED_KEPT, ids=[f"{c}-{t}" for c, t, _ in SIMPLIFIED_KEPT])
def test_valid_simplified_characters_are_kept(config, text, expected):
    norm = normalize(text, config)
    assert norm.text == expected
    # Character for character: each offset is its own position, and every span maps back onto itself.
    assert norm.offsets == list(range(len(text)))
    assert all(norm.to_original(i, i + 1) == (i, i + 1) for i in range(len(text)))


@pytest.mark.parametrize(
    ("text", "count", "distinct", "lines"),
    [
        ("两国合作成果显著\n最重要的土著群体\n", 0, "", []),
        ("两国合作成果显著\n隨著時間\n", 4, "隨著時間", [2]),
        ("关於重大投资，效果显著\n", 1, "於", [1]),
    ],
    ids=["simplified", "traditional-line", "mixed-line"],
)
def test_report_counts_only_traditional_characters(text, count, distinct, lines):
    report = script_report(text)
    assert (report.traditional_chars, report.traditional_distinct, report.traditional_lines) == (count, distinct, lines)


@pytest.mark.parametrize(
    ("args", "stdout"),
    [
        (("normalize", "-"), "两国合作成果显著提高，最重要的土著群体\n"),
        (("normalize", "--config", "hk2s", "-"), "两国合作成果显著提高，最重要的土著群体\n"),
        (("normalize", "--report", "-"), "traditional characters: 0 (-)\nlines with traditional characters: -\n"
                                         "lines mixing scripts: -\n"),
    ],
    ids=["tw2s", "hk2s", "report"],
)
def test_normalize_command_leaves_simplified_text_alone(zhen, args, stdout):
    result = zhen(*args, input="两国合作成果显著提高，最重要的土著群体\n")
    assert (result.exit_code, result.stdout, result.stderr) == (0, stdout, "")
