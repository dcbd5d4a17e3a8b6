"""Glossary export and import: TSV, CSV and TBX round trips, and other tools' CSV layouts."""

from __future__ import annotations

import pytest

from zhen.errors import GlossaryError
from zhen.terms.exchange import export_glossary, import_glossary


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_export_then_import_gives_the_same_glossary(tmp_path, glossary, fmt):
    path = tmp_path / f"g.{fmt}"
    path.write_text(export_glossary(glossary, fmt), encoding="utf-8")
    assert import_glossary(path).entries == glossary.entries


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deepl.csv", "托卡耶夫,Tokayev\n普京,Putin\n", [("托卡耶夫", "Tokayev"), ("普京", "Putin")]),
        ("google.csv", "zh-CN,en-US\n托卡耶夫,Tokayev\n", [("托卡耶夫", "Tokayev")]),
        ("amazon.csv", "en,zh\nTokayev,托卡耶夫\n", [("托卡耶夫", "Tokayev")]),
        ("plain.tsv", "托卡耶夫\tTokayev\n\n普京\tPutin\n", [("托卡耶夫", "Tokayev"), ("普京", "Putin")]),
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


REGIONAL_ROWS = (
    "zh\ten\tshort\tadmitted\tvariants\ttype\tenforce\tavoid\texceptions\tnote\n"
    "哈萨克斯坦\tKazakhstan\t\tKazakhstani\t哈薩克@tw|哈薩克斯坦@hk\tplace\t\tKazakstan\t\t\n"
    "记者\tjournalist\t\treporter|correspondent\t\trole\tyes\t\t记者会\t\n"
)


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_round_trip_keeps_statuses_regions_and_enforce(tmp_path, fmt):
    source = tmp_path / "g.tsv"
    source.write_text(REGIONAL_ROWS, encoding="utf-8")
    glossary = import_glossary(source)
    path = tmp_path / f"out.{fmt}"
    path.write_text(export_glossary(glossary, fmt), encoding="utf-8")
    assert [(e.zh, e.admitted, e.regional, e.avoid, e.enforce, e.exceptions) for e in import_glossary(path)] == [
        ("哈萨克斯坦", ("Kazakhstani",), (("tw", "哈薩克"), ("hk", "哈薩克斯坦")), ("Kazakstan",), "", ()),
        ("记者", ("reporter", "correspondent"), (), (), "yes", ("记者会",)),
    ]


@pytest.mark.parametrize(
    ("term", "notes"),
    [
        ("Vladimir Putin", {"administrativeStatus": "preferredTerm-admn-sts", "termType": "fullForm"}),
        ("Putin", {"administrativeStatus": "preferredTerm-admn-sts", "termType": "shortForm"}),
        ("President Putin", {"administrativeStatus": "admittedTerm-admn-sts"}),
        ("Poutine", {"administrativeStatus": "deprecatedTerm-admn-sts"}),
        ("普丁", {"administrativeStatus": "admittedTerm-admn-sts"}),
        ("蒲亭", {"administrativeStatus": "admittedTerm-admn-sts", "geographicalUsage": "zh-HK"}),
    ],
)
def test_tbx_term_statuses(term, notes):
    import xml.etree.ElementTree as ET

    from zhen.terms.glossary import Entry, Glossary

    entry = Entry(zh="普京", en="Vladimir Putin", type="person", short="Putin", variants=("普丁",),
                  admitted=("President Putin",), avoid=("Poutine",), regional=(("hk", "蒲亭"),))
    root = ET.fromstring(export_glossary(Glossary([entry]), "tbx"))
    ns = "{urn:iso:std:iso:30042:ed-2}"
    sections = {sec.find(f"{ns}term").text: {n.get("type"): n.text for n in sec.findall(f"{ns}termNote")}
                for sec in root.iter(f"{ns}termSec")}
    assert sections[term] == notes

CSV_WITH_BREAKS = (
    'zh,en,note\n'
    '托卡耶夫,"Kassym-Jomart\nTokayev","President since 2019;\r\nre-elected\t2022"\n'
    '"普京\t",Vladimir\tPutin,\n'
)


@pytest.mark.parametrize("name", ["breaks.csv", "breaks.txt"])
def test_csv_cells_with_newlines_and_tabs_import_and_the_tsv_loads_again(tmp_path, name):
    from zhen.terms.glossary import load_glossary

    path = tmp_path / name
    path.write_text(CSV_WITH_BREAKS, encoding="utf-8")
    imported = import_glossary(path)
    assert [(e.zh, e.en) for e in imported] == [("托卡耶夫", "Kassym-Jomart Tokayev"), ("普京", "Vladimir Putin")]
    tsv = tmp_path / "out.tsv"
    tsv.write_text(imported.to_tsv(), encoding="utf-8")
    assert load_glossary([tsv]).entries == imported.entries


def test_zhen_columns_csv_with_a_wrapped_note_round_trips(tmp_path, glossary):
    from zhen.terms.glossary import load_glossary

    path = tmp_path / "zhen.csv"
    path.write_text('zh,en,type,note\n普京,Vladimir Putin,person,"line one\nline two\tand a tab"\n', encoding="utf-8")
    [entry] = import_glossary(path).entries
    assert (entry.zh, entry.en, entry.type, entry.note) == ("普京", "Vladimir Putin", "person", "line one line two and a tab")
    tsv = tmp_path / "out.tsv"
    tsv.write_text(import_glossary(path).to_tsv(), encoding="utf-8")
    assert load_glossary([tsv]).entries == [entry]


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "[other]"), ("tbx", "[other, check-only]")])
def test_foreign_glossary_given_to_glossary_option_is_imported(zhen, tmp_path, fmt, kind):
    path = tmp_path / f"house.{fmt}"
    if fmt == "csv":
        path.write_text("zh,en\n托卡耶夫,Kassym-Zhomart Tokayev\n", encoding="utf-8")
    else:
        path.write_text('<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig><term>托卡耶夫</term></tig>'
                        '</langSet><langSet xml:lang="en"><tig><term>Kassym-Zhomart Tokayev</term></tig></langSet>'
                        "</termEntry></body></text></martif>", encoding="utf-8")
    result = zhen("lookup", "托卡耶夫", "-g", str(path))
    # A two-column list holds the user's terms (enforced); a TBX entry says for itself.
    assert (result.exit_code, result.stdout) == (0, f"托卡耶夫  Kassym-Zhomart Tokayev  {kind}\n")


def test_foreign_glossary_under_a_tsv_name_says_to_import_it(zhen, tmp_path):
    path = tmp_path / "deepl.txt"
    path.write_text("托卡耶夫,Tokayev\n", encoding="utf-8")
    result = zhen("lookup", "托卡耶夫", "-g", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {path}:1: bad header: missing zh, en, type; for another tool's CSV/TBX glossary, "
                             "convert it with `zhen glossary import`\n")
