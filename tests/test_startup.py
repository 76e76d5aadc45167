"""Start-up stays cheap: each path imports, and reads, only what it needs (benchmarks/ measures the time).

Not timing tests: they list the modules a real ``python -m vardmedel`` process
imported (``-X importtime``) and the agreement files a command read, so that a
heavy import or a needless read slipping onto a path fails here instead of
silently slowing every run down.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

AGREEMENTS = Path(__file__).parent.parent / "agreements"

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
    assert "vardmedel.entry" in modules, done.stderr[-2000:]
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
    modules, done = imported_modules("--version")
    from vardmedel import __version__

    assert done.stdout == f"vardmedel {__version__}\n"
    assert "typer" not in packages(modules)  # answered before the command line is even imported


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


def test_with_pydantic_plugins_off_their_lookup_is_never_imported():
    """pydantic's plugin loader imports importlib.metadata (email, zipfile...) only to look for plugins that are off."""
    modules, done = imported_modules("allocate", "2022", "--format", "csv", "--no-cache")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pydantic.main" in modules  # the agreements were validated: pydantic built its validators
    assert not {"pydantic.plugin._loader", "importlib.metadata", "email"} & modules


def test_the_stand_in_for_the_plugin_loader_hands_over_when_plugins_are_turned_on():
    """Plugins off: no lookup. Turned on later in the process: pydantic's own loader looks, as without the stand-in."""
    program = """if True:
        import os, sys
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        from vardmedel import entry
        entry.spare_plugin_lookup()
        import pydantic
        assert pydantic.TypeAdapter(int).validate_python("7") == 7
        assert "importlib.metadata" not in sys.modules
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "some-plugin"  # on, but for one
        assert pydantic.TypeAdapter(str).validate_python("x") == "x"
        assert "importlib.metadata" in sys.modules  # imported by pydantic's loader, now in the stand-in's place
        assert sys.modules["pydantic.plugin._loader"].__file__.endswith("_loader.py")
        import importlib.metadata
        print(importlib.metadata.version("pydantic") == pydantic.VERSION)
    """
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")


def test_the_collector_is_off_while_the_command_line_is_imported_and_on_while_it_runs():
    """entry turns the garbage collector off for the imports only: the command itself runs with it on."""
    program = """if True:
        import gc, sys
        from vardmedel import entry
        import vardmedel.cli as cli
        seen = []
        original = cli.main
        def main():
            seen.append(gc.isenabled())  # as the command line starts: still off
            try:
                original()
            finally:
                seen.append(gc.isenabled())  # once it ran: on
                print(seen)
        cli.main = main
        sys.argv = ["vardmedel", "regions", "--format", "csv"]
        try:
            entry._run_cli()
        except SystemExit:
            pass
    """
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.splitlines()[-1] == "[False, True]", done.stderr[-2000:]


# --- what a command for one year reads ------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    """The bundled agreements, copied, plus whatever a test adds."""
    import shutil

    target = tmp_path / "agreements"
    target.mkdir()
    for path in AGREEMENTS.glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture
def reads(monkeypatch):
    """The names of the agreement files the command line reads."""
    from vardmedel import catalog

    seen: list[str] = []
    original = catalog.read_agreement

    def counting(path, *args, **kwargs):
        seen.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(catalog, "read_agreement", counting)
    return seen


def test_allocate_for_a_year_reads_only_that_years_files(cli, folder, reads):
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert reads == ["2022-sammanhallen-jamlik-saker-vard.yaml"]
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert sum(int(row["total"]) for row in rows) == 384_000_000  # the agreement's whole total, as before


def test_a_misnamed_file_is_still_read_and_refused(cli, folder, reads):
    """A file named for 2021 whose year: says 2022 is read for 2022, and its name is the problem."""
    text = (folder / "2022-sammanhallen-jamlik-saker-vard.yaml").read_text(encoding="utf-8")
    (folder / "2021-sammanhallen-jamlik-saker-vard.yaml").write_text(text, encoding="utf-8")
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "--format", "csv")
    assert result.exit_code == 1
    assert "2021-sammanhallen-jamlik-saker-vard.yaml" in reads
    assert "does not start with the year 2022" in result.stderr


def test_a_file_whose_year_line_is_unclear_is_read(cli, folder, reads):
    (folder / "2019-twice.yaml").write_text("id: 2019-twice\nyear: 2019\nyear: 2022\n", encoding="utf-8")
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "--format", "csv")
    assert "2019-twice.yaml" in reads
    assert "2019-god-och-nara-vard.yaml" not in reads
    # A tool that keeps the last of the two keys reads it as 2022, and it does not load: 2022 cannot be computed
    # as if it were not there (the issue of silently partial results).
    assert result.exit_code == 1, result.output
    assert "2019-twice.yaml:3:1: error: duplicate key 'year' (first at line 2)" in result.stderr


def test_no_agreement_for_the_year_still_names_the_years_there(cli, folder, reads):
    result = cli("allocate", "2021", "--agreements", folder, "--no-bundled", "--format", "csv")
    assert result.exit_code == 2
    assert reads == ["2020-vardforlopp.yaml"]  # the one earlier file whose money may be used later (valid:)
    assert "no agreement for year 2021" in result.stderr
    assert "years there: 2019, 2020, 2022" in result.stderr
