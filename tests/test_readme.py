"""The README works as written: every `zhen …` line of its Usage section runs, in order, as shown.

Lines are parsed from README.md, not copied here, so commands added to the README are tested too.
They run unchanged in a temporary copy of the repository root's inputs (COPIED: examples/, corpus/,
glossary/), so outputs they write land there; the model is the random-weight test package installed in
a temporary ARGOS_PACKAGES_DIR, the cache a temporary directory.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from helpers import ROOT

README = ROOT / "README.md"
# What the Usage lines read, copied from the repository root into the working directory.
COPIED = ("examples", "corpus", "glossary")
# Lines whose point is a documented error on some machines: (substring, when it is expected, the one line).
DOCUMENTED_ERRORS = [
    ("--device cuda", lambda: _cuda_devices() == 0, "Error: --device cuda: no CUDA GPU is available on this machine (use --device cpu)"),
]


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
    """A fresh set-up: a test model installed with `zhen model install`, an empty cache, the repository's inputs.

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
    for name in COPIED:
        shutil.copytree(ROOT / name, cwd / name)
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
            assert _is_output(words, word), f"README line uses {word!r}, which the repository does not hold"
    result = CliRunner().invoke(app, words, input=stdin, env=env)
    assert not (result.exception and not isinstance(result.exception, SystemExit)), f"{line}: {result.exception!r}"
    assert "Traceback" not in result.output
    expected_error = next((message for part, when, message in DOCUMENTED_ERRORS if part in line and when()), None)
    if expected_error is not None:
        assert (result.exit_code, result.stderr) == (1, expected_error + "\n"), line
        return
    # A line whose comment documents its exit code ("… exit 1") must exit with exactly that; any other with 0.
    documented = re.search(r"\bexit (\d)\b", COMMENTS[line])
    expected = int(documented.group(1)) if documented else 0
    assert result.exit_code == expected, f"{line}: exit {result.exit_code}\n{result.stderr}"
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
