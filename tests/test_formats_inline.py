"""Inline tags put back into the English: between sentences, around a glossary term's English, beside a term,
in text copied as written; anything else at the end of the segment, in order, paired, reported."""

from __future__ import annotations

import re

import pytest

from helpers import echo_backend
from zhen.formats.inline import CLOSE, OPEN, Inline, InlineBuilder, Tag, place
from zhen.mt.pipeline import Summary
from zhen.translate import Translator


def parse(marked: str) -> Inline:
    """'[g]' opens and '[/g]' closes a container, '{x}' is a standalone tag, '{b:k}'/'{e:k}' a start/end pair."""
    builder, opened = InlineBuilder(), []
    for part in re.split(r"(\[/?\w+\]|\{[\w:]+\})", marked):
        if part.startswith("[/"):
            name, index = opened.pop()
            builder.link(index, builder.tag(CLOSE, f"[/{name}]", container=True))
        elif part.startswith("["):
            opened.append((part[1:-1], builder.tag(OPEN, part, container=True)))
        elif part.startswith("{b:"):
            builder.start(part[3:-1], part)
        elif part.startswith("{e:"):
            builder.end(part[3:-1], part)
        elif part.startswith("{"):
            builder.tag("empty", part)
        else:
            builder.text(part)
    return builder.build()


def show(items: list[str | Tag]) -> str:
    return "".join(item if isinstance(item, str) else item.payload for item in items)


@pytest.fixture(scope="module")
def translate(glossary):
    translator = Translator(glossary, echo_backend({"说": "said", "会见": "met"}))

    def run(marked: str) -> tuple[str, int]:
        inline = parse(marked)
        [result] = translator.stream([("unit", inline.text)], Summary(""))
        placed = place(inline, result)
        return show(placed.items), len(placed.moved)

    return run


@pytest.mark.parametrize(
    ("source", "english", "moved"),
    [
        ("[g]托卡耶夫[/g]说。", "[g]Kassym-Jomart Tokayev[/g] said 。", 0),
        ("普京说。{x}普京说。", "Vladimir Putin said 。{x} Putin said 。", 0),
        ("普京说。[b]普京说。[/b]", "Vladimir Putin said 。 [b]Putin said 。[/b]", 0),
        ("[g]普京说。普京说。[/g]", "[g]Vladimir Putin said 。 Putin said 。[/g]", 0),
        ("托卡耶夫{x}说。", "Kassym-Jomart Tokayev{x} said 。", 0),
        ("普京在{b:1}阿斯塔纳{e:1}说。", "Vladimir Putin 在 {b:1}Astana{e:1} said 。", 0),
        ("普京说。 See [b]page 2[/b].", "Vladimir Putin said 。 See [b]page 2[/b].", 0),
        ("普京[i]会见[/i]托卡耶夫。", "Vladimir Putin met Kassym-Jomart Tokayev 。[i][/i]", 2),
        ("普京{x}会见托卡耶夫{b:7}。", "Vladimir Putin{x} met Kassym-Jomart Tokayev{b:7} 。", 0),
        ("普京会{y}见托卡耶夫。", "Vladimir Putin met Kassym-Jomart Tokayev 。{y}", 1),
        ("[a]普京[b]会见[/b][/a]托卡耶夫。", "Vladimir Putin met Kassym-Jomart Tokayev 。[a][b][/b][/a]", 4),
    ],
    ids=["pair-around-term", "tag-between-sentences", "pair-around-sentence", "pair-around-all",
         "tag-after-term", "bpt-ept-around-term", "verbatim-text", "pair-inside-sentence", "unpaired-start-beside-term", "tag-inside-a-word",
         "nested-pairs-moved-together"],
)
def test_tags_are_put_back(translate, source, english, moved):
    assert translate(source) == (english, moved)


def test_no_tag_is_lost_or_repeated_and_pairs_stay_nested(translate):
    source = "[a]普京[b]说[/b]。[/a]{x}[c]托卡耶夫[/c]在[d]塔什干[e]会见[/e][/d]普京。"
    english, _ = translate(source)
    tags = re.findall(r"\[/?\w\]|\{\w\}", english)
    assert sorted(tags) == sorted(re.findall(r"\[/?\w\]|\{\w\}", source))
    depth = []
    for tag in tags:
        if tag.startswith("[/"):
            assert depth.pop() == tag[2:-1]
        elif tag.startswith("["):
            depth.append(tag[1:-1])
    assert depth == []
