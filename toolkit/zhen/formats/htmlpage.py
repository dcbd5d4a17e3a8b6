"""`--keep-html`: a web page translated in place, text node by text node, every tag and attribute kept.

Each block (p, h1, li, td, title …) with Chinese in its own text is one unit; inline elements inside
it (a, b, span …) are its inline tags, so they are put back around the English as XLIFF's are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from zhen.errors import InputError
from zhen.formats.base import Bilingual, TextUnit
from zhen.formats.inline import CLOSE, EMPTY, OPEN, Inline, InlineBuilder, Tag
from zhen.text.normalize import HAN
from zhen.text.read import read_source

INLINE = frozenset("a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark q rp rt ruby s samp "
                   "small span strike strong sub sup time tt u var".split())
# Elements inside a line of text that do not end it.
VOID = frozenset("img wbr input".split())
# Content that is not text to translate: programs, styles, graphics, form values.
SKIP = frozenset("script style noscript template svg math textarea select option".split())


class HtmlPage(Bilingual):
    """A page parsed by lxml.html (no network), its blocks translated in place."""

    unplaced = "kept at the end of the block (no place for them in the English)"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        # zhen's reader finds the encoding (UTF-8, GB18030, Big5 …) as for text; lxml parses the decoded page.
        text = read_source(path).text
        try:
            root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(no_network=True, huge_tree=False))
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"{path}: not an HTML page ({exc})") from None
        self.tree = root.getroottree()

    def units(self) -> Iterator[TextUnit]:
        # Blocks are listed before any is refilled: refilling moves elements, which an iterator would not survive.
        blocks = [e for e in self.tree.getroot().iter() if _block(e)]
        for number, block in enumerate(blocks, start=1):
            inline = _flatten(block)
            if HAN.search(inline.text):
                yield TextUnit(f"{block.tag} {number}", block.sourceline or 0, inline, None, block)

    def fill(self, unit: TextUnit, items: list[str | Tag], note: str) -> None:
        """The block's own elements put back in the English's order: no element is copied or created."""
        block = unit.handle
        block.text = None
        for child in list(block):
            block.remove(child)
        stack = [block]
        for item in items:
            if isinstance(item, str):
                parent = stack[-1]
                if len(parent):
                    parent[-1].tail = (parent[-1].tail or "") + item
                else:
                    parent.text = (parent.text or "") + item
            elif item.role == OPEN:
                element = item.payload
                element.text, element.tail = None, None
                for child in list(element):
                    element.remove(child)
                stack[-1].append(element)
                stack.append(element)
            elif item.role == CLOSE:
                stack.pop()
            else:
                item.payload.tail = None
                stack[-1].append(item.payload)

    def dump(self) -> str:
        doctype = self.tree.docinfo.doctype
        return lxml.html.tostring(self.tree, doctype=doctype or None, encoding="unicode", method="html") + "\n"


def _name(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _block(element: etree._Element) -> bool:
    name = _name(element)
    if not name or name in INLINE or name in SKIP:
        return False
    return not any(_name(a) in SKIP for a in element.iterancestors())


def _flatten(block: etree._Element) -> Inline:
    """The block's own text: its text, its inline elements' text (as tag pairs) and every child's tail;
    a nested block, a script or an image is one opaque tag."""
    builder = InlineBuilder()
    builder.text(block.text)
    for child in block:
        _walk(child, builder)
    return builder.build()


def _walk(element: etree._Element, builder: InlineBuilder) -> None:
    if _name(element) in INLINE:
        opened = builder.tag(OPEN, element, container=True)
        builder.text(element.text)
        for child in element:
            _walk(child, builder)
        builder.link(opened, builder.tag(CLOSE, element, container=True))
    elif _name(element) in VOID:
        builder.tag(EMPTY, element)
    else:
        # A nested block or a line break ends a line of text: the tag then stands between sentences.
        builder.text("\n")
        builder.tag(EMPTY, element)
        builder.text("\n")
    builder.text(element.tail)


def open_file(path: Path) -> HtmlPage:
    return HtmlPage(path)
