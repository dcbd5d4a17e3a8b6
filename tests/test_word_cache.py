"""jieba's word list: parsed each run (no cache file that could run code or break), and jieba itself never
reads or writes its own cache in the shared temporary directory."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from zhen.terms.boundary import _dict_file, _parse, dictionary, jieba_prefix_dict

class _Crafted:
    """A pickle that makes a directory when it is loaded: proof that loading a cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


def _legacy_pickle(cache: Path) -> Path:
    # The name under which earlier versions kept (and loaded) the parsed word list as a pickle.
    stat = _dict_file().stat()
    return cache / f"jieba-words-{stat.st_size}-{int(stat.st_mtime)}.pickle"


# Where each cache was read: zhen's own pickle by the word-boundary judge (every command that matches
# terms), jieba's by the tagger of `check corpus`; each is planted where the command reading it runs.
LOCATIONS = {
    "zhen-pickle": (lambda cache, tmp: _legacy_pickle(cache), "terms"),
    "jieba-cache": (lambda cache, tmp: tmp / "jieba.cache", "check-corpus"),
}
PAYLOADS = {
    "crafted-pickle": lambda marker: pickle.dumps(_Crafted(marker)),
    "garbage": lambda marker: b"\x80\x04garbage\x00" * 10,
}
TEXT = "哈萨克斯坦总统托卡耶夫在阿斯塔纳表示，两国合作成果显著。\n"
COMMANDS = {"terms": ("terms",), "check-corpus": ("check", "corpus")}


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("text") / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _run(command: str, article: Path, cache: Path, tmp: Path) -> subprocess.CompletedProcess:
    # A fresh process: the word list is parsed once per process, so only a new one shows what a run reads.
    env = {**os.environ, "XDG_CACHE_HOME": str(cache.parent), "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, "-m", "zhen", *COMMANDS[command], str(article)], env=env,
                          capture_output=True, text=True, timeout=300)


def _files(*directories: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for d in directories for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clean_runs(tmp_path_factory, article) -> dict[str, subprocess.CompletedProcess]:
    """Each command's result with an empty cache and temporary directory, which it leaves empty."""
    runs = {}
    for name in COMMANDS:
        root = tmp_path_factory.mktemp(f"clean-{name}")
        (root / "cache" / "zhen").mkdir(parents=True)
        (root / "tmp").mkdir()
        runs[name] = _run(name, article, root / "cache" / "zhen", root / "tmp")
        assert (runs[name].returncode, "Traceback" in runs[name].stderr) == (0, False)
        # The run wrote no file (a word-list cache, jieba's cache, a *.tmp) in either directory.
        assert _files(root / "cache", root / "tmp") == {}
    return runs


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("location", LOCATIONS)
def test_planted_cache_files_are_never_read_nor_written(tmp_path, article, clean_runs, payload, location):
    cache, tmp = tmp_path / "cache" / "zhen", tmp_path / "tmp"
    cache.mkdir(parents=True)
    tmp.mkdir()
    marker = tmp_path / "code-ran"
    where, command = LOCATIONS[location]
    planted = where(cache, tmp)
    planted.write_bytes(PAYLOADS[payload](marker))
    before = _files(cache, tmp)
    result = _run(command, article, cache, tmp)
    clean = clean_runs[command]
    assert (result.returncode, result.stdout, result.stderr) == (clean.returncode, clean.stdout, clean.stderr)
    assert not marker.exists()
    # Nothing read it, nothing replaced it, and no other file (a cache, a *.tmp) appeared in either directory.
    assert _files(cache, tmp) == before


@pytest.mark.parametrize(
    ("text", "freq", "total", "transparent"),
    [
        ("中国 100 ns\n和 50 c\n国 7 n\n", {"中国": 100, "和": 50, "国": 7}, 157, frozenset("和")),
        ("中国 100 ns\n和 50\n国 7 n\n", {"中国": 100, "和": 50, "国": 7}, 157, frozenset()),
        ("中国 100 ns\n中国 20 ns\n的 9 uj\n", {"中国": 20, "的": 9}, 129, frozenset("的")),
        ("中国 100 ns\n\n亿 5 m\n", {"中国": 100, "亿": 5}, 105, frozenset("亿")),
    ],
    ids=["three-fields", "line-without-tag", "repeated-word", "blank-line"],
)
def test_parse_reads_every_layout_as_jieba_does(text, freq, total, transparent):
    parsed = _parse(text)
    assert (parsed.freq, parsed.total, parsed.transparent, parsed.longest) == (freq, total, transparent, max(map(len, freq)))


def test_prefix_dict_is_jiebas_own():
    import jieba

    with _dict_file().open("rb") as handle:
        expected, total = jieba.Tokenizer.gen_pfdict(handle)
    assert (jieba_prefix_dict(dictionary()), dictionary().total) == (expected, total)
