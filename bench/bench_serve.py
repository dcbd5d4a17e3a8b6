"""Benchmark: `zhen serve` under 1, 8 and 32 concurrent clients against `zhen translate` in one process.

A real-size random-weight model (6+6 layers, d_model 512, 8 heads, FFN 2048; zhen.testmodel.REAL) on a
SentencePiece model trained on the corpus. The same corpus paragraphs are translated by the local driver
in one process (the baseline) and by the server, each paragraph one LibreTranslate request, from N client
threads; a probe sends a one-sentence request every 0.25 s to time a short request under that load.
Reports sentences/s, the ratio to the baseline, p50/p99 probe latency against unloaded, and peak RSS.
The server runs without its cache, so every level decodes everything again."""

from __future__ import annotations

import argparse
import json
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
PROBE = "普京在阿斯塔纳会见托卡耶夫。"


def paragraphs(count: int) -> list[str]:
    from helpers import corpus_documents

    found = [line for _, text in corpus_documents() for line in text.splitlines() if line.strip()]
    return found[:count]


def baseline(model: Path, count: int, max_length: int, threads: int) -> dict:
    """`zhen translate`'s local driver on the paragraphs, in this process."""
    from zhen.mt.ct2 import load_backend
    from zhen.mt.registry import resolve_model
    from zhen.mt.options import Options
    from zhen.terms.glossary import load_glossary
    from zhen.translate import Translator

    options = Options(max_decoding_length=max_length, threads=threads)
    translator = Translator(load_glossary(), load_backend(resolve_model(str(model)), options), options)
    documents = [(str(i), p) for i, p in enumerate(paragraphs(count))]
    started = time.perf_counter()
    _, summary = translator.run(documents)
    seconds = time.perf_counter() - started
    return {"sentences": summary.sentences, "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def post(url: str, text: str) -> float:
    started = time.perf_counter()
    answer = requests.post(f"{url}/translate", json={"q": text, "source": "zh", "target": "en"}, timeout=600)
    answer.raise_for_status()
    return time.perf_counter() - started


def load(url: str, texts: list[str], clients: int) -> tuple[float, list[float]]:
    """Wall seconds for `clients` threads to send every text once, and the probe's latencies meanwhile."""
    todo = list(reversed(texts))
    lock = threading.Lock()
    done = threading.Event()
    probes: list[float] = []

    def client() -> None:
        while True:
            with lock:
                if not todo:
                    return
                text = todo.pop()
            post(url, text)

    def probe() -> None:
        while not done.is_set():
            probes.append(post(url, PROBE))
            done.wait(0.25)

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(clients)]
    # One client is the unloaded case: no probe beside it, so its throughput is one client's alone.
    prober = threading.Thread(target=probe if clients > 1 else lambda: None)
    for thread in workers:
        thread.start()
    prober.start()
    for thread in workers:
        thread.join()
    seconds = time.perf_counter() - started
    done.set()
    prober.join()
    return seconds, probes


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=40, help="corpus paragraphs per level")
    parser.add_argument("--max-length", type=int, default=48)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        print(json.dumps(baseline(args.baseline, args.paragraphs, args.max_length, args.threads)))
        return 0
    from helpers import corpus_documents
    from zhen.terms.glossary import load_glossary
    from zhen.testmodel import REAL, build_package, train_sentencepiece
    from zhen.mt.models import install_model, find_model

    with tempfile.TemporaryDirectory() as tmp:
        print("building a real-size random-weight model (6+6 layers, d_model 512) on a corpus SentencePiece …", flush=True)
        texts = [line for _, text in corpus_documents() for line in text.splitlines()]
        texts += [e.en for e in load_glossary()]
        sp = train_sentencepiece(texts, Path(tmp) / "sp")
        install_model(build_package(Path(tmp) / "real.argosmodel", sp, size=REAL), Path(tmp) / "packages")
        model = find_model(Path(tmp) / "packages").path
        out = subprocess.run([sys.executable, __file__, "--baseline", str(model), "--paragraphs", str(args.paragraphs),
                              "--max-length", str(args.max_length), "--threads", str(args.threads)],
                             capture_output=True, text=True, check=True)
        base = json.loads(out.stdout.strip().splitlines()[-1])
        rate = base["sentences"] / base["seconds"]
        print(f"zhen translate (one process): {base['sentences']} sentences in {base['seconds']:.1f} s = "
              f"{rate:.2f} sent/s, peak RSS {base['peak_mb']:.0f} MB", flush=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "zhen", "serve", "--port", str(port), "--model", str(model),
                                   "--no-cache", "--max-length", str(args.max_length), "--threads", str(args.threads)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    requests.get(f"{url}/healthz", timeout=5)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
            alone = [post(url, PROBE) for _ in range(10)]
            unloaded = statistics.median(alone)
            print(f"short request unloaded: p50 {1000 * unloaded:.0f} ms", flush=True)
            texts = paragraphs(args.paragraphs)
            for clients in (1, 8, 32):
                seconds, probes = load(url, texts, clients)
                served = base["sentences"] / seconds
                latency = (f"  short request p50 {1000 * pct(probes, 0.5):.0f} ms, p99 {1000 * pct(probes, 0.99):.0f} ms "
                           f"({len(probes)} probes)") if probes else ""
                print(f"{clients:>2} clients: {served:.2f} sent/s ({served / rate:.2f}× zhen translate){latency}", flush=True)
            print(f"server peak RSS {peak_rss_mb(server.pid):.0f} MB ({peak_rss_mb(server.pid) - base['peak_mb']:+.0f} MB "
                  f"against zhen translate)")
        finally:
            server.terminate()
            server.wait(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
