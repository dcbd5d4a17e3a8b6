"""Glossary exchange: export to TSV, CSV and TBX-Basic (ISO 30042); import from CSV/TSV and TBX."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from zhen.errors import GlossaryError
from zhen.terms.glossary import COLUMNS, SEP, Entry, Glossary, last_rows, parse_text
from zhen.text.read import read_source

FORMATS = ("tsv", "csv", "tbx")
_BREAKS = re.compile(r"\s*[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
TBX_NS = "urn:iso:std:iso:30042:ed-2"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"
# Column headers other tools use for the two languages (DeepL, Google, Amazon Translate).
ZH_HEADERS = {"zh", "zh-cn", "zh-hans", "zh_cn", "zh-sg", "chinese", "source", "zho", "zh-tw", "zh-hant"}
EN_HEADERS = {"en", "en-us", "en-gb", "en_us", "english", "target", "eng"}
# geographicalUsage values for the regional Chinese variants (哈薩克@tw), and back.
USAGE = {"tw": "zh-TW", "hk": "zh-HK"}
REGION_OF = {value.casefold(): region for region, value in USAGE.items()}
# Whether translation forces the entry: no TBX-Basic data category says this, so it is an admin note.
ENFORCE_ADMIN = "zhen-enforce"
EXCEPTIONS_ADMIN = "zhen-exceptions"


def export_glossary(glossary: Glossary, fmt: str) -> str:
    """Serialize a glossary as tsv (the native format), csv (same columns) or tbx."""
    if fmt == "tsv":
        return glossary.to_tsv()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in glossary:
            writer.writerow(e.to_row().split("\t"))
        return out.getvalue()
    if fmt == "tbx":
        return _to_tbx(glossary)
    raise GlossaryError("--format", None, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _term(parent: ET.Element, text: str, status: str, term_type: str | None = None, usage: str | None = None) -> None:
    sec = ET.SubElement(parent, "termSec")
    ET.SubElement(sec, "term").text = text
    ET.SubElement(sec, "termNote", type="administrativeStatus").text = status
    if term_type:
        ET.SubElement(sec, "termNote", type="termType").text = term_type
    if usage:
        ET.SubElement(sec, "termNote", type="geographicalUsage").text = usage


def _to_tbx(glossary: Glossary) -> str:
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dct", "xml:lang": "en", "xmlns": TBX_NS})
    header = ET.SubElement(ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(header, "p").text = f"zhen glossary {glossary.signature}"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, e in enumerate(glossary, start=1):
        concept = ET.SubElement(body, "conceptEntry", id=f"c{number}")
        ET.SubElement(concept, "descrip", type="subjectField").text = e.type
        if e.enforce:
            ET.SubElement(concept, "admin", type=ENFORCE_ADMIN).text = e.enforce
        if e.exceptions:
            ET.SubElement(concept, "admin", type=EXCEPTIONS_ADMIN).text = SEP.join(e.exceptions)
        if e.note:
            ET.SubElement(concept, "note").text = e.note
        zh = ET.SubElement(concept, "langSec", {"xml:lang": "zh"})
        _term(zh, e.zh, PREFERRED)
        for variant in e.variants:
            _term(zh, variant, ADMITTED)
        for region, form in e.regional:
            _term(zh, form, ADMITTED, usage=USAGE[region])
        en = ET.SubElement(concept, "langSec", {"xml:lang": "en"})
        # Both the full and the short form are preferred terms (the short one for later mentions).
        _term(en, e.en, PREFERRED, "fullForm" if e.short else None)
        if e.short:
            _term(en, e.short, PREFERRED, "shortForm")
        for admitted in e.admitted:
            _term(en, admitted, ADMITTED)
        for avoided in e.avoid:
            _term(en, avoided, DEPRECATED)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def import_glossary(path: str | Path) -> Glossary:
    """Read a CSV, TSV or TBX file from another tool into a Glossary.

    The rows of a two-column list (DeepL, Google, a WMT term list) are the user's own terms: enforced,
    whatever their type. A Chinese term given twice keeps its later row, with a GlossaryWarning."""
    return Glossary(last_rows(read_rows(path)))


def read_rows(path: str | Path) -> list[Entry]:
    """Every entry of another tool's CSV, TSV or TBX file, in file order, a term given twice included."""
    source = read_source(path)
    name = str(path)
    if source.text.lstrip().startswith("<"):
        return [_one_line_entry(e) for e in _from_tbx(source.text, name)]
    suffix = Path(name).suffix.lower()
    # The extension decides; only an unknown one is sniffed (a quoted tab in a .csv is a cell's content).
    sniffed = "\t" in source.text.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" or (suffix != ".csv" and sniffed) else ","
    reader = csv.reader(io.StringIO(source.text), delimiter=delimiter)
    rows, lines, line = [], [], 1
    for row in reader:
        # A quoted line break makes a row span several lines: each row is named by its first. Lines
        # starting with # are comments, as in zhen's own files.
        if not (row and row[0].startswith("#")):
            rows.append(row)
            lines.append(line)
        line = reader.line_num + 1
    return _from_rows(rows, lines, name)


def _one_line_entry(entry: Entry) -> Entry:
    # TBX text may be wrapped over lines too (notes above all): same rule as for CSV cells.
    return replace(entry, zh=_one_line(entry.zh), en=_one_line(entry.en), short=_one_line(entry.short),
                   note=_one_line(entry.note), variants=tuple(map(_one_line, entry.variants)),
                   avoid=tuple(map(_one_line, entry.avoid)))


def _one_line(cell: str) -> str:
    """A cell as a TSV cell can hold it: each run of whitespace with a tab or line break becomes one space."""
    return _BREAKS.sub(" ", cell)


def _chinese_cell(cell: str, name: str, line: int) -> str:
    """A Chinese form's cell, refused where a tab or line break splits it: 托卡\n耶夫 would be imported
    as 托卡 耶夫, a form no text can match."""
    cell = cell.strip()
    if _BREAKS.search(cell):
        raise GlossaryError(name, line, f"the Chinese term {_one_line(cell)!r} has a tab or line break inside it "
                                        "(a quoted cell wrapped over lines?); no text can match it")
    return cell


def _from_rows(rows: list[list[str]], lines: list[int], name: str) -> list[Entry]:
    head = [cell.strip().casefold() for cell in rows[0]] if rows else []
    if "zh" in head and "en" in head and "type" in head:
        chinese = {i for i, h in enumerate(head) if h in ("zh", "variants", "exceptions")}
        for row, line in zip(rows[1:], lines[1:]):
            for i in chinese & set(range(len(row))):
                _chinese_cell(row[i], name, line)
        text = "\n".join("\t".join(_one_line(cell) for cell in row) for row in rows)
        entries, problems = parse_text(text, name)
        if problems:
            raise GlossaryError(problems[0].path, lines[problems[0].line - 1], problems[0].reason)
        # parse_text numbers rows; the file's lines are what a user can find.
        return [replace(e, origin=f"{name}:{lines[int(e.origin.rpartition(':')[2]) - 1]}") for e in entries]
    start, zh_col, en_col = 0, 0, 1
    if head and any(h in ZH_HEADERS for h in head) and any(h in EN_HEADERS for h in head):
        zh_col = next(i for i, h in enumerate(head) if h in ZH_HEADERS)
        en_col = next(i for i, h in enumerate(head) if h in EN_HEADERS)
        start = 1
    entries = []
    for row, number in zip(rows[start:], lines[start:]):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(zh_col, en_col) or not row[zh_col].strip() or not row[en_col].strip():
            raise GlossaryError(name, number, "expected a Chinese term and its English in two columns")
        zh, en = _chinese_cell(row[zh_col], name, number), _one_line(row[en_col]).strip()
        entries.append(Entry(zh=zh, en=en, type="other", enforce="yes", origin=f"{name}:{number}"))
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _from_tbx(text: str, name: str) -> list[Entry]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise GlossaryError(name, exc.position[0], f"not well-formed TBX/XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    entries = []
    # ISO 30042:2019 names (conceptEntry/langSec/termSec) and the older TBX/MARTIF ones (termEntry/langSet/tig).
    for number, concept in enumerate(root.iter(), start=1):
        if _local(concept.tag) not in ("conceptEntry", "termEntry"):
            continue
        fields = {"type": "other", "note": "", "enforce": "", "exceptions": ""}
        for child in concept:
            if _local(child.tag) == "descrip" and child.get("type") == "subjectField":
                fields["type"] = (child.text or "other").strip()
            elif _local(child.tag) == "note":
                fields["note"] = (child.text or "").strip()
            elif _local(child.tag) == "admin" and child.get("type") == ENFORCE_ADMIN:
                fields["enforce"] = (child.text or "").strip()
            elif _local(child.tag) == "admin" and child.get("type") == EXCEPTIONS_ADMIN:
                fields["exceptions"] = (child.text or "").strip()
        terms: dict[str, list[tuple[str, str, str]]] = {}
        regional: list[tuple[str, str]] = []
        for lang_sec in _children(concept, "langSec", "langSet"):
            lang = next((v for k, v in lang_sec.attrib.items() if _local(k) == "lang"), "").split("-")[0].lower()
            for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
                term = next((t.text or "" for t in term_sec.iter() if _local(t.tag) == "term"), "").strip()
                notes = {n.get("type"): (n.text or "").strip() for n in term_sec.iter() if _local(n.tag) == "termNote"}
                region = REGION_OF.get(notes.get("geographicalUsage", "").casefold())
                if term and lang == "zh" and region:
                    regional.append((region, term))
                elif term:
                    terms.setdefault(lang, []).append((term, notes.get("administrativeStatus", ""), notes.get("termType", "")))
        zh_terms, en_terms = terms.get("zh", []), terms.get("en", [])
        if not zh_terms or not en_terms:
            raise GlossaryError(name, None, f"conceptEntry {concept.get('id') or number} lacks a zh or an en term")
        zh = next((t for t, status, _ in zh_terms if status == PREFERRED), zh_terms[0][0])
        usable = [t for t in en_terms if t[1] != DEPRECATED]
        short_kinds = ("shortForm", "abbreviation", "acronym")
        en = next((t for t, status, kind in usable if status == PREFERRED and kind not in short_kinds),
                  next((t for t, status, _ in usable if status == PREFERRED), (usable or en_terms)[0][0]))
        # Older exports marked the short form admitted; a shortForm term is the short form whatever its status.
        short = next((t for t, _, kind in usable if kind in short_kinds and t != en), "")
        entries.append(
            Entry(
                zh=zh,
                en=en,
                type=fields["type"],
                short=short,
                variants=tuple(t for t, _, _ in zh_terms if t != zh),
                avoid=tuple(t for t, status, _ in en_terms if status == DEPRECATED),
                note=fields["note"],
                admitted=tuple(t for t, status, kind in usable if t not in (en, short) and status != PREFERRED),
                regional=tuple(regional),
                enforce=fields["enforce"] if fields["enforce"] in ("yes", "no") else "",
                exceptions=tuple(x for x in fields["exceptions"].split(SEP) if x),
                origin=f"{name}:{concept.get('id') or number}",
            )
        )
    if not entries:
        raise GlossaryError(name, None, "no conceptEntry or termEntry elements found")
    return entries
