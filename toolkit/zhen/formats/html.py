"""Saved web pages: the article (title, author, date, URL, main text) extracted with trafilatura, then
translated as one document whose first paragraph is the title; outputs carry the metadata."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from zhen.errors import InputError
from zhen.mt.pipeline import DocumentResult, Summary
from zhen.render import render
from zhen.translate import Progress, Translator, Written
from zhen.write import atomic_write

FIELDS = ("author", "date", "url", "sitename")


@dataclass
class Article:
    """What trafilatura found in a page: the main text without navigation, links lists or comments."""

    title: str
    text: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None

    def document(self) -> str:
        """The text zhen translates: the title as the first line, then the article's paragraphs."""
        return f"{self.title}\n{self.text}\n"

    def metadata(self) -> dict[str, str]:
        return {name: value for name in FIELDS if (value := getattr(self, name))}


def extract_article(path: Path) -> Article:
    """The page's article, or one line saying there is none."""
    try:
        page = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    # Precision over recall, and no fallback extractors: those return a page's menu when it has no article,
    # and the menu would be translated as if it were one.
    text = trafilatura.extract(page, output_format="txt", include_comments=False, include_tables=True,
                               favor_precision=True, fast=True)
    meta = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    if not text or not text.strip() or meta is None:
        raise InputError(f"{path}: no article text found in the page (only navigation, links or boilerplate)")
    lines = [line for line in text.splitlines() if line.strip()]
    title = (getattr(meta, "title", None) or "").strip()
    # trafilatura keeps the page's <h1> as the text's first line when it is the title: said once.
    if lines and title and lines[0].strip() == title:
        lines = lines[1:]
    if not title:
        title, lines = lines[0], lines[1:]
    return Article(title, "\n".join(lines), *(_field(meta, name) for name in FIELDS))


def _field(meta: object, name: str) -> str | None:
    value = getattr(meta, name, None)
    return str(value).strip() if value else None


def render_article(article: Article, result: DocumentResult, fmt: str, signature: str | None) -> str:
    """The translated article in an output format, with its title (English and Chinese) and metadata."""
    [title, *paragraphs] = result.paragraphs
    english = result.english(title).strip()
    body = DocumentResult(result.name, paragraphs, result.units, result.outcomes)
    meta = article.metadata()
    if fmt == "text":
        head = [f"Title: {english}", f"Original title: {article.title}"]
        head += [f"{name.capitalize()}: {value}" for name, value in meta.items()]
        return "\n".join(head) + "\n\n" + render(body, "text", signature)
    if fmt == "md":
        head = [f"# {english}", "", f"- original title: {article.title}"]
        head += [f"- {name}: {value}" for name, value in meta.items()]
        table = render(body, "md", signature).split("\n", 2)[2]  # without render's own '# name' heading
        return "\n".join(head) + "\n\n" + table
    if fmt == "jsonl":
        extra = {"title": article.title, "title_en": english, **meta}
        records = [json.loads(line) for line in render(result, "jsonl", signature).splitlines()]
        return "".join(json.dumps({**record, "article": extra}, ensure_ascii=False) + "\n" for record in records)
    return render(result, fmt, signature)


def translate_article(article: Article, name: str, output: Path | None, translator: Translator, fmt: str = "text",
                      signed: bool = True, progress: Callable[[Progress], None] | None = None) -> tuple[Summary, Written]:
    """Translate an article's title and text and write them with its metadata (output checked by the caller)."""
    summary = Summary(translator.signature)
    [result] = translator.stream([(name, article.document())], summary, progress, total=1)
    text = render_article(article, result, fmt, translator.signature if signed else None)
    if output is None:
        return summary, Written(text=text)
    atomic_write(output, text)
    return summary, Written(files=1, target=output)
