"""The `zhen` command line: each command a thin wrapper over one library call, grouped by what it works on."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from zhen.cli import check, models, serve, terms, translate  # noqa: F401  (registering the commands)
from zhen.cli.common import _version, app

__all__ = ["app", "main"]


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Offline Chinese→English translation and terminology toolkit."""


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except SystemExit as exc:
        if exc.code == 130:
            # Interrupted: what was done is saved and said. Leave now rather than wait for the batch
            # CTranslate2 is still decoding in its own threads.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        raise
