"""`zhen translate`: options checked, inputs planned, then the local driver or the Ray executor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import GlossaryOpt, _glossary, app, reports_errors
from zhen.errors import UsageError, warn


@app.command()
@reports_errors
def translate(
    source: Annotated[Optional[str], typer.Argument(metavar="INPUT", help="Text file, a directory of .txt files, a JSON Lines file with --jsonl, or - for standard input (with or without --jsonl).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file, or directory for a directory input (default: INPUT-en/).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, md (bilingual review table), jsonl (one object per sentence) or tmx (a translation memory, one unit per sentence).")] = "text",
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="A CTranslate2 model directory or a name from `zhen model list` (default: the installed Argos zh→en package).")] = None,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="With a directory INPUT: translate .txt files in subdirectories too, keeping relative paths.")] = False,
    from_list: Annotated[Optional[Path], typer.Option("--from-list", help="Instead of INPUT: translate the files listed in this file, one path a line (needs -o).")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="INPUT is JSON Lines, one document a record; writes one record per document.")] = False,
    id_field: Annotated[Optional[str], typer.Option(help="With --jsonl: the field holding the document id (default: id).")] = None,
    text_field: Annotated[Optional[str], typer.Option(help="With --jsonl: the field holding the Chinese text (default: text).")] = None,
    terms_field: Annotated[Optional[str], typer.Option(help="With --jsonl: the field holding a record's own terms, [{\"zh\": …, \"en\": …}, …], enforced over the glossary for that record (default: terms).")] = None,
    beam: Annotated[int, typer.Option(help="Beam size.")] = 4,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "cpu",
    threads: Annotated[int, typer.Option(help="CPU threads (0: CTranslate2's default).")] = 0,
    compute_type: Annotated[str, typer.Option(help="CTranslate2 compute type: default, int8, int8_float32, float32, float16 …")] = "default",
    max_length: Annotated[int, typer.Option(help="Maximum target tokens per sentence.")] = 256,
    batch_tokens: Annotated[int, typer.Option(help="Tokens per decoding batch: more is faster on a GPU and uses more memory.")] = 512,
    enforce: Annotated[bool, typer.Option("--enforce/--no-enforce", help="Guarantee glossary renderings (default) or only report them.")] = True,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse and store finished sentences (resume after interruption).")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option(help="Cache directory (default: $ZHEN_CACHE_DIR or ~/.cache/zhen).")] = None,
    signature: Annotated[bool, typer.Option("--signature/--no-signature", help="Append the signature of what produced the output.")] = True,
    glossary: GlossaryOpt = None,
    ray: Annotated[bool, typer.Option("--ray", help="Run on Ray Data: a local Ray instance, or the cluster at --ray-address (needs zhen[ray]).")] = False,
    ray_address: Annotated[Optional[str], typer.Option(help="Join the Ray cluster at HOST:PORT (or ray://HOST:PORT, or auto); implies --ray.")] = None,
    workers: Annotated[Optional[int], typer.Option(help="With --ray: translating actors, each loading the model once (one GPU each with --device cuda; default 1).")] = None,
    input_format: Annotated[str, typer.Option(help="auto (by extension: .xlf/.xliff, .tmx, .po, .docx, .html/.htm), text, xliff, tmx, po, docx or html; these formats need zhen[formats].")] = "auto",
    overwrite: Annotated[bool, typer.Option("--overwrite", help="XLIFF, TMX, PO: replace existing translations too (default: fill only the untranslated units).")] = False,
    keep_html: Annotated[bool, typer.Option("--keep-html", help="A web page: translate its text in place and write the page, every tag and attribute kept (default: extract the article).")] = False,
) -> None:
    """Translate Chinese articles to English; every glossary name is rendered with the glossary's English."""
    from zhen.mt.validate import validate_options

    on_ray = ray or ray_address is not None
    _refuse_ignored(source, from_list, jsonl, id_field, text_field, terms_field, cache, cache_dir, on_ray, workers)
    device, warning = validate_options(beam, max_length, threads, compute_type, device, local=not on_ray,
                                       batch_tokens=batch_tokens)
    if warning:
        typer.echo(warning, err=True)
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import load_backend
    from zhen.mt.options import Options
    from zhen.mt.registry import resolve_model
    from zhen.progress import Reporter
    from zhen.translate import Job, Translator, plan, translate_path

    options = Options(beam=beam, device=device, threads=threads, compute_type=compute_type,
                      max_decoding_length=max_length, max_batch_tokens=batch_tokens, enforce=enforce)
    from zhen.formats.base import detect

    document_format = None if jsonl or source is None else detect(source, input_format)
    if document_format is not None:
        from zhen.cli.documents import translate_document

        translate_document(source or "", document_format, output, fmt, options, model, glossary, cache, cache_dir,
                           signature, overwrite, on_ray, keep_html)
        return
    job = Job(source or "", output, fmt, signature, recursive, from_list, jsonl, id_field or "id", text_field or "text",
              terms_field or "terms")
    if on_ray:
        # Checked before reading any input, so a missing extra costs nothing.
        from zhen.mt.distributed import RayConfig, require_ray, translate_on_ray

        require_ray()
    sources = plan(job)
    if sources.with_terms and on_ray:
        raise UsageError(f"{source}: records carry their own terms ({terms_field or 'terms'!r}), which --ray does not "
                         "apply; run without --ray")
    terms = _glossary(glossary)
    info = resolve_model(model)
    store = None
    reporter = Reporter()
    try:
        if on_ray:
            # The driver never loads the weights: each actor does, on its own device.
            config = RayConfig(address=ray_address, workers=workers or 1)
            summary, written = translate_on_ray(job, terms, info, options, config, cache_dir, cache, reporter, sources)
        else:
            backend = load_backend(info, options)
            store = Cache(cache_dir) if cache else None
            summary, written = translate_path(job, Translator(terms, backend, options, store), reporter, sources)
    finally:
        # Also on Ctrl-C: the bar ends its line before the `Error: interrupted …` line.
        reporter.close()
        if store is not None:
            store.close()
    if written.text is not None:
        typer.echo(written.text, nl=False)
    if info.demo:
        # Said with the summary, not before the run, so that a run that fails still ends in one line.
        warn(DEMO_WARNING.format(name=info.name))
    for line in summary.lines():
        typer.echo(line, err=True)
    if written.target is not None and sources.directory:
        skipped = f" ({written.skipped} already done)" if written.skipped else ""
        typer.echo(f"wrote {written.files} files to {written.target}{skipped}", err=True)


DEMO_WARNING = ("{name} is a demo model with random weights: its English is meaningless, except the glossary names "
                "enforcement puts in; install a real model with `zhen model install`")


def _refuse_ignored(source: str | None, from_list: Path | None, jsonl: bool, id_field: str | None,
                    text_field: str | None, terms_field: str | None, cache: bool, cache_dir: Path | None,
                    on_ray: bool, workers: int | None) -> None:
    """An option that this command line would silently ignore, or two that contradict, is a usage error."""
    if (source is None) == (from_list is None):
        raise UsageError("give INPUT or --from-list FILE" + ("" if source is None else ", not both"))
    for name, value in (("--id-field", id_field), ("--text-field", text_field), ("--terms-field", terms_field)):
        if value is not None and not jsonl:
            raise UsageError(f"{name} applies to JSON Lines input: add --jsonl, or leave out {name}")
    if not cache and cache_dir is not None:
        raise UsageError("--no-cache and --cache-dir contradict each other: leave out one")
    if workers is not None and not on_ray:
        raise UsageError("--workers applies to Ray runs: add --ray, or leave out --workers")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
