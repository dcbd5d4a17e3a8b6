"""A user's own term list is enforced; glossary files with a term twice warn, a Chinese cell split by a line break is refused."""

from __future__ import annotations

import warnings

import pytest

from zhen.errors import GlossaryError, GlossaryWarning
from zhen.mt.pipeline import Summary
from zhen.terms.exchange import import_glossary
from zhen.terms.glossary import load_glossary

TWO_COLUMNS = [
    ("deepl.csv", "托卡耶夫,Tokaev\n普京,Putin\n"),
    ("google.csv", "zh-CN,en-US\n托卡耶夫,Tokaev\n普京,Putin\n"),
    ("amazon.csv", "en,zh\nTokaev,托卡耶夫\nPutin,普京\n"),
    ("plain.tsv", "托卡耶夫\tTokaev\n普京\tPutin\n"),
    ("upper.tsv", "ZH\tEN\n托卡耶夫\tTokaev\n普京\tPutin\n"),
]


@pytest.mark.parametrize(("name", "content"), TWO_COLUMNS, ids=[n for n, _ in TWO_COLUMNS])
def test_imported_two_column_rows_are_enforced(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    entries = import_glossary(path).entries
    assert [(e.zh, e.en, e.enforced) for e in entries] == [("托卡耶夫", "Tokaev", True), ("普京", "Putin", True)]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("terms.tsv", "zh\ten\n普京\tPutin\n"),
        ("terms.tsv", "ZH\tEN\n普京\tPutin\n"),
        ("terms.tsv", "zh-CN\ten-US\n普京\tPutin\n"),
        ("terms.tsv", "# my terms\nen\tzh\nPutin\t普京\n"),
        ("terms.txt", "zh-Hans\tEnglish\n普京\tPutin\n"),
        ("terms.csv", "zh,en\n普京,Putin\n"),
    ],
    ids=["zh-en", "upper", "regions", "reversed-after-comment", "txt", "csv"],
)
def test_a_two_column_term_list_is_a_glossary(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [entry] = load_glossary([path]).entries
    assert (entry.zh, entry.en, entry.enforced) == ("普京", "Putin", True)


@pytest.mark.parametrize("header", ["zh\ten\tshort", "zh\tfr", "zh"], ids=["zhen-columns", "other-language", "one-column"])
def test_other_headers_without_type_are_still_refused(tmp_path, header):
    path = tmp_path / "house.tsv"
    path.write_text(f"{header}\n普京\tPutin\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"house\.tsv:1: bad header: missing"):
        load_glossary([path])


def test_zhen_columns_keep_their_own_enforcement(tmp_path):
    path = tmp_path / "house.csv"
    path.write_text("zh,en,type\n记者,reporter,role\n普京,Putin,person\n", encoding="utf-8")
    assert [(e.zh, e.enforced) for e in import_glossary(path)] == [("记者", False), ("普京", True)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("托卡耶夫,Tokaev\n普京,Putin\n", "2 entries, 2 enforced in translation, 0 check-only"),
        ("zh,en,type\n记者,reporter,role\n普京,Putin,person\n", "2 entries, 1 enforced in translation, 1 check-only"),
    ],
    ids=["two-columns", "zhen-columns"],
)
def test_glossary_import_says_how_many_rows_it_enforces(zhen, tmp_path, content, message):
    path = tmp_path / "deepl.csv"
    path.write_text(content, encoding="utf-8")
    result = zhen("glossary", "import", str(path), "-o", str(tmp_path / "house.tsv"))
    assert (result.exit_code, result.stderr) == (0, f"{path}: {message}\n")
    assert load_glossary([tmp_path / "house.tsv"]).entries == import_glossary(path).entries


def test_translate_enforces_the_users_list(zhen, installed_model, tmp_path):
    terms = tmp_path / "terms.tsv"
    # 记者 is check-only vocabulary in the house glossary: the user's list enforces it.
    terms.write_text("zh\ten\n记者\tcorrespondent\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("记者说。\n", encoding="utf-8")
    result = zhen("translate", "--no-cache", "--max-length", "8", str(tmp_path / "a.txt"), "-g", str(terms))
    assert result.exit_code == 0, result.output
    assert "correspondent" in result.stdout
    assert "terms: 1 required, 1 met (" in result.stderr


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ({}, "terms: 0 required"),
        ({"terms": 3, "model": 1, "forced": 2}, "terms: 3 required, 3 met (1 by the model, 2 forced, 0 missing)  term success rate: 100.0 %"),
        ({"terms": 4, "model": 1, "forced": 2, "missing": 1}, "terms: 4 required, 3 met (1 by the model, 2 forced, 1 missing)  term success rate: 75.0 %"),
    ],
    ids=["none", "all", "one-missing"],
)
def test_summary_counts_required_and_met(counts, line):
    summary = Summary("sig", **counts)
    assert summary.lines()[2] == line
    assert summary.tsr == (None if not counts else (counts["model"] + counts["forced"]) / counts["terms"])


DUPLICATES = [
    ("house.tsv", "zh\ten\ttype\n托卡耶夫\tTokayev\tperson\n普京\tPutin\tperson\n托卡耶夫\tTokaev\tperson\n", 2, 4),
    ("deepl.csv", "托卡耶夫,Tokayev\n普京,Putin\n托卡耶夫,Tokaev\n", 1, 3),
    ("terms.tsv", "# list\nzh\ten\n托卡耶夫\tTokayev\n托卡耶夫\tTokaev\n", 3, 4),
    ("zhen.csv", 'zh,en,type,note\n托卡耶夫,Tokayev,person,"two\nlines"\n托卡耶夫,Tokaev,person,\n', 2, 4),
]


@pytest.mark.parametrize(("name", "content", "first", "second"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_a_term_given_twice_warns_naming_both_lines(zhen, tmp_path, name, content, first, second):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    message = f"{path}:{first}: 托卡耶夫 is given again at {path}:{second}; the later row is used"
    with pytest.warns(GlossaryWarning) as caught:
        entries = load_glossary([path]).entries
    assert [str(w.message) for w in caught] == [message]
    assert [e.en for e in entries if e.zh == "托卡耶夫"] == ["Tokaev"]
    result = zhen("lookup", "托卡耶夫", "-g", str(path))
    assert (result.exit_code, result.stderr) == (0, f"Warning: {message}\n")
    assert result.stdout.startswith("托卡耶夫  Tokaev")


def test_a_term_in_two_files_is_an_override_not_a_warning(tmp_path):
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text("zh\ten\ttype\n普京\tPutin\tperson\n", encoding="utf-8")
    second.write_text("zh\ten\ttype\n普京\tVladimir Putin\tperson\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", GlossaryWarning)
        assert [e.en for e in load_glossary([first, second])] == ["Vladimir Putin"]


BROKEN = [
    ("deepl.csv", '托卡耶夫,Tokayev\n"托卡\n耶夫",Tokayev\n', 2, "托卡 耶夫"),
    ("google.csv", 'zh,en\n普京,Putin\n\n"托卡\r\n耶夫",Tokayev\n', 4, "托卡 耶夫"),
    ("zhen.csv", 'zh,en,type,note\n普京,Putin,person,"a\nnote"\n"托卡\t耶夫",Tokayev,person,\n', 4, "托卡 耶夫"),
    ("variants.csv", 'zh,en,type,variants\n托卡耶夫,Tokayev,person,"托加\n耶夫"\n', 2, "托加 耶夫"),
]


@pytest.mark.parametrize(("name", "content", "line", "form"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_chinese_cell_split_by_a_line_break_is_refused(zhen, tmp_path, name, content, line, form):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    reason = (f"the Chinese term {form!r} has a tab or line break inside it (a quoted cell wrapped over lines?); "
              "no text can match it")
    with pytest.raises(GlossaryError) as info:
        import_glossary(path)
    assert str(info.value) == f"{path}:{line}: {reason}"
    result = zhen("glossary", "import", str(path), "-o", str(tmp_path / "house.tsv"))
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}:{line}: {reason}\n")
    assert not (tmp_path / "house.tsv").exists()


@pytest.mark.parametrize(("name", "content", "first", "second"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_check_glossary_still_reports_the_duplicate(tmp_path, name, content, first, second):
    from zhen.check.glossary import check_glossary

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", GlossaryWarning)
        found = [(f.line, f.message) for f in check_glossary([path]) if f.kind == "duplicate-entry"]
    assert found == [(second, f"托卡耶夫 already defined at {path}:{first}")]
