"""Tests never read or write the user's real home: the autouse fixture in conftest.py points it elsewhere."""

from __future__ import annotations

import importlib
import os
import pwd
from pathlib import Path

import pytest


def _real_home() -> Path:
    return Path(pwd.getpwuid(os.getuid()).pw_dir)


@pytest.mark.parametrize(
    ("module", "function"),
    [("zhen.mt.cache", "default_cache_dir"), ("zhen.mt.models", "packages_dir"), ("zhen.mt.registry", "data_dir"),
     ("pathlib", "Path.home")],
)
def test_every_default_location_is_inside_the_tests_home(isolated_home, isolated_data, module, function):
    target = importlib.import_module(module)
    for part in function.split("."):
        target = getattr(target, part)
    path = target()
    assert path.is_relative_to(isolated_home) or path.is_relative_to(isolated_data), path
    assert not path.is_relative_to(_real_home()), path


def test_each_test_has_its_own_registry(isolated_data):
    from zhen.mt.registry import data_dir, registered

    assert data_dir().is_relative_to(isolated_data)
    assert registered() == {}


def test_a_model_registered_by_a_test_stays_out_of_the_users_registry(zhen, test_model, isolated_data):
    real = _real_home() / ".local" / "share" / "zhen"
    before = sorted(real.rglob("*")) if real.exists() else []
    result = zhen("model", "add", str(test_model.path), "--name", "isolation-probe")
    assert result.exit_code == 0, result.output
    assert (sorted(real.rglob("*")) if real.exists() else []) == before
    assert any(isolated_data.rglob("*.json"))
