"""CTranslate2 model directories of any family (OPUS-MT/Marian, NLLB-200, M2M-100, Argos): detection, registration, choice."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from zhen.errors import ModelError, UsageError
from zhen.mt.models import ModelInfo, find_model, is_zh_en, list_models, read_package, require_zh_en

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
        raise ModelError(f"{directory}: {'not a directory' if directory.exists() else 'no such directory'}")
    if (directory / "metadata.json").exists() and (directory / "model" / "model.bin").exists():
        # An Argos package: read as such (not by scanning its parent, which may hold other folders),
        # and named as the user asked.
        package = read_package(directory)
        require_zh_en(package, str(directory))
        return replace(package, name=name) if name else package
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
    """Registered model directories by name; ModelError naming the registry file if it is not a JSON object of paths."""
    path = _registry_file()
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model registry ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ModelError(f"{path}: model registry is not UTF-8 text; fix or remove it") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: model registry is not valid JSON ({exc}); fix or remove it") from None
    if not isinstance(data, dict):
        raise ModelError(f"{path}: model registry must be a JSON object of names and directories, "
                         f"not {json.dumps(data)[:40]}; fix or remove it")
    for name, directory in data.items():
        if not isinstance(directory, str) or not directory:
            raise ModelError(f"{path}: model registry entry {json.dumps(name, ensure_ascii=False)} must be a "
                             f"directory path, not {json.dumps(directory)[:40]}; fix or remove it")
    return {name: Path(directory) for name, directory in data.items()}


def _save(models: dict[str, Path]) -> None:
    from zhen.write import atomic_write

    try:
        atomic_write(_registry_file(), json.dumps({k: str(v) for k, v in sorted(models.items())}, indent=1) + "\n")
    except OSError as exc:
        raise ModelError(f"{_registry_file()}: cannot write the model registry ({exc.strerror})") from None


def add_model(directory: Path, name: str | None = None) -> ModelInfo:
    """Register a converted model directory (or an Argos package folder) under a name (default: the directory's name)."""
    info = inspect_model_dir(directory, name or directory.expanduser().resolve().name)
    models = registered()
    models[info.name] = directory.expanduser().resolve()
    _save(models)
    return replace(info, path=models[info.name])


def remove_model(name: str) -> Path:
    """Forget a registration (the directory itself is left alone); returns the directory it named."""
    models = registered()
    if name not in models:
        known = f"registered: {', '.join(sorted(models))}" if models else "none registered"
        raise UsageError(f"no registered model named {name!r} ({known}); `zhen model list` shows them")
    directory = models.pop(name)
    _save(models)
    return directory


@dataclass(frozen=True)
class Registration:
    """A registered name, its directory, and the model there or why there is none usable."""

    name: str
    path: Path
    info: ModelInfo | None
    problem: str = ""

    @property
    def missing(self) -> bool:
        return not self.path.exists()


def registrations() -> list[Registration]:
    """Every registered directory, inspected; one that was deleted or damaged is reported, not raised."""
    found = []
    for name, path in sorted(registered().items()):
        try:
            found.append(Registration(name, path, inspect_model_dir(path, name)))
        except ModelError as exc:
            found.append(Registration(name, path, None, str(exc)))
    return found


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
        if info.name == spec and is_zh_en(info):
            return info
    known = sorted(models) + [m.name for m in list_models()]
    raise ModelError(f"--model {spec}: no such directory or registered model" + (f" (known: {', '.join(known)})" if known else ""))


def model_size(info: ModelInfo) -> int:
    """Bytes of the model's weights."""
    path = info.model_dir / "model.bin"
    return path.stat().st_size if path.exists() else 0
