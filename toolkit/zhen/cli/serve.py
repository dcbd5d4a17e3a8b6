"""`zhen serve`: the model loaded once, then LibreTranslate, DeepL v2 and zhen's own API over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhen.cli.common import GlossaryOpt, _glossary, app, reports_errors


@app.command()
@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 5000,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="A CTranslate2 model directory or a name from `zhen model list` (default: the installed Argos zh→en package).")] = None,
    glossary: GlossaryOpt = None,
    api_keys: Annotated[Optional[Path], typer.Option(help="File of API keys, one a line: every endpoint but /healthz then needs one.")] = None,
    batch_tokens: Annotated[int, typer.Option(help="Source tokens per shared decoding batch.")] = 512,
    max_chars: Annotated[int, typer.Option(help="Characters per request.")] = 20000,
    max_body: Annotated[int, typer.Option(help="Bytes per request body (413 beyond).")] = 1_000_000,
    max_queue: Annotated[int, typer.Option(help="Sentences waiting at most; beyond, requests get 429 with Retry-After.")] = 2000,
    timeout: Annotated[float, typer.Option(help="Seconds a request may wait for its translation (503 beyond).")] = 60.0,
    cors_origin: Annotated[Optional[list[str]], typer.Option(help="Allow browser requests from this origin; repeatable.")] = None,
    beam: Annotated[int, typer.Option(help="Beam size.")] = 4,
    threads: Annotated[int, typer.Option(help="CPU threads for decoding (0: up to 4).")] = 0,
    device: Annotated[str, typer.Option(help="cpu, cuda or auto.")] = "cpu",
    max_length: Annotated[int, typer.Option(help="Maximum target tokens per sentence.")] = 256,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse and store finished sentences.")] = True,
    cache_dir: Annotated[Optional[Path], typer.Option(help="Cache directory (default: $ZHEN_CACHE_DIR or ~/.cache/zhen).")] = None,
) -> None:
    """Serve translation over HTTP: LibreTranslate and DeepL v2 compatible APIs and zhen's own (docs at /docs)."""
    from zhen.mt.validate import validate_options
    from zhen.serve.run import Settings, run

    validate_options(beam, max_length, threads, "default", device, local=True)
    settings = Settings(host=host, port=port, model=model, api_keys=api_keys, batch_tokens=batch_tokens,
                        max_chars=max_chars, max_body=max_body, max_queue=max_queue, timeout=timeout,
                        cors_origins=tuple(cors_origin or ()), beam=beam, threads=threads, device=device, max_length=max_length,
                        cache=cache, cache_dir=cache_dir)
    run(settings, _glossary(glossary))
