"""What every command shares: the Typer apps, common options, and the one-line `Error: …` wrapper."""

from __future__ import annotations

import functools
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Annotated, Any, Optional, TextIO

import typer

from zhen import __version__
from zhen.errors import GlossaryWarning, Interrupted, OutputError, ZhenError


def _typer(help: str) -> typer.Typer:
    # Plain click-style usage errors (no rich boxes) keep error output to one line.
    return typer.Typer(help=help, no_args_is_help=True, pretty_exceptions_enable=False,
                       add_completion=False, rich_markup_mode=None)


app = _typer("Offline Chinese→English translation and terminology toolkit.")
glossary_app = _typer("Export, import and summarize glossaries.")
model_app = _typer("Install, register, list and locate zh→en translation models.")
check_app = _typer("Check the glossary, a corpus, or a translation. Exit 0: clean or only info findings, "
                   "1: an error or warning found, 2: usage or input error.")
app.add_typer(check_app, name="check")
app.add_typer(glossary_app, name="glossary")
app.add_typer(model_app, name="model")

GlossaryOpt = Annotated[
    Optional[list[Path]],
    typer.Option("--glossary", "-g", help="Glossary file or directory; repeatable, later ones override. Default: the bundled glossary/."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
FileArg = Annotated[str, typer.Argument(metavar="FILE", help="Text file, or - for standard input.")]
ShowEncodingOpt = Annotated[bool, typer.Option("--show-encoding", help="Say which encoding was detected (stderr).")]


def _one_line_warnings(show):
    """A warnings.showwarning that prints zhen's own warnings as `Warning: …` and hands the rest to show."""

    def shown(message, category, *rest, **kwargs):
        if issubclass(category, GlossaryWarning):
            typer.echo(f"Warning: {message}", err=True)
        else:
            show(message, category, *rest, **kwargs)

    return shown


class _Stdout:
    """Standard output while a command runs: a write it cannot take (a full disk, an I/O error) becomes one
    OutputError, every time (click tries, and forgives, an empty write before the real one)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: OSError) -> OutputError:
        self.failed = True
        return OutputError(f"standard output: cannot write ({exc.strerror or exc})")

    def discard(self) -> None:
        """Send what is left for standard output to /dev/null, so that Python's own flush at exit fails no more."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, self._stream.fileno())
        os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def reports_errors(fn):
    """The one rule for exit codes: a library error becomes one `Error: …` line and its class's exit code
    (2: usage or input error, 1: the run failed, 130: interrupted); Ctrl-C anywhere is 130 too. A standard
    output that cannot be written (a full disk) is one OutputError line too."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        stdout = sys.stdout
        guarded = _Stdout(stdout) if stdout is not None else None
        if guarded is not None:
            sys.stdout = guarded
        try:
            with warnings.catch_warnings():
                # The library's warnings (a glossary term given twice) are one line each on stderr.
                warnings.simplefilter("default", GlossaryWarning)
                warnings.showwarning = _one_line_warnings(warnings.showwarning)
                return fn(*args, **kwargs)
        except ZhenError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(f"Error: {Interrupted()}", err=True)
            raise typer.Exit(Interrupted.exit_code) from None
        except BrokenPipeError:
            sys.stderr.close()
        finally:
            sys.stdout = stdout
            if guarded is not None and guarded.failed:
                guarded.discard()

    return wrapper


def _glossary(paths: list[Path] | None):
    from zhen.terms.glossary import load_glossary

    return load_glossary(list(paths) if paths else None)


def _read(file: str, show_encoding: bool):
    from zhen.text.read import read_source

    source = read_source(file)
    if show_encoding:
        typer.echo(f"{source.name}: {source.encoding}", err=True)
    return source


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhen {__version__}")
        raise typer.Exit()


def _write_or_echo(text: str, output: Path | None) -> None:
    from zhen.write import atomic_write

    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(output, text)
