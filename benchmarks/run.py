"""How fast vardmedel is, measured against the cost of merely importing its dependencies.

Run on demand, not as part of the tests (it takes a few minutes):

    /work/venv/bin/python benchmarks/run.py            # full run, writes benchmarks/RESULTS.md
    /work/venv/bin/python benchmarks/run.py --quick    # a smoke run: fewer rounds, 200 files, no RESULTS.md

Every command runs as its own process, as a user or CI would run it. The
commands are measured side by side: each round runs every command once, in an
order that rotates from round to round, so that a burst of load from something
else on the machine spreads over all of them instead of skewing one; figures
are medians. Wall time, CPU time and peak memory (RSS) come from ``wait4``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

FLOOR_IMPORTS = "import typer, pydantic, yaml, rich.table"
MiB = 1024 * 1024

# The goals of issue #5, as (label, limit, unit).
GOAL_RATIO = 1.0
GOAL_CHECK_SECONDS = 2.0
GOAL_ALLOCATE_MIB = 60.0


@dataclass
class Command:
    name: str
    argv: list[str]
    rounds: int  # how many of the rounds include it
    cwd: Path | None = None
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MiB

    def median(self, what: str = "walls") -> float:
        return statistics.median(getattr(self, what))

    def quartiles(self) -> tuple[float, float]:
        if len(self.walls) < 4:
            return min(self.walls), max(self.walls)
        q = statistics.quantiles(self.walls, n=4)
        return q[0], q[2]


def vardmedel_argv() -> list[str]:
    """The installed console script beside this Python, as users run it."""
    script = Path(sys.executable).with_name("vardmedel")
    return [str(script)] if script.exists() else [sys.executable, "-m", "vardmedel"]


#: Bytecode is cached as after ``pip install``: the development environment may set
#: PYTHONDONTWRITEBYTECODE, which would make every run compile vardmedel's sources. The cache
#: lives in a folder of its own, so the source tree is not touched.
PYCACHE = Path(tempfile.gettempdir()) / "vardmedel-bench-pycache"


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VARDMEDEL_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def run_once(argv: list[str], cwd: Path | None) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MiB and exit code of one process."""
    env = child_env()
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def measure(commands: list[Command], rounds: int, progress: bool = True) -> None:
    """Rotate through the commands *rounds* times; one warm-up run of each is not recorded."""
    for command in commands:
        run_once(command.argv, command.cwd)
    for number in range(rounds):
        shift = number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            if number >= command.rounds:
                continue
            wall, cpu, rss, code = run_once(command.argv, command.cwd)
            if code != 0:
                raise SystemExit(f"{command.name} exited with {code}: {' '.join(command.argv)}")
            command.walls.append(wall)
            command.cpus.append(cpu)
            command.rss.append(rss)
        if progress:
            print(f"  round {number + 1}/{rounds}", file=sys.stderr, end="\r", flush=True)
    if progress:
        print(file=sys.stderr)


def verify(argv: list[str], cwd: Path | None, expect: str) -> str:
    """Run once and insist on exit 0 and *expect* in the output: a benchmark of a failing command measures nothing."""
    done = subprocess.run(argv, cwd=cwd, env=child_env(), capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0 or expect not in output:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{output[-2000:]}")
    return output


# --- the engine alone -------------------------------------------------------------------------


def engine_rates(sizes: tuple[int, ...], rounds: int) -> dict[int, dict[str, float]]:
    """Allocations per second of one pot over n recipients, for each n, measured in alternation.

    ``split`` is the largest-remainder arithmetic alone (``engine.apportion``);
    ``pot`` is the whole engine path for a population rule with inline figures
    over n declared recipients (``engine.allocate_pot``: membership, weights, split).
    """
    from vardmedel.engine import allocate_pot, apportion, recipients_of
    from vardmedel.model import Agreement
    from vardmedel.reference import load_reference

    reference = load_reference()
    cases = {}
    for n in sizes:
        rng = random.Random(n)
        ids = [f"m{i:05d}" for i in range(n)]
        figures = {rid: rng.randint(1_000, 1_000_000) for rid in ids}
        agreement = Agreement.model_validate(
            {
                "id": f"2024-engine-{n}",
                "year": 2024,
                "title": "engine benchmark",
                "recipients": {rid: {"name": rid} for rid in ids},
                "areas": [
                    {
                        "id": "a",
                        "title": "a",
                        "pots": [
                            {
                                "id": "p",
                                "amount": 1_234_567_891,
                                "rule": {"population": ids, "figures": figures},
                            }
                        ],
                    }
                ],
            }
        )
        known = recipients_of(agreement, reference)
        area, pot = next(agreement.pots())

        def split(figures=figures, rank=_ranker(known.recipients)):
            return apportion(1_234_567_891, figures, rank)

        def whole(agreement=agreement, area=area, pot=pot, known=known):
            return allocate_pot(agreement, area, pot, known)

        cases[n] = {"split": split, "pot": whole}
    timings: dict[int, dict[str, list[float]]] = {n: {"split": [], "pot": []} for n in sizes}
    for number in range(rounds):
        order = sizes[number % len(sizes) :] + sizes[: number % len(sizes)]
        for n in order:
            for kind, function in cases[n].items():
                timings[n][kind].append(_seconds_per_call(function))
    return {
        n: {kind: 1 / statistics.median(values) for kind, values in by_kind.items()} for n, by_kind in timings.items()
    }


def yaml_rates(files: list[Path], rounds: int) -> dict[str, float]:
    """Microseconds per YAML event of each layer of reading, over a sample of the corpus, in-process.

    ``parser``: PyYAML's C parser alone, handing events to Python; ``load``: ``yamlsource.load``
    (values, positions, duplicate keys); ``read``: ``loader.read_agreement`` (file, load and
    pydantic validation). The differences are what each layer adds.
    """
    import yaml

    from vardmedel.loader import read_agreement
    from vardmedel.yamlsource import load

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    texts = [path.read_text(encoding="utf-8") for path in files]
    events = sum(1 for text in texts for _ in iter(loader_class(text).get_event, None))

    def parser():
        for text in texts:
            for _ in iter(loader_class(text).get_event, None):
                pass

    def loading():
        for text in texts:
            load(text)

    def reading():
        for path in files:
            read_agreement(path)

    layers = {"parser": parser, "load": loading, "read": reading}
    timings: dict[str, list[float]] = {name: [] for name in layers}
    for _ in range(rounds):
        for name, function in layers.items():
            gc.collect()
            start = time.perf_counter()
            function()
            timings[name].append(time.perf_counter() - start)
    rates = {name: statistics.median(values) / events * 1e6 for name, values in timings.items()}
    rates["events"] = events
    rates["files"] = len(files)
    return rates


def _ranker(recipients: dict):
    """The tie-break rank allocate_pot uses: the recipient's sort key."""

    def rank(rid: str) -> object:
        return recipients[rid].sort_key

    return rank


def _seconds_per_call(function, budget: float = 0.15) -> float:
    calls, elapsed = 1, 0.0
    while True:
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return elapsed / calls
        calls = max(calls * 2, int(calls * budget / max(elapsed, 1e-6)) + 1)


# --- profiles ---------------------------------------------------------------------------------


def import_profile(argv: list[str], cwd: Path) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """``python -X importtime`` of one run: self time per package (ms) and the slowest top-level imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
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


PROFILE_CHILD = r"""
import cProfile, gc, json, os, pstats, sys, time
pauses = []
def on_gc(phase, info, _start=[0.0]):
    if phase == "start":
        _start[0] = time.perf_counter()
    else:
        pauses.append(time.perf_counter() - _start[0])
gc.callbacks.append(on_gc)
out_path = sys.argv[1]
sys.argv = ["vardmedel", *sys.argv[2:]]
profile = cProfile.Profile()
start = time.perf_counter()
profile.enable()
try:
    if os.environ.get("BENCH_ONE_PROCESS"):  # cProfile sees only this process, not check's workers
        import vardmedel.checks
        vardmedel.checks._usable_cpus = lambda: 1
    from vardmedel.cli import main
    main()
except SystemExit:
    pass
profile.disable()
total = time.perf_counter() - start
stats = pstats.Stats(profile)
rows = [
    [func[0], func[1], func[2], tt, ct, [[c[0], c[2], v[2]] for c, v in callers.items()]]
    for func, (cc, nc, tt, ct, callers) in stats.stats.items()
]
json.dump({"total": total, "gc": sum(pauses), "gc_runs": len(pauses), "rows": rows}, open(out_path, "w"))
"""

#: ``vardmedel check DIR`` with the folder checked in this one process, as on a machine with one CPU.
ONE_PROCESS_CHECK = r"""
import sys
import vardmedel.checks
vardmedel.checks._usable_cpus = lambda: 1
sys.argv = ["vardmedel", "check", sys.argv[1]]
from vardmedel.cli import main
main()
"""

#: Where a function's own time belongs, by the file it is in.
AREAS = (
    ("YAML parsing (PyYAML + yamlsource.py)", ("/yaml/", "yamlsource.py", "yaml._yaml")),
    ("schema validation (pydantic + model.py, amounts.py)", ("/pydantic", "pydantic_core", "model.py", "amounts.py")),
    ("engine (engine.py, reference.py)", ("engine.py", "money.py", "rules.py", "reference.py")),
    ("checks (checks.py, loader.py, catalog.py)", ("checks.py", "loader.py", "catalog.py")),
    ("command line (typer)", ("/typer/",)),
)


OTHER = "other (Python's own library, built-ins)"

#: Steps of ``allocate``, by (file, function); cumulative times, so inner steps count in outer ones too.
ALLOCATE_STEPS = (
    ("import typer (the floor pays this too)", "typer/__init__.py", "<module>"),
    ("Typer converts the arguments: a pydantic TypeAdapter per parameter", "typer/_coercion.py", "build_runtime_param"),
    ("  of which importing pydantic's machinery (typer/_adapters.py)", "typer/_adapters.py", "<module>"),
    ("the allocate command itself", "vardmedel/commands/allocate.py", "allocate"),
    ("  read, validate and check the agreements (cli.load_checked)", "vardmedel/cli.py", "load_checked"),
    ("    pydantic builds our agreement models (import model.py)", "vardmedel/model.py", "<module>"),
    ("    read the files: YAML and validation (catalog.read_files)", "vardmedel/catalog.py", "read_files"),
    ("    checks (checks.check_all)", "vardmedel/checks.py", "check_all"),
    ("  allocate (engine.allocate)", "vardmedel/engine.py", "allocate"),
    ("  the report (views.allocation_report)", "vardmedel/views/allocation.py", "allocation_report"),
    ("  write CSV", "vardmedel/output/csv_out.py", "write"),
)


def _area(filename: str, name: str) -> str | None:
    """The area of our own or a dependency's function; None for built-ins and the standard library."""
    where = filename if filename != "~" else name  # built-ins: "<method 'get_event' of 'yaml._yaml.CParser'>"
    area = next((label for label, marks in AREAS if any(mark in where for mark in marks)), None)
    if area is None and (
        "<frozen" in where or any(word in where for word in ("builtins.exec", "marshal", "__import__"))
    ):
        return "imports (loading code)"
    return area


def function_profile(args: list[str], cwd: Path, one_process: bool = False) -> dict:
    """cProfile of one in-process run of ``vardmedel ARGS``: own time per area, and time in the garbage collector."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "profile.json"
        subprocess.run(
            [sys.executable, "-c", PROFILE_CHILD, str(out), *args],
            cwd=cwd,
            env={**child_env(), **({"BENCH_ONE_PROCESS": "1"} if one_process else {})},
            capture_output=True,
            check=False,
        )
        import json

        data = json.loads(out.read_text())
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
    steps = []
    for label, file_end, function in ALLOCATE_STEPS:
        found = [row[4] for row in data["rows"] if row[0].endswith(file_end) and row[2] == function]
        if found:
            steps.append((label, sum(found)))
    return {
        "total": data["total"],
        "gc": data["gc"],
        "gc_runs": data["gc_runs"],
        "areas": areas,
        "slowest": slowest,
        "steps": steps,
    }


# --- the machine ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory = 0
    versions = []
    for package in ("vardmedel", "typer", "pydantic", "pydantic-core", "PyYAML", "rich"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    import yaml

    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores, {memory:,} MiB RAM",
        "system": platform.platform(),
        "python": f"Python {platform.python_version()} ({sys.executable})",
        "packages": ", ".join(versions) + f"; libyaml {'yes' if yaml.__with_libyaml__ else 'no'}",
        "commit": commit or "unknown",
    }


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux
        return (0.0, 0.0, 0.0)


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark vardmedel against the cost of importing its dependencies.")
    parser.add_argument("--rounds", type=int, default=21, help="rounds of the start-up commands (default 21)")
    parser.add_argument("--corpus-rounds", type=int, default=7, help="rounds that include check on the corpus")
    parser.add_argument("--worst-rounds", type=int, default=3, help="rounds that include the worst-case corpus")
    parser.add_argument("--files", type=int, default=1000, help="agreement files in the synthetic corpus")
    parser.add_argument("--quick", action="store_true", help="3 rounds and 200 files; writes only to --output")
    parser.add_argument("--output", type=Path, help="where to write the report [default: benchmarks/RESULTS.md]")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.corpus_rounds, args.worst_rounds, args.files = 3, 2, 1, 200

    started = dt.datetime.now().astimezone()
    load_before = load_average()
    about = machine()
    print(f"{about['cpu']}; {about['python']}; load {load_before[0]:.2f}", file=sys.stderr)

    corpus_dir = HERE / "corpus" / "mixed"
    worst_dir = HERE / "corpus" / "every-kommun"
    written = corpus.generate(corpus_dir, args.files)
    worst = corpus.generate(worst_dir, args.files, every_kommun=True)
    shape = corpus_shape(written, worst)
    print(
        f"corpus: {shape['files']} files, {shape['mib']:.1f} MiB; worst case {shape['worst_mib']:.1f} MiB",
        file=sys.stderr,
    )

    vardmedel = vardmedel_argv()
    empty = Path(tempfile.mkdtemp(prefix="vardmedel-bench-"))  # no ./agreements: the bundled ones are used
    corpus_year = str(corpus.YEARS[len(corpus.YEARS) // 2])
    verify([*vardmedel, "allocate", "2022", "--format", "csv"], empty, "recipient,")
    verify([*vardmedel, "--version"], empty, "vardmedel")
    verify([*vardmedel, "--help"], empty, "allocate")
    verify([*vardmedel, "check", str(corpus_dir)], empty, "")  # exit 0: no errors in the corpus
    verify([*vardmedel, "check", str(worst_dir)], empty, "")
    verify([*vardmedel, "allocate", corpus_year, "--agreements", str(corpus_dir), "-f", "csv"], empty, "recipient,")

    floor = Command(
        "floor: python -c 'import typer, pydantic, yaml, rich.table'",
        [sys.executable, "-c", FLOOR_IMPORTS],
        args.rounds,
    )
    bare = Command("python -c pass", [sys.executable, "-c", "pass"], args.rounds)
    allocate_csv = Command(
        "vardmedel allocate 2022 --format csv", [*vardmedel, "allocate", "2022", "--format", "csv"], args.rounds
    )
    allocate_json = Command(
        "vardmedel allocate 2022 --format json", [*vardmedel, "allocate", "2022", "--format", "json"], args.rounds
    )
    help_ = Command("vardmedel --help", [*vardmedel, "--help"], args.rounds)
    version = Command("vardmedel --version", [*vardmedel, "--version"], args.rounds)
    check = Command(
        f"vardmedel check corpus ({shape['files']} files)", [*vardmedel, "check", str(corpus_dir)], args.corpus_rounds
    )
    check_one_process = Command(
        f"one process: vardmedel check corpus ({shape['files']} files, no workers)",
        [sys.executable, "-c", ONE_PROCESS_CHECK, str(corpus_dir)],
        args.corpus_rounds,
    )
    allocate_corpus = Command(
        f"vardmedel allocate {corpus_year} on the corpus ({shape['per_year']} agreements)",
        [*vardmedel, "allocate", corpus_year, "--agreements", str(corpus_dir), "--format", "csv"],
        args.corpus_rounds,
    )
    check_worst = Command(
        f"vardmedel check worst case ({shape['files']} files, 290 kommuner each)",
        [*vardmedel, "check", str(worst_dir)],
        args.worst_rounds,
    )
    commands = [
        *(floor, bare, allocate_csv, allocate_json, help_, version),
        *(check, check_one_process, allocate_corpus, check_worst),
    ]
    for command in commands:
        command.cwd = empty
    print(f"measuring {len(commands)} commands, {args.rounds} rounds ...", file=sys.stderr)
    measure(commands, args.rounds)

    print("engine ...", file=sys.stderr)
    sizes = (21, 290, 10_000)
    rates = engine_rates(sizes, 3 if args.quick else 7)

    print("YAML layers ...", file=sys.stderr)
    sample = sorted(random.Random(5).sample(written, min(100, len(written))))  # every kind of file
    yaml_layers = yaml_rates(sample, 3 if args.quick else 5)

    print("profiles ...", file=sys.stderr)
    imports_allocate, top_allocate = import_profile(["-m", "vardmedel", "allocate", "2022", "--format", "csv"], empty)
    imports_help, _ = import_profile(["-m", "vardmedel", "--help"], empty)
    imports_floor, _ = import_profile(["-c", FLOOR_IMPORTS], empty)
    profile_allocate = function_profile(["allocate", "2022", "--format", "csv"], empty)
    profile_check = function_profile(["check", str(corpus_dir)], empty, one_process=True)
    load_after = load_average()
    shutil.rmtree(empty, ignore_errors=True)

    results = Results(
        started=started,
        about=about,
        load=(load_before, load_after),
        shape=shape,
        commands=commands,
        floor=floor,
        rates=rates,
        yaml_layers=yaml_layers,
        imports={"floor": imports_floor, "allocate": imports_allocate, "help": imports_help},
        top_allocate=top_allocate,
        profile_allocate=profile_allocate,
        profile_check=profile_check,
        args=args,
    )
    text = results.markdown()
    print(results.table())
    output = args.output or (None if args.quick else HERE / "RESULTS.md")
    if output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)


def corpus_shape(written: list[Path], worst: list[Path]) -> dict:
    kommuner = [corpus.kommun_count(i, random.Random(i)) for i in range(len(written))]
    return {
        "files": len(written),
        "mib": sum(p.stat().st_size for p in written) / MiB,
        "worst_mib": sum(p.stat().st_size for p in worst) / MiB,
        "pots": len(written) * corpus.POTS_PER_FILE,
        "per_year": len(written) // len(corpus.YEARS),
        "none": sum(1 for k in kommuner if k == 0),
        "some": sum(1 for k in kommuner if 0 < k < corpus.KOMMUNER),
        "all": sum(1 for k in kommuner if k == corpus.KOMMUNER),
        "lines": sum(p.read_text(encoding="utf-8").count("\n") for p in written),
    }


# --- the report -------------------------------------------------------------------------------


@dataclass
class Results:
    started: dt.datetime
    about: dict
    load: tuple
    shape: dict
    commands: list[Command]
    floor: Command
    rates: dict
    yaml_layers: dict
    imports: dict
    top_allocate: list
    profile_allocate: dict
    profile_check: dict
    args: argparse.Namespace

    def command(self, prefix: str) -> Command:
        return next(c for c in self.commands if c.name.startswith(prefix))

    def ratio(self, command: Command) -> float:
        return command.median() / self.floor.median()

    def goals(self) -> list[tuple[str, str, str, bool]]:
        allocate = self.command("vardmedel allocate 2022 --format csv")
        check = self.command("vardmedel check corpus")
        rows = []
        for command in (allocate, self.command("vardmedel --help"), self.command("vardmedel --version")):
            ratio = self.ratio(command)
            rows.append(
                (
                    f"`{command.name}`, median wall / floor",
                    f"{ratio:.2f}× ({command.median() * 1000:.0f} ms / {self.floor.median() * 1000:.0f} ms)",
                    f"≤ {GOAL_RATIO:.1f}×",
                    ratio <= GOAL_RATIO,
                )
            )
        seconds = check.median()
        rows.append(
            (
                f"`vardmedel check` on {self.shape['files']} files, median wall",
                f"{seconds:.2f} s ({self.shape['files'] / seconds:,.0f} files/s)",
                f"≤ {GOAL_CHECK_SECONDS:.0f} s",
                seconds <= GOAL_CHECK_SECONDS,
            )
        )
        growth = self.growth()
        rows.append(
            (
                "engine cost, 21 → 10 000 recipients (per recipient)",
                f"×{growth['pot']:.2f} per recipient (n log n allows ×{growth['bound']:.2f})",
                "no worse than n log n",
                growth["pot"] <= growth["bound"] * 1.25,
            )
        )
        peak = max(allocate.rss)
        rows.append(
            (
                "peak RSS of `allocate 2022 --format csv`",
                f"{peak:.1f} MiB",
                f"≤ {GOAL_ALLOCATE_MIB:.0f} MiB",
                peak <= GOAL_ALLOCATE_MIB,
            )
        )
        return rows

    def growth(self) -> dict[str, float]:
        sizes = sorted(self.rates)
        small, large = sizes[0], sizes[-1]

        def per_recipient(n: int, kind: str) -> float:
            return 1 / self.rates[n][kind] / n

        return {
            "split": per_recipient(large, "split") / per_recipient(small, "split"),
            "pot": per_recipient(large, "pot") / per_recipient(small, "pot"),
            "bound": math.log(large) / math.log(small),
        }

    def table(self) -> str:
        """The plain table printed at the end of a run."""
        lines = [f"{'command':<64} {'wall ms':>8} {'cpu ms':>8} {'RSS MiB':>8} {'×floor':>7}"]
        for c in self.commands:
            lines.append(
                f"{c.name[:64]:<64} {c.median() * 1000:>8.0f} {c.median('cpus') * 1000:>8.0f} "
                f"{max(c.rss):>8.1f} {self.ratio(c):>7.2f}"
            )
        lines.append("")
        lines.append(f"{'engine: recipients':<24} {'split/s':>10} {'pot/s':>10} {'µs per pot':>11}")
        for n, rate in sorted(self.rates.items()):
            lines.append(f"{n:<24,} {rate['split']:>10,.0f} {rate['pot']:>10,.0f} {1e6 / rate['pot']:>11,.1f}")
        lines.append("")
        for label, measured, goal, met in self.goals():
            lines.append(f"{'met ' if met else 'MISS'} {label}: {measured} (goal {goal})")
        return "\n".join(lines)

    def markdown(self) -> str:
        loaded = max(self.load[0][0], self.load[1][0]) > 0.5
        out = [
            "# Benchmark results",
            "",
            f"Measured {self.started:%Y-%m-%d %H:%M %Z} by `python benchmarks/run.py` "
            f"({self.args.rounds} rounds of the start-up commands, {self.args.corpus_rounds} with the corpus, "
            f"{self.args.worst_rounds} with the worst case; every figure is a median over rounds that ran "
            "every command once, in rotating order).",
            "",
            f"- Machine: {self.about['cpu']}; {self.about['system']}",
            f"- {self.about['python']}",
            f"- {self.about['packages']}",
            f"- Commit: {self.about['commit']}",
            f"- Load average (1 min) {self.load[0][0]:.2f} at the start, {self.load[1][0]:.2f} at the end"
            + (
                ": **measured under load** (other processes shared the 2 cores), so wall times "
                "are noisy and somewhat high; the ratios to the floor, measured in the same rounds, are the "
                "steadier figures."
                if loaded
                else "."
            ),
            "",
            "## Against the goals",
            "",
            "| figure | measured | goal | met |",
            "|---|---|---|---|",
        ]
        for label, measured, goal, met in self.goals():
            out.append(f"| {label} | {measured} | {goal} | {'yes' if met else '**no**'} |")
        out += [
            "",
            "## Every command, side by side",
            "",
            "Each a separate process; wall and CPU (user + system) are medians, p25–p75 the spread of wall time.",
            "",
            "| command | runs | wall (median) | p25–p75 | CPU (median) | peak RSS | wall / floor |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for c in self.commands:
            low, high = c.quartiles()
            out.append(
                f"| `{c.name}` | {len(c.walls)} | {_ms(c.median())} | {_ms(low)}–{_ms(high)} | "
                f"{_ms(c.median('cpus'))} | {max(c.rss):.1f} MiB | {self.ratio(c):.2f}× |"
            )
        s = self.shape
        check = self.command("vardmedel check corpus")
        worst = self.command("vardmedel check worst")
        out += [
            "",
            "## The corpus",
            "",
            f"`benchmarks/corpus.py` writes {s['files']} agreement files ({s['mib']:.1f} MiB, {s['lines']:,} lines), "
            f"{s['per_year']} a year for {len(corpus.YEARS)} years, {corpus.POTS_PER_FILE} pots each "
            f"({s['pots']:,} pots) using every rule (fixed, equal, population by date, dataset and inline figures, "
            "shares, amounts), rounding to thousands, published tables to reconcile and multi-year frames. "
            f"{s['none']} files pay regions, samverkansregioner and SKR only (like the real agreements), "
            f"{s['some']} pay a subset of 1–289 synthetic kommuner and {s['all']} pay all 290; each such file "
            "declares its kommuner under `recipients:` and gives their population inline (`figures:`), since "
            "the format has no shared kommun reference data. The population is a synthetic dataset the script "
            "makes (`corpus/kommuner.csv`). `check` finds no errors in it; the run verifies that before timing.",
            "",
            f"The worst case is the same {s['files']} files with all 290 kommuner in each ({s['worst_mib']:.1f} MiB).",
            "",
            f"- `check` on the corpus: {check.median():.2f} s wall, {s['files'] / check.median():,.0f} files/s, "
            f"{s['mib'] / check.median():.1f} MiB/s, peak RSS {max(check.rss):.0f} MiB.",
            f"- `check` on the worst case: {worst.median():.2f} s wall, {s['files'] / worst.median():,.0f} files/s, "
            f"{s['worst_mib'] / worst.median():.1f} MiB/s, peak RSS {max(worst.rss):.0f} MiB.",
            "",
            "### Reading YAML, layer by layer",
            "",
            f"In-process, over a sample of the corpus ({self.yaml_layers['files']} files drawn at random, "
            f"{self.yaml_layers['events']:,.0f} YAML events), medians:",
            "",
            "| layer | µs per YAML event | s per 1 000 corpus files |",
            "|---|---:|---:|",
            *[
                f"| {label} | {self.yaml_layers[key]:.2f} | "
                f"{self.yaml_layers[key] * self.yaml_layers['events'] / self.yaml_layers['files'] / 1000:.2f} |"
                for key, label in (
                    ("parser", "PyYAML's C parser alone (events to Python)"),
                    ("load", "+ `yamlsource.load` (values, positions, duplicate keys)"),
                    ("read", "+ `loader.read_agreement` (the file, pydantic validation)"),
                )
            ],
            "",
            "## The engine alone",
            "",
            "One pot of 1 234 567 891 kr over n recipients with population weights; `split` is the "
            "largest-remainder arithmetic (`engine.apportion`), `pot` the whole engine path for a population "
            "rule with inline figures over n declared recipients (`engine.allocate_pot`). In-process, medians.",
            "",
            "| recipients | splits/s | pots/s | µs per pot | ns per recipient (pot) |",
            "|---:|---:|---:|---:|---:|",
        ]
        for n, rate in sorted(self.rates.items()):
            out.append(
                f"| {n:,} | {rate['split']:,.0f} | {rate['pot']:,.0f} | {1e6 / rate['pot']:,.1f} | "
                f"{1e9 / rate['pot'] / n:,.0f} |"
            )
        growth = self.growth()
        out += [
            "",
            f"From 21 to 10 000 recipients the cost per recipient grows ×{growth['split']:.2f} (split) and "
            f"×{growth['pot']:.2f} (pot); an n log n algorithm may grow ×{growth['bound']:.2f} (log 10 000 / log 21). "
            "The two sorts (remainders, then rank order) are the n log n part; everything else is one pass.",
            "",
            "## Where the time goes",
            "",
            "### Start-up: `python -X importtime`, own import time per package (ms)",
            "",
            "Each module's own time is counted for the innermost package on its import chain (stdlib "
            "modules pulled in by pydantic count as pydantic); pydantic is split by who first needed it.",
            "",
            "| package | floor | `allocate 2022 -f csv` | `--help` |",
            "|---|---:|---:|---:|",
        ]
        packages = sorted(
            set(self.imports["floor"]) | set(self.imports["allocate"]) | set(self.imports["help"]),
            key=lambda p: -self.imports["allocate"].get(p, 0),
        )
        for package in packages:
            out.append(
                f"| {package} | {self.imports['floor'].get(package, 0):.0f} | "
                f"{self.imports['allocate'].get(package, 0):.0f} | {self.imports['help'].get(package, 0):.0f} |"
            )
        totals = {key: sum(value.values()) for key, value in self.imports.items()}
        out.append(
            f"| **all imports** | **{totals['floor']:.0f}** | **{totals['allocate']:.0f}** | **{totals['help']:.0f}** |"
        )
        out += ["", "Slowest top-level imports of `allocate` (cumulative ms):", ""]
        out += [f"- `{name}` {ms:.0f}" for name, ms in self.top_allocate[:8]]
        out += ["", *self._function_profile("`allocate 2022 --format csv`", self.profile_allocate)]
        out += ["", *self._function_profile(f"`check` on the {s['files']}-file corpus", self.profile_check)]
        out += ["", "## Notes", "", *self.notes()]
        return "\n".join(out) + "\n"

    def _function_profile(self, what: str, profile: dict) -> list[str]:
        total = profile["total"]
        lines = [
            f"### {what}: cProfile, own time per area",
            "",
            f"{total:.2f} s under the profiler (which slows Python code down, so shares matter more than "
            f"seconds); the garbage collector ran {profile['gc_runs']:,} times for {profile['gc']:.2f} s "
            f"({profile['gc'] / total:.0%}).",
            "",
            "| area | own time | share |",
            "|---|---:|---:|",
        ]
        for area, own in sorted(profile["areas"].items(), key=lambda item: -item[1]):
            lines.append(f"| {area} | {own:.2f} s | {own / total:.0%} |")
        lines += ["", "(Time in built-ins and the standard library counts for the function that called them.)"]
        if profile["steps"] and "allocate" in what:
            lines += ["", "Steps, cumulative (indented steps are part of the one above):", ""]
            lines += ["| step | time | share |", "|---|---:|---:|"]
            for label, seconds in profile["steps"]:
                indent = (len(label) - len(label.lstrip())) // 2
                lines.append(f"| {'&nbsp;&nbsp;' * indent}{label.strip()} | {seconds:.3f} s | {seconds / total:.0%} |")
        lines += ["", "Functions with the most own time:", ""]
        for filename, line, name, own, cumulative in profile["slowest"]:
            where = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
            lines.append(f"- `{name}` ({where}:{line}): {own:.2f} s own, {cumulative:.2f} s cumulative")
        return lines

    def notes(self) -> list[str]:
        """What each missed goal costs, from the profiles above, and what would remove it."""
        notes = []
        allocate = self.command("vardmedel allocate 2022 --format csv")
        imports = self.imports["allocate"]
        if self.ratio(allocate) > GOAL_RATIO:
            steps = dict((label.strip(), seconds) for label, seconds in self.profile_allocate["steps"])
            total = self.profile_allocate["total"]

            def share(prefix: str) -> str:
                seconds = next((v for k, v in steps.items() if k.startswith(prefix)), 0.0)
                return f"{seconds / total:.0%}" if seconds >= total / 100 else "under 1%"

            notes.append(
                f"- **allocate is {self.ratio(allocate):.2f}× the floor** "
                f"({_ms(allocate.median() - self.floor.median())} over it). The floor's `import pydantic` is "
                f"cheap ({self.imports['floor'].get('pydantic', 0):.0f} ms) because pydantic 2 loads its "
                "submodules lazily; validating anything needs its machinery (`pydantic.main`, the schema "
                f"generator, the plugin loader with `importlib.metadata`): {share('of which importing')} of the "
                f"run ({imports.get('pydantic, for Typer', 0):.0f} ms of imports in the table). Typer 0.29 happens "
                "to import it first, for the pydantic `TypeAdapter` it builds for every command-line parameter "
                f"({share('Typer converts')} of the run in all, so each adapter after the first is cheap); "
                "without Typer our models would import the same machinery a moment later. On top of that, "
                f"pydantic builds our agreement models' validators when `model.py` is imported "
                f"({share('pydantic builds')}), and reading the year's agreement files takes {share('read the files')}; "
                f"checking, allocating and writing the CSV take {share('checks')}, {share('allocate')} and "
                f"{share('write')}. Leaving rich out of CSV and JSON saves "
                f"{self.imports['floor'].get('rich', 0):.0f} ms, far less than pydantic's machinery costs. "
                "What would remove it: validation that does not load pydantic at run time (hand-written checks "
                "of the parsed YAML, or a lighter validation library), *and* argument parsing without pydantic. "
                "Argument parsing alone does not do it: Typer 0.28 builds no TypeAdapter, but measured in a "
                "separate venv (21 alternating rounds, 2026-11-27) `allocate` took 542 ms against that venv's "
                "floor of 290 ms, no faster than with 0.29 (530 ms in the same rounds), because our models then "
                "import the same machinery; so typer is not pinned. `PYDANTIC_DISABLE_PLUGINS=__all__` skips "
                "only pydantic's entry-point scan (3.5 ms here; `importlib.metadata` is imported all the same), "
                "too little to adopt. With pydantic on the path, the floor plus pydantic's machinery is the lower "
                "bound for any command that reads agreements."
            )
        check = self.command("vardmedel check corpus")
        if check.median() > GOAL_CHECK_SECONDS:
            areas = self.profile_check["areas"]
            total = self.profile_check["total"]

            def part(label: str) -> str:
                return f"{areas.get(label, 0) / total:.0%}"

            one = self.command("one process:")
            notes.append(
                f"- **check on {self.shape['files']} files takes {check.median():.2f} s** with the files "
                f"spread over worker processes, one per CPU ({one.median():.2f} s in one process). "
                "The profile (of one process) puts "
                f"{part('YAML parsing (PyYAML + yamlsource.py)')} of the time in reading YAML: PyYAML's C parser "
                "hands every event to Python as an object with two position marks "
                f"({self.yaml_layers['parser']:.1f} µs an event on this machine before any of our code runs; "
                f"`load` brings it to {self.yaml_layers['load']:.1f} µs, see the layer table), and a file that pays 290 "
                "kommuner is about 2 900 events against 300 for a region-level one, because the format makes it "
                "declare each kommun and list its population inline. The engine takes "
                f"{part('engine (engine.py, reference.py)')} (a frozen `Part` per recipient per pot, and a "
                "`Recipient` per declared kommun per file), schema validation "
                f"{part('schema validation (pydantic + model.py, amounts.py)')}, the garbage collector "
                f"{self.profile_check['gc'] / total:.0%}. The worst case shows the cost is per YAML event. "
                "What would remove it: kommun reference data in the package (a `kommuner` group and kommun "
                "population datasets, so that a file says `population: kommuner` instead of declaring 290 "
                "recipients and their figures: about 10× fewer events in such a file), more cores (each file's "
                "work is independent), or a faster YAML event source with marks."
            )
        help_ = self.command("vardmedel --help")
        if self.ratio(help_) > GOAL_RATIO:
            notes.append(
                "- **--help is over the floor.** See the import table: whatever `--help` imports beyond Typer is "
                "the excess."
            )
        if max(allocate.rss) > GOAL_ALLOCATE_MIB:
            notes.append("- **allocate's peak memory is over 60 MiB**; the import profile shows what is loaded.")
        if not notes:
            notes.append("- Every goal is met.")
        worst = self.command("vardmedel check worst")
        one = self.command("one process:")
        notes.append(
            "- `check` checks each file as soon as it is read and keeps only its id and the id's place for the "
            f"one check across files (duplicate ids), so memory follows the largest file: peak RSS "
            f"{max(check.rss):.0f} MiB on the corpus ({max(one.rss):.0f} MiB in one process), "
            f"{max(worst.rss):.0f} MiB on the worst case (303 MiB and 898 MiB when every document was kept, "
            "until commit cb32e61). With workers the figure is that of the largest process (`wait4` reports "
            "the maximum over the process and its workers); each worker holds about as much, so the total "
            "is about that times the number of workers plus one, less what fork shares."
        )
        corpus_allocate = next(c for c in self.commands if "on the corpus" in c.name)
        notes.append(
            f"- `allocate YEAR` on the corpus reads only the files that may hold that year (named `YEAR-…` or "
            f"with a `year:` line that does not match their name): {self.shape['per_year']} of "
            f"{self.shape['files']}, {corpus_allocate.median():.2f} s and {max(corpus_allocate.rss):.0f} MiB at "
            "most, so its cost follows one year, not the folder."
        )
        notes += [
            "",
            "Goal limits are those of issue #5. Run `python benchmarks/run.py` again after a change; "
            "`--quick` gives a rough figure in about a minute.",
        ]
        return notes


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


if __name__ == "__main__":
    main()
