"""Start-up stays cheap: each path imports only what it needs (benchmarks/ measures the time).

Not a timing test: it lists the modules a real ``python -m vardmedel`` process
imported (``-X importtime``), so that a heavy import slipping onto a path that
does not need it fails here instead of silently slowing every run down.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

#: Packages that cost tens of milliseconds to import and that these paths do not need.
PYDANTIC_YAML = ("pydantic", "pydantic_core", "yaml", "_yaml")
RICH = ("rich", "markdown_it", "pygments")


def imported_modules(*args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    """Every module (dotted name) a real run of ``vardmedel ARGS`` imported, and the finished process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VARDMEDEL_")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vardmedel", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "vardmedel.cli" in modules, done.stderr[-2000:]
    return modules, done


def packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_neither_pydantic_nor_yaml_nor_rich(args):
    modules, done = imported_modules(*args)
    assert done.returncode == 0, done.stderr[-2000:]
    assert packages(modules).isdisjoint(PYDANTIC_YAML), sorted(packages(modules) & set(PYDANTIC_YAML))
    # Typer's Rich help would import rich.markdown and markdown-it; the plain help does not.
    assert packages(modules).isdisjoint(RICH), sorted(packages(modules) & set(RICH))


@pytest.mark.parametrize("command", ["allocate", "check", "explain"])
def test_help_of_a_command_reads_no_agreement_machinery(command):
    """A command's --help loads neither YAML, Rich, nor our models.

    Typer itself imports pydantic here (``typer._adapters``: it converts the
    group's own --help flag through a pydantic TypeAdapter); that is Typer's
    cost, which benchmarks/RESULTS.md accounts for, not ours.
    """
    modules, done = imported_modules(command, "--help")
    assert done.returncode == 0, done.stderr[-2000:]
    assert packages(modules).isdisjoint(("yaml", "_yaml", *RICH))
    assert not {"vardmedel.model", "vardmedel.loader", "vardmedel.engine"} & modules
    if "pydantic" in packages(modules):
        assert "typer._adapters" in modules


def test_version_prints_the_version_and_nothing_else():
    _, done = imported_modules("--version")
    from vardmedel import __version__

    assert done.stdout == f"vardmedel {__version__}\n"


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_machine_formats_do_not_load_the_table_renderer(format_name, tmp_path):
    """CSV and JSON for a pipe need no Rich: only the table format imports it."""
    modules, done = imported_modules("allocate", "2022", "--format", format_name)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("recipient," if format_name == "csv" else "{")
    assert "rich" not in packages(modules)
    assert {"pydantic", "yaml"} <= packages(modules)  # the agreements are read and validated, of course


def test_the_table_format_does_load_rich():
    """The counterpart, so the tests above cannot pass by never importing anything."""
    modules, done = imported_modules("allocate", "2022", "--format", "table")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "rich" in packages(modules)
