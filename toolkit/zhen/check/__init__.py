"""Consistency checks: the glossary itself, a corpus's spellings, and a translation against the glossary."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Kinds that inform rather than complain (a later glossary file replacing an entry): reported, but
# not counted as problems and not a reason for exit code 1.
INFO_KINDS = frozenset({"override"})


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


def problems(findings: list[Finding]) -> list[Finding]:
    """The findings that are problems, leaving out information (INFO_KINDS)."""
    return [f for f in findings if f.kind not in INFO_KINDS]


def report(findings: list[Finding]) -> str:
    """A report a person can read: findings grouped by kind, each with its location."""
    if not findings:
        return "no problems found\n"
    count = len(problems(findings))
    notes = len(findings) - count
    out: list[str] = []
    kinds: dict[str, list[Finding]] = {}
    for f in findings:
        kinds.setdefault(f.kind, []).append(f)
    for kind, group in kinds.items():
        out.append(f"{kind} ({len(group)})")
        for f in group:
            where = f.file + (f":{f.line}" if f.line else "") + (f":{f.column}" if f.column else "")
            out.append(f"  {where}: {f.message}")
    summary = f"{count} problem{'s' if count != 1 else ''} found" if count else "no problems found"
    out.append(summary + (f" ({notes} for information)" if notes else ""))
    return "\n".join(out) + "\n"
