"""Check decoding options before anything is loaded: out-of-range numbers, unknown names, a GPU that is not there."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from zhen.errors import UsageError, ZhenError

DEVICES = ("cpu", "cuda", "auto")
# CTranslate2's compute types (ctranslate2.get_supported_compute_types lists a device's subset).
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                 "float16", "bfloat16", "float32")


class DeviceError(ZhenError):
    """The device asked for is not available on this machine."""


def validate_options(beam: int, max_length: int, threads: int, compute_type: str, device: str,
                     local: bool = True, batch_tokens: int = 1) -> tuple[str, str | None]:
    """Raise UsageError for a value no run could use; DeviceError for --device cuda without a usable GPU here.
    Returns the device to run on and a warning line for the user, or None (resolve_device).

    local=False (a Ray run): the GPUs that matter are the cluster's, which the Ray executor checks."""
    if beam < 1:
        raise UsageError(f"--beam must be at least 1, not {beam}")
    if max_length < 1:
        raise UsageError(f"--max-length must be at least 1, not {max_length}")
    if batch_tokens < 1:
        raise UsageError(f"--batch-tokens must be at least 1, not {batch_tokens}")
    if threads < 0:
        raise UsageError(f"--threads must be 0 (CTranslate2's default) or more, not {threads}")
    if compute_type not in COMPUTE_TYPES:
        raise UsageError(f"--compute-type {compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}")
    if device not in DEVICES:
        raise UsageError(f"--device {device!r} is not one of {', '.join(DEVICES)}")
    return resolve_device(device) if local else (device, None)


# CTranslate2's Linux wheels load CUDA 12's cuBLAS when they first run on the GPU, by this name: a machine
# with only CUDA 13's libraries (libcublas.so.13) or none fails deep inside the first batch.
CUBLAS = "libcublas.so.12"
CUBLAS_FIX = "pip install nvidia-cublas-cu12, or install a CUDA 12 runtime"


def resolve_device(device: str, probe: Callable[[], tuple[int, str | None]] | None = None) -> tuple[str, str | None]:
    """The device a local run uses and a warning line (None when there is nothing to say): cuda where a GPU
    and CTranslate2's CUDA libraries are both usable, DeviceError otherwise; auto falls back to the CPU, with
    a warning when a GPU is there but cannot be used. probe gives (GPUs, a library that cannot be loaded)."""
    if device == "cpu":
        return device, None
    gpus, missing = (probe or cuda_state)()
    if device == "cuda" and gpus == 0:
        raise DeviceError("--device cuda: no CUDA GPU is available on this machine (use --device cpu)")
    if device == "cuda" and missing:
        raise DeviceError(f"--device cuda: {missing} cannot be loaded (CTranslate2 needs CUDA 12's cuBLAS on the GPU): "
                          f"{CUBLAS_FIX} (or use --device cpu)")
    if device == "auto" and (gpus == 0 or missing):
        warning = (f"Warning: --device auto: {missing} cannot be loaded, so the GPU is not used and this runs on the "
                   f"CPU ({CUBLAS_FIX})") if gpus and missing else None
        return "cpu", warning
    return "cuda", None


def cuda_state() -> tuple[int, str | None]:
    """How many CUDA devices there are, and the CUDA library CTranslate2 needs that cannot be loaded (or None)."""
    gpus = cuda_devices()
    return gpus, (missing_cuda_library() if gpus else None)


def missing_cuda_library(load: Callable[[str], object] | None = None) -> str | None:
    """CUBLAS if it cannot be loaded, else None. Found where the system keeps libraries, or in the
    nvidia-cublas-cu12 package, which is then loaded first so that CTranslate2 finds it loaded by its name."""
    import ctypes
    import importlib.util

    loader = load or (lambda path: ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL))
    try:
        loader(CUBLAS)
        return None
    except OSError:
        pass
    spec = importlib.util.find_spec("nvidia")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        library = Path(folder) / "cublas" / "lib" / CUBLAS
        if library.is_file():
            try:
                for companion in sorted(library.parent.glob("libcublasLt.so.*")):
                    loader(str(companion))  # cuBLAS needs cuBLASLt beside it
                loader(str(library))
                return None
            except OSError:
                continue
    return CUBLAS


def cuda_devices() -> int:
    """How many CUDA devices CTranslate2 sees (0 when its build has no CUDA support)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # a CPU-only build or a broken driver both mean: no usable GPU
        return 0
