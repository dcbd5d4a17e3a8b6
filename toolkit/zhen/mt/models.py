"""Model management through argostranslate's package API: install, list, locate, download."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import ModelError

FROM, TO = "zh", "en"
MISSING = (
    "no zh→en translation model installed in {dir}; install one with "
    "`zhen model install PATH.argosmodel` or download it with `zhen model install --download`"
)


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


def list_models(directory: Path | None = None) -> list[ModelInfo]:
    """Installed packages, read with argostranslate.package.Package."""
    directory = directory or packages_dir()
    if not directory.is_dir():
        return []
    from argostranslate.package import Package

    found = []
    for sub in sorted(p for p in directory.iterdir() if (p / "metadata.json").exists()):
        pkg = Package(sub)
        found.append(ModelInfo(sub, pkg.from_code, pkg.to_code, str(pkg.package_version), sub.name))
    return found


def find_model(directory: Path | None = None) -> ModelInfo:
    """The installed zh→en package (the newest version if several), or ModelError naming both install commands."""
    directory = directory or packages_dir()
    candidates = [m for m in list_models(directory) if (m.from_code, m.to_code) == (FROM, TO)]
    if not candidates:
        raise ModelError(MISSING.format(dir=directory))
    from packaging.version import InvalidVersion, Version

    def key(m: ModelInfo):
        try:
            return (1, Version(m.version))
        except InvalidVersion:
            return (0, Version("0"))

    return max(candidates, key=key)


def install_model(archive: Path, directory: Path | None = None) -> ModelInfo:
    """Install an .argosmodel zip: validate it, unpack beside the target and rename into place."""
    directory = directory or packages_dir()
    if not archive.exists():
        raise ModelError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not an Argos package (.argosmodel must be a zip archive)")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) != 1 or f"{next(iter(tops))}/metadata.json" not in names:
            raise ModelError(f"{archive}: not an Argos package (expected one folder with metadata.json)")
        top = next(iter(tops))
        if any(n.startswith("/") or ".." in Path(n).parts for n in names):
            raise ModelError(f"{archive}: refusing unsafe paths in archive")
        try:
            metadata = json.loads(zf.read(f"{top}/metadata.json"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ModelError(f"{archive}: metadata.json is not valid JSON") from None
        for required in ("model/model.bin", "sentencepiece.model"):
            if f"{top}/{required}" not in names:
                raise ModelError(f"{archive}: package lacks {required}")
        directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=directory))
        try:
            zf.extractall(staging)
            target = directory / top
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging / top, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return ModelInfo(target, metadata.get("from_code", ""), metadata.get("to_code", ""),
                     str(metadata.get("package_version", "")), top)


def download_model(directory: Path | None = None) -> ModelInfo:
    """Download the zh→en package from the Argos package index (needs internet) and install it."""
    from argostranslate import package

    try:
        package.update_package_index()
        available = [p for p in package.get_available_packages() if (p.from_code, p.to_code) == (FROM, TO)]
    except OSError as exc:
        raise ModelError(f"cannot reach the Argos package index: {exc}") from None
    if not available:
        raise ModelError("the Argos package index lists no zh→en package (is the network reachable?)")
    try:
        path = available[0].download()
    except Exception as exc:  # argostranslate raises bare Exception on a failed download
        raise ModelError(f"download failed: {exc}") from None
    return install_model(Path(path), directory)
