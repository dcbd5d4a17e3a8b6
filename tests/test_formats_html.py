"""Saved web pages: only the article is translated (not the navigation, related links or comments); the
title, date, author and URL are in every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from lxml.html import builder as E

from helpers import CORPUS

ARTICLE = CORPUS / "rferl-tokayev-security-cooperation.txt"
NAVIGATION = ["首页", "国际新闻", "中亚频道"]
RELATED = ["乌兹别克斯坦总统访问塔什干工厂", "吉尔吉斯斯坦举行议会选举"]
COMMENTS = ["这篇文章写得很好，支持！", "希望中亚各国关系越来越好。"]


def build_page(path: Path, paragraphs: list[str] | None = None) -> tuple[str, list[str]]:
    """A news page as a browser saves it: navigation, the article, related links, comments, a footer."""
    lines = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    title, body = lines[0], lines[1:12] if paragraphs is None else paragraphs
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.TITLE(f"{title} - 中亚新闻网"),
               E.META(name="author", content="Wang Xiaoming"), E.META(name="date", content="2022-08-20"),
               E.META(property="og:url", content="https://news.example.com/2022/08/tokayev.html")),
        E.BODY(
            E.E.nav(E.UL(*[E.LI(E.A(item, href=f"/{n}")) for n, item in enumerate(NAVIGATION)])),
            E.E.article(E.H1(title), E.P("据报道，", E.B("托卡耶夫"), "在", E.A("阿斯塔纳", href="/astana"), "会见普京。"),
                        *[E.P(p) for p in body]),
            E.E.aside(E.H2("相关新闻"), E.UL(*[E.LI(E.A(item, href=f"/r{n}")) for n, item in enumerate(RELATED)])),
            # Comments as WordPress and most CMSs mark them up.
            E.DIV(E.H2("网友评论"), E.OL(*[E.LI(E.P(c), E.CLASS("comment")) for c in COMMENTS], E.CLASS("comment-list")),
                  E.CLASS("comments-area"), id="comments"),
            E.E.footer("版权所有 中亚新闻网"),
        ),
    )
    path.write_bytes(etree.tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8", method="html"))
    return title, body


def test_only_the_article_is_translated_and_the_metadata_is_kept(zhen, installed_model, tmp_path, glossary):
    title, body = build_page(tmp_path / "page.html")
    result = zhen("translate", "--no-cache", "--max-length", "12", "-f", "jsonl", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    sources = "".join(r["source"] for r in records)
    assert not any(text in sources for text in NAVIGATION[1:] + RELATED + COMMENTS)
    assert records[0]["source"] == title and all(p[:12] in sources for p in body)
    article = records[0]["article"]
    assert (article["title"], article["date"], article["url"]) == (
        title, "2022-08-20", "https://news.example.com/2022/08/tokayev.html")
    assert all(record["article"] == article for record in records)
    for record in records:
        assert all(t["en"] in record["target"] for t in record["terms"] if t["status"] in ("model", "forced"))
        assert not any(t["status"] == "missing" for t in record["terms"])


def test_text_and_markdown_carry_title_and_date(zhen, installed_model, tmp_path):
    title, _ = build_page(tmp_path / "page.html")
    text = zhen("translate", "--no-cache", "--max-length", "12", str(tmp_path / "page.html"), "-o", str(tmp_path / "en.txt"))
    assert text.exit_code == 0, text.output
    head = (tmp_path / "en.txt").read_text(encoding="utf-8").splitlines()
    assert head[0].startswith("Title: ") and "Kazakhstan" in head[0]
    assert head[1:5] == [f"Original title: {title}", "Author: Wang Xiaoming", "Date: 2022-08-20",
                         "Url: https://news.example.com/2022/08/tokayev.html"]
    md = zhen("translate", "--no-cache", "--max-length", "12", "-f", "md", "--input-format", "html", str(tmp_path / "page.html"))
    lines = md.stdout.splitlines()
    assert lines[0].startswith("# ") and "Kazakhstan" in lines[0]
    assert f"- original title: {title}" in lines and "- date: 2022-08-20" in lines and "| 中文 | English |" in lines


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: build_page(p, paragraphs=[]) and p.write_bytes(
            b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>"),
         "{p}: no article text found in the page (only navigation, links or boilerplate)"),
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03"), "{p}: no article text found in the page (only navigation, links or boilerplate)"),
    ],
    ids=["navigation-only", "not-html"],
)
def test_page_without_article_gets_one_line(zhen, tmp_path, monkeypatch, make, message):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))  # refused before any model is needed
    path = tmp_path / "page.html"
    make(path)
    result = zhen("translate", str(path))
    assert (result.exit_code, result.stderr) == (2, f"Error: {message.format(p=path)}\n")


def test_keep_html_translates_text_in_place_and_keeps_every_tag(zhen, installed_model, tmp_path, glossary):
    from lxml import html

    from zhen.terms.match import matcher_for
    from zhen.terms.renderings import find_accepted

    build_page(tmp_path / "page.html")
    out = tmp_path / "page-en.html"
    result = zhen("translate", "--no-cache", "--max-length", "12", "--keep-html", str(tmp_path / "page.html"), "-o", str(out))
    assert result.exit_code == 0, result.output
    before, after = html.parse(str(tmp_path / "page.html")).getroot(), html.parse(str(out)).getroot()
    shape = lambda root: [(e.tag, dict(e.attrib)) for e in root.iter() if isinstance(e.tag, str)]  # noqa: E731
    assert shape(after) == shape(before)
    assert after.findtext("head/title") != before.findtext("head/title")
    matcher = matcher_for(glossary)
    for old, new in zip(before.iter("p", "h1", "li", "a"), after.iter("p", "h1", "li", "a")):
        source, target = old.text_content(), new.text_content()
        assert [m.entry.zh for m in matcher.find(source) if m.entry.enforced and not find_accepted(target, m.entry)] == []
