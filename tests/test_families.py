"""CTranslate2 model families beyond Argos: random OPUS-MT (two SentencePiece models), NLLB and M2M-100 models
translate the corpus with the same guarantee, and wrong directories get one clear line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import CORPUS, corpus_documents
from zhen.mt.ct2 import LANGUAGE_TOKENS, load_backend
from zhen.mt.options import Options
from zhen.mt.registry import inspect_model_dir
from zhen.terms.renderings import find_accepted
from zhen.translate import Translator

FAST = Options(max_decoding_length=20, threads=1)


@pytest.fixture(scope="session")
def spm_models(tmp_path_factory, glossary) -> tuple[Path, Path]:
    """A Chinese source SentencePiece model and an English target one."""
    from zhen.testmodel import train_sentencepiece

    tmp = tmp_path_factory.mktemp("spm")
    zh = [line for _, text in corpus_documents() for line in text.splitlines()]
    en = [e.en for e in glossary] + [e.short for e in glossary if e.short] + [a for e in glossary for a in e.admitted]
    return train_sentencepiece(zh, tmp / "zh", vocab_size=2000), train_sentencepiece(en, tmp / "en", vocab_size=400)


@pytest.fixture(scope="session", params=["marian", "nllb", "m2m100"])
def family_dir(request, tmp_path_factory, spm_models) -> Path:
    from zhen.testmodel import build_model_dir

    source, target = spm_models
    return build_model_dir(request.param, tmp_path_factory.mktemp(f"{request.param}-") / "model", source, target)


def test_family_is_recognized(family_dir):
    info = inspect_model_dir(family_dir)
    assert (info.family, info.from_code, info.to_code) == (family_dir.parent.name.rsplit("-", 1)[0], "zh", "en")


def test_family_translates_corpus_with_every_term(family_dir, glossary):
    info = inspect_model_dir(family_dir)
    backend = load_backend(info, FAST)
    results, summary = Translator(glossary, backend, FAST).run(corpus_documents()[:2])
    assert (summary.missing, summary.tsr) == (0, 1.0) and summary.terms > 100
    language = set(LANGUAGE_TOKENS.get(info.family, ()))
    for result in results:
        for where, unit in result.units.items():
            target = result.outcomes[where].target
            assert all(find_accepted(target, t.entry) for t in unit.terms if t.enforced)
            assert not any(token in target for token in language)


def test_translate_cli_with_model_dir(zhen, family_dir, tmp_path):
    out = tmp_path / "en"
    result = zhen("translate", "--no-cache", "--max-length", "16", "--model", str(family_dir), str(CORPUS), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "term success rate: 100.0 %" in result.stderr
    assert sorted(p.name for p in out.glob("*.txt")) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_model_add_registers_and_lists(zhen, family_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    result = zhen("model", "add", str(family_dir), "--name", "mine")
    family = inspect_model_dir(family_dir).family
    assert (result.exit_code, result.stdout) == (0, f"registered mine ({family}, zh→en) at {family_dir.resolve()}\n")
    [line] = zhen("model", "list").stdout.splitlines()
    assert line.split("\t")[:3] == ["mine", "zh→en", family]
    assert json.loads((tmp_path / "data" / "models.json").read_text()) == {"mine": str(family_dir.resolve())}


def _without(directory: Path, tmp_path: Path, *names: str) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(directory, copy)
    for name in names:
        (copy / name).unlink()
    return copy


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d, t: t, "{path}: not a CTranslate2 model (no model.bin; convert it with ct2-transformers-converter or ct2-opus-mt-converter)"),
        (lambda d, t: _without(d, t, "source.spm", "target.spm") if (d / "source.spm").exists() else _without(d, t, "sentencepiece.bpe.model"),
         "{path}: no SentencePiece tokenizer (sentencepiece.model, sentencepiece.bpe.model, spm.model, spm.128k.model, tokenizer.model or source.spm + target.spm)"),
        (lambda d, t: t / "missing", "--model {path}: no such directory or registered model"),
    ],
    ids=["not-ct2", "no-tokenizer", "missing"],
)
def test_wrong_directory_gives_one_line(zhen, family_dir, tmp_path, damage, message):
    path = damage(family_dir, tmp_path)
    result = zhen("translate", "--model", str(path), str(CORPUS / "bbc-kazakhstan-slipping-orbit.txt"))
    # A --model naming nothing is a usage error (2); a directory that is not a usable model, a failed run (1).
    assert (result.exit_code, result.stderr) == (1 if path.exists() else 2, f"Error: {message.format(path=path)}\n")


def test_multilingual_model_without_chinese_is_not_zh_en(tmp_path, spm_models):
    from zhen.errors import ModelError
    from zhen.testmodel import build_model_dir

    directory = build_model_dir("nllb", tmp_path / "m", spm_models[0])
    vocab = json.loads((directory / "shared_vocabulary.json").read_text())
    (directory / "shared_vocabulary.json").write_text(json.dumps([t.replace("zho_Hans", "fra_Latn") for t in vocab]))
    with pytest.raises(ModelError, match="without Chinese and English language tokens: not zh→en"):
        inspect_model_dir(directory)
