"""Shared fixtures: the bundled glossary and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.glossary import Glossary, load_glossary

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
    from toolkit.cli import app

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, list(args), input=input, prog_name="zhen")

    return invoke
