"""`zhen check corpus`: which spellings of each entity a corpus uses, and names the glossary lacks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from zhen.check import Finding
from zhen.check.names import (FUNCTION_CHARS, ORG_SUFFIX, SURNAMES, TAG_TYPES, TRANSLIT, TYPE_TAGS, Dictionary, cedict,
                              entity_type, is_name, romanize, tokens)
from zhen.errors import InputError
from zhen.terms.glossary import Entry, Glossary
from zhen.terms.lookup import Index
from zhen.terms.match import matcher_for
from zhen.terms.pinyin import pinyin_of
from zhen.text.normalize import HAN, converter, script_report
from zhen.text.read import read_source

# A run of transliteration characters is a name candidate too, when it starts and ends on jieba word
# boundaries (埃尔多安, which the tagger cuts up); one that starts or ends inside a word (查特朗普 in
# 调查特朗普, 西南宁 in 广西南宁) is a fused span and left to the tagger's own tokens.
NAME_RUN = re.compile("[" + "".join(sorted(TRANSLIT)) + "]{3,}")
# Tokens that are never part of a name: numerals and measure words (5万卢布).
NOT_NAME_TAGS = frozenset({"m", "q", "mq", "x", "p", "c", "u", "uj", "ul", "d"})
MIDDLE_DOTS = frozenset("·・•‧･")
NAME_JOINERS = MIDDLE_DOTS | {"-", "‐"}
DATE_UNITS = frozenset("年月日号时分秒万亿千百")
Around = dict[int, tuple[int, str, str]]  # token start (or end) → its other end, word and tag
# Strong evidence for "variant of": pinyin at least this close, the same entity type, and shared
# context (the entry within this many lines in the same document, or the same neighbouring word).
VARIANT_PINYIN = 0.8
DICTIONARY_PINYIN = 0.6
CONTEXT_LINES = 3


@dataclass
class Candidate:
    """A probable name the glossary lacks: where it occurs, its type and English, and the nearest entries."""

    text: str
    pinyin: str
    count: int = 0
    first: tuple[str, int, int] = ("", 0, 0)
    context: str = ""
    closest: list[tuple[Entry, float]] = field(default_factory=list)
    type: str = "other"
    english: str = ""
    source: str = ""
    variant_of: Entry | None = None
    evidence: str = ""
    lines: dict[str, set[int]] = field(default_factory=dict)
    neighbours: set[str] = field(default_factory=set)


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


def check_corpus(paths: list[str | Path], glossary: Glossary,
                 progress: Callable[[int, int], None] | None = None) -> tuple[list[Finding], list[Candidate]]:
    """Rival spellings, documents mixing spellings, mixed-script lines, and unregistered names. progress, if
    given, is called now and then with the characters done and in all (of the name search, the long part)."""
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
    candidates = unregistered(documents, glossary, progress=progress)
    for c in candidates:
        if c.variant_of is not None:
            near = f"variant of {c.variant_of.zh} {c.variant_of.en} ({c.evidence})"
        else:
            near = "closest: " + (", ".join(f"{e.zh} {e.en} ({score:.2f})" for e, score in c.closest) or "none")
        findings.append(Finding(*c.first, "unregistered-name",
                                f"{c.text} ({c.pinyin}) ×{c.count}, {c.type}, not in the glossary; English: {c.english} "
                                f"({c.source}); {near}; context: …{c.context}…"))
    return findings, candidates


def _spans(line: str, toks: list[tuple[int, int, str, str]], dictionary: Dictionary) -> list[tuple[int, int, str]]:
    """(start, end, tag) of each name in a line: tagged tokens, and transliteration runs on word boundaries."""
    found = [(a, b, tag) for a, b, word, tag in toks if tag in TAG_TYPES and is_name(word, tag, dictionary)]
    # A word the tagger calls a common noun (红场 n) is still a name where the dictionary says it is a place
    # or an organization; not a person (大桥 'bridge' is also Da Qiao of the Three Kingdoms).
    found += [(a, b, TYPE_TAGS[kind]) for a, b, word, tag in toks
              if tag not in TAG_TYPES and is_name(word, "n", dictionary)
              and (kind := dictionary.entity_type(word)) in ("place", "org")]
    runs: list[tuple[int, int, str]] = []
    starts = {a: i for i, (a, _, _, _) in enumerate(toks)}
    ends = {b: i for i, (_, b, _, _) in enumerate(toks)}
    for run in NAME_RUN.finditer(line):
        if run.start() not in starts or run.end() not in ends:
            continue
        first, last = starts[run.start()], ends[run.end()]
        while first <= last and toks[first][3] in NOT_NAME_TAGS:
            first += 1
        if first > last:
            continue
        if first < last and dictionary.entity_type(toks[first][2]) == "place":
            continue  # a known place before another name (苏拉威西|帕卢, Sulawesi's Palu) is not one name with it
        a, b = toks[first][0], toks[last][1]
        tag = toks[first][3] if first == last else "nrt"
        if b - a >= 3 and is_name(line[a:b], "nrt", dictionary):
            runs.append((a, b, tag if tag in TAG_TYPES else "nrt"))
    # A longer run wins over the tagged pieces it covers (奥夫拉|多尔 is 奥夫拉多尔, 莱特|希泽 is 莱特希泽).
    # Runs do not overlap, nor do tokens: the one run that can cover a piece, or the one piece that can overlap
    # a run, is found by bisection.
    run_starts = [x for x, _, _ in runs]
    found = [(a, b, t) for a, b, t in found
             if not ((i := bisect_right(run_starts, a) - 1) >= 0 and b <= runs[i][1] and runs[i][1] - runs[i][0] > b - a)]
    pieces = sorted(found)
    piece_ends = [y for _, y, _ in pieces]
    found += [(a, b, t) for a, b, t in runs
              if not ((i := bisect_right(piece_ends, a)) < len(pieces) and pieces[i][0] < b)]
    starting = {x: (y, w, t) for x, y, w, t in toks}
    ending = {y: (x, w, t) for x, y, w, t in toks}
    spans = _joined(line, toks, _with_surname(toks, [_completed(line, starting, ending, s, dictionary) for s in sorted(found)]))
    titles = _titles(line)
    return [s for s in spans if not _inside_title(titles, s[0], s[1]) and not _names_an_institution(starting, s)]


def _completed(line: str, starts: Around, ends: Around, span: tuple[int, int, str],
               dictionary: Dictionary) -> tuple[int, int, str]:
    """A name the tagger cut at a wrong place, made whole: a transliterated word before it joins it (库苏|古尔湖,
    Khövsgöl Lake); a person's name takes back a transliteration character that jieba glued to an unknown
    neighbour (了加|齐沃达 → 加齐沃达, 韩白乙|拉酒 → 韩白乙拉) and gives up a conjunction glued to it (和塞科 → 塞科)."""
    a, b, tag = span
    if tag in ("nr", "nrt") and line[a] in FUNCTION_CHARS and b - a >= 3 and all(ch in TRANSLIT for ch in line[a + 1:b]):
        a += 1
    before = ends.get(a)
    if (before and before[2][:1] in ("n", "") and len(before[1]) >= 2 and all(ch in TRANSLIT for ch in before[1])
            and before[1] not in dictionary.words):  # not a name of its own (内蒙古|鄂尔多斯市)
        return before[0], b, "nrt" if tag == "nr" else tag
    if tag in ("nr", "nrt"):
        if before and _glued(before[1][-1], before[1], dictionary):
            a -= 1
        after = starts.get(b)
        if after and _glued(after[1][0], after[1], dictionary):
            b += 1
    return a, b, tag


def _glued(ch: str, word: str, dictionary: Dictionary) -> bool:
    # A character of a word jieba made up (了加, 拉酒: not in the dictionary) that can be part of a transliteration.
    return len(word) >= 2 and word not in dictionary.words and ch in TRANSLIT and ch not in FUNCTION_CHARS


def _names_an_institution(starts: Around, span: tuple[int, int, str]) -> bool:
    # A person's name before an institution's word is the institution's name (孔子|学院, Confucius Institute).
    _, b, tag = span
    return tag in ("nr", "nrt", "nrfg") and b in starts and starts[b][1].endswith(ORG_SUFFIX)


def _with_surname(toks: list[tuple[int, int, str, str]], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    # The tagger often cuts a Chinese name after its surname (陈|东宝, 梁|维特): a short name right after a
    # lone surname tagged as a name is a given name, and the person is the whole (陈东宝, 梁维特).
    surname_at = {b: a for a, b, word, tag in toks if tag == "nr" and len(word) == 1 and word in SURNAMES}
    return [(surname_at[a], b, "nr") if a in surname_at and b - a <= 2 else (a, b, tag) for a, b, tag in spans]


def _titles(line: str) -> tuple[list[int], list[int]]:
    """Where the line's title marks 《 and 》 are, to look them up near each name instead of searching the line."""
    return [i for i, ch in enumerate(line) if ch == "《"], [i for i, ch in enumerate(line) if ch == "》"]


def _inside_title(titles: tuple[list[int], list[int]], a: int, b: int) -> bool:
    # Part of a title (邮报 in 《每日邮报》 the Daily Mail, 布鲁塞尔 in 《布鲁塞尔协议》) is not a name on its own.
    opens, closes = titles
    i, j = bisect_left(opens, a), bisect_left(closes, a)
    opened = opens[i - 1] if i else -1
    if opened < 0 or (j and closes[j - 1] > opened):
        return False
    k = bisect_left(closes, b)
    return k < len(closes) and (opened + 1, closes[k]) != (a, b)


def _joined(line: str, toks: list[tuple[int, int, str, str]], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A foreign full name is written with middle dots (安妮·姆德兰特, 皮埃尔·伊维斯·杜兰德): the name is the
    whole, not its first part. Extend over each dot followed by words of transliteration characters."""
    starts = {a: i for i, (a, _, _, _) in enumerate(toks)}
    ends = {b: i for i, (_, b, _, _) in enumerate(toks)}
    out: list[tuple[int, int, str]] = []
    for a, b, tag in spans:
        # A first name joined by a hyphen or a dot before a person's name is part of it (让-克洛德•阿尔诺, Jean-Claude).
        while (tag in ("nr", "nrt") and a > 1 and line[a - 1] in NAME_JOINERS and a - 1 in ends
               and _name_part(toks[ends[a - 1]][2])):
            a, tag = toks[ends[a - 1]][0], "nrt"
        if out and out[-1][1] > a:
            continue
        while b < len(line) and line[b] in MIDDLE_DOTS and b + 1 in starts:
            i, end = starts[b + 1], b
            while i < len(toks) and all(ch in TRANSLIT for ch in toks[i][2]):
                end = toks[i][1]
                i += 1
            if end == b:
                break
            b, tag = end, "nrt"
        out.append((a, b, tag))
    return out


def _name_part(word: str) -> bool:
    # One Han character (让 Jean) or a transliteration (米歇尔 Michel).
    return (len(word) == 1 and "\u4e00" <= word <= "\u9fff") or all(ch in TRANSLIT for ch in word)


def unregistered(documents: list[tuple[str, str]], glossary: Glossary, limit: int = 3,
                 progress: Callable[[int, int], None] | None = None) -> list[Candidate]:
    """Names (by jieba POS tag and CC-CEDICT, see zhen.check.names) that no glossary form covers, with their
    type, an English and its source, the closest entries by pinyin, and a variant-of entry on strong evidence."""
    matcher = matcher_for(glossary)
    dictionary = cedict()
    convert = converter().convert
    found: dict[str, Candidate] = {}
    entry_lines: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    entry_neighbours: dict[str, set[str]] = defaultdict(set)
    total, done = sum(len(text) for _, text in documents), 0
    for name, text in documents:
        for number, line in enumerate(text.splitlines(), start=1):
            simplified = convert(line)
            if len(simplified) != len(line):
                simplified = line
            toks = tokens(simplified, glossary, None if progress is None else lambda at: progress(done + at, total))
            done += len(line) + 1
            words = _Words(toks)
            matches = matcher.find(line)
            # Matches are in order and do not overlap: the one a span may overlap, or end right before it, is
            # found by bisection (a scan of all per span cost the square of a long line).
            match_ends = [m.end for m in matches]
            for m in matches:
                entry_lines[m.entry.zh][name].add(number)
                entry_neighbours[m.entry.zh] |= words.around(m.start, m.end)
            for a, b, tag in _spans(simplified, toks, dictionary):
                if a and simplified[a - 1].isdigit() and simplified[a] in DATE_UNITS:
                    continue  # 5日电 is "dispatch of the 5th", 5万卢布 an amount: the span is fused with a number
                i = bisect_right(match_ends, a)
                if i < len(matches) and matches[i].start < b:
                    continue
                # An organization named after a registered place (中国|海洋大学) is one name: 中国海洋大学.
                ahead = [m for m in matches[bisect_left(match_ends, a):i]]
                if TAG_TYPES.get(tag) == "org" and ahead:
                    a = ahead[0].start
                word = _base(simplified[a:b], dictionary)
                if matcher.entry_for(word) is not None:
                    continue  # registered already: the word-boundary judge kept it out here (福建 in 福建省)
                cand = found.get(word)
                if cand is None:
                    kind = entity_type(word, tag, dictionary)
                    if kind == "other":
                        continue  # languages and other proper nouns (中文) that are no entity of the glossary's
                    parts = words.inside(a, b) if word == simplified[a:b] else [word]
                    english, source = _english(word, parts, kind, dictionary, matcher)
                    cand = found[word] = Candidate(
                        word, pinyin_of(word), first=(name, number, a + 1), context=line[max(a - 8, 0): b + 8].strip(),
                        type=kind, english=english, source=source)
                cand.count += 1
                cand.lines.setdefault(name, set()).add(number)
                cand.neighbours |= words.around(a, b)
    index = Index(glossary)
    for cand in found.values():
        cand.closest = [(hit.entry, hit.score) for hit in index.closest(cand.text)[:limit]]
        cand.variant_of, cand.evidence = _variant_of(cand, glossary, entry_lines, entry_neighbours)
    return sorted(found.values(), key=lambda c: (-c.count, c.first))


def _english(word: str, words: list[str], kind: str, dictionary: Dictionary, matcher) -> tuple[str, str]:
    """English for a name and where it comes from. A name the dictionary lacks is put together from its
    words: a dotted full name part by part (皮埃尔·杜兰德 → Pierre Dulande), an organization word by word,
    with the glossary's English for a registered part (中国|国家统计局 → China Guojiatongjiju)."""
    english = dictionary.english(word)
    if english:
        return english, "CC-CEDICT"
    parts = [p for p in re.split("[" + "".join(MIDDLE_DOTS) + "]", word) if p]
    if len(parts) == 1 and kind == "org" and len(words) > 1:
        parts = words
    elif len(parts) == 1 and kind == "org":
        # One word: a leading place the dictionary knows is translated (北京|建工集团 → Beijing Jiangongjituan).
        head = next((word[:n] for n in range(len(word) - 2, 1, -1) if dictionary.english(word[:n])), "")
        parts = [head, word[len(head):]] if head else parts
    if len(parts) > 1:
        known = [(matcher.entry_for(p).en if matcher.entry_for(p) else dictionary.english(p)) for p in parts]
        text = " ".join(k or romanize(p, "other") for k, p in zip(known, parts))
        return text, "CC-CEDICT" if all(known) else "pinyin guess"
    return romanize(word, kind), "pinyin guess"


class _Words:
    """A line's tokens by where they start and end, looked up by position instead of scanned per name."""

    def __init__(self, toks: list[tuple[int, int, str, str]]) -> None:
        self.toks = toks
        self.starts = [a for a, _, _, _ in toks]
        self.by_start: dict[int, list[str]] = defaultdict(list)
        self.by_end: dict[int, list[str]] = defaultdict(list)
        for a, b, word, _ in toks:
            self.by_start[a].append(word)
            self.by_end[b].append(word)

    def around(self, start: int, end: int) -> set[str]:
        # The content words right before and after a span: shared ones are shared context.
        near = {*self.by_end.get(start, ()), *self.by_start.get(end, ())}
        return {w for w in near if len(w) >= 2 and HAN.search(w)}

    def inside(self, start: int, end: int) -> list[str]:
        """The words of the tokens within [start, end), in order."""
        out = []
        for a, b, word, _ in self.toks[bisect_left(self.starts, start):]:
            if b > end:
                break
            out.append(word)
        return out


def _base(word: str, dictionary: Dictionary) -> str:
    # 南宁市 → 南宁, 太平洋地区 → 太平洋: the name a glossary row wants, when the dictionary knows it without the suffix.
    for suffix in ("地区", "市", "县", "省"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1 and word[: -len(suffix)] in dictionary.proper:
            return word[: -len(suffix)]
    return word


def _variant_of(cand: Candidate, glossary: Glossary, entry_lines: dict[str, dict[str, set[int]]],
                entry_neighbours: dict[str, set[str]]) -> tuple[Entry | None, str]:
    """The entry this candidate is another spelling of, only on strong evidence, and that evidence.

    Either the dictionary gives it the entry's own English (普丁 → Vladimir Putin) and the type agrees, or
    the pinyin is close, the type agrees, the context is shared, and the dictionary does not name it
    something else (巴基斯坦 is Pakistan, not a spelling of 塔吉克斯坦 Tajikistan)."""
    if cand.source == "CC-CEDICT":
        # Homonyms share an English (乔治亚州, the U.S. state, and 格鲁吉亚 are both Georgia): the reading must be near too.
        for entry, score in cand.closest:
            if (entry.type == cand.type and score >= DICTIONARY_PINYIN
                    and cand.english.casefold() in {r.casefold() for r in entry.accepted}):
                return entry, f"the dictionary gives it the same English, pinyin {score:.2f}"
    for entry, score in cand.closest:
        # Two-syllable names one syllable apart are usually different names (中澳, 中国); a variant spelling
        # of a transliteration keeps its first sound (托加耶夫/托卡耶夫, 普丁/普京, not 巴基斯坦/塔吉克斯坦).
        if score < VARIANT_PINYIN or entry.type != cand.type or len(cand.text) < 3:
            continue
        if cand.pinyin[:1] != pinyin_of(entry.zh)[:1]:
            continue
        if cand.source == "CC-CEDICT" and not _same_name(cand.english, entry):
            continue
        near = any(abs(n - m) <= CONTEXT_LINES for doc, numbers in cand.lines.items()
                   for n in numbers for m in entry_lines.get(entry.zh, {}).get(doc, ()))
        shared = cand.neighbours & entry_neighbours.get(entry.zh, set())
        if near or shared:
            why = f"pinyin {score:.2f}, same type, " + ("near it in the same document" if near else
                                                          "same neighbouring words: " + ", ".join(sorted(shared)[:3]))
            return entry, why
    return None, ""


def _same_name(english: str, entry: Entry) -> bool:
    # The same name, or the same surname (Erdogan / Recep Tayyip Erdoğan); China-Australia is not China.
    def last(text: str) -> str:
        words = re.findall(r"[^\W\d_]+", text.casefold())
        return words[-1] if words else ""

    return any(english.casefold() == form.casefold() or last(english) == last(form) for form in entry.accepted)


def suggestion_rows(candidates: list[Candidate]) -> str:
    """Candidate glossary rows for review, each with an [unreviewed: …] note naming the English's source.

    A candidate with strong evidence (see _variant_of) becomes a new variant of that entry (the row
    overrides the entry when loaded after the glossary); any other a new entry."""
    from zhen.terms.glossary import COLUMNS

    rows: dict[str, Entry] = {}
    for c in candidates:
        if c.variant_of is not None:
            base = rows.get(c.variant_of.zh, c.variant_of)
            note = f"[unreviewed: variant {c.text} suggested by zhen check corpus ×{c.count}: {c.evidence}]"
            rows[base.zh] = replace(base, variants=(*base.variants, c.text),
                                    note=(base.note + " " if base.note else "") + note)
        else:
            source = "English from CC-CEDICT" if c.source == "CC-CEDICT" else "English is a pinyin guess"
            rows[c.text] = Entry(c.text, c.english, c.type,
                                 note=f"[unreviewed: suggested by zhen check corpus ×{c.count}; {source}; review type]")
    return "\t".join(COLUMNS) + "\n" + "".join(e.to_row() + "\n" for e in rows.values())
