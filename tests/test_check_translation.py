"""check translation: finding codes and severities, rule selection and config, exit codes, the text report,
term checks (admitted, caseless, short and inflected forms, check-only entries) and consistency."""

from __future__ import annotations

import json

import pytest

from zhen.check import Finding, Selection, exit_code, find_config, load_selection, report
from zhen.check.translation import Segment, check_translation
from zhen.errors import InputError
from zhen.terms.glossary import Entry, Glossary

GLOSSARY = Glossary([
    Entry("托卡耶夫", "Kassym-Jomart Tokayev", "person", short="Tokayev", avoid=("Tokaev",)),
    Entry("俄罗斯", "Russia", "place", admitted=("Russian",)),
    Entry("佐科", "Joko Widodo", "person", short="Joko"),
    Entry("总统", "president", "role"),
    Entry("记者", "journalist", "role", admitted=("reporter",)),
    Entry("美元", "dollars", "currency"),
    Entry("欧洲", "Europe", "place"),
    Entry("亚洲", "Asia", "place"),
    Entry("德国", "Germany", "place"),
    Entry("联合国", "United Nations", "org"),
    Entry("普京", "Vladimir Putin", "person", short="Putin"),
    Entry("一带一路", "Belt and Road Initiative", "programme", short="Belt and Road", avoid=("One Belt One Road",)),
    Entry("日本", "Japan", "place", admitted=("Japanese",)),
    Entry("英国", "Britain", "place", admitted=("British", "UK")),
    Entry("乌鲁木齐", "Urumqi", "place"),
    Entry("副总统", "vice president", "role"),
    Entry("人类命运共同体", "community with a shared future for mankind", "concept"),
    Entry("朝鲜半岛", "Korean Peninsula", "place"),
    Entry("首相", "prime minister", "role"),
    Entry("新冠疫情", "COVID-19 pandemic", "concept", enforce="yes", admitted=("COVID-19",)),
    Entry("国防部", "Defense Ministry", "org", enforce="no"),
    Entry("华盛顿邮报", "The Washington Post", "media"),
    Entry("中新网", "Chinanews.com", "media", admitted=("China News", "ECNS")),
    Entry("国家电网", "State Grid Corporation of China", "org", short="State Grid", admitted=("SGCC",)),
    Entry("坚戈", "tenge", "currency", admitted=("KZT",)),
    Entry("北京冬奥会", "Beijing Winter Olympics", "event"),
    Entry("中国", "China", "place", admitted=("Chinese",)),
    Entry("新冠病毒", "coronavirus", "concept", admitted=("COVID-19", "COVID"), variants=("新型冠状病毒",)),
])


@pytest.mark.parametrize(
    ("kind", "code", "severity"),
    [
        ("missing-term", "T101", "error"),
        ("avoid-rendering", "T102", "error"),
        ("missing-check-only-term", "T103", "info"),
        ("term-case", "T104", "info"),
        ("missing-term-in-name", "T105", "info"),
        ("missing-later-mention", "T106", "info"),
        ("missing-check-only-name", "T107", "warning"),
        ("untranslated-han", "T201", "error"),
        ("inconsistent-translation", "T301", "warning"),
        ("number-missing", "N101", "error"),
        ("malformed-row", "G001", "error"),
        ("duplicate-entry", "G101", "error"),
        ("same-pinyin", "G304", "info"),
        ("rival-spellings", "C101", "warning"),
        ("mixed-script-line", "C201", "info"),
        ("unregistered-name", "C301", "info"),
    ],
)
def test_every_kind_has_a_code_and_a_severity(kind, code, severity):
    finding = Finding("f.txt", 1, 1, kind, "m")
    assert (finding.code, finding.severity) == (code, severity)
    assert list(finding.as_dict()) == ["file", "line", "column", "kind", "code", "severity", "message"]


FINDINGS = [Finding("a", 1, 1, k, "m") for k in ("missing-term", "missing-check-only-term", "untranslated-han",
                                                  "number-missing", "unregistered-name")]


@pytest.mark.parametrize(
    ("select", "ignore", "kept"),
    [
        ((), (), ["T101", "T103", "T201", "N101", "C301"]),
        (("T",), (), ["T101", "T103", "T201"]),
        (("T1",), (), ["T101", "T103"]),
        (("t101",), (), ["T101"]),
        (("missing-term", "N"), (), ["T101", "N101"]),
        (("ALL",), ("T2", "C"), ["T101", "T103", "N101"]),
        ((), ("number-missing",), ["T101", "T103", "T201", "C301"]),
        (("T",), ("T103",), ["T101", "T201"]),
    ],
)
def test_selection_by_code_prefix_and_kind(select, ignore, kept):
    assert [f.code for f in Selection(select, ignore).apply(FINDINGS)] == kept


@pytest.mark.parametrize("selector", ["X", "missing", "Z9", ""])
def test_unknown_selector_is_an_error(selector):
    with pytest.raises(InputError, match="unknown rule selector"):
        Selection((selector,))


@pytest.mark.parametrize(
    ("kinds", "code"),
    [
        ((), 0),
        (("unregistered-name", "same-pinyin"), 0),
        (("inconsistent-translation",), 1),
        (("missing-term", "unregistered-name"), 1),
    ],
)
def test_exit_code_follows_severity(kinds, code):
    assert exit_code([Finding("a", 1, 1, k, "m") for k in kinds]) == code


@pytest.mark.parametrize(
    ("files", "select", "ignore", "expected"),
    [
        ({"zhen.toml": '[check]\nignore = ["N"]\n'}, None, None, Selection((), ("N",))),
        ({"zhen.toml": '[check]\nselect = ["T1"]\n'}, ["N"], ["T103"], Selection(("N",), ("T103",))),
        ({"pyproject.toml": '[tool.zhen.check]\nselect = ["T"]\nignore = ["T201"]\n'}, None, None, Selection(("T",), ("T201",))),
        ({"pyproject.toml": '[project]\nname = "x"\n'}, None, None, Selection()),
        ({}, None, ["C"], Selection((), ("C",))),
    ],
)
def test_config_beside_the_files(tmp_path, files, select, ignore, expected):
    root = tmp_path / "proj"
    (root / "docs").mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    checked = root / "docs" / "zh.txt"
    checked.write_text("x\n", encoding="utf-8")
    config = find_config([checked])
    if config is not None and not str(config).startswith(str(root)):
        pytest.skip(f"a config above the test directory: {config}")
    assert load_selection(config, select, ignore) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[check]\nfail = ["T"]\n', "unknown key 'fail'"),
        ('[check]\nselect = "T"\n', "select must be a list of strings"),
        ("[check\n", "cannot read the check configuration"),
    ],
)
def test_bad_config_is_a_named_error(tmp_path, text, error):
    (tmp_path / "zhen.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=error):
        load_selection(tmp_path / "zhen.toml")


def test_report_groups_by_rule_errors_first():
    findings = [
        Finding("en.txt", 3, 0, "inconsistent-translation", "same source as en.txt:1"),
        Finding("en.txt", 1, 5, "missing-term", "托卡耶夫 → expected 'Tokayev'"),
        Finding("en.txt", 2, 1, "missing-term", "普京 → expected 'Putin'"),
        Finding("zh.txt", 0, 0, "unregistered-name", "索契"),
    ]
    assert report(findings).splitlines() == [
        "T101 missing-term · error (2)",
        "  en.txt:1:5: 托卡耶夫 → expected 'Tokayev'",
        "  en.txt:2:1: 普京 → expected 'Putin'",
        "T301 inconsistent-translation · warning (1)",
        "  en.txt:3: same source as en.txt:1",
        "C301 unregistered-name · info (1)",
        "  zh.txt: 索契",
        "3 problems found (2 errors, 1 warning), 1 for information",
    ]


def _check(source: str, target: str) -> list[tuple[str, str, int]]:
    return [(f.code, f.severity, f.column) for f in check_translation([Segment("t", 1, source, target)], GLOSSARY)]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # preferred, short (a later mention) and admitted forms all satisfy the entry
        ("托卡耶夫访问。", "Kassym-Jomart Tokayev visited.", []),
        ("托卡耶夫访问。", "Tokayev visited.", []),
        ("俄罗斯军队。", "Russian troops.", []),
        ("俄罗斯军队。", "Prussian troops.", [("T101", "error", 1)]),
        # common nouns are caseless and inflect; names keep their case
        ("佐科总统说。", "President Joko said.", []),
        ("记者问。", "Journalists asked.", []),
        ("总统选举。", "The presidential election.", []),
        ("记者问。", "The reporter asked.", []),
        ("新华社电（记者 邰晓安）", "Xinhua (reported by Tai Xiao'an)", []),
        ("新华社电，记者邰晓安说", "Xinhua, Tai Xiao'an said", [("T103", "info", 6)]),
        # other capitals on a name are worth knowing, not a missing term
        ("佐科说。", "joko said.", [("T104", "info", 1)]),
        ("朝鲜半岛无核化。", "Denuclearization of the Korean peninsula.", [("T104", "info", 1)]),
        # hyphen or space, an article inside a phrase, diacritics: the same rendering
        ("副总统说。", "The Vice-President said.", []),
        ("人类命运共同体。", "A community with shared future for mankind.", []),
        ("在乌鲁木齐。", "In Ürümqi.", []),
        # a place's adjective or people, a currency's symbol before an amount
        ("欧洲国家。", "European countries.", []),
        ("亚洲城市。", "An Asian city.", []),
        ("亚洲城市。", "An Asi city.", [("T101", "error", 1)]),
        ("德国海军。", "The German navy.", []),
        ("5亿美元。", "$500 million.", []),
        ("5亿美元。", "US$500 million.", []),
        # a name of several words by its initials, in capitals; never a person's
        ("联合国大会。", "The UN assembly.", []),
        ("联合国大会。", "The U.N. assembly.", []),
        ("联合国大会。", "The un assembly.", [("T101", "error", 1)]),
        ("普京说。", "VP said.", [("T101", "error", 1)]),
        # check-only vocabulary missing is information, unless the entry asks to be enforced; a name left
        # unforced (its English depends on context) a warning; a name missing an error
        ("总统说。", "He said.", [("T103", "info", 1)]),
        ("记者采访时说。", "He said in an interview.", [("T103", "info", 1)]),
        ("新冠疫情。", "The outbreak.", [("T101", "error", 1)]),
        ("国防部说。", "The ministry said.", [("T107", "warning", 1)]),
        ("托卡耶夫说。", "He said.", [("T101", "error", 1)]),
        # avoid-renderings are whole words, of the segment's terms
        # one finding per defect: an avoid-rendering says what to use, no missing-term beside it
        ("托卡耶夫说。", "Tokaev said.", [("T102", "error", 1)]),
        ("托卡耶夫说。", "Tokayev and Tokaeva said.", []),
        ("他说。", "Tokaev said.", []),
        ("一带一路倡议。", 'The "One Belt One Road" initiative.', [("T102", "error", 6)]),
        # a place that begins an institution's name or a publication's title may be left out (information);
        # before a role or a person it may not
        ("日本伊藤忠商事周五说。", "Itochu said on Friday.", [("T105", "info", 1)]),
        ("据英国《简氏防务周刊》报道。", "Jane's Defence Weekly reported.", [("T105", "info", 2)]),
        ("日本冲绳县的农民说。", "A farmer in Okinawa said.", [("T105", "info", 1)]),
        ("日本首相说。", "The prime minister said.", [("T101", "error", 1)]),
        ("日本的农民说。", "A farmer said.", [("T101", "error", 1)]),
        ("日本首相说。", "The Japanese prime minister said.", []),
        # Han characters left over
        ("托卡耶夫说。", "Tokayev 说.", [("T201", "error", 9)]),
        # a name's capitals glued to an amount or written as a web address in any case
        ("据中新网报道。", "According to Ecns.cn.", []),
        ("据中新网报道。", "According to ecns.cn.", []),
        ("据中新网报道。", "According to ecns.", [("T101", "error", 2)]),  # not an address: case matters
        ("国家电网公司。", "SGCC2 said.", []),
        ("5亿坚戈。", "KZT500 million.", []),
        ("5亿坚戈。", "XKZT500 million.", [("T101", "error", 3)]),
        # a year or an edition number inside a name of several words
        ("2022年北京冬奥会。", "The Beijing 2022 Winter Olympics.", []),
        ("2022年北京冬奥会。", "The Beijing Winter 2022 Olympics.", []),
        ("2022年北京冬奥会。", "The 2022 Beijing and Winter Olympics.", [("T101", "error", 6)]),
        # the field's name for a thing (admitted in the glossary), in any case for vocabulary
        ("新型冠状病毒。", "Covid-19.", []),
        ("新型冠状病毒。", "COVID.", []),
        # a place that begins a medium's or an institution's name may be left out
        ("据中国经济网报道。", "According to ce.cn.", [("T105", "info", 2)]),
        ("中国电视台报道。", "CCTV reported.", [("T105", "info", 1)]),
        ("中国的网民。", "Netizens.", [("T101", "error", 1)]),
        # strokes of the CJK block used as separators are marks, not text
        ("托卡耶夫丨专访", "Tokayev 丨 an interview", []),
        ("标题丶副标题", "Title 丶 subtitle", []),
        ("托卡耶夫说。", "Tokayev 丨 说.", [("T201", "error", 11)]),
        ("托卡耶夫说。", "Tokayev 丨说.", [("T201", "error", 9)]),
    ],
)
def test_term_checks(source, target, expected):
    assert _check(source, target) == expected


PLACES = Glossary([Entry(zh, en, "place") for zh, en in [
    ("马尔代夫", "Maldives"), ("新加坡", "Singapore"), ("哈萨克斯坦", "Kazakhstan"), ("巴哈马", "Bahamas"),
    ("哥斯达黎加", "Costa Rica"), ("库克群岛", "Cook Islands"), ("开曼群岛", "Cayman Islands"),
    ("多米尼加共和国", "Dominican Republic"), ("特立尼达和多巴哥", "Trinidad and Tobago"), ("加纳", "Ghana"),
    ("冰岛", "Iceland"), ("洪都拉斯", "Honduras"), ("黑山", "Montenegro"), ("中亚", "Central Asia"),
    ("巴拿马", "Panama"), ("乌拉圭", "Uruguay")]])


@pytest.mark.parametrize(
    ("source", "target", "found"),
    [
        # the adjective or people of a country or region, derived from its English name
        ("马尔代夫政府", "The Maldivian government", True),
        ("新加坡总理", "The Singaporean prime minister", True),
        ("哈萨克斯坦代表团", "The Kazakh delegation", True),
        ("哈萨克斯坦公司", "Kazakhstani companies", True),
        ("巴哈马人", "Bahamians", True),
        ("哥斯达黎加总统", "The Costa Rican president", True),
        ("库克群岛居民", "Cook Islanders", True),
        ("开曼群岛公司", "A Caymanian company", True),
        ("多米尼加共和国总统", "The Dominican president", True),
        ("特立尼达和多巴哥队", "The Trinidadian team", True),
        ("加纳球员", "A Ghanaian player", True),
        ("冰岛渔民", "Icelandic fishermen", True),
        ("洪都拉斯移民", "Honduran migrants", True),
        ("黑山议会", "The Montenegrin parliament", True),
        ("中亚国家", "Central Asian countries", True),
        ("巴拿马运河", "The Panamanian canal", True),
        ("乌拉圭球员", "Uruguayan players", True),
        # another word that only begins like the name is not its adjective
        ("哈萨克斯坦代表团", "The Kazan delegation", False),
        ("加纳球员", "A Guinean player", False),
        ("冰岛渔民", "Irish fishermen", False),
        ("哥斯达黎加总统", "The Rican president", False),
    ],
)
def test_demonyms_render_the_place(source, target, found):
    findings = check_translation([Segment("t", 1, source, target)], PLACES)
    assert (findings == []) is found


LONG = "国务院总理在北京主持召开国务院常务会议并部署进一步扩大开放措施。"  # 30 Han characters, no glossary term


@pytest.mark.parametrize(
    ("source", "first", "second", "expected"),
    [
        ("你好。", "Hello.", "Hi.", None),
        (LONG, "The State Council met.", "The State Council met", None),
        (LONG, "The State Council met.", "the state council  met.", None),
        (LONG, "The State Council met.", "The cabinet met.",
         "same source as t:1, translated 'The State Council met.' there and 'The cabinet met.' here"),
        # a short segment differs only if its terms are rendered differently
        ("托卡耶夫好。", "Tokayev is well.", "Tokayev is fine.", None),
        ("托卡耶夫好。", "Tokayev is well.", "Kassym-Jomart Tokayev is well.",
         "same source as t:1, 托卡耶夫 rendered 'tokayev' there and 'kassym-jomart tokayev' here"),
        ("托卡耶夫好。", "Tokayev is well.", "He is well.",
         "same source as t:1, 托卡耶夫 rendered 'tokayev' there and not at all here"),
    ],
)
def test_inconsistent_translation_only_where_it_matters(source, first, second, expected):
    findings = check_translation([Segment("t", 1, source, first), Segment("t", 2, source, second)], GLOSSARY)
    messages = [f.message for f in findings if f.code == "T301"]
    assert messages == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("first", "second", "file", "expected"),
    [
        # a later mention in the same document, shortened or left out: information
        (("托卡耶夫说。", "Kassym-Jomart Tokayev said."), ("托卡耶夫补充说。", "He added."), "t", [("T106", "info")]),
        (("《华盛顿邮报》报道。", "The Washington Post reported."), ("华盛顿邮报还说。", "The Post also said."), "t",
         [("T106", "info")]),
        (("联合国大会开幕。", "The UN assembly opened."), ("联合国表示。", "The body said."), "t", [("T106", "info")]),
        # another document, or a first mention that was itself missing: the term is required
        (("托卡耶夫说。", "Kassym-Jomart Tokayev said."), ("托卡耶夫补充说。", "He added."), "u", [("T101", "error")]),
        (("托卡耶夫说。", "He said."), ("托卡耶夫补充说。", "He added."), "t", [("T101", "error")]),
    ],
)
def test_later_mentions_are_information(first, second, file, expected):
    segments = [Segment("t", 1, *first), Segment(file, 2, *second)]
    findings = [f for f in check_translation(segments, GLOSSARY) if f.line == 2]
    assert [(f.code, f.severity) for f in findings] == expected


def _files(tmp_path, source: str, target: str):
    src, tgt = tmp_path / "zh.txt", tmp_path / "en.txt"
    src.write_text(source, encoding="utf-8")
    tgt.write_text(target, encoding="utf-8")
    return str(src), str(tgt)


@pytest.mark.parametrize(
    ("options", "config", "code", "codes"),
    [
        ((), None, 1, ["T101", "T201", "N103"]),
        (("--select", "T2"), None, 1, ["T201"]),
        (("--ignore", "T,N"), None, 0, []),
        (("--select", "T101", "--select", "N"), None, 1, ["T101", "N103"]),
        ((), '[check]\nignore = ["T"]\n', 1, ["N103"]),
        (("--ignore", "N103"), '[check]\nignore = ["T"]\n', 0, []),
        (("--select", "T"), '[check]\nselect = ["N"]\n', 1, ["T101", "T201"]),
    ],
)
def test_cli_selection_and_exit_codes(zhen, tmp_path, options, config, code, codes):
    if config:
        (tmp_path / "zhen.toml").write_text(config, encoding="utf-8")
    src, tgt = _files(tmp_path, "托卡耶夫说。\n\n增加了4410亿坚戈。\n", "He said.\n\nUp 4.41 billion tenge 坚戈.\n")
    result = zhen("check", "translation", "--json", *options, src, tgt)
    assert result.exit_code == code
    assert [f["code"] for f in json.loads(result.stdout)] == codes


def test_cli_json_keeps_every_field(zhen, tmp_path):
    src, tgt = _files(tmp_path, "托卡耶夫说。\n", "He said.\n")
    [finding] = json.loads(zhen("check", "translation", "--json", src, tgt).stdout)
    assert finding == {"file": tgt, "line": 1, "column": 1, "kind": "missing-term", "code": "T101", "severity": "error",
                       "message": "托卡耶夫 → expected 'Kassym-Jomart Tokayev' or 'Tokayev' in the target"}


def test_cli_unknown_selector_is_one_line_error(zhen, tmp_path):
    src, tgt = _files(tmp_path, "托卡耶夫说。\n", "He said.\n")
    result = zhen("check", "translation", "--select", "Q9", src, tgt)
    assert result.exit_code == 2
    assert result.stderr == ("Error: unknown rule selector 'Q9' (a code such as T101, a prefix such as T, a kind such as "
                             "missing-term, or ALL)\n")


def test_cli_text_report(zhen, tmp_path):
    src, tgt = _files(tmp_path, "托卡耶夫说，日本伊藤忠商事亏损。\n", "Tokaev said Itochu lost money.\n")
    result = zhen("check", "translation", src, tgt)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "T102 avoid-rendering · error (1)",
        f"  {tgt}:1:1: 'Tokaev' is to be avoided; use 'Kassym-Jomart Tokayev' (托卡耶夫)",
        "T105 missing-term-in-name · info (1)",
        f"  {tgt}:1:7: 日本 → expected 'Japan' (or admitted 'Japanese') in the target; it is part of the name 日本伊藤忠商事, "
        "which English often gives without it",
        "1 problem found (1 error), 1 for information",
    ]


def test_term_case_names_the_form_written_otherwise():
    [finding] = check_translation([Segment("t", 1, "朝鲜半岛无核化。", "Denuclearization of the Korean peninsula.")], GLOSSARY)
    assert finding.message == "朝鲜半岛 → 'Korean peninsula' is written with other capitals than 'Korean Peninsula'"
