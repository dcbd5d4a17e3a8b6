"""A DeepL API v2 subset: translate with glossaries, languages, glossary CRUD and entries (TSV), usage."""

from __future__ import annotations

import csv
import io

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from zhen.serve.glossaries import GlossaryStore, StoredGlossary, UnknownGlossary
from zhen.serve.http import ApiError, Fields, authorize, checked_term, read_fields, terms_field, text_field, texts_field
from zhen.serve.service import Service, english, over

router = APIRouter(prefix="/v2", tags=["DeepL v2"])
SOURCE_LANGS = ("ZH",)
TARGET_LANGS = ("EN", "EN-US", "EN-GB")
# DeepL bills characters against a limit; this server has none to enforce, so it reports a very large one.
NO_LIMIT = 10**12


async def _fields(request: Request) -> tuple[Service, Fields]:
    svc: Service = request.app.state.service
    fields = await read_fields(request, svc.limits.max_body)
    authorize(request, request.app.state.keys, fields)
    return svc, fields


def _store(request: Request) -> GlossaryStore:
    return request.app.state.glossaries


def _glossary(request: Request, glossary_id: str) -> StoredGlossary:
    try:
        return _store(request).get(glossary_id)
    except UnknownGlossary as exc:
        raise ApiError(404, str(exc)) from None


@router.post("/translate", summary="Translate (DeepL v2)")
async def translate(request: Request) -> dict:
    """`text` (one or more), `target_lang` EN/EN-US/EN-GB, `source_lang` ZH, `glossary_id`; zhen also takes
    `terms`, a list of {"zh", "en"} for this request only."""
    svc, fields = await _fields(request)
    texts, _ = texts_field(fields, "text")
    target = text_field(fields, "target_lang").upper()
    source = fields.get("source_lang")
    if target not in TARGET_LANGS:
        raise ApiError(400, f"Value for 'target_lang' not supported: {target}")
    if source is not None and (not isinstance(source, str) or source.upper() not in SOURCE_LANGS):
        raise ApiError(400, f"Value for 'source_lang' not supported: {source}")
    if fields.get("tag_handling"):
        raise ApiError(400, "tag_handling is not supported yet; send plain text")
    pairs = terms_field(fields, "terms", svc.limits.max_terms)
    glossary_id = fields.get("glossary_id")
    if glossary_id:
        if source is None:
            raise ApiError(400, "Use of a glossary requires the source_lang parameter to be specified")
        pairs = over(_glossary(request, text_field(fields, "glossary_id")).entries, pairs)
    chars = sum(len(t) for t in texts)
    if chars > svc.limits.max_chars:
        raise ApiError(413, f"request ({chars} characters) exceeds text limit ({svc.limits.max_chars})")
    results = await svc.translate(texts, svc.with_terms(pairs), request.is_disconnected)
    return {"translations": [{"detected_source_language": "ZH", "text": english(r), "billed_characters": len(t)}
                             for r, t in zip(results, texts)]}


@router.get("/languages", summary="Source or target languages (DeepL v2)")
async def languages(request: Request) -> list[dict]:
    _, fields = await _fields(request)
    kind = text_field(fields, "type", "source")
    if kind == "source":
        return [{"language": "ZH", "name": "Chinese"}]
    if kind == "target":
        return [{"language": "EN-GB", "name": "English (British)", "supports_formality": False},
                {"language": "EN-US", "name": "English (American)", "supports_formality": False}]
    raise ApiError(400, f"Value for 'type' not supported: {kind}")


@router.get("/glossary-language-pairs", summary="Glossary language pairs (DeepL v2)")
async def language_pairs(request: Request) -> dict:
    await _fields(request)
    return {"supported_languages": [{"source_lang": "zh", "target_lang": "en"}]}


def parse_entries(text: str, fmt: str) -> list[tuple[str, str]]:
    """DeepL's glossary entries: one `source<TAB>target` (tsv) or `source,target` (csv) a line."""
    if fmt == "tsv":
        rows = [line.split("\t") for line in text.splitlines() if line.strip()]
    elif fmt == "csv":
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
    else:
        raise ApiError(400, f"Value for 'entries_format' not supported: {fmt}")
    pairs: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        if len(row) != 2:
            raise ApiError(400, f"Invalid glossary entries: entry {number} needs exactly a source and a target term")
        zh, en = checked_term(row[0], row[1], f"entry {number}")
        if zh in pairs:
            raise ApiError(400, f"Invalid glossary entries: entry {number} repeats the source term {zh!r}")
        pairs[zh] = en
    if not pairs:
        raise ApiError(400, "Invalid glossary entries: no entry")
    return list(pairs.items())


@router.post("/glossaries", status_code=201, summary="Create a glossary (DeepL v2)")
async def create(request: Request) -> dict:
    svc, fields = await _fields(request)
    name = text_field(fields, "name")
    source = text_field(fields, "source_lang").lower()
    target = text_field(fields, "target_lang").lower()
    if not name.strip():
        raise ApiError(400, "Invalid request: name must not be empty")
    if (source, target) != ("zh", "en"):
        raise ApiError(400, f"Unsupported glossary language pair: {source}→{target} (only zh→en)")
    entries = parse_entries(text_field(fields, "entries"), text_field(fields, "entries_format", "tsv"))
    if len(entries) > svc.limits.max_terms:
        raise ApiError(400, f"Invalid glossary entries: {len(entries)} entries, over the limit of {svc.limits.max_terms}")
    return _store(request).create(name, entries).info()


@router.get("/glossaries", summary="List glossaries (DeepL v2)")
async def list_glossaries(request: Request) -> dict:
    await _fields(request)
    return {"glossaries": [g.info() for g in _store(request).list()]}


@router.get("/glossaries/{glossary_id}", summary="A glossary's details (DeepL v2)")
async def get(request: Request, glossary_id: str) -> dict:
    await _fields(request)
    return _glossary(request, glossary_id).info()


@router.get("/glossaries/{glossary_id}/entries", summary="A glossary's entries as TSV (DeepL v2)")
async def entries(request: Request, glossary_id: str) -> Response:
    await _fields(request)
    accept = request.headers.get("accept", "text/tab-separated-values")
    if not any(kind in accept for kind in ("text/tab-separated-values", "*/*")):
        raise ApiError(415, f"Unsupported Accept header: {accept} (only text/tab-separated-values)")
    return PlainTextResponse(_glossary(request, glossary_id).tsv(), media_type="text/tab-separated-values")


@router.delete("/glossaries/{glossary_id}", status_code=204, summary="Delete a glossary (DeepL v2)")
async def delete(request: Request, glossary_id: str) -> Response:
    await _fields(request)
    try:
        _store(request).delete(glossary_id)
    except UnknownGlossary as exc:
        raise ApiError(404, str(exc)) from None
    return Response(status_code=204)


@router.get("/usage", summary="Characters translated since the server started (DeepL v2)")
async def usage(request: Request) -> dict:
    svc, _ = await _fields(request)
    return {"character_count": svc.usage.characters, "character_limit": NO_LIMIT}
