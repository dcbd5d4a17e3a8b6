"""Commands over the glossary and plain text: normalize, lookup, terms, glossary export|import|stats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import (FileArg, GlossaryOpt, JsonOpt, ShowEncodingOpt, _echo_json, _glossary, _read, _write_or_echo,
                             app, glossary_app, reports_errors)
from zhen.errors import ZhenError


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
    """Convert another tool's glossary into zhen's TSV format; a two-column list's rows are enforced."""
    from zhen.terms.exchange import import_glossary

    imported = import_glossary(file)
    _write_or_echo(imported.to_tsv(), output)
    enforced = sum(1 for entry in imported if entry.enforced)
    typer.echo(f"{file}: {len(imported)} entries, {enforced} enforced in translation, "
               f"{len(imported) - enforced} check-only", err=True)


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
