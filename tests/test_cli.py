"""The CLI: exact output and exit codes of each command, help for every command, one-line errors."""

from __future__ import annotations

import json

import pytest
import typer

from zhen.cli import app


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()):
    for command in group.registered_commands:
        yield (*prefix, command.name or command.callback.__name__)
    for sub in group.registered_groups:
        yield (*prefix, sub.name)
        yield from _commands(sub.typer_instance, (*prefix, sub.name))


@pytest.mark.parametrize("command", sorted(_commands(app)), ids=" ".join)
def test_every_command_has_help(zhen, command):
    result = zhen(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: zhen" in result.stdout and len(result.stdout.splitlines()) > 3


@pytest.mark.parametrize(
    ("query", "code", "lines"),
    [
        ("托加耶夫", 0, ["托卡耶夫  Kassym-Jomart Tokayev · Tokayev  [person]"]),
        ("集安組織", 0, ["集体安全条约组织  Collective Security Treaty Organization · CSTO  [org]"]),
        ("普丁", 0, ["普京  Vladimir Putin · Putin  [person]"]),
        ("tuokayefu", 0, ["托卡耶夫  Kassym-Jomart Tokayev · Tokayev  [person]"]),
        ("记者", 0, ["记者  journalist  [role, check-only]", "  admitted: reporter, correspondent"]),
        ("tuokayifu", 1, ["no exact entry for 'tuokayifu'; closest:",
                          "托卡耶夫  Kassym-Jomart Tokayev · Tokayev  [person]  (fuzzy 0.89)"]),
        ("托卡耶娃", 1, ["no exact entry for '托卡耶娃'; closest:",
                         "托卡耶夫  Kassym-Jomart Tokayev · Tokayev  [person]  (fuzzy 0.76)"]),
    ],
)
def test_lookup_output(zhen, query, code, lines):
    result = zhen("lookup", query)
    assert result.exit_code == code
    assert result.stdout.splitlines()[: len(lines)] == lines


def test_lookup_json(zhen):
    result = zhen("lookup", "--json", "普丁")
    [entry] = json.loads(result.stdout)
    assert result.exit_code == 0
    assert {k: entry[k] for k in ("zh", "en", "short", "variants", "type", "match", "via", "score")} == {
        "zh": "普京", "en": "Vladimir Putin", "short": "Putin", "variants": ["普丁", "弗拉基米尔·普京"],
        "type": "person", "match": "exact", "via": "zh", "score": 1.0,
    }
    assert entry["english"][:2] == [{"text": "Vladimir Putin", "status": "preferred"},
                                    {"text": "Putin", "status": "preferred", "form": "short"}]
    assert entry["pinyin"] == "pǔ jīng"


def test_lookup_json_fuzzy_exits_1(zhen):
    result = zhen("lookup", "--json", "托卡耶娃")
    assert result.exit_code == 1
    assert [(e["zh"], e["match"], e["score"]) for e in json.loads(result.stdout)] == [("托卡耶夫", "fuzzy", 0.764)]


# Names the glossary lacks used to be answered with an unrelated entry and exit 0.
@pytest.mark.parametrize("query", ["qqqqqqqqqq", "新疆", "红场", "Erdogan"])
def test_lookup_miss_is_an_error(zhen, glossary, tmp_path, query):
    from helpers import without

    lacking = tmp_path / "lacking.tsv"
    lacking.write_text(without(glossary, query).to_tsv(), encoding="utf-8")
    result = zhen("lookup", "-g", str(lacking), query)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: no glossary entry for {query!r}\n")


def test_terms_plain_from_stdin(zhen):
    result = zhen("terms", "-", input="俄總統普丁\n在阿斯塔纳\n")
    assert result.exit_code == 0
    assert result.stdout == "1:0-3\t俄總統\tRussian president\t俄总统\n1:3-5\t普丁\tVladimir Putin\t普京\n2:1-5\t阿斯塔纳\tAstana\t阿斯塔纳\n"


def test_terms_json_one_object_per_line(zhen):
    result = zhen("terms", "--json", "-", input="托加耶夫\n\n无\n")
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"line": 1, "terms": [{"text": "托加耶夫", "start": 0, "end": 4, "zh": "托卡耶夫", "en": "Kassym-Jomart Tokayev",
                               "english": [{"text": "Kassym-Jomart Tokayev", "status": "preferred"},
                                           {"text": "Tokayev", "status": "preferred", "form": "short"},
                                           {"text": "Tokaev", "status": "deprecated"},
                                           {"text": "Tokayef", "status": "deprecated"},
                                           {"text": "Tokaiev", "status": "deprecated"}],
                               "enforced": True}]},
        {"line": 2, "terms": []},
        {"line": 3, "terms": []},
    ]


def test_show_encoding(zhen, tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("普丁與托卡耶夫會談,哈薩克總統表示支持。\n".encode("big5"))
    result = zhen("terms", "--show-encoding", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"{path}: big5\n"
    assert "普丁\tVladimir Putin" in result.stdout


@pytest.mark.parametrize(
    ("args", "config_output"),
    [
        (("normalize", "-"), "在俄罗斯象征着支持战争。\n"),
        (("normalize", "--config", "t2s", "-"), "在俄罗斯象征著支持战争。\n"),
    ],
)
def test_normalize_output(zhen, args, config_output):
    result = zhen(*args, input="在俄羅斯象征著支持戰爭。\n")
    assert (result.exit_code, result.stdout) == (0, config_output)


def test_normalize_report(zhen):
    # 著 of 显著 is simplified too and is not counted; 於 (for 于) is traditional.
    result = zhen("normalize", "--report", "-", input="简体\n在俄罗斯关於显著支持战争\n")
    assert result.stdout == (
        "traditional characters: 1 (於)\nlines with traditional characters: 2\nlines mixing scripts: 2\n"
    )


@pytest.mark.parametrize(
    ("make", "args", "message"),
    [
        (lambda d: d / "nope.txt", ("terms",), "Error: {p}: no such file\n"),
        (lambda d: d, ("terms",), "Error: {p}: is a directory, expected a file\n"),
        (lambda d: _write(d / "e.txt", b""), ("normalize",), "Error: {p}: file is empty\n"),
        (lambda d: _write(d / "b.bin", bytes(range(256)) * 8), ("terms",),
         "Error: {p}: binary file or unknown encoding (not UTF-8, UTF-16, GB18030 or Big5)\n"),
        (lambda d: _write(d / "g.tsv", b"zh\ten\ttype\n\xe6\x99\xae\xe4\xba\xac\t\tperson\n"), ("lookup", "x", "-g"),
         "Error: {p}:2: empty required field 'en'\n"),
    ],
    ids=["missing", "directory", "empty", "binary", "glossary-row"],
)
def test_bad_input_gives_one_line_error(zhen, tmp_path, make, args, message):
    path = make(tmp_path)
    result = zhen(*args, str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message.format(p=path))


def test_usage_error_exits_2(zhen):
    assert zhen("terms").exit_code == 2


def test_glossary_stats(zhen, glossary):
    result = zhen("glossary", "stats", "--json")
    stats = json.loads(result.stdout)
    assert (stats["entries"], stats["signature"]) == (len(glossary), glossary.signature)


def test_glossary_export_import_round_trip_via_cli(zhen, tmp_path, glossary):
    tbx, tsv = tmp_path / "g.tbx", tmp_path / "g.tsv"
    assert zhen("glossary", "export", "--format", "tbx", "-o", str(tbx)).exit_code == 0
    assert zhen("glossary", "import", str(tbx), "-o", str(tsv)).exit_code == 0
    assert tsv.read_text(encoding="utf-8") == glossary.to_tsv()


def test_repeated_glossary_option_overrides(zhen, tmp_path):
    extra = tmp_path / "house.tsv"
    extra.write_text("zh\ten\ttype\n托卡耶夫\tKassym-Zhomart Tokayev\tperson\n", encoding="utf-8")
    result = zhen("lookup", "托卡耶夫", "-g", "glossary", "-g", str(extra))
    assert result.stdout == "托卡耶夫  Kassym-Zhomart Tokayev  [person]\n"


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
