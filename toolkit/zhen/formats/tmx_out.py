"""`--format tmx`: a translated document as a TMX 1.4 memory, one unit per sentence, signed in the header.

Written with the standard library's ElementTree (writing needs no hardened parser), so this output
needs no extra."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
import xml.etree.ElementTree as ET

from zhen import __version__
from zhen.mt.pipeline import DocumentResult

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all, even escaped.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_tmx(result: DocumentResult, signature: str | None) -> str:
    """Source and English of each translated sentence (tuid DOC:PARAGRAPH:N)."""
    return render_pairs(_sentences(result), signature)


def _sentences(result: DocumentResult) -> Iterator[tuple[str, str, str]]:
    for para in result.paragraphs:
        number = 0
        for sentence in para.sentences:
            outcome = result.outcomes.get((para.number, sentence.start))
            if outcome is not None:
                number += 1
                yield f"{result.name}:{para.number}:{number}", sentence.source, outcome.target


def render_pairs(pairs: Iterable[tuple[str, str, str]], signature: str | None) -> str:
    """(tuid, Chinese, English) as <tu>s, the signature as a header <prop type="x-zhen-signature">."""
    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(root, "header", {
        "creationtool": "zhen", "creationtoolversion": __version__, "segtype": "sentence", "o-tmf": "zhen",
        "adminlang": "en", "srclang": "zh", "datatype": "plaintext"})
    if signature:
        ET.SubElement(header, "prop", type="x-zhen-signature").text = _clean(signature)
    body = ET.SubElement(root, "body")
    for tuid, zh, en in pairs:
        tu = ET.SubElement(body, "tu", tuid=_clean(tuid))
        for lang, text in (("zh", zh), ("en", en)):
            ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: lang}), "seg").text = _clean(text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)
