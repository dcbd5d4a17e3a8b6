"""`zhen serve` operations: API keys, CORS, the access log, graceful SIGTERM, and the command's one-line errors."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

pytest.importorskip("fastapi")
requests = pytest.importorskip("requests")
libretranslatepy = pytest.importorskip("libretranslatepy")

from helpers import corpus_documents  # noqa: E402
from serving import free_port, serving  # noqa: E402
from test_serve_apis import GLOSSARY  # noqa: E402

KEYS = "secret-one\n# a comment\n\nsecret-two\n"
UUID = "0b5e4d9c-6a47-4f0e-9a55-7c0f2f0d1a11"
ENDPOINTS = [
    ("post", "/translate", {"q": "你好", "source": "zh", "target": "en"}),
    ("get", "/languages", None),
    ("post", "/detect", {"q": "你好"}),
    ("get", "/frontend/settings", None),
    ("post", "/v2/translate", {"text": ["你好"], "target_lang": "EN"}),
    ("get", "/v2/languages", None),
    ("get", "/v2/glossary-language-pairs", None),
    ("get", "/v2/glossaries", None),
    ("post", "/v2/glossaries", GLOSSARY),
    ("get", f"/v2/glossaries/{UUID}", None),
    ("get", f"/v2/glossaries/{UUID}/entries", None),
    ("delete", f"/v2/glossaries/{UUID}", None),
    ("get", "/v2/usage", None),
    ("post", "/api/translate", {"text": "你好"}),
    ("get", "/api/lookup?q=普京", None),
    ("post", "/api/terms", {"text": "普京"}),
    ("post", "/api/check", {"source": "普京", "target": "Putin"}),
]


@pytest.fixture(scope="module")
def keyed(test_model, glossary, tmp_path_factory):
    keys = tmp_path_factory.mktemp("keys") / "keys.txt"
    keys.write_text(KEYS, encoding="utf-8")
    with serving(test_model.path, glossary, api_keys=keys, cors_origins=("http://allowed.test",)) as running:
        yield running.url


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
@pytest.mark.parametrize(("headers", "message"), [
    ({}, "Please contact the server operator to get an API key"),
    ({"Authorization": "DeepL-Auth-Key secret-on"}, "Invalid API key"),
    ({"Authorization": "Bearer secret-one2"}, "Invalid API key"),
])
def test_every_endpoint_needs_a_key(keyed, method, path, body, headers, message):
    answer = getattr(requests, method)(f"{keyed}{path}", json=body, headers=headers, timeout=60)
    key = "message" if path.startswith("/v2/") else "error"
    assert (answer.status_code, answer.json()) == (403, {key: message})


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
@pytest.mark.parametrize("headers", [{"Authorization": "DeepL-Auth-Key secret-one"}, {"Authorization": "Bearer secret-two"}])
def test_every_endpoint_answers_a_key(keyed, method, path, body, headers):
    answer = getattr(requests, method)(f"{keyed}{path}", json=body, headers=headers, timeout=60)
    assert answer.status_code in (200, 201, 204, 404), answer.text


def test_health_and_page_need_no_key_and_clients_pass_theirs(keyed):
    assert requests.get(f"{keyed}/healthz", timeout=30).status_code == 200
    # The review page itself is open; its API calls carry the key typed into it.
    assert requests.get(f"{keyed}/", timeout=30).headers["content-type"].startswith("text/html")
    assert requests.get(f"{keyed}/page/page.js", timeout=30).status_code == 200
    assert libretranslatepy.LibreTranslateAPI(keyed, api_key="secret-two").translate("普京", "zh", "en")
    with pytest.raises(Exception, match="403"):
        libretranslatepy.LibreTranslateAPI(keyed, api_key="nope").translate("普京", "zh", "en")


def test_the_access_log_has_one_line_a_request_and_never_a_key(keyed, caplog):
    with caplog.at_level(logging.INFO, logger="zhen.serve.access"):
        requests.get(f"{keyed}/api/lookup", params={"q": "普京", "api_key": "secret-one"}, timeout=30)
        requests.post(f"{keyed}/translate", data={"q": "普京", "source": "zh", "target": "en", "api_key": "secret-two"},
                      timeout=30)
        requests.get(f"{keyed}/v2/usage", headers={"Authorization": "DeepL-Auth-Key secret-on"}, timeout=30)
    lines = [r.getMessage() for r in caplog.records if r.name == "zhen.serve.access"]
    assert [re.sub(r" [0-9.]+ms$", "", line) for line in lines] == [
        "127.0.0.1 GET /api/lookup 200", "127.0.0.1 POST /translate 200", "127.0.0.1 GET /v2/usage 403"]
    assert "secret" not in caplog.text


@pytest.mark.parametrize(("origin", "allowed"), [("http://allowed.test", True), ("http://other.test", False)])
def test_cors_only_for_the_origins_named(keyed, origin, allowed):
    preflight = requests.options(f"{keyed}/translate", headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type"},
        timeout=30)
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed
    answer = requests.get(f"{keyed}/healthz", headers={"Origin": origin}, timeout=30)
    assert (answer.headers.get("access-control-allow-origin") == origin) is allowed


def test_sigterm_finishes_the_request_in_flight_and_exits_0(test_model, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    text = "\n".join(line for _, doc in corpus_documents()[:2] for line in doc.splitlines())
    server = subprocess.Popen([sys.executable, "-m", "zhen", "serve", "--port", str(port), "--model", str(test_model.path),
                               "--max-chars", "100000", "--max-length", "64", "--no-cache"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        answers: list[requests.Response] = []
        client = threading.Thread(target=lambda: answers.append(requests.post(
            f"{url}/translate", json={"q": text, "source": "zh", "target": "en"}, timeout=120)))
        client.start()
        while True:
            health = requests.get(f"{url}/healthz", timeout=5).json()
            if health["queued"] + health["decoding"]:
                break
            assert client.is_alive(), "the request finished before the signal could be sent"
        server.send_signal(signal.SIGTERM)
        client.join(120)
        code = server.wait(60)
    finally:
        if server.poll() is None:
            server.kill()
    _, stderr = server.communicate()
    assert code == 0, stderr
    assert answers[0].status_code == 200
    assert answers[0].json()["translatedText"].count("\n") == text.count("\n")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/healthz", timeout=5)


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--max-chars", "0"], 2, "Error: --max-chars must be at least 1, not 0"),
    (["--timeout", "0"], 2, "Error: --timeout must be more than 0 seconds, not 0"),
    (["--beam", "0"], 2, "Error: --beam must be at least 1, not 0"),
    (["--api-keys", "{tmp}/missing.txt"], 2, "Error: {tmp}/missing.txt: cannot read the API key file (No such file or directory)"),
    (["--api-keys", "{tmp}/empty.txt"], 2, "Error: {tmp}/empty.txt: no API key in the file"),
    (["--model", "{tmp}/nowhere"], 2, "Error: --model {tmp}/nowhere: no such directory or registered model"),
])
def test_serve_refuses_bad_settings_in_one_line(zhen, tmp_path, args, code, message):
    (tmp_path / "empty.txt").write_text("# no keys\n", encoding="utf-8")
    result = zhen("serve", *[a.format(tmp=tmp_path) for a in args])
    assert (result.exit_code, result.stderr) == (code, message.format(tmp=tmp_path) + "\n")


@pytest.mark.parametrize("missing", ["fastapi", "uvicorn", "multipart"])
def test_serve_without_the_extra_says_what_to_install(zhen, monkeypatch, missing):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == missing else real(name, *a))
    result = zhen("serve")
    assert (result.exit_code, result.stderr) == (1, f"Error: zhen serve needs {missing}: pip install 'zhen[serve]'\n")
