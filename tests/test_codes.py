"""The registry of problem codes is the truth about the source: every code it lists is used, every code used is listed.

(The README's table is generated from it: tests/test_readme.py; every code is produced by
a corpus file: tests/test_check_corpus.py.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from vardmedel.codes import CODES, Severity
from vardmedel.problems import Problem

SOURCE = Path(__file__).resolve().parent.parent / "src" / "vardmedel"
CODE_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
#: Calls that make a problem (or what becomes one) from a code given as a literal.
MAKERS = {"Problem", "AllocationError", "YamlError", "Issue", "stop", "_error", "problem"}


def _modules() -> dict[str, ast.Module]:
    return {
        str(path.relative_to(SOURCE)): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "codes.py"
    }


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def codes_in_code_positions(tree: ast.Module) -> set[str]:
    """Literals given as a code: to a problem maker, compared with ``.code``, or in a table of ``…_CODES``."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in MAKERS:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(arg.value)
        elif isinstance(node, ast.Compare) and _name(node.left) == "code":
            for comparator in node.comparators:
                found += _strings(comparator)
        elif isinstance(node, ast.Assign) and any(_name(t).endswith("_CODES") for t in node.targets):
            assert isinstance(node.value, ast.Dict)
            found += [v.value for v in node.value.values if isinstance(v, ast.Constant)]
    return {text for text in found if CODE_SHAPE.match(text)}


def test_every_code_the_source_gives_is_in_the_registry():
    unlisted = {
        f"{name}: {code}" for name, tree in _modules().items() for code in codes_in_code_positions(tree) - set(CODES)
    }
    assert not unlisted, "add these to src/vardmedel/codes.py (and a corpus file that produces each)"


def test_every_code_in_the_registry_is_given_somewhere_in_the_source():
    used = set().union(*(_strings(tree) for tree in _modules().values()))
    assert set(CODES) - used == set(), "codes nothing in src/ gives: remove them from the registry"


def test_the_scan_sees_the_codes_it_should():
    """The scan above is not blind: the literals of a made-up module are found where they stand."""
    tree = ast.parse(
        'Problem(p, 1, 1, "sum-total", "m")\n'
        'raise AllocationError("empty-group", "m")\n'
        'if err.code in ("zero-weight", "utf-8"): pass\n'
        '_SCHEMA_CODES = {"missing": "schema-missing-key"}\n'
        'open(path, encoding="utf-8")\n'
    )
    assert codes_in_code_positions(tree) == {"sum-total", "empty-group", "zero-weight", "utf-8", "schema-missing-key"}


def test_a_problem_takes_its_severity_from_its_code():
    assert Problem("a.yaml", 1, 1, "no-source", "m").severity is Severity.WARNING
    assert Problem("a.yaml", 1, 1, "sum-total", "m").severity is Severity.ERROR
    assert [c.name for c in CODES.values() if c.severity is Severity.WARNING] == [
        "funding-unresolved",
        "report-due",
        "frame-exceeded",
        "no-source",
        "population-no-date",
    ]


def test_a_problem_with_a_code_outside_the_registry_is_refused():
    with pytest.raises(ValueError, match=re.escape("'sum-totl' is not in vardmedel.codes.CODES")):
        Problem("a.yaml", 1, 1, "sum-totl", "m")


def test_every_code_has_a_one_line_doc():
    for code in CODES.values():
        assert CODE_SHAPE.match(code.name), code.name
        assert code.doc and "\n" not in code.doc and "|" not in code.doc, code.name
