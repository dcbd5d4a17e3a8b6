"""The `zhen` command line: each command a thin wrapper over one library call."""

from __future__ import annotations

import functools
import json
import os
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
model_app = _typer("Install, register, list and locate zh→en translation models.")
check_app = _typer("Check the glossary, a corpus, or a translation. Exit 0: clean or only info findings, "
                   "1: an error or warning found, 2: usage or input error.")
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
    """Look a term up in the glossary; when nothing matches exactly, say so, list close candidates, exit 1."""
    from zhen.terms.lookup import lookup as run

    hits = run(_glossary(glossary), query)
    exact = bool(hits) and hits[0].exact
    if as_json:
        _echo_json([hit.as_dict() for hit in hits])
        if not exact:
            raise typer.Exit(1)
        return
    if not hits:
        raise ZhenError(f"no glossary entry for {query!r}")
    if not exact:
        typer.echo(f"no exact entry for {query!r}; closest:")
    for hit in hits:
        e = hit.entry
        tag = "" if hit.exact else f"  (fuzzy {hit.score:.2f})"
        short = f" · {e.short}" if e.short else ""
        check = "" if e.enforced else ", check-only"
        typer.echo(f"{e.zh}  {e.en}{short}  [{e.type}{check}]{tag}")
        regional = [f"{form} ({region})" for region, form in e.regional]
        for label, values in (("admitted", e.admitted), ("variants", (*e.variants, *regional)), ("avoid", e.avoid)):
            if values:
                typer.echo(f"  {label}: {', '.join(values)}")
        if e.note:
            typer.echo(f"  note: {e.note}")
    if not exact:
        raise typer.Exit(1)


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
    source: Annotated[str, typer.Argument(metavar="INPUT", help="Text file, a directory of .txt files, a JSON Lines file with --jsonl, or - for standard input.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file, or directory for a directory input (default: INPUT-en/).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md (bilingual review table) or jsonl (one object per sentence).")] = "text",
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="A CTranslate2 model directory or a name from `zhen model list` (default: the installed Argos zh→en package).")] = None,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Translate .txt files in subdirectories too, keeping relative paths.")] = False,
    from_list: Annotated[Optional[Path], typer.Option("--from-list", help="Translate the files listed in this file, one path a line (needs -o).")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="INPUT is JSON Lines, one document a record; writes one record per document.")] = False,
    id_field: Annotated[str, typer.Option(help="With --jsonl: the field holding the document id.")] = "id",
    text_field: Annotated[str, typer.Option(help="With --jsonl: the field holding the Chinese text.")] = "text",
    beam: Annotated[int, typer.Option(help="Beam size.")] = 4,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "cpu",
    threads: Annotated[int, typer.Option(help="CPU threads (0: CTranslate2's default).")] = 0,
    compute_type: Annotated[str, typer.Option(help="CTranslate2 compute type: default, int8, int8_float32, float32, float16 …")] = "default",
    max_length: Annotated[int, typer.Option(help="Maximum target tokens per sentence.")] = 256,
    batch_tokens: Annotated[int, typer.Option(help="Tokens per decoding batch: more is faster on a GPU and uses more memory.")] = 4096,
    enforce: Annotated[bool, typer.Option("--enforce/--no-enforce", help="Guarantee glossary renderings (default) or only report them.")] = True,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse and store finished sentences (resume after interruption).")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option(help="Cache directory (default: $ZHEN_CACHE_DIR or ~/.cache/zhen).")] = None,
    signature: Annotated[bool, typer.Option("--signature/--no-signature", help="Append the signature of what produced the output.")] = True,
    glossary: GlossaryOpt = None,
    ray: Annotated[bool, typer.Option("--ray", help="Run on Ray Data: a local Ray instance, or the cluster at --ray-address (needs zhen[ray]).")] = False,
    ray_address: Annotated[Optional[str], typer.Option(help="With --ray: join the Ray cluster at HOST:PORT (or ray://HOST:PORT, or auto).")] = None,
    workers: Annotated[int, typer.Option(help="With --ray: translating actors, each loading the model once (one GPU each with --device cuda).")] = 1,
) -> None:
    """Translate Chinese articles to English; every glossary name is rendered with the glossary's English."""
    from zhen.errors import Interrupted
    from zhen.mt.validate import validate_options

    validate_options(beam, max_length, threads, compute_type, device, local=not (ray or ray_address))
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import load_backend
    from zhen.mt.options import Options
    from zhen.mt.registry import resolve_model
    from zhen.progress import Reporter
    from zhen.translate import Job, Translator, plan, translate_path

    options = Options(beam=beam, device=device, threads=threads, compute_type=compute_type,
                      max_decoding_length=max_length, max_batch_tokens=batch_tokens, enforce=enforce)
    job = Job(source, output, fmt, signature, recursive, from_list, jsonl, id_field, text_field)
    if ray or ray_address:
        # Checked before reading any input, so a missing extra costs nothing.
        from zhen.mt.distributed import RayConfig, require_ray, translate_on_ray

        require_ray()
    sources = plan(job)
    terms = _glossary(glossary)
    store = None
    reporter = Reporter()
    try:
        if ray or ray_address:
            # The driver never loads the weights: each actor does, on its own device.
            config = RayConfig(address=ray_address, workers=workers)
            summary, written = translate_on_ray(job, terms, resolve_model(model), options, config, cache_dir, cache,
                                                reporter, sources)
        else:
            backend = load_backend(resolve_model(model), options)
            store = Cache(cache_dir) if cache else None
            summary, written = translate_path(job, Translator(terms, backend, options, store), reporter, sources)
    except Interrupted as exc:
        reporter.close()
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(130) from None
    finally:
        if store is not None:
            store.close()
    reporter.close()
    if written.text is not None:
        typer.echo(written.text, nl=False)
    for line in summary.lines():
        typer.echo(line, err=True)
    if written.target is not None and sources.directory:
        skipped = f" ({written.skipped} already done)" if written.skipped else ""
        typer.echo(f"wrote {written.files} files to {written.target}{skipped}", err=True)


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
    from zhen.write import atomic_write

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


def _write_or_echo(text: str, output: Path | None) -> None:
    from zhen.write import atomic_write

    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text)


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
