"""The LibreTranslate API: /translate, /languages, /detect, /frontend/settings (same fields, codes and errors)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request

from zhen.serve.http import ApiError, Fields, authorize, read_fields, text_field, texts_field
from zhen.serve.service import Service, english
from zhen.text.normalize import HAN

router = APIRouter(tags=["LibreTranslate"])
SOURCES = {"zh": "Chinese"}
TARGETS = {"en": "English"}


def service(request: Request) -> Service:
    return request.app.state.service


async def _fields(request: Request) -> tuple[Service, Fields]:
    svc = service(request)
    fields = await read_fields(request, svc.limits.max_body)
    authorize(request, request.app.state.keys, fields)
    return svc, fields


def detect(text: str) -> list[dict]:
    """Chinese or not, by script: the share of Han among the letters is the confidence."""
    han = len(HAN.findall(text))
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if not han + latin:
        return []
    share = han / (han + latin)
    if share >= 0.5:
        return [{"confidence": round(100 * share, 1), "language": "zh"}]
    return [{"confidence": round(100 * (1 - share), 1), "language": "en"}]


@router.post("/translate", summary="Translate Chinese to English (LibreTranslate)")
async def translate(request: Request) -> dict:
    """JSON or form: `q` (a string or a list), `source` (zh or auto), `target` (en), `format` (text), `api_key`."""
    svc, fields = await _fields(request)
    texts, batch = texts_field(fields, "q")
    source = text_field(fields, "source")
    target = text_field(fields, "target")
    fmt = text_field(fields, "format", "text")
    if source not in (*SOURCES, "auto"):
        raise ApiError(400, f"{source} is not supported")
    if target not in TARGETS:
        raise ApiError(400, f"{target} is not supported")
    if fmt == "html":
        raise ApiError(400, "html format is not supported yet; send format=text")
    if fmt != "text":
        raise ApiError(400, f"{fmt} format is not supported")
    if str(fields.get("alternatives", "0")) not in ("0", ""):
        raise ApiError(400, "alternatives are not supported")
    chars = sum(len(t) for t in texts)
    if chars > svc.limits.max_chars:
        raise ApiError(400, f"Invalid request: request ({chars}) exceeds text limit ({svc.limits.max_chars})")
    results = [english(r) for r in await svc.translate(texts, svc.house, request.is_disconnected)]
    answer: dict = {"translatedText": results if batch else results[0]}
    if source == "auto":
        found = [(detect(t) or [{"confidence": 0.0, "language": "zh"}])[0] for t in texts]
        answer["detectedLanguage"] = found if batch else found[0]
    return answer


@router.get("/languages", summary="Languages (LibreTranslate)")
async def languages(request: Request) -> list[dict]:
    await _fields(request)
    return ([{"code": c, "name": n, "targets": list(TARGETS)} for c, n in SOURCES.items()]
            + [{"code": c, "name": n, "targets": []} for c, n in TARGETS.items()])


@router.post("/detect", summary="Detect Chinese by script (LibreTranslate)")
async def detect_language(request: Request) -> list[dict]:
    _, fields = await _fields(request)
    return detect(text_field(fields, "q"))


@router.get("/frontend/settings", summary="Settings for LibreTranslate front ends")
async def settings(request: Request) -> dict:
    svc, _ = await _fields(request)
    keys = bool(request.app.state.keys)
    return {"charLimit": svc.limits.max_chars, "frontendTimeout": 500, "apiKeys": keys, "keyRequired": keys,
            "suggestions": False, "filesTranslation": False, "supportedFilesFormat": [],
            "language": {"source": {"code": "zh", "name": "Chinese"}, "target": {"code": "en", "name": "English"}}}
