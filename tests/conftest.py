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


#: One agreement of 2022 with one pot; the fields in braces are what a test changes.
AGREEMENT = """\
id: 2022-x
year: 2022
title: {title}
source: {{title: vardmedel tests}}
{extra}areas:
  - id: {area}
    title: {area_title}
    pots:
      - id: p
        amount: {amount}
        rule: {rule}
"""
DEFAULTS = {
    "title": "T",
    "extra": "",
    "area": "a",
    "area_title": "A",
    "amount": "60 mnkr",
    "rule": "{equal: samverkansregioner}",
}


@pytest.fixture
def agreement(tmp_path):
    """Write ``2022-x.yaml`` (AGREEMENT with some fields changed) into a fresh folder; returns the folder."""

    def write(text: str | None = None, name: str = "2022-x.yaml", **fields: str) -> Path:
        folder = tmp_path / "agreements"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(text or AGREEMENT.format(**{**DEFAULTS, **fields}), encoding="utf-8")
        return folder

    return write
