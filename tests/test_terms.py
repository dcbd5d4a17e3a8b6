"""Term matching over the corpus (pinned, hand-reviewed list) and on small parametrized inputs."""

from __future__ import annotations

import collections
import csv
import json

import pytest

from helpers import CORPUS, ROOT
from zhen.terms.glossary import Entry
from zhen.terms.match import TermMatcher, matcher_for

EXPECTED = ROOT / "tests" / "data" / "corpus_terms.tsv"


def _expected() -> dict[str, collections.Counter]:
    expected: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with EXPECTED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            expected[row["slug"]][(row["text"], row["zh"], row["en"])] = int(row["count"])
    return expected


@pytest.mark.parametrize("slug", sorted(p.stem for p in CORPUS.glob("*.txt")))
def test_zhen_terms_over_corpus_matches_reviewed_list(zhen, slug):
    result = zhen("terms", "--json", str(CORPUS / f"{slug}.txt"))
    assert result.exit_code == 0
    found: collections.Counter = collections.Counter()
    lines = (CORPUS / f"{slug}.txt").read_text(encoding="utf-8").splitlines()
    for row in map(json.loads, result.stdout.splitlines()):
        for term in row["terms"]:
            assert lines[row["line"] - 1][term["start"] : term["end"]] == term["text"]
            found[(term["text"], term["zh"], term["en"])] += 1
    assert found == _expected()[slug]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("托卡耶夫和托加耶夫", [("托卡耶夫", 0, 4), ("托加耶夫", 5, 9)]),
        ("普丁在克里姆林宮", [("普丁", 0, 2), ("克里姆林宮", 3, 8)]),
        ("集體安全條約組織(CSTO)", [("集體安全條約組織", 0, 8)]),
        ("哈萨克斯坦人和哈萨克斯坦", [("哈萨克斯坦人", 0, 6), ("哈萨克斯坦", 7, 12)]),
        ("里海管道财团(CPC)和CPCs", [("里海管道财团", 0, 6), ("CPC", 7, 10)]),
        ("外交政策杂志谈外交政策", [("外交政策杂志", 0, 6), ("外交政策", 7, 11)]),
        ("没有任何术语", []),
    ],
    ids=["variant", "traditional", "trad-org", "longest", "latin-boundary", "magazine-vs-concept", "none"],
)
def test_find_leftmost_longest(glossary, text, expected):
    assert [(m.text, m.start, m.end) for m in matcher_for(glossary).find(text)] == expected


def test_empty_matcher_finds_nothing():
    assert TermMatcher([]).find("托卡耶夫") == []


def test_later_entry_wins_a_shared_form():
    a = Entry(zh="甲", en="A", type="other", variants=("丙",))
    b = Entry(zh="乙", en="B", type="other", variants=("丙",))
    assert [m.entry.en for m in TermMatcher([a, b]).find("丙")] == ["B"]
