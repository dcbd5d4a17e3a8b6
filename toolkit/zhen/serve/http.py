"""Request bodies read within bounds (JSON or form), typed fields, API keys, and the error every API answers with."""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

from zhen.errors import InputError

Fields = dict[str, Any]


class ApiError(Exception):
    """An answer other than success: HTTP status, a one-line message, extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 past `limit` bytes, whether or not the client declared its length."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body of {declared} bytes is over the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"request body is over the limit of {limit} bytes")
    return bytes(body)


async def read_fields(request: Request, limit: int) -> Fields:
    """A JSON object, or form fields (a repeated field becomes a list), plus the query string's fields."""
    fields: Fields = {k: _one(v) for k, v in parse_qs(request.url.query, keep_blank_values=True).items()}
    body = await read_body(request, limit)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        async def replay() -> dict:
            return {"type": "http.request", "body": body, "more_body": False}

        form = await Request(request.scope, replay).form()
        fields.update({k: _one([v for v in form.getlist(k) if isinstance(v, str)]) for k in form.keys()})
        return fields
    if not body.strip():
        # No body (a GET, or a POST whose fields are all in the query) whatever its declared type.
        return fields
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"request body is not valid UTF-8 (byte {exc.start})") from None
    if kind == "application/json" or (not kind and text.lstrip().startswith("{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ApiError(400, f"request body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        if not isinstance(data, dict):
            raise ApiError(400, "request body must be a JSON object")
        fields.update(data)
        return fields
    fields.update({k: _one(v) for k, v in parse_qs(text, keep_blank_values=True).items()})
    return fields


def _one(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


def text_field(fields: Fields, name: str, default: str | None = None) -> str:
    """A string field; missing → the default, or 400 when there is none."""
    value = fields.get(name, default)
    if value is None:
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if not isinstance(value, str):
        raise ApiError(400, f"Invalid request: {name} must be a string")
    return value


def texts_field(fields: Fields, name: str) -> tuple[list[str], bool]:
    """A string or a list of strings, and whether it was a list."""
    value = fields.get(name)
    if value is None:
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if isinstance(value, str):
        return [value], False
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value, True
    raise ApiError(400, f"Invalid request: {name} must be a string or a list of strings")


def terms_field(fields: Fields, name: str, limit: int) -> list[tuple[str, str]]:
    """A request's own terms: a list of {"zh": …, "en": …} objects."""
    value = fields.get(name, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise ApiError(400, f"Invalid request: {name} must be a list of {{\"zh\": …, \"en\": …}} objects")
    if len(value) > limit:
        raise ApiError(400, f"Invalid request: {len(value)} {name}, over the limit of {limit}")
    return [checked_term(t.get("zh"), t.get("en"), f"{name}[{i}]") for i, t in enumerate(value)]


def checked_term(zh: object, en: object, where: str) -> tuple[str, str]:
    """One (zh, en) pair: both non-empty one-line strings, the Chinese side with a Han character."""
    if not isinstance(zh, str) or not isinstance(en, str) or not zh.strip() or not en.strip():
        raise ApiError(400, f"Invalid request: {where} needs a non-empty zh and en")
    if any(c in zh + en for c in "\t\r\n"):
        raise ApiError(400, f"Invalid request: {where} has a tab or a line break")
    if not any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in zh):
        raise ApiError(400, f"Invalid request: {where}: zh {zh!r} has no Chinese character")
    return zh.strip(), en.strip()


def load_keys(path: Path) -> tuple[str, ...]:
    """API keys, one a line (blank lines and # comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the API key file ({getattr(exc, 'strerror', None) or exc})") from None
    keys = tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    if not keys:
        raise InputError(f"{path}: no API key in the file")
    return keys


def given_key(request: Request, fields: Fields | None = None) -> str | None:
    """The key a request carries: `Authorization: DeepL-Auth-Key K` or `Bearer K`, or an api_key field."""
    auth = request.headers.get("authorization", "")
    for scheme in ("DeepL-Auth-Key ", "Bearer "):
        if auth.startswith(scheme):
            return auth[len(scheme):].strip()
    value = (fields or {}).get("api_key") or request.query_params.get("api_key")
    return value if isinstance(value, str) else None


def authorize(request: Request, keys: tuple[str, ...], fields: Fields | None = None) -> None:
    """403 unless the server needs no key or the request carries one of its keys (compared in constant time)."""
    if not keys:
        return
    key = given_key(request, fields)
    if not key:
        raise ApiError(403, "Please contact the server operator to get an API key")
    # Every key is compared, so the time taken says nothing about which one nearly matched.
    if not sum(hmac.compare_digest(key.encode(), k.encode()) for k in keys):
        raise ApiError(403, "Invalid API key")
