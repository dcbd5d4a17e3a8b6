"""Word .docx: built with python-docx, translated with `zhen translate`, read back with python-docx: the same
paragraphs, tables, headers and footers, styles and runs; formatting kept where the English maps back;
every glossary name enforced; bad files get one line."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from zhen.terms.match import matcher_for
from zhen.terms.renderings import find_accepted

URL = "https://news.example.com/tokayev"


def _hyperlink(paragraph, text: str) -> None:
    """A link the way Word writes one: <w:hyperlink r:id> around a run, the URL in the part's relationships."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(URL, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def build_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("哈萨克斯坦总统会见普京", level=1)
    lead = document.add_paragraph("据报道，")
    lead.add_run("托卡耶夫").bold = True
    lead.add_run("在阿斯塔纳会见普京。")
    lead.add_run("普京说。").italic = True
    linked = document.add_paragraph("详见")
    _hyperlink(linked, "比什凯克")
    linked.add_run("。")
    document.add_paragraph("English only, left as it is.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "哈萨克斯坦"
    table.cell(0, 1).text = "乌兹别克斯坦"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "米尔济约耶夫在塔什干说。"
    document.sections[0].header.paragraphs[0].text = "中亚新闻"
    document.sections[0].footer.paragraphs[0].text = "新华社阿斯塔纳电"
    document.save(str(path))


def _shape(document) -> list:
    """What must survive translation: paragraphs' styles and runs' formatting, table shapes, links."""
    body = [(p.style.name, [(r.bold, r.italic) for r in p.runs], [h.url for h in p.hyperlinks]) for p in document.paragraphs]
    tables = [[len(row.cells) for row in table.rows] for table in document.tables]
    section = document.sections[0]
    return [body, tables, len(section.header.paragraphs), len(section.footer.paragraphs)]


def _texts(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    section = document.sections[0]
    return texts + [p.text for p in section.header.paragraphs + section.footer.paragraphs]


def test_docx_round_trip_keeps_structure_and_formatting(zhen, installed_model, tmp_path, glossary):
    build_docx(tmp_path / "news.docx")
    out = tmp_path / "news-en.docx"
    result = zhen("translate", "--no-cache", "--max-length", "16", str(tmp_path / "news.docx"), "-o", str(out))
    assert result.exit_code == 0, result.output
    before, after = docx.Document(str(tmp_path / "news.docx")), docx.Document(str(out))
    assert _shape(after) == _shape(before)
    sources, targets = _texts(before), _texts(after)
    assert targets[3] == "English only, left as it is."
    matcher = matcher_for(glossary)
    for source, target in zip(sources, targets):
        assert not any("\u4e00" <= c <= "\u9fff" for c in target) or target != source
        assert [m.entry.zh for m in matcher.find(source) if m.entry.enforced and not find_accepted(target, m.entry)] == []
    # The bold run held exactly a name: it holds exactly the name's English; the link keeps its URL.
    lead = after.paragraphs[1]
    assert [r.text for r in lead.runs if r.bold] == ["Kassym-Jomart Tokayev"]
    [link] = after.paragraphs[2].hyperlinks
    assert (link.url, link.text) == (URL, "Bishkek")


def test_docx_to_standard_output_is_refused(zhen, tmp_path):
    build_docx(tmp_path / "news.docx")
    result = zhen("translate", str(tmp_path / "news.docx"))
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {tmp_path / 'news.docx'}: the translated docx file is binary; give -o OUTPUT.docx\n")


def _truncated(path: Path) -> None:
    build_docx(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "not a Word .docx file (corrupt, or another format)"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
         "an encrypted .docx or an old Word .doc, not a .docx zhen can read"),
        (lambda p: p.write_text("托卡耶夫说。\n", encoding="utf-8"), "not a Word .docx file (corrupt, or another format)"),
    ],
    ids=["truncated", "encrypted", "text"],
)
def test_bad_docx_gets_one_line(zhen, tmp_path, monkeypatch, make, message):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))  # refused before any model is needed
    path = tmp_path / "bad.docx"
    make(path)
    result = zhen("translate", str(path), "-o", str(tmp_path / "out.docx"))
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: {message}\n")
