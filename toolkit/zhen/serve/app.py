"""The ASGI application: the APIs' routes over one Service, error bodies, API keys, CORS and a one-line access log."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhen import __version__
from zhen.errors import ZhenError
from zhen.serve import deepl, libre, zhenapi
from zhen.serve.engine import QueueFull
from zhen.serve.glossaries import GlossaryStore
from zhen.serve.http import ApiError
from zhen.serve.service import ClientGone, RequestTimeout, Service

log = logging.getLogger("zhen.serve.access")
# How long a client told the queue is full should wait: about one decode pass.
RETRY_AFTER = "1"


def create_app(service: Service, glossaries: GlossaryStore, keys: tuple[str, ...] = (),
               cors_origins: tuple[str, ...] = ()) -> FastAPI:
    """The app; the batcher's worker runs for the app's lifetime (started and drained by the lifespan)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.batcher.start()
        try:
            yield
        finally:
            service.batcher.stop()

    app = FastAPI(title="zhen", version=__version__, lifespan=lifespan,
                  description="Offline Chinese→English translation with an enforced glossary: LibreTranslate and "
                              "DeepL v2 compatible APIs, and zhen's own.")
    app.state.service, app.state.keys, app.state.glossaries = service, keys, glossaries
    app.include_router(libre.router)
    app.include_router(deepl.router)
    app.include_router(zhenapi.router)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.get("/healthz", summary="Liveness: the model is loaded and the worker is running", tags=["server"])
    async def healthz() -> dict:
        return {"status": "ok", "version": __version__, "signature": service.house.signature,
                "queued": service.batcher.queued, "decoding": service.batcher.active}

    # The review page: static files shipped in the package, open without a key (its API calls need one).
    app.mount("/page", StaticFiles(packages=[("zhen.serve", "page")]), name="page")

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(Path(str(files("zhen.serve") / "page" / "index.html")))

    app.add_middleware(AccessLog)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(QueueFull, _queue_full)
    app.add_exception_handler(RequestTimeout, _timeout)
    app.add_exception_handler(ClientGone, _gone)
    app.add_exception_handler(ZhenError, _zhen_error)
    return app


class AccessLog:
    """One line a request: client, method, path, status, milliseconds. The path only, never the query string
    or headers, which may carry a key. Plain ASGI, so the app's receive (and disconnect detection) is untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client") or ("-", 0)
            log.info("%s %s %s %d %.1fms", client[0], scope["method"], scope["path"], status,
                     1000 * (time.perf_counter() - started))


def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The error body each API's clients expect: DeepL's {"message": …} under /v2/, else {"error": …}."""
    key = "message" if request.url.path.startswith("/v2/") else "error"
    return JSONResponse({key: message}, status_code=status, headers=headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error(request, exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def _queue_full(request: Request, exc: Exception) -> Response:
    return error(request, 429, f"Too many requests: {exc}; retry after {RETRY_AFTER} s", {"Retry-After": RETRY_AFTER})


async def _timeout(request: Request, exc: Exception) -> Response:
    return error(request, 503, f"Timeout: {exc}", {"Retry-After": RETRY_AFTER})


async def _gone(request: Request, exc: Exception) -> Response:
    # Nobody reads this answer; it only closes the exchange (499: nginx's "client closed request").
    return Response(status_code=499)


async def _zhen_error(request: Request, exc: Exception) -> Response:
    return error(request, 400, str(exc))
