"""Which documents a run reads: a file, standard input, a directory (tree), a list file, or JSON Lines records; read lazily."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhen.errors import InputError, UsageError
from zhen.text.read import read_source, require_stdin


@dataclass(frozen=True)
class Document:
    """One input document: an id (its output name, a relative path for a tree) and where its text comes from."""

    id: str
    path: Path | None
    record: int = 0

    def text(self) -> str:
        """The decoded text (read now, not when the list of documents is made)."""
        if self.path is None:
            return read_source("-").text
        return read_source(self.path).text


@dataclass
class Sources:
    """The documents of a run and how their outputs are laid out."""

    documents: list[Document]
    # Inputs that outputs must never overwrite.
    inputs: list[Path]
    directory: bool
    jsonl: Path | None = None
    id_field: str = "id"
    text_field: str = "text"
    terms_field: str = "terms"
    # Whether any record carries its own terms (checked when the records are planned).
    with_terms: bool = False
    # JSON Lines read from standard input, which can be read only once: held here.
    stdin_lines: list[str] | None = None

    def texts(self) -> Iterator[tuple[str, str]]:
        """(id, text) of each document, read one at a time."""
        for doc_id, text, _ in self.requests():
            yield doc_id, text

    def requests(self) -> Iterator[tuple[str, str, list[Any] | None]]:
        """(id, text, the record's own term list or None) of each document, read one at a time."""
        if self.jsonl is not None:
            yield from _records(self.jsonl, self.id_field, self.text_field, self.terms_field, lines=self.stdin_lines)
            return
        for doc in self.documents:
            yield doc.id, doc.text(), None


def find_sources(source: str, recursive: bool = False, from_list: Path | None = None,
                 jsonl: bool = False, id_field: str = "id", text_field: str = "text",
                 terms_field: str = "terms") -> Sources:
    """Resolve what the user named into documents, with one clear error for what cannot be read."""
    is_file = source != "-" and Path(source).exists() and not Path(source).is_dir()
    if recursive and (from_list is not None or jsonl or source == "-" or is_file):
        what = "--from-list" if from_list is not None else "--jsonl" if jsonl else "standard input" if source == "-" else source
        raise UsageError(f"--recursive applies to a directory INPUT, not {what}: leave out --recursive")
    if from_list is not None:
        lines = read_source(from_list).text.splitlines()
        paths = [Path(line.strip()) for line in lines if line.strip() and not line.startswith("#")]
        for number, path in enumerate(paths, start=1):
            if not path.is_file():
                raise InputError(f"{from_list}: listed file {path} does not exist or is not a file")
        return Sources([Document(_list_id(p), p) for p in paths], paths, directory=True)
    if jsonl:
        path = Path(source)
        # Split as a file is read (str.splitlines would also cut at U+2028, which JSON strings may hold).
        held = list(io.StringIO(read_source("-").text, newline=None)) if source == "-" else None
        records = [(doc_id, terms is not None)
                   for doc_id, _, terms in _records(path, id_field, text_field, terms_field, texts=False, lines=held)]
        return Sources([Document(i, path, n) for n, (i, _) in enumerate(records)], [] if held is not None else [path],
                       directory=False, jsonl=path, id_field=id_field, text_field=text_field, terms_field=terms_field,
                       with_terms=any(has for _, has in records), stdin_lines=held)
    if source == "-":
        require_stdin()  # now, before a model is loaded
        return Sources([Document("stdin", None)], [], directory=False)
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in (path.rglob("*.txt") if recursive else path.glob("*.txt")) if p.is_file())
        if not files:
            raise InputError(f"{source}: directory holds no .txt files" + ("" if recursive else " (--recursive looks in subdirectories)"))
        return Sources([Document(str(f.relative_to(path).with_suffix("")), f) for f in files], files, directory=True)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    return Sources([Document(path.stem, path)], [path], directory=False)


def _list_id(path: Path) -> str:
    # Listed files keep their relative path as output name, so two files called a.txt do not collide.
    return str(path.with_suffix("")) if not path.is_absolute() else path.stem


def _records(path: Path, id_field: str, text_field: str, terms_field: str, texts: bool = True,
             lines: list[str] | None = None) -> Iterator[tuple[str, str, list[Any] | None]]:
    """(id, text, the record's own terms or None) of each record of a JSON Lines file, or of lines already
    read (standard input)."""
    if lines is not None:
        yield from _parse(lines, "<stdin>", id_field, text_field, terms_field, texts)
        return
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        yield from _parse(handle, str(path), id_field, text_field, terms_field, texts)


def _parse(lines: Iterable[str], name: str, id_field: str, text_field: str, terms_field: str,
           texts: bool) -> Iterator[tuple[str, str, list[Any] | None]]:
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            doc_id, text = str(record[id_field]), record[text_field]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise InputError(f"{name}:{number}: not a JSON object with {id_field!r} and {text_field!r} fields") from None
        if not isinstance(text, str):
            raise InputError(f"{name}:{number}: field {text_field!r} is not a string")
        if not texts and doc_id in seen:
            raise InputError(f"{name}:{number}: duplicate id {doc_id!r}")
        seen.add(doc_id)
        terms = record.get(terms_field)
        if terms is not None and not texts:
            _check_terms(terms, f"{name}:{number}: field {terms_field!r}")
        yield doc_id, text if texts else "", terms


def _check_terms(terms: Any, where: str) -> None:
    # Checked when the records are planned, before any model is loaded.
    from zhen.terms.layer import TermsError, parse_terms

    try:
        parse_terms(terms)
    except TermsError as exc:
        raise InputError(f"{where}: {exc}") from None
