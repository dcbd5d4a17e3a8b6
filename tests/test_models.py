"""Model installs: planted bad packages are refused with one line and nothing else on disk changes."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest

TOP = "translate-zh_en-random"


def _rezip(src: Path, dst: Path, *, prefix: str = "", replace: dict[str, bytes] | None = None,
           drop: tuple[str, ...] = (), extra: dict[str, bytes] | None = None) -> Path:
    """A copy of a package zip with entry names prefixed, some entries replaced, dropped or added."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            rel = info.filename.split("/", 1)[1] if "/" in info.filename else ""
            if rel in drop:
                continue
            zout.writestr(prefix + info.filename, replace.get(rel, zin.read(info.filename)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def _snapshot(directory: Path) -> dict[str, str]:
    """Every file under directory with a digest of its bytes: 'nothing else changed' is equality of two of these."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture()
def packages(tmp_path, monkeypatch, test_package, zhen):
    """A packages directory holding two other packages (a zh→en and an xx→en) that must survive every install."""
    directory = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    other = _rezip(test_package, tmp_path / "other.argosmodel")
    assert zhen("model", "install", str(other)).exit_code == 0
    meta = json.dumps({"from_code": "xx", "to_code": "en", "package_version": "1.0"}).encode()
    with zipfile.ZipFile(test_package) as zf:
        (directory / "translate-xx_en" / "model").mkdir(parents=True)
        for rel in ("model/model.bin", "model/config.json", "sentencepiece.model"):
            (directory / "translate-xx_en" / rel).write_bytes(zf.read(f"{TOP}/{rel}"))
    (directory / "translate-xx_en" / "metadata.json").write_bytes(meta)
    (directory / "notes.txt").write_text("the user's own file\n", encoding="utf-8")
    return directory


GOOD_META = {"from_code": "zh", "to_code": "en", "package_version": "2.0"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda src, d: _rezip(src, d, replace={"metadata.json": b"[]"}),
         "Error: {a}: metadata.json must be a JSON object, not list\n"),
        (lambda src, d: _rezip(src, d, replace={"metadata.json": b"{}"}),
         "Error: {a}: metadata.json lacks from_code, to_code, package_version\n"),
        (lambda src, d: _rezip(src, d, replace={"metadata.json": b"{not json"}),
         "Error: {a}: metadata.json is unreadable or not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))\n"),
        (lambda src, d: _rezip(src, d, replace={"model/model.bin": b"garbage" * 100}),
         "Error: {a}: model/model.bin is not a CTranslate2 model\n"),
        (lambda src, d: _rezip(src, d, replace={"sentencepiece.model": b"garbage" * 100}),
         "Error: {a}: SentencePiece cannot load sentencepiece.model"),
        (lambda src, d: _rezip(src, d, drop=("model/model.bin",)), "Error: {a}: package lacks model/model.bin\n"),
        (lambda src, d: _rezip(src, d, extra={"stray.txt": b"x"}),
         "Error: {a}: not an Argos package (expected one folder with metadata.json)\n"),
        (lambda src, d: _rezip(src, d, extra={"../escape.txt": b"x"}), "Error: {a}: refusing unsafe path '../escape.txt' in archive\n"),
        (lambda src, d: _rezip(src, d, extra={"/abs.txt": b"x"}), "Error: {a}: refusing unsafe path '/abs.txt' in archive\n"),
        (lambda src, d: (d.write_bytes(b"not a zip"), d)[1], "Error: {a}: not an Argos package (.argosmodel must be a zip archive)\n"),
        (lambda src, d: d, "Error: {a}: no such file\n"),
    ],
    ids=["metadata-list", "metadata-empty", "metadata-not-json", "garbage-model-bin", "garbage-tokenizer",
         "no-model-bin", "two-top-level-entries", "dotdot", "absolute", "not-zip", "missing"],
)
def test_bad_package_is_refused_and_nothing_changes(zhen, packages, test_package, tmp_path, make, message):
    archive = make(test_package, tmp_path / "bad.argosmodel")
    before = _snapshot(packages)
    result = zhen("model", "install", str(archive))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(message.format(a=archive)) and result.stderr.count("\n") == 1
    assert _snapshot(packages) == before
    assert sorted(p.name for p in packages.iterdir()) == sorted([TOP, "notes.txt", "translate-xx_en"])


@pytest.mark.parametrize("prefix", ["./", "././"])
def test_dot_slash_entries_install_beside_the_others(zhen, packages, test_package, tmp_path, prefix):
    archive = _rezip(test_package, tmp_path / "dot.argosmodel", prefix=prefix,
                     replace={"metadata.json": json.dumps(GOOD_META).encode()})
    before = _snapshot(packages)
    result = zhen("model", "install", str(archive))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"installed {TOP} 2.0 (zh→en) in {packages / TOP}\n"
    after = _snapshot(packages)
    # Only the replaced package's metadata differs; the other package and the user's file are byte for byte the same.
    assert {k for k in after if after[k] != before.get(k)} == {f"{TOP}/metadata.json"}
    assert set(after) == set(before)


def test_install_does_not_replace_a_non_package_of_the_same_name(zhen, test_package, tmp_path, monkeypatch):
    victim = tmp_path / "p2"
    victim.mkdir()
    (victim / TOP).mkdir()
    (victim / TOP / "mine.txt").write_text("keep", encoding="utf-8")
    before = _snapshot(victim)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(victim))
    result = zhen("model", "install", str(test_package))
    assert (result.exit_code, result.stderr) == (1, f"Error: {victim / TOP} exists and is not an Argos package; not replacing it\n")
    assert _snapshot(victim) == before and sorted(p.name for p in victim.iterdir()) == [TOP]


def test_broken_package_on_disk_is_skipped_with_a_warning(zhen, packages):
    (packages / "translate-xx_en" / "metadata.json").write_bytes(b"[]")
    (packages / "empty-meta").mkdir()
    (packages / "empty-meta" / "metadata.json").write_bytes(b"{}")
    result = zhen("model", "list")
    assert result.exit_code == 0
    size = (packages / TOP / "model" / "model.bin").stat().st_size / 1e6
    assert result.stdout == f"{TOP}\tzh→en\targos\t0.0-random\t{size:.0f} MB\t{packages / TOP}\n"
    assert result.stderr == (
        f"Warning: skipping broken package: {packages / 'empty-meta'}: package lacks model/model.bin\n"
        f"Warning: skipping broken package: {packages / 'translate-xx_en'}: metadata.json must be a JSON object, not list\n"
    )
    from zhen.mt.models import find_model

    assert find_model().name == TOP


def test_garbage_model_bin_on_disk_is_skipped_by_discovery(zhen, packages, capsys):
    (packages / TOP / "model" / "model.bin").write_bytes(b"\0" * 100)
    from zhen.errors import ModelError
    from zhen.mt.models import find_model

    with pytest.raises(ModelError, match="no zh→en translation model installed"):
        find_model()
    assert capsys.readouterr().err == f"Warning: skipping broken package: {packages / TOP}: model/model.bin is not a CTranslate2 model\n"


def test_model_list_with_nothing_installed_names_the_install_commands(zhen, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))
    result = zhen("model", "list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (f"no models installed in {tmp_path / 'none'} and none registered; install one with "
                             "`zhen model install PATH.argosmodel` or `zhen model install --download`, or register a "
                             "converted CTranslate2 directory with `zhen model add DIR`\n")


def test_download_offline_is_one_line(zhen, tmp_path, monkeypatch):
    # Port 9 on localhost refuses the connection at once: the same path as a machine without network.
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    monkeypatch.setenv("ZHEN_PACKAGE_INDEX", "http://127.0.0.1:9/index.json")
    result = zhen("model", "install", "--download")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: cannot download the Argos package index http://127.0.0.1:9/index.json (")
    assert result.stderr.endswith("; no network? install a downloaded file with `zhen model install PATH.argosmodel`\n")
    assert result.stderr.count("\n") == 1 and not (tmp_path / "pk").exists() or list((tmp_path / "pk").iterdir()) == []


def test_unwritable_packages_dir_is_one_line(zhen, tmp_path, test_package, monkeypatch):
    # A path below a regular file cannot be created, even by root (for whom chmod does not bite).
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(blocker / "packages"))
    result = zhen("model", "install", str(test_package))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {blocker / 'packages'}: cannot write to the packages directory (Not a directory); "
                             "set ARGOS_PACKAGES_DIR to a writable directory\n")
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_read_only_packages_dir_is_one_line(zhen, tmp_path, test_package, monkeypatch):
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o555)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    try:
        result = zhen("model", "install", str(test_package))
    finally:
        directory.chmod(0o755)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {directory}: cannot write to the packages directory (Permission denied); "
                             "set ARGOS_PACKAGES_DIR to a writable directory\n")


@pytest.mark.parametrize("args", [("lookup", "普京"), ("model", "list"), ("model", "path"), ("check", "glossary"), ("--help",)])
def test_commands_do_not_import_argostranslate_or_write_home(tmp_path, args):
    """argostranslate creates directories under $HOME when imported: no command may import it."""
    import subprocess

    home = tmp_path / "file"
    home.write_text("not a directory", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    env["HOME"] = str(home)
    code = "import sys; from zhen.cli import main; sys.argv = ['zhen', *sys.argv[1:]]\ntry:\n    main()\nfinally:\n" \
           "    print('argostranslate' in sys.modules, file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "False"
    assert result.returncode in (0, 1)


def _meta(**fields) -> bytes:
    return json.dumps({**GOOD_META, **fields}).encode()


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        (_meta(from_code="en", to_code="zh"), "metadata.json says en→zh, not zh→en"),
        (_meta(from_code="zt"), "metadata.json says zt→en, not zh→en"),
        (_meta(from_code="zh-Hant"), "metadata.json says zh-Hant→en, not zh→en"),
        (_meta(to_code="fr"), "metadata.json says zh→fr, not zh→en"),
        (_meta(from_code="ja", to_code="en"), "metadata.json says ja→en, not zh→en"),
        (_meta(from_code=1), "metadata.json: from_code must be a language code string, not 1"),
        (_meta(to_code=["en"]), 'metadata.json: to_code must be a language code string, not ["en"]'),
        (_meta(from_code={"code": "zh"}), 'metadata.json: from_code must be a language code string, not {"code": "zh"}'),
        (_meta(package_version=True), "metadata.json: package_version must be a string or a number, not true"),
    ],
    ids=["reversed", "traditional-argos", "traditional-bcp47", "to-french", "from-japanese", "from-number",
         "to-list", "from-object", "version-bool"],
)
def test_package_that_is_not_zh_en_is_refused_before_the_working_one_is_touched(zhen, packages, test_package, tmp_path,
                                                                                  metadata, message):
    # Same folder name as the installed package: a success here would replace the working model.
    archive = _rezip(test_package, tmp_path / "wrong.argosmodel", replace={"metadata.json": metadata})
    before = _snapshot(packages)
    result = zhen("model", "install", str(archive))
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {archive}: {message}\n")
    assert _snapshot(packages) == before
    assert sorted(p.name for p in packages.iterdir()) == sorted([TOP, "notes.txt", "translate-xx_en"])


@pytest.mark.parametrize(("source", "target"), [("zh-Hans", "en"), ("zho", "eng"), ("zh_CN", "en_US"), ("ZH", "EN")])
def test_package_with_other_spellings_of_zh_en_installs_and_is_found(zhen, packages, test_package, tmp_path, source, target):
    from zhen.mt.models import find_model

    archive = _rezip(test_package, tmp_path / "ok.argosmodel", replace={"metadata.json": _meta(from_code=source, to_code=target)})
    result = zhen("model", "install", str(archive))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"installed {TOP} 2.0 ({source}→{target}) in {packages / TOP}\n"
    found = find_model()
    assert (found.name, found.version, found.from_code) == (TOP, "2.0", source)
