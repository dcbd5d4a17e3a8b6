"""XLIFF 1.2 and 2.x: units read with lxml, untranslated targets filled and marked for review, the rest kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from zhen.errors import InputError
from zhen.formats.base import Bilingual, TextUnit
from zhen.formats.inline import Tag
from zhen.formats.markup import append, chinese, dump, english, fill, flatten, insert_after, local, parse

# Elements that hold text between their tags; every other inline element is copied whole.
CONTAINERS_1 = frozenset({"g", "mrk"})
CONTAINERS_2 = frozenset({"pc", "mrk"})


def _pairing_1(element: etree._Element) -> tuple[str, str] | None:
    # XLIFF 1.2 pairs <bpt>/<ept> (and <bx/>/<ex/>) by rid, or by id where rid is absent.
    name = local(element)
    key = element.get("rid") or element.get("id")
    if name in ("bpt", "bx") and key:
        return "start", key
    if name in ("ept", "ex") and key:
        return "end", key
    return None


def _pairing_2(element: etree._Element) -> tuple[str, str] | None:
    # XLIFF 2.x: <ec startRef> closes the <sc id> (and <em startRef> the <sm id>); isolated ones stand alone.
    name = local(element)
    if name in ("sc", "sm") and element.get("isolated") != "yes" and element.get("id"):
        return "start", element.get("id", "")
    if name in ("ec", "em") and element.get("startRef"):
        return "end", element.get("startRef", "")
    return None


class Xliff(Bilingual):
    """An XLIFF document, 1.2 or 2.x (told apart by the root's version)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.tree = parse(path)
        root = self.tree.getroot()
        if local(root) != "xliff":
            raise InputError(f"{path}:{root.sourceline}: not an XLIFF file (root element <{local(root)}>)")
        self.version = root.get("version", "1.2")
        self.two = self.version.startswith("2")
        self.ns = etree.QName(root).namespace
        if self.two:
            self._languages(root, root.get("srcLang"), root.get("trgLang"), "srcLang")
            if root.get("trgLang") is None:
                root.set("trgLang", "en")  # required in 2.x once a target exists
        else:
            for file in self._all(root, "file"):
                self._languages(file, file.get("source-language"), file.get("target-language"), "source-language")

    def _languages(self, element: etree._Element, source: str | None, target: str | None, attribute: str) -> None:
        where = f"{self.path}:{element.sourceline}"
        if not chinese(source):
            raise InputError(f"{where}: source language is {source!r} ({attribute}), not Chinese; zhen translates from Chinese")
        if target is not None and not english(target):
            raise InputError(f"{where}: target language is {target!r}, not English; zhen translates into English")

    def _all(self, root: etree._Element, name: str) -> Iterator[etree._Element]:
        return root.iter(f"{{{self.ns}}}{name}" if self.ns else name)

    def _child(self, element: etree._Element, name: str) -> etree._Element | None:
        return element.find(f"{{{self.ns}}}{name}" if self.ns else name)

    def _make(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def units(self) -> Iterator[TextUnit]:
        if self.two:
            yield from self._units_2()
        else:
            yield from self._units_1()

    def _units_1(self) -> Iterator[TextUnit]:
        for unit in self._all(self.tree.getroot(), "trans-unit"):
            # A CAT tool's <seg-source> (sentences as <mrk mtype="seg">) is what the target must mirror.
            source = self._child(unit, "seg-source")
            if source is None:
                source = self._child(unit, "source")
            if unit.get("translate") == "no" or source is None:
                continue
            target = self._child(unit, "target")
            yield TextUnit(unit.get("id", ""), source.sourceline or 0, flatten(source, CONTAINERS_1, _pairing_1),
                           None if target is None else flatten(target, CONTAINERS_1, _pairing_1), (unit, source, target))

    def _units_2(self) -> Iterator[TextUnit]:
        for unit in self._all(self.tree.getroot(), "unit"):
            if unit.get("translate") == "no":
                continue
            segments = [s for s in unit if local(s) == "segment"]
            for number, segment in enumerate(segments, start=1):
                source = self._child(segment, "source")
                if source is None:
                    continue
                target = self._child(segment, "target")
                name = unit.get("id", "")
                if len(segments) > 1:
                    name += f"/{segment.get('id') or number}"
                yield TextUnit(name, source.sourceline or 0, flatten(source, CONTAINERS_2, _pairing_2),
                               None if target is None else flatten(target, CONTAINERS_2, _pairing_2),
                               (unit, source, target, segment))

    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        element, source, target = unit.handle[:3]
        if target is None:
            # After <source> (and 1.2's <seg-source>), where the schemas put it.
            target = etree.Element(self._make("target"))
            insert_after(source, target)
        fill(target, items)
        if self.two:
            segment = unit.handle[3]
            segment.set("state", "initial")
            notes = self._child(element, "notes")
            if notes is None:
                notes = etree.Element(self._make("notes"))
                element.insert(0, notes)  # <notes> comes first in a 2.x unit
                notes.tail = element.text
            marker = etree.Element(self._make("note"), {"category": "zhen", "appliesTo": "target"})
        else:
            target.set("state", "needs-review-translation")
            marker = etree.Element(self._make("note"), {"from": "zhen", "annotates": "target"})
        marker.text = note
        append(notes if self.two else element, marker)

    def dump(self) -> str:
        return dump(self.tree)


def open_file(path: Path) -> Xliff:
    return Xliff(path)
