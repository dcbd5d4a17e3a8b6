"""`zhen translate` on a document format (XLIFF, TMX, PO, web pages): the file checked, then translated locally."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from zhen.cli.common import _glossary
from zhen.errors import Interrupted, UsageError
from zhen.formats.base import KEEP_HTML, Format
from zhen.mt.options import Options
from zhen.mt.pipeline import Summary
from zhen.progress import Reporter
from zhen.translate import Translator, Written


def translate_document(source: str, document_format: Format, output: Path | None, fmt: str, options: Options,
                       model: str | None, glossary: list[Path] | None, cache: bool, cache_dir: Path | None,
                       signed: bool, overwrite: bool, ray: bool, keep_html: bool = False) -> None:
    """Fill a bilingual file's untranslated units and write it in its own format (to OUTPUT or stdout); a
    web page's article, or with keep_html the whole page in place."""
    from zhen.formats.bilingual import open_checked, translate_file

    if keep_html and document_format.name == "html":
        document_format = KEEP_HTML
    if document_format.kind == "article":
        _article(Path(source), document_format, output, fmt, options, model, glossary, cache, cache_dir, signed, ray)
        return
    if document_format.kind == "document" and fmt != "text":
        raise UsageError(f"{source}: a {document_format.name} file is written back as {document_format.name}; "
                         f"--format {fmt} is for text inputs")
    if fmt not in ("text", "tmx"):
        raise UsageError(f"{source}: a {document_format.name} file is written back as {document_format.name} "
                         f"(or as a memory with --format tmx); --format {fmt} is for text inputs")
    if ray:
        raise UsageError(f"{source}: --ray translates text inputs; a {document_format.name} file runs locally")
    path = Path(source)
    document = open_checked(path, document_format, output)
    with _translator(options, model, glossary, cache, cache_dir) as (translator, reporter):
        summary, written, filled = translate_file(document, output, translator, overwrite, signed, reporter,
                                                  "tmx" if fmt == "tmx" else "same")
    _report(summary, written, filled.lines(path))


def _article(path: Path, document_format: Format, output: Path | None, fmt: str, options: Options, model: str | None,
             glossary: list[Path] | None, cache: bool, cache_dir: Path | None, signed: bool, ray: bool) -> None:
    """A web page: its article extracted, translated and written with its metadata in any output format."""
    from zhen.render import FORMATS

    if ray:
        raise UsageError(f"{path}: --ray translates text inputs; a {document_format.name} file runs locally")
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    document_format.require(path)
    from zhen.formats.html import extract_article, translate_article

    if output is not None:
        from zhen.write import ensure_writable, guard_outputs

        guard_outputs([path], output, False)
        ensure_writable(output, False)
    article = extract_article(path)  # a page without an article is refused before any model is loaded
    with _translator(options, model, glossary, cache, cache_dir) as (translator, reporter):
        summary, written = translate_article(article, path.stem, output, translator, fmt, signed, reporter)
    _report(summary, written, [])


@contextmanager
def _translator(options: Options, model: str | None, glossary: list[Path] | None, cache: bool,
                cache_dir: Path | None) -> Iterator[tuple[Translator, Reporter]]:
    """The local translator and a progress reporter; Ctrl-C says what was saved and exits 130."""
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import load_backend
    from zhen.mt.registry import resolve_model

    terms = _glossary(glossary)
    backend = load_backend(resolve_model(model), options)
    store = Cache(cache_dir) if cache else None
    reporter = Reporter()
    try:
        yield Translator(terms, backend, options, store), reporter
    except Interrupted as exc:
        reporter.close()
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(130) from None
    finally:
        if store is not None:
            store.close()
    reporter.close()


def _report(summary: Summary, written: Written, lines: list[str]) -> None:
    if written.text is not None:
        typer.echo(written.text, nl=False)
    for line in [*summary.lines(), *lines]:
        typer.echo(line, err=True)
