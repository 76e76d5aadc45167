"""Shared fixtures: the bundled reference data and agreements, and a way to run the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vardmedel.catalog import BUNDLED, load_paths
from vardmedel.cli import app
from vardmedel.reference import load_reference

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets an empty cache of its own, never the user's: the real CLI caches its results.

    Both the explicit folder and the XDG base are set, so a test that drops VARDMEDEL_*
    from a child's environment still lands in a temporary folder.
    """
    root = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "xdg"))
    monkeypatch.setenv("VARDMEDEL_CACHE_DIR", str(root / "vardmedel"))
    monkeypatch.delenv("VARDMEDEL_NO_CACHE", raising=False)
    monkeypatch.delenv("VARDMEDEL_CACHE_SIZE_MB", raising=False)
    return root / "vardmedel"


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def bundled():
    """The bundled agreements by id (they must load without problems)."""
    loaded, problems = load_paths([BUNDLED])
    assert problems == []
    return {item.agreement.id: item.agreement for item in loaded}


@pytest.fixture
def cli():
    """Run the command line in-process; returns the Click result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def run(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run
