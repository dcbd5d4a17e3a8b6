"""TMX 1.4 translation memories: units whose English is missing get zhen's, marked by tool and note."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from zhen import __version__
from zhen.errors import InputError
from zhen.formats.base import Bilingual, TextUnit
from zhen.formats.inline import Tag
from zhen.formats.markup import chinese, dump, english, fill, flatten, insert_after, local, parse

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTAINERS = frozenset({"hi"})


def _pairing(element: etree._Element) -> tuple[str, str] | None:
    # TMX pairs <bpt i="N"> with <ept i="N">.
    name, key = local(element), element.get("i")
    if key and name == "bpt":
        return "start", key
    if key and name == "ept":
        return "end", key
    return None


def _lang(tuv: etree._Element) -> str | None:
    return tuv.get(XML_LANG) or tuv.get("lang")  # TMX 1.1 wrote lang=


class Tmx(Bilingual):
    """A TMX memory: each <tu> with a Chinese <tuv> is a unit; its English <tuv> is the target."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.tree = parse(path)
        root = self.tree.getroot()
        header = root.find("header")
        if local(root) != "tmx" or header is None or root.find("body") is None:
            raise InputError(f"{path}:{root.sourceline}: not a TMX file (no <tmx> with <header> and <body>)")
        self.srclang = header.get("srclang")
        if self.srclang != "*all*" and not chinese(self.srclang):
            raise InputError(f"{path}:{header.sourceline}: source language is {self.srclang!r} (srclang), not Chinese; "
                             "zhen translates from Chinese")

    def units(self) -> Iterator[TextUnit]:
        for number, tu in enumerate(self.tree.getroot().iter("tu"), start=1):
            tuvs = [t for t in tu if local(t) == "tuv"]
            source = next((t for t in tuvs if _lang(t) == self.srclang), None)
            if source is None:
                source = next((t for t in tuvs if chinese(_lang(t))), None)
            target = next((t for t in tuvs if english(_lang(t))), None)
            seg = source.find("seg") if source is not None else None
            if seg is None:
                continue
            target_seg = target.find("seg") if target is not None else None
            yield TextUnit(tu.get("tuid") or str(number), seg.sourceline or 0, flatten(seg, CONTAINERS, _pairing),
                           None if target_seg is None else flatten(target_seg, CONTAINERS, _pairing), (tu, source, target_seg))

    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        tu, source, seg = unit.handle
        if seg is None:
            tuv = etree.Element("tuv", {XML_LANG if source.get(XML_LANG) else "lang": "en"})
            insert_after([t for t in tu if local(t) == "tuv"][-1], tuv)
            tuv.text = source.text
            seg = etree.SubElement(tuv, "seg")
            seg.tail = source[-1].tail
        tuv = seg.getparent()
        # TMX marks who made a variant with creationtool; the note says it is a suggestion and which names.
        tuv.set("creationtool", "zhen")
        tuv.set("creationtoolversion", __version__)
        marker = etree.Element("note")
        marker.text = note
        seg.addprevious(marker)
        marker.tail = tuv.text
        fill(seg, items)

    def dump(self) -> str:
        return dump(self.tree)


def open_file(path: Path) -> Tmx:
    return Tmx(path)
