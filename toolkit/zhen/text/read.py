"""Reading user files: encoding detection (BOMs, UTF-8, GB18030, Big5, UTF-16) and clear errors."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from zhen.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a BOM only these are plausible for Chinese news text; restricting the
# candidates keeps charset-normalizer from guessing Japanese or Cyrillic code pages.
# Big5-HKSCS is Big5 plus the Hong Kong characters (嘅, 咗, 哋); plain Big5 text still reads as big5.
_CJK_CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
# Asked only when no Chinese encoding fits, so that the error can say what the file is.
_LATIN_CANDIDATES = ["cp1252", "latin_1"]


@dataclass(frozen=True)
class Source:
    """A decoded text and where it came from."""

    name: str
    text: str
    encoding: str


def decode_bytes(data: bytes, name: str) -> Source:
    """Decode bytes of unknown encoding; raise InputError for empty, binary or non-Chinese 8-bit data."""
    source = _decode(data, name)
    if "\x00" in source.text:
        raise InputError(f"{name}: binary file (contains NUL bytes)")
    return source


def _decode(data: bytes, name: str) -> Source:
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Source(name, data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding} after its byte-order mark ({exc.reason})") from None
    try:
        return Source(name, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK_CANDIDATES).best()
    if best is None or _looks_binary(str(best)):
        latin = from_bytes(data, cp_isolation=_LATIN_CANDIDATES).best()
        if latin is not None and not _looks_binary(str(latin)):
            raise InputError(f"{name}: looks like Latin-1/Windows-1252 text, not Chinese "
                             "(expected UTF-8, UTF-16, GB18030 or Big5)")
        raise InputError(f"{name}: binary file or unknown encoding (not UTF-8, UTF-16, GB18030 or Big5)")
    encoding = codecs.lookup(best.encoding).name
    return Source(name, str(best), encoding)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in text or controls > len(text) // 100


def require_stdin() -> None:
    """Refuse - when there is no standard input to read (started with it closed: `zhen … - <&-`)."""
    if sys.stdin is None:
        raise InputError("-: standard input is closed; give a file")


def read_source(path: str | Path) -> Source:
    """Read a file (or standard input when path is '-') and decode it."""
    if str(path) == "-":
        require_stdin()
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode_bytes(data, str(p))
