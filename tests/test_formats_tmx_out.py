"""`--format tmx`: a translation memory from any input, read back with lxml: one unit per sentence, the
Chinese and the English, the signature as a header property, every glossary name enforced."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from helpers import CORPUS
from test_formats_bilingual import build_xliff12
from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARTICLE = CORPUS / "rferl-tokayev-security-cooperation.txt"


def _units(path: Path) -> tuple[etree._Element, list[tuple[str, str, str]]]:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    units = []
    for tu in tree.iter("tu"):
        segs = {tuv.get(XML_LANG): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
        assert set(segs) == {"zh", "en"}
        units.append((tu.get("tuid"), segs["zh"], segs["en"]))
    return tree.find("header"), units


def test_text_input_to_tmx_has_one_unit_per_sentence(zhen, installed_model, tmp_path, glossary):
    out = tmp_path / "article.tmx"
    result = zhen("translate", "--no-cache", "--max-length", "12", "-f", "tmx", str(ARTICLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    header, units = _units(out)
    [signature] = header.findall("prop[@type='x-zhen-signature']")
    assert signature.text.startswith("zhen 0.1.0 | model translate-zh_en-random")
    assert header.get("srclang") == "zh" and header.get("creationtool") == "zhen"
    text = ARTICLE.read_text(encoding="utf-8")
    assert len(units) > 10 and all(zh in text for _, zh, _ in units)
    assert len({tuid for tuid, _, _ in units}) == len(units)
    assert all(re.fullmatch(rf"{ARTICLE.stem}:\d+:\d+", tuid) for tuid, _, _ in units)
    matcher = matcher_for(glossary)
    for _, zh, en in units:
        assert [m.entry.zh for m in matcher.find(zh) if m.entry.enforced and not find_accepted(en, m.entry)] == []


def test_directory_to_tmx_writes_one_memory_per_document(zhen, installed_model, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("普京说。\n\n托卡耶夫说。\n", encoding="utf-8")
    (folder / "b.txt").write_text("比什凯克。\n", encoding="utf-8")
    result = zhen("translate", "--no-cache", "--max-length", "8", "-f", "tmx", str(folder), "-o", str(tmp_path / "en"))
    assert result.exit_code == 0, result.output
    assert [[u[:2] for u in _units(tmp_path / "en" / f"{name}.tmx")[1]] for name in ("a", "b")] == [
        [("a:1:1", "普京说。"), ("a:3:1", "托卡耶夫说。")], [("b:1:1", "比什凯克。")]]


def test_xliff_input_to_tmx_holds_every_translated_unit(zhen, installed_model, tmp_path):
    build_xliff12(tmp_path / "news.xlf")
    out = tmp_path / "news.tmx"
    result = zhen("translate", "--no-cache", "--max-length", "8", "-f", "tmx", str(tmp_path / "news.xlf"), "-o", str(out))
    assert result.exit_code == 0, result.output
    units = _units(out)[1]
    assert [u[0] for u in units] == ["u1", "u2", "u4", "u6", "u5"]
    assert units[1][1:] == ("普京说。", "A person's translation.")
    assert units[0][1] == "托卡耶夫在阿斯塔纳会见普京。普京说。" and "Kassym-Jomart Tokayev" in units[0][2]


def test_no_signature_leaves_the_property_out(zhen, installed_model):
    result = zhen("translate", "--no-cache", "--max-length", "8", "-f", "tmx", "--no-signature", "-", input="普京说。\n")
    root = etree.fromstring(result.stdout.encode("utf-8"))
    assert root.find("header/prop") is None and len(root.findall("body/tu")) == 1
