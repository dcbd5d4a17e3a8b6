"""Sentence segmentation: boundaries, closing quotes, term protection, long sentences, pass-through lines."""

from __future__ import annotations

import pytest

from zhen.terms.glossary import Entry
from zhen.terms.match import TermMatcher, matcher_for
from zhen.text.segment import segment, split_sentences


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("他来了。她走了！对吗？", ["他来了。", "她走了！", "对吗？"]),
        ("他说：“我们可以想象同样的情况。”然后走了。", ["他说：“我们可以想象同样的情况。”", "然后走了。"]),
        ("第一；第二", ["第一；", "第二"]),
        ("等待……结束", ["等待……", "结束"]),
        ("没有标点", ["没有标点"]),
        ("  缩进的句子。  ", ["缩进的句子。"]),
    ],
)
def test_split_sentences(line, expected):
    assert [s.source for s in split_sentences(line)] == expected


def test_never_splits_inside_a_glossary_term():
    matcher = TermMatcher([Entry(zh="甲。乙组织", en="A. B Organization", type="org")])
    assert [s.source for s in split_sentences("他加入甲。乙组织。然后离开。", matcher.spans)] == ["他加入甲。乙组织。", "然后离开。"]


def test_long_sentence_is_split_at_commas_under_budget():
    line = "甲甲甲，乙乙乙，丙丙丙，丁丁丁。"
    parts = [s.source for s in split_sentences(line, max_tokens=6)]
    assert parts == ["甲甲甲，", "乙乙乙，", "丙丙丙，", "丁丁丁。"]
    assert "".join(parts) == line


@pytest.mark.parametrize(
    ("text", "passthrough"),
    [
        ("No menu items!\n", [True]),
        ("https://example.com/a\n", [True]),
        ("2022-07-27\n", [True]),
        ("\n", [True]),
        ("    普京说。\n", [False]),
        ("Nurbek说：好。\n", [False]),
    ],
)
def test_lines_without_han_pass_through(text, passthrough):
    assert [p.passthrough for p in segment(text)] == passthrough


def test_segment_keeps_indentation_and_blank_lines():
    paragraphs = segment("    普京说。\n\nWSJ\n")
    assert [(p.number, p.indent, p.text) for p in paragraphs] == [(1, "    ", "    普京说。"), (2, "", ""), (3, "", "WSJ")]


@pytest.mark.parametrize(
    ("line", "max_tokens"),
    [
        ("哈萨克斯坦" * 400, 50),                          # no punctuation, no space: hard budget
        ("俄罗斯和哈萨克斯坦 " * 300, 40),                   # spaces only
        ("他说，" + "普京访问阿斯塔纳" * 200 + "。", 30),       # one clause far over the budget
    ],
    ids=["hard", "spaces", "long-clause"],
)
def test_over_long_lines_are_cut_under_the_budget_never_inside_a_term(glossary, line, max_tokens):
    matcher = matcher_for(glossary)
    sentences = split_sentences(line, matcher.spans, len, max_tokens)
    assert all(len(s.source) <= max_tokens for s in sentences)
    assert "".join(s.source.replace(" ", "") for s in sentences) == line.replace(" ", "")
    terms = {(m.start, m.end) for m in matcher.find(line)}
    assert all(not (s.start < a < s.end < b) for s in sentences for a, b in terms)


def test_long_line_segmentation_measures_each_stretch_a_bounded_number_of_times():
    calls = []

    def measure(text: str) -> int:
        calls.append(len(text))
        return len(text)

    line = "中" * 20000
    split_sentences(line, None, measure, 100)
    # Linear: the characters measured are a small multiple of the line, not quadratic in it.
    assert sum(calls) <= 3 * len(line)
