"""Shared fixtures: the bundled reference data and agreements, and a way to run the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vardmedel.catalog import BUNDLED, load_paths
from vardmedel.cli import app
from vardmedel.reference import load_reference

FIXTURES = Path(__file__).parent / "fixtures"


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
