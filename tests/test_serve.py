"""`zhen serve`: the LibreTranslate API, health, bounds and error bodies, through a real server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")
requests = pytest.importorskip("requests")

from serving import serving  # noqa: E402
from zhen.terms.match import matcher_for  # noqa: E402

SENTENCES = ["俄總統普丁在阿斯塔纳会见托卡耶夫。", "哈萨克斯坦总统托卡耶夫表示欢迎。", "普京说，莫斯科将继续合作。"]


@pytest.fixture(scope="module")
def server(test_model, glossary):
    with serving(test_model.path, glossary, max_chars=400, max_body=4000) as running:
        yield running.url


def names_present(source: str, english: str, glossary) -> list[str]:
    """The enforced glossary names of source whose English (any accepted form) is missing from english."""
    return [m.entry.zh for m in matcher_for(glossary).find(source)
            if m.entry.enforced and not any(form in english for form in m.entry.accepted)]


def test_healthz(server):
    answer = requests.get(f"{server}/healthz", timeout=30)
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert answer.json()["signature"].startswith("zhen ")


@pytest.mark.parametrize("encode", ["json", "form"])
def test_translate_one_string_keeps_every_glossary_name(server, glossary, encode):
    body = {"q": SENTENCES[0], "source": "zh", "target": "en"}
    answer = (requests.post(f"{server}/translate", json=body, timeout=60) if encode == "json"
              else requests.post(f"{server}/translate", data=body, timeout=60))
    assert answer.status_code == 200, answer.text
    english = answer.json()["translatedText"]
    assert isinstance(english, str) and english
    assert names_present(SENTENCES[0], english, glossary) == []


def test_translate_a_list_answers_a_list_in_order(server, glossary):
    answer = requests.post(f"{server}/translate", json={"q": SENTENCES, "source": "auto", "target": "en"}, timeout=60)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert len(data["translatedText"]) == len(SENTENCES)
    assert [d["language"] for d in data["detectedLanguage"]] == ["zh"] * len(SENTENCES)
    for source, english in zip(SENTENCES, data["translatedText"]):
        assert names_present(source, english, glossary) == []
    alone = [requests.post(f"{server}/translate", json={"q": s, "source": "zh", "target": "en"}, timeout=60)
             .json()["translatedText"] for s in SENTENCES]
    assert alone == data["translatedText"]


def test_paragraphs_stay_apart(server):
    text = SENTENCES[0] + "\n\n" + SENTENCES[1]
    english = requests.post(f"{server}/translate", json={"q": text, "source": "zh", "target": "en"}, timeout=60).json()["translatedText"]
    assert english.count("\n") == 2


@pytest.mark.parametrize(("body", "status", "error"), [
    ({"source": "zh", "target": "en"}, 400, "Invalid request: missing q parameter"),
    ({"q": "你好", "target": "en"}, 400, "Invalid request: missing source parameter"),
    ({"q": "你好", "source": "zh"}, 400, "Invalid request: missing target parameter"),
    ({"q": "你好", "source": "fr", "target": "en"}, 400, "fr is not supported"),
    ({"q": "你好", "source": "zh", "target": "de"}, 400, "de is not supported"),
    ({"q": 5, "source": "zh", "target": "en"}, 400, "Invalid request: q must be a string or a list of strings"),
    ({"q": ["你好", 5], "source": "zh", "target": "en"}, 400, "Invalid request: q must be a string or a list of strings"),
    ({"q": "你好", "source": ["zh"], "target": "en"}, 400, "Invalid request: source must be a string"),
    ({"q": "你好", "source": "zh", "target": "en", "format": "html"}, 400, "html format is not supported yet; send format=text"),
    ({"q": "你好", "source": "zh", "target": "en", "format": "pdf"}, 400, "pdf format is not supported"),
    ({"q": "你好", "source": "zh", "target": "en", "alternatives": 3}, 400, "alternatives are not supported"),
    ({"q": "你" * 401, "source": "zh", "target": "en"}, 400, "Invalid request: request (401) exceeds text limit (400)"),
    ({"q": ["你" * 200, "好" * 201], "source": "zh", "target": "en"}, 400, "Invalid request: request (401) exceeds text limit (400)"),
])
def test_translate_refuses_bad_requests_with_libretranslate_errors(server, body, status, error):
    answer = requests.post(f"{server}/translate", json=body, timeout=30)
    assert (answer.status_code, answer.json()) == (status, {"error": error})


@pytest.mark.parametrize(("data", "headers", "status", "start"), [
    (b'{"q": "\\u4f60", "source": "zh",', {"Content-Type": "application/json"}, 400, "request body is not valid JSON"),
    (b'["q"]', {"Content-Type": "application/json"}, 400, "request body must be a JSON object"),
    ('{"q": "你好", "source": "zh", "target": "en"}'.encode("gbk"), {"Content-Type": "application/json"}, 400,
     "request body is not valid UTF-8"),
    (b"q=%E4%BD&source=zh&target=en\xff", {"Content-Type": "application/x-www-form-urlencoded"}, 400,
     "request body is not valid UTF-8"),
    (b"x" * 5000, {"Content-Type": "application/json"}, 413, "request body of 5000 bytes is over the limit of 4000"),
])
def test_malformed_bodies_get_one_line_errors(server, data, headers, status, start):
    answer = requests.post(f"{server}/translate", data=data, headers=headers, timeout=30)
    assert answer.status_code == status
    assert answer.json()["error"].startswith(start)
    assert "\n" not in answer.json()["error"]


def test_a_body_without_declared_length_is_bounded_too(server):
    chunks = (b"x" * 1000 for _ in range(10))
    answer = requests.post(f"{server}/translate", data=chunks, headers={"Content-Type": "application/json"}, timeout=30)
    assert (answer.status_code, answer.json()) == (413, {"error": "request body is over the limit of 4000 bytes"})


def test_unknown_path_and_method_answer_in_the_error_body(server):
    assert requests.get(f"{server}/nowhere", timeout=30).json() == {"error": "Not Found"}
    answer = requests.get(f"{server}/translate", timeout=30)
    assert (answer.status_code, answer.json()) == (405, {"error": "Method Not Allowed"})


def test_languages_and_settings(server):
    # A GET declaring a JSON body it does not send is read as having none.
    languages = requests.get(f"{server}/languages", headers={"Content-Type": "application/json"}, timeout=30).json()
    assert {"code": "zh", "name": "Chinese", "targets": ["en"]} in languages
    settings = requests.get(f"{server}/frontend/settings", timeout=30).json()
    assert settings["charLimit"] == 400 and settings["keyRequired"] is False


@pytest.mark.parametrize(("text", "expected"), [
    ("俄罗斯总统普京", [{"confidence": 100.0, "language": "zh"}]),
    ("Putin 说", [{"confidence": 83.3, "language": "en"}]),
    ("普京说 OK", [{"confidence": 60.0, "language": "zh"}]),
    ("12345 。", []),
])
def test_detect_by_script(server, text, expected):
    assert requests.post(f"{server}/detect", data={"q": text}, timeout=30).json() == expected


def test_openapi_docs(server):
    spec = requests.get(f"{server}/openapi.json", timeout=30).json()
    assert {"/translate", "/v2/translate", "/api/translate", "/healthz"} <= set(spec["paths"])
    assert requests.get(f"{server}/docs", timeout=30).status_code == 200
    json.dumps(spec)
