"""`zhen serve`: the DeepL v2 subset (official client and raw HTTP), glossaries across restarts, per-request terms,
and zhen's own API, through a real server on 127.0.0.1."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
requests = pytest.importorskip("requests")
deepl = pytest.importorskip("deepl")

from serving import serving  # noqa: E402
from test_serve import SENTENCES, names_present  # noqa: E402
from zhen.mt.registry import data_dir  # noqa: E402

ENTRIES = {"盟友": "Allied-Partner", "分析人士": "Watcher-Group", "阿斯塔纳": "Nur-Sultan City"}
TEXTS = ["哈萨克斯坦一直是克里姆林宫的盟友，分析人士表示。", "托卡耶夫在阿斯塔纳会见盟友。"]


@pytest.fixture(scope="module")
def server(test_model, glossary):
    with serving(test_model.path, glossary, max_chars=400) as running:
        yield running.url


def test_the_official_deepl_client_creates_lists_uses_and_deletes_a_glossary(server, glossary):
    translator = deepl.Translator("any-key", server_url=server)
    made = translator.create_glossary("news", "ZH", "EN-US", ENTRIES)
    assert made.entry_count == len(ENTRIES) and made.ready
    assert made.glossary_id in [g.glossary_id for g in translator.list_glossaries()]
    assert translator.get_glossary_entries(made) == ENTRIES
    results = translator.translate_text(TEXTS, source_lang="ZH", target_lang="EN-US", glossary=made)
    for text, result in zip(TEXTS, results):
        assert result.detected_source_lang == "ZH"
        assert [en for zh, en in ENTRIES.items() if zh in text and en not in result.text] == []
        assert names_present(text, result.text, glossary) == [m for m in names_present(text, "", glossary)
                                                            if m in ENTRIES]
    assert translator.get_usage().character.count >= sum(len(t) for t in TEXTS)
    assert [lang.code for lang in translator.get_source_languages()] == ["ZH"]
    assert {lang.code for lang in translator.get_target_languages()} == {"EN-GB", "EN-US"}
    translator.delete_glossary(made)
    with pytest.raises(deepl.GlossaryNotFoundException):
        translator.get_glossary(made.glossary_id)


def test_glossaries_persist_across_restarts(test_model, glossary):
    with serving(test_model.path, glossary) as first:
        made = requests.post(f"{first.url}/v2/glossaries", json={
            "name": "kept", "source_lang": "zh", "target_lang": "en", "entries": "盟友\tAllied-Partner\n",
            "entries_format": "tsv"}, timeout=30)
    assert made.status_code == 201
    glossary_id = made.json()["glossary_id"]
    assert (data_dir() / "glossaries" / f"{glossary_id}.json").exists()
    with serving(test_model.path, glossary) as second:
        entries = requests.get(f"{second.url}/v2/glossaries/{glossary_id}/entries", timeout=30)
        assert entries.headers["content-type"].startswith("text/tab-separated-values")
        assert entries.text == "盟友\tAllied-Partner\n"
        assert requests.delete(f"{second.url}/v2/glossaries/{glossary_id}", timeout=30).status_code == 204
    assert not (data_dir() / "glossaries" / f"{glossary_id}.json").exists()


GLOSSARY = {"name": "g", "source_lang": "zh", "target_lang": "en", "entries": "盟友\tAlly\n", "entries_format": "tsv"}


@pytest.mark.parametrize(("method", "path", "body", "status", "message"), [
    ("post", "/v2/translate", {"target_lang": "EN"}, 400, "Invalid request: missing text parameter"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "DE"}, 400, "Value for 'target_lang' not supported: DE"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "source_lang": "JA"}, 400,
     "Value for 'source_lang' not supported: JA"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "glossary_id": "0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11"},
     400, "Use of a glossary requires the source_lang parameter to be specified"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "source_lang": "ZH",
                               "glossary_id": "0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11"}, 404,
     "glossary 0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11 not found"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "tag_handling": "html"}, 400,
     "tag_handling is not supported yet; send plain text"),
    ("post", "/v2/translate", {"text": ["你" * 401], "target_lang": "EN"}, 413, "request (401 characters) exceeds text limit (400)"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "terms": [{"zh": "你好"}]}, 400,
     "Invalid request: terms[0] needs a non-empty zh and en"),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN", "terms": [{"zh": "hello", "en": "x"}]}, 400,
     "Invalid request: terms[0]: zh 'hello' has no Chinese character"),
    ("get", "/v2/glossaries/not-a-uuid", None, 404, "glossary id 'not-a-uuid' is not a UUID"),
    ("get", "/v2/glossaries/..%2F..%2Fmodels", None, 404, "Not Found"),
    ("get", "/v2/glossaries/0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11.json/entries", None, 404,
     "glossary id '0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11.json' is not a UUID"),
    ("get", "/v2/glossaries/{0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11}", None, 404,
     "glossary id '{0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11}' is not a UUID"),
    ("delete", "/v2/glossaries/0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11", None, 404,
     "glossary 0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11 not found"),
    ("post", "/v2/glossaries", {**GLOSSARY, "target_lang": "de"}, 400, "Unsupported glossary language pair: zh→de (only zh→en)"),
    ("post", "/v2/glossaries", {**GLOSSARY, "entries": "盟友 Ally\n"}, 400,
     "Invalid glossary entries: entry 1 needs exactly a source and a target term"),
    ("post", "/v2/glossaries", {**GLOSSARY, "entries": "盟友\tAlly\n盟友\tFriend\n"}, 400,
     "Invalid glossary entries: entry 2 repeats the source term '盟友'"),
    ("post", "/v2/glossaries", {**GLOSSARY, "entries_format": "xlsx"}, 400, "Value for 'entries_format' not supported: xlsx"),
    ("post", "/v2/glossaries", {**GLOSSARY, "name": " "}, 400, "Invalid request: name must not be empty"),
    ("get", "/v2/languages?type=both", None, 400, "Value for 'type' not supported: both"),
])
def test_deepl_errors_carry_a_message(server, method, path, body, status, message):
    answer = getattr(requests, method)(f"{server}{path}", json=body, timeout=30)
    assert (answer.status_code, answer.json()) == (status, {"message": message})


def test_deepl_form_body_with_repeated_text(server):
    answer = requests.post(f"{server}/v2/translate", data={"text": SENTENCES[:2], "target_lang": "EN-GB"}, timeout=60)
    assert answer.status_code == 200
    assert [t["billed_characters"] for t in answer.json()["translations"]] == [len(s) for s in SENTENCES[:2]]


def test_request_terms_are_in_the_cache_key(test_model, glossary, tmp_path):
    text = TEXTS[1]
    with serving(test_model.path, glossary, cache=True, cache_dir=tmp_path / "cache") as running:
        def english(terms) -> str:
            answer = requests.post(f"{running.url}/api/translate", json={"text": text, "terms": terms}, timeout=60)
            assert answer.status_code == 200, answer.text
            return answer.json()["results"][0]["text"]

        plain = english([])
        mine = english([{"zh": "托卡耶夫", "en": "President K.T."}])
        again = english([])
        other = english([{"zh": "托卡耶夫", "en": "Mr Tokayev-Two"}])
    assert "President K.T." in mine and "President K.T." not in plain
    assert "Mr Tokayev-Two" in other and "President K.T." not in other
    assert again == plain


def test_api_translate_gives_statuses_signature_and_conflicts(server):
    answer = requests.post(f"{server}/api/translate", json={
        "text": [SENTENCES[0]], "terms": [{"zh": "托卡耶夫", "en": "President K.T."}]}, timeout=60).json()
    [result] = answer["results"]
    assert answer["signature"].startswith("zhen ") and result["signature"] == answer["signature"]
    assert answer["conflicts"] == [{"zh": "托卡耶夫", "house": "Kassym-Jomart Tokayev", "request": "President K.T.",
                                    "house_entry": "托卡耶夫"}]
    statuses = {t["zh"]: t["status"] for t in result["terms"]}
    assert statuses["托卡耶夫"] in ("model", "forced") and statuses["普京"] in ("model", "forced")
    assert "President K.T." in result["text"] and "Putin" in result["text"]
    assert [s["source"] for s in result["sentences"]] == [SENTENCES[0]]


@pytest.mark.parametrize(("query", "zh"), [("普丁", "普京"), ("Putin", "普京"), ("tuokayefu", "托卡耶夫")])
def test_api_lookup(server, query, zh):
    answer = requests.get(f"{server}/api/lookup", params={"q": query}, timeout=30).json()
    assert answer["exact"] is True and answer["hits"][0]["zh"] == zh


def test_api_terms_lists_names_by_line(server):
    answer = requests.post(f"{server}/api/terms", json={"text": "你好\n普丁会见托卡耶夫"}, timeout=30).json()
    assert [(line["line"], [t["zh"] for t in line["terms"]]) for line in answer["lines"]] == [(2, ["普京", "托卡耶夫"])]


def test_api_check_finds_a_missing_name(server):
    answer = requests.post(f"{server}/api/check", json={"source": "你好\n普京会见托卡耶夫。",
                                                        "target": "Hello\nPutin met the president."}, timeout=30)
    findings = answer.json()["findings"]
    assert [(f["line"], f["code"], f["severity"]) for f in findings if f["code"] == "T101"] == [(2, "T101", "error")]
    assert "Tokayev" in findings[0]["message"]


@pytest.mark.parametrize(("path", "body", "status", "error"), [
    ("/api/check", {"source": "a\nb", "target": "a"}, 400, "target has 1 lines, but source has 2; texts must be paragraph-aligned"),
    ("/api/check", {"source": "a"}, 400, "Invalid request: missing target parameter"),
    ("/api/terms", {"text": ["a"]}, 400, "Invalid request: text must be a string"),
    ("/api/translate", {"text": "你好", "terms": {"zh": "你好"}}, 400,
     "Invalid request: terms must be a list of {\"zh\": …, \"en\": …} objects"),
    ("/api/translate", {"text": "你好", "terms": [{"zh": "你好", "en": "a"}, {"zh": "你好", "en": "b"}]}, 400,
     "term '你好' is given twice, as 'a' and as 'b'"),
    ("/api/translate", {"text": "你" * 401}, 413, "request (401 characters) exceeds text limit (400)"),
])
def test_api_errors(server, path, body, status, error):
    answer = requests.post(f"{server}{path}", json=body, timeout=30)
    assert (answer.status_code, answer.json()) == (status, {"error": error})


def test_api_translate_takes_a_stored_glossary_and_its_own_terms_on_top(server):
    made = requests.post(f"{server}/v2/glossaries", json={
        "name": "desk", "source_lang": "zh", "target_lang": "en", "entries_format": "tsv",
        "entries": "盟友\tAllied-Partner\n托卡耶夫\tPresident K.T.\n"}, timeout=30).json()
    answer = requests.post(f"{server}/api/translate", json={
        "text": TEXTS[1], "glossary_id": made["glossary_id"], "terms": [{"zh": "托卡耶夫", "en": "Mr Tokayev-Two"}]},
        timeout=60)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    # The request's own term is laid over the stored glossary, which is laid over the house glossary.
    assert "Allied-Partner" in result["text"] and "Mr Tokayev-Two" in result["text"]
    assert "President K.T." not in result["text"]
    deepl_answer = requests.post(f"{server}/v2/translate", json={
        "text": [TEXTS[1]], "source_lang": "ZH", "target_lang": "EN", "glossary_id": made["glossary_id"],
        "terms": [{"zh": "托卡耶夫", "en": "Mr Tokayev-Two"}]}, timeout=60).json()
    [translation] = deepl_answer["translations"]
    assert "Allied-Partner" in translation["text"] and "Mr Tokayev-Two" in translation["text"]
    unknown = requests.post(f"{server}/api/translate", json={"text": "你好", "glossary_id": UNKNOWN}, timeout=30)
    assert (unknown.status_code, unknown.json()) == (404, {"error": f"glossary {UNKNOWN} not found"})


UNKNOWN = "0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11"
