"""Enforcement on a model that has learned something: a tiny Marian model trained here in seconds on
template sentences ("普京说。" → "Putin said."), converted through CTranslate2 like the real packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

NAMES = {"普京": "Putin", "托卡耶夫": "Tokayev", "汤姆": "Tom", "玛丽": "Mary", "约翰": "John", "安娜": "Anna",
         "彼得": "Peter", "马克": "Mark"}
# Epochs, not minutes: the fixture must come out the same however loaded the machine is.
EPOCHS = 60
TEMPLATES = [
    ("{a}说。", "{A} said."),
    ("{a}来了。", "{A} came."),
    ("{a}很累。", "{A} is tired."),
    ("我见过{a}。", "I have met {A}."),
    ("{a}在北京工作。", "{A} works in Beijing."),
    ("{a}喜欢猫。", "{A} likes cats."),
    ("昨天{a}去了学校。", "Yesterday {A} went to school."),
    ("{a}和{b}是朋友。", "{A} and {B} are friends."),
]


def synthetic_pairs() -> list[tuple[str, str]]:
    """Every template with every name (and the next name as the second one): about 70 pairs."""
    names = list(NAMES.items())
    pairs = []
    for zh, en in TEMPLATES:
        for i, (a, A) in enumerate(names):
            b, B = names[(i + 1) % len(names)]
            pairs.append((zh.format(a=a, b=b), en.format(A=A, B=B)))
    return pairs


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """(torch model, SentencePiece processor, float32 CTranslate2 dir, package dir for zhen's Engine)."""
    import sentencepiece as spm

    from zhen.mt import small
    from zhen.testmodel import Size, convert_weights

    tmp = tmp_path_factory.mktemp("trained")
    pairs = synthetic_pairs()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([z for z, _ in pairs] + [e for _, e in pairs] + ["Tokaev Vladimir Thomas"]),
        model_prefix=str(tmp / "sentencepiece"), vocab_size=120, hard_vocab_limit=False, character_coverage=1.0,
        model_type="unigram", pad_id=small.PAD, unk_id=0, bos_id=small.BOS, eos_id=small.EOS, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=str(tmp / "sentencepiece.model"))
    vocabulary = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    size = Size(layers=2, d_model=64, heads=4, ffn=128)
    torch.set_num_threads(1)
    torch.manual_seed(0)  # the initial weights too: the same fixture model on every run
    model = small.Marian(len(vocabulary), size, dropout=0.0)
    data = [(sp.encode(z), sp.encode(e)) for z, e in pairs]
    small.train(model, data, small.Schedule(peak=3e-3, warmup=30, epochs=EPOCHS, minutes=60.0), max_tokens=400,
                log=lambda _: None)
    weights = model.marian_weights()
    exact = convert_weights(weights, vocabulary, tmp / "f32", size, quantization="float32")
    package = tmp / "package"
    convert_weights(weights, vocabulary, package / "model", size, quantization="int8")
    shutil.copyfile(tmp / "sentencepiece.model", package / "sentencepiece.model")
    return model, sp, exact, package


def test_model_learned_the_templates(trained):
    model, sp, _, _ = trained
    pairs = synthetic_pairs()
    outputs = [sp.decode(ids) for ids in model.greedy([sp.encode(z) for z, _ in pairs])]
    assert outputs == [e for _, e in pairs]


@pytest.mark.parametrize("source", ["托卡耶夫说。", "昨天普京去了学校。", "玛丽和约翰是朋友。", "我见过安娜。", "马克很累。"])
def test_torch_and_ctranslate2_decode_the_same_tokens(trained, source):
    import ctranslate2

    model, sp, exact, _ = trained
    ours = model.greedy([sp.encode(source)])[0]
    result = ctranslate2.Translator(str(exact), device="cpu").translate_batch(
        [sp.encode(source, out_type=str)], beam_size=1, max_decoding_length=64)
    assert [sp.piece_to_id(p) for p in result[0].hypotheses[0]] == ours


def _translate(package: Path, glossary_rows: dict[str, str], sources: list[str]) -> tuple[list[str], list[int]]:
    """The pipeline's own enforcement; English per source and how many sources each decode call took."""
    from zhen.mt.ct2 import load_backend
    from zhen.mt.models import ModelInfo
    from zhen.mt.options import Options
    from zhen.terms.glossary import Entry, Glossary
    from zhen.translate import Translator

    glossary = Glossary([Entry(zh=z, en=e, type="person") for z, e in glossary_rows.items()])
    info = ModelInfo(package, "zh", "en", "0", "trained-test")
    options = Options(beam=4, threads=1, max_decoding_length=48, enforce=True)
    backend = load_backend(info, options)
    calls: list[int] = []
    translate = backend.decoder.translate

    def counted(sources, *args, **kwargs):
        calls.append(len(sources))
        return translate(sources, *args, **kwargs)

    backend.decoder.translate = counted  # type: ignore[method-assign]
    results, _ = Translator(glossary, backend, options).run([(str(i), s) for i, s in enumerate(sources)])
    return [" ".join(o.target for o in r.outcomes.values()) for r in results], calls


# A counterfactual rendering must replace the model's own name where the name stands, once, and the
# rest of the sentence must still be translated; the pipeline substitutes, so one decode does it.
FORCED = [
    ("托卡耶夫在北京工作。", {"托卡耶夫": "Tokaev"}, "Tokaev works in Beijing."),
    ("我见过托卡耶夫。", {"托卡耶夫": "Tokaev"}, "I have met Tokaev."),
    ("昨天普京去了学校。", {"普京": "Vladimir"}, "Yesterday Vladimir went to school."),
    ("汤姆和玛丽是朋友。", {"汤姆": "Thomas"}, "Thomas and Mary are friends."),
    ("玛丽和汤姆是朋友。", {"汤姆": "Thomas"}, "Mary and Thomas are friends."),
    ("约翰喜欢猫。", {"约翰": "John"}, "John likes cats."),
]


@pytest.mark.parametrize("source,rows,expected", FORCED)
def test_forced_term_lands_once_where_the_name_stands(trained, source, rows, expected):
    _, _, _, package = trained
    assert _translate(package, rows, [source]) == ([expected], [1])
