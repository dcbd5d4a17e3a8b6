"""`zhen check translation`: Xbench-style QA of a translation against its source and the glossary."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from zhen.errors import InputError
from zhen.terms.glossary import ENFORCED_TYPES, Entry, Glossary
from zhen.terms.match import Match, matcher_for
from zhen.terms.renderings import bounded, caseless, find_accepted, find_forms, first_words, fold, scan
from zhen.text.normalize import HAN
from zhen.text.read import read_source
from zhen.check import Finding
from zhen.check.names import ORG_SUFFIX, PLACE_SUFFIX, tokens
from zhen.check.numbers import compare as compare_numbers


@dataclass(frozen=True)
class Segment:
    """An aligned source/target pair and where it is."""

    file: str
    line: int
    source: str
    target: str


def read_segments(source: str | Path, target: str | Path | None) -> list[Segment]:
    """Paragraph-aligned text files (line N ↔ line N), or as SOURCE alone translate's jsonl output or a
    bilingual file (XLIFF, TMX, PO: each translated unit, named FILE#UNIT-ID)."""
    if target is None:
        from zhen.formats.base import detect

        kind = detect(str(source))
        if kind is not None and kind.kind == "bilingual":
            return [Segment(f"{source}#{unit.id}", unit.line, unit.source.text, unit.target.text)
                    for unit in kind.open(Path(source)).units() if unit.target is not None and unit.translated]
        if not str(source).endswith(".jsonl"):
            raise InputError(f"{source}: give a TARGET file, or translate's --format jsonl output, or an XLIFF, TMX or PO file")
        segments = []
        for number, line in enumerate(read_source(source).text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                segments.append(Segment(str(source), number, record["source"], record["target"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(f"{source}:{number}: not a translate --format jsonl record") from None
        return segments
    src_lines = read_source(source).text.splitlines()
    tgt_lines = read_source(target).text.splitlines()
    # A trailing signature line ([zhen: …]) from translate's text output is not a paragraph.
    while tgt_lines and (not tgt_lines[-1].strip() or tgt_lines[-1].startswith("[zhen: ")) and len(tgt_lines) > len(src_lines):
        tgt_lines.pop()
    if len(src_lines) != len(tgt_lines):
        raise InputError(f"{target}: {len(tgt_lines)} lines, but {source} has {len(src_lines)}; files must be paragraph-aligned")
    return [Segment(str(target), n, s, t) for n, (s, t) in enumerate(zip(src_lines, tgt_lines), start=1)
            if s.strip() or t.strip()]


# Two translations of one short line (你好 → Hello / Hi) are both right; a repeated segment is worth
# comparing whole only when it is long enough to be real content, and a short one by its glossary terms.
CONSISTENCY_MIN_HAN = 20
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Strokes of the CJK block that news uses as separators and bullets (标题丨副标题, 丶): marks, not text.
STROKES = "丨丶丿乀乁乚亅"
HAN_WORDS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,16}")  # the words right after a place


def _han_left(target: str) -> re.Match[str] | None:
    """The first run of Han characters in the English that is text, not a run of separator strokes."""
    return next((m for m in HAN_RUN.finditer(target) if m.group(0).strip(STROKES)), None)


def check_translation(segments: list[Segment], glossary: Glossary,
                      progress: Callable[[int, int], None] | None = None) -> list[Finding]:
    """Missing glossary terms, avoid-renderings, Han left in English, number mismatches, inconsistency.
    progress, if given, is called now and then with the source characters done and in all.

    Segments of one file are one document: a term its earlier segments rendered may be left out or
    shortened later ("the Post", "the company"), which is information, not an error."""
    findings: list[Finding] = []
    rendered_before: dict[str, set[str]] = {}
    matcher = matcher_for(glossary)
    first_whole: dict[str, tuple[str, Segment]] = {}
    first_terms: dict[str, tuple[tuple[tuple[str, str], ...], Segment]] = {}
    total, done = sum(len(seg.source) for seg in segments), 0
    for seg in segments:
        def add(kind: str, column: int, message: str) -> None:
            findings.append(Finding(seg.file, seg.line, column, kind, message))

        matches = matcher.find(seg.source)
        # Once per term, not per occurrence: each search reads the whole target.
        rendered: dict[str, list[tuple[int, int]]] = {}
        for m in matches:
            if m.entry.zh not in rendered:
                rendered[m.entry.zh] = accepted_spans(seg.target, m.entry)
                if progress:  # within a long line, by where its terms are
                    progress(done + m.start, total)
        earlier = rendered_before.setdefault(seg.file, set())
        for column, kind, message in term_problems(seg.source, seg.target, matches, glossary, rendered, earlier):
            add(kind, column, message)
        earlier.update(zh for zh, spans in rendered.items() if spans)
        han = _han_left(seg.target)
        if han:
            add("untranslated-han", han.start() + 1, f"Han characters left in the English: {han.group(0)}")
        for column, kind, message in number_problems(seg.source, seg.target):
            add(kind, column, message)
        key = seg.source.strip()
        if len(HAN.findall(key)) >= CONSISTENCY_MIN_HAN:
            whole = _comparable(seg.target)
            if key in first_whole and first_whole[key][0] != whole:
                other = first_whole[key][1]
                add("inconsistent-translation", 1, f"same source as {other.file}:{other.line}, translated "
                    f"{_clip(other.target)!r} there and {_clip(seg.target)!r} here")
            first_whole.setdefault(key, (whole, seg))
        elif matches:
            # A short segment is compared only by how it renders its terms: Hello / Hi are both right.
            terms = _term_renderings(seg.target, rendered)
            if key in first_terms and first_terms[key][0] != terms:
                other, before = first_terms[key][1], first_terms[key][0]
                differs = "; ".join(f"{zh} rendered {_shown(a)} there and {_shown(b)} here"
                                    for (zh, a), (_, b) in zip(before, terms) if a != b)
                add("inconsistent-translation", 1, f"same source as {other.file}:{other.line}, {differs}")
            first_terms.setdefault(key, (terms, seg))
        done += len(seg.source)
        if progress:
            progress(done, total)
    return findings


def _term_renderings(target: str, rendered: dict[str, list[tuple[int, int]]]) -> tuple[tuple[str, str], ...]:
    """(term, the English that renders it in target, casefolded; '' when none does) for each term of the source."""
    return tuple(sorted((zh, target[spans[0][0]:spans[0][1]].casefold() if spans else "") for zh, spans in rendered.items()))


def term_problems(source: str, target: str, matches: list[Match], glossary: Glossary,
                  rendered: dict[str, list[tuple[int, int]]], earlier: frozenset[str] | set[str] = frozenset()
                  ) -> list[tuple[int, str, str]]:
    """(column, kind, message) for each glossary term of the source whose accepted English the target lacks
    and each avoid-rendering used: one finding per defect, of the kind that says what is wrong. rendered holds
    each term's accepted_spans in the target; earlier, the terms the document's earlier segments rendered."""
    problems: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for m in matches:
        entry = m.entry
        if entry.zh in seen or _byline(source, m.start, entry):
            continue
        seen.add(entry.zh)
        accepted = rendered[entry.zh]
        inside = _containment(accepted)
        avoided = [(a, b) for a, b in find_forms(target, entry.avoid, caseless(entry))
                   # An avoided form inside an accepted one (avoid 'Kazakh', accept 'Kazakh people') is not a use of it.
                   if not inside(a, b)]
        for a, b in avoided:
            problems.append((a + 1, "avoid-rendering", f"{target[a:b]!r} is to be avoided; use {entry.en!r} ({entry.zh})"))
        if accepted or avoided:
            continue
        expected = f"{m.text} → expected {_alternatives(entry)} in the target"
        recased = [] if caseless(entry) else [(f, span) for f in entry.accepted if not f.isupper()
                                               for span in find_forms(target, (f,), True)[:1]]
        if recased:
            form, (a, b) = recased[0]
            problems.append((m.start + 1, "term-case", f"{m.text} → {target[a:b]!r} is written with other capitals "
                             f"than {form!r}"))
        elif entry.type == "place" and entry.enforced and (qualified := _qualified_name(source, m.start, m.end, glossary)):
            problems.append((m.start + 1, "missing-term-in-name", f"{expected}; it is part of the name {qualified}, "
                             "which English often gives without it"))
        elif entry.zh in earlier:
            problems.append((m.start + 1, "missing-later-mention", f"{expected}; the document gave it before, "
                             "and a later mention may be shortened or left out"))
        else:
            problems.append((m.start + 1, _missing_kind(entry), expected))
    return problems


def _missing_kind(entry: Entry) -> str:
    # A name is required; generic vocabulary (记者 → "said in an interview with …") often is rightly left out, so
    # its absence is information, unless the entry asks to be enforced; a name the glossary leaves unforced
    # because its English depends on context (国防部) is still worth a look.
    if entry.enforced:
        return "missing-term"
    return "missing-check-only-name" if entry.type in ENFORCED_TYPES else "missing-check-only-term"


def _containment(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether [a, b) lies inside one of the spans (sorted by start): the furthest end among those starting
    at or before a, found by bisection instead of a scan of every span."""
    starts = [x for x, _ in spans]
    furthest = list(accumulate((y for _, y in spans), max))
    return lambda a, b: (i := bisect_right(starts, a)) > 0 and furthest[i - 1] >= b


def _place(word: str, tag: str, glossary: Glossary) -> bool:
    # jieba tags common nouns such as 城市 as places too: a place is one the glossary has, or a name of three
    # characters or more with a place's suffix (北达科他州, 苏拉威西岛).
    entry = matcher_for(glossary).entry_for(word)
    return (entry is not None and entry.type == "place") or (tag == "ns" and len(word) >= 3 and word.endswith(PLACE_SUFFIX))


def _byline(source: str, start: int, entry: Entry) -> bool:
    # A news byline, （记者 邰晓安） or (记者X), names its author: English writes "reported by" or "by".
    # The character before the match, spaces skipped, is read in place: a copy of the text before it per
    # match would cost the square of a long line.
    if entry.enforced or entry.type != "role":
        return False
    while start > 0 and source[start - 1].isspace():
        start -= 1
    return source[start - 1:start] in ("（", "(")


# The last word of an institution's name (日本伊藤忠商事, 美国食品药物管理局, 印尼救灾署): a place right
# before such a name belongs to it, and English names the institution by its own name (Itochu, the FDA).
# So does a country before one of its own places (美国北达科他州 → North Dakota).
NAME_HEADS = (*ORG_SUFFIX, "署", "处", "室", "所", "会", "中心", "机构", "商事", "药业", "周刊", "网", "台")  # 中国经济网 (ce.cn)
NAME_TAGS = ("n", "j", "vn", "b")  # nouns of every kind (nr, ns, nt, nz …), abbreviations, attributive words


def _qualified_name(source: str, start: int, end: int, glossary: Glossary) -> str | None:
    """The name that the place at source[start:end] begins, if the words right after it make an institution's
    name, a publication's title (英国《简氏防务周刊》) or a place within it; None when it stands on its own."""
    if source[end:end + 1] == "《":
        close = source.find("》", end)
        return source[start:close + 1] if close > end else None
    window = HAN_WORDS.match(source, end)
    if window is None:
        return None
    name_end = None
    for i, (_, stop, word, tag) in enumerate(tokens(window.group(0), glossary)):
        if not tag.startswith(NAME_TAGS):
            break
        if tag == "nt" or word.endswith(NAME_HEADS) or (i == 0 and _place(word, tag, glossary)):
            name_end = end + stop
    return source[start:name_end] if name_end else None


# Regular English inflection is not a different rendering: plurals and adjectives of common nouns
# (journalists, presidential), the adjective or people of a one-word place (Russian, Europeans, Asian,
# German: the name less a final vowel or y, plus a short suffix), a currency's symbol before an amount
# ($5, £1.35bn), and the initials of a name of several words (UN).
PLURAL = r"(?:s|es|ial)"  # journalists, presidential
GENTILIC = r"(?:n|an|ean|ian|ese|ns|ans|eans|ians|i|is|s|in|ins|ien|iens|ois|ic)"
NAME_GENTILIC = r"(?:ian|ians|nian|nians|an|ans|n|ns|er|ers|ic|ese|i|is)"  # after the whole name: Ghanaian, Icelander
_JOIN = r"[\s\-]+"
CURRENCY_SYMBOLS = {"dollar": r"(?:US|A|C|HK|NZ|S)?\$", "pound": "£", "euro": "€", "yen": "¥", "yuan": "¥"}


def accepted_spans(target: str, entry: Entry) -> list[tuple[int, int]]:
    """Where the target renders the entry: its accepted English (find_accepted), inflected, or by initials."""
    return sorted(set(find_accepted(target, entry)) | set(_inflected(target, entry)))


def _inflected(target: str, entry: Entry) -> list[tuple[int, int]]:
    forms: list[str] = []
    words: list[str] = []  # what each of forms starts with, for scan
    symbols: list[str] = []
    if caseless(entry):
        words += [f for f in entry.accepted if f[-1:].isalpha()]
        words += [f[:-1] for f in entry.accepted if f.endswith("s") and len(f) > 3]
        forms += [re.escape(f) + PLURAL for f in entry.accepted if f[-1:].isalpha()]
        forms += [re.escape(f[:-1]) for f in entry.accepted if f.endswith("s") and len(f) > 3]
    if entry.type == "place":
        for name in entry.renderings:
            gentilics = _gentilics(name)
            forms += gentilics
            # Every gentilic starts with the name's first word or a stem of three letters or more of it.
            words += [part.split()[0][:3] for part in name.split(" and ") if gentilics and part.split()]
    if entry.type == "currency":
        for word, symbol in CURRENCY_SYMBOLS.items():
            if word in entry.en.casefold():
                symbols.append(symbol + r"(?=\s?\d)")
    # The same word boundary as every other rendering (zhen.terms.renderings.bounded), on the folded text.
    alternatives = [bounded("(?:" + "|".join(forms) + ")", "A", "a")] if forms else []
    alternatives += [bounded(symbol, "A", "$") for symbol in symbols]
    spans: list[tuple[int, int]] = []
    if alternatives:
        regex = re.compile("|".join(alternatives), re.IGNORECASE if caseless(entry) else 0)
        keys = first_words(words) if not symbols else None
        spans += scan(regex, target, keys)
    acronyms = [a for r in entry.renderings for a in _acronyms(r)] if entry.type != "person" else []
    if acronyms:
        spans += find_forms(target, tuple(acronyms), False)
    spans += _glued_acronyms(target, entry)
    if entry.type != "person" and not caseless(entry):
        spans += _with_year(target, entry)
    return sorted(spans)


# A name's capitals glued to an amount (USD1 billion, KZT500) or written as a web address in any case
# (ECNS: Ecns.cn, ecns.cn): the same name, which whole-word, case-sensitive matching misses.
WEB_SUFFIX = r"\.(?:cn|com|net|org|kz|ru|uz|kg|tj)\b"


def _glued_acronyms(target: str, entry: Entry) -> list[tuple[int, int]]:
    capitals = [f for f in entry.accepted if len(f) >= 3 and f.isalpha() and f.isupper()]
    if not capitals:
        return []
    forms = "|".join(re.escape(f) for f in capitals)
    glued = rf"(?<![A-Za-z])(?:{forms})(?=\d)|(?<![A-Za-z.])(?i:{forms})(?={WEB_SUFFIX})"
    return [m.span() for m in re.finditer(glued, target)]


def _with_year(target: str, entry: Entry) -> list[tuple[int, int]]:
    """A name of several words with a year or edition number inside it (Beijing 2022 Winter Olympics)."""
    spans: list[tuple[int, int]] = []
    for form in entry.accepted:
        words = form.split()
        if len(words) < 2:
            continue
        for cut in range(1, len(words)):
            regex = (re.escape(" ".join(words[:cut])) + r"\s+\d{1,4}(?:st|nd|rd|th)?\s+" + re.escape(" ".join(words[cut:])))
            spans += [m.span() for m in re.finditer(bounded(regex, form[0], form[-1]), fold(target))]
    return spans


def _gentilics(name: str) -> list[str]:
    """Regexes for the adjective and people of a place (Russian, Singaporean, Maldivian, Bahamian, Kazakh,
    Costa Rican, Cook Islanders, Dominican): the last word's stem with a gentilic suffix, the words before kept."""
    if " and " in name:  # Trinidad and Tobago → Trinidadian, Antigua and Barbuda → Antiguan, Barbudan
        return [f for part in name.split(" and ") for f in _gentilics(part)]
    head, _, last = name.rpartition(" ")
    prefix = re.escape(head) + _JOIN if head else ""
    forms: list[str] = []
    if head and last in ("Republic", "Federation", "Islands", "Island"):
        # Dominican Republic → Dominican; Cook Islands → Cook Islanders, Cayman Islands → Caymanian
        forms.append(re.escape(head) + (_JOIN + "Islanders?" if last.startswith("Island") else ""))
        if last.startswith("Island") and head.isalpha():
            forms += _gentilics(head)
        return forms
    if not (last.isalpha() and last[:1].isupper()):
        return forms
    stems = {last[:-1] if last[-1] in "aeiouy" else last}
    if last.endswith("s") and len(last) > 5:
        stems.add(re.sub(r"[aeiou]?s$", "", last))  # Maldives → Maldiv-ian, Bahamas → Baham-ian, Honduras → Hondur-an
    if last.endswith("stan") and len(last) >= 9:
        stems.add(last[:-4])  # Kazakhstan → Kazakh, Uzbekistan → Uzbeki(stan): the people's own name
    for stem in sorted(stems):
        # A stem of four letters or more also stands alone (German); a shorter one only with a suffix (Asian).
        if len(stem) >= 3:
            forms.append(prefix + re.escape(stem) + GENTILIC + ("?" if len(stem) >= 4 and stem != last else ""))
    if len(last) >= 4:
        forms.append(prefix + re.escape(last) + NAME_GENTILIC)  # Ghana-ian, Panama-nian, Uruguay-an, Iceland-er
    return forms


def _acronyms(name: str) -> list[str]:
    # A name of two or more capitalized words is also written by its initials, with or without points
    # (United Nations → UN, U.N.; United States → US, U.S.; Belt and Road Initiative → BRI), in capitals only.
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w not in ("and", "of", "the", "for")]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return []
    initials = "".join(w[0] for w in words)
    return [initials, ".".join(initials) + "."]


def number_problems(source: str, target: str) -> list[tuple[int, str, str]]:
    """(column, kind, message) for each number of the source the target lacks, each number of the target
    the source does not give, and each near miss (441 billion for 44.1 billion): zhen.check.numbers."""
    if not HAN.search(source):
        return []
    return [(issue.column, issue.kind, issue.message) for issue in compare_numbers(source, target)]


def _alternatives(entry: Entry) -> str:
    preferred = " or ".join(repr(r) for r in entry.renderings)
    admitted = [a for a in entry.admitted if a not in entry.renderings]
    shown = ", ".join(repr(a) for a in admitted[:4]) + (" …" if len(admitted) > 4 else "")
    return preferred + (f" (or admitted {shown})" if admitted else "")


def _comparable(text: str) -> str:
    # Case, spacing and closing punctuation are not a different translation.
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?。\"'”’ ").casefold()


def _shown(rendering: str) -> str:
    return repr(rendering) if rendering else "not at all"


def _clip(text: str, width: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"
