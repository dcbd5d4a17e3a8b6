"""`zhen check glossary|corpus|translation`, with rule selection and exit codes by severity."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import GlossaryOpt, JsonOpt, _echo_json, _glossary, check_app, reports_errors


SelectOpt = Annotated[
    Optional[list[str]],
    typer.Option("--select", help="Only these rules: a code (T101), a code prefix (T, N1), a kind (missing-term) or ALL; "
                 "repeatable or comma-separated. Replaces the config's select."),
]
IgnoreOpt = Annotated[
    Optional[list[str]],
    typer.Option("--ignore", help="Leave out these rules (same selectors as --select); added to the config's ignore."),
]


def _selectors(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _findings(findings, as_json: bool, paths: list, select: list[str] | None, ignore: list[str] | None) -> None:
    """Apply the selection (options over zhen.toml / pyproject.toml [tool.zhen.check]), print, and exit
    1 when an error or a warning is left (info never fails)."""
    from zhen.check import exit_code, find_config, load_selection, report

    selection = load_selection(find_config(paths), _selectors(select), _selectors(ignore))
    kept = selection.apply(findings)
    if as_json:
        _echo_json([f.as_dict() for f in kept])
    else:
        typer.echo(report(kept), nl=False)
    code = exit_code(kept)
    if code:
        raise typer.Exit(code)


@check_app.command("glossary")
@reports_errors(code=2)
def check_glossary(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH]...", help="Glossary files or directories (default: the bundled glossary/).")] = None,
    as_json: JsonOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Lint the glossary: duplicates, conflicting, shadowing or overbroad forms, script, English spelling and case.

    Later files override earlier entries with the same zh; such overrides are listed for information (exit 0)."""
    from zhen.check.glossary import check_glossary as run
    from zhen.terms.glossary import default_glossary_path

    targets: list[str | Path] = list(paths) if paths else [default_glossary_path()]
    _findings(run(targets), as_json, targets, select, ignore)


@check_app.command("corpus")
@reports_errors(code=2)
def check_corpus(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Text files or directories of .txt files.")],
    suggest: Annotated[Optional[Path], typer.Option(help="Write candidate glossary rows for the unregistered names here (for review).")] = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Report rival spellings of each entity, mixed-script lines, and names the glossary lacks."""
    from zhen.check.corpus import check_corpus as run, suggestion_rows
    from zhen.write import atomic_write, ensure_writable

    if suggest is not None:
        ensure_writable(suggest, directory=False)  # before the analysis, which can take minutes
    findings, candidates = run(list(paths), _glossary(glossary))
    if suggest is not None:
        atomic_write(suggest, suggestion_rows(candidates))
    _findings(findings, as_json, list(paths), select, ignore)


@check_app.command("translation")
@reports_errors(code=2)
def check_translation(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="Chinese source (paragraph per line), or translate's jsonl output.")],
    target: Annotated[Optional[Path], typer.Argument(metavar="[TARGET]", help="English translation, line-aligned with SOURCE.")] = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """QA a translation: missing glossary terms, avoid-renderings, Han left over, numbers, inconsistencies."""
    from zhen.check.translation import check_translation as run, read_segments

    _findings(run(read_segments(source, target), _glossary(glossary)), as_json, [source], select, ignore)
