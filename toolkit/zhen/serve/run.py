"""Starting the server: settings checked, the model loaded once, the app built and served by uvicorn."""

from __future__ import annotations

import importlib.util
import logging
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhen.errors import UsageError, ZhenError
from zhen.mt.options import Options
from zhen.terms.glossary import Glossary

if TYPE_CHECKING:
    from fastapi import FastAPI


class MissingExtra(ZhenError):
    """`zhen serve` needs the optional serve dependencies."""


@dataclass(frozen=True)
class Settings:
    """Everything `zhen serve` is told."""

    host: str = "127.0.0.1"
    port: int = 5000
    model: str | None = None
    api_keys: Path | None = None
    batch_tokens: int = 512
    max_chars: int = 20000
    max_body: int = 1_000_000
    max_queue: int = 2000
    timeout: float = 60.0
    cors_origins: tuple[str, ...] = ()
    beam: int = 4
    threads: int = 0
    device: str = "cpu"
    max_length: int = 256
    cache: bool = True
    cache_dir: Path | None = None

    def check(self) -> None:
        """UsageError for a bound no server could work with."""
        for name in ("batch_tokens", "max_chars", "max_body", "max_queue"):
            if getattr(self, name) < 1:
                raise UsageError(f"--{name.replace('_', '-')} must be at least 1, not {getattr(self, name)}")
        if self.timeout <= 0:
            raise UsageError(f"--timeout must be more than 0 seconds, not {self.timeout:g}")
        if not 0 <= self.port <= 65535:
            raise UsageError(f"--port must be between 0 and 65535, not {self.port}")


def require_serve() -> None:
    """MissingExtra unless the serve extra (FastAPI, uvicorn, python-multipart) is installed."""
    missing = [m for m in ("fastapi", "uvicorn", "multipart") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtra(f"zhen serve needs {', '.join(missing)}: pip install 'zhen[serve]'")


def build_app(settings: Settings, glossary: Glossary) -> FastAPI:
    """Load the model once and build the app (the batcher starts with the app)."""
    settings.check()
    require_serve()
    from zhen.mt.cache import Cache
    from zhen.mt.ct2 import load_backend
    from zhen.mt.registry import data_dir, resolve_model
    from zhen.serve.app import create_app
    from zhen.serve.engine import Batcher
    from zhen.serve.glossaries import GlossaryStore
    from zhen.serve.http import load_keys
    from zhen.serve.service import Limits, Service

    keys = load_keys(settings.api_keys) if settings.api_keys else ()
    options = Options(beam=settings.beam, device=settings.device, threads=settings.threads,
                      max_decoding_length=settings.max_length, max_batch_tokens=settings.batch_tokens)
    backend = load_backend(resolve_model(settings.model), options)
    cache_dir = settings.cache_dir
    # The cache's SQLite connection is opened by the batcher's worker, the only thread that uses it.
    batcher = Batcher(backend, options, settings.max_queue, (lambda: Cache(cache_dir)) if settings.cache else (lambda: None))
    limits = Limits(max_chars=settings.max_chars, max_body=settings.max_body, timeout=settings.timeout)
    service = Service(glossary, backend, options, batcher, limits)
    return create_app(service, GlossaryStore(data_dir() / "glossaries"), keys, settings.cors_origins)


def run(settings: Settings, glossary: Glossary) -> None:
    """Serve until SIGINT or SIGTERM: uvicorn stops accepting, finishes in-flight requests, and returns."""
    app = build_app(settings, glossary)
    import uvicorn

    # uvicorn drains on SIGTERM and SIGINT, then raises the signal again for the handler in place
    # before it: these make that an orderly exit (0 for SIGTERM, 130 for Ctrl-C) instead of a kill.
    signal.signal(signal.SIGTERM, _exit_with(0))
    signal.signal(signal.SIGINT, _exit_with(130))

    access = logging.getLogger("zhen.serve.access")
    access.setLevel(logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    access.addHandler(handler)
    # uvicorn's own access log prints query strings, which may carry an api_key: zhen logs the path only.
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="info")


def _exit_with(code: int) -> Any:
    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(code)

    return handler
