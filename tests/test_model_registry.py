"""Registered model directories: the name asked for is the name used, a damaged registry file is one line,
and a deleted directory is listed as missing and can be forgotten with `zhen model remove`."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest


@pytest.fixture()
def registry(tmp_path, monkeypatch) -> Path:
    """The registry file of this test (its directory exists, the file does not yet)."""
    monkeypatch.setenv("ZHEN_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    return tmp_path / "data" / "models.json"


@pytest.fixture()
def package_copy(tmp_path, test_model) -> Path:
    """A copy of the installed test package outside any packages directory, under its package folder name."""
    return Path(shutil.copytree(test_model.path, tmp_path / "elsewhere" / test_model.path.name))


def _row(name: str, info, path: Path) -> str:
    from zhen.mt.registry import model_size

    return f"{name}\tzh→en\targos\t{info.version}\t{model_size(info) / 1e6:.0f} MB\t{path}"


@pytest.mark.parametrize("where", ["installed", "elsewhere"])
def test_model_add_uses_the_name_asked_for(zhen, registry, installed_model, package_copy, where):
    directory = installed_model.path if where == "installed" else package_copy
    result = zhen("model", "add", str(directory), "--name", "demo")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"registered demo (argos, zh→en) at {directory.resolve()}\n"
    assert json.loads(registry.read_text(encoding="utf-8")) == {"demo": str(directory.resolve())}
    listed = zhen("model", "list")
    assert (listed.exit_code, listed.stderr) == (0, "")
    # The installed package under its own name, and the registration once, under the name given.
    assert listed.stdout.splitlines() == [_row(installed_model.name, installed_model, installed_model.path),
                                          _row("demo", installed_model, directory.resolve())]
    from zhen.mt.registry import resolve_model

    assert (resolve_model("demo").name, resolve_model("demo").path) == ("demo", directory.resolve())


def test_translate_with_the_registered_name(zhen, registry, installed_model, package_copy):
    assert zhen("model", "add", str(package_copy), "--name", "demo").exit_code == 0
    result = zhen("translate", "--no-cache", "--max-length", "8", "--model", "demo", "-", input="托卡耶夫表示。\n")
    assert result.exit_code == 0, result.stderr
    assert "Tokayev" in result.stdout


def test_model_add_without_name_uses_the_folder_name(zhen, registry, installed_model, package_copy):
    result = zhen("model", "add", str(package_copy))
    assert (result.exit_code, result.stdout) == (0, f"registered {package_copy.name} (argos, zh→en) at {package_copy}\n")
    assert json.loads(registry.read_text(encoding="utf-8")) == {package_copy.name: str(package_copy)}


def test_model_add_refuses_a_package_that_is_not_zh_en(zhen, registry, installed_model, package_copy):
    meta = json.loads((package_copy / "metadata.json").read_text(encoding="utf-8"))
    (package_copy / "metadata.json").write_text(json.dumps({**meta, "from_code": "en", "to_code": "zh"}), encoding="utf-8")
    result = zhen("model", "add", str(package_copy), "--name", "demo")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {package_copy}: metadata.json says en→zh, not zh→en\n"
    assert not registry.exists()


BAD_REGISTRIES = [
    (b'{"x": 1}', 'model registry entry "x" must be a directory path, not 1; fix or remove it'),
    (b'{"x": ""}', 'model registry entry "x" must be a directory path, not ""; fix or remove it'),
    (b'{"x": ["/a"]}', 'model registry entry "x" must be a directory path, not ["/a"]; fix or remove it'),
    (b"null", "model registry must be a JSON object of names and directories, not null; fix or remove it"),
    (b'["/a"]', 'model registry must be a JSON object of names and directories, not ["/a"]; fix or remove it'),
    (b"3", "model registry must be a JSON object of names and directories, not 3; fix or remove it"),
    ('{"x": "/a"}'.encode("utf-16"), "model registry is not UTF-8 text; fix or remove it"),
    (b"{bad", "model registry is not valid JSON (Expecting property name enclosed in double quotes: "
              "line 1 column 2 (char 1)); fix or remove it"),
    (b"", "model registry is not valid JSON (Expecting value: line 1 column 1 (char 0)); fix or remove it"),
]
COMMANDS = [
    lambda d: ("model", "list"),
    lambda d: ("model", "add", str(d), "--name", "demo"),
    lambda d: ("model", "remove", "x"),
    lambda d: ("translate", "--model", "x", "-"),
]


@pytest.mark.parametrize(("content", "message"), BAD_REGISTRIES,
                         ids=["value-number", "value-empty", "value-list", "null", "list", "number", "utf-16",
                              "invalid-json", "empty"])
@pytest.mark.parametrize("command", COMMANDS, ids=["list", "add", "remove", "translate"])
def test_damaged_registry_is_one_line_naming_the_file(zhen, registry, installed_model, package_copy, content, message,
                                                      command):
    registry.write_bytes(content)
    result = zhen(*command(package_copy), input="托卡耶夫\n")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {registry}: {message}\n")
    assert registry.read_bytes() == content


def test_registry_that_is_a_directory_is_one_line(zhen, registry):
    registry.mkdir()
    result = zhen("model", "list")
    assert (result.exit_code, result.stderr) == (1, f"Error: {registry}: cannot read the model registry (Is a directory)\n")


def _digests(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_deleted_or_damaged_directory_is_listed_and_removable(zhen, registry, installed_model, package_copy, tmp_path):
    gone = tmp_path / "gone"
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("mine\n", encoding="utf-8")
    registry.write_text(json.dumps({"demo": str(package_copy), "gone": str(gone), "notes": str(tmp_path / "notes")}),
                        encoding="utf-8")
    result = zhen("model", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        _row(installed_model.name, installed_model, installed_model.path),
        _row("demo", installed_model, package_copy),
        f"gone\t-\tmissing\t-\t-\t{gone}",
        f"notes\t-\tbroken\t-\t-\t{tmp_path / 'notes'}",
    ]
    assert result.stderr == (
        f"Warning: registered model gone: {gone}: no such directory; `zhen model remove gone` forgets the registration\n"
        f"Warning: registered model notes: {tmp_path / 'notes'}: not a CTranslate2 model (no model.bin; convert it with "
        "ct2-transformers-converter or ct2-opus-mt-converter); `zhen model remove notes` forgets the registration\n")
    before = _digests(tmp_path / "notes"), _digests(package_copy)
    for name, path in (("gone", gone), ("notes", tmp_path / "notes")):
        removed = zhen("model", "remove", name)
        assert (removed.exit_code, removed.stderr) == (0, "")
        assert removed.stdout == f"removed the registration {name} (the directory {path} is left as it is)\n"
    assert json.loads(registry.read_text(encoding="utf-8")) == {"demo": str(package_copy)}
    assert (_digests(tmp_path / "notes"), _digests(package_copy)) == before
    listed = zhen("model", "list")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert listed.stdout.splitlines()[-1] == _row("demo", installed_model, package_copy)


@pytest.mark.parametrize(("content", "known"), [(None, "none registered"), ('{"b": "/b", "a": "/a"}', "registered: a, b")],
                         ids=["no-registry", "others"])
def test_remove_unknown_name_is_a_usage_error(zhen, registry, content, known):
    if content is not None:
        registry.write_text(content, encoding="utf-8")
    result = zhen("model", "remove", "demo")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: no registered model named 'demo' ({known}); `zhen model list` shows them\n"
    assert registry.exists() == (content is not None) and (content is None or registry.read_text(encoding="utf-8") == content)
