"""Check decoding options before anything is loaded: out-of-range numbers, unknown names, a GPU that is not there."""

from __future__ import annotations

from zhen.errors import UsageError, ZhenError

DEVICES = ("cpu", "cuda", "auto")
# CTranslate2's compute types (ctranslate2.get_supported_compute_types lists a device's subset).
COMPUTE_TYPES = ("default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
                 "float16", "bfloat16", "float32")


class DeviceError(ZhenError):
    """The device asked for is not available on this machine."""


def validate_options(beam: int, max_length: int, threads: int, compute_type: str, device: str,
                     local: bool = True, batch_tokens: int = 1) -> None:
    """Raise UsageError for a value no run could use; DeviceError for --device cuda without a GPU here.

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
    if local and device == "cuda" and cuda_devices() == 0:
        raise DeviceError("--device cuda: no CUDA GPU is available on this machine (use --device cpu)")


def cuda_devices() -> int:
    """How many CUDA devices CTranslate2 sees (0 when its build has no CUDA support)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except Exception:  # a CPU-only build or a broken driver both mean: no usable GPU
        return 0
