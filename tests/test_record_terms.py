"""Per-record terms in JSON Lines input, WMT-terminology style: each segment with its own term list."""

from __future__ import annotations

import json

import pytest

SAME = "普京在阿斯塔纳说。"
RECORDS = [
    {"id": "s1", "text": SAME, "terms": [{"zh": "普京", "en": "Putin"}]},
    {"id": "s2", "text": "总理会见了记者。", "terms": [{"zh": "总理", "en": "premier"}, {"zh": "记者", "en": "journalists"}]},
    {"id": "s3", "text": SAME},
    {"id": "s4", "text": SAME, "terms": [{"zh": "普京", "en": "President Putin"}, {"zh": "阿斯塔纳", "en": "Nur-Sultan"}]},
    {"id": "s5", "text": "会谈在阿斯塔纳举行。", "terms": [{"zh": "会谈", "en": "talks"}]},
]


def _write(path, records, field="terms"):
    lines = []
    for record in records:
        record = dict(record)
        if "terms" in record:
            record[field] = record.pop("terms")
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def _run(zhen, tmp_path, *extra):
    result = zhen("translate", "--max-length", "12", "--jsonl", str(tmp_path / "segments.jsonl"),
                  "-o", str(tmp_path / "out.jsonl"), *extra)
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in map(json.loads, (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines())}


@pytest.fixture()
def segments(tmp_path):
    _write(tmp_path / "segments.jsonl", RECORDS)
    return tmp_path


def test_each_record_gets_its_own_terms(zhen, installed_model, segments):
    out = _run(zhen, segments, "--no-cache")
    for record in RECORDS:
        for term in record.get("terms", []):
            assert term["en"] in out[record["id"]]["text"], record["id"]
    # No record's terms leak into another with the same sentence.
    assert "President" not in out["s1"]["text"] and "Nur-Sultan" not in out["s1"]["text"]
    assert "Vladimir Putin" in out["s3"]["text"] and "President" not in out["s3"]["text"]
    assert "Astana" in out["s1"]["text"] and "Nur-Sultan" in out["s4"]["text"]


def test_conflicts_are_reported_in_the_record(zhen, installed_model, segments, glossary):
    out = _run(zhen, segments, "--no-cache")
    house = {e.zh: e.en for e in glossary}
    assert out["s1"]["conflicts"] == [{"zh": "普京", "house": house["普京"], "request": "Putin", "house_entry": "普京",
                                       "origin": next(e.origin for e in glossary if e.zh == "普京")}]
    assert [c["zh"] for c in out["s4"]["conflicts"]] == ["普京", "阿斯塔纳"]
    # Without terms, nothing to report; with terms the house glossary lacks, an empty list.
    assert "conflicts" not in out["s3"]
    assert ("会谈" in house) or out["s5"]["conflicts"] == []


def test_the_cache_keeps_term_lists_apart(zhen, installed_model, segments):
    cache = str(segments / "cache")
    first = _run(zhen, segments, "--cache-dir", cache)
    # Another term list for a sentence already in the cache is translated for it, not answered from the cache.
    _write(segments / "segments.jsonl", [{"id": "s1", "text": SAME, "terms": [{"zh": "普京", "en": "Mr Putin"}]}])
    again = _run(zhen, segments, "--cache-dir", cache)
    assert "Mr Putin" in again["s1"]["text"]
    _write(segments / "segments.jsonl", RECORDS)
    assert _run(zhen, segments, "--cache-dir", cache) == first
    assert first == _run(zhen, segments, "--no-cache")


def test_terms_field_is_configurable(zhen, installed_model, tmp_path):
    _write(tmp_path / "segments.jsonl", RECORDS[:1], field="glossary")
    out = _run(zhen, tmp_path, "--no-cache", "--terms-field", "glossary")
    assert out["s1"]["conflicts"][0]["request"] == "Putin"
    # Under the default name the field is not terms: the house glossary applies.
    assert "conflicts" not in _run(zhen, tmp_path, "--no-cache")["s1"]


@pytest.mark.parametrize(
    ("terms", "reason"),
    [
        ("普京=Putin", "expected a list of terms, each with a Chinese term and its English"),
        ([{"zh": "普京"}], 'term 1: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([{"zh": "普京", "en": "Putin"}, "阿斯塔纳"], 'term 2: expected a Chinese term and its English ("zh" and "en" strings)'),
        ([["普京", "Putin"], ["普京", "Poutine"]], "term '普京' is given twice, as 'Putin' and as 'Poutine'"),
    ],
    ids=["not-a-list", "no-english", "not-an-object", "two-englishes"],
)
def test_bad_terms_name_the_record(zhen, installed_model, tmp_path, terms, reason):
    path = tmp_path / "segments.jsonl"
    _write(path, [RECORDS[2], {"id": "bad", "text": SAME, "terms": terms}])
    result = zhen("translate", "--no-cache", "--jsonl", str(path), "-o", str(tmp_path / "out.jsonl"))
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}:2: field 'terms': {reason}\n")
    assert not (tmp_path / "out.jsonl").exists()


def test_ray_refuses_record_terms(zhen, tmp_path):
    pytest.importorskip("ray")
    _write(tmp_path / "segments.jsonl", RECORDS[:1])
    result = zhen("translate", "--ray", "--jsonl", str(tmp_path / "segments.jsonl"), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / 'segments.jsonl'}: records carry their own terms ('terms'), "
                             "which --ray does not apply; run without --ray\n")
