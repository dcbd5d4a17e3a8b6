#!/usr/bin/env python3
"""Enforcement quality on a model that has learned something: the Tatoeba model of
scripts/train_small_model.py, its test split, and two glossaries in the WMT terminology-task style.

    .venv/bin/python bench/bench_enforce.py [--model-dir ../shared/models/tatoeba-small] [--threads 2]

The model directory holds the split (train/dev/test.tsv) and either the packaged model
(translate-zh_en-*.argosmodel, unpacked into a temporary directory) or an `unpacked/` folder with it;
the torch checkpoint `model.pt` is needed only for --align-search.

(a) natural terms: Chinese names whose English the training split aligns with them (eflomal word
alignment of the jieba-segmented Chinese and the English, both directions; --names cooccurrence for the
earlier Dice over sentence co-occurrence), kept in a test sentence when its reference has that English;
(b) counterfactual terms: the same names with another valid English (汤姆 → Thomas), scored against
references with the name substituted; (c) made-up names for every name of (a) (汤姆 → Kalomir), which no
model has seen. Each glossary is translated without enforcement and with the pipeline's enforcement
(zhen.translate.Translator: substitution, prefix repair where nothing aligns); --strategies adds the
alternatives of bench/strategies.py (the old prefix repair among them); with --align-search, an
alignment layer is chosen on the dev split (never the test split) and run too.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

HAN = re.compile(r"[\u4e00-\u9fff]+")
# Words (a possessive 's apart: "Tom's" is Tom), numbers, punctuation.
EN_TOKEN = re.compile(r"[A-Za-z]+(?=['’]s\b)|['’]s\b|[A-Za-z]+(?:['’][A-Za-z]+)?|\d+|[^\sA-Za-z\d]")
NAME = re.compile(r"(?<![^\W_])[A-Z][a-z]+(?: [A-Z][a-z]+)*(?![^\W_])")
# Another valid English for the frequent Tatoeba names (the counterfactual glossary); a name without one is
# left out of (b). Nicknames and other-language forms of the same referent, as WMT's counterfactual terms.
ALTERNATIVE = {
    "Tom": "Thomas", "Mary": "Maria", "John": "Jonathan", "Boston": "Beantown", "Australia": "Oz",
    "Japan": "Nippon", "Tokyo": "Edo", "China": "Cathay", "America": "the States", "Ken": "Kenneth",
    "France": "Gaul", "Paris": "Lutetia", "London": "Londinium", "Chicago": "Chi-town", "Jim": "James",
    "Jack": "Jackson", "Bill": "William", "Mike": "Michael", "Bob": "Robert", "Beijing": "Peking",
    "Kyoto": "Heian-kyo", "Canada": "the Great White North", "England": "Albion", "Germany": "Deutschland",
    "Taiwan": "Formosa", "Alice": "Alicia", "Lucy": "Lucia", "Tony": "Anthony", "Jane": "Janet",
    "Judy": "Judith", "Betty": "Elizabeth", "Nancy": "Anne", "Mr. Smith": "Mr. Smyth", "Italy": "Italia",
    "Spain": "Espana", "Shanghai": "Hu", "Hokkaido": "Ezo", "Santa": "Father Christmas",
    "New Zealand": "Aotearoa", "Brazil": "Brasil", "Fuji": "Fujiyama", "Hawaii": "Hawai'i", "Bible": "Scripture",
    "New York": "the Big Apple", "Harvard": "Harvard University", "Christmas": "Xmas", "India": "Bharat",
    "God": "the Lord", "Spanish": "Castilian",
}


def _metrics():
    import sacrebleu

    return sacrebleu.metrics.CHRF(), sacrebleu.metrics.BLEU()


CHRF, BLEU = _metrics()


@dataclass
class Case:
    """A test sentence with its reference and the (zh, natural English) terms that align in it."""

    zh: str
    ref: str
    terms: list[tuple[str, str]]


def read_tsv(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        en, zh, *_ = line.split("\t")
        rows.append((zh, en))
    return rows


def name_dictionary(train: list[tuple[str, str]], min_count: int = 4, min_dice: float = 0.5) -> dict[str, str]:
    """Chinese form → English name from sentence co-occurrence (Dice) in the training split.

    English candidates are words capitalized where they are not the first word (names, not sentence starts);
    Chinese candidates are 2–4-character runs of Han characters. The best-scoring pairs win both ways."""
    grams = [zh_grams(zh) for zh, _ in train]
    # A name is a run of capitalized words seen often where it does not start the sentence ('New York');
    # its sentences are then every sentence that has it, initial or not.
    seen_inside: Counter[str] = Counter()
    for _, en in train:
        for m in NAME.finditer(en):
            if m.start() > 0 and m.group() != "I":
                seen_inside[m.group()] += 1
    en_sents: dict[str, set[int]] = defaultdict(set)
    for i, (_, en) in enumerate(train):
        for m in NAME.finditer(en):
            if seen_inside[m.group()] >= min_count:
                en_sents[m.group()].add(i)
    zh_count: Counter[str] = Counter(g for gs in grams for g in gs)
    lower: Counter[str] = Counter(w for _, en in train for w in re.findall(r"[a-z]+", en))
    scores = []
    for w, sents in en_sents.items():
        # 'We', 'Where', 'Yes' start quoted sentences; a word mostly written in lower case is no name.
        if len(sents) < min_count or lower[w.lower()] > seen_inside[w]:
            continue
        # Co-occurrence counted only over the name's own sentences: sparse and fast.
        co: Counter[str] = Counter(g for i in sents for g in grams[i])
        found = [(2 * n / (len(sents) + zh_count[g]), n, g) for g, n in co.items() if n >= min_count]
        found = [f for f in found if f[0] >= min_dice]
        if not found:
            continue
        best = max(f[0] for f in found)
        # Near the best Dice, the form seen with the name most often wins (美国 over 去美国), then the
        # longer one (波士顿 over 波士, which always co-occur).
        dice, n, g = max((f for f in found if f[0] >= 0.9 * best), key=lambda f: (f[1], len(f[2])))
        scores.append((dice, g, w))
    scores.sort(reverse=True)
    out: dict[str, str] = {}
    for dice, g, w in scores:
        # No nested or shared forms: one Chinese form per name.
        if any(g in o or o in g for o in out):
            continue
        out[g] = w
    return out


def aligned_name_dictionary(train: list[tuple[str, str]], min_count: int = 2, min_share: float = 0.5) -> dict[str, str]:
    """Chinese form → English name from word alignment of the training split (eflomal, both directions).

    The Chinese is segmented with jieba, the English split into words and punctuation. A name is a run of
    capitalized English words that are written capitalized more often than not where they do not start a
    sentence; its Chinese is the contiguous run of Chinese words that the alignments (union of both
    directions) link to it. A pair is kept when seen min_count times and it holds at least min_share of
    the name's aligned occurrences and of the Chinese form's."""
    import jieba
    from eflomal import Aligner

    from zhen.text.normalize import normalize

    jieba.setLogLevel(60)
    zh_tok = [[w for w in jieba.lcut(normalize(zh).text) if w.strip()] for zh, _ in train]
    en_tok = [EN_TOKEN.findall(en) for _, en in train]
    inside: Counter[str] = Counter(w for toks in en_tok for w in toks[1:] if w[:1].isupper())
    lower: Counter[str] = Counter(w for toks in en_tok for w in toks if w.islower())
    # 'I' and its contractions are capitalized everywhere and name nobody.
    named = {w for w, n in inside.items() if n > lower[w.lower()] and len(w) > 1 and not w.startswith("I'")}
    with tempfile.TemporaryDirectory() as tmp:
        fwd, rev = Path(tmp) / "fwd", Path(tmp) / "rev"
        Aligner().align([" ".join(t) + "\n" for t in zh_tok], [" ".join(t) + "\n" for t in en_tok],
                        links_filename_fwd=str(fwd), links_filename_rev=str(rev))
        links = [{tuple(map(int, link.split("-"))) for link in (a + " " + b).split()}
                 for a, b in zip(fwd.read_text().splitlines(), rev.read_text().splitlines())]
    pairs: Counter[tuple[str, str]] = Counter()
    for zh_words, en_words, sentence_links in zip(zh_tok, en_tok, links):
        t = 0
        while t < len(en_words):
            if en_words[t] not in named:
                t += 1
                continue
            # The run is every capitalized word beside a name, except a sentence's first word ('New York', not
            # 'The Tokyo'): a word such as 'New' is written in lower case too often to be a name alone.
            while t > 1 and en_words[t - 1][:1].isupper():
                t -= 1
            end = t
            while end + 1 < len(en_words) and en_words[end + 1][:1].isupper():
                end += 1
            source = sorted({i for i, j in sentence_links if t <= j <= end})
            if source and source[-1] - source[0] + 1 == len(source):
                form = "".join(zh_words[source[0]:source[-1] + 1])
                if len(form) >= 2 and HAN.fullmatch(form):
                    pairs[form, " ".join(en_words[t:end + 1])] += 1
            t = end + 1
    by_zh: Counter[str] = Counter()
    by_en: Counter[str] = Counter()
    for (zh, en), n in pairs.items():
        by_zh[zh] += n
        by_en[en] += n
    kept = sorted(((n, zh, en) for (zh, en), n in pairs.items()
                   if n >= min_count and n >= min_share * by_zh[zh] and n >= min_share * by_en[en]), reverse=True)
    out: dict[str, str] = {}
    for _, zh, en in kept:
        # One Chinese form per name and no nested forms, as for the co-occurrence dictionary.
        if en in out.values() or any(zh in o or o in zh for o in out):
            continue
        out[zh] = en
    return out


def made_up(name: str) -> str:
    """A name no model has seen, stable for a given name: the hardest counterfactual (WMT's random terms)."""
    syllables = ["ka", "lo", "mir", "ten", "vas", "ru", "bel", "zo", "dan", "qui", "sor", "ne"]
    digest = zlib.crc32(name.encode("utf-8"))
    return "".join(syllables[(digest >> (4 * k)) % len(syllables)] for k in range(3)).capitalize()


def zh_grams(zh: str) -> set[str]:
    """The 2–4-character Han runs of a normalized Chinese sentence."""
    from zhen.text.normalize import normalize

    grams = set()
    for run in HAN.findall(normalize(zh).text):
        grams.update(run[a:a + n] for n in (2, 3, 4) for a in range(len(run) - n + 1))
    return grams


def word_in(word: str, text: str) -> int:
    return len(re.findall(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text))


def cases_for(test: list[tuple[str, str]], names: dict[str, str]) -> list[Case]:
    """Test sentences whose every dictionary name occurs once in the source and once in the reference."""
    from zhen.text.normalize import normalize

    cases = []
    for zh, en in test:
        src = normalize(zh).text
        found = [(z, e) for z, e in names.items() if z in src]
        if found and all(src.count(z) == 1 and word_in(e, en) == 1 for z, e in found):
            cases.append(Case(zh, en, found))
    return cases


def glossary_of(pairs: dict[str, str]):
    from zhen.terms.glossary import Entry, Glossary

    # Names are enforced by type; 'person' keeps their case in matching.
    return Glossary([Entry(zh=z, en=e, type="person") for z, e in sorted(pairs.items())])


def build_variant(model_dir: Path, root: Path, layer: int, heads: int):
    """The trained model converted again with another alignment layer / number of averaged heads."""
    import torch
    import sentencepiece as spm

    from zhen.mt import small
    from zhen.mt.models import ModelInfo
    from zhen.testmodel import Size, convert_weights

    saved = torch.load(model_dir / "model.pt", weights_only=False)
    size = Size(**saved["size"])
    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "sentencepiece.model"))
    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    model = small.Marian(len(vocabulary), size)
    model.load_state_dict(saved["state"])
    path = root / f"align-l{layer}-h{heads}"
    convert_weights(model.marian_weights(), vocabulary, path / "model", size, "int8", layer, heads)
    shutil.copyfile(model_dir / "sentencepiece.model", path / "sentencepiece.model")
    return ModelInfo(path, "zh", "en", "0.1", path.name), size


def alignment_accuracy(info, options, cases: list[Case], glossary) -> tuple[int, int]:
    """Share of names the model rendered itself whose most-attending output token lies inside that rendering."""
    import strategies
    from zhen.mt.constrain import _token_starts
    from zhen.mt.ct2 import load_backend
    from zhen.terms.match import matcher_for

    backend = load_backend(info, options)
    tok = backend.tokenizer
    items = strategies.prepare(backend, matcher_for(glossary), [c.zh for c in cases])
    hyps = backend.translate([i.pieces for i in items], attention=True)
    hit = total = 0
    for item, hyp in zip(items, hyps):
        text, starts = tok.detokenize(hyp.tokens), _token_starts(hyp.tokens, tok)
        for term in item.terms:
            pos = text.find(term.en)
            if pos < 0 or not hyp.attention:
                continue
            src = [s for s, (a, b) in enumerate(item.spans) if a < term.end and b > term.start]
            rows = hyp.attention[: len(hyp.tokens)]
            best = max(range(len(rows)), key=lambda t: sum(rows[t][s] for s in src))
            total += 1
            hit += pos <= starts[best] < pos + len(term.en) or starts[best] <= pos < starts[best + 1]
    return hit, total


def run_translator(glossary, info, options, sources: list[str]) -> tuple[list[str], list[list[str]], list[bool], float]:
    """The pipeline, one document per sentence: outputs, term statuses, repaired flags, seconds."""
    from zhen.mt.ct2 import load_backend
    from zhen.translate import Translator

    translator = Translator(glossary, load_backend(info, options), options)  # model load outside the timing
    started = time.perf_counter()
    results, _ = translator.run([(str(i), s) for i, s in enumerate(sources)])
    seconds = time.perf_counter() - started
    outs, statuses, repaired = [], [], []
    for result in results:
        keys = list(result.outcomes)
        outs.append(" ".join(result.outcomes[k].target for k in keys))
        statuses.append([s for k in keys for s in result.outcomes[k].statuses])
        repaired.append(any(result.outcomes[k].repaired for k in keys))
    return outs, statuses, repaired, seconds


def run_strategy(name: str, glossary, info, options, sources: list[str]):
    import strategies
    from zhen.mt.ct2 import load_backend
    from zhen.terms.match import matcher_for

    backend = load_backend(info, options)
    started = time.perf_counter()
    items = strategies.prepare(backend, matcher_for(glossary), sources)
    getattr(strategies, name)(backend, items)
    seconds = time.perf_counter() - started
    return [i.target for i in items], [list(i.statuses) for i in items], [i.repaired for i in items], seconds


def score(cases: list[Case], outs: list[str], statuses, repaired, seconds: float, refs: list[str],
          plain: list[str], natural: dict[str, str]) -> dict[str, float]:
    terms = found = forced = dup = dup_forced = dropped = 0
    for case, out, status, base in zip(cases, outs, statuses, plain):
        for (zh, en_nat), st in zip(case.terms, status or ["?"] * len(case.terms)):
            en = natural.get(zh, en_nat)
            terms += 1
            found += word_in(en, out) >= 1
            own = word_in(en, out) + (word_in(en_nat, out) if en_nat != en else 0)
            dup += own >= 2
            if st == "forced":
                forced += 1
                dup_forced += own >= 2
        dropped += len(out.split()) < 0.7 * len(base.split())
    n = len(cases)
    return {
        "TSR": 100 * found / terms, "chrF": CHRF.corpus_score(outs, [refs]).score,
        "BLEU": BLEU.corpus_score(outs, [refs]).score, "repaired": 100 * sum(repaired) / n,
        "forced": forced, "dup": dup, "dup%forced": 100 * dup_forced / forced if forced else 0.0,
        "dropped": 100 * dropped / n, "sent/s": n / seconds, "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "models" / "tatoeba-small"
    ap.add_argument("--model-dir", type=Path, default=shared)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--show", type=int, default=6, help="example outputs to print per glossary")
    ap.add_argument("--names", choices=("aligned", "cooccurrence"), default="aligned",
                    help="how the name dictionary is found in the training split (default: eflomal word alignment)")
    ap.add_argument("--sets", default="abc", help="which term sets to run: any of a, b, c")
    ap.add_argument("--strategies", action="store_true", help="also run the alternative methods of bench/strategies.py")
    ap.add_argument("--align-search", action="store_true",
                    help="also convert the model with each alignment layer, choose one on dev and run it")
    args = ap.parse_args(argv)

    from zhen.mt.options import Options
    from zhen.mt.models import ModelInfo

    d = args.model_dir
    unpacked = tempfile.mkdtemp(prefix="bench-enforce-model-")
    package = d / "unpacked" / "translate-zh_en-tatoeba_small"
    archives = sorted(d.glob("translate-zh_en-*.argosmodel"))
    if not (package / "model" / "model.bin").exists() and archives:
        from zhen.mt.models import install_model

        package = install_model(archives[0], Path(unpacked)).path
    if not (package / "model" / "model.bin").exists() or (args.align_search and not (d / "model.pt").exists()):
        print(f"no trained model in {d}: run scripts/train_small_model.py first", file=sys.stderr)
        return 2
    info = ModelInfo(package, "zh", "en", "0.1", package.name)
    base = Options(beam=args.beam, threads=args.threads, max_decoding_length=128, enforce=False)
    enforce = Options(beam=args.beam, threads=args.threads, max_decoding_length=128, enforce=True)

    train = read_tsv(d / "train.tsv")
    cooccurring = name_dictionary(train)
    print(f"name dictionary by sentence co-occurrence (the earlier method): {len(cooccurring)} pairs")
    names = aligned_name_dictionary(train) if args.names == "aligned" else cooccurring
    print(f"name dictionary ({args.names}) from the training split: {len(names)} pairs, e.g. "
          + ", ".join(f"{z} {e}" for z, e in list(names.items())[:12]))
    test, dev = read_tsv(d / "test.tsv"), read_tsv(d / "dev.tsv")
    cases_a = cases_for(test, names)
    cases_b = [c for c in cases_a if all(e in ALTERNATIVE for _, e in c.terms)]
    used = {z: e for c in cases_a for z, e in c.terms}
    gloss_a = glossary_of(used)
    counter = {z: ALTERNATIVE[e] for z, e in used.items() if e in ALTERNATIVE}
    gloss_b = glossary_of(counter)
    invented = {z: made_up(e) for z, e in used.items()}
    gloss_c = glossary_of(invented)
    print(f"(a) natural: {len(cases_a)} test sentences, {sum(len(c.terms) for c in cases_a)} terms, {len(gloss_a)} entries")
    print(f"(b) counterfactual: {len(cases_b)} test sentences, {sum(len(c.terms) for c in cases_b)} terms, {len(gloss_b)} entries")
    print(f"(c) made-up names: {len(cases_a)} test sentences, {sum(len(c.terms) for c in cases_a)} terms, {len(gloss_c)} entries")

    tmp = Path(tempfile.mkdtemp(prefix="bench-enforce-"))
    try:
        dev_cases = cases_for(dev, names)
        best_info = None
        if args.align_search:
            print(f"\nalignment (dev split, {len(dev_cases)} sentences): share of the model's own renderings its alignment points into")
            variants = {}
            import torch

            layers = torch.load(d / "model.pt", weights_only=False)["size"]["layers"]
            for layer in range(layers):
                for heads in (1, 4):
                    vinfo, _ = build_variant(d, tmp, layer, heads)
                    hit, total = alignment_accuracy(vinfo, base, dev_cases, glossary_of({z: e for c in dev_cases for z, e in c.terms}))
                    # Ties (and a model that renders no name itself) keep today's choice: last layer, first head.
                    acc = (hit / total if total else 0.0, layer == layers - 1 and heads == 1)
                    variants[(layer, heads)] = (acc, vinfo)
                    print(f"  layer {layer + 1} (index {layer}), {'first head' if heads == 1 else f'{heads} heads averaged'}: "
                          f"{hit}/{total} = {100 * acc[0]:.1f} %")
            (best_layer, best_heads), (best_acc, best_info) = max(variants.items(), key=lambda kv: kv[1][0])
            print(f"  chosen: layer index {best_layer}, {best_heads} head(s) ({100 * best_acc[0]:.1f} %); "
                  f"today's conversion uses the last layer, first head")

        sets = (("(a) natural", cases_a, {}, gloss_a), ("(b) counterfactual", cases_b, counter, gloss_b),
                ("(c) made-up names", cases_a, invented, gloss_c))
        for label, cases, natural, glossary in sets:
            if args.sets and label[1] not in args.sets:
                continue
            sources = [c.zh for c in cases]
            refs = [c.ref for c in cases]
            if natural:
                for c_i, c in enumerate(cases):
                    for z, e in c.terms:
                        refs[c_i] = re.sub(rf"(?<![^\W_]){re.escape(e)}(?![^\W_])", natural[z], refs[c_i])
            runs = {}
            runs["none"] = run_translator(glossary, info, base, sources)
            runs["substitution (current)"] = run_translator(glossary, info, enforce, sources)
            for name in ("prefix_repair", "rerank", "rerank_substitute", "inject") if args.strategies else ():
                runs[name] = run_strategy(name, glossary, info, enforce, sources)
            if best_info is not None:
                runs[f"current l{best_layer}h{best_heads}"] = run_translator(glossary, best_info, enforce, sources)
            plain = runs["none"][0]
            print(f"\n{label}: {len(cases)} sentences; chrF/BLEU against "
                  f"{'references with the term substituted' if natural else 'the references'}")
            cols = ("TSR", "chrF", "BLEU", "repaired", "forced", "dup", "dup%forced", "dropped", "sent/s")
            print(f"  {'method':<24}" + "".join(f"{c:>11}" for c in cols) + f"{'cost':>8}")
            base_s = runs["none"][3]
            for name, (outs, statuses, repaired, seconds) in runs.items():
                s = score(cases, outs, statuses, repaired, seconds, refs, plain, natural)
                print(f"  {name:<24}" + "".join(f"{s[c]:>11.1f}" if isinstance(s[c], float) else f"{s[c]:>11}" for c in cols)
                      + f"{seconds / base_s:>7.2f}×")
            outs, statuses = runs["substitution (current)"][:2]
            for c_i, (case, out, status) in enumerate(zip(cases, outs, statuses)):
                doubled = [natural.get(z, e) for (z, e), st in zip(case.terms, status) if st == "forced"
                           and word_in(natural.get(z, e), out) + (word_in(e, out) if natural.get(z, e) != e else 0) >= 2]
                if doubled:
                    print(f"  duplicated {', '.join(doubled)}: {case.zh}\n      none: {plain[c_i]}\n      substitution: {out}")
            for i in range(min(args.show, len(cases))):
                print(f"  · {cases[i].zh}  ref: {refs[i]}")
                for name in runs:
                    print(f"      {name:<24} {runs[name][0][i]}")
        print(f"\nsacrebleu signatures: chrF {CHRF.get_signature()} | BLEU {BLEU.get_signature()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(unpacked, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
