"""The glossary constraint: which renderings a sentence requires, whether the output has them,
and a repair that forces the missing ones through a target prefix (any Tokenizer, any prefix-capable decoder)."""

from __future__ import annotations

from dataclasses import dataclass

from zhen.terms.glossary import Entry
from zhen.terms.match import TermMatcher
from zhen.terms.renderings import find_accepted
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

    @property
    def enforced(self) -> bool:
        """Whether translation forces this term (names) or only checks it (generic vocabulary)."""
        return self.entry.enforced

    def as_dict(self, status: str) -> dict:
        return {"zh": self.entry.zh, "en": self.en, "text": self.text, "status": status}


def required_terms(norm: Normalized, matcher: TermMatcher, seen: set[str]) -> list[Term]:
    """Terms of one sentence; an entry's first mention in a document takes its full form."""
    terms = []
    # The Normalized carries what the user wrote, so Taiwan and Hong Kong forms (哈薩克@tw) match too.
    for start, end, entry in matcher.find_normalized(norm.text, norm):
        en = entry.subsequent_mention() if entry.zh in seen else entry.first_mention()
        seen.add(entry.zh)
        o_start, o_end = norm.to_original(start, end)
        terms.append(Term(entry, en, norm.original[o_start:o_end], start, end))
    return terms


def locate(text: str, terms: list[Term]) -> dict[int, tuple[int, int]]:
    """[start, end) in text of a preferred or admitted rendering of each term, as a whole word; each
    occurrence is used once, longest renderings first, so 'Tokayev' is not counted inside
    'Kassym-Jomart Tokayev' and two mentions need two renderings."""
    work, found = text, {}
    # Enforced names claim their renderings before check-only vocabulary does: 哈方 (the Kazakh side)
    # admits 'Kazakhstan', but that word belongs to 哈萨克斯坦 when the sentence has both.
    for i in sorted(range(len(terms)), key=lambda i: (not terms[i].enforced, -len(terms[i].en))):
        spans = find_accepted(work, terms[i].entry)
        if spans:
            # The longest rendering, then the leftmost: 中亚地区 takes 'Central Asian region' and leaves
            # its admitted 'Central Asia' to 中亚 in the same sentence.
            start, end = max(spans, key=lambda span: (span[1] - span[0], -span[0]))
            found[i] = (start, end)
            # Masked with NUL, a non-word character: positions stay, and no later form matches there.
            work = work[:start] + "\0" * (end - start) + work[end:]
    return found


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


def _aligned_span(term: Term, spans: list[tuple[int, int]], hyp: Hypothesis) -> tuple[int, int]:
    # The output tokens that attend most to the term's source pieces; appended at the end if unknown.
    source = {s for s, (a, b) in enumerate(spans) if a < term.end and b > term.start}
    if not hyp.attention or not source or not hyp.tokens:
        return len(hyp.tokens), len(hyp.tokens)
    # A sentence's English must not depend on which sentences share its batch (local windows and Ray
    # blocks batch differently). CTranslate2's attention for the first decoding step changes with the
    # batch's padding, and later steps differ in the last bits: the first row is left out and the rest
    # rounded.
    rows = [[round(value, ATTENTION_DIGITS) for value in row] for row in hyp.attention[: len(hyp.tokens)]]
    rows[0] = [0.0] * len(rows[0])
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
