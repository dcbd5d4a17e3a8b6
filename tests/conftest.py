"""Shared fixtures: the bundled glossary and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhen.terms.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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


SHARED_MODEL = ROOT.parent / "shared" / "models" / "argos-zh_en-1_9-noweights"


def corpus_documents() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


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
def installed_model(tmp_path_factory, test_package):
    """The test package installed through `zhen model install` into a temporary ARGOS_PACKAGES_DIR."""
    from zhen.cli import app

    packages = tmp_path_factory.mktemp("packages")
    mp = pytest.MonkeyPatch()
    mp.setenv("ARGOS_PACKAGES_DIR", str(packages))
    result = CliRunner().invoke(app, ["model", "install", str(test_package)], prog_name="zhen")
    assert result.exit_code == 0, result.output
    from zhen.mt.models import find_model

    yield find_model()
    mp.undo()
