"""The region's names in the bundled glossary: key lookups, variants, Taiwan forms, and what is left out."""

from __future__ import annotations

import pytest

from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted


@pytest.fixture(scope="module")
def matcher(glossary):
    return matcher_for(glossary)


@pytest.mark.parametrize(
    ("form", "zh", "en"),
    [
        # canonical Chinese → preferred English
        ("拉夫罗夫", "拉夫罗夫", "Sergei Lavrov"),
        ("绍伊古", "绍伊古", "Sergei Shoigu"),
        ("佩斯科夫", "佩斯科夫", "Dmitry Peskov"),
        ("埃尔多安", "埃尔多安", "Tayyip Erdogan"),
        ("卢卡申科", "卢卡申科", "Alexander Lukashenko"),
        ("泽连斯基", "泽连斯基", "Volodymyr Zelenskiy"),
        ("李克强", "李克强", "Li Keqiang"),
        ("王毅", "王毅", "Wang Yi"),
        ("扎帕罗夫", "扎帕罗夫", "Sadyr Japarov"),
        ("纳扎尔巴耶夫", "纳扎尔巴耶夫", "Nursultan Nazarbayev"),
        ("新华社", "新华社", "Xinhua"),
        ("塔斯社", "塔斯社", "TASS"),
        ("国务院", "国务院", "State Council"),
        ("中欧班列", "中欧班列", "China-Europe Railway Express"),
        ("特别军事行动", "特别军事行动", "special military operation"),
        # variants → their entry
        ("谢尔盖·拉夫罗夫", "拉夫罗夫", "Sergei Lavrov"),
        ("雷杰普·塔伊普·埃尔多安", "埃尔多安", "Tayyip Erdogan"),
        ("卡米洛夫", "科米洛夫", "Abdulaziz Kamilov"),
        ("阿克尔别克·扎帕罗夫", "阿克尔别克·扎帕罗夫", "Akylbek Japarov"),
        ("库尔班古力·别尔德穆哈梅多夫", "古尔班古力·别尔德穆哈梅多夫", "Gurbanguly Berdymukhamedov"),
        ("谢尔达尔·别尔德穆哈梅多夫", "谢尔达尔·别尔德穆哈梅多夫", "Serdar Berdymukhamedov"),
        ("哈通社", "哈萨克国际通讯社", "Kazinform"),
        ("央视", "中央电视台", "China Central Television"),
        ("全国人大", "全国人民代表大会", "National People's Congress"),
        ("亚欧经济联盟", "欧亚经济联盟", "Eurasian Economic Union"),
        ("亚信会议", "亚洲相互协作与信任措施会议", "Conference on Interaction and Confidence-Building Measures in Asia"),
        ("外长", "外交部长", "foreign minister"),
        ("防长", "国防部长", "defense minister"),
        # Taiwan and Hong Kong forms, written in traditional characters
        ("澤倫斯基", "泽连斯基", "Volodymyr Zelenskiy"),
        ("川普", "特朗普", "Donald Trump"),
        ("艾爾多安", "埃尔多安", "Tayyip Erdogan"),
        ("盧卡申柯", "卢卡申科", "Alexander Lukashenko"),
        ("馬克宏", "马克龙", "Emmanuel Macron"),
        ("新華社", "新华社", "Xinhua"),
        ("龐皮歐", "蓬佩奥", "Mike Pompeo"),
        ("納坦雅胡", "内塔尼亚胡", "Benjamin Netanyahu"),
        ("蕭茲", "朔尔茨", "Olaf Scholz"),
        ("古特瑞斯", "古特雷斯", "Antonio Guterres"),
    ],
)
def test_form_resolves_to_entry(matcher, form, zh, en):
    entry = matcher.entry_for(form)
    assert (entry.zh, entry.en) == (zh, en)


@pytest.mark.parametrize(
    "form",
    [
        "伊万诺夫",  # Sergei, Igor, Timur Ivanov
        "别尔德穆哈梅多夫",  # Gurbanguly or Serdar
        "萨尔基相",  # Serzh Sargsyan or Armen Sarkissian
        "克林顿",  # Bill or Hillary
        "克里",  # begins 克里米亚, 克里姆林宫
        "诺瓦克",  # also Novak Djokovic's given name
        "求是",  # inside 需求是, 实事求是
        "油管",  # an oil pipeline
        "一战",  # inside 这一战略
    ],
)
def test_ambiguous_or_common_forms_are_not_registered(matcher, form):
    assert matcher.entry_for(form) is None


@pytest.mark.parametrize(
    ("form", "enforced"),
    [("新华社", True), ("泽连斯基", True), ("美国国防部", True), ("外交部", False), ("国防部", False),
     ("商务部", False), ("外长", False), ("微博", False), ("苏联解体", False)],
)
def test_names_are_enforced_generic_words_checked(matcher, form, enforced):
    assert matcher.entry_for(form).enforced is enforced


@pytest.mark.parametrize(
    ("form", "reference", "found"),
    [
        ("泽连斯基", "Ukraine's President Volodymyr Zelenskyy said", [(20, 39)]),
        ("泽连斯基", "Zelensky said on Monday", [(0, 8)]),
        ("埃尔多安", "Turkish President Recep Tayyip Erdogan", [(18, 38)]),
        ("华盛顿邮报", "the Washington Post reported", [(4, 19)]),
        ("国防部", "Russia's Ministry of Defence said", [(9, 28)]),
        ("副总理", "Chinese Vice Premier Liu He", [(8, 20)]),
        ("卢卡申科", "Belarusian leader Lukashenka", []),
    ],
)
def test_admitted_english_satisfies_the_entry(matcher, form, reference, found):
    assert find_accepted(reference, matcher.entry_for(form)) == found


def test_terms_lists_the_regions_names(zhen):
    result = zhen("terms", "-", input="俄罗斯外长拉夫罗夫在莫斯科会见王毅，塔斯社报道。\n澤倫斯基與盧卡申柯\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "1:0-3\t俄罗斯\tRussia\t俄罗斯",
        "1:3-5\t外长\tforeign minister\t外交部长",
        "1:5-9\t拉夫罗夫\tSergei Lavrov\t拉夫罗夫",
        "1:10-13\t莫斯科\tMoscow\t莫斯科",
        "1:15-17\t王毅\tWang Yi\t王毅",
        "1:18-21\t塔斯社\tTASS\t塔斯社",
        "2:0-4\t澤倫斯基\tVolodymyr Zelenskiy\t泽连斯基",
        "2:5-9\t盧卡申柯\tAlexander Lukashenko\t卢卡申科",
    ]
