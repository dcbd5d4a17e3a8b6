"""The Ray Data executor: same bytes as the local path, a killed worker retried, clear errors (skipped without Ray)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys

import pytest

from helpers import corpus_documents
from zhen.mt.options import Options
from zhen.translate import MANIFEST, Job
from zhen.write import LOCK

FAST = ["--max-length", "24", "--threads", "1"]


@pytest.fixture(scope="module")
def ray_instance():
    """One local Ray instance (2 CPUs) for the module; the executor joins it instead of starting its own."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """36 documents: the five articles cut into runs of paragraphs, the first three repeated under new names."""
    root = tmp_path_factory.mktemp("ray-corpus") / "in"
    root.mkdir()
    pieces = []
    for name, text in corpus_documents():
        paras = text.splitlines(keepends=True)
        step = max(1, len(paras) // 6)
        # At most three paragraphs a document keeps the decoding (and the test) short.
        chunks = [(f"{name}-{i // step:02d}", "".join(paras[i : i + step][:3])) for i in range(0, len(paras), step)]
        pieces += [(n, t) for n, t in chunks if t.strip()]
    pieces += [(f"again-{name}", text) for name, text in pieces[:3]]
    for name, text in pieces:
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    records = root.parent / "records.jsonl"
    records.write_text("".join(json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n" for n, t in pieces[:12]),
                       encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local_runs(corpus_dir, tmp_path_factory, packages_dir):
    """The local path's outputs and stderr per format, each computed once for the module."""
    from typer.testing import CliRunner

    from zhen.cli import app

    runs = {}

    def run(fmt):
        if fmt not in runs:
            out = tmp_path_factory.mktemp(f"local-{fmt}")
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
                result = CliRunner().invoke(app, ["translate", str(corpus_dir), "-o", str(out), "-f", fmt, "--no-cache", *FAST])
            assert result.exit_code == 0, result.output
            runs[fmt] = (outputs(out), summary_lines(result.stderr))
        return runs[fmt]

    return run


def outputs(folder):
    """Every output file's bytes by name, the manifest as a set of lines (Ray writes it in finishing order); the
    lock file is no output."""
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.name not in (MANIFEST, LOCK)}
    return files, set((folder / MANIFEST).read_text(encoding="utf-8").splitlines())


def summary_lines(stderr):
    # Time and output folder differ between runs; documents, sentences, terms, statuses and signature must not.
    # How many sentences came from the cache depends on timing: actors share one cache, and a sentence
    # one actor finished may be a hit for another.
    lines = [line for line in stderr.splitlines() if not line.startswith(("tokens:", "translating:", "wrote"))]
    return [re.sub(r"\(\d+ from cache, ", "(N from cache, ", line) for line in lines]


@pytest.mark.parametrize("fmt", ["text", "md", "jsonl"])
def test_directory_same_bytes_as_local(zhen, installed_model, ray_instance, corpus_dir, local_runs, tmp_path, fmt):
    distributed = zhen("translate", str(corpus_dir), "-o", str(tmp_path / "ray"), "-f", fmt, "--ray", "--workers", "2",
                       "--cache-dir", str(tmp_path / "cache"), *FAST)
    assert distributed.exit_code == 0, distributed.output
    assert (outputs(tmp_path / "ray"), summary_lines(distributed.stderr)) == local_runs(fmt)
    assert len(outputs(tmp_path / "ray")[0]) == 36
    # A rerun finds every document done and translates nothing.
    again = zhen("translate", str(corpus_dir), "-o", str(tmp_path / "ray"), "-f", fmt, "--ray",
                 "--cache-dir", str(tmp_path / "cache"), *FAST)
    assert (again.exit_code, again.stderr.splitlines()[-1]) == (0, f"wrote 0 files to {tmp_path / 'ray'} (36 already done)")


def test_records_same_bytes_as_local(zhen, installed_model, ray_instance, corpus_dir, tmp_path):
    # One output file for many documents: Ray must keep the input order here.
    records = str(corpus_dir.parent / "records.jsonl")
    local = zhen("translate", records, "--jsonl", "-o", str(tmp_path / "local.jsonl"), "--no-cache", *FAST)
    distributed = zhen("translate", records, "--jsonl", "-o", str(tmp_path / "ray.jsonl"), "--ray", "--no-cache", *FAST)
    assert (local.exit_code, distributed.exit_code) == (0, 0), distributed.output
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert summary_lines(distributed.stderr) == summary_lines(local.stderr)


def test_killed_worker_is_retried(installed_model, ray_instance, corpus_dir, local_runs, tmp_path, glossary):
    from zhen.mt.distributed import RayConfig, translate_on_ray

    marker = tmp_path / "crashed"
    options = Options(max_decoding_length=24, threads=1)
    job = Job(str(corpus_dir), tmp_path / "ray", "jsonl")
    summary, written = translate_on_ray(job, glossary, installed_model, options,
                                        RayConfig(workers=1, fail_once=str(marker)), use_cache=False)
    assert marker.exists()  # the first actor call did kill its worker
    assert written.files == summary.documents == 36
    assert outputs(tmp_path / "ray") == local_runs("jsonl")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers 0: needs at least 1"),
        (["--workers", "20"], "--workers 20: the Ray cluster has 2 CPUs, too few for 20 workers"),
        (["--device", "cuda"], "--device cuda --workers 1: the Ray cluster has 0 GPUs; each worker needs one"),
    ],
    ids=["no-workers", "too-many-workers", "no-gpu"],
)
def test_impossible_runs_are_one_line(zhen, installed_model, ray_instance, corpus_dir, tmp_path, args, message):
    if "cuda" in args and ray_instance.cluster_resources().get("GPU"):
        pytest.skip("this machine has a GPU")
    result = zhen("translate", str(corpus_dir), "-o", str(tmp_path / "out"), "--ray", *args)
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")


def test_worker_input_error_is_one_line(zhen, installed_model, ray_instance, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("哈萨克斯坦。\n", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("", encoding="utf-8")
    result = zhen("translate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--ray", "--no-cache", *FAST)
    # Progress lines may come first (they are timed); the error is the last line, as on the local path.
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, f"Error: {tmp_path / 'in' / 'b.txt'}: file is empty")


def test_unreachable_address_is_one_line(zhen, installed_model, corpus_dir, tmp_path):
    pytest.importorskip("ray")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = zhen("translate", str(corpus_dir), "-o", str(tmp_path / "out"), "--ray", "--ray-address", f"127.0.0.1:{port}")
    assert (result.exit_code, result.stderr) == (
        1, f"Error: --ray-address 127.0.0.1:{port}: cannot reach a Ray cluster there (Connection refused)\n")


def test_without_ray_the_error_names_the_extra(zhen, corpus_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)
    result = zhen("translate", str(corpus_dir), "-o", str(tmp_path / "out"), "--ray")
    assert (result.exit_code, result.stderr) == (1, "Error: --ray needs Ray: pip install 'zhen[ray]'\n")


def test_cli_does_not_import_ray():
    code = "import sys, zhen.cli; print('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
