"""Glossary export and import: TSV, CSV and TBX round trips, and other tools' CSV layouts."""

from __future__ import annotations

import pytest

from zhen.errors import GlossaryError
from zhen.terms.exchange import export_glossary, import_glossary
from zhen.terms.glossary import COLUMNS, Glossary, parse_text


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_export_then_import_gives_the_same_glossary(tmp_path, glossary, fmt):
    path = tmp_path / f"g.{fmt}"
    path.write_text(export_glossary(glossary, fmt), encoding="utf-8")
    assert import_glossary(path).entries == glossary.entries


@pytest.mark.parametrize(
    ("row", "expected_in_tbx"),
    [
        ("哈萨克斯坦\tKazakhstan\t\tKazakh|Kazakhstani\t哈薩克@tw\tplace\t\t\t",
         ['<term>哈薩克</term>', '<termNote type="geographicalUsage">zh-TW</termNote>',
          '<term>Kazakhstani</term>']),
        ("微博\tWeibo\t\tmicroblog\t\tmedia\tno\t\t", ['<descrip type="enforce">no</descrip>']),
    ],
)
def test_tbx_carries_admitted_regional_and_enforce(tmp_path, row, expected_in_tbx):
    entries, problems = parse_text("\t".join(("zh", "en", "short", "admitted", "variants", "type", "enforce", "avoid",
                                               "note")) + "\n" + row + "\n", "g.tsv")
    tbx = export_glossary(Glossary(entries), "tbx")
    path = tmp_path / "g.tbx"
    path.write_text(tbx, encoding="utf-8")
    assert (problems, [e.to_row() for e in import_glossary(path)]) == ([], [row])
    assert all(fragment in tbx for fragment in expected_in_tbx)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deepl.csv", "托卡耶夫,Tokayev\n普京,Putin\n", [("托卡耶夫", "Tokayev"), ("普京", "Putin")]),
        ("google.csv", "zh-CN,en-US\n托卡耶夫,Tokayev\n", [("托卡耶夫", "Tokayev")]),
        ("amazon.csv", "en,zh\nTokayev,托卡耶夫\n", [("托卡耶夫", "Tokayev")]),
        ("plain.tsv", "托卡耶夫\tTokayev\n\n普京\tPutin\n", [("托卡耶夫", "Tokayev"), ("普京", "Putin")]),
        ("dupes.csv", "托卡耶夫,Tokayev\n托卡耶夫,Tokaev\n", [("托卡耶夫", "Tokayev")]),
    ],
)
def test_import_two_column_layouts(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert [(e.zh, e.en) for e in import_glossary(path)] == expected


def test_import_legacy_martif_tbx(tmp_path):
    path = tmp_path / "old.tbx"
    path.write_text(
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh-CN"><tig><term>普京</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Putin</term></tig></langSet></termEntry></body></text></martif>',
        encoding="utf-8",
    )
    assert [(e.zh, e.en) for e in import_glossary(path)] == [("普京", "Putin")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("one.csv", "托卡耶夫\n", "one.csv:1: expected a Chinese term and its English"),
        ("bad.tbx", "<tbx><text><body>", "bad.tbx:1: not well-formed"),
        ("empty.tbx", "<tbx><text><body></body></text></tbx>", "no conceptEntry or termEntry"),
    ],
)
def test_import_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message):
        import_glossary(path)


def test_unknown_export_format(glossary):
    with pytest.raises(GlossaryError, match="unknown format 'xlsx'"):
        export_glossary(glossary, "xlsx")


@pytest.mark.parametrize(
    ("snippet"),
    [
        "<term>Kazakhstan</term>\n            <termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>",
        "<term>Kazakhstani</term>\n            <termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>",
        "<term>Kazakstan</term>\n            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>",
        "<term>哈薩克</term>\n            <termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>\n"
        "            <termNote type=\"geographicalUsage\">zh-TW</termNote>",
    ],
    ids=["preferred", "admitted", "deprecated", "taiwan-usage"],
)
def test_tbx_carries_statuses_and_regional_usage(tmp_path, snippet):
    row = "哈萨克斯坦\tKazakhstan\t\tKazakh|Kazakhstani\t哈薩克@tw\tplace\t\tKazakstan\t\n"
    entries, _ = parse_text("\t".join(COLUMNS) + "\n" + row, "x.tsv")
    tbx = export_glossary(Glossary(entries), "tbx")
    assert snippet in tbx
    path = tmp_path / "g.tbx"
    path.write_text(tbx, encoding="utf-8")
    (back,) = import_glossary(path).entries
    assert (back.admitted, back.regional, back.avoid) == (("Kazakh", "Kazakhstani"), (("tw", "哈薩克"),), ("Kazakstan",))
