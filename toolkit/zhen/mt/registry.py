"""CTranslate2 model directories of any family (OPUS-MT/Marian, NLLB-200, M2M-100, Argos): detection, registration, choice."""

from __future__ import annotations

import json
import os
from pathlib import Path

from zhen.errors import InputError, ModelError, UsageError
from zhen.mt.models import ModelInfo, find_model, list_models

FAMILIES = ("argos", "marian", "nllb", "m2m100")
# SentencePiece file names the converters and the model hubs use, per family.
SHARED_SPM = ("sentencepiece.model", "sentencepiece.bpe.model", "spm.model", "spm.128k.model", "tokenizer.model")


def data_dir() -> Path:
    """Where zhen keeps its own registry: $ZHEN_DATA_DIR, else $XDG_DATA_HOME/zhen, else ~/.local/share/zhen."""
    env = os.environ.get("ZHEN_DATA_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "zhen"


def _vocabulary(directory: Path) -> set[str]:
    for name in ("shared_vocabulary.json", "source_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.txt"):
        path = directory / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            try:
                return set(json.loads(text)) if name.endswith(".json") else set(text.splitlines())
            except (json.JSONDecodeError, TypeError):
                raise ModelError(f"{path}: not a CTranslate2 vocabulary file") from None
    raise ModelError(f"{directory}: no vocabulary file (shared_vocabulary.json or source_vocabulary.json): not a CTranslate2 model")


def inspect_model_dir(directory: Path, name: str | None = None) -> ModelInfo:
    """Recognize a converted CTranslate2 zh→en model directory, or say exactly what is wrong with it."""
    directory = directory.expanduser()
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    if (directory / "metadata.json").exists() and (directory / "model" / "model.bin").exists():
        found = [m for m in list_models(directory.parent) if m.path.resolve() == directory.resolve()]
        if found:
            return found[0]
    if not (directory / "model.bin").exists():
        raise ModelError(f"{directory}: not a CTranslate2 model (no model.bin; convert it with ct2-transformers-converter "
                         "or ct2-opus-mt-converter)")
    vocabulary = _vocabulary(directory)
    label = name or directory.name
    if {"zho_Hans", "eng_Latn"} <= vocabulary:
        return ModelInfo(directory, "zh", "en", "", label, "nllb", (_one_spm(directory),))
    if {"__zh__", "__en__"} <= vocabulary:
        return ModelInfo(directory, "zh", "en", "", label, "m2m100", (_one_spm(directory),))
    if any(token.endswith("_Latn") or (token.startswith("__") and token.endswith("__") and len(token) <= 8)
           for token in vocabulary):
        raise ModelError(f"{directory}: a multilingual model without Chinese and English language tokens: not zh→en")
    if (directory / "source.spm").exists() and (directory / "target.spm").exists():
        info = ModelInfo(directory, "zh", "en", "", label, "marian", ("source.spm", "target.spm"))
    else:
        info = ModelInfo(directory, "zh", "en", "", label, "marian", (_one_spm(directory),))
    _check_direction(info)
    return info


def _one_spm(directory: Path) -> str:
    for candidate in SHARED_SPM + ("source.spm",):
        if (directory / candidate).exists():
            return candidate
    raise ModelError(f"{directory}: no SentencePiece tokenizer ({', '.join(SHARED_SPM)} or source.spm + target.spm)")


def _check_direction(info: ModelInfo) -> None:
    # A Marian directory does not say its languages: its source tokenizer must know Chinese and its
    # target tokenizer English, or it is some other pair.
    import sentencepiece

    source, target = info.tokenizer_files
    try:
        src = sentencepiece.SentencePieceProcessor(model_file=str(source))
        tgt = sentencepiece.SentencePieceProcessor(model_file=str(target or source))
    except (OSError, RuntimeError):
        raise ModelError(f"{source}: not a SentencePiece model") from None
    han = src.encode("中华人民共和国国务院总理在北京表示")
    if sum(1 for i in han if i == src.unk_id()) > len(han) // 2:
        raise ModelError(f"{info.path}: its source tokenizer does not know Chinese: not a zh→en model")
    english = tgt.encode("the government said on Monday")
    if sum(1 for i in english if i == tgt.unk_id()) > len(english) // 2:
        raise ModelError(f"{info.path}: its target tokenizer does not know English: not a zh→en model")


def _registry_file() -> Path:
    return data_dir() / "models.json"


def registered() -> dict[str, Path]:
    """Registered model directories by name."""
    path = _registry_file()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): Path(v) for k, v in data.items()}
    except (json.JSONDecodeError, AttributeError, OSError):
        raise ModelError(f"{path}: model registry is not valid JSON; fix or remove it") from None


def add_model(directory: Path, name: str | None = None) -> ModelInfo:
    """Register a converted model directory under a name (default: the directory's name)."""
    from zhen.write import atomic_write

    info = inspect_model_dir(directory, name)
    models = registered()
    models[info.name] = directory.expanduser().resolve()
    try:
        atomic_write(_registry_file(), json.dumps({k: str(v) for k, v in sorted(models.items())}, indent=1) + "\n")
    except OSError as exc:
        raise ModelError(f"{_registry_file()}: cannot write the model registry ({exc.strerror})") from None
    return ModelInfo(models[info.name], info.from_code, info.to_code, info.version, info.name, info.family, info.tokenizers)


def resolve_model(spec: str | None = None) -> ModelInfo:
    """The model to translate with: a directory, a registered name, an Argos package name, or the installed Argos zh→en."""
    if spec is None:
        return find_model()
    path = Path(spec).expanduser()
    if path.is_dir():
        return inspect_model_dir(path)
    models = registered()
    if spec in models:
        return inspect_model_dir(models[spec], spec)
    for info in list_models():
        if info.name == spec and (info.from_code, info.to_code) == ("zh", "en"):
            return info
    known = sorted(models) + [m.name for m in list_models()]
    raise UsageError(f"--model {spec}: no such directory or registered model" + (f" (known: {', '.join(known)})" if known else ""))


def model_size(info: ModelInfo) -> int:
    """Bytes of the model's weights."""
    path = info.model_dir / "model.bin"
    return path.stat().st_size if path.exists() else 0
