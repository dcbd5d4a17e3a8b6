"""Rendering a translated document: plain text, a bilingual Markdown review table, JSON lines, or TMX."""

from __future__ import annotations

import json

from zhen.errors import InputError
from zhen.mt.pipeline import DocumentResult

FORMATS = ("text", "md", "jsonl", "tmx")
SUFFIX = {"text": ".txt", "md": ".md", "jsonl": ".jsonl", "tmx": ".tmx"}


def render(result: DocumentResult, fmt: str, signature: str | None) -> str:
    """The document in one output format, with the signature of what produced it when given."""
    if fmt == "text":
        body = "".join(result.english(p) + "\n" for p in result.paragraphs)
        return body + (f"\n[zhen: {signature}]\n" if signature else "")
    if fmt == "md":
        rows = [f"# {result.name}", "", "| 中文 | English |", "|---|---|"]
        for p in result.paragraphs:
            if p.text.strip():
                rows.append(f"| {_cell(p.text)} | {_cell(result.english(p))} |")
        if signature:
            rows += ["", f"<sub>{_cell(signature)}</sub>"]
        return "\n".join(rows) + "\n"
    if fmt == "jsonl":
        lines = []
        for p in result.paragraphs:
            for s in p.sentences:
                where = (p.number, s.start)
                unit = result.units.get(where)
                if unit is None:
                    continue
                outcome = result.outcomes[where]
                record: dict = {"doc": result.name, "paragraph": p.number, "source": s.source, "target": outcome.target,
                                "terms": [t.as_dict(status) for t, status in zip(unit.terms, outcome.statuses)]}
                if signature:
                    record["signature"] = signature
                lines.append(json.dumps(record, ensure_ascii=False))
        return "".join(line + "\n" for line in lines)
    if fmt == "tmx":
        from zhen.formats.tmx_out import render_tmx

        return render_tmx(result, signature)
    raise InputError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_record(result: DocumentResult, doc_id: str, signature: str | None) -> str:
    """One JSON line for a whole document (for JSON Lines input): its id, English text and terms."""
    terms = [t.as_dict(status) for where, unit in result.units.items()
             for t, status in zip(unit.terms, result.outcomes[where].statuses)]
    record: dict = {"id": doc_id, "text": "\n".join(result.english(p) for p in result.paragraphs), "terms": terms}
    if result.conflicts is not None:
        record["conflicts"] = result.conflicts
    if signature:
        record["signature"] = signature
    return json.dumps(record, ensure_ascii=False) + "\n"


def _cell(text: str) -> str:
    return text.strip().replace("|", "\\|")
