"""The README works as written: every `zhen …` line of its Usage section runs, in order, as shown.

Lines are parsed from README.md, not copied here, so commands added to the README are tested too.
Only file names are adapted, by placing files of those names in a temporary working directory
(FILES below); the model is the random-weight test package installed in a temporary
ARGOS_PACKAGES_DIR, the cache a temporary directory.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from helpers import CORPUS, ROOT

README = ROOT / "README.md"
ARTICLE = CORPUS / "bbc-kazakhstan-slipping-orbit.txt"
# Input files the Usage lines name, made in the working directory. Outputs (-o, --suggest) need nothing.
FILES = {
    "article.txt": lambda cwd: shutil.copyfile(ARTICLE, cwd / "article.txt"),
    "corpus/": lambda cwd: shutil.copytree(CORPUS, cwd / "corpus"),
    "glossary": lambda cwd: shutil.copytree(ROOT / "glossary", cwd / "glossary"),
    "deepl.csv": lambda cwd: (cwd / "deepl.csv").write_text("托卡耶夫,Kassym-Zhomart Tokayev\n普京,Putin\n", encoding="utf-8"),
    "source.txt": lambda cwd: (cwd / "source.txt").write_text("托卡耶夫在阿斯塔纳会见普京。\n", encoding="utf-8"),
    "target.txt": lambda cwd: (cwd / "target.txt").write_text("Tokayev met Putin in Astana.\n", encoding="utf-8"),
    "feed.jsonl": lambda cwd: (cwd / "feed.jsonl").write_text(
        '{"id": "a1", "text": "托卡耶夫在阿斯塔纳会见普京。"}\n{"id": "a2", "text": "普丁说。"}\n', encoding="utf-8"),
    "segments.jsonl": lambda cwd: (cwd / "segments.jsonl").write_text(
        '{"id": "s1", "text": "普京在阿斯塔纳说。", "terms": [{"zh": "普京", "en": "Putin"}]}\n'
        '{"id": "s2", "text": "普京在阿斯塔纳说。", "terms": [{"zh": "阿斯塔纳", "en": "Nur-Sultan"}]}\n', encoding="utf-8"),
    "out.jsonl": None,  # written by an earlier `translate -f jsonl -o out.jsonl` line, or the alternative in a comment
}
# Lines whose point is a documented error on some machines: (substring, when it is expected, the one line).
DOCUMENTED_ERRORS = [
    ("--device cuda", lambda: _cuda_devices() == 0, "Error: --device cuda: no CUDA GPU is available on this machine (use --device cpu)"),
]
# Exit codes that mean "worked": the check commands exit 1 when they find problems, by design.
OK_CODES = {"check": {0, 1}}


def _cuda_devices() -> int:
    from zhen.mt.validate import cuda_devices

    return cuda_devices()


def usage_lines(text: str) -> list[str]:
    """The `zhen …` lines of the README's Usage section (code blocks only), comments removed."""
    return [command for command, _ in usage_lines_with_comments(text)]


def usage_lines_with_comments(text: str) -> list[tuple[str, str]]:
    """(command, comment) for each `zhen …` line of the README's Usage section."""
    section = re.search(r"^## Usage\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "README.md has no '## Usage' section"
    lines = []
    for block in re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section.group(1), re.S):
        for line in block.splitlines():
            command, _, comment = [part.strip() for part in re.split(r"\s+(#)\s", line, maxsplit=1) + ["", ""]][:3]
            if command.startswith("zhen "):
                lines.append((command, comment))
    return lines


COMMENTS = dict(usage_lines_with_comments(README.read_text(encoding="utf-8")))
LINES = list(COMMENTS)


def test_usage_section_is_parsed():
    assert len(LINES) >= 10 and all(line.startswith("zhen ") for line in LINES)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, glossary):
    """A fresh set-up: a test model installed with `zhen model install`, an empty cache, the input files.

    The model's </s> bias makes it stop after a few tokens like a trained model, so the README's
    lines run with their own --max-length (a random model that never stops takes minutes here)."""
    from typer.testing import CliRunner

    from helpers import corpus_documents
    from zhen.cli import app
    from zhen.testmodel import build_package, train_sentencepiece

    base = tmp_path_factory.mktemp("readme")
    texts = [line for _, text in corpus_documents() for line in text.splitlines()] + [e.en for e in glossary]
    package = build_package(base / "stops.argosmodel", train_sentencepiece(texts, base / "sp"), eos_bias=45.0)
    cwd = base / "cwd"
    cwd.mkdir()
    env = {"ARGOS_PACKAGES_DIR": str(base / "packages"), "ZHEN_CACHE_DIR": str(base / "cache"), "ZHEN_GLOSSARY": ""}
    result = CliRunner().invoke(app, ["model", "install", str(package)], env=env)
    assert result.exit_code == 0, result.output
    for make in FILES.values():
        if make is not None:
            make(cwd)
    return cwd, env


@pytest.mark.parametrize("line", LINES)
def test_readme_usage_line_works(workdir, monkeypatch, line):
    from typer.testing import CliRunner

    from zhen.cli import app

    cwd, env = workdir
    monkeypatch.chdir(cwd)
    words = shlex.split(line)[1:]
    stdin = None
    if "<" in words:
        at = words.index("<")
        stdin = (cwd / words[at + 1]).read_bytes()
        words = words[:at] + words[at + 2 :]
    for word in words:
        if re.fullmatch(r"[\w./-]+\.(txt|tsv|csv|tbx|jsonl|md)|[\w-]+/", word) and not (cwd / word).exists():
            assert _is_output(words, word), f"README line uses {word!r}: add how to make it to FILES in tests/test_readme.py"
    result = CliRunner().invoke(app, words, input=stdin, env=env)
    assert not (result.exception and not isinstance(result.exception, SystemExit)), f"{line}: {result.exception!r}"
    assert "Traceback" not in result.output
    expected_error = next((message for part, when, message in DOCUMENTED_ERRORS if part in line and when()), None)
    if expected_error is not None:
        assert (result.exit_code, result.stderr) == (1, expected_error + "\n"), line
        return
    # A line whose comment documents its exit code ("… exit 1") must exit with exactly that.
    documented = re.search(r"\bexit (\d)\b", COMMENTS[line])
    ok = {int(documented.group(1))} if documented else OK_CODES.get(words[0], {0})
    assert result.exit_code in ok, f"{line}: exit {result.exit_code}\n{result.stderr}"
    assert not result.stderr.startswith("Error:"), f"{line}: {result.stderr}"


def _is_output(words: list[str], word: str) -> bool:
    at = words.index(word)
    return at > 0 and words[at - 1] in ("-o", "--output", "--suggest")


def test_readme_set_up_says_what_set_up_says_to_run():
    """The lines setup-and-run prints at its end (activate, the demo model's directory) are in the README's Set-up."""
    script = (ROOT / "scripts" / "setup-and-run").read_text(encoding="utf-8")
    setup = re.search(r"^## Set-up.*?(?=^## )", README.read_text(encoding="utf-8"), re.S | re.M)
    assert setup
    assert re.search(r"^\. \.venv/bin/activate\b", setup.group(0), re.M)
    demo_dir = re.search(r'export ARGOS_PACKAGES_DIR="\$PWD/([^"]+)"', script)
    assert demo_dir and f'export ARGOS_PACKAGES_DIR="$PWD/{demo_dir.group(1)}"' in setup.group(0)
