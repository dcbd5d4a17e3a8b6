"""The demo model (random weights, zhen.testmodel) says what it is: in its metadata, on stderr, in the signature."""

from __future__ import annotations

import json
import re
import shutil

import pytest

DEMO_LINE = ("Warning: translate-zh_en-random is a demo model with random weights: its English is meaningless, "
             "except the glossary names enforcement puts in; install a real model with `zhen model install`")


def test_demo_package_is_marked_in_its_metadata(installed_model):
    metadata = json.loads((installed_model.path / "metadata.json").read_text(encoding="utf-8"))
    assert (metadata["demo"], installed_model.demo) == (True, True)


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "real"])
def test_signature_names_a_demo_model(installed_model, tmp_path, demo):
    from zhen.mt.ct2 import decoder_signature
    from zhen.mt.models import read_package

    package = tmp_path / installed_model.path.name
    shutil.copytree(installed_model.path, package)
    metadata = json.loads((package / "metadata.json").read_text(encoding="utf-8"))
    if not demo:
        del metadata["demo"]
    (package / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    info = read_package(package)
    assert info.demo is demo
    assert ("DEMO (random weights)" in decoder_signature(info)) is demo


@pytest.mark.parametrize("args", [(), ("--no-enforce",), ("-f", "jsonl"), ("-f", "md")], ids=["text", "no-enforce", "jsonl", "md"])
def test_every_run_on_the_demo_model_says_so(zhen, installed_model, args):
    """One line, with the summary (a run that fails still ends in its one `Error:` line)."""
    result = zhen("translate", "-", "--no-cache", "--max-length", "8", *args, input="托卡耶夫在阿斯塔纳会见普京。\n")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert result.stderr.count("demo model") == 1
    assert lines[lines.index(DEMO_LINE) + 1].startswith("documents: 1  sentences: 1 ")  # just above the summary
    signature = "model translate-zh_en-random 0.0-random DEMO (random weights) "
    assert signature in result.stdout and f"signature: zhen 0.1.0 | {signature}" in result.stderr


@pytest.mark.parametrize(
    ("args", "text", "line"),
    [
        ((), "托卡耶夫在阿斯塔纳会见普京。\n", r"terms: 3 required, 3 met \(\d+ by the model, \d+ forced, 0 missing\)  term success rate: 100\.0 %"),
        (("--no-enforce",), "托卡耶夫在阿斯塔纳会见普京。\n",
         r"terms: 3 glossary names, not enforced \(--no-enforce\): \d+ rendered by the model, \d+ missing  term success rate: \d+\.\d %"),
        # No name to enforce: no rate, which would claim a success that could not fail.
        ((), "今天天气很好。\n", r"terms: 0 required"),
        (("--no-enforce",), "今天天气很好。\n", r"terms: 0 glossary names, not enforced \(--no-enforce\): 0 rendered by the model, 0 missing"),
    ],
    ids=["enforced", "not-enforced", "no-names", "no-names-not-enforced"],
)
def test_summary_says_what_the_term_counts_are(zhen, installed_model, args, text, line):
    result = zhen("translate", "-", "--no-cache", "--max-length", "8", *args, input=text)
    [terms] = [s for s in result.stderr.splitlines() if s.startswith("terms:")]
    assert re.fullmatch(line, terms), terms
