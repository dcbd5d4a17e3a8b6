"""Writing outputs: atomically, with the user's umask, and never over one of the run's inputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from zhen.errors import InputError


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, text: str) -> None:
    """Write text as UTF-8 to path via a temporary file in the same directory and a rename.

    A new file gets the mode the user's umask gives (mkstemp alone would make it 0600); a replaced
    file keeps its mode."""
    atomic_write_lines(path, [text])


def atomic_write_lines(path: str | Path, parts: Iterable[str]) -> None:
    """atomic_write for text produced piece by piece (never all in memory at once)."""

    def save(handle: BinaryIO) -> None:
        for part in parts:
            handle.write(part.encode("utf-8"))

    atomic_save(path, save)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def guard_outputs(inputs: list[Path], output: Path | None, directory: bool) -> None:
    """Refuse, before any work, an output that is one of the inputs or a directory that holds them."""
    if output is None:
        return
    if directory:
        root = output.resolve()
        for source in inputs:
            if root == source.resolve().parent or root in source.resolve().parents:
                raise InputError(f"{output}: output directory holds the input {source}; choose another -o")
    else:
        for source in inputs:
            if _same(source, output):
                raise InputError(f"{output}: output is the input file; choose another -o")


def ensure_writable(output: Path, directory: bool) -> None:
    """Create the output directory (or a file's parent) now and check it is writable, before translating."""
    folder = output if directory else output.parent
    if directory and output.exists() and not output.is_dir():
        raise InputError(f"{output}: exists and is not a directory")
    if not directory and output.is_dir():
        raise InputError(f"{output}: is a directory, expected a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create output directory ({exc.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{folder}: output directory is not writable")


def atomic_save(path: str | Path, save: Callable[[BinaryIO], None]) -> None:
    """Write a file through save(handle) via a temporary file in the same directory and a rename (for text
    above, and for binary files a library writes itself). A new file gets the mode the user's umask gives
    (mkstemp alone would make it 0600); a replaced file keeps its mode."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    p.parent.mkdir(parents=True, exist_ok=True)
    mode = p.stat().st_mode & 0o7777 if p.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
