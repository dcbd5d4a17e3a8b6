"""XML bilingual files (XLIFF, TMX) with lxml: a hardened parser, segments to Inline and filled targets back.

lxml (BSD) rather than translate-toolkit (GPL-2.0-or-later), so zhen stays MIT; the parser resolves no
entities, loads no DTD, reaches no network and refuses huge trees, so a hostile file cannot read local
files, call out, or exhaust memory (billion laughs)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from zhen.errors import InputError
from zhen.formats.inline import CLOSE, EMPTY, OPEN, Inline, InlineBuilder, Tag

# (role, key) for a standalone tag that opens or closes a pair (<bpt>/<ept>, <sc/>/<ec/>), else None.
Pairing = Callable[[etree._Element], "tuple[str, str] | None"]


def parse(path: Path) -> etree._ElementTree:
    """The file's tree, or one line saying why it is not well-formed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False)
    try:
        return etree.parse(str(path), parser)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        # libxml2 ends some messages with the position the line number already gives.
        message = re.sub(r"(,? line \d+)+(, column \d+)?$", "", (exc.msg or str(exc)).strip())
        raise InputError(f"{path}:{line}: not well-formed XML ({message})") from None


def local(element: etree._Element) -> str:
    """An element's name without its namespace ('' for comments, processing instructions and entities)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def flatten(element: etree._Element, containers: frozenset[str], pairing: Pairing) -> Inline:
    """A segment's text and its inline tags: containers (<g>, <pc>, <mrk>, <hi>) become open/close pairs
    around their text; every other child (<x/>, <ph>, <bpt>…, comments) is one opaque tag, its content
    never read as text."""
    builder = InlineBuilder()
    builder.text(element.text)
    for child in element:
        _walk(child, builder, containers, pairing)
    return builder.build()


def _walk(element: etree._Element, builder: InlineBuilder, containers: frozenset[str], pairing: Pairing) -> None:
    if local(element) in containers:
        opened = builder.tag(OPEN, element, container=True)
        builder.text(element.text)
        for child in element:
            _walk(child, builder, containers, pairing)
        builder.link(opened, builder.tag(CLOSE, element, container=True))
    else:
        pair = pairing(element) if isinstance(element.tag, str) else None
        if pair is None:
            builder.tag(EMPTY, element)
        elif pair[0] == "start":
            builder.start(pair[1], element)
        else:
            builder.end(pair[1], element)
    builder.text(element.tail)


def fill(target: etree._Element, items: list[str | Tag]) -> None:
    """Replace target's content with text and tags in order: a container is a shallow copy of the source
    element holding what comes until its close, any other tag a deep copy of the source element."""
    for child in list(target):
        target.remove(child)
    target.text = None
    stack = [target]
    for item in items:
        if isinstance(item, str):
            _append_text(stack[-1], item)
        elif item.container and item.role == OPEN:
            shell = etree.SubElement(stack[-1], item.payload.tag, dict(item.payload.attrib))
            stack.append(shell)
        elif item.container and item.role == CLOSE:
            stack.pop()
        else:
            clone = copy.deepcopy(item.payload)
            clone.tail = None
            stack[-1].append(clone)


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def insert_after(anchor: etree._Element, new: etree._Element) -> None:
    """Put new right after anchor, indented as the file indents its siblings."""
    parent = anchor.getparent()
    anchor.addnext(new)
    new.tail = anchor.tail
    if parent is not None and parent.text is not None and not parent.text.strip():
        anchor.tail = parent.text


def append(parent: etree._Element, new: etree._Element) -> None:
    """Put new after parent's last child (or as its only child), indented as the file indents its siblings."""
    if len(parent):
        insert_after(parent[-1], new)
    else:
        parent.append(new)


def dump(tree: etree._ElementTree) -> str:
    """The whole document as text (UTF-8 when written), with its declaration, doctype and comments."""
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True).decode("utf-8")


def chinese(lang: str | None) -> bool:
    """Whether a language tag names Chinese (zh, zh-CN, zh-Hant-TW, cmn, yue …)."""
    return bool(lang) and str(lang).lower().replace("_", "-").split("-")[0] in ("zh", "cmn", "yue", "wuu", "hak", "nan")


def english(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().replace("_", "-").split("-")[0] == "en"
