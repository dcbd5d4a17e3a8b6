"""What translate reads and writes: inputs never overwritten, umask, early errors, resume, Ctrl-C, progress, input kinds."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import CORPUS, corpus_documents

ARTICLE = CORPUS / "bbc-kazakhstan-slipping-orbit.txt"


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in corpus_documents()[:2]:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (lambda c: [str(c / "bbc-kazakhstan-slipping-orbit.txt"), "-o", str(c / "bbc-kazakhstan-slipping-orbit.txt")],
         lambda c: f"{c / 'bbc-kazakhstan-slipping-orbit.txt'}: output is the input file; choose another -o"),
        (lambda c: [str(c), "-o", str(c)],
         lambda c: f"{c}: output directory holds the input {sorted(c.glob('*.txt'))[0]}; choose another -o"),
        (lambda c: [str(c.parent), "-o", str(c), "--recursive"],
         lambda c: f"{c}: output directory holds the input {sorted(c.glob('*.txt'))[0]}; choose another -o"),
    ],
    ids=["file-onto-itself", "dir-onto-itself", "tree-into-input-dir"],
)
def test_output_that_would_overwrite_an_input_is_refused_before_any_work(zhen, corpus_copy, monkeypatch, tmp_path, args, message):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))  # refused before any model is needed
    before = _tree(corpus_copy)
    result = zhen("translate", *args(corpus_copy))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message(corpus_copy)}\n")
    assert _tree(corpus_copy) == before


def test_unwritable_output_directory_is_found_before_translating(zhen, corpus_copy, tmp_path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    result = zhen("translate", str(corpus_copy), "-o", str(locked / "en"))
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: {locked / 'en'}: cannot create output directory")


def test_output_file_in_place_of_a_directory_is_refused_before_translating(zhen, corpus_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))
    blocker = tmp_path / "en"
    blocker.write_text("mine", encoding="utf-8")
    result = zhen("translate", str(corpus_copy), "-o", str(blocker))
    assert (result.exit_code, result.stderr) == (2, f"Error: {blocker}: exists and is not a directory\n")
    assert blocker.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_outputs_take_the_users_umask(zhen, installed_model, tmp_path, umask):
    old = os.umask(umask)
    try:
        result = zhen("translate", "--no-cache", "--max-length", "8", str(ARTICLE), "-o", str(tmp_path / "en.txt"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "en.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_rerun_skips_finished_documents_and_redoes_changed_ones(zhen, installed_model, corpus_copy, tmp_path):
    out = tmp_path / "en"
    args = ("translate", "--no-cache", "--max-length", "8", str(corpus_copy), "-o", str(out))
    first = zhen(*args)
    assert first.exit_code == 0 and first.stderr.splitlines()[-1] == f"wrote 2 files to {out}"
    again = zhen(*args)
    assert again.stderr.splitlines()[-1] == f"wrote 0 files to {out} (2 already done)"
    changed = sorted(corpus_copy.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n普京说。\n", encoding="utf-8")
    third = zhen(*args)
    assert third.stderr.splitlines()[-1] == f"wrote 1 files to {out} (1 already done)"


def test_recursive_tree_keeps_relative_paths(zhen, installed_model, tmp_path):
    src = tmp_path / "news"
    (src / "2024" / "05").mkdir(parents=True)
    (src / "top.txt").write_text("普京说。\n", encoding="utf-8")
    (src / "2024" / "05" / "deep.txt").write_text("托卡耶夫说。\n", encoding="utf-8")
    result = zhen("translate", "--no-cache", "--max-length", "8", "--recursive", str(src), "-o", str(tmp_path / "en"))
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(tmp_path / "en")) for p in (tmp_path / "en").rglob("*.txt")) == ["2024/05/deep.txt", "top.txt"]
    flat = zhen("translate", "--no-cache", str(src / "2024"), "-o", str(tmp_path / "x"))
    assert (flat.exit_code, flat.stderr) == (2, f"Error: {src / '2024'}: directory holds no .txt files (--recursive looks in subdirectories)\n")


def test_from_list_and_jsonl_inputs(zhen, installed_model, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("普京说。\n", encoding="utf-8")
    (tmp_path / "list.txt").write_text("a.txt\n", encoding="utf-8")
    listed = zhen("translate", "--no-cache", "--max-length", "8", "--from-list", "list.txt", "-o", "out")
    assert listed.exit_code == 0, listed.output
    assert (tmp_path / "out" / "a.txt").exists()
    records = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in [("x1", "普京说。"), ("x2", "托卡耶夫说。")])
    (tmp_path / "feed.jsonl").write_text(records, encoding="utf-8")
    result = zhen("translate", "--no-cache", "--max-length", "8", "--jsonl", "feed.jsonl", "-o", "feed-en.jsonl")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in (tmp_path / "feed-en.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == ["x1", "x2"]
    assert "Vladimir Putin" in out[0]["text"] and out[0]["terms"][0]["status"] == "forced"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "普京"}\n{"id": 2}\n', encoding="utf-8")
    broken = zhen("translate", "--no-cache", "--jsonl", str(bad), "-o", "b.jsonl")
    assert (broken.exit_code, broken.stderr) == (2, f"Error: {bad}:2: not a JSON object with 'id' and 'text' fields\n")


# The help offers `-` for INPUT, with --jsonl too: records come from standard input, read once.
@pytest.mark.parametrize("output", [None, "feed-en.jsonl"], ids=["stdout", "file"])
def test_jsonl_from_standard_input(zhen, installed_model, tmp_path, monkeypatch, output):
    monkeypatch.chdir(tmp_path)
    # U+2028 may stand unescaped in a JSON string: a record is one line however its text is written.
    records = "".join(json.dumps({"doc": i, "body": t}, ensure_ascii=False) + "\n"
                      for i, t in [("x1", "普京说。"), ("x2", "托卡耶夫\u2028说。")])
    (tmp_path / "feed.jsonl").write_text(records, encoding="utf-8")
    fields = ["--id-field", "doc", "--text-field", "body"]
    to = ["-o", output] if output else []
    piped = zhen("translate", "--no-cache", "--max-length", "8", "--jsonl", "-", *fields, *to, input=records.encode())
    named = zhen("translate", "--no-cache", "--max-length", "8", "--jsonl", "feed.jsonl", *fields, "-o", "named.jsonl")
    assert (piped.exit_code, named.exit_code) == (0, 0), piped.output
    text = (tmp_path / output).read_text(encoding="utf-8") if output else piped.stdout
    assert text == (tmp_path / "named.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in text.splitlines()] == ["x1", "x2"]


def test_jsonl_from_standard_input_names_the_bad_line(zhen, installed_model):
    result = zhen("translate", "--no-cache", "--jsonl", "-", input='{"id": 1, "text": "普京"}\n{"id": 2}\n')
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: <stdin>:2: not a JSON object with 'id' and 'text' fields\n")


def test_progress_lines_when_stderr_is_not_a_terminal():
    import io

    from zhen.progress import Reporter
    from zhen.translate import Progress

    stream = io.StringIO()
    reporter = Reporter(stream, every=0.0, tty=False)
    reporter(Progress(documents=3, documents_total=10, sentences=120, started=time.perf_counter() - 4))
    line = stream.getvalue()
    assert line.startswith("translating: 3/10 documents, 120 sentences, ") and "sentences/s, ETA " in line and line.endswith("\n")


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        # One large document, prepared: its sentences are known, so the bar moves and has an ETA before it ends.
        (dict(documents=0, documents_total=1, sentences=50, documents_seen=1, sentences_seen=200),
         "0/1 documents, 50/200 sentences, 5.0 sentences/s, ETA 30s"),
        # Two of four documents read: the other two are counted at the average so far ("~").
        (dict(documents=1, documents_total=4, sentences=50, documents_seen=2, sentences_seen=100),
         "1/4 documents, 50/~200 sentences, 5.0 sentences/s, ETA 30s"),
        # Nothing prepared yet (the Ray executor prepares on its workers): the ETA comes from documents.
        (dict(documents=2, documents_total=4, sentences=50), "2/4 documents, 50 sentences, 5.0 sentences/s, ETA 10s"),
    ],
    ids=["one-document", "estimated", "documents-only"],
)
def test_progress_line_counts_sentences(state, expected):
    from zhen.progress import Reporter
    from zhen.translate import Progress

    line = Reporter(tty=False).line(Progress(started=time.perf_counter() - 10, **state))
    assert line == expected


def test_progress_moves_within_one_document(installed_model, glossary):
    """A single document shows its sentences done out of its total after each batch, not 0/1 until it ends."""
    import io

    from zhen.mt.ct2 import load_backend
    from zhen.mt.options import Options
    from zhen.mt.pipeline import Summary
    from zhen.progress import Reporter
    from zhen.translate import Progress, Translator

    options = Options(max_decoding_length=8, max_batch_tokens=64, threads=1)
    translator = Translator(glossary, load_backend(installed_model, options), options)
    stream = io.StringIO()
    reporter = Reporter(stream, tty=True)
    seen: list[tuple[int, int, int | None]] = []

    def record(state: Progress) -> None:
        seen.append((state.documents, state.sentences, state.sentences_expected()))
        reporter(state)

    [result] = translator.stream([("one", ARTICLE.read_text(encoding="utf-8"))], Summary(translator.signature), record, total=1)
    units = len(result.units)
    during = [(done, expected) for documents, done, expected in seen if documents == 0]
    assert {expected for _, expected in during} == {units}
    counts = [done for done, _ in during]
    assert counts == sorted(counts) and len(set(counts)) > 3 and counts[-1] == units
    bars = stream.getvalue().split("\r")
    assert f"translating: 0/1 documents, {counts[1]}/{units} sentences, " in bars[2] and ", ETA " in bars[2]


def _archive(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Thirty documents (the corpus six times) and an environment with a cache of the test's own."""
    big = tmp_path / "big"
    big.mkdir()
    for n in range(6):
        for name, text in corpus_documents():
            (big / f"{n:02d}-{name}.txt").write_text(text, encoding="utf-8")
    return big, {**os.environ, "ZHEN_CACHE_DIR": str(tmp_path / "cache")}


PAUSED = str(Path(__file__).with_name("paused_run.py"))


def _paused(args: list[str], marker: Path, env: dict[str, str]) -> subprocess.Popen:
    """Start zhen paused after its first committed batch (tests/paused_run.py) and wait until it is there:
    the test synchronizes on that event, never on how long decoding takes."""
    proc = subprocess.Popen([sys.executable, PAUSED, str(marker), *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert proc.poll() is None, f"zhen ended before committing a batch: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, "no batch committed in 300 s"
        time.sleep(0.05)
    return proc


def test_ctrl_c_stops_within_seconds_saves_work_and_resumes(installed_model, tmp_path):
    big, env = _archive(tmp_path)
    args = ["translate", "--max-length", "48", "--batch-tokens", "512", "--threads", "1", str(big),
            "-o", str(tmp_path / "en")]
    proc = _paused(args, tmp_path / "committed", env)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.wait(timeout=60)
    took = time.monotonic() - sent
    assert proc.returncode == 130, err
    assert took < 5, f"Ctrl-C took {took:.1f} s"
    last = err.strip().splitlines()[-1]
    assert last.startswith("Error: interrupted: ") and last.endswith(" sentences translated and saved; run the same command again to resume")
    saved = int(last.split()[2])
    assert saved >= int((tmp_path / "committed").read_text())
    again = subprocess.run([sys.executable, "-m", "zhen", *args], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    cached = int(again.stderr.split("(")[1].split(" from cache")[0])
    assert cached >= saved


def test_sigkill_mid_run_then_rerun_completes_with_the_same_outputs(installed_model, tmp_path):
    big, env = _archive(tmp_path)
    base = [sys.executable, "-m", "zhen", "translate", "--max-length", "48", "--threads", "1", str(big)]
    proc = _paused([*base[3:], "-o", str(tmp_path / "en")], tmp_path / "committed", env)
    proc.kill()  # SIGKILL: no handler runs, nothing is flushed
    proc.wait(timeout=60)
    again = subprocess.run([*base, "-o", str(tmp_path / "en")], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert int(again.stderr.split("(")[1].split(" from cache")[0]) > 0  # the killed run's batches were kept
    reference = subprocess.run([*base, "--no-cache", "-o", str(tmp_path / "ref")], env=env, capture_output=True,
                               text=True, timeout=600)
    assert reference.returncode == 0, reference.stderr
    assert _tree(tmp_path / "en").keys() - {".zhen-done.jsonl"} == _tree(tmp_path / "ref").keys() - {".zhen-done.jsonl"}
    assert all(_tree(tmp_path / "en")[k] == v for k, v in _tree(tmp_path / "ref").items() if k != ".zhen-done.jsonl")
