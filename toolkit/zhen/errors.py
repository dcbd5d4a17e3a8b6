"""Named exceptions raised by the library; the CLI turns each into one `Error: …` line and its exit code."""


class ZhenError(Exception):
    """Base class for every error the library reports to a user: the run failed (exit 1)."""

    exit_code = 1


class UsageError(ZhenError):
    """The command cannot run as given: an option value out of range or unknown (a format, a config, a rule
    selector), options that conflict or that would be ignored (exit 2)."""

    exit_code = 2


class InputError(UsageError):
    """A file named on the command line is missing, empty, binary, a directory, or cannot be decoded (exit 2)."""


class GlossaryError(InputError):
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
    """An output cannot be written: a full disk, an unwritable place, a name too long, a link, or a directory
    another run holds (exit 1: the run failed)."""


class ClusterError(ZhenError):
    """Ray is not installed, or the Ray cluster named cannot be reached or cannot run the job."""


class Interrupted(ZhenError):
    """The user interrupted a run; what was finished is in the cache and the outputs (exit 130, as for SIGINT)."""

    exit_code = 130

    def __init__(self, sentences: int | None = None) -> None:
        self.sentences = sentences
        if sentences is None:
            super().__init__("interrupted")
        else:
            super().__init__(f"interrupted: {sentences} sentences translated and saved; "
                             "run the same command again to resume")


def warn(message: str) -> None:
    """One `Warning: …` line on stderr, for problems zhen works around (a broken package, an unusable cache)."""
    import sys

    print(f"Warning: {message}", file=sys.stderr)
