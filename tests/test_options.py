"""Translate option values: usage errors (exit 2, one line) before any model, input or cache is touched."""

from __future__ import annotations

import pytest

from zhen.mt.validate import cuda_devices


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--beam", "0"), "Error: --beam must be at least 1, not 0\n"),
        (("--beam", "-1"), "Error: --beam must be at least 1, not -1\n"),
        (("--max-length", "0"), "Error: --max-length must be at least 1, not 0\n"),
        (("--threads", "-1"), "Error: --threads must be 0 (CTranslate2's default) or more, not -1\n"),
        (("--compute-type", "bogus"), "Error: --compute-type 'bogus' is not one of default, auto, int8, int8_float32, "
                                      "int8_float16, int8_bfloat16, int16, float16, bfloat16, float32\n"),
        (("--device", "tpu"), "Error: --device 'tpu' is not one of cpu, cuda, auto\n"),
    ],
    ids=["beam-0", "beam-negative", "max-length-0", "threads-negative", "compute-type", "device"],
)
def test_bad_option_is_a_usage_error_before_loading_anything(zhen, tmp_path, monkeypatch, args, message):
    # No model, no input file and an unusable cache: the option is still what is reported.
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    result = zhen("translate", str(tmp_path / "missing.txt"), "--cache-dir", str(tmp_path / "cache"), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(cuda_devices() > 0, reason="this machine has a CUDA GPU")
def test_cuda_without_gpu_is_one_line(zhen, tmp_path):
    result = zhen("translate", str(tmp_path / "a.txt"), "--device", "cuda")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: --device cuda: no CUDA GPU is available on this machine (use --device cpu)\n"


def test_install_needs_exactly_one_source(zhen):
    result = zhen("model", "install")
    assert (result.exit_code, result.stderr) == (2, "Error: give either PATH.argosmodel or --download\n")
