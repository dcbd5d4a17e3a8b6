"""Writing outputs atomically, so an interrupted run never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zhen.errors import InputError


def atomic_write(path: str | Path, text: str) -> None:
    """Write text as UTF-8 to path via a temporary file in the same directory and a rename."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


FORMATS = ("text", "md", "jsonl")
SUFFIX = {"text": ".txt", "md": ".md", "jsonl": ".jsonl"}


def render(result, fmt: str, signature: str | None) -> str:
    """Render a translate.DocumentResult as plain text, a bilingual Markdown review table, or JSON lines."""
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
        import json

        lines = []
        for p in result.paragraphs:
            for s in p.sentences:
                unit = result.units.get((p.number, s.start))
                if unit is None:
                    continue
                record = {"doc": result.name, "paragraph": p.number, "source": s.source, "target": unit.target,
                          "terms": [t.as_dict() for t in unit.terms]}
                if signature:
                    record["signature"] = signature
                lines.append(json.dumps(record, ensure_ascii=False))
        return "".join(line + "\n" for line in lines)
    raise InputError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _cell(text: str) -> str:
    return text.strip().replace("|", "\\|")
