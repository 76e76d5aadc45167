"""Every ``--format`` value leads to exactly one module, and that module keeps its package's Protocol."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from vardmedel import output, problem_formats
from vardmedel.formats import FormatTable

TABLES = {
    "output": (output.FORMATS, output.ReportWriter, ["report", "stream"], "allocate"),
    "problem_formats": (problem_formats.FORMATS, problem_formats.ProblemWriter, ["result", "stream", "color"], "check"),
}


@pytest.mark.parametrize("package", list(TABLES))
def test_every_name_maps_to_one_module_that_keeps_the_protocol(package):
    table, protocol, parameters, _ = TABLES[package]
    modules = {name: table.load(name) for name in table}
    assert len({module.__name__ for module in modules.values()}) == len(table)  # no module serves two names
    for name, module in modules.items():
        assert isinstance(module, protocol), f"{name}: {module.__name__} lacks part of {protocol.__name__}"
        assert list(inspect.signature(module.write).parameters) == parameters, name


@pytest.mark.parametrize("package", list(TABLES))
def test_every_writing_module_of_the_package_has_a_name(package):
    table, *_ = TABLES[package]
    folder = Path(output.__file__).parent.parent / package
    writing = {path.stem for path in folder.glob("*.py") if "\ndef write(" in path.read_text(encoding="utf-8")}
    assert writing == {table[name].rsplit(".", 1)[1] for name in table}


@pytest.mark.parametrize("package", list(TABLES))
def test_help_lists_every_name(cli, package):
    table, _, _, command = TABLES[package]
    text = " ".join(cli(command, "--help").stdout.split())
    assert all(name in text for name in table), text


def test_an_unknown_name_is_a_key_error_not_an_import():
    table: FormatTable[object] = FormatTable({"csv": "vardmedel.output.csv_out"})
    assert list(table) == ["csv"] and len(table) == 1 and "csv" in table
    with pytest.raises(KeyError):
        table.load("os")


def test_binary_formats_are_only_xlsx():
    assert [name for name in output.FORMATS if output.writer(name).BINARY] == ["xlsx"]
