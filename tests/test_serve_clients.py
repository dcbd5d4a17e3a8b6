"""Client compatibility and load: libretranslatepy against the server, and a bounded load test on 127.0.0.1 with
LibreTranslate, DeepL and zhen requests mixed: no 5xx, and every glossary name in every answer."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi")
requests = pytest.importorskip("requests")
libretranslatepy = pytest.importorskip("libretranslatepy")

from helpers import corpus_documents  # noqa: E402
from serving import serving  # noqa: E402
from test_serve import names_present  # noqa: E402
from zhen.terms.match import matcher_for  # noqa: E402

REQUESTS = 500
CLIENTS = 32


@pytest.fixture(scope="module")
def server(test_model, glossary):
    with serving(test_model.path, glossary) as running:
        yield running


def named_lines(glossary) -> list[str]:
    """Corpus lines holding at least one enforced glossary name, cut to their first sentence."""
    matcher = matcher_for(glossary)
    lines = []
    for _, text in corpus_documents():
        for line in text.splitlines():
            sentence = line.split("。")[0] + "。"
            if 8 <= len(sentence) <= 80 and any(m.entry.enforced for m in matcher.find(sentence)):
                lines.append(sentence)
    return lines


def test_libretranslatepy(server, glossary):
    client = libretranslatepy.LibreTranslateAPI(server.url)
    text = "俄總統普丁在阿斯塔纳会见托卡耶夫。"
    english = client.translate(text, "zh", "en")
    assert english and names_present(text, english, glossary) == []
    assert client.detect(text) == [{"confidence": 100.0, "language": "zh"}]
    assert [lang["code"] for lang in client.languages()] == ["zh", "en"]


def test_load_without_5xx_and_with_every_name(server, glossary):
    lines = named_lines(glossary)
    assert len(lines) >= 50
    rng = random.Random(19)
    work = [(rng.choice(("libre", "deepl", "zhen")), rng.sample(lines, rng.randint(1, 2))) for _ in range(REQUESTS)]
    local = threading.local()

    def send(item: tuple[str, list[str]]) -> tuple[int, list[str], list[str]]:
        api, texts = item
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        if api == "libre":
            answer = session.post(f"{server.url}/translate", json={"q": texts, "source": "zh", "target": "en"}, timeout=120)
            english = answer.json().get("translatedText", []) if answer.ok else []
        elif api == "deepl":
            answer = session.post(f"{server.url}/v2/translate", json={"text": texts, "target_lang": "EN-US"}, timeout=120)
            english = [t["text"] for t in answer.json()["translations"]] if answer.ok else []
        else:
            answer = session.post(f"{server.url}/api/translate", json={"text": texts}, timeout=120)
            english = [r["text"] for r in answer.json()["results"]] if answer.ok else []
        return answer.status_code, texts, english

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(send, work))
    assert sorted({status for status, _, _ in results}) == [200]
    missing = [(t, e) for _, texts, english in results for t, e in zip(texts, english) if names_present(t, e, glossary)]
    assert missing == []
    assert all(len(texts) == len(english) for _, texts, english in results)
    # Requests did share passes: fewer passes than requests.
    assert server.app.state.service.batcher.passes < REQUESTS
