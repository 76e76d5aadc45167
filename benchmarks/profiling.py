"""Profiling: where the time goes, by import (``python -X importtime``) and by function (cProfile, in a child).

Both run the command in a process of its own, as measuring.py does, and turn
the raw output into own time per package (imports) or per area of the code
(functions), the figures the report prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from measuring import child_env

HERE = Path(__file__).resolve().parent

# --- imports ------------------------------------------------------------------------------------

#: Whose import time a top-level module's is.
PACKAGES = {
    "vardmedel": "vardmedel",
    "typer": "typer",
    "pydantic": "pydantic",
    "pydantic_core": "pydantic",
    "annotated_types": "pydantic",
    "typing_extensions": "pydantic",
    "typing_inspection": "pydantic",
    "yaml": "yaml",
    "_yaml": "yaml",
    "rich": "rich",
    "markdown_it": "rich",
    "mdurl": "rich",
    "pygments": "rich",
}


def import_profile(argv: list[str], cwd: Path) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """``python -X importtime`` of one run: self time per package (ms) and the slowest top-level imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], cwd=cwd, env=child_env(), capture_output=True, text=True
    )
    by_package: dict[str, float] = {}
    top: list[tuple[str, float]] = []
    stack: list[str] = []
    # A module's line comes after those of the modules it imported: read backwards, parents first.
    for line in reversed(done.stderr.splitlines()):
        if not line.startswith("import time:"):
            continue
        head, cumulative_us, raw_name = line.split("|")
        self_us = head.split(":")[1].strip()
        if not self_us.isdigit():  # the header line
            continue
        depth = (len(raw_name) - len(raw_name.lstrip()) - 1) // 2
        name = raw_name.strip()
        del stack[depth:]
        stack.append(name)
        owner = _package(stack)
        by_package[owner] = by_package.get(owner, 0.0) + int(self_us) / 1000
        if depth == 0:
            top.append((name, int(cumulative_us) / 1000))
    return by_package, sorted(top, key=lambda item: -item[1])


def _package(stack: list[str]) -> str:
    """Whose import time a module's own time is: the innermost package on its import chain.

    Stdlib modules count for the package that needed them; pydantic is split by
    who first needed it (Typer's argument conversion or vardmedel's models).
    """
    owners = [PACKAGES[name.split(".")[0]] for name in stack if name.split(".")[0] in PACKAGES]
    if not owners:
        return "stdlib (Python itself)"
    if owners[-1] == "pydantic" and owners[0] in ("typer", "vardmedel") and "typer" in owners:
        return "pydantic, for Typer"
    if owners[-1] == "pydantic" and owners[0] == "vardmedel":
        return "pydantic, for vardmedel"
    return owners[-1]


# --- functions ----------------------------------------------------------------------------------

YAML_AREA = "YAML parsing (PyYAML + yamlsource.py)"
SCHEMA_AREA = "schema validation (pydantic + model.py, amounts.py)"
ENGINE_AREA = "engine (engine.py, rules.py, money.py, reference.py)"
CHECKS_AREA = "checks (checks.py, funding_checks.py, pipeline.py, loader.py, catalog.py)"
#: Where a function's own time belongs, by the file it is in.
AREAS = (
    (YAML_AREA, ("/yaml/", "yamlsource.py", "yaml._yaml")),
    (SCHEMA_AREA, ("/pydantic", "pydantic_core", "model.py", "amounts.py")),
    (ENGINE_AREA, ("engine.py", "rules.py", "money.py", "reference.py")),
    (CHECKS_AREA, ("checks.py", "pipeline.py", "loader.py", "catalog.py")),
    ("command line (typer)", ("/typer/",)),
)
OTHER = "other (Python's own library, built-ins)"

#: Steps of ``allocate``, by (file, function); cumulative times, so inner steps count in outer ones too.
#: A step the code no longer has (renamed, moved) is reported as not found, never as zero.
ALLOCATE_STEPS = (
    ("import typer (the floor pays this too)", "typer/__init__.py", "<module>"),
    ("Typer converts the arguments: a pydantic TypeAdapter per parameter", "typer/_coercion.py", "build_runtime_param"),
    ("  of which importing pydantic's machinery (typer/_adapters.py)", "typer/_adapters.py", "<module>"),
    ("the allocate command itself", "vardmedel/commands/allocate.py", "allocate"),
    ("  read, validate and check the agreements (api.load)", "vardmedel/api.py", "load"),
    ("    pydantic builds our agreement models (import model.py)", "vardmedel/model.py", "<module>"),
    ("    read the files: YAML and validation (catalog.read_file)", "vardmedel/catalog.py", "read_file"),
    ("    checks (checks.check_agreement)", "vardmedel/checks.py", "check_agreement"),
    ("      of which the pots, computed once (engine.allocate_pot)", "vardmedel/engine.py", "allocate_pot"),
    ("  the report (views.allocation.allocation_report)", "vardmedel/views/allocation.py", "allocation_report"),
    ("  write CSV", "vardmedel/output/csv_out.py", "write"),
)


def function_profile(args: list[str], cwd: Path) -> dict:
    """cProfile of one run of ``vardmedel ARGS`` (benchmarks/profiled_run.py): own time per area, and in the GC."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "profile.json"
        done = subprocess.run(
            [sys.executable, str(HERE / "profiled_run.py"), str(out), *args],
            cwd=cwd,
            env=child_env(),
            capture_output=True,
            text=True,
        )
        if not out.exists():
            raise SystemExit(f"profiling vardmedel {' '.join(args)} failed:\n{done.stderr[-2000:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    areas: dict[str, float] = {}
    for filename, _line, name, own, _cumulative, callers in data["rows"]:
        area = _area(filename, name)
        if area is None and callers:
            # A built-in or a stdlib function: its time counts for whoever called it.
            for caller_file, caller_name, time_for_caller in callers:
                owner = _area(caller_file, caller_name) or OTHER
                areas[owner] = areas.get(owner, 0.0) + time_for_caller
            continue
        areas[area or OTHER] = areas.get(area or OTHER, 0.0) + own
    slowest = sorted((row[:5] for row in data["rows"]), key=lambda row: -row[3])[:8]
    steps: list[tuple[str, float | None]] = []
    for label, file_end, function in ALLOCATE_STEPS:
        found = [row[4] for row in data["rows"] if row[0].endswith(file_end) and row[2] == function]
        steps.append((label, sum(found) if found else None))
    return {
        "total": data["total"],
        "gc": data["gc"],
        "gc_runs": data["gc_runs"],
        "areas": areas,
        "slowest": slowest,
        "steps": steps,
    }


def _area(filename: str, name: str) -> str | None:
    """The area of our own or a dependency's function; None for built-ins and the standard library."""
    where = filename if filename != "~" else name  # built-ins: "<method 'get_event' of 'yaml._yaml.CParser'>"
    area = next((label for label, marks in AREAS if any(mark in where for mark in marks)), None)
    if area is None and (
        "<frozen" in where or any(word in where for word in ("builtins.exec", "marshal", "__import__"))
    ):
        return "imports (loading code)"
    return area
