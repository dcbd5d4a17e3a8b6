"""Dynamic batching through the server: shared passes, output independent of batch-mates, queue bound, timeout."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi")
requests = pytest.importorskip("requests")

from serving import serving  # noqa: E402
from zhen.mt.backend import Decoder, Hypothesis  # noqa: E402

TARGET = "俄總統普丁在阿斯塔纳会见托卡耶夫。"
OTHERS = ["哈萨克斯坦总统托卡耶夫表示欢迎。", "普京说，莫斯科将继续合作。", "中国和白俄罗斯是盟友。",
          "分析人士表示，这是另一个迹象。", "目前，他发誓要照顾他们。"]


class Gate(Decoder):
    """A decoder that holds the worker at its next decode until opened, and records each decode's size."""

    def __init__(self, inner: Decoder) -> None:
        self.inner = inner
        self.open = threading.Event()
        self.entered = threading.Event()
        self.sizes: list[int] = []

    def translate(self, sources, prefixes=None, attention=False, suppress=None) -> list[Hypothesis]:
        self.entered.set()
        self.open.wait(60)
        self.sizes.append(len(sources))
        return self.inner.translate(sources, prefixes, attention, suppress)

    def signature(self) -> str:
        return self.inner.signature()


def gated(running, monkeypatch) -> Gate:
    backend = running.app.state.service.backend
    gate = Gate(backend.decoder)
    monkeypatch.setattr(backend, "decoder", gate)
    return gate


def post(url: str, q, **extra) -> requests.Response:
    return requests.post(f"{url}/translate", json={"q": q, "source": "zh", "target": "en", **extra}, timeout=60)


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_concurrent_requests_share_a_pass_and_a_sentence_keeps_its_english(test_model, glossary, monkeypatch):
    with serving(test_model.path, glossary) as running:
        alone = post(running.url, TARGET).json()["translatedText"]
        batcher = running.app.state.service.batcher
        gate = gated(running, monkeypatch)
        with ThreadPoolExecutor(8) as pool:
            blocker = pool.submit(post, running.url, "这是第一个请求。")
            gate.entered.wait(30)
            mixed = [pool.submit(post, running.url, [*OTHERS[:i], TARGET, *OTHERS[i:]]) for i in range(len(OTHERS) + 1)]
            wait_until(lambda: batcher.queued == (len(OTHERS) + 1) ** 2)
            gate.open.set()
            assert blocker.result().status_code == 200
            answers = [f.result() for f in mixed]
    assert [a.status_code for a in answers] == [200] * len(answers)
    # Six requests waited together and went through the worker in one pass, decoded as one batch
    # (identical sentences across requests are decoded once).
    assert batcher.largest_pass == (len(OTHERS) + 1) ** 2
    assert max(gate.sizes) == len(OTHERS) + 1
    for i, answer in enumerate(answers):
        assert answer.json()["translatedText"][i] == alone


def test_a_full_queue_answers_429_with_retry_after(test_model, glossary, monkeypatch):
    with serving(test_model.path, glossary, max_queue=4) as running:
        batcher = running.app.state.service.batcher
        gate = gated(running, monkeypatch)
        with ThreadPoolExecutor(4) as pool:
            blocker = pool.submit(post, running.url, OTHERS[0])
            gate.entered.wait(30)
            waiting = pool.submit(post, running.url, OTHERS[1:4])
            wait_until(lambda: batcher.queued == 3)
            refused = post(running.url, OTHERS[3:5])
            gate.open.set()
            served = [blocker.result(), waiting.result()]
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "1"
    assert refused.json()["error"].startswith("Too many requests: 3 sentences are waiting (limit 4)")
    assert [r.status_code for r in served] == [200, 200]


def test_a_request_past_its_timeout_gets_503_and_is_never_decoded(test_model, glossary, monkeypatch):
    with serving(test_model.path, glossary, timeout=1.0) as running:
        batcher = running.app.state.service.batcher
        gate = gated(running, monkeypatch)
        with ThreadPoolExecutor(4) as pool:
            blocker = pool.submit(post, running.url, OTHERS[0])
            gate.entered.wait(30)
            late = post(running.url, OTHERS[1:4])
            gate.open.set()
            first = blocker.result()
        passes = batcher.passes
        after = post(running.url, OTHERS[4])
    assert late.status_code == 503 and late.headers["Retry-After"] == "1"
    assert late.json() == {"error": "Timeout: not translated within 1 s; retry later"}
    assert first.status_code == 503
    assert after.status_code == 200
    # The timed-out request's three sentences were dropped from the queue, never decoded.
    assert 3 not in gate.sizes
    assert batcher.passes == passes + 1


def test_a_client_that_disconnects_costs_no_decoding(test_model, glossary, monkeypatch, caplog):
    import json
    import logging
    import socket

    with caplog.at_level(logging.INFO, logger="zhen.serve.access"), serving(test_model.path, glossary, timeout=20) as running:
        batcher = running.app.state.service.batcher
        gate = gated(running, monkeypatch)
        with ThreadPoolExecutor(2) as pool:
            blocker = pool.submit(post, running.url, OTHERS[0])
            gate.entered.wait(30)
            body = json.dumps({"q": OTHERS[1:4], "source": "zh", "target": "en"}).encode()
            host, port = running.url.removeprefix("http://").split(":")
            client = socket.create_connection((host, int(port)))
            client.sendall(b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            wait_until(lambda: batcher.queued == 3)
            client.close()
            wait_until(lambda: any(" 499 " in r.getMessage() for r in caplog.records))
            gate.open.set()
            assert blocker.result().status_code == 200
        after = post(running.url, OTHERS[4])
    assert after.status_code == 200
    # The departed client's three sentences were dropped from the queue, never decoded.
    assert 3 not in gate.sizes
