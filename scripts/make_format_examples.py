"""Write the example files under examples/formats/ with the libraries that read them (lxml, polib, python-docx).

Run from the repository root after `pip install -e '.[formats]'`: python scripts/make_format_examples.py"""

from __future__ import annotations

from pathlib import Path

import polib
from lxml import etree

OUT = Path("examples/formats")
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def segment(parent: etree._Element, name: str, parts: list) -> etree._Element:
    """parts: text, or (tag, attributes, inner text) for an inline element."""
    element = etree.SubElement(parent, name)
    for part in parts:
        if isinstance(part, str):
            if len(element):
                element[-1].tail = (element[-1].tail or "") + part
            else:
                element.text = (element.text or "") + part
        else:
            etree.SubElement(element, part[0], part[1]).text = part[2]
    return element


def xliff12() -> None:
    q = lambda name: f"{{{X12}}}{name}"  # noqa: E731
    root = etree.Element(q("xliff"), version="1.2", nsmap={None: X12})
    file = etree.SubElement(root, q("file"), {"source-language": "zh-CN", "target-language": "en",
                                              "datatype": "html", "original": "kazakhstan.html"})
    body = etree.SubElement(file, q("body"))
    unit = etree.SubElement(body, q("trans-unit"), id="title", resname="h1")
    segment(unit, q("source"), ["哈萨克斯坦总统", (q("g"), {"id": "1", "ctype": "bold"}, "托卡耶夫"), "会见普京"])
    unit = etree.SubElement(body, q("trans-unit"), id="p1")
    segment(unit, q("source"), ["托卡耶夫在阿斯塔纳表示，哈萨克斯坦不承认俄罗斯对乌克兰东部的领土主张。",
                                (q("x"), {"id": "2", "ctype": "lb"}, None), "普京没有回应。"])
    etree.SubElement(unit, q("note"), {"from": "editor"}).text = "Second paragraph of the article."
    unit = etree.SubElement(body, q("trans-unit"), id="p2")
    segment(unit, q("source"), ["集体安全条约组织的会议在比什凯克举行。"])
    segment(unit, q("target"), ["The CSTO met in Bishkek."]).set("state", "translated")
    etree.ElementTree(root).write(str(OUT / "news.xlf"), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def xliff20() -> None:
    q = lambda name: f"{{{X20}}}{name}"  # noqa: E731
    root = etree.Element(q("xliff"), version="2.0", srcLang="zh-CN", trgLang="en", nsmap={None: X20})
    file = etree.SubElement(root, q("file"), id="f1")
    unit = etree.SubElement(file, q("unit"), id="u1")
    seg = etree.SubElement(unit, q("segment"), id="s1")
    segment(seg, q("source"), [(q("pc"), {"id": "1", "type": "fmt"}, "米尔济约耶夫"), "在塔什干会见了",
                               (q("ph"), {"id": "2"}, None), "托卡耶夫。"])
    etree.ElementTree(root).write(str(OUT / "news-2.0.xlf"), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def tmx() -> None:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {"creationtool": "example", "creationtoolversion": "1", "segtype": "sentence",
                                      "o-tmf": "none", "adminlang": "en", "srclang": "zh-CN", "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for tuid, zh, en in [("1", "普京在阿斯塔纳说。", None), ("2", "哈萨克斯坦总统托卡耶夫。", "Kazakh President Tokayev.")]:
        tu = etree.SubElement(body, "tu", tuid=tuid)
        segment(etree.SubElement(tu, "tuv", {XML_LANG: "zh-CN"}), "seg", [zh])
        if en:
            segment(etree.SubElement(tu, "tuv", {XML_LANG: "en"}), "seg", [en])
    etree.ElementTree(root).write(str(OUT / "memory.tmx"), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def po() -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en",
                        "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    catalog.append(polib.POEntry(msgid="哈萨克斯坦新闻", msgstr="Kazakhstan news", occurrences=[("site/menu.py", "4")]))
    catalog.append(polib.POEntry(msgid="%(count)d 篇关于托卡耶夫的文章", msgstr="", flags=["python-format"],
                                 occurrences=[("site/views.py", "12")]))
    catalog.append(polib.POEntry(msgctxt="footer", msgid="新华社阿斯塔纳电", msgstr=""))
    catalog.save(str(OUT / "news.po"))


def page() -> None:
    """A news page as a browser saves it, the article from corpus/ among navigation, related links and comments."""
    from lxml.html import builder as E

    lines = [line.strip() for line in Path("corpus/rferl-tokayev-security-cooperation.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    title, body = lines[0], lines[1:7]
    html = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE(f"{title} - 中亚新闻网"), E.META(name="author", content="Wang Xiaoming"),
               E.META(name="date", content="2022-08-20"),
               E.META(property="og:url", content="https://news.example.com/2022/08/tokayev.html")),
        E.BODY(E.E.nav(E.UL(*[E.LI(E.A(item, href="/")) for item in ("首页", "国际新闻", "中亚频道")])),
               E.E.article(E.H1(title), *[E.P(p) for p in body]),
               E.E.aside(E.H2("相关新闻"), E.UL(E.LI(E.A("乌兹别克斯坦总统访问塔什干工厂", href="/r0")))),
               E.DIV(E.H2("网友评论"), E.OL(E.LI(E.P("这篇文章写得很好！"), E.CLASS("comment")), E.CLASS("comment-list")),
                     E.CLASS("comments-area"), id="comments"),
               E.E.footer("版权所有 中亚新闻网")))
    (OUT / "page.html").write_bytes(etree.tostring(html, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"))


def word() -> None:
    """A short Word file: a heading, formatted runs, a table, a header and a footer."""
    import docx

    document = docx.Document()
    document.add_heading("哈萨克斯坦总统会见普京", level=1)
    lead = document.add_paragraph("据报道，")
    lead.add_run("托卡耶夫").bold = True
    lead.add_run("在阿斯塔纳会见普京。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "比什凯克"
    table.cell(0, 1).text = "塔什干"
    document.sections[0].header.paragraphs[0].text = "中亚新闻"
    document.sections[0].footer.paragraphs[0].text = "新华社阿斯塔纳电"
    document.save(str(OUT / "news.docx"))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    xliff12()
    xliff20()
    tmx()
    po()
    page()
    word()
