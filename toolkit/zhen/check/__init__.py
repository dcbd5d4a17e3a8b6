"""Findings of the checks: stable codes and severities, ruff-style selection, config files, and the text report."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zhen.errors import InputError, UsageError

SEVERITIES = ("error", "warning", "info")

# kind → (code, severity). Codes are stable: a kind may be renamed, its code never reused.
# G: glossary lint, C: corpus, T: terms and text of a translation, N: numbers.
# error: the output is wrong; warning: probably wrong, a person should look; info: worth knowing.
RULES: dict[str, tuple[str, str]] = {
    "malformed-row": ("G001", "error"),
    "duplicate-entry": ("G101", "error"),
    "override": ("G105", "info"),
    "conflicting-rendering": ("G102", "error"),
    "avoid-is-preferred": ("G103", "error"),
    "shared-form": ("G104", "warning"),
    "traditional-in-canonical": ("G201", "warning"),
    "short-equals-full": ("G202", "warning"),
    "shadowed-form": ("G301", "warning"),
    "overbroad-form": ("G305", "warning"),
    "english-variant": ("G302", "warning"),
    "inconsistent-case": ("G303", "warning"),
    "same-pinyin": ("G304", "info"),
    "rival-spellings": ("C101", "warning"),
    "mixed-spellings-in-document": ("C102", "warning"),
    "mixed-script-line": ("C201", "info"),
    "unregistered-name": ("C301", "info"),
    "missing-term": ("T101", "error"),
    "avoid-rendering": ("T102", "error"),
    "missing-check-only-term": ("T103", "info"),
    "term-case": ("T104", "info"),
    "missing-term-in-name": ("T105", "info"),
    "missing-later-mention": ("T106", "info"),
    "missing-check-only-name": ("T107", "warning"),
    "untranslated-han": ("T201", "error"),
    "inconsistent-translation": ("T301", "warning"),
    "number-missing": ("N101", "error"),
    "number-extra": ("N102", "warning"),
    "number-mismatch": ("N103", "error"),
}
FAILING = frozenset({"error", "warning"})
CONFIG_KEYS = ("select", "ignore")


@dataclass(frozen=True)
class Finding:
    """One problem: where it is (file, 1-based line and column; 0 when not applicable), what kind, and why.

    code and severity follow from the kind (RULES) unless given."""

    file: str
    line: int
    column: int
    kind: str
    message: str
    code: str = field(default="")
    severity: str = field(default="")

    def __post_init__(self) -> None:
        code, severity = RULES.get(self.kind, ("X000", "error"))
        if not self.code:
            object.__setattr__(self, "code", code)
        if not self.severity:
            object.__setattr__(self, "severity", severity)

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "kind": self.kind,
                "code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True)
class Selection:
    """Which findings to keep, as ruff chooses rules: by code, code prefix (T, T1, T101), kind, or ALL."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for selector in (*self.select, *self.ignore):
            if not _known(selector):
                raise InputError(f"unknown rule selector {selector!r} (a code such as T101, a prefix such as T, a kind "
                                 "such as missing-term, or ALL)")

    def keeps(self, finding: Finding) -> bool:
        chosen = not self.select or any(_matches(s, finding) for s in self.select)
        return chosen and not any(_matches(s, finding) for s in self.ignore)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if self.keeps(f)]


def _matches(selector: str, finding: Finding) -> bool:
    return selector == "ALL" or selector == finding.kind or finding.code.startswith(selector.upper())


def _known(selector: str) -> bool:
    if not selector:
        return False
    return selector == "ALL" or selector in RULES or any(code.startswith(selector.upper()) for code, _ in RULES.values())


def refuse_unreachable(option: str, selectors: Iterable[str], command: str, families: tuple[str, ...]) -> None:
    """A known selector that matches none of the rules a check reports (`check corpus --select T101`) would
    silently select nothing: a usage error. Config files are shared by the checks, so only options are held to it."""
    codes = sorted(code for code, _ in RULES.values() if code.startswith(families))
    kinds = {kind for kind, (code, _) in RULES.items() if code.startswith(families)}
    for selector in selectors:
        if selector == "ALL" or not _known(selector):
            continue  # unknown selectors get their own error from Selection
        if selector not in kinds and not any(code.startswith(selector.upper()) for code in codes):
            raise UsageError(f"{option} {selector}: `zhen check {command}` reports only {', '.join(codes)}, "
                             "so it would never match")


def find_config(paths: Iterable[str | Path]) -> Path | None:
    """The config for the checked files: from the first file's directory upward, the first zhen.toml,
    or pyproject.toml that has a [tool.zhen.check] table (a pyproject.toml without one is passed over)."""
    first = next(iter(paths), None)
    if first is None:
        return None
    start = Path(first).resolve()
    for directory in ([start] if start.is_dir() else []) + list(start.parents):
        if (directory / "zhen.toml").is_file():
            return directory / "zhen.toml"
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def _table(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the check configuration: {exc}") from None
    table = data.get("check") if path.name == "zhen.toml" else data.get("tool", {}).get("zhen", {}).get("check")
    return table if isinstance(table, dict) else None


def load_selection(config: Path | None, select: list[str] | None = None, ignore: list[str] | None = None) -> Selection:
    """The selection in force: the config's select unless --select is given, config ignore plus --ignore."""
    table: dict = (_table(config) or {}) if config is not None else {}
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            raise InputError(f"{config}: unknown key {key!r} in the check table (known: {', '.join(CONFIG_KEYS)})")
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise InputError(f"{config}: {key} must be a list of strings")
    chosen = select if select else table.get("select", [])
    return Selection(tuple(chosen), tuple(table.get("ignore", [])) + tuple(ignore or ()))


def exit_code(findings: list[Finding]) -> int:
    """1 when a selected finding is an error or a warning, else 0: info never fails a check."""
    return 1 if any(f.severity in FAILING for f in findings) else 0


def report(findings: list[Finding]) -> str:
    """A report a person can read: findings grouped by rule, errors first, each with its location."""
    if not findings:
        return "no problems found\n"
    out: list[str] = []
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.kind, []).append(f)
    order = sorted(groups.values(), key=lambda g: (SEVERITIES.index(g[0].severity), g[0].code))
    for group in order:
        head = group[0]
        out.append(f"{head.code} {head.kind} · {head.severity} ({len(group)})")
        for f in group:
            where = f.file + (f":{f.line}" if f.line else "") + (f":{f.column}" if f.column else "")
            out.append(f"  {where}: {f.message}")
    counts = [f"{n} {s}{'s' if n != 1 else ''}" for s in SEVERITIES
              if s in FAILING and (n := sum(1 for f in findings if f.severity == s))]
    failing = sum(1 for f in findings if f.severity in FAILING)
    info = len(findings) - failing
    # Information (an override, an unregistered name) is no problem: it is counted apart.
    notes = f"{info} for information" if info else ""
    if failing:
        out.append(f"{failing} problem{'s' if failing != 1 else ''} found ({', '.join(counts)})" + (f", {notes}" if notes else ""))
    else:
        out.append(f"no problems found ({notes})")
    return "\n".join(out) + "\n"
