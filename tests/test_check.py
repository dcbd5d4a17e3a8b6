"""zhen check: each defect planted in a small glossary, corpus or translation is reported with kind and location."""

from __future__ import annotations

import json

import pytest

from helpers import CORPUS
from zhen.terms.glossary import COLUMNS
from zhen.check.corpus import check_corpus, spellings, suggestion_rows, unregistered
from zhen.check.glossary import check_glossary
from zhen.check.translation import Segment, check_translation
from zhen.terms.glossary import Glossary, load_glossary

HEADER = "zh\ten\tshort\tvariants\ttype\tavoid\tnote\n"
CLEAN = "托卡耶夫\tKassym-Jomart Tokayev\tTokayev\t托加耶夫\tperson\tTokaev\t\n普京\tVladimir Putin\tPutin\t普丁\tperson\t\t\n"


def _glossary_file(tmp_path, rows: str):
    path = tmp_path / "g.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_clean_glossary_has_no_findings(tmp_path):
    assert check_glossary([_glossary_file(tmp_path, CLEAN)]) == []


def test_bundled_glossary_is_clean(glossary):
    from zhen.terms.glossary import default_glossary_path

    assert check_glossary([default_glossary_path()]) == []


@pytest.mark.parametrize(
    ("extra", "line", "kind"),
    [
        ("托卡耶夫\tTokayev\t\t\tperson\t\t\n", 4, "duplicate-entry"),
        ("托加耶夫\tTogayev\t\t\tperson\t\t\n", 4, "conflicting-rendering"),
        ("卡西姆\tKassym-Jomart Tokayev\t\t普丁\tperson\t\t\n", 4, "conflicting-rendering"),
        ("普京总统\tPresident Vladimir Putinovich\t\t\trole\t\t\n", 4, None),
        ("阿斯塔納\tAstana\t\t\tplace\t\t\n", 4, "traditional-in-canonical"),
        ("拜登\tJoe Biden\tBiden\t\tperson\tBiden\t\n", 4, "avoid-is-preferred"),
        ("托卡耶夫娃\tTokaev\t\t\tperson\t\t\n", 4, "english-variant"),
        ("纳托\tvladimir putin\t\t\tperson\t\t\n", 4, "inconsistent-case"),
        ("普京号\tYacht Aurora\t\t\tother\t\t\n", 4, "shadowed-form"),
        ("仆京\tPujing Village\t\t\tplace\t\t\n", 4, "same-pinyin"),
        ("空白\t\t\t\tother\t\t\n", 4, "malformed-row"),
        ("短\tShort\tShort\t\tother\t\t\n", 4, "short-equals-full"),
    ],
)
def test_planted_glossary_defect(tmp_path, extra, line, kind):
    path = _glossary_file(tmp_path, CLEAN + extra)
    findings = check_glossary([path])
    if kind is None:
        assert findings == []
        return
    assert kind in [f.kind for f in findings]
    finding = next(f for f in findings if f.kind == kind)
    assert (finding.file, finding.line) == (str(path), line)


def test_shadowing_message_says_which_wins_where(tmp_path):
    [finding] = check_glossary([_glossary_file(tmp_path, CLEAN + "普京号\tYacht Aurora\t\t\tother\t\t\n")])
    assert finding.message == (
        "普京号 (Yacht Aurora) contains 普京 (Vladimir Putin): in '普京号' the longer entry wins, "
        "so 'Vladimir Putin' is not produced there; elsewhere 普京 matches"
    )


def test_a_note_naming_the_other_entry_explains_a_finding(tmp_path):
    rows = CLEAN + "普京号\tYacht Aurora\t\t\tother\t\tNamed after 普京 but a yacht.\n"
    assert check_glossary([_glossary_file(tmp_path, rows)]) == []


EXPECTED_RIVALS = {
    "普京": {"普京", "普丁"},
    "托卡耶夫": {"托卡耶夫", "托加耶夫"},
    "中间走廊": {"中间走廊", "中走廊"},
    "德阿涅利": {"德阿涅利", "达涅利"},
    "卡泽诺娃": {"卡泽诺娃", "卡塞诺娃"},
    "乌东": {"乌东", "乌克兰东部"},
    "俄军": {"俄军", "俄罗斯军队"},
    "前苏联加盟共和国": {"前苏联加盟共和国", "前苏联共和国"},
    "俄罗斯安全理事会": {"俄罗斯安全理事会", "俄罗斯安全委员会"},
    "上海合作组织": {"上海合作组织", "上合组织"},
    "俄乌战争": {"俄乌战争", "乌克兰战争", "对乌战争"},
    "独立国家联合体": {"独立国家联合体", "独联体"},
    "集体安全条约组织": {"集体安全条约组织", "集安组织"},
    "北约": {"北约", "北大西洋公约组织"},
    "里海管道财团": {"里海管道财团", "里海石油管线", "CPC"},
    "圣彼得堡国际经济论坛": {"圣彼得堡国际经济论坛", "圣彼得堡经济论坛"},
    "跨里海管道": {"跨里海管道", "跨里海石油管道"},
    "俄罗斯族": {"俄罗斯族", "俄族人"},
    "哈钦报": {"哈钦报", "希望报"},
}


def test_bundled_corpus_rival_spellings_are_pinned(glossary):
    used = spellings([CORPUS], glossary)
    assert {zh: set(forms) for zh, forms in used.items() if len(forms) > 1} == EXPECTED_RIVALS


def test_corpus_report_counts_spellings_per_document(glossary):
    findings, _ = check_corpus([CORPUS], glossary)
    tokayev = next(f for f in findings if f.kind == "rival-spellings" and f.message.startswith("托卡耶夫"))
    assert "托加耶夫 ×3 (bbc-kazakhstan-slipping-orbit ×3)" in tokayev.message
    assert ("mixed-spellings-in-document", str(CORPUS / "bbc-kazakhstan-slipping-orbit.txt")) in {
        (f.kind, f.file) for f in findings}
    # The WSJ reprint's particle 著 (象征著, 有著) is a character valid in simplified text (显著, 土著), and
    # nothing traditional stands near it, so no line of the corpus mixes scripts (zhen.text.normalize.Converter).
    assert [(f.file, f.line) for f in findings if f.kind == "mixed-script-line"] == []


def test_clean_corpus_reports_nothing(tmp_path, glossary):
    doc = tmp_path / "a.txt"
    doc.write_text("托卡耶夫在阿斯塔纳会见了普京。\n", encoding="utf-8")
    assert check_corpus([doc], glossary) == ([], [])


def test_missing_variant_is_proposed_for_the_closest_entry(tmp_path):
    g = Glossary([e for e in load_glossary()])
    g.entries = [e for e in g.entries if e.zh != "托卡耶夫"] + [
        type(g.entries[0])(zh="托卡耶夫", en="Kassym-Jomart Tokayev", type="person", short="Tokayev")]
    doc = tmp_path / "a.txt"
    # A variant is proposed only on strong evidence: close pinyin, same type, and the entry nearby.
    doc.write_text("托卡耶夫总统说，托加耶夫将访问阿斯塔纳。\n托加耶夫先生说。\n", encoding="utf-8")
    [cand] = unregistered([(str(doc), doc.read_text(encoding="utf-8"))], g)
    assert (cand.text, cand.count, cand.first, cand.closest[0][0].zh) == ("托加耶夫", 2, (str(doc), 1, 9), "托卡耶夫")
    rows = suggestion_rows([cand]).splitlines()
    assert rows[1].split("\t")[:5] == ["托卡耶夫", "Kassym-Jomart Tokayev", "Tokayev", "", "托加耶夫"]


def _segments(source: str, target: str) -> list[Segment]:
    return [Segment("t.txt", 1, source, target)]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("托卡耶夫在阿斯塔纳。", "He spoke in Astana.", [("missing-term", 1)]),
        ("托卡耶夫在阿斯塔纳。", "Tokaev spoke in Astana.", [("avoid-rendering", 1)]),
        ("托卡耶夫在阿斯塔纳。", "Tokayev spoke in 阿斯塔纳.", [("missing-term", 6), ("untranslated-han", 18)]),
        ("国防预算增加了4410亿坚戈。", "The defense budget rose by 4.41 billion tenge.", [("number-mismatch", 8)]),
        ("约有三分之一。", "About a quarter.", [("number-mismatch", 3)]),
        ("7月25日。", "On July 24.", [("number-mismatch", 1)]),
    ],
)
def test_planted_translation_defect(glossary, source, target, expected):
    findings = check_translation(_segments(source, target), glossary)
    assert [(f.kind, f.column) for f in findings] == expected
    assert {f.line for f in findings} == {1}


def test_clean_translation_reports_nothing(glossary):
    assert check_translation(_segments("托卡耶夫在阿斯塔纳。", "Kassym-Jomart Tokayev spoke in Astana."), glossary) == []


def test_inconsistent_translation_across_segments(glossary):
    # A short segment holding a glossary term is compared by how it renders the term (short ones without one are not).
    segments = [Segment("a.txt", 1, "阿斯塔纳天气很好。", "Astana is fine."), Segment("b.txt", 3, "阿斯塔纳天气很好。", "Astana is sunny."),
                Segment("c.txt", 5, "阿斯塔纳天气很好。", "Nur-Sultan is sunny.")]
    [finding] = [f for f in check_translation(segments, glossary) if f.kind == "inconsistent-translation"]
    assert (finding.file, finding.line) == ("c.txt", 5)
    assert finding.message == "same source as a.txt:1, 阿斯塔纳 rendered 'astana' there and not at all here"


def test_cli_check_translation_exit_codes_and_json(zhen, tmp_path):
    src, tgt = tmp_path / "zh.txt", tmp_path / "en.txt"
    src.write_text("托卡耶夫说。\n\n增加了4410亿坚戈。\n", encoding="utf-8")
    tgt.write_text("He said.\n\nUp 4.41 billion tenge 坚戈.\n", encoding="utf-8")
    result = zhen("check", "translation", "--json", str(src), str(tgt))
    assert result.exit_code == 1
    assert [(f["line"], f["column"], f["kind"]) for f in json.loads(result.stdout)] == [
        (1, 1, "missing-term"), (3, 23, "untranslated-han"), (3, 4, "number-mismatch")]
    tgt.write_text("Kassym-Jomart Tokayev said.\n\nUp 441 billion tenge.\n", encoding="utf-8")
    result = zhen("check", "translation", str(src), str(tgt))
    assert (result.exit_code, result.stdout) == (0, "no problems found\n")
    tgt.write_text("one line\n", encoding="utf-8")
    assert zhen("check", "translation", str(src), str(tgt)).exit_code == 2


def test_cli_check_glossary_and_corpus(zhen, tmp_path):
    assert (zhen("check", "glossary").exit_code, zhen("check", "glossary").stdout) == (0, "no problems found\n")
    suggest = tmp_path / "suggest.tsv"
    result = zhen("check", "corpus", str(CORPUS), "--suggest", str(suggest))
    assert result.exit_code == 1 and "C101 rival-spellings · warning (19)" in result.stdout
    assert suggest.read_text(encoding="utf-8").startswith("\t".join(COLUMNS) + "\n")
    assert zhen("check", "corpus", str(tmp_path / "missing")).exit_code == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("的\tof\t\t\tconcept\t\t\n", "的 (of) is a single character: it will match inside unrelated words (的 in 目的); give the longer words instead"),
        ("阿富汗\tAfghanistan\t\t汗\tplace\t\t\n",
         "汗 (Afghanistan) is a single character: it will match inside unrelated words (的 in 目的); give the longer words instead"),
    ],
    ids=["single-character-entry", "single-character-variant"],
)
def test_single_character_form_is_overbroad(tmp_path, extra, message):
    [finding] = check_glossary([_glossary_file(tmp_path, CLEAN + extra)])
    assert (finding.kind, finding.line, finding.message) == ("overbroad-form", 4, message)


def test_form_inside_many_other_entries_is_one_overbroad_finding(tmp_path):
    longer = "".join(f"国家{c}\tState {c}\t\t\tother\t\t\n" for c in "甲乙丙丁戊己庚辛壬癸")
    findings = check_glossary([_glossary_file(tmp_path, CLEAN + "国家\tcountry\t\t\tconcept\t\t\n" + longer)])
    assert [(f.kind, f.line, f.message) for f in findings] == [(
        "overbroad-form", 4, "国家 (country) is a common building block; it is inside 10 longer forms of other entries: "
        "it will match inside unrelated words (的 in 目的); give the longer words instead")]


def test_override_in_a_later_file_is_information_not_a_problem(tmp_path, zhen):
    base = _glossary_file(tmp_path, CLEAN)
    house = tmp_path / "house.tsv"
    house.write_text(HEADER + "托卡耶夫\tKassym-Zhomart Tokayev\tTokayev\t\tperson\t\t\n", encoding="utf-8")
    findings = check_glossary([base, house])
    assert [(f.file, f.line, f.kind, f.message) for f in findings] == [(
        str(house), 2, "override", f"托卡耶夫 replaces the whole entry at {base}:2 (Kassym-Jomart Tokayev → Kassym-Zhomart Tokayev)")]
    result = zhen("check", "glossary", str(base), str(house))
    assert (result.exit_code, result.stdout) == (0, (
        f"G105 override · info (1)\n  {house}:2: 托卡耶夫 replaces the whole entry at {base}:2 (Kassym-Jomart Tokayev → Kassym-Zhomart Tokayev)\n"
        "no problems found (1 for information)\n"))
    # The same zh twice in one file is still a duplicate, and a problem.
    result = zhen("check", "glossary", str(_glossary_file(tmp_path, CLEAN + "托卡耶夫\tTokayev\t\t\tperson\t\t\n")))
    assert result.exit_code == 1 and "G101 duplicate-entry · error (1)" in result.stdout
