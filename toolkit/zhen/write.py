"""Writing outputs: atomically with the user's umask, through devices and FIFOs, never over an input, one run per directory."""

from __future__ import annotations

import fcntl
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from zhen.errors import InputError, OutputError

STDOUT = "-"
LOCK = ".zhen-lock"


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _cannot(path: str | Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def output_kind(path: Path) -> str:
    """How an output is written: 'stdout' for -, 'through' for a character device or a FIFO (opened and written
    in place: replacing the node would destroy it), 'file' for a regular or new file (replaced atomically).

    A symbolic link to a file is refused, neither swapped for a file nor followed to a file out of sight (a
    link to a device or FIFO, such as /dev/stdout on a pipe, is written through); so are block devices and sockets."""
    if str(path) == STDOUT:
        return "stdout"
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(f"{path}: is a symbolic link to {os.readlink(path)}, which does not exist; "
                              "zhen never replaces a link: name a file") from None
        return "file"
    except OSError as exc:
        raise _cannot(path, exc) from None
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return "through"
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory, expected a file")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is neither a file, a character device nor a FIFO; choose another output")
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link to the file {os.path.realpath(path)}; zhen never replaces "
                          "a link: name the file itself (or - for standard output)")
    return "file"


def atomic_write(path: str | Path, text: str) -> None:
    """Write text as UTF-8 to path (see atomic_write_lines)."""
    atomic_write_lines(path, [text])


def atomic_write_lines(path: str | Path, parts: Iterable[str]) -> None:
    """Write text produced piece by piece (never all in memory at once) as UTF-8, as output_kind decides.

    A file goes via a temporary file in the same directory and a rename. A new file gets the mode the user's
    umask gives (mkstemp alone would make it 0600); a replaced file keeps its permission bits, never its
    set-uid, set-gid or sticky bit. Any failure to write is one OutputError naming the path."""
    p = Path(path)
    kind = output_kind(p)
    if kind == "stdout":
        try:
            for part in parts:
                sys.stdout.write(part)
            sys.stdout.flush()
        except OSError as exc:
            raise _cannot("standard output", exc) from None
        return
    if kind == "through":
        try:
            with p.open("w", encoding="utf-8", newline="") as handle:
                for part in parts:
                    handle.write(part)
        except OSError as exc:
            raise _cannot(p, exc) from None
        return
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        mode = p.stat().st_mode & 0o777 if p.exists() else 0o666 & ~_umask()
        # A short temporary name: the output's own name may already be as long as the file system allows.
        fd, tmp = tempfile.mkstemp(prefix=".zhen-", suffix=".tmp", dir=p.parent)
    except OSError as exc:
        raise _cannot(p, exc) from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for part in parts:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, p)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot(p, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    """Check before any work that output can be written: its kind is decided (output_kind), and the directory a
    file will be renamed into is created and a file made in it, a test that holds for root and read-only file
    systems too, where permission bits say nothing."""
    if directory:
        if output.exists() and not output.is_dir():
            raise InputError(f"{output}: exists and is not a directory")
        folder = output
    else:
        kind = output_kind(output)
        if kind == "stdout":
            return
        if kind == "through":
            if not os.access(output, os.W_OK):
                raise OutputError(f"{output}: not writable")
            return
        folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create output directory ({exc.strerror})") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".zhen-", suffix=".tmp", dir=folder)
    except OSError as exc:
        if directory:
            raise InputError(f"{folder}: output directory is not writable ({exc.strerror})") from None
        raise _cannot(output, exc) from None
    os.close(fd)
    os.unlink(probe)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an output directory for one run: a second run on it stops at once with one line naming the first.

    The lock is flock(2) on a file in the directory, so the kernel releases it when the process ends however it
    ends, and a killed run leaves no stale lock; the holder's pid is in the file while it runs."""
    path = folder / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise OutputError(f"{folder}: another zhen run (pid {holder}) is writing here; "
                              "wait for it to end or choose another -o") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            # Cleared, not removed: removing a lock file lets two later runs lock two different files.
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)
