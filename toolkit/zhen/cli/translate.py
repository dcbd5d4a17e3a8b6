"""`zhen translate`: options checked, inputs planned, then the local driver or the Ray executor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import GlossaryOpt, _glossary, app, reports_errors


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
    terms_field: Annotated[str, typer.Option(help="With --jsonl: the field holding a record's own terms, [{\"zh\": …, \"en\": …}, …], enforced over the glossary for that record.")] = "terms",
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
    job = Job(source, output, fmt, signature, recursive, from_list, jsonl, id_field, text_field, terms_field)
    if ray or ray_address:
        # Checked before reading any input, so a missing extra costs nothing.
        from zhen.mt.distributed import RayConfig, require_ray, translate_on_ray

        require_ray()
    sources = plan(job)
    if sources.with_terms and (ray or ray_address):
        from zhen.errors import UsageError

        raise UsageError(f"{source}: records carry their own terms ({terms_field!r}), which --ray does not apply; run without --ray")
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
