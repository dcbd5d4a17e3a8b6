"""The glossary loader: good rows, malformed rows reported as file:line, overrides."""

from __future__ import annotations

import pytest

from zhen.errors import GlossaryError
from zhen.terms.glossary import load_glossary
from zhen.terms.match import matcher_for

HEADER = "zh\ten\tshort\tvariants\ttype\tavoid\tnote\n"


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("托卡耶夫\tTokayev\t\t\tperson\t\t\n普京\t\t\t\tperson\t\t\n", 3, "empty required field 'en'"),
        ("托卡耶夫\tTokayev\t\t\twizard\t\t\n", 2, "unknown type 'wizard' (one of person, org, place, event, concept, programme, media, role, work, currency, other)"),
        ("托卡耶夫\tTokayev\t\t\tperson\t\t\textra\tcell\n", 2, "9 columns, header has 7"),
        ("# comment\n\n托卡耶夫\t\t\t\tperson\t\t\n", 4, "empty required field 'en'"),
    ],
    ids=["empty-en", "bad-type", "too-many-columns", "after-comments"],
)
def test_malformed_row_names_file_and_line(tmp_path, body, line, reason):
    path = tmp_path / "x.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary([path])
    assert str(info.value) == f"{path}:{line}: {reason}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("zh\tenglish\ttype\n", "x.tsv:1: bad header: missing en"),
        ("zh\ten\ttype\tcolour\n", "x.tsv:1: bad header: unknown column 'colour'"),
        ("# only comments\n", "x.tsv:1: no header row"),
    ],
)
def test_bad_header(tmp_path, content, message):
    path = tmp_path / "x.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message.replace(".", r"\.")):
        load_glossary([path])


def test_missing_glossary_path(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file or directory"):
        load_glossary([tmp_path / "nope.tsv"])


def test_later_file_overrides_earlier(tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text(HEADER + "托卡耶夫\tTokaev\t\t\tperson\t\t\n普京\tPutin\t\t\tperson\t\t\n", encoding="utf-8")
    second.write_text(HEADER + "托卡耶夫\tTokayev\t\t托加耶夫\tperson\t\t\n", encoding="utf-8")
    g = load_glossary([first, second])
    assert [(e.zh, e.en) for e in g] == [("普京", "Putin"), ("托卡耶夫", "Tokayev")]
    assert matcher_for(g).entry_for("托加耶夫").en == "Tokayev"


def test_bundled_glossary_is_large_and_typed(glossary):
    assert len(glossary) > 250
    assert {e.type for e in glossary} >= {"person", "org", "place", "event", "concept", "media"}


@pytest.mark.parametrize(
    ("zh", "first", "later"),
    [
        ("集体安全条约组织", "Collective Security Treaty Organization (CSTO)", "CSTO"),
        ("托卡耶夫", "Kassym-Jomart Tokayev", "Tokayev"),
        ("阿斯塔纳", "Astana", "Astana"),
        ("美国中央司令部", "U.S. Central Command (CENTCOM)", "CENTCOM"),
    ],
)
def test_first_and_subsequent_mentions(glossary, zh, first, later):
    entry = matcher_for(glossary).entry_for(zh)
    assert (entry.first_mention(), entry.subsequent_mention()) == (first, later)


def test_signature_changes_with_content(tmp_path, glossary):
    path = tmp_path / "x.tsv"
    path.write_text(HEADER + "托卡耶夫\tTokayev\t\t\tperson\t\t\n", encoding="utf-8")
    changed = tmp_path / "y.tsv"
    changed.write_text(HEADER + "托卡耶夫\tTokaev\t\t\tperson\t\t\n", encoding="utf-8")
    assert load_glossary([path]).signature != load_glossary([changed]).signature
