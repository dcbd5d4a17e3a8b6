"""A zhen server for tests: the app on the test model, served by uvicorn in a thread on a free 127.0.0.1 port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhen.serve.run import Settings, build_app
from zhen.terms.glossary import Glossary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings(model: Path, **changes) -> Settings:
    """Settings for the test model: small beam and length so a random model answers quickly."""
    base = dict(model=str(model), beam=1, max_length=32, cache=False)
    return Settings(**{**base, **changes})


@dataclass
class Running:
    """A running test server: its base URL (http://127.0.0.1:PORT) and its app (app.state.service …)."""

    url: str
    app: Any


@contextmanager
def serving(model: Path, glossary: Glossary, **changes) -> Iterator[Running]:
    """A running server; stopped, and its worker drained, on exit."""
    import uvicorn

    port = free_port()
    app = build_app(settings(model, port=port, **changes), glossary)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(30)
