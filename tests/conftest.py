"""Shared fixtures and helpers: the bundled reference data and agreements, the real CLI, agreement files to order.

Helpers are plain functions (``from conftest import agreement_yaml``) where a test
needs them at import time, to build module-level texts; fixtures where it needs
pytest's tmp folders.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vardmedel.catalog import BUNDLED, load_paths
from vardmedel.cli import app
from vardmedel.reference import load_reference

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
CORPUS = TESTS / "corpus"
NB = "\u00a0"  # tables group digits with no-break spaces


def agreement_yaml(
    id: str = "2022-x",
    *,
    year: int | None = None,
    title: str = "X",
    source: str | None = "vardmedel tests",
    total: str | None = None,
    head: str = "",
    area_total: str | None = None,
    amount: str = "60 mnkr",
    rule: str = "{equal: samverkansregioner}",
    pots: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The text of a small agreement file: one area ``a``, by default one pot ``p`` of *amount* by *rule*.

    Lines come in a fixed order (id, year, title, source, total, *head*, areas), so
    tests can name the line a problem is on. *year* defaults to the id's first four
    digits; *source* None leaves the key out; *pots* maps pot id to (amount, rule).
    """
    lines = [f"id: {id}", f"year: {year if year is not None else id[:4]}", f"title: {title}"]
    if source is not None:
        lines.append(f"source: {{title: {source}}}")
    if total is not None:
        lines.append(f"total: {total}")
    lines += head.splitlines()
    lines += ["areas:", "  - id: a", "    title: A"]
    if area_total is not None:
        lines.append(f"    total: {area_total}")
    lines.append("    pots:")
    for pot_id, (pot_amount, pot_rule) in (pots or {"p": (amount, rule)}).items():
        lines += [f"      - id: {pot_id}", f"        amount: {pot_amount}", f"        rule: {pot_rule}"]
    return "\n".join(lines) + "\n"


def require_tool(found: object, what: str, install: str) -> None:
    """Go on when *found* (a program's path, say); else skip the test, or fail it where ``.ci/run`` sets
    VARDMEDEL_REQUIRE_TOOLS=1: there the programs are installed, so a skip would hide a test that never ran."""
    if found:
        return
    if os.environ.get("VARDMEDEL_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{what} is required here (VARDMEDEL_REQUIRE_TOOLS=1) but not installed: {install}")
    pytest.skip(f"{what} is not installed: {install}")


def rows_of(text: str) -> list[dict]:
    """CSV output as one dict a row."""
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture
def write_agreement(tmp_path):
    """Write ``agreement_yaml(id, **fields)`` as ``ID.yaml`` in a tmp folder (or *folder*); returns the path."""

    def write(id: str = "2022-x", folder: Path | None = None, **fields) -> Path:
        path = (folder or tmp_path) / f"{id}.yaml"
        path.write_text(agreement_yaml(id, **fields), encoding="utf-8")
        return path

    return write


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
