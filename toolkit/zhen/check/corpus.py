"""`zhen check corpus`: which spellings of each entity a corpus uses, and names the glossary lacks."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from zhen.terms.match import matcher_for
from zhen.errors import InputError
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.lookup import Index
from zhen.terms.pinyin import pinyin_of
from zhen.text.normalize import converter, script_report
from zhen.text.read import read_source
from zhen.check import Finding

# Characters of the Xinhua transliteration tables for foreign names; a run of three or more of them
# that no glossary form covers is probably a name (托加耶夫, 阿克硕拉科夫).
TRANSLIT = set(
    "阿埃艾爱安昂奥巴拜班邦包保鲍贝本比彼毕宾波伯博布察策查柴昌彻楚茨达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费芬丰佛"
    "夫福弗盖甘冈戈格根古瓜圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷蕾里丽利莉连林琳"
    "卢鲁伦罗洛马玛迈曼芒梅门蒙米密莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩彭皮普齐奇乔切钦琴丘萨塞桑瑟森沙莎"
    "尚舍什施舒斯松苏索塔泰坦汤唐特提廷图托瓦万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹朱祖佐兹娃娅硕"
)
NAME_RUN = re.compile("[" + "".join(sorted(TRANSLIT)) + "]{3,}(?:[·・-][" + "".join(sorted(TRANSLIT)) + "]{2,})*")


@dataclass
class Candidate:
    """A probable name the glossary lacks, with where it occurs and the nearest glossary entries."""

    text: str
    pinyin: str
    count: int = 0
    first: tuple[str, int, int] = ("", 0, 0)
    context: str = ""
    closest: list[tuple[Entry, float]] = field(default_factory=list)


def _documents(paths: list[str | Path]) -> list[tuple[str, str]]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise InputError(f"{path}: directory holds no .txt files")
            files += found
        else:
            files.append(path)
    return [(str(f), read_source(f).text) for f in files]


def _bases(entry: Entry) -> dict[str, str]:
    # An extended form (弗拉基米尔·普京) counts as the spelling it contains (普京), not as a rival.
    convert = converter().convert
    forms = [convert(f) for f in entry.forms]
    return {f: min((g for g in forms if g != f and g in f), key=lambda g: (f.find(g), -len(g)), default=f) for f in forms}


def spellings(paths: list[str | Path], glossary: Glossary,
              documents: list[tuple[str, str]] | None = None) -> dict[str, dict[str, Counter]]:
    """For each entry (by zh): spelling (base form) → Counter of documents using it."""
    used: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    matcher = matcher_for(glossary)
    convert = converter().convert
    bases: dict[str, dict[str, str]] = {}
    for name, text in documents if documents is not None else _documents(paths):
        for m in matcher.find(text):
            base = bases.setdefault(m.entry.zh, _bases(m.entry))
            used[m.entry.zh][base[convert(m.text)]][name] += 1
    return used


def check_corpus(paths: list[str | Path], glossary: Glossary) -> tuple[list[Finding], list[Candidate]]:
    """Rival spellings, documents mixing spellings, mixed-script lines, and unregistered names."""
    documents = _documents(paths)
    findings: list[Finding] = []
    matcher = matcher_for(glossary)
    by_zh = {e.zh: e for e in glossary}
    used = spellings([], glossary, documents)
    first_seen: dict[str, tuple[str, int, int]] = {}
    for name, text in documents:
        for number, line in enumerate(text.splitlines(), start=1):
            for m in matcher.find(line):
                first_seen.setdefault(m.entry.zh, (name, number, m.start + 1))
    for zh, forms in used.items():
        if len(forms) < 2:
            continue
        entry = by_zh[zh]
        parts = [f"{form} ×{sum(docs.values())} (" + ", ".join(f"{Path(d).stem} ×{n}" for d, n in docs.items()) + ")"
                 for form, docs in sorted(forms.items(), key=lambda kv: -sum(kv[1].values()))]
        findings.append(Finding(*first_seen[zh], "rival-spellings", f"{zh} ({entry.en}): " + "; ".join(parts)))
        per_doc: dict[str, list[str]] = defaultdict(list)
        for form, docs in forms.items():
            for doc in docs:
                per_doc[doc].append(form)
        for doc, doc_forms in per_doc.items():
            if len(doc_forms) > 1:
                findings.append(Finding(doc, 0, 0, "mixed-spellings-in-document",
                                        f"{zh} ({entry.en}) is spelled {' and '.join(sorted(doc_forms))}"))
    for name, text in documents:
        for number in script_report(text).mixed_lines:
            findings.append(Finding(name, number, 0, "mixed-script-line", "line mixes simplified and traditional characters"))
    candidates = unregistered(documents, glossary)
    for c in candidates:
        near = ", ".join(f"{e.zh} {e.en} ({score:.2f})" for e, score in c.closest) or "none"
        findings.append(Finding(*c.first, "unregistered-name",
                                f"{c.text} ({c.pinyin}) ×{c.count}, not in the glossary; closest: {near}; context: …{c.context}…"))
    return findings, candidates


def unregistered(documents: list[tuple[str, str]], glossary: Glossary, limit: int = 3) -> list[Candidate]:
    """Transliteration-like runs that no glossary form covers, with the closest entries by pinyin."""
    matcher = matcher_for(glossary)
    found: dict[str, Candidate] = {}
    for name, text in documents:
        for number, line in enumerate(text.splitlines(), start=1):
            covered = [(m.start, m.end) for m in matcher.find(line)]
            for run in NAME_RUN.finditer(converter().convert(line)):
                if any(a < run.end() and run.start() < b for a, b in covered):
                    continue
                cand = found.get(run.group(0))
                if cand is None:
                    context = line[max(run.start() - 8, 0): run.end() + 8].strip()
                    cand = found[run.group(0)] = Candidate(run.group(0), pinyin_of(run.group(0)),
                                                           first=(name, number, run.start() + 1), context=context)
                cand.count += 1
    index = Index(glossary)
    for cand in found.values():
        cand.closest = [(hit.entry, hit.score) for hit in index.closest(cand.text)[:limit]]
    return sorted(found.values(), key=lambda c: (-c.count, c.first))


def suggestion_rows(candidates: list[Candidate], threshold: float = 0.75) -> str:
    """Candidate glossary rows for review: a near match becomes a new variant of that entry
    (the row overrides it when loaded after the glossary), anything else a new entry to fill in."""
    from zhen.terms.glossary import COLUMNS

    rows: dict[str, Entry] = {}
    for c in candidates:
        if c.closest and c.closest[0][1] >= threshold:
            base = rows.get(c.closest[0][0].zh, c.closest[0][0])
            rows[base.zh] = Entry(base.zh, base.en, base.type, base.short, (*base.variants, c.text), base.avoid,
                                  (base.note + " " if base.note else "") + f"[suggested variant {c.text}: review]")
        else:
            guess = "".join(part.capitalize() for part in c.pinyin.split())
            rows[c.text] = Entry(c.text, guess, "other", note=f"[suggested by zhen check corpus ×{c.count}: review the English and type]")
    return "\t".join(COLUMNS) + "\n" + "".join(e.to_row() + "\n" for e in rows.values())
