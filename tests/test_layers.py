"""The package's layers point one way: no module imports one that imports it back, Typer stays in the command layer.

Read from the source (every import statement, also those inside functions,
where the heavy modules are imported), so a cycle or a stray ``import typer``
fails here before it slows start-up or tangles the code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest

import vardmedel

PACKAGE = Path(vardmedel.__file__).parent


def module_name(path: Path) -> str:
    parts = ["vardmedel", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The modules (of this package, or top-level packages outside it) that module *name* imports anywhere."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found


GRAPH = {name: {other for other in imports(name) if other in MODULES and other != name} for name in MODULES}
# cli.py imports its commands by name from a list (importlib), which the scan cannot see: add them.
GRAPH["vardmedel.cli"] |= {f"vardmedel.commands.{command}" for command in __import__("vardmedel.cli").cli.COMMANDS}


def test_the_graph_is_read_from_real_imports():
    assert "vardmedel.commands.app" in GRAPH["vardmedel.commands.allocate"]
    assert "vardmedel.api" in GRAPH["vardmedel.commands.check"]
    assert "vardmedel.engine" in GRAPH["vardmedel.checks"]
    assert "vardmedel.pipeline" in GRAPH["vardmedel.api"]  # imported inside a function
    assert {"vardmedel.commands.app", "vardmedel.commands.list"} <= GRAPH["vardmedel.cli"]


def test_a_cycle_would_be_found(monkeypatch):
    monkeypatch.setitem(GRAPH, "vardmedel.engine", GRAPH["vardmedel.engine"] | {"vardmedel.checks"})
    with pytest.raises(AssertionError, match=re.escape("vardmedel.checks -> vardmedel.engine -> vardmedel.checks")):
        test_no_module_imports_a_module_that_imports_it_back()


def test_no_module_imports_a_module_that_imports_it_back():
    cycles = []
    for start in GRAPH:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in GRAPH[node]:
                if nxt == start:
                    cycles.append(" -> ".join((*path, start)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert not cycles, "\n".join(sorted(set(cycles)))


def test_only_the_command_layer_imports_typer():
    command_layer = {"vardmedel.cli"} | {name for name in MODULES if name.startswith("vardmedel.commands")}
    users = {name for name in MODULES if any(imported.split(".")[0] == "typer" for imported in imports(name))}
    assert users <= command_layer, sorted(users - command_layer)
    assert users  # the command layer does use it: the scan sees real imports


def test_nothing_below_the_command_layer_imports_it():
    command_layer = {"vardmedel.cli"} | {name for name in MODULES if name.startswith("vardmedel.commands.")}
    # The console script's target (entry) and ``python -m`` sit above the command layer: they run it.
    below = set(MODULES) - command_layer - {"vardmedel.__main__", "vardmedel.entry"}
    offenders = {name: sorted(GRAPH[name] & command_layer) for name in below if GRAPH[name] & command_layer}
    assert not offenders


def test_each_choice_type_lists_what_its_home_implements():
    from vardmedel import choices, output, problem_formats
    from vardmedel.report import UNITS
    from vardmedel.views.selection import SORTS

    assert get_args(choices.OutputFormat) == tuple(output.FORMATS)
    assert get_args(choices.ProblemFormat) == tuple(problem_formats.FORMATS)
    assert get_args(choices.Unit) == tuple(UNITS)
    assert get_args(choices.Sort) == SORTS


def test_every_sort_key_orders_the_rows(cli):
    """--sort's choices are compare's keys: each one gives a different, valid order of the same rows."""
    from vardmedel import choices

    orders = {}
    for key in get_args(choices.SortKey):
        result = cli("compare", "2020", "2022", "--sort", key, "-f", "csv")
        assert result.exit_code == 0, result.stderr
        orders[key] = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert len({tuple(order) for order in orders.values()}) >= 4
    assert all(sorted(order) == sorted(orders["recipient"]) for order in orders.values())


def test_the_library_below_the_api_names_no_command_line_option():
    """Its messages reach Python callers too, who have no --population to pass (docstrings may name options)."""
    library = ["engine", "rules", "money", "checks", "pipeline", "loader", "catalog", "reference", "model", "amounts"]
    found = []
    for name in library:
        tree = ast.parse(MODULES[f"vardmedel.{name}"].read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_message = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            if is_message and re.search(r"(?<![\w-])--[a-z]", node.value):
                found.append(f"{name}.py:{node.lineno}: {node.value}")
    assert not found
