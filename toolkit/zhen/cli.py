"""The `zhen` command line: each command a thin wrapper over one library call."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen import __version__
from zhen.errors import UsageError, ZhenError


def _typer(help: str) -> typer.Typer:
    # Plain click-style usage errors (no rich boxes) keep error output to one line.
    return typer.Typer(help=help, no_args_is_help=True, pretty_exceptions_enable=False,
                       add_completion=False, rich_markup_mode=None)


app = _typer("Offline Chinese→English translation and terminology toolkit.")
glossary_app = _typer("Export, import and summarize glossaries.")
model_app = _typer("Install, list and locate the Argos zh→en translation model.")
check_app = _typer("Check the glossary, a corpus, or a translation. Exit 0: clean, 1: problems found, 2: usage or input error.")
app.add_typer(check_app, name="check")
app.add_typer(glossary_app, name="glossary")
app.add_typer(model_app, name="model")

GlossaryOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--glossary", "-g", help="Glossary file or directory; repeatable, later ones override. Default: the bundled glossary/."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
FileArg = Annotated[str, typer.Argument(metavar="FILE", help="Text file, or - for standard input.")]
ShowEncodingOpt = Annotated[bool, typer.Option("--show-encoding", help="Say which encoding was detected (stderr).")]


def reports_errors(fn=None, *, code: int = 1):
    """Turn library errors into a one-line `Error: …` and exit code 1 (2 for the check commands and usage errors)."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except ZhenError as exc:
                typer.echo(f"Error: {exc}", err=True)
                raise typer.Exit(2 if isinstance(exc, UsageError) else code) from None
            except BrokenPipeError:
                sys.stderr.close()

        return wrapper

    return decorate(fn) if fn is not None else decorate


def _glossary(paths: list[Path] | None):
    from zhen.terms.glossary import load_glossary

    return load_glossary(list(paths) if paths else None)


def _read(file: str, show_encoding: bool):
    from zhen.text.read import read_source

    source = read_source(file)
    if show_encoding:
        typer.echo(f"{source.name}: {source.encoding}", err=True)
    return source


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Offline Chinese→English translation and terminology toolkit."""


@app.command()
@reports_errors
def normalize(
    file: FileArg,
    config: Annotated[str, typer.Option(help="OpenCC config: tw2s, t2s, hk2s or tw2sp.")] = "tw2s",
    report: Annotated[bool, typer.Option("--report", help="Print a script report instead of the text.")] = False,
    show_encoding: ShowEncodingOpt = False,
) -> None:
    """Convert traditional/Taiwan/HK Chinese to simplified; other text is left as written."""
    from zhen.text.normalize import normalize as run, script_report

    source = _read(file, show_encoding)
    if not report:
        typer.echo(run(source.text, config).text, nl=False)
        return
    r = script_report(source.text, config)
    typer.echo(f"traditional characters: {r.traditional_chars} ({r.traditional_distinct or '-'})")
    typer.echo(f"lines with traditional characters: {', '.join(map(str, r.traditional_lines)) or '-'}")
    typer.echo(f"lines mixing scripts: {', '.join(map(str, r.mixed_lines)) or '-'}")


@app.command()
@reports_errors
def lookup(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Chinese (any script or variant), English, pinyin or initials.")],
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Look a term up in the glossary; fuzzy candidates when nothing matches exactly."""
    from zhen.terms.lookup import lookup as run

    hits = run(_glossary(glossary), query)
    if as_json:
        _echo_json([hit.as_dict() for hit in hits])
        return
    if not hits:
        raise ZhenError(f"no glossary entry for {query!r}")
    for hit in hits:
        e = hit.entry
        tag = "" if hit.mode != "fuzzy" else f"  (fuzzy {hit.score:.2f})"
        short = f" · {e.short}" if e.short else ""
        typer.echo(f"{e.zh}  {e.en}{short}  [{e.type}]{tag}")
        for label, values in (("variants", e.variants), ("avoid", e.avoid)):
            if values:
                typer.echo(f"  {label}: {', '.join(values)}")
        if e.note:
            typer.echo(f"  note: {e.note}")


@app.command()
@reports_errors
def terms(
    file: FileArg,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
    show_encoding: ShowEncodingOpt = False,
) -> None:
    """List the glossary terms found in a text, with their offsets on each line."""
    from zhen.terms.match import matcher_for

    matcher = matcher_for(_glossary(glossary))
    source = _read(file, show_encoding)
    for number, line in enumerate(source.text.splitlines(), start=1):
        found = matcher.find(line)
        if as_json:
            _echo_json({"line": number, "terms": [m.as_dict() for m in found]})
            continue
        for m in found:
            typer.echo(f"{number}:{m.start}-{m.end}\t{m.text}\t{m.entry.en}\t{m.entry.zh}")


@glossary_app.command("export")
@reports_errors
def glossary_export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="tsv, csv or tbx (TBX-Basic, ISO 30042).")] = "tsv",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    glossary: GlossaryOpt = None,
) -> None:
    """Export the glossary as TSV, CSV or TBX."""
    from zhen.terms.exchange import export_glossary

    _write_or_echo(export_glossary(_glossary(glossary), fmt), output)


@glossary_app.command("import")
@reports_errors
def glossary_import(
    file: Annotated[Path, typer.Argument(help="CSV/TSV (two columns, language-code header, or zhen columns) or TBX.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the zhen TSV here instead of standard output.")] = None,
) -> None:
    """Convert another tool's glossary into zhen's TSV format."""
    from zhen.terms.exchange import import_glossary

    _write_or_echo(import_glossary(file).to_tsv(), output)


@glossary_app.command("stats")
@reports_errors
def glossary_stats(glossary: GlossaryOpt = None, as_json: JsonOpt = False) -> None:
    """Count entries, spellings and renderings in the glossary, by type."""
    from zhen.terms.glossary import glossary_stats as run

    stats = run(_glossary(glossary))
    if as_json:
        _echo_json(stats)
        return
    for key in ("entries", "enforced", "check_only", "forms", "variants", "regional_variants", "short_forms", "admitted", "avoid", "signature"):
        typer.echo(f"{key}: {stats[key]}")
    for kind, count in stats["types"].items():
        typer.echo(f"  {kind}: {count}")


@app.command()
@reports_errors
def translate(
    source: Annotated[str, typer.Argument(metavar="INPUT", help="Text file, a directory of .txt files, or - for standard input.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file, or directory for a directory input (default: INPUT-en/).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md (bilingual review table) or jsonl (one object per sentence).")] = "text",
    beam: Annotated[int, typer.Option(help="Beam size.")] = 4,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "cpu",
    threads: Annotated[int, typer.Option(help="CPU threads (0: CTranslate2's default).")] = 0,
    compute_type: Annotated[str, typer.Option(help="CTranslate2 compute type: default, int8, int8_float32, float32, float16 …")] = "default",
    max_length: Annotated[int, typer.Option(help="Maximum target tokens per sentence.")] = 256,
    enforce: Annotated[bool, typer.Option("--enforce/--no-enforce", help="Guarantee glossary renderings (default) or only report them.")] = True,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse and store finished sentences (resume after interruption).")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option(help="Cache directory (default: $ZHEN_CACHE_DIR or ~/.cache/zhen).")] = None,
    signature: Annotated[bool, typer.Option("--signature/--no-signature", help="Append the signature of what produced the output.")] = True,
    glossary: GlossaryOpt = None,
) -> None:
    """Translate Chinese articles to English; every glossary term is rendered with the glossary's English."""
    from zhen.mt.validate import validate_options

    validate_options(beam, max_length, threads, compute_type, device)
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import Options
    from zhen.translate import translate_path

    options = Options(beam=beam, device=device, threads=threads, compute_type=compute_type,
                      max_decoding_length=max_length, enforce=enforce)
    store = Cache(cache_dir) if cache else None
    try:
        summary, text = translate_path(source, output, fmt, _glossary(glossary), options, store, signature, _progress)
    finally:
        if store is not None:
            store.close()
    if text is not None:
        typer.echo(text, nl=False)
    if sys.stderr.isatty():
        typer.echo("", err=True)
    for line in summary.lines():
        typer.echo(line, err=True)


def _progress(done: int, total: int) -> None:
    # A one-line bar, redrawn in place; only on a terminal, so logs and pipes stay clean.
    if total > 1 and sys.stderr.isatty():
        width = 30
        filled = width * done // total
        typer.echo(f"\rtranslating [{'#' * filled}{'.' * (width - filled)}] {done}/{total} sentences", err=True, nl=False)


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
    """List installed Argos translation packages."""
    from zhen.mt.models import INSTALL_COMMANDS, list_models, packages_dir

    models = list_models()
    if not models:
        typer.echo(f"no models installed in {packages_dir()}; install one with {INSTALL_COMMANDS}")
    for m in models:
        typer.echo(f"{m.name}\t{m.from_code}→{m.to_code}\t{m.version}\t{m.path}")


@model_app.command("path")
@reports_errors
def model_path() -> None:
    """Print the directory where models are installed ($ARGOS_PACKAGES_DIR or Argos's default)."""
    from zhen.mt.models import packages_dir

    typer.echo(str(packages_dir()))


def _findings(findings, as_json: bool) -> None:
    from zhen.check import problems, report

    if as_json:
        _echo_json([f.as_dict() for f in findings])
    else:
        typer.echo(report(findings), nl=False)
    if problems(findings):
        raise typer.Exit(1)


@check_app.command("glossary")
@reports_errors(code=2)
def check_glossary(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="[PATH]...", help="Glossary files or directories (default: the bundled glossary/).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Lint the glossary: duplicates, conflicting, shadowing or overbroad forms, script, English spelling and case.

    Later files override earlier entries with the same zh; such overrides are listed for information (exit 0)."""
    from zhen.check.glossary import check_glossary as run
    from zhen.terms.glossary import default_glossary_path

    _findings(run(list(paths) if paths else [default_glossary_path()]), as_json)


@check_app.command("corpus")
@reports_errors(code=2)
def check_corpus(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Text files or directories of .txt files.")],
    suggest: Annotated[Optional[Path], typer.Option(help="Write candidate glossary rows for the unregistered names here (for review).")] = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Report rival spellings of each entity, mixed-script lines, and names the glossary lacks."""
    from zhen.check.corpus import check_corpus as run, suggestion_rows
    from zhen.write import atomic_write

    findings, candidates = run(list(paths), _glossary(glossary))
    if suggest is not None:
        atomic_write(suggest, suggestion_rows(candidates))
    _findings(findings, as_json)


@check_app.command("translation")
@reports_errors(code=2)
def check_translation(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="Chinese source (paragraph per line), or translate's jsonl output.")],
    target: Annotated[Optional[Path], typer.Argument(metavar="[TARGET]", help="English translation, line-aligned with SOURCE.")] = None,
    glossary: GlossaryOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """QA a translation: missing glossary terms, avoid-renderings, Han left over, numbers, inconsistencies."""
    from zhen.check.translation import check_translation as run, read_segments

    _findings(run(read_segments(source, target), _glossary(glossary)), as_json)


def _write_or_echo(text: str, output: Path | None) -> None:
    from zhen.write import atomic_write

    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text)


def main() -> None:
    """Console-script entry point."""
    app()
