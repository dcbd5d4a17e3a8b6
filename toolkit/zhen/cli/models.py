"""`zhen model install|list|add|remove|path`."""

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
    """List installed Argos packages and registered model directories, with family and size.

    A registered directory that is gone or no longer a model is listed as missing or broken, with a warning."""
    from zhen.errors import warn
    from zhen.mt.models import INSTALL_COMMANDS, list_models, packages_dir
    from zhen.mt.registry import model_size, registrations

    models = list_models()
    registered = registrations()
    if not models and not registered:
        typer.echo(f"no models installed in {packages_dir()} and none registered; install one with "
                   f"{INSTALL_COMMANDS}, or register a converted CTranslate2 directory with `zhen model add DIR`")
        return
    for m in models + [r.info for r in registered if r.info is not None]:
        size = f"{model_size(m) / 1e6:.0f} MB"
        typer.echo(f"{m.name}\t{m.from_code}→{m.to_code}\t{m.family}\t{m.version or '-'}\t{size}\t{m.path}")
    for r in registered:
        if r.info is None:
            typer.echo(f"{r.name}\t-\t{'missing' if r.missing else 'broken'}\t-\t-\t{r.path}")
            warn(f"registered model {r.name}: {r.problem}; `zhen model remove {r.name}` forgets the registration")


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


@model_app.command("remove")
@reports_errors
def model_remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name registered with `zhen model add`.")],
) -> None:
    """Forget a registered model directory (the directory itself is left as it is)."""
    from zhen.mt.registry import remove_model

    directory = remove_model(name)
    typer.echo(f"removed the registration {name} (the directory {directory} is left as it is)")


@model_app.command("path")
@reports_errors
def model_path() -> None:
    """Print the directory where models are installed ($ARGOS_PACKAGES_DIR or Argos's default)."""
    from zhen.mt.models import packages_dir

    typer.echo(str(packages_dir()))
