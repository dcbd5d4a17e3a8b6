"""The sentence cache never stops a run: unusable → one warning and no cache; corrupt → moved aside, fresh one."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

from zhen.mt.cache import Cache

VALUE = {"target": "Tokayev said", "terms": []}


def _filled(directory, rows: int = 2000) -> None:
    cache = Cache(directory)
    cache.put_many({f"k{i}": {"target": "x" * 50, "n": i} for i in range(rows)})
    cache.close()


def _names(directory) -> list[str]:
    return sorted(re.sub(r"corrupt-\d{8}T\d{6}", "corrupt-TIME", p.name) for p in directory.iterdir())


def test_cache_round_trip(tmp_path, capsys):
    cache = Cache(tmp_path)
    cache.put_many({"a": VALUE})
    assert cache.get_many(["a", "b"]) == {"a": VALUE}
    cache.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda p: p.write_bytes(b"this is not a database at all" * 200), "file is not a database"),
        (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]), "database disk image is malformed"),
    ],
    ids=["garbage", "truncated"],
)
def test_corrupt_database_is_moved_aside_and_replaced(tmp_path, capsys, damage, reason):
    _filled(tmp_path)
    path = tmp_path / "translations.sqlite"
    damage(path)
    damaged = path.read_bytes()
    cache = Cache(tmp_path)
    err = capsys.readouterr().err
    assert re.fullmatch(rf"Warning: the cache {re.escape(str(path))} was corrupt \({reason}[^\n]*\); moved it to "
                        r"translations\.sqlite\.corrupt-\d{8}T\d{6} and started a fresh one\n", err), err
    cache.put_many({"a": VALUE})
    assert cache.get_many(["a"]) == {"a": VALUE}
    cache.close()
    assert _names(tmp_path) == ["translations.sqlite", "translations.sqlite.corrupt-TIME"]
    [aside] = tmp_path.glob("*.corrupt-*")
    assert aside.read_bytes() == damaged


def test_cache_dir_that_cannot_be_created_warns_once_and_runs_without(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = Cache(blocker / "cache")
    cache.put_many({"a": VALUE})
    assert cache.get_many(["a"]) == {}
    cache.close()
    assert capsys.readouterr().err == (f"Warning: cannot create the cache directory {blocker / 'cache'} (Not a directory); "
                                       "running without the cache\n")
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
@pytest.mark.parametrize("what", ["directory", "database"])
def test_read_only_cache_warns_once_and_runs_without(tmp_path, capsys, what):
    _filled(tmp_path, 10)
    path = tmp_path / "translations.sqlite"
    before = path.read_bytes()
    (tmp_path if what == "directory" else path).chmod(0o555 if what == "directory" else 0o444)
    try:
        cache = Cache(tmp_path)
        cache.put_many({"a": VALUE})
        cache.put_many({"b": VALUE})
        cache.close()
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"Warning: cannot use the cache {path} (")
    assert err.endswith("); running without the cache\n")
    assert path.read_bytes() == before and _names(tmp_path) == ["translations.sqlite"]


def test_read_only_database_found_mid_run_disables_the_cache(tmp_path, capsys, monkeypatch):
    # Root cannot be denied a write, so a lost write permission is planted as the error SQLite gives.
    cache = Cache(tmp_path)

    class ReadOnly:
        def __enter__(self):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        def __exit__(self, *exc):
            return False

        def close(self):
            pass

    real, cache.db = cache.db, ReadOnly()  # type: ignore[assignment]
    cache.put_many({"a": VALUE})
    cache.put_many({"b": VALUE})
    real.close()
    assert cache.db is None and cache.get_many(["a"]) == {}
    assert capsys.readouterr().err == (f"Warning: cannot use the cache {tmp_path / 'translations.sqlite'} "
                                       "(attempt to write a readonly database); running without the cache\n")


def test_translate_with_a_corrupt_cache_warns_and_translates(zhen, installed_model, tmp_path):
    cache_dir = tmp_path / "c"
    cache_dir.mkdir()
    (cache_dir / "translations.sqlite").write_bytes(b"garbage" * 100)
    result = zhen("translate", "--cache-dir", str(cache_dir), "--max-length", "8", "--no-signature", "-", input="普京说。\n")
    assert result.exit_code == 0 and result.stdout
    # (The other warning is the demo model's, with the summary.)
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("Warning:") and "demo model" not in line]
    assert warning.startswith(f"Warning: the cache {cache_dir / 'translations.sqlite'} was corrupt (file is not a database)")
    assert "Traceback" not in result.stderr
    assert _names(cache_dir) == ["translations.sqlite", "translations.sqlite.corrupt-TIME"]
