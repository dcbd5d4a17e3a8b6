"""Context-aware matching: Chinese word boundaries, regional variants, Latin acronyms."""

from __future__ import annotations

import pytest

from zhen.terms.glossary import Entry
from zhen.terms.match import TermMatcher, matcher_for

# (text, the form looked for, whether it is matched there)
BOUNDARY_CASES = [
    ("发达国家和发展中国家", "中国", False),
    ("位于首都以北约15公里处", "北约", False),
    ("外交部在记者会上表示", "记者", False),
    ("外交部在记者会上表示", "外交部", True),
    ("这是一个完美方案", "美方", False),
    ("船只在索马里海域", "里海", False),
    ("这里海拔很高", "里海", False),
    ("美国参议员说", "议员", False),
    ("前往司令部", "司令", False),
    ("在新西伯利亚", "西伯利亚", False),
    ("中俄媒体报道", "俄媒", False),
    ("财政部门负责", "财政部", False),
    ("加利福尼亚洲", "亚洲", False),
    ("联合国家税务总局", "联合国", False),
    ("精英国际学校", "英国", False),
    ("大英国协", "英国", False),
    ("中方表示同意", "中方", True),
    ("美方认为", "美方", True),
    ("北约秘书长", "北约", True),
    ("里海沿岸国家", "里海", True),
    ("北约成员国", "北约", True),
    ("俄媒报道", "俄媒", True),
    ("在美国家庭", "美国", True),
    ("中国人民", "中国", True),
    ("英国首相", "英国", True),
    ("联合国大会", "联合国大会", True),  # its own entry now (UN General Assembly)
    ("托卡耶夫和普京会谈", "普京", True),
    ("合9.18亿美元", "美元", True),
    ("西伯利亚地区", "西伯利亚", True),
    # a place joined by a name dot to a transliteration is part of a person's name
    ("阿曼·维萨切说", "阿曼", False),
    ("阿曼．維薩切說", "阿曼", False),
    ("阿曼外交大臣说", "阿曼", True),
    ("俄罗斯·莫斯科", "莫斯科", True),  # two registered names joined by the dot
    ("中国·东盟博览会", "中国", True),
    ("乔马尔特·托卡耶夫说", "托卡耶夫", True),  # a person's own name part is still that person
    # the glossary's exceptions: 里 "in" + 加 "add" is not Riga, the game 俄罗斯方块 not Russia
    ("汤姆往炖菜里加了西兰花", "里加", False),
    ("在拉脱维亚首都里加举行", "里加", True),
    ("他在玩俄罗斯方块", "俄罗斯", False),
]


@pytest.mark.parametrize(("text", "form", "matched"), BOUNDARY_CASES, ids=[f"{t}-{f}" for t, f, _ in BOUNDARY_CASES])
def test_word_boundaries(glossary, text, form, matched):
    assert (form in [m.text for m in matcher_for(glossary).find(text)]) is matched


# (text, (matched text, English) of each place found): the matcher's rules on the bundled glossary
PLACE_CASES = [
    # a registered place followed by a generic suffix is still that place, the suffix left to the English
    ("船只抵达阿克套港", [("阿克套港", "Port of Aktau")]),  # its own entry
    ("货轮驶入新罗西斯克港", [("新罗西斯克", "Novorossiysk")]),
    ("他们抵达北京市", [("北京", "Beijing")]),
    ("卡拉干达州的矿山", [("卡拉干达", "Karaganda")]),
    ("伊尔库茨克州州长", [("伊尔库茨克", "Irkutsk")]),
    ("马尼拉湾沿岸", [("马尼拉", "Manila")]),
    ("哈尔滨市政府", [("哈尔滨", "Harbin")]),
    ("上海市场回暖", [("上海", "Shanghai")]),  # 市场 is a word: 上海 stands alone anyway
    # a country inside a longer proper name is not that country; the longest registered name wins
    ("新几内亚岛上", []),
    ("在新墨西哥州", []),
    ("在新南威尔士州", []),
    ("在新泽西州", []),
    ("几内亚比绍总统", [("几内亚比绍", "Guinea-Bissau")]),
    ("赤道几内亚政府", [("赤道几内亚", "Equatorial Guinea")]),
    ("巴布亚新几内亚总理", [("巴布亚新几内亚", "Papua New Guinea")]),
    ("南苏丹政府", [("南苏丹", "South Sudan")]),
    # news shortens a country the text names to its first character and 国, where only one fits
    ("哈萨克斯坦总统说，哈国将", [("哈萨克斯坦", "Kazakhstan"), ("哈国", "Kazakhstan")]),
    ("吉尔吉斯斯坦议会称吉国", [("吉尔吉斯斯坦", "Kyrgyzstan"), ("吉国", "Kyrgyzstan")]),
    ("塔吉克斯坦政府表示，塔国", [("塔吉克斯坦", "Tajikistan"), ("塔国", "Tajikistan")]),
    ("乌兹别克斯坦和乌国", [("乌兹别克斯坦", "Uzbekistan"), ("乌国", "Uzbekistan")]),
    ("乌克兰危机。乌国", [("乌克兰", "Ukraine"), ("乌国", "Ukraine")]),
    ("乌克兰与乌兹别克斯坦，乌国", [("乌克兰", "Ukraine"), ("乌兹别克斯坦", "Uzbekistan")]),  # which one: unresolved
    ("哈国总统", []),  # no country named in full: unresolved
    ("巴基斯坦总理访问巴黎，巴国", [("巴基斯坦", "Pakistan"), ("巴黎", "Paris")]),  # two places of that initial
    ("总统访问巴黎，巴国", [("巴黎", "Paris")]),  # a city of two characters is not shortened so
    ("爱尔兰总统很爱国", [("爱尔兰", "Ireland")]),  # 爱国 is a word
    ("哈萨克斯坦与各国", [("哈萨克斯坦", "Kazakhstan")]),
    # a place name between a place and a personal name is a title (the Sultan of Brunei), not that place
    ("文莱苏丹哈桑纳尔会见", [("文莱", "Brunei")]),
    ("阿曼苏丹卡布斯说", [("阿曼", "Oman")]),
    ("苏丹总统说", [("苏丹", "Sudan")]),
    ("俄罗斯莫斯科索比亚宁", [("俄罗斯", "Russia"), ("莫斯科", "Moscow")]),  # a registered person: two places
    ("哈萨克斯坦阿拉木图", [("哈萨克斯坦", "Kazakhstan"), ("阿拉木图", "Almaty")]),
    ("中国新疆阿勒泰地区", [("中国", "China"), ("新疆", "Xinjiang")]),  # a third place, not a person
]


@pytest.mark.parametrize(("text", "expected"), PLACE_CASES, ids=[t for t, _ in PLACE_CASES])
def test_places_with_suffixes_inside_names_and_short_forms(glossary, text, expected):
    assert [(m.text, m.entry.en) for m in matcher_for(glossary).find(text) if m.entry.type == "place"] == expected


def test_the_issue_check(zhen):
    text = "发达国家和发展中国家\n外交部在记者会上表示\n船只在索马里海域\n位于首都以北约15公里处\n这是一个完美方案\n"
    result = zhen("terms", "-", input=text)
    # 里海 is not found inside 索马里海域; 索马里 (Somalia) rightly is.
    assert (result.exit_code, result.stdout) == (0, "2:0-3\t外交部\tForeign Ministry\t外交部\n3:3-6\t索马里\tSomalia\t索马里\n")


def test_a_vetoed_long_form_leaves_room_for_a_shorter_one(glossary):
    # 哈萨克斯坦人民 is 哈萨克斯坦 + 人民 (the people of Kazakhstan), not 哈萨克斯坦人 + 民.
    assert [m.entry.en for m in matcher_for(glossary).find("从哈萨克斯坦人民那里")] == ["Kazakhstan"]


REGIONAL = [
    Entry(zh="哈萨克斯坦", en="Kazakhstan", type="place", regional=(("tw", "哈薩克"),)),
    Entry(zh="哈萨克", en="Kazakh", type="concept"),
    Entry(zh="哈萨克族", en="Kazakhs", type="concept"),
    Entry(zh="华盛顿", en="Washington", type="place", regional=(("tw", "華府"),)),
    Entry(zh="总统", en="president", type="role"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("哈薩克總統表示", [("哈薩克", "Kazakhstan", "tw"), ("總統", "president", "")]),
        ("哈萨克总统表示", [("哈萨克", "Kazakh", ""), ("总统", "president", "")]),
        ("哈薩克族的傳統", [("哈薩克族", "Kazakhs", "")]),
        ("哈萨克族的传统", [("哈萨克族", "Kazakhs", "")]),
        ("華府表示", [("華府", "Washington", "tw")]),
        ("华府表示", []),
    ],
)
def test_regional_variants_match_only_as_written(text, expected):
    assert [(m.text, m.entry.en, m.region) for m in TermMatcher(REGIONAL).find(text)] == expected


ACRONYMS = [
    Entry(zh="里海管道财团", en="Caspian Pipeline Consortium", type="org", short="CPC", variants=("CPC",)),
    Entry(zh="北约", en="North Atlantic Treaty Organization", type="org", short="NATO", variants=("NATO",)),
    Entry(zh="中国共产党", en="Communist Party of China", type="org", short="CPC"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO秘书长", ["NATO"]),
        ("NATOs和nato", []),
        ("北约(NATO)", ["北约", "NATO"]),
        ("CPC表示", []),
        ("中国共产党", ["中国共产党"]),
    ],
    ids=["whole-word", "case-sensitive", "both-scripts", "ambiguous-acronym", "han-form"],
)
def test_latin_acronyms(text, expected):
    assert [m.text for m in TermMatcher(ACRONYMS).find(text)] == expected


EXCEPTIONS = [Entry(zh="电报", en="Telegram", type="media", exceptions=("外电报道", "电报局"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("据外电报道", []), ("據外電報道", []), ("在电报局", []), ("他在电报上说", ["电报"]), ("电报", ["电报"])],
)
def test_entry_exceptions(text, expected):
    assert [m.text for m in TermMatcher(EXCEPTIONS, boundaries=False).find(text)] == expected


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("电报\tTelegram\tmedia\t报道", "exception '报道' must be a longer word containing one of the entry's forms"),
        ("电报\tTelegram\tmedia\t电报", "exception '电报' must be a longer word containing one of the entry's forms"),
    ],
)
def test_exception_must_contain_a_form(row, reason):
    from zhen.terms.glossary import parse_text

    entries, problems = parse_text("zh\ten\ttype\texceptions\n" + row + "\n", "g.tsv")
    assert (entries, [(p.line, p.reason) for p in problems]) == ([], [(2, reason)])


@pytest.mark.parametrize(
    ("text", "with_written", "expected"),
    [("哈薩克總統", True, ["Kazakhstan", "president"]), ("哈薩克總統", False, ["Kazakh", "president"])],
)
def test_find_normalized_uses_what_was_written_when_given(text, with_written, expected):
    from zhen.text.normalize import normalize

    norm = normalize(text)
    found = TermMatcher(REGIONAL).find_normalized(norm.text, norm if with_written else None)
    assert [entry.en for _, _, entry in found] == expected


@pytest.mark.parametrize(("form", "en"), [("哈薩克", "Kazakhstan"), ("哈萨克", "Kazakh"), ("華府", "Washington"), ("华府", None)])
def test_entry_for_knows_regional_forms_as_written(form, en):
    entry = TermMatcher(REGIONAL).entry_for(form)
    assert (entry.en if entry else None) == en
