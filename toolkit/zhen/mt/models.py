"""Model management: install (validated, atomic), list, locate and download Argos zh→en packages."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhen.errors import ModelError, warn

FROM, TO = "zh", "en"
INSTALL_COMMANDS = "`zhen model install PATH.argosmodel` or `zhen model install --download`"
MISSING = ("no zh→en translation model installed in {dir}; install one with "
           "`zhen model install PATH.argosmodel` or download it with `zhen model install --download`")
# Argos Translate's own package index; $ZHEN_PACKAGE_INDEX points elsewhere (a mirror, or a test).
PACKAGE_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
REQUIRED_METADATA = ("from_code", "to_code", "package_version")
# A staging directory's prefix; a leftover one (after a crash) is ours and never taken for a package.
STAGING_PREFIX = ".zhen-install-"


def packages_dir() -> Path:
    """Where Argos packages live: $ARGOS_PACKAGES_DIR, else Argos Translate's own default."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data_home / "argos-translate" / "packages"


@dataclass(frozen=True)
class ModelInfo:
    """An installed translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    name: str
    family: str = "argos"
    tokenizers: tuple[str, ...] = ("sentencepiece.model",)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model directory (an Argos package keeps it in model/)."""
        return self.path / "model" if self.family == "argos" else self.path

    @property
    def tokenizer_files(self) -> tuple[Path, Path | None]:
        """Source SentencePiece model, and the target one when the model has its own."""
        files = [self.path / name for name in self.tokenizers]
        return files[0], (files[1] if len(files) > 1 else None)

    @property
    def signature(self) -> str:
        """Model name and version plus a digest of the weights, for result signatures and caches."""
        return f"{self.name} {self.version} {weights_digest(self.model_dir / 'model.bin')}"


def weights_digest(path: Path) -> str:
    # Size plus the first and last MiB identify a model.bin without reading 75 MB each run.
    if not path.exists():
        return "no-weights"
    digest = hashlib.sha256(str(path.stat().st_size).encode())
    with path.open("rb") as handle:
        digest.update(handle.read(1 << 20))
        handle.seek(max(path.stat().st_size - (1 << 20), 0))
        digest.update(handle.read())
    return digest.hexdigest()[:12]


def read_package(path: Path, label: str | None = None) -> ModelInfo:
    """A package folder's ModelInfo after cheap checks (metadata, files, model.bin header); ModelError if invalid.

    Messages start with label (default: the folder), so that install can name the archive instead."""
    label = label or str(path)
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{label}: not an Argos package (no metadata.json)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{label}: metadata.json is unreadable or not JSON ({exc})") from None
    if not isinstance(metadata, dict):
        raise ModelError(f"{label}: metadata.json must be a JSON object, not {type(metadata).__name__}")
    for required in ("model/model.bin", "model/config.json", "sentencepiece.model"):
        if not (path / required).is_file():
            raise ModelError(f"{label}: package lacks {required}")
    lacking = [key for key in REQUIRED_METADATA if metadata.get(key) in (None, "")]
    if lacking:
        raise ModelError(f"{label}: metadata.json lacks {', '.join(lacking)}")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata[key], str):
            raise ModelError(f"{label}: metadata.json: {key} must be a language code string, not {json.dumps(metadata[key])}")
    if isinstance(metadata["package_version"], bool) or not isinstance(metadata["package_version"], (str, int, float)):
        raise ModelError(f"{label}: metadata.json: package_version must be a string or a number, "
                         f"not {json.dumps(metadata['package_version'])}")
    if not _model_header_ok(path / "model" / "model.bin"):
        raise ModelError(f"{label}: model/model.bin is not a CTranslate2 model")
    return ModelInfo(path, str(metadata["from_code"]), str(metadata["to_code"]), str(metadata["package_version"]), path.name)


def _language(code: str) -> str:
    # A BCP 47 or ISO 639 code's language ("zh-Hans", "zho", "en_US"); a traditional-script Chinese
    # model (Argos's "zt", "zh-Hant") is another language here, as zhen feeds it simplified text.
    parts = code.strip().lower().replace("_", "-").split("-")
    if parts[0] in ("zh", "zho", "chi", "cmn") and "hant" not in parts[1:]:
        return FROM
    return TO if parts[0] in ("en", "eng") else code


def is_zh_en(info: ModelInfo) -> bool:
    """Whether a package's codes name Chinese (simplified) as its source and English as its target."""
    return (_language(info.from_code), _language(info.to_code)) == (FROM, TO)


def require_zh_en(info: ModelInfo, label: str) -> None:
    """ModelError unless the package translates Chinese into English."""
    if not is_zh_en(info):
        raise ModelError(f"{label}: metadata.json says {info.from_code}→{info.to_code}, not zh→en")


def _model_header_ok(model_bin: Path) -> bool:
    # CTranslate2's model.bin starts with a uint32 format version and a length-prefixed spec name;
    # reading those 64 bytes catches garbage without loading the weights.
    with model_bin.open("rb") as handle:
        head = handle.read(64)
    if len(head) < 6:
        return False
    version, length = struct.unpack_from("<IH", head)
    name = head[6 : 6 + length]
    return 1 <= version <= 100 and 0 < length <= 58 and len(name) == length and name.rstrip(b"\0").isascii()


def _load_check(path: Path, label: str) -> None:
    # The full check at install time: CTranslate2 loads the model and SentencePiece the tokenizer.
    import ctranslate2
    import sentencepiece

    try:
        ctranslate2.Translator(str(path / "model"), device="cpu", intra_threads=1)
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError with a multi-line reason
        raise ModelError(f"{label}: CTranslate2 cannot load model/ ({_first_line(exc)})") from None
    try:
        sentencepiece.SentencePieceProcessor(model_file=str(path / "sentencepiece.model"))
    except Exception as exc:  # SentencePiece raises OSError/RuntimeError depending on version
        raise ModelError(f"{label}: SentencePiece cannot load sentencepiece.model ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def scan_models(directory: Path | None = None) -> tuple[list[ModelInfo], list[str]]:
    """Valid installed packages, and one message per folder that looks like a package but is broken."""
    directory = directory or packages_dir()
    try:
        subs = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith(STAGING_PREFIX))
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    except OSError as exc:
        raise ModelError(f"{directory}: cannot read the packages directory ({exc.strerror})") from None
    found, broken = [], []
    for sub in subs:
        if not (sub / "metadata.json").exists():
            continue
        try:
            found.append(read_package(sub))
        except ModelError as exc:
            broken.append(f"skipping broken package: {exc}")
    return found, broken


def list_models(directory: Path | None = None) -> list[ModelInfo]:
    """Installed packages; a broken one is skipped with a one-line warning on stderr."""
    found, broken = scan_models(directory)
    for message in broken:
        warn(message)
    return found


def find_model(directory: Path | None = None) -> ModelInfo:
    """The installed zh→en package (the newest version if several), or ModelError naming both install commands."""
    directory = directory or packages_dir()
    candidates = [m for m in list_models(directory) if is_zh_en(m)]
    if not candidates:
        raise ModelError(MISSING.format(dir=directory))
    from packaging.version import InvalidVersion, Version

    def key(m: ModelInfo):
        try:
            return (1, Version(m.version))
        except InvalidVersion:
            return (0, Version("0"))

    return max(candidates, key=key)


def _members(zf: zipfile.ZipFile, archive: Path) -> tuple[str, list[tuple[zipfile.ZipInfo, PurePosixPath]]]:
    """The package folder's name and each file entry's normalized path (`./a/b` → `a/b`); refuse anything else."""
    members = []
    for member in zf.infolist():
        raw = member.filename.replace("\\", "/")
        parts = [part for part in raw.split("/") if part not in ("", ".")]
        if raw.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise ModelError(f"{archive}: refusing unsafe path {member.filename!r} in archive")
        if parts and not member.is_dir():
            members.append((member, PurePosixPath(*parts)))
    tops = {path.parts[0] for _, path in members}
    top = next(iter(tops)) if len(tops) == 1 else ""
    if not top or any(len(path.parts) < 2 for _, path in members) or PurePosixPath(top, "metadata.json") not in {
            path for _, path in members}:
        raise ModelError(f"{archive}: not an Argos package (expected one folder with metadata.json)")
    if top.startswith("."):
        raise ModelError(f"{archive}: refusing package folder name {top!r}")
    return top, members


def install_model(archive: Path, directory: Path | None = None) -> ModelInfo:
    """Install an .argosmodel zip: unpack beside the target, validate there, then rename into place.

    Only the staging folder it creates and a same-named package it replaces are ever removed;
    the old package is moved aside first and removed only once the new one is in place."""
    directory = directory or packages_dir()
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file" if not archive.exists() else f"{archive}: not a file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not an Argos package (.argosmodel must be a zip archive)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=directory))
    except OSError as exc:
        raise ModelError(f"{directory}: cannot write to the packages directory ({exc.strerror or exc}); "
                         "set ARGOS_PACKAGES_DIR to a writable directory") from None
    try:
        with zipfile.ZipFile(archive) as zf:
            top, members = _members(zf, archive)
            for member, path in members:
                out = staging.joinpath(*path.parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
        unpacked = staging / top
        info = read_package(unpacked, str(archive))
        require_zh_en(info, str(archive))
        _load_check(unpacked, str(archive))
        target = directory / top
        if target.is_symlink() or (target.exists() and not (target / "metadata.json").is_file()):
            raise ModelError(f"{target} exists and is not an Argos package; not replacing it")
        old = staging / ".previous"
        if target.exists():
            os.replace(target, old)
        try:
            os.replace(unpacked, target)
        except OSError:
            if old.exists():
                os.replace(old, target)
            raise
    except ModelError:
        raise
    except zipfile.BadZipFile as exc:
        raise ModelError(f"{archive}: damaged zip archive ({exc})") from None
    except OSError as exc:
        raise ModelError(f"cannot install into {directory}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ModelInfo(target, info.from_code, info.to_code, info.version, top)


def download_model(directory: Path | None = None) -> ModelInfo:
    """Download the zh→en package from the Argos package index (needs internet) and install it.

    Plain urllib rather than argostranslate: importing argostranslate creates directories under
    $HOME, and its index update recurses without end when offline."""
    import urllib.error
    import urllib.request

    index_url = os.environ.get("ZHEN_PACKAGE_INDEX", PACKAGE_INDEX)
    try:
        with urllib.request.urlopen(index_url, timeout=30) as response:
            index = json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise ModelError(f"cannot download the Argos package index {index_url} ({reason}); "
                         "no network? install a downloaded file with `zhen model install PATH.argosmodel`") from None
    available = [p for p in index if isinstance(p, dict) and (p.get("from_code"), p.get("to_code")) == (FROM, TO)] \
        if isinstance(index, list) else []
    links = [link for p in available for link in p.get("links", []) if isinstance(link, str)]
    if not links:
        raise ModelError(f"the Argos package index {index_url} lists no zh→en package")
    directory = directory or packages_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=".argosmodel", dir=directory)
    except OSError as exc:
        raise ModelError(f"{directory}: cannot write to the packages directory ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(links[0], timeout=60) as response:
            shutil.copyfileobj(response, out)
        return install_model(Path(name), directory)
    except (urllib.error.URLError, OSError) as exc:
        raise ModelError(f"download of {links[0]} failed ({getattr(exc, 'reason', None) or exc})") from None
    finally:
        os.unlink(name)
