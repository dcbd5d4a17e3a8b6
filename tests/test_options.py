"""Translate option values: usage errors (exit 2, one line) before any model, input or cache is touched."""

from __future__ import annotations

import sys

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


# Options that this command line would silently ignore, or that contradict each other: one line, exit 2,
# before any input, model or cache is touched (the input named does not exist and no model is installed).
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("{missing}", "--id-field", "doc"), "--id-field applies to JSON Lines input: add --jsonl, or leave out --id-field"),
        (("{missing}", "--text-field", "body"), "--text-field applies to JSON Lines input: add --jsonl, or leave out --text-field"),
        (("{missing}", "--id-field", "id"), "--id-field applies to JSON Lines input: add --jsonl, or leave out --id-field"),
        (("{missing}", "--no-cache", "--cache-dir", "{tmp}/cache"), "--no-cache and --cache-dir contradict each other: leave out one"),
        (("{missing}", "--workers", "2"), "--workers applies to Ray runs: add --ray, or leave out --workers"),
        (("{missing}", "--ray", "--workers", "0"), "--workers must be at least 1, not 0"),
        (("{missing}", "--from-list", "{tmp}/list.txt", "-o", "{tmp}/out"), "give INPUT or --from-list FILE, not both"),
        (("-o", "{tmp}/out"), "give INPUT or --from-list FILE"),
        (("{missing}", "--batch-tokens", "0"), "--batch-tokens must be at least 1, not 0"),
        (("{missing}", "--batch-tokens", "-512"), "--batch-tokens must be at least 1, not -512"),
    ],
    ids=["id-field", "text-field", "id-field-default-value", "no-cache-cache-dir", "workers-without-ray", "workers-0",
         "input-and-from-list", "neither", "batch-tokens-0", "batch-tokens-negative"],
)
def test_ignored_or_conflicting_options_are_usage_errors(zhen, tmp_path, monkeypatch, args, message):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    words = [a.format(missing=tmp_path / "missing.txt", tmp=tmp_path) for a in args]
    result = zhen("translate", *words)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []


# --recursive applies to a directory only: on a file, a list, JSON Lines or standard input it would be ignored.
@pytest.mark.parametrize(
    ("make", "args", "what"),
    [
        (lambda d: _file(d / "a.txt"), ("{p}",), "{p}"),
        (lambda d: _file(d / "a.jsonl", '{"id": "a", "text": "中亚"}\n'), ("{p}", "--jsonl"), "--jsonl"),
        (lambda d: _file(d / "list.txt"), ("--from-list", "{p}", "-o", "{d}/out"), "--from-list"),
        (lambda d: None, ("-",), "standard input"),
    ],
    ids=["file", "jsonl", "from-list", "stdin"],
)
def test_recursive_on_what_is_not_a_directory_is_a_usage_error(zhen, tmp_path, monkeypatch, make, args, what):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    path = make(tmp_path)
    words = [a.format(p=path, d=tmp_path) for a in args]
    result = zhen("translate", *words, "--recursive", input="中亚\n")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: --recursive applies to a directory INPUT, not {what.format(p=path)}: leave out --recursive\n")


def test_ray_address_says_it_implies_ray(zhen):
    help_text = " ".join(zhen("translate", "--help").stdout.split())
    assert "Join the Ray cluster at HOST:PORT (or ray://HOST:PORT, or auto); implies --ray." in help_text


def _file(path, text="中亚\n"):
    path.write_text(text, encoding="utf-8")
    return path


NO_CUBLAS = ("Error: --device cuda: libcublas.so.12 cannot be loaded (CTranslate2 needs CUDA 12's cuBLAS on the GPU): "
             "pip install nvidia-cublas-cu12, or install a CUDA 12 runtime (or use --device cpu)")
AUTO_ON_CPU = ("Warning: --device auto: libcublas.so.12 cannot be loaded, so the GPU is not used and this runs on the CPU "
               "(pip install nvidia-cublas-cu12, or install a CUDA 12 runtime)")
NO_GPU = "Error: --device cuda: no CUDA GPU is available on this machine (use --device cpu)"


@pytest.mark.parametrize(
    ("device", "state", "expected"),
    [
        ("cpu", (0, None), ("cpu", None)),
        ("cpu", (1, "libcublas.so.12"), ("cpu", None)),
        ("cuda", (2, None), ("cuda", None)),
        ("cuda", (0, None), NO_GPU),
        ("cuda", (1, "libcublas.so.12"), NO_CUBLAS),
        ("auto", (1, None), ("cuda", None)),
        ("auto", (0, None), ("cpu", None)),
        ("auto", (1, "libcublas.so.12"), ("cpu", AUTO_ON_CPU)),
    ],
    ids=["cpu", "cpu-ignores-gpu", "cuda", "cuda-no-gpu", "cuda-no-cublas", "auto-gpu", "auto-no-gpu", "auto-no-cublas"],
)
def test_device_decision(device, state, expected):
    # This machine may have no GPU: the probe of GPUs and libraries is injected.
    from zhen.mt.validate import DeviceError, resolve_device

    if isinstance(expected, str):
        with pytest.raises(DeviceError) as caught:
            resolve_device(device, lambda: state)
        assert f"Error: {caught.value}" == expected
    else:
        assert resolve_device(device, lambda: state) == expected


def test_cuda_without_cublas_is_one_line(zhen, tmp_path, monkeypatch):
    monkeypatch.setattr("zhen.mt.validate.cuda_state", lambda: (1, "libcublas.so.12"))
    result = zhen("translate", str(tmp_path / "a.txt"), "--device", "cuda")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", NO_CUBLAS + "\n")


def test_auto_without_cublas_warns_once_and_translates_on_the_cpu(zhen, installed_model, tmp_path, monkeypatch):
    monkeypatch.setattr("zhen.mt.validate.cuda_state", lambda: (1, "libcublas.so.12"))
    (tmp_path / "a.txt").write_text("托卡耶夫在阿斯塔纳会见普京。\n", encoding="utf-8")
    result = zhen("translate", str(tmp_path / "a.txt"), "--device", "auto", "--no-cache", "--max-length", "8")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == AUTO_ON_CPU
    assert result.stderr.count("Warning: --device auto") == 1
    assert "Tokayev" in result.stdout


@pytest.mark.parametrize(("state", "device"), [((1, "libcublas.so.12"), "cpu"), ((0, None), "cpu"), ((1, None), "cuda")],
                         ids=["no-cublas", "no-gpu", "gpu"])
def test_auto_hands_ctranslate2_the_device_decided(zhen, installed_model, tmp_path, monkeypatch, state, device):
    # CTranslate2's own "auto" would pick the GPU it cannot use: it is given the decided device instead.
    from zhen.mt import ct2

    monkeypatch.setattr("zhen.mt.validate.cuda_state", lambda: state)
    given: list[str] = []

    def load_backend(model, options):
        given.append(options.device)
        raise ct2.ModelError("stop here")

    monkeypatch.setattr(ct2, "load_backend", load_backend)
    (tmp_path / "a.txt").write_text("普京。\n", encoding="utf-8")
    result = zhen("translate", str(tmp_path / "a.txt"), "--device", "auto", "--no-cache")
    assert (result.exit_code, given) == (1, [device])


def _fake_loader(loadable: set[str], loaded: list[str]):
    def load(path: str) -> None:
        if not any(path.endswith(name) for name in loadable):
            raise OSError(f"{path}: cannot open shared object file")
        loaded.append(path)
    return load


@pytest.mark.parametrize(
    ("system", "package", "missing", "loaded"),
    [
        ({"libcublas.so.12"}, False, None, ["libcublas.so.12"]),
        (set(), False, "libcublas.so.12", []),
        # Only CUDA 13's library on the system: the name CTranslate2 asks for is not there.
        ({"libcublas.so.13"}, False, "libcublas.so.12", []),
        (set(), True, None, ["nvidia/cublas/lib/libcublasLt.so.12", "nvidia/cublas/lib/libcublas.so.12"]),
    ],
    ids=["system", "none", "cuda-13-only", "pip-package"],
)
def test_cublas_is_found_on_the_system_or_in_the_pip_package(tmp_path, monkeypatch, system, package, missing, loaded):
    from zhen.mt.validate import missing_cuda_library

    if package:
        lib = tmp_path / "site" / "nvidia" / "cublas" / "lib"
        lib.mkdir(parents=True)
        (lib / "libcublas.so.12").write_bytes(b"")
        (lib / "libcublasLt.so.12").write_bytes(b"")
        (tmp_path / "site" / "nvidia" / "__init__.py").write_text("")
        monkeypatch.syspath_prepend(str(tmp_path / "site"))
        for name in [m for m in sys.modules if m == "nvidia" or m.startswith("nvidia.")]:
            monkeypatch.delitem(sys.modules, name)
    calls: list[str] = []
    loadable = system | ({"nvidia/cublas/lib/libcublas.so.12", "nvidia/cublas/lib/libcublasLt.so.12"} if package else set())
    assert missing_cuda_library(_fake_loader(loadable, calls)) == missing
    assert [c[c.find("nvidia/"):] if "nvidia/" in c else c for c in calls] == loaded
