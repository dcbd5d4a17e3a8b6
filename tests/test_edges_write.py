"""Outputs at the edges: devices, FIFOs, links and -; stale resume; one run per output directory; an output
directory inside the input tree; special bits; one line for a full disk, an unwritable target, a name at the
length limit and a closed stdin. Every case runs as root too: nothing here relies on permission bits."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

TRANSLATE = ("translate", "--no-cache", "--max-length", "8")
NO_SPACE = "No space left on device"


@pytest.fixture()
def docs(tmp_path) -> Path:
    """A directory of two short documents."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("普京说。\n", encoding="utf-8")
    (folder / "b.txt").write_text("托卡耶夫说。\n", encoding="utf-8")
    return folder


def _zhen_process(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(kwargs.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "zhen", *args], env=env, capture_output=False, timeout=300,
                          text=True, **kwargs)


# 1. Non-regular outputs: a device or FIFO is written through, a link to a file is refused, - is standard output.

def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(path: Path, target: Path | str) -> Path:
    path.symlink_to(target)
    return path


def _null_device(path: Path) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers, in the test's own directory
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD (root); the link-to-/dev/null case covers devices")
    return path


@pytest.mark.parametrize(
    ("make", "readable"),
    [
        pytest.param(lambda d: _fifo(d / "out"), True, id="fifo"),
        pytest.param(lambda d: _link(d / "out", _fifo(d / "pipe")), True, id="link-to-fifo"),
        pytest.param(lambda d: _link(d / "out", "/dev/null"), False, id="link-to-dev-null"),
        pytest.param(lambda d: _null_device(d / "out"), False, id="character-device"),
    ],
)
def test_a_device_or_fifo_is_written_through_and_kept(zhen, installed_model, docs, tmp_path, make, readable):
    out = make(tmp_path)
    before = (out.is_symlink(), os.readlink(out) if out.is_symlink() else None, stat.S_IFMT(os.stat(out).st_mode))
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(out.read_bytes()), daemon=True)
    if readable:
        reader.start()
    result = zhen(*TRANSLATE, str(docs / "a.txt"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out.is_symlink(), os.readlink(out) if out.is_symlink() else None, stat.S_IFMT(os.stat(out).st_mode)) == before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    if readable:
        reader.join(timeout=30)
        assert got == [zhen(*TRANSLATE, str(docs / "a.txt")).stdout.encode("utf-8")]


def test_a_link_to_a_pipe_is_written_through(tmp_path):
    # /dev/stdout on a pipe, reached through a link made here: what `-o /dev/stdout | less` does.
    out = _link(tmp_path / "out", "/dev/stdout")
    result = _zhen_process(["glossary", "export", "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == _zhen_process(["glossary", "export"], stdout=subprocess.PIPE).stdout
    assert os.readlink(out) == "/dev/stdout"


@pytest.mark.parametrize(
    ("command", "code"),
    [
        pytest.param(lambda out, d: [*TRANSLATE, str(d / "a.txt"), "-o", str(out)], 1, id="translate"),
        pytest.param(lambda out, d: ["glossary", "export", "-o", str(out)], 1, id="glossary-export"),
        pytest.param(lambda out, d: ["check", "corpus", str(d), "--suggest", str(out)], 2, id="check-corpus-suggest"),
    ],
)
@pytest.mark.parametrize("dangling", [False, True], ids=["link-to-file", "dangling-link"])
def test_a_link_is_refused_never_replaced(zhen, docs, tmp_path, monkeypatch, command, code, dangling):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-models"))  # refused before any model is needed
    mine = tmp_path / "mine.txt"
    if not dangling:
        mine.write_text("mine\n", encoding="utf-8")
    link = _link(tmp_path / "link", mine)
    result = zhen(*command(link, docs))
    message = (f"{link}: is a symbolic link to {mine}, which does not exist; zhen never replaces a link: name a file"
               if dangling else
               f"{link}: is a symbolic link to the file {mine}; zhen never replaces a link: "
               "name the file itself (or - for standard output)")
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")
    assert os.readlink(link) == str(mine)
    assert mine.exists() is not dangling and (dangling or mine.read_text(encoding="utf-8") == "mine\n")


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(lambda d: [*TRANSLATE, str(d / "a.txt")], id="translate"),
        pytest.param(lambda d: ["glossary", "export"], id="glossary-export"),
        pytest.param(lambda d: ["glossary", "import", str(d / "house.csv")], id="glossary-import"),
    ],
)
def test_dash_is_standard_output(zhen, installed_model, docs, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (docs / "house.csv").write_text("zh,en\n普京,Putin\n", encoding="utf-8")
    plain = zhen(*command(docs))
    dashed = zhen(*command(docs), "-o", "-")
    assert plain.exit_code == 0 and plain.stdout
    assert (dashed.exit_code, dashed.stdout) == (0, plain.stdout)
    assert not (tmp_path / "-").exists()


def test_dash_for_a_directory_input_is_a_usage_error(zhen, docs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = zhen(*TRANSLATE, str(docs), "-o", "-")
    assert (result.exit_code, result.stderr) == (
        2, "Error: -o -: standard output takes one file's translation; a directory input needs an output directory\n")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        pytest.param(lambda d: Path("-"), "stdout", id="dash"),
        pytest.param(lambda d: Path("/dev/null"), "through", id="dev-null"),
        pytest.param(lambda d: _fifo(d / "p"), "through", id="fifo"),
        pytest.param(lambda d: d / "new.txt", "file", id="new-file"),
        pytest.param(lambda d: d / "deeper" / "new.txt", "file", id="new-file-in-new-directory"),
    ],
)
def test_output_kind_decides_per_kind_of_node(tmp_path, make, kind):
    from zhen.write import output_kind

    assert output_kind(make(tmp_path)) == kind


# 2. Stale resume: the latest record of each output decides.

def _extra_glossary(d: Path) -> list[str]:
    (d / "house.tsv").write_text("zh\ten\ttype\n普京\tPresident Putin\tperson\n", encoding="utf-8")
    from zhen.terms.glossary import default_glossary_path

    return ["-g", str(default_glossary_path()), "-g", str(d / "house.tsv")]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(lambda d: ["--beam", "1"], lambda d: ["--beam", "2"], id="beam"),
        pytest.param(lambda d: [], lambda d: ["--no-enforce"], id="enforce"),
        pytest.param(lambda d: [], _extra_glossary, id="glossary"),
    ],
)
def test_options_x_then_y_then_x_again_redoes_every_document(zhen, installed_model, docs, tmp_path, first, second):
    out = tmp_path / "en"

    def run(options: list[str]) -> list[str]:
        result = zhen(*TRANSLATE, *options, str(docs), "-o", str(out))
        assert result.exit_code == 0, result.output
        return result.stderr.splitlines()

    run(first(tmp_path))
    x = {p.name: p.read_bytes() for p in out.glob("*.txt")}
    assert run(second(tmp_path))[-1] == f"wrote 2 files to {out}"
    assert {p.name: p.read_bytes() for p in out.glob("*.txt")} != x
    assert run(first(tmp_path))[-1] == f"wrote 2 files to {out}"
    assert {p.name: p.read_bytes() for p in out.glob("*.txt")} == x
    assert run(first(tmp_path))[-1] == f"wrote 0 files to {out} (2 already done)"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # Killed between "writing" and done: that document is done again.
        pytest.param('{"id": "a", "format": "text", "writing": true}\n', "wrote 1 files to {out} (1 already done)",
                     id="killed-while-writing"),
        # Killed in the middle of a record: the next run's records still start on lines of their own.
        pytest.param('{"id": "a", "format": "te', "wrote 0 files to {out} (2 already done)", id="cut-record"),
    ],
)
def test_a_killed_runs_manifest_resumes_exactly(zhen, installed_model, docs, tmp_path, tail, expected):
    out = tmp_path / "en"
    args = (*TRANSLATE, str(docs), "-o", str(out))
    assert zhen(*args).exit_code == 0
    with (out / ".zhen-done.jsonl").open("a", encoding="utf-8") as manifest:
        manifest.write(tail)
    assert zhen(*args).stderr.splitlines()[-1] == expected.format(out=out)
    (docs / "b.txt").write_text("托卡耶夫说。普京说。\n", encoding="utf-8")
    assert zhen(*args).stderr.splitlines()[-1] == f"wrote 1 files to {out} (1 already done)"
    assert zhen(*args).stderr.splitlines()[-1] == f"wrote 0 files to {out} (2 already done)"
    after_the_kill = (out / ".zhen-done.jsonl").read_text(encoding="utf-8").splitlines()[5:]
    assert after_the_kill and all(isinstance(json.loads(line), dict) for line in after_the_kill)


# 3. One run per output directory.

@pytest.mark.parametrize("executor", [[], ["--ray"]], ids=["local", "ray"])
def test_a_second_run_on_a_held_directory_stops_naming_the_first(zhen, installed_model, docs, tmp_path, executor):
    from zhen.write import locked

    if executor:
        pytest.importorskip("ray")  # the lock is taken before Ray starts, so this costs no cluster
    out = tmp_path / "en"
    out.mkdir()
    with locked(out):
        result = zhen(*TRANSLATE, *executor, str(docs), "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr.splitlines()[-1]) == (
        1, "", f"Error: {out}: another zhen run (pid {os.getpid()}) is writing here; wait for it to end or choose another -o")
    assert not list(out.glob("*.txt"))
    again = zhen(*TRANSLATE, str(docs), "-o", str(out))
    assert (again.exit_code, again.stderr.splitlines()[-1]) == (0, f"wrote 2 files to {out}")
    assert (out / ".zhen-lock").read_text() == ""


def test_a_killed_holder_leaves_no_stale_lock(zhen, installed_model, docs, tmp_path):
    out = tmp_path / "en"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from zhen.write import locked\n"
         "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(600)", str(out)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        held = zhen(*TRANSLATE, str(docs), "-o", str(out))
        assert (held.exit_code, held.stderr.splitlines()[-1]) == (
            1, f"Error: {out}: another zhen run (pid {holder.pid}) is writing here; wait for it to end or choose another -o")
    finally:
        holder.kill()  # SIGKILL: no clean-up runs, the lock file keeps its pid
        holder.wait(timeout=60)
    assert (out / ".zhen-lock").read_text() == f"{holder.pid}\n"
    result = zhen(*TRANSLATE, str(docs), "-o", str(out))
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (0, f"wrote 2 files to {out}")


# 4. An output directory inside the input tree.

@pytest.mark.parametrize("inside", ["en", "sub/en", "en/deeper"])
def test_output_directory_inside_the_input_tree_reruns(zhen, installed_model, docs, tmp_path, inside):
    (docs / "sub").mkdir()
    (docs / "b.txt").rename(docs / "sub" / "b.txt")
    out = docs / inside
    args = (*TRANSLATE, "--recursive", str(docs), "-o", str(out))
    first = zhen(*args)
    assert (first.exit_code, first.stderr.splitlines()[-1]) == (0, f"wrote 2 files to {out}")
    again = zhen(*args)
    assert (again.exit_code, again.stderr.splitlines()[-1]) == (0, f"wrote 0 files to {out} (2 already done)")
    (docs / "a.txt").write_text("托卡耶夫说。\n", encoding="utf-8")
    changed = zhen(*args)
    assert (changed.exit_code, changed.stderr.splitlines()[-1]) == (0, f"wrote 1 files to {out} (1 already done)")
    # A file there that zhen did not write is still an input: the directory is refused, nothing is replaced.
    (out / "notes.txt").write_text("普京说。\n", encoding="utf-8")
    mine = zhen(*args)
    assert (mine.exit_code, mine.stderr) == (1, f"Error: {out}: output directory holds the input {out / 'notes.txt'}; choose another -o\n")


# 6. Special bits never survive a replacement.

@pytest.mark.parametrize(("mode", "kept"), [(0o4755, 0o755), (0o2750, 0o750), (0o1644, 0o644), (0o6777, 0o777)],
                         ids=["set-uid", "set-gid", "sticky", "all-three"])
def test_a_replaced_file_keeps_its_permission_bits_never_its_special_bits(tmp_path, mode, kept):
    from zhen.write import atomic_write

    path = tmp_path / "ex.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(mode)
    atomic_write(path, "new\n")
    assert (path.stat().st_mode & 0o7777, path.read_text(encoding="utf-8")) == (kept, "new\n")


def test_set_uid_output_of_a_command_loses_the_bit(zhen, tmp_path):
    path = tmp_path / "ex.tsv"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o4755)
    assert zhen("glossary", "export", "-o", str(path)).exit_code == 0
    assert path.stat().st_mode & 0o7777 == 0o755


# 8. One line for every failure to write or read.

@pytest.mark.parametrize(
    ("command", "code", "env"),
    [
        pytest.param(lambda d: [*TRANSLATE, str(d / "a.txt")], 1, {}, id="translate"),
        pytest.param(lambda d: ["terms", str(d / "a.txt")], 1, {}, id="terms"),
        pytest.param(lambda d: ["terms", str(d / "a.txt")], 1, {"PYTHONUNBUFFERED": "1"}, id="terms-unbuffered"),
        pytest.param(lambda d: ["lookup", "普京"], 1, {}, id="lookup"),
        pytest.param(lambda d: ["check", "translation", str(d / "a.txt"), str(d / "b.txt"), "--json"], 2, {}, id="check-json"),
        pytest.param(lambda d: ["glossary", "export"], 1, {}, id="glossary-export"),
    ],
)
def test_standard_output_on_a_full_disk(installed_model, docs, command, code, env):
    with open("/dev/full", "w") as full:
        result = _zhen_process(command(docs), stdout=full, stderr=subprocess.PIPE, env=env)
    assert result.returncode == code
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"Error: standard output: cannot write ({NO_SPACE})"


@pytest.mark.parametrize(
    ("command", "code"),
    [
        pytest.param(lambda out, d: [*TRANSLATE, str(d / "a.txt"), "-o", str(out)], 1, id="translate"),
        pytest.param(lambda out, d: [*TRANSLATE, "--jsonl", str(d / "feed.jsonl"), "-o", str(out)], 1, id="translate-jsonl"),
        pytest.param(lambda out, d: ["glossary", "export", "-o", str(out)], 1, id="glossary-export"),
        pytest.param(lambda out, d: ["glossary", "import", str(d / "house.csv"), "-o", str(out)], 1, id="glossary-import"),
    ],
)
def test_an_output_on_a_full_device(zhen, installed_model, docs, tmp_path, command, code):
    (docs / "house.csv").write_text("zh,en\n普京,Putin\n", encoding="utf-8")
    (docs / "feed.jsonl").write_text('{"id": "x", "text": "普京说。"}\n', encoding="utf-8")
    full = _link(tmp_path / "full", "/dev/full")
    result = zhen(*command(full, docs))
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (code, f"Error: {full}: cannot write ({NO_SPACE})")
    assert os.readlink(full) == "/dev/full"


def test_a_file_on_a_full_disk_is_one_error_and_loses_nothing(tmp_path, monkeypatch):
    from zhen.errors import OutputError
    from zhen.write import atomic_write

    path = tmp_path / "ex.txt"
    path.write_text("mine\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match=f"^{path}: cannot write \\({NO_SPACE}\\)$"):
        atomic_write(path, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["ex.txt"]
    assert path.read_text(encoding="utf-8") == "mine\n"


def _regular(d: Path) -> Path:
    (d / "regular").write_text("mine\n", encoding="utf-8")
    return d / "regular" / "x.tsv"


def _refusal(folder: str) -> str:
    """Why the system refuses a new file in folder (root: no such file; others: permission denied)."""
    try:
        fd, probe = tempfile.mkstemp(dir=folder)
    except OSError as exc:
        return exc.strerror
    os.close(fd)
    os.unlink(probe)
    pytest.fail(f"{folder} takes new files here")


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        # Both fail for root too: procfs makes no files, and a file is no directory.
        pytest.param(lambda d: Path("/proc/zhen-test.tsv"), lambda: _refusal("/proc"), id="proc"),
        pytest.param(_regular, lambda: "Not a directory", id="under-a-regular-file"),
    ],
)
@pytest.mark.parametrize(
    ("command", "code"),
    [
        pytest.param(lambda out, d: ["glossary", "export", "-o", str(out)], 1, id="glossary-export"),
        pytest.param(lambda out, d: ["glossary", "import", str(d / "house.csv"), "-o", str(out)], 1, id="glossary-import"),
        pytest.param(lambda out, d: ["check", "corpus", str(d), "--suggest", str(out)], 2, id="check-corpus-suggest"),
    ],
)
def test_an_unwritable_target_is_one_line_found_before_the_work(zhen, docs, tmp_path, monkeypatch, target, problem,
                                                                command, code):
    from zhen.check import corpus

    def analysis(*args, **kwargs):
        raise AssertionError("the analysis ran before the output was checked")

    monkeypatch.setattr(corpus, "check_corpus", analysis)
    (docs / "house.csv").write_text("zh,en\n普京,Putin\n", encoding="utf-8")
    out = target(tmp_path)
    result = zhen(*command(out, docs))
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {out}: cannot write ({problem()})\n")


@pytest.mark.parametrize(
    ("name", "fmt", "error"),
    [
        pytest.param("a" * 251, "text", None, id="ascii-255-bytes"),
        pytest.param("普" * 83, "text", None, id="han-253-bytes"),
        pytest.param("a" * 251, "md", None, id="md-shorter-suffix"),
        pytest.param("a" * 251, "jsonl", "File name too long", id="jsonl-257-bytes"),
    ],
)
def test_file_names_at_the_length_limit(zhen, installed_model, tmp_path, name, fmt, error):
    src = tmp_path / "src"
    src.mkdir()
    (src / f"{name}.txt").write_text("普京说。\n", encoding="utf-8")
    out = tmp_path / "en"
    result = zhen(*TRANSLATE, "-f", fmt, str(src), "-o", str(out))
    suffix = {"text": ".txt", "md": ".md", "jsonl": ".jsonl"}[fmt]
    if error is None:
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (0, f"wrote 1 files to {out}")
        assert (out / f"{name}{suffix}").is_file()
    else:
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (1, f"Error: {out / (name + suffix)}: cannot write ({error})")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", [["translate", "-"], ["terms", "-"], ["normalize", "-"], ["terms", "--json", "-"]],
                         ids=["translate", "terms", "normalize", "terms-json"])
def test_closed_standard_input_is_one_line(installed_model, command):
    result = subprocess.run(["bash", "-c", 'exec "$@" <&-', "-", sys.executable, "-m", "zhen", *command],
                            capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "Error: -: standard input is closed; give a file\n")
