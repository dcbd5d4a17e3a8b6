"""Consistency checks: the glossary itself, a corpus's spellings, and a translation against the glossary."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (file, 1-based line and column; 0 when not applicable), what kind, and why."""

    file: str
    line: int
    column: int
    kind: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def report(findings: list[Finding]) -> str:
    """A report a person can read: findings grouped by kind, each with its location."""
    if not findings:
        return "no problems found\n"
    out: list[str] = []
    kinds: dict[str, list[Finding]] = {}
    for f in findings:
        kinds.setdefault(f.kind, []).append(f)
    for kind, group in kinds.items():
        out.append(f"{kind} ({len(group)})")
        for f in group:
            where = f.file + (f":{f.line}" if f.line else "") + (f":{f.column}" if f.column else "")
            out.append(f"  {where}: {f.message}")
    out.append(f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found")
    return "\n".join(out) + "\n"
