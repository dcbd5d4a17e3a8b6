"""check corpus --suggest: names by entity type with whole spans, English with its source, and variant-of
rows only on strong evidence (never 巴基斯坦 as a spelling of Tajikistan)."""

from __future__ import annotations

import pytest

from zhen.check.corpus import suggestion_rows, unregistered
from zhen.check.names import cedict, romanize
from zhen.terms.glossary import COLUMNS, Entry, Glossary, load_glossary
from zhen.terms.match import TermMatcher

GLOSSARY = Glossary([
    Entry("托卡耶夫", "Kassym-Jomart Tokayev", "person", short="Tokayev"),
    Entry("普京", "Vladimir Putin", "person", short="Putin"),
    Entry("塔吉克斯坦", "Tajikistan", "place"),
    Entry("内蒙古", "Inner Mongolia", "place"),
    Entry("中国", "China", "place"),
])


def _names(text: str) -> list[tuple[str, str, str, str, str | None]]:
    return [(c.text, c.type, c.english, c.source, c.variant_of.zh if c.variant_of else None)
            for c in unregistered([("d.txt", text)], GLOSSARY)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole names, not spans cut out of or fused with their neighbours
        ("他们决定调查特朗普。", [("特朗普", "person", "Donald Trump", "CC-CEDICT", None)]),
        ("他去了广西南宁市。", [("广西", "place", "Guangxi Zhuang Autonomous Region", "CC-CEDICT", None),
                          ("南宁", "place", "Nanning", "CC-CEDICT", None)]),
        ("价格是5万卢布。", []),
        ("内蒙古鄂尔多斯市举行会议。", [("鄂尔多斯", "place", "Ordos", "CC-CEDICT", None)]),
        ("汉密尔顿说。", [("汉密尔顿", "person", "Hamilton", "CC-CEDICT", None)]),
        # names that are no transliteration, by entity type
        ("峰会在索契举行。", [("索契", "place", "Sochi", "CC-CEDICT", None)]),
        ("游客在红场。", [("红场", "place", "Red Square", "CC-CEDICT", None)]),
        ("新疆的棉花。", [("新疆", "place", "Xinjiang", "CC-CEDICT", None)]),
        ("李克强主持会议。", [("李克强", "person", "Li Keqiang", "CC-CEDICT", None)]),
        ("据新华社报道。", [("新华社", "org", "Xinhua News Agency", "CC-CEDICT", None)]),
        ("国务院发布通知。", [("国务院", "org", "State Council", "CC-CEDICT", None)]),
        ("中国国家统计局发布。", [("中国国家统计局", "org", "China National Bureau of Statistics", "CC-CEDICT", None)]),
        ("北京建工集团表示。", [("北京建工集团", "org", "Beijing Jiangongjituan", "pinyin guess", None)]),
        ("中国海洋大学招生。", []),
        # a foreign full name with middle dots is one name, its English part by part
        ("舵手皮埃尔・伊维斯・杜兰德说。", [("皮埃尔・伊维斯・杜兰德", "person", "Pierre Yiweisi Dulande", "pinyin guess", None)]),
        # and a first name joined by a hyphen before it (让-克洛德, Jean-Claude) is part of it
        ("一个叫让-克洛德•阿尔诺的男人。", [("让-克洛德•阿尔诺", "person", "Rangkeluode A'ernuo", "pinyin guess", None)]),
        # a known place before another transliteration is not fused with it (苏拉威西|帕卢)
        ("视察了中苏拉威西帕卢市。", [("苏拉威西", "place", "Sulawesi", "CC-CEDICT", None)]),
        # a name the tagger cut is made whole, or freed of the conjunction glued to it
        ("宣传部长韩白乙拉酒驾致3人死亡。", [("韩白乙拉", "person", "Hanbaiyila", "pinyin guess", None)]),
        ("要进库苏古尔湖附近山中探险。", [("库苏古尔湖", "place", "Kusugu'er Lake", "pinyin guess", None)]),
        ("多人占领了加齐沃达水电站。", [("加齐沃达", "person", "Jiaqiwoda", "pinyin guess", None)]),
        ("决议和塞科之间的协议。", [("塞科", "person", "Saike", "pinyin guess", None)]),
        # not names: N countries, an area, a person who names an institution, a dotted brand around a place
        ("金砖四国合作。", []),
        ("衡水高新区举行仪式。", [("衡水", "place", "Hengshui", "CC-CEDICT", None)]),
        ("在孔子学院学习。", []),
        ("基于神威・太湖之光计算机。", [("太湖", "place", "Lake Tai", "CC-CEDICT", None)]),
        # unknown to the dictionary: a marked pinyin guess
        ("院长瑟帕洛说。", [("瑟帕洛", "person", "Sepaluo", "pinyin guess", None)]),
        ("记者张林虎报道。", [("张林虎", "person", "Zhang Linhu", "pinyin guess", None)]),
        # not names: two parties, a side in talks, ordinary words the tagger takes for names
        ("中美贸易。", []),
        ("韩方表示。", []),
        ("韩朝首脑会谈。", []),
        ("登上世界舞台。", []),
        ("一家广播公司报道。", []),
        ("提升在西北地区的影响力。", []),
        ("华裔企业家。", []),
        ("据《每日邮报》消息。", []),
        ("世界和平。", []),
        ("近段时间以来。", []),
        ("高鸿自9月起已停止。", []),
        ("继马拉、乔普后，成功开通。", []),
        ("笛艺大师陈东宝说。", [("陈东宝", "person", "Chen Dongbao", "pinyin guess", None)]),
        ("司长梁维特指示。", [("梁维特", "person", "Liang Weite", "pinyin guess", None)]),
        # no variant without strong evidence; a variant where the dictionary gives the entry's own English
        ("巴基斯坦和塔吉克斯坦签署协议。", [("巴基斯坦", "place", "Pakistan", "CC-CEDICT", None)]),
        ("普丁说。", [("普丁", "person", "Vladimir Putin", "CC-CEDICT", "普京")]),
        ("托卡耶夫总统说，托加耶夫将访问。", [("托加耶夫", "person", "Tuojiayefu", "pinyin guess", "托卡耶夫")]),
        ("托加耶夫将访问。", [("托加耶夫", "person", "Tuojiayefu", "pinyin guess", None)]),
    ],
)
def test_names_found(text, expected):
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("word", "kind", "expected"),
    [
        ("特朗普", "person", "Telangpu"),
        ("李克强", "person", "Li Keqiang"),
        ("西安", "place", "Xi'an"),
        ("库苏古尔省", "place", "Kusugu'er Province"),
        ("瑟帕洛", "person", "Sepaluo"),
    ],
)
def test_romanize(word, kind, expected):
    assert romanize(word, kind) == expected


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("马尔代夫", "Maldives"),  # 'the Maldives'
        ("埃尔多安", "Recep Tayyip Erdoğan"),  # the dated sense, not 'Erdogan (name)'
        ("南宁市", "Nanning"),  # 'Nanning, prefecture-level city …'
        ("国务院", "State Council"),
        ("国家统计局", "National Bureau of Statistics"),  # '(China) National Bureau of Statistics (NBS)'
        ("普丁", "Vladimir Putin"),  # '(Tw) Vladimir Putin (1952-) …'
        ("华裔", ""),  # 'ethnic Chinese': no name
    ],
)
def test_dictionary_english(word, english):
    assert cedict().english(word) == english


def test_suggestion_rows_are_glossary_rows_with_unreviewed_notes():
    text = "托卡耶夫总统说，托加耶夫将访问索契。\n"
    rows = suggestion_rows(unregistered([("d.txt", text)], GLOSSARY)).splitlines()
    assert rows[0] == "\t".join(COLUMNS)
    assert [r.split("\t") for r in rows[1:]] == [
        ["托卡耶夫", "Kassym-Jomart Tokayev", "Tokayev", "", "托加耶夫", "person", "", "", "",
         "[unreviewed: variant 托加耶夫 suggested by zhen check corpus ×1: pinyin 0.84, same type, near it in the same document]"],
        ["索契", "Sochi", "", "", "", "place", "", "", "",
         "[unreviewed: suggested by zhen check corpus ×1; English from CC-CEDICT; review type]"],
    ]


def test_loading_suggestions_never_renames_another_country(tmp_path):
    text = "巴基斯坦和塔吉克斯坦签署协议。巴基斯坦总理访问塔吉克斯坦。\n"
    glossary_file = tmp_path / "g.tsv"
    glossary_file.write_text(GLOSSARY.to_tsv(), encoding="utf-8")
    rows = tmp_path / "rows.tsv"
    rows.write_text(suggestion_rows(unregistered([("d.txt", text)], GLOSSARY)), encoding="utf-8")
    loaded = load_glossary([glossary_file, rows])
    found = {m.text: m.entry.en for m in TermMatcher(loaded.entries).find(text)}
    assert found == {"巴基斯坦": "Pakistan", "塔吉克斯坦": "Tajikistan"}


def test_cli_suggestions_on_the_bundled_corpus_offer_no_variant_rows(zhen, tmp_path):
    from helpers import CORPUS

    rows = tmp_path / "rows.tsv"
    result = zhen("check", "corpus", str(CORPUS), "--suggest", str(rows), "--select", "C301")
    assert result.exit_code == 0  # unregistered names are info: they never fail the check
    lines = rows.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "\t".join(COLUMNS)
    assert all("[unreviewed: suggested by zhen check corpus" in line.split("\t")[COLUMNS.index("note")] for line in lines[1:])


def test_cli_terms_after_loading_suggestions(zhen, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("巴基斯坦和塔吉克斯坦签署协议。\n", encoding="utf-8")
    glossary_file = tmp_path / "g.tsv"
    glossary_file.write_text(GLOSSARY.to_tsv(), encoding="utf-8")
    rows = tmp_path / "rows.tsv"
    zhen("check", "corpus", str(text), "--suggest", str(rows), "-g", str(glossary_file))
    result = zhen("terms", str(text), "-g", str(glossary_file), "-g", str(rows))
    assert (result.exit_code, result.stdout) == (0, "1:0-4\t巴基斯坦\tPakistan\t巴基斯坦\n1:5-10\t塔吉克斯坦\tTajikistan\t塔吉克斯坦\n")
