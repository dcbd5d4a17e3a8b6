"""Gettext PO with polib: empty msgstr filled and flagged fuzzy, with a translator comment naming the terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import polib

from zhen.errors import InputError
from zhen.formats.base import Bilingual, TextUnit
from zhen.formats.inline import EMPTY, Inline, InlineBuilder, Tag

# An entry flagged as a format string keeps its placeholders out of the model, like XLIFF's inline tags:
# printf-style conversions (c-format, python-format, php-format …) or braces (python-brace-format, C#, Java).
PRINTF = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsab%]")
BRACE = re.compile(r"\{[^{}\s]*\}")
BRACE_FORMATS = ("python-brace-format", "csharp-format", "java-format", "java-printf-format")


def placeholders(text: str, flags: list[str]) -> Inline:
    """The text with the placeholders its format flags declare taken out as tags."""
    formats = [f for f in flags if f.endswith("-format") and not f.startswith("no-")]
    if not formats:
        return Inline(text)
    regex = BRACE if any(f in BRACE_FORMATS[:3] for f in formats) else PRINTF
    builder, at = InlineBuilder(), 0
    for match in regex.finditer(text):
        builder.text(text[at:match.start()])
        builder.tag(EMPTY, match.group())
        at = match.end()
    builder.text(text[at:])
    return builder.build()


class Po(Bilingual):
    """A PO file; a plural entry is two units (msgid for form 0, msgid_plural for the others)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        try:
            self.po = polib.pofile(str(path))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            # polib names the file and the line in its own words: said once here, as file:line.
            line = re.search(r"\(line (\d+)\)", str(exc))
            if line:
                raise InputError(f"{path}:{line.group(1)}: not a PO file (syntax error)") from None
            raise InputError(f"{path}: not a PO file ({str(exc).strip() or type(exc).__name__})") from None
        # A catalog's Language is the language of its msgstr: zhen writes only English.
        language = self.po.metadata.get("Language")
        if language and language.lower().replace("_", "-").split("-")[0] != "en":
            raise InputError(f"{path}: target language is {language!r} (Language header), not English; "
                             "zhen translates into English")

    def units(self) -> Iterator[TextUnit]:
        for entry in self.po:
            if entry.obsolete:
                continue
            name = (f"{entry.msgctxt}|" if entry.msgctxt else "") + entry.msgid
            if entry.msgid_plural:
                forms = entry.msgstr_plural
                yield TextUnit(f"{name}[0]", entry.linenum, placeholders(entry.msgid, entry.flags),
                               Inline(forms.get(0, "")), (entry, 0))
                yield TextUnit(f"{name}[1]", entry.linenum, placeholders(entry.msgid_plural, entry.flags),
                               Inline(forms.get(1, "")), (entry, 1))
            else:
                yield TextUnit(name, entry.linenum, placeholders(entry.msgid, entry.flags), Inline(entry.msgstr),
                               (entry, None))

    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        entry, form = unit.handle
        text = "".join(item if isinstance(item, str) else item.payload for item in items)
        if form is None:
            entry.msgstr = text
        else:
            # English has two forms: the singular fills form 0, the plural every other form the header asks for.
            for index in sorted(entry.msgstr_plural) or [0, 1]:
                if (index == 0) == (form == 0):
                    entry.msgstr_plural[index] = text
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if note not in entry.tcomment:
            entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note

    def dump(self) -> str:
        return str(self.po)


def open_file(path: Path) -> Po:
    return Po(path)
