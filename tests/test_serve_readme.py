"""The README's Serve section works as written: its curl block runs against a server, its options exist."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytest.importorskip("fastapi")

from helpers import ROOT  # noqa: E402
from serving import serving  # noqa: E402


def section() -> str:
    found = re.search(r"^## Serve\n(.*?)(?=^## )", (ROOT / "README.md").read_text(encoding="utf-8"), re.S | re.M)
    assert found, "README.md has no '## Serve' section"
    return found.group(1)


def blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", section(), re.S)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_curl_examples_run_as_written(test_model, glossary):
    [script] = [b for b in blocks() if "curl" in b]
    with serving(test_model.path, glossary) as running:
        host = running.url.removeprefix("http://")
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", script.replace("127.0.0.1:5000", host)],
                                capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("translatedText") == 2 and '"translations"' in result.stdout
    assert "盟友\tally" in result.stdout and '"T101"' in result.stdout


def test_every_serve_option_in_the_readme_exists(zhen):
    lines = " ".join(b for b in blocks() if "zhen serve" in b)
    used = set(re.findall(r"(?<=\s)(--[a-z-]+|-g)(?=\s)", lines))
    help_text = zhen("serve", "--help").output
    assert used and [o for o in sorted(used) if o not in help_text] == []
