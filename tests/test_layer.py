"""Per-request terms over the house glossary: what they replace, the conflicts, and a matcher equal to a full rebuild."""

from __future__ import annotations

import pytest

from zhen.terms.layer import TermsError, layer
from zhen.terms.match import TermMatcher, matcher_for

TEXT = "托卡耶夫总统和普京在阿斯塔纳会谈，北约秘书长表示，里海管道财团运营顺利。"


def _found(matcher, text=TEXT):
    return [(m.text, m.entry.en, m.entry.enforced) for m in matcher.find(text)]


@pytest.mark.parametrize(
    ("terms", "expected", "conflicts"),
    [
        # A house name with other English: the request's English is enforced, and the conflict reported.
        ([("普京", "Putin")], ("普京", "Putin", True), [("普京", "Vladimir Putin", "Putin")]),
        # Mapping items, as in a JSON record.
        ([{"zh": "普京", "en": "President Putin"}], ("普京", "President Putin", True),
         [("普京", "Vladimir Putin", "President Putin")]),
        # Check-only vocabulary in the house glossary becomes an enforced term of the request.
        ([("秘书长", "Sec-Gen")], ("秘书长", "Sec-Gen", True), [("秘书长", "secretary-general", "Sec-Gen")]),
        # Same English as the house: replaced (now enforced), but no conflict.
        ([("秘书长", "secretary-general")], ("秘书长", "secretary-general", True), []),
        # A term the house glossary does not have at all.
        ([("会谈", "talks")], ("会谈", "talks", True), []),
        # Given in traditional script: it still replaces the simplified house entry.
        ([("普京", "Putin"), ("運營", "operation")], ("运营", "operation", True), [("普京", "Vladimir Putin", "Putin")]),
        # A house variant: the entry owning it is replaced.
        ([("里海石油管线", "CPC line")], None, [("里海石油管线", "Caspian Pipeline Consortium", "CPC line")]),
    ],
    ids=["name", "mapping", "check-only-to-enforced", "same-english", "new-term", "traditional", "house-variant"],
)
def test_request_terms_replace_house_entries(glossary, terms, expected, conflicts):
    layered = layer(glossary, terms)
    found = _found(layered.matcher)
    if expected is not None:
        assert expected in found
    assert [(c.zh, c.house_en, c.request_en) for c in layered.conflicts] == conflicts
    # The house entries in conflict are gone from the combined glossary; the request's are there.
    zhs = {e.zh for e in layered.glossary}
    assert all(c.house.zh not in zhs or c.house.zh == c.zh for c in layered.conflicts)
    assert all(e.enforced for e in layered.terms)


def test_replaced_entry_loses_its_other_forms(glossary):
    # 里海管道财团 owns 里海石油管线 too; a request that renames the entry replaces it whole.
    layered = layer(glossary, [("里海管道财团", "the pipeline consortium")])
    assert _found(layered.matcher, "里海石油管线和里海管道财团") == [("里海管道财团", "the pipeline consortium", True)]


@pytest.mark.parametrize(
    "terms",
    [
        [],
        [("普京", "Putin")],
        [("普京", "Putin"), ("阿斯塔纳", "Nur-Sultan"), ("秘书长", "SG")],
        [("会谈", "talks"), ("顺利", "smoothly"), ("北约秘书长", "NATO chief")],
        [("托卡耶夫总统", "President Tokayev")],
        [("表示", "said"), ("于", "in")],
    ],
    ids=["none", "one", "three", "new-words", "longer-than-house", "one-character"],
)
@pytest.mark.parametrize(
    "text",
    [TEXT, "北约和NATO的秘书长会谈于阿斯塔纳", "哈萨克斯坦总统托卡耶夫总统表示，普丁与普京相同。"],
    ids=["news", "latin", "variants"],
)
def test_overlay_matches_like_a_full_rebuild(glossary, terms, text):
    layered = layer(glossary, terms)
    rebuilt = TermMatcher(layered.glossary.entries)
    assert _found(layered.matcher, text) == _found(rebuilt, text)


@pytest.mark.parametrize(("acronym", "house"), [("NATO", "北约"), ("CPC", "里海管道财团")])
def test_a_requested_acronym_is_not_ambiguous(glossary, acronym, house):
    # The house glossary has the acronym as another entry's short form (a full rebuild would skip it as
    # ambiguous): the request says what it means here.
    layered = layer(glossary, [(acronym, "the Alliance")])
    assert (acronym, "the Alliance", True) in _found(layered.matcher, f"{house}和{acronym}")


def test_base_matcher_is_untouched(glossary):
    before = _found(matcher_for(glossary))
    layer(glossary, [("普京", "Putin"), ("会谈", "talks")]).matcher.find(TEXT)
    assert _found(matcher_for(glossary)) == before


def test_signature_holds_the_terms(glossary):
    assert layer(glossary, []).signature == glossary.signature
    one, other = layer(glossary, [("普京", "Putin")]), layer(glossary, [("普京", "Vladimir Putin")])
    assert len({glossary.signature, one.signature, other.signature}) == 3
    assert layer(glossary, [("普京", "Putin")]).signature == one.signature


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ([("普京",)], 'term 1: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([("普京", "Putin"), {"zh": "会谈"}], 'term 2: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([{"zh": "普京", "en": 3}], 'term 1: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([("  ", "Putin")], 'term 1: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([("普京", "Putin"), ("普京", "Poutine")], "term '普京' is given twice, as 'Putin' and as 'Poutine'"),
    ],
    ids=["one-cell", "missing-en", "not-a-string", "blank", "two-englishes"],
)
def test_malformed_term_lists(glossary, terms, message):
    with pytest.raises(TermsError) as info:
        layer(glossary, terms)
    assert str(info.value) == message


def test_same_term_twice_with_same_english_is_one_term(glossary):
    assert len(layer(glossary, [("普京", "Putin"), ("普京", "Putin")]).terms) == 1
