"""Named exceptions raised by the library; the CLI turns each into one `Error: …` line."""


class ZhenError(Exception):
    """Base class for every error the library reports to a user."""


class InputError(ZhenError):
    """A file is missing, empty, binary, a directory, or cannot be decoded."""


class GlossaryError(ZhenError):
    """A glossary file is malformed; the message names the file and line."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class GlossaryWarning(UserWarning):
    """A glossary loads, but not as its author may think: the same Chinese term given on two rows."""


class ModelError(ZhenError):
    """No usable translation model is installed, or a package is invalid."""


class OutputError(ZhenError):
    """An output cannot be written: a full disk, an unwritable place, a name too long, a link, or a directory another run holds."""


class Interrupted(ZhenError):
    """The user interrupted a run; what was finished is in the cache and the outputs."""

    def __init__(self, sentences: int) -> None:
        self.sentences = sentences
        super().__init__(f"interrupted: {sentences} sentences translated and saved; run the same command again to resume")

class UsageError(ZhenError):
    """An option value is out of range or unknown; the CLI reports it as a usage error (exit 2)."""


def warn(message: str) -> None:
    """One `Warning: …` line on stderr, for problems zhen works around (a broken package, an unusable cache)."""
    import sys

    print(f"Warning: {message}", file=sys.stderr)


class ClusterError(ZhenError):
    """Ray is not installed, or the Ray cluster named cannot be reached or cannot run the job."""
