"""The glossary constraint: which renderings a sentence requires, whether the output has them, and how the
missing ones are put in: substituted for the model's own rendering at the aligned output words, or, where
nothing aligns, forced through a target prefix (any Tokenizer, any prefix-capable decoder)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from zhen.terms.glossary import Entry
from zhen.terms.match import TermMatcher
from zhen.terms.renderings import find_accepted, find_form
from zhen.mt.backend import Hypothesis, Tokenizer
from zhen.text.normalize import Normalized

MODEL, FORCED, MISSING = "model", "forced", "missing"
# Check-only entries (generic vocabulary) are never forced: their statuses only say whether a preferred
# or admitted rendering is there.
CHECKED, UNCHECKED = "check-only", "check-only-missing"
ATTENTION_DIGITS = 3


@dataclass
class Term:
    """A glossary term in a source sentence and the English this occurrence must be rendered as."""

    entry: Entry
    en: str
    text: str
    start: int
    end: int
    source: str = ""  # the occurrence as the model reads it (normalized), where text is as the user wrote it
    # A name inside a check-only phrase (克里姆林宫 in 亲克里姆林宫): the index of the phrase's term in
    # the sentence, and the phrase's Chinese.
    within: int | None = None
    outer: str = ""

    @property
    def enforced(self) -> bool:
        """Whether translation forces this term (names) or only checks it (generic vocabulary)."""
        return self.entry.enforced

    def as_dict(self, status: str) -> dict:
        found = {"zh": self.entry.zh, "en": self.en, "text": self.text, "status": status}
        if self.outer:
            found["within"] = self.outer
        return found


def required_terms(norm: Normalized, matcher: TermMatcher, seen: set[str]) -> list[Term]:
    """Terms of one sentence; an entry's first mention in a document takes its full form.

    A check-only phrase that carries an enforced name (亲克里姆林宫, pro-Kremlin) brings that name as a
    term of its own, asked for in the rendering the phrase's English gives it ('Kremlin')."""
    terms = []
    # The Normalized carries what the user wrote, so Taiwan and Hong Kong forms (哈薩克@tw) match too.
    for start, end, entry in matcher.find_normalized(norm.text, norm):
        en = entry.subsequent_mention() if entry.zh in seen else entry.first_mention()
        seen.add(entry.zh)
        o_start, o_end = norm.to_original(start, end)
        terms.append(Term(entry, en, norm.original[o_start:o_end], start, end, norm.text[start:end]))
        if entry.enforced:
            continue
        phrase = len(terms) - 1
        for a, b, name, rendering in matcher.inner_names(norm.text[start:end], entry):
            o_start, o_end = norm.to_original(start + a, start + b)
            terms.append(Term(name, rendering, norm.original[o_start:o_end], start + a, start + b,
                              norm.text[start + a:start + b], within=phrase, outer=entry.zh))
    return terms


def locate(text: str, terms: list[Term]) -> dict[int, tuple[int, int]]:
    """[start, end) in text of a preferred or admitted rendering of each term, as a whole word; each
    occurrence is used once, longest renderings first, so 'Tokayev' is not counted inside
    'Kassym-Jomart Tokayev' and two mentions need two renderings."""
    work = text
    found: dict[int, tuple[int, int]] = {}
    # What is left of each found phrase's rendering for the names inside it ('pro-Kremlin' for 克里姆林宫).
    inside: dict[int, str] = {}
    # Enforced names claim their renderings before check-only vocabulary does: 哈方 (the Kazakh side)
    # admits 'Kazakhstan', but that word belongs to 哈萨克斯坦 when the sentence has both. The names
    # inside a phrase come last, and look first inside the phrase's rendering.
    order = sorted(range(len(terms)), key=lambda i: (terms[i].within is not None, not terms[i].enforced, -len(terms[i].en)))
    for i in order:
        term, phrase = terms[i], terms[i].within
        if phrase is not None and phrase in found:
            a, b = found[phrase]
            claimed = _claim(inside.setdefault(phrase, " " * a + text[a:b]), term)
            if claimed is not None:
                found[i], inside[phrase] = claimed
                continue
        claimed = _claim(work, term)
        if claimed is not None:
            found[i], work = claimed
    return found


def _claim(text: str, term: Term) -> tuple[tuple[int, int], str] | None:
    """Where in text the term's rendering is, and text with it masked; None when it is not there."""
    # The rendering this occurrence asks for, where it is there; else the longest accepted one, then
    # the leftmost: 中亚地区 takes 'Central Asian region' and leaves its admitted 'Central Asia' to 中亚,
    # and 美国国务院 takes 'State Department', not its admitted 'U.S. State Department' when the
    # 'U.S.' beside it renders 美国.
    spans = find_form(text, term.en, term.entry) or find_accepted(text, term.entry)
    if not spans:
        return None
    start, end = max(spans, key=lambda span: (span[1] - span[0], -span[0]))
    # Masked with NUL, a non-word character: positions stay, and no later form matches there.
    return (start, end), text[:start] + "\0" * (end - start) + text[end:]


def mark(text: str, terms: list[Term], forced: set[int] | frozenset[int] = frozenset()) -> tuple[str, ...]:
    """Each term's status in the final text: rendered by the model, forced, or missing; for check-only
    terms, whether an accepted rendering is there."""
    found = locate(text, terms)
    return tuple(
        ((FORCED if i in forced else MODEL) if i in found else MISSING) if term.enforced
        else (CHECKED if i in found else UNCHECKED)
        for i, term in enumerate(terms)
    )


def _token_starts(tokens: list[str], tokenizer: Tokenizer) -> list[int]:
    starts, pos = [], 0
    for token in tokens:
        starts.append(pos)
        pos += len(tokenizer.detokenize([token]))
    starts.append(pos)
    return starts


def _rows(hyp: Hypothesis, spans: list[tuple[int, int]]) -> list[list[float]]:
    """The output tokens' attention over the source pieces, made independent of the batch.

    A sentence's English must not depend on which sentences share its batch (local windows and Ray
    blocks batch differently). CTranslate2's attention for the first decoding step changes with the
    batch's padding, and later steps differ in the last bits: the first row is replaced and the rest
    rounded. Leaving the first row empty would leave a sentence-initial name ('London is ...')
    unaligned, and a word elsewhere replaced instead; sentences start together, so the first output
    word is taken to align with the first source piece that covers text — not SentencePiece's bare
    '▁' word start, which covers none — a prior that reads nothing from the batch."""
    rows = [[round(value, ATTENTION_DIGITS) for value in row] for row in (hyp.attention or [])[: len(hyp.tokens)]]
    if rows:
        first = next((s for s, (a, b) in enumerate(spans) if b > a), 0)
        rows[0] = [1.0 if s == first else 0.0 for s in range(len(rows[0]))]
    return rows


def _source(term: Term, spans: list[tuple[int, int]]) -> set[int]:
    return {s for s, (a, b) in enumerate(spans) if a < term.end and b > term.start}


def _aligned_span(term: Term, spans: list[tuple[int, int]], hyp: Hypothesis) -> tuple[int, int]:
    # The output tokens that attend most to the term's source pieces; appended at the end if unknown.
    source = _source(term, spans)
    if not hyp.attention or not source or not hyp.tokens:
        return len(hyp.tokens), len(hyp.tokens)
    rows = _rows(hyp, spans)
    mass = [round(sum(row[s] for s in source if s < len(row)), ATTENTION_DIGITS) for row in rows]
    best = max(range(len(rows)), key=mass.__getitem__)

    def aligned(t: int) -> bool:
        return max(range(len(rows[t])), key=rows[t].__getitem__) in source

    left, right = best, best + 1
    while left > 0 and aligned(left - 1):
        left -= 1
    while right < len(rows) and aligned(right):
        right += 1
    return left, right


def _word_span(term: Term, spans: list[tuple[int, int]], hyp: Hypothesis) -> tuple[int, int] | None:
    """Output tokens aligned with the term's source pieces, widened to whole words; None when unknown."""
    source = _source(term, spans)
    rows = _rows(hyp, spans)
    if not rows or not source:
        return None
    mass = [round(sum(row[s] for s in source if s < len(row)), ATTENTION_DIGITS) for row in rows]
    best = max(range(len(rows)), key=mass.__getitem__)
    if mass[best] <= 0:
        return None
    tokens = hyp.tokens
    if term.enforced:
        # A name's own rendering is a capitalized word: when one gets a fair share of the attention, it is
        # the one to replace, not the function word beside it that the attention peaked on.
        names = [t for t in range(1, len(rows)) if tokens[t].startswith("▁") and tokens[t][1:2].isupper()]
        if names:
            top = max(names, key=mass.__getitem__)
            if mass[top] >= 0.3 * mass[best]:
                best = top

    def aligned(t: int) -> bool:
        return any(rows[t]) and max(range(len(rows[t])), key=rows[t].__getitem__) in source

    def wordy(t: int) -> bool:
        return tokens[t].lstrip("▁")[:1].isalnum()

    def joins(t: int) -> bool:
        # A neighbouring word aligned with the term is part of its rendering; for a name only a
        # capitalized one ('Vladimir Putin') or a script without case (a copied 普 京), never the
        # lower-case verb after it that still looks at the name.
        return wordy(t) and aligned(t) and (not term.enforced or not tokens[t].lstrip("▁")[:1].islower())

    left, right = best, best + 1
    while True:
        # Whole words only: pieces inside a word belong to it; then neighbouring words that align too.
        while left > 0 and not tokens[left].startswith("▁") and wordy(left - 1):
            left -= 1
        while right < len(tokens) and not tokens[right].startswith("▁") and wordy(right):
            right += 1
        if left > 0 and joins(left - 1):
            left -= 1
        elif right < len(tokens) and joins(right):
            right += 1
        else:
            break
    # Punctuation the alignment caught stays the model's.
    while right > left + 1 and not wordy(right - 1):
        right -= 1
    if not any(wordy(t) for t in range(left, right)):
        return None
    return left, right


# A run of capitalized words (a name), with a possessive left out: 'Tom' in "Tom's.".
_NAME_RUN = re.compile(r"(?<![^\W_])[A-Z][\w-]*(?: [A-Z][\w-]*)*(?:['’]s\b)?")
_NOT_NAMES = {"I"}


def own_names(alone: str) -> list[str]:
    """The names in what a model made of a name alone: the whole output where it is one capitalized run
    ('Tokayev'); else the capitalized runs that are not merely its first word ('It's Tom.' → Tom), or that
    come back ('Tokyo is in Tokyo.' → Tokyo). A small model answers a bare name with a sentence."""
    runs = [(m.start(), re.sub(r"['’]s$", "", m.group())) for m in _NAME_RUN.finditer(alone)]
    names = []
    for start, run in runs:
        rest = alone.replace(run, "", 1).strip(" .!?'’s")
        if run in _NOT_NAMES or run in names:
            continue
        if start > 0 or not rest or sum(r == run for _, r in runs) > 1:
            names.append(run)
    return names


def _own_span(tokenizer: Tokenizer, hyp: Hypothesis, alone: str) -> tuple[int, int] | None:
    """The output tokens of the model's own rendering of a name (a name in what it makes of the name
    alone) where the output has it exactly once, as whole words on token boundaries; None otherwise."""
    starts = _token_starts(hyp.tokens, tokenizer)
    text = tokenizer.detokenize(hyp.tokens)
    for name in own_names(alone):
        found = [m.span() for m in re.finditer(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", text)]
        if len(found) != 1:
            continue
        begin, end = found[0]
        a = max(t for t in range(len(hyp.tokens)) if starts[t] <= begin)
        if not text[starts[a]:begin].strip() and end in starts:
            return a, starts.index(end)
    return None


def substitute(tokenizer: Tokenizer, spans: list[tuple[int, int]], hyp: Hypothesis, terms: list[Term],
               missing: list[int], own: Mapping[str, str] | None = None) -> str | None:
    """The output with each missing term's English put in place of the model's own rendering, with no
    second decode: the model's continuation was decoded after its own word, so it neither repeats the name
    nor stops short. The model's own rendering is what it makes of the name alone (`own`, by the term's
    source text) where the output has that once; else the words aligned with the name. None where a term
    has neither, two terms take overlapping words, or a replacement would take away another term's rendering."""
    found = locate(tokenizer.detokenize(hyp.tokens), terms)
    # A name missing inside a phrase whose rendering is missing too is put in with the phrase's English,
    # which carries it ('pro-Kremlin' for the whole of 亲克里姆林宫), rather than the bare name in its place.
    slots = list(dict.fromkeys(phrase if (phrase := terms[i].within) is not None and phrase not in found else i
                               for i in missing))
    ordered: list[tuple[tuple[int, int], int]] = []
    for i in slots:
        own_words = own.get(terms[i].source) if own else None
        cut = (_own_span(tokenizer, hyp, own_words) if own_words else None) or _word_span(terms[i], spans, hyp)
        if cut is not None:
            ordered.append((cut, i))
    ordered.sort()
    if len(ordered) < len(slots) or any(a[0][1] > b[0][0] for a, b in zip(ordered, ordered[1:])):
        return None
    text, cursor = "", 0
    for (a, b), i in ordered:
        text = text + tokenizer.detokenize(hyp.tokens[cursor:a])
        text = text.rstrip(" ") + " " + terms[i].en
        cursor = b
    rest = tokenizer.detokenize(hyp.tokens[cursor:])
    # A model may go on with a word-internal piece where its own word ended; the glossary's English
    # stays a word of its own.
    text = (text + (" " if rest[:1].isalnum() else "") + rest).strip()
    if MISSING in mark(text, terms, set(missing)):
        return None
    return text


@dataclass
class Repair:
    """A target prefix that holds every term of the sentence, and the final text parts it stands for."""

    prefix: list[str]
    parts: list[str]
    forced: set[int]
    part_forced: list[bool]

    def finish(self, hyp: Hypothesis, tokenizer: Tokenizer) -> str:
        """Final text: the literal prefix parts, then whatever the model decoded after the prefix."""
        text = ""
        glue = False
        for part, forced in [*zip(self.parts, self.part_forced), (tokenizer.detokenize(hyp.tokens[len(self.prefix):]), False)]:
            # A model may continue a forced name with a word-internal piece ('Russia' + 'poli'); the
            # forced rendering stays a word of its own.
            if glue and part[:1].isalnum():
                part = " " + part
            text += part
            glue = forced or (glue and not part)
        return text.strip()


def plan_repair(tokenizer: Tokenizer, spans: list[tuple[int, int]], hyp: Hypothesis, terms: list[Term]) -> Repair:
    """Keep the model's output up to each term's aligned position, put the glossary rendering there
    (or keep the model's own where it has it), and end the prefix after the last term."""
    detokenize = tokenizer.detokenize
    raw = detokenize(hyp.tokens)
    starts = _token_starts(hyp.tokens, tokenizer)
    found = locate(raw, terms)
    anchors = []
    for i, term in enumerate(terms):
        if not term.enforced:
            continue
        if i in found:
            begin, end = found[i]
            a = next(t for t in range(len(hyp.tokens)) if starts[t + 1] > begin)
            b = next(t for t in range(a, len(hyp.tokens)) if starts[t + 1] >= end) + 1
            anchors.append((a, b, i, False))
        else:
            a, b = _aligned_span(term, spans, hyp)
            anchors.append((a, b, i, True))
    prefix: list[str] = []
    parts: list[str] = []
    part_forced: list[bool] = []
    forced: set[int] = set()
    cursor = 0
    for a, b, i, force in sorted(anchors):
        start = max(a, cursor)
        prefix += hyp.tokens[cursor:start]
        parts.append(detokenize(hyp.tokens[cursor:start]))
        part_forced.append(False)
        # A model rendering that overlaps a span already replaced cannot be copied whole: force it too.
        if force or a < cursor:
            prefix += tokenizer.encode_target(terms[i].en)
            parts.append(" " + terms[i].en)
            part_forced.append(True)
            forced.add(i)
            cursor = max(b, start)
        else:
            prefix += hyp.tokens[start:b]
            parts.append(detokenize(hyp.tokens[start:b]))
            part_forced.append(False)
            cursor = b
    return Repair(prefix, parts, forced, part_forced)
