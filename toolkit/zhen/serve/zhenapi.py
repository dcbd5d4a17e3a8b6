"""zhen's own API: translate with per-term statuses and the signature, lookup, terms, and check translation."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from zhen.check.translation import Segment, check_translation
from zhen.serve.glossaries import UnknownGlossary
from zhen.serve.http import ApiError, Fields, authorize, read_fields, terms_field, text_field, texts_field
from zhen.serve.service import Service, over, record
from zhen.terms.lookup import lookup as find

router = APIRouter(prefix="/api", tags=["zhen"])
# The name check findings carry for text sent in a request rather than read from a file.
REQUEST = "<request>"


async def _fields(request: Request) -> tuple[Service, Fields]:
    svc: Service = request.app.state.service
    fields = await read_fields(request, svc.limits.max_body)
    authorize(request, request.app.state.keys, fields)
    return svc, fields


def _chars(svc: Service, texts: list[str]) -> None:
    chars = sum(len(t) for t in texts)
    if chars > svc.limits.max_chars:
        raise ApiError(413, f"request ({chars} characters) exceeds text limit ({svc.limits.max_chars})")


@router.post("/translate", summary="Translate, with each glossary term's status and the signature")
async def translate(request: Request) -> dict:
    """`text` (a string or a list), optional `terms` (a list of {"zh", "en"}) and `glossary_id`, layered over
    the house glossary for this request only. One record per text: `zhen translate --jsonl`'s, with its sentences."""
    svc, fields = await _fields(request)
    texts, _ = texts_field(fields, "text")
    _chars(svc, texts)
    pairs = terms_field(fields, "terms", svc.limits.max_terms)
    if fields.get("glossary_id"):
        try:
            stored = request.app.state.glossaries.get(text_field(fields, "glossary_id"))
        except UnknownGlossary as exc:
            raise ApiError(404, str(exc)) from None
        pairs = over(stored.entries, pairs)
    profile = svc.with_terms(pairs)
    results = await svc.translate(texts, profile, request.is_disconnected)
    # A conflict's origin is a file path on the server: not the client's business.
    conflicts = [{k: v for k, v in c.as_dict().items() if k != "origin"} for c in profile.conflicts]
    return {"signature": profile.signature, "conflicts": conflicts,
            "results": [record(r, profile.signature) for r in results]}


@router.get("/lookup", summary="Look a term up: Chinese in any script, English, pinyin or initials")
async def lookup(request: Request) -> dict:
    svc, fields = await _fields(request)
    query = text_field(fields, "q")
    if not query.strip():
        raise ApiError(400, "Invalid request: q is empty")
    hits = await run_in_threadpool(find, svc.glossary, query)
    return {"exact": bool(hits) and hits[0].exact, "hits": [hit.as_dict() for hit in hits]}


@router.post("/terms", summary="The glossary terms in a text, with offsets on each line")
async def terms(request: Request) -> dict:
    svc, fields = await _fields(request)
    text = text_field(fields, "text")
    _chars(svc, [text])
    matcher = svc.house.matcher
    lines = [{"line": n, "terms": [m.as_dict() for m in matcher.find(line)]}
             for n, line in enumerate(text.splitlines(), start=1)]
    return {"lines": [line for line in lines if line["terms"]]}


@router.post("/check", summary="Check a translation against its source: findings with codes and severities")
async def check(request: Request) -> dict:
    """`source` and `target`: paragraph-aligned texts (line N ↔ line N)."""
    svc, fields = await _fields(request)
    source, target = text_field(fields, "source"), text_field(fields, "target")
    _chars(svc, [source, target])
    src, tgt = source.splitlines(), target.splitlines()
    if len(src) != len(tgt):
        raise ApiError(400, f"target has {len(tgt)} lines, but source has {len(src)}; texts must be paragraph-aligned")
    segments = [Segment(REQUEST, n, s, t) for n, (s, t) in enumerate(zip(src, tgt), start=1) if s.strip() or t.strip()]
    findings = await run_in_threadpool(check_translation, segments, svc.glossary)
    return {"findings": [f.as_dict() for f in findings]}
