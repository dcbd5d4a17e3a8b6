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
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(p=path))


def _leaves(group: typer.Typer, prefix: tuple[str, ...] = ()):
    for command in group.registered_commands:
        yield (*prefix, command.name or command.callback.__name__)
    for sub in group.registered_groups:
        yield from _leaves(sub.typer_instance, (*prefix, sub.name))


COMMANDS = sorted(_leaves(app))

# Exit codes, one rule for every command (README, "Exit codes"): 2 usage or input error, 1 findings or a
# failed run, 0 done. Each command has its cases here; a command without any fails
# test_every_command_has_exit_code_cases. {tmp}: the test's directory; {missing}: a path there that does
# not exist; an expected message is the whole of stderr, None where click words it or it is not one line.
EXIT_CASES = [
    (("translate", "{missing}"), 2, "Error: {missing}: no such file"),
    (("translate", "{text}", "-f", "pdf"), 2, "Error: unknown output format 'pdf'; choose one of text, md, jsonl, tmx"),
    (("translate", "{text}", "--device", "tpu"), 2, "Error: --device 'tpu' is not one of cpu, cuda, auto"),
    (("translate", "{text}", "--beam", "x"), 2, None),
    (("translate", "{text}", "--batch-tokens", "0"), 2, "Error: --batch-tokens must be at least 1, not 0"),
    (("translate", "{text}", "--id-field", "doc"), 2, "Error: --id-field applies to JSON Lines input: add --jsonl, or leave out --id-field"),
    (("translate", "{text}", "--model", "{missing}"), 2, "Error: --model {missing}: no such directory or registered model (known: gone)"),
    (("translate", "{text}"), 1, None),  # no model installed: the run cannot be done
    (("lookup", "托卡耶夫"), 0, None),
    (("lookup", "托卡耶娃"), 1, None),  # no exact entry: a finding
    (("lookup", "托卡耶夫", "-g", "{missing}"), 2, "Error: {missing}: no such glossary file or directory"),
    (("terms", "{text}"), 0, None),
    (("terms", "{missing}"), 2, "Error: {missing}: no such file"),
    (("terms", "{empty}"), 2, "Error: {empty}: file is empty"),
    (("normalize", "{text}"), 0, None),
    (("normalize", "--config", "x2y", "{text}"), 2, "Error: unknown conversion config 'x2y'; choose one of tw2s, t2s, hk2s, tw2sp"),
    (("normalize", "{missing}"), 2, "Error: {missing}: no such file"),
    (("check", "glossary", "{glossary}"), 0, None),
    (("check", "glossary", "{duplicate}"), 1, None),
    (("check", "glossary", "{missing}"), 2, "Error: {missing}: no such glossary file or directory"),
    (("check", "corpus", "{text}"), 0, None),
    (("check", "corpus", "{rivals}"), 1, None),
    (("check", "corpus", "{missing}"), 2, "Error: {missing}: no such file"),
    (("check", "corpus", "{text}", "--select", "T101"), 2,
     "Error: --select T101: `zhen check corpus` reports only C101, C102, C201, C301, so it would never match"),
    (("check", "translation", "{source}", "{target}"), 0, None),
    (("check", "translation", "{source}", "{source}"), 1, None),
    (("check", "translation", "{missing}", "{target}"), 2, "Error: {missing}: no such file"),
    (("check", "translation", "{source}", "{target}", "--select", "XX"), 2,
     "Error: unknown rule selector 'XX' (a code such as T101, a prefix such as T, a kind such as missing-term, or ALL)"),
    (("glossary", "export", "-f", "tsv", "-g", "{glossary}"), 0, None),
    (("glossary", "export", "-f", "pdf"), 2, "Error: --format: unknown format 'pdf'; choose one of tsv, csv, tbx"),
    (("glossary", "import", "{csv}"), 0, None),
    (("glossary", "import", "{missing}"), 2, None),
    (("glossary", "import", "{empty}"), 2, None),
    (("glossary", "stats"), 0, None),
    (("glossary", "stats", "-g", "{missing}"), 2, "Error: {missing}: no such glossary file or directory"),
    (("model", "install", "{missing}"), 2, "Error: {missing}: no such file"),
    (("model", "install"), 2, "Error: give either PATH.argosmodel or --download"),
    (("model", "install", "{text}"), 1, "Error: {text}: not an Argos package (.argosmodel must be a zip archive)"),
    (("model", "list"), 0, None),
    (("model", "list", "extra"), 2, None),
    (("model", "add", "{missing}"), 2, "Error: {missing}: no such directory"),
    (("model", "add", "{tmp}"), 1, None),  # a directory, but not a model: nothing can be registered
    (("model", "path"), 0, None),
    (("model", "path", "extra"), 2, None),
    (("model", "remove", "gone"), 0, None),  # a registration whose directory was deleted (see files)
    (("model", "remove", "never-registered"), 2, None),
    (("serve",), 1, None),  # no model installed: nothing to serve
    (("serve", "--max-chars", "0"), 2, "Error: --max-chars must be at least 1, not 0"),
]


@pytest.fixture()
def files(tmp_path, glossary):
    """The inputs EXIT_CASES name, made in the test's directory."""
    made = {"tmp": tmp_path, "missing": tmp_path / "missing.txt"}
    texts = {
        "text": "今天天气很好。\n", "empty": "", "source": "托卡耶夫说。\n", "target": "Kassym-Jomart Tokayev said.\n",
        "rivals": "哈萨克斯坦总统托卡耶夫会见托加耶夫。\n", "csv": "zh,en\n托卡耶夫,Tokayev\n",
        "glossary": "zh\ten\ttype\n托卡耶夫\tKassym-Jomart Tokayev\tperson\n",
        "duplicate": "zh\ten\ttype\n托卡耶夫\tKassym-Jomart Tokayev\tperson\n托卡耶夫\tTokayev\tperson\n",
    }
    suffix = {"csv": ".csv", "glossary": ".tsv", "duplicate": ".tsv"}
    # A registration whose directory was deleted, for `model remove`.
    from zhen.mt.registry import data_dir

    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "models.json").write_text(json.dumps({"gone": str(tmp_path / "gone-model")}), encoding="utf-8")
    for name, text in texts.items():
        made[name] = tmp_path / f"{name}{suffix.get(name, '.txt')}"
        made[name].write_text(text, encoding="utf-8")
    return made


def _command(args: tuple[str, ...]) -> tuple[str, ...]:
    return next(c for c in sorted(COMMANDS, key=len, reverse=True) if args[: len(c)] == c)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_exit_code_cases(command):
    codes = {code for args, code, _ in EXIT_CASES if _command(args) == command}
    assert 2 in codes and codes & {0, 1}, f"add cases for `zhen {' '.join(command)}` to EXIT_CASES (a usage error and a run)"
    assert command in INTERRUPTED_IN, f"add `zhen {' '.join(command)}` to INTERRUPTED_IN"


@pytest.mark.parametrize(("args", "code", "message"), EXIT_CASES, ids=[" ".join(a) for a, _, _ in EXIT_CASES])
def test_exit_code(zhen, files, monkeypatch, args, code, message):
    monkeypatch.chdir(files["tmp"])
    result = zhen(*[a.format(**files) for a in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if message is not None:
        assert result.stderr == message.format(**files) + "\n"


# A library call each command makes: Ctrl-C there must end the command with one line and exit 130.
INTERRUPTED_IN = {
    ("translate",): ("zhen.translate.plan", ("translate", "{text}")),
    ("lookup",): ("zhen.terms.lookup.lookup", ("lookup", "托卡耶夫")),
    ("terms",): ("zhen.terms.match.matcher_for", ("terms", "{text}")),
    ("normalize",): ("zhen.text.normalize.normalize", ("normalize", "{text}")),
    ("check", "glossary"): ("zhen.check.glossary.check_glossary", ("check", "glossary")),
    ("check", "corpus"): ("zhen.check.corpus.check_corpus", ("check", "corpus", "{text}")),
    ("check", "translation"): ("zhen.check.translation.read_segments", ("check", "translation", "{source}", "{target}")),
    ("glossary", "export"): ("zhen.terms.exchange.export_glossary", ("glossary", "export")),
    ("glossary", "import"): ("zhen.terms.exchange.import_glossary", ("glossary", "import", "{csv}")),
    ("glossary", "stats"): ("zhen.terms.glossary.glossary_stats", ("glossary", "stats")),
    ("model", "install"): ("zhen.mt.models.install_model", ("model", "install", "{text}")),
    ("model", "list"): ("zhen.mt.models.list_models", ("model", "list")),
    ("model", "add"): ("zhen.mt.registry.add_model", ("model", "add", "{tmp}")),
    ("model", "path"): ("zhen.mt.models.packages_dir", ("model", "path")),
    ("model", "remove"): ("zhen.mt.registry.remove_model", ("model", "remove", "gone")),
    ("serve",): ("zhen.serve.run.build_app", ("serve",)),
}


@pytest.mark.parametrize("command", sorted(INTERRUPTED_IN), ids=" ".join)
def test_ctrl_c_exits_130_in_every_command(zhen, files, monkeypatch, command):
    target, args = INTERRUPTED_IN[command]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(target, interrupted)
    result = zhen(*[a.format(**files) for a in args])
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "Error: interrupted\n")


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
