"""Translation with a random-weight model built by the tests: install, batching, enforcement, structure, cache."""

from __future__ import annotations

import json
import os
import platform
import zipfile

import pytest

from helpers import CORPUS, SHARED_MODEL, corpus_documents
from zhen.errors import OutputError
from zhen.mt.cache import Cache
from zhen.mt.constrain import CHECKED, FORCED, MODEL, UNCHECKED
from zhen.mt.ct2 import load_backend
from zhen.mt.options import Options
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted
from zhen.translate import Translator
from zhen.write import atomic_write

FAST = Options(max_decoding_length=24, threads=1)


def test_model_list_and_path(zhen, installed_model):
    assert zhen("model", "path").stdout == f"{os.environ['ARGOS_PACKAGES_DIR']}\n"
    size = (installed_model.path / "model" / "model.bin").stat().st_size / 1e6
    assert zhen("model", "list").stdout == (
        f"translate-zh_en-random\tzh→en\targos\t0.0-random\t{size:.0f} MB\t{installed_model.path}\n"
    )


def test_missing_model_names_both_install_commands(zhen, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "empty"))
    result = zhen("translate", "--no-cache", str(CORPUS / "bbc-kazakhstan-slipping-orbit.txt"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no zh→en translation model installed in {tmp_path / 'empty'}; install one with "
        "`zhen model install PATH.argosmodel` or download it with `zhen model install --download`\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("not a zip"), "not an Argos package (.argosmodel must be a zip archive)"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("x/readme.txt", "hi"), "not an Argos package (expected one folder with metadata.json)"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("x/metadata.json", "{}"), "package lacks model/model.bin"),
    ],
    ids=["not-zip", "no-metadata", "no-weights"],
)
def test_install_rejects_bad_packages(zhen, tmp_path, monkeypatch, make, message):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    path = tmp_path / "bad.argosmodel"
    make(path)
    result = zhen("model", "install", str(path))
    assert (result.exit_code, result.stderr) == (1, f"Error: {path}: {message}\n")


def translator_for(model, glossary, options=FAST, cache=None):
    return Translator(glossary, load_backend(model, options), options, cache)


def targets(results):
    return [o.target for r in results for o in r.outcomes.values()]


@pytest.fixture(scope="module")
def translator(test_model, glossary):
    return translator_for(test_model, glossary)


@pytest.fixture(scope="module")
def corpus_run(translator):
    return translator.run(corpus_documents())


def test_batched_output_equals_one_by_one(translator):
    units = [u for p in translator.prepare(corpus_documents()) for u in p.units]
    backend = translator.backend
    batched = backend.translate([u.pieces for u in units])
    single = [backend.translate([u.pieces])[0] for u in units]
    assert len(units) > 300
    assert [h.tokens for h in batched] == [h.tokens for h in single]


def test_every_glossary_term_is_in_its_sentence_output(corpus_run, glossary):
    results, summary = corpus_run
    checked = 0
    for result in results:
        for where, unit in result.units.items():
            outcome = result.outcomes[where]
            for term, status in zip(unit.terms, outcome.statuses):
                if not term.enforced:
                    assert status in (CHECKED, UNCHECKED)
                    continue
                assert find_accepted(outcome.target, term.entry), (unit.sentence.source, term.en, outcome.target)
                assert status in (MODEL, FORCED)
                checked += 1
    # Every enforced name, and every name a check-only phrase carries (克里姆林宫 in 亲克里姆林宫).
    matcher = matcher_for(glossary)
    expected = sum(1 if entry.enforced else len(matcher.inner_names(u.norm.text[start:end], entry))
                   for r in results for u in r.units.values()
                   for start, end, entry in matcher.find_normalized(u.norm.text))
    assert checked == summary.terms == expected > 900
    assert (summary.missing, summary.tsr) == (0, 1.0)
    assert summary.checked + summary.unchecked > 100


def test_check_only_terms_are_never_forced(glossary):
    from helpers import echo_backend

    # 总统 (president) is generic vocabulary: reported, never forced; 普京 is a name: forced.
    results, summary = Translator(glossary, echo_backend(), FAST).run([("a", "总统普京说。\n")])
    [outcome] = results[0].outcomes.values()
    assert outcome.statuses == (UNCHECKED, FORCED)
    assert "Vladimir Putin" in outcome.target and "president" not in outcome.target.lower()
    assert (summary.terms, summary.forced, summary.unchecked) == (1, 1, 1)


def test_admitted_and_short_forms_satisfy_an_entry(glossary):
    from helpers import echo_backend

    # The model already writes "Putin" (the short form) and "reporter" (admitted or not, never forced).
    results, summary = Translator(glossary, echo_backend({"普京": "Putin"}), FAST).run([("a", "普京说。\n")])
    [outcome] = results[0].outcomes.values()
    assert (outcome.statuses, outcome.repaired, summary.model) == ((MODEL,), False, 1)


def test_first_mention_full_form_then_short(corpus_run):
    results, _ = corpus_run
    doc = next(r for r in results if r.name == "rferl-tokayev-security-cooperation")
    cst = [t.en for u in doc.units.values() for t in u.terms if t.entry.zh == "集体安全条约组织"]
    assert cst == ["Collective Security Treaty Organization (CSTO)", "CSTO", "CSTO", "CSTO"]


def test_paragraph_structure_and_passthrough_lines_preserved(zhen, installed_model, tmp_path):
    source = CORPUS / "redstar-kazakhstan-challenge.txt"
    out = tmp_path / "en.txt"
    result = zhen("translate", "--no-cache", "--max-length", "24", "--no-signature", str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    src_lines, out_lines = source.read_text(encoding="utf-8").splitlines(), out.read_text(encoding="utf-8").splitlines()
    assert len(src_lines) == len(out_lines)
    for src, dst in zip(src_lines, out_lines):
        has_han = any("\u4e00" <= ch <= "\u9fff" for ch in src)
        if not has_han:
            assert dst == src
        else:
            assert dst.startswith(src[: len(src) - len(src.lstrip())]) and dst.strip()


def test_directory_translation_writes_every_article_with_signature(zhen, installed_model, tmp_path):
    result = zhen("translate", "--cache-dir", str(tmp_path / "c"), "--max-length", "16", str(CORPUS), "-o", str(tmp_path / "en"))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "en").iterdir() if not p.name.startswith("."))
    assert written == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert result.stderr.splitlines()[-1] == f"wrote 5 files to {tmp_path / 'en'}"
    assert "term success rate: 100.0 %" in result.stderr
    text = (tmp_path / "en" / "bbc-kazakhstan-slipping-orbit.txt").read_text(encoding="utf-8")
    assert text.splitlines()[-1].startswith("[zhen: zhen 0.1.0 | model translate-zh_en-random 0.0-random ")


def test_jsonl_schema(zhen, installed_model):
    result = zhen("translate", "--no-cache", "--max-length", "16", "-f", "jsonl", "-", input="普丁说，集安組織很重要。\n\nWSJ\n")
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(record) == {"doc", "paragraph", "source", "target", "terms", "signature"}
    assert (record["doc"], record["paragraph"], record["source"]) == ("stdin", 1, "普丁说，集安組織很重要。")
    assert [(t["zh"], t["en"], t["text"], t["status"]) for t in record["terms"]] == [
        ("普京", "Vladimir Putin", "普丁", "forced"),
        ("集体安全条约组织", "Collective Security Treaty Organization (CSTO)", "集安組織", "forced"),
    ]
    assert all(t["en"] in record["target"] for t in record["terms"])


def test_markdown_is_a_bilingual_table(zhen, installed_model):
    result = zhen("translate", "--no-cache", "--max-length", "8", "-f", "md", "--no-signature", "-", input="普京说。\n\nWSJ\n")
    lines = result.stdout.splitlines()
    assert lines[:4] == ["# stdin", "", "| 中文 | English |", "|---|---|"]
    assert lines[4].startswith("| 普京说。 | ") and "Vladimir Putin" in lines[4]
    assert lines[5] == "| WSJ | WSJ |"


def test_deterministic(test_model, glossary):
    docs = corpus_documents()[:2]
    first, _ = translator_for(test_model, glossary).run(docs)
    second, _ = translator_for(test_model, glossary).run(docs)
    assert targets(first) == targets(second)


def test_cache_reuse(test_model, glossary, tmp_path):
    docs = corpus_documents()[:2]
    cache = Cache(tmp_path)
    fresh, s1 = translator_for(test_model, glossary, cache=cache).run(docs)
    again, s2 = translator_for(test_model, glossary, cache=cache).run(docs)
    assert (s1.cached, s2.cached) == (0, s2.sentences)
    assert targets(again) == targets(fresh)
    assert (s2.forced, s2.tsr) == (s1.forced, 1.0)


def test_interrupted_run_resumes(test_model, glossary, tmp_path):
    from zhen.errors import Interrupted

    docs = corpus_documents()[:2]
    options = Options(max_decoding_length=24, max_batch_tokens=256)
    cache = Cache(tmp_path)

    def interrupt(state) -> None:
        if state.sentences:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as stopped:
        translator_for(test_model, glossary, options, cache).run(docs, interrupt)
    resumed, summary = translator_for(test_model, glossary, options, cache).run(docs)
    assert 0 < stopped.value.sentences == summary.cached < summary.sentences
    reference, _ = translator_for(test_model, glossary, options).run(docs)
    assert targets(resumed) == targets(reference)


def test_without_enforcement_terms_are_reported_not_forced(test_model, glossary):
    _, summary = translator_for(test_model, glossary, Options(max_decoding_length=24, enforce=False)).run(corpus_documents()[:1])
    assert (summary.forced, summary.repaired) == (0, 0)
    assert summary.missing == summary.terms - summary.model > 0


def test_atomic_write_leaves_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")

    def fail(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError, match="out.txt: cannot write \\(disk full\\)$"):
        atomic_write(path, "new text")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_detokenize_is_compositional():
    from helpers import CharTokenizer

    detokenize = CharTokenizer().detokenize
    a, b = ["▁Kass", "ym", "-"], ["Jo", "mart", "▁Tokayev", "</s>"]
    assert detokenize(a + b) == detokenize(a) + detokenize(b) == " Kassym-Jomart Tokayev"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_MODEL.exists(), reason="../shared/models/argos-zh_en-1_9-noweights not present")
def test_real_tokenizer_and_vocabulary(tmp_path, glossary, monkeypatch):
    """Same checks on the real Argos zh→en tokenizer and 65,000-piece vocabulary (random weights)."""
    from zhen.mt.models import install_model
    from zhen.testmodel import build_package

    vocabulary = json.loads((SHARED_MODEL / "model" / "shared_vocabulary.json").read_text(encoding="utf-8"))
    package = build_package(tmp_path / "real.argosmodel", SHARED_MODEL / "sentencepiece.model", vocabulary)
    model = install_model(package, tmp_path / "pk")
    translator = translator_for(model, glossary)
    results, summary = translator.run(corpus_documents())
    assert (summary.missing, summary.tsr) == (0, 1.0) and summary.terms > 900  # enforced names only
    for result in results:
        for where, unit in result.units.items():
            assert all(find_accepted(result.outcomes[where].target, t.entry) for t in unit.terms if t.enforced)
    units = translator.prepare(corpus_documents()[:1])[0].units
    batched = translator.backend.translate([u.pieces for u in units])
    assert [h.tokens for h in batched] == [translator.backend.translate([u.pieces])[0].tokens for u in units]


def test_output_does_not_depend_on_batching(test_model, glossary):
    docs = corpus_documents()
    wide = Options(max_decoding_length=24, threads=1, max_batch_tokens=8192)
    narrow = Options(max_decoding_length=24, threads=1, max_batch_tokens=200)
    assert targets(translator_for(test_model, glossary, wide).run(docs)[0]) == targets(
        translator_for(test_model, glossary, narrow).run(docs)[0])


def test_identical_sentences_are_decoded_once(glossary):
    from helpers import echo_backend

    backend = echo_backend()
    text = "记者报道。\n普京说。\n记者报道。\n"
    results, summary = Translator(glossary, backend, FAST).run([("a", text), ("b", "记者报道。\n")])
    assert backend.decoder.calls[0] == 2  # 记者报道。 and 普京说。, once each
    assert summary.sentences == 4
    assert [o.target for o in results[0].outcomes.values()][0] == [o.target for o in results[1].outcomes.values()][0]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("哈薩克總統說。", "Kazakhstan"),   # Taiwan usage: the country
        ("哈萨克族人说。", "Kazakhs"),       # mainland: the people
    ],
)
def test_regional_variants_reach_translation(glossary, text, english):
    from helpers import echo_backend

    results, _ = Translator(glossary, echo_backend(), FAST).run([("a", text)])
    [unit] = results[0].units.values()
    assert unit.terms[0].entry.en == english


@pytest.mark.parametrize(
    ("text", "known", "target", "calls"),
    [
        # The model's own rendering of the name (what it makes of the name alone, decoded once: the second
        # call) is replaced where it stands, once, with no second decode of the sentence.
        ("总统普京说。", {"普京": "Poutine"}, "总 统 Vladimir Putin 说 。", [1, 1]),
        ("昨天普京和总统说。", {"普京": "Poutine", "昨天": "Yesterday"}, "Yesterday Vladimir Putin 和 总 统 说 。", [1, 1]),
        # No name in what the model makes of the name alone: the words aligned with it are replaced.
        ("总统普京说。", {}, "总 统 Vladimir Putin 说 。", [1, 1]),
        # The first output word's attention is not read (it changes with the batch); it is taken to align
        # with the first source piece, so a sentence-initial name is substituted too.
        ("普京说。", {"普京": "Poutine"}, "Vladimir Putin 说 。", [1, 1]),
        # Two names aligned with overlapping words cannot both be substituted: prefix repair, one more decode
        # (after one decode of each name alone).
        ("普京习近平说。", {"普京习近平": "Poutine"}, "Vladimir Putin Xi Jinping", [1, 1, 1, 1]),
    ],
)
def test_substitution_replaces_the_models_rendering(glossary, text, known, target, calls):
    from helpers import echo_backend

    backend = echo_backend(known)
    results, summary = Translator(glossary, backend, FAST).run([("a", text + "\n")])
    [outcome] = results[0].outcomes.values()
    assert (outcome.target, outcome.repaired, backend.decoder.calls) == (target, True, calls)
    assert FORCED in outcome.statuses and summary.missing == 0
    assert outcome.target.count("Putin") == 1 and "Poutine" not in outcome.target


class MisalignedDecoder:
    """An echo decoder whose attention is off by one word: each output word attends to the next one's source."""

    def __new__(cls, known: dict[str, str]):
        from helpers import EchoDecoder

        class Shifted(EchoDecoder):
            def translate(self, sources, prefixes=None, attention=False, suppress=None):
                hyps = super().translate(sources, prefixes, attention, suppress)
                for hyp in hyps:
                    if hyp.attention:
                        hyp.attention[:] = hyp.attention[1:] + hyp.attention[:1]
                return hyps

        return Shifted(known)


@pytest.mark.parametrize(
    ("text", "known", "target"),
    [
        # The attention points at the word after the name; the name alone tells where the model wrote it.
        ("总统普京说。", {"普京": "Poutine"}, "总 统 Vladimir Putin 说 。"),
        ("伦敦以雾著名。", {"伦敦": "London", "著名": "famous"}, "Londinium 以 雾 famous 。"),
    ],
)
def test_substitution_finds_the_models_own_rendering_when_the_attention_misleads(text, known, target):
    from helpers import CharTokenizer

    from zhen.mt.backend import Backend
    from zhen.terms.glossary import Entry, Glossary

    glossary = Glossary([Entry(zh="普京", en="Vladimir Putin", type="person"),
                         Entry(zh="伦敦", en="Londinium", type="place")])
    results, _ = Translator(glossary, Backend(CharTokenizer(), MisalignedDecoder(known), "echo"), FAST).run([("a", text + "\n")])
    [outcome] = results[0].outcomes.values()
    assert outcome.target == target


@pytest.mark.parametrize(
    ("alone", "names"),
    [
        ("Tokayev", ["Tokayev"]),                                   # the whole output is the name
        ("Kassym-Jomart Tokayev", ["Kassym-Jomart Tokayev"]),
        ("the Collective Security Treaty Organization", ["Collective Security Treaty Organization"]),
        ("Tom's.", ["Tom"]),                                        # a possessive is not part of the name
        ("It's Tom.", ["Tom"]),                                     # a sentence's first word is not a name
        ("Tokyo is in Tokyo.", ["Tokyo"]),                          # unless it comes back
        ("I'll be right.", []),
        ("普 京", []),
    ],
)
def test_names_in_what_a_model_makes_of_a_name_alone(alone, names):
    from zhen.mt.constrain import own_names

    assert own_names(alone) == names


def test_each_decode_hands_freed_memory_back(test_model, monkeypatch):
    # glibc keeps what CTranslate2's threads free; without a trim after each batch the resident set
    # climbs batch after batch (bench/bench_memory.py), so every decoder call must end with one.
    import zhen.mt.ct2 as ct2

    backend = load_backend(test_model, Options(max_decoding_length=8, threads=1))
    trims: list[int] = []
    monkeypatch.setattr(ct2, "release_freed_memory", lambda: trims.append(1))
    backend.translate([["▁a"], ["▁b"]])
    backend.translate([["▁c"]], attention=True)
    assert len(trims) == 2


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_malloc_trim_is_found_on_glibc():
    from zhen.mt.ct2 import _malloc_trim

    trim = _malloc_trim()
    assert trim is not None and trim(0) in (0, 1)


@pytest.mark.parametrize("beam", [1, 4, 8])
def test_batches_are_bounded_by_hypotheses_not_only_tokens(glossary, beam):
    # Short sentences fill a token budget with many sentences, and CTranslate2's memory grows with
    # sentences × beam: a batch never holds more hypotheses than MAX_BATCH_HYPOTHESES.
    from helpers import echo_backend
    from zhen.translate import MAX_BATCH_HYPOTHESES

    backend = echo_backend()
    text = "".join(f"第{i}句。\n" for i in range(100))
    options = Options(beam=beam, max_batch_tokens=100_000, enforce=False)
    _, summary = Translator(glossary, backend, options).run([("a", text)])
    assert summary.sentences == 100
    assert max(backend.decoder.calls) == MAX_BATCH_HYPOTHESES // beam
    assert sum(backend.decoder.calls) == 100
