"""`zhen translate` on a document format (XLIFF, TMX, PO): the file checked, then filled by the local driver."""

from __future__ import annotations

from pathlib import Path

import typer

from zhen.cli.common import _glossary
from zhen.errors import Interrupted, UsageError
from zhen.formats.base import Format
from zhen.mt.options import Options


def translate_document(source: str, document_format: Format, output: Path | None, fmt: str, options: Options,
                       model: str | None, glossary: list[Path] | None, cache: bool, cache_dir: Path | None,
                       signed: bool, overwrite: bool, ray: bool) -> None:
    """Fill a bilingual file's untranslated units and write it in its own format (to OUTPUT or stdout)."""
    from zhen.formats.bilingual import open_checked, translate_file
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import load_backend
    from zhen.mt.registry import resolve_model
    from zhen.progress import Reporter
    from zhen.translate import Translator

    if fmt not in ("text", "tmx"):
        raise UsageError(f"{source}: a {document_format.name} file is written back as {document_format.name} "
                         f"(or as a memory with --format tmx); --format {fmt} is for text inputs")
    if ray:
        raise UsageError(f"{source}: --ray translates text inputs; a {document_format.name} file runs locally")
    path = Path(source)
    document = open_checked(path, document_format, output)
    terms = _glossary(glossary)
    backend = load_backend(resolve_model(model), options)
    store = Cache(cache_dir) if cache else None
    reporter = Reporter()
    try:
        summary, written, filled = translate_file(document, output, Translator(terms, backend, options, store),
                                                  overwrite, signed, reporter, "tmx" if fmt == "tmx" else "same")
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
    for line in [*summary.lines(), *filled.lines(path)]:
        typer.echo(line, err=True)
