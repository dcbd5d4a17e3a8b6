"""Fixtures: the bundled glossary, a CLI runner, and a random-weight model built and installed for the session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import corpus_documents
from zhen.terms.glossary import Glossary, load_glossary


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory):
    """Every test runs with HOME, XDG_* and ARGOS_PACKAGES_DIR in a temporary directory and no ZHEN_*
    variable: the user's registered models, caches and settings neither change a result nor are changed.
    Subprocesses inherit it. Session-wide and autouse, so it is in place before any other fixture."""
    home = tmp_path_factory.mktemp("home")
    patch = pytest.MonkeyPatch()
    for name in list(os.environ):
        if name.startswith(("ZHEN_", "XDG_")):
            patch.delenv(name)
    patch.setenv("HOME", str(home))
    patch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    patch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    patch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    yield home
    patch.undo()


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch) -> Path:
    """Each test has a data directory of its own (the model registry, saved glossaries): what one test
    registers is not seen by the next."""
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def zhen(runner):
    """Invoke the CLI; returns the click Result (stdout and stderr kept apart)."""
    from zhen.cli import app

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, list(args), input=input, prog_name="zhen")

    return invoke


@pytest.fixture(scope="session")
def test_package(tmp_path_factory, glossary) -> Path:
    """A random-weight .argosmodel on a SentencePiece model trained on the corpus and the glossary's English."""
    from zhen.testmodel import build_package, train_sentencepiece

    tmp = tmp_path_factory.mktemp("model")
    texts = [line for _, text in corpus_documents() for line in text.splitlines()]
    texts += [e.en for e in glossary] + [e.short for e in glossary if e.short]
    sp = train_sentencepiece(texts, tmp / "sp")
    return build_package(tmp / "translate-zh_en-test.argosmodel", sp)


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory, test_package) -> Path:
    """A packages directory holding the test package, installed through `zhen model install`."""
    from zhen.cli import app

    packages = tmp_path_factory.mktemp("packages")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(packages))
        result = CliRunner().invoke(app, ["model", "install", str(test_package)], prog_name="zhen")
    assert result.exit_code == 0, result.output
    return packages


@pytest.fixture()
def installed_model(packages_dir, monkeypatch):
    """The installed test model, with ARGOS_PACKAGES_DIR pointing at it for this test only."""
    from zhen.mt.models import find_model

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
    return find_model()


@pytest.fixture(scope="session")
def test_model(packages_dir):
    """The installed test model's ModelInfo (no environment change)."""
    from zhen.mt.models import find_model

    return find_model(packages_dir)
