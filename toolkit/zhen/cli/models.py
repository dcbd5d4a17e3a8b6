"""`zhen model install|list|add|path`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import model_app, reports_errors
from zhen.errors import UsageError


@model_app.command("install")
@reports_errors
def model_install(
    package: Annotated[Optional[Path], typer.Argument(metavar="PATH", help="An .argosmodel file.")] = None,
    download: Annotated[bool, typer.Option("--download", help="Download translate-zh_en from the Argos package index (needs internet).")] = False,
) -> None:
    """Install the zh→en model from a file, or download it."""
    from zhen.mt.models import download_model, install_model

    if (package is None) == (not download):
        raise UsageError("give either PATH.argosmodel or --download")
    info = install_model(package) if package is not None else download_model()
    typer.echo(f"installed {info.name} {info.version} ({info.from_code}→{info.to_code}) in {info.path}")


@model_app.command("list")
@reports_errors
def model_list() -> None:
    """List installed Argos packages and registered model directories, with family and size."""
    from zhen.mt.models import INSTALL_COMMANDS, list_models, packages_dir
    from zhen.mt.registry import inspect_model_dir, model_size, registered

    models = list_models() + [inspect_model_dir(path, name) for name, path in registered().items()]
    if not models:
        typer.echo(f"no models installed in {packages_dir()} and none registered; install one with "
                   f"{INSTALL_COMMANDS}, or register a converted CTranslate2 directory with `zhen model add DIR`")
        return
    for m in models:
        size = f"{model_size(m) / 1e6:.0f} MB"
        typer.echo(f"{m.name}\t{m.from_code}→{m.to_code}\t{m.family}\t{m.version or '-'}\t{size}\t{m.path}")


@model_app.command("add")
@reports_errors
def model_add(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A converted CTranslate2 zh→en model directory (OPUS-MT/Marian, NLLB-200, M2M-100).")],
    name: Annotated[Optional[str], typer.Option("--name", help="Name for `zhen translate --model NAME` (default: the directory's name).")] = None,
) -> None:
    """Register a converted CTranslate2 model directory for `zhen translate --model`."""
    from zhen.mt.registry import add_model

    info = add_model(directory, name)
    typer.echo(f"registered {info.name} ({info.family}, zh→en) at {info.path}")


@model_app.command("path")
@reports_errors
def model_path() -> None:
    """Print the directory where models are installed ($ARGOS_PACKAGES_DIR or Argos's default)."""
    from zhen.mt.models import packages_dir

    typer.echo(str(packages_dir()))
