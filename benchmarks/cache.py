"""The result cache measured: cold and warm runs of each command, a hit's and a miss's cost, ``check`` per file.

Run on demand (about three minutes; part of a full ``run.py`` too):

    python benchmarks/cache.py            # writes its section of benchmarks/RESULTS.md
    python benchmarks/cache.py --quick    # fewer rounds, prints only

Every command is a process of its own, measured side by side with the floor (``python
-c "import typer, pydantic, yaml, rich.table"``) in rotating rounds (measuring.py), so the
ratios to the floor hold under the load of a shared machine better than the times do.

- *cold*: ``--no-cache``, the command computing its result (what every run cost before the cache);
- *warm*: the same line again, answered from the cache (the warm-up run stored it);
- *miss*: the cache on but empty (each run starts from an empty folder): the cost of
  computing the key, recording the output and storing it, over *cold*;
- what a cold run spends over the floor, layer by layer: the floor without the interpreter's
  shutdown, then plus pydantic's validation machinery and our models built;
- ``check`` on a realistic corpus (realistic.py: the bundled agreements cloned to 1 000
  files): cold (with worker processes, and in one process, ``--jobs 1``), the first run
  into an empty cache, unchanged, one file changed (every other file's result read from
  the per-file cache), and another line over an unchanged folder (the result computed
  from the per-file cache alone);
- growth: ``allocate YEAR`` and ``check`` on folders of 1, 10 and 100 agreements a year.

Each command that empties or changes something has a cache folder (and corpus copy) of
its own, so it never disturbs the warm runs beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import measuring
import realistic
from measuring import CACHE, Command

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
FLOOR_IMPORTS = "import typer, pydantic, yaml, rich.table"
#: What reading any agreement needs on top of the floor (see CacheResults.layers): pydantic's validation machinery
#: (the floor's ``import pydantic`` loads none of it; a TypeAdapter of each kind Typer builds for our parameters
#: does; its plugin loader stood in for as entry.py does, so without importlib.metadata) and our models built (with
#: the modules model.py imports).
#: The two are measured together: whichever comes first pays pydantic's first-use costs, so apart they mislead.
#: Each ends as vardmedel does, without the interpreter's shutdown (entry._exit), so that the layers compare.
SKIP_SHUTDOWN = "; import os; os._exit(0)"
MODELS = (
    f"from vardmedel import entry; entry.spare_plugin_lookup(); {FLOOR_IMPORTS}; import pathlib, typing; "
    "[pydantic.TypeAdapter(kind) for kind in (int, str, bool, list[str], typing.Literal['a'], pathlib.Path)]; "
    "import vardmedel.model"
)
NO_PLUGINS = {"PYDANTIC_DISABLE_PLUGINS": "__all__"}  # as the console script runs (entry.py)
LAYERS = (
    "floor, without the interpreter's shutdown (os._exit)",
    "... + pydantic's validation machinery and our agreement models built",
)
NO_CACHE = "--no-cache"
BEGIN, END = "<!-- cache: written by benchmarks/cache.py -->", "<!-- /cache -->"
GROWTH = (1, 10, 100)  # agreements a year, over ten years
YEAR = "2020"
COLUMNS = 100

#: Issue 13's goals: (label, command name, limit, unit) where unit is "floor" (ratio) or "s" (seconds).
GOALS = (
    ("warm `allocate 2022 --format csv`", "allocate 2022 -f csv: warm", 0.25, "floor"),
    ("warm `allocate 2022` table in a terminal", "allocate 2022 (table, terminal): warm", 0.5, "floor"),
    ("cold `allocate 2022 --format csv` (`--no-cache`)", "allocate 2022 -f csv: cold", 1.5, "floor"),
    ("`--version`", "--version", 0.2, "floor"),
    ("`check`, 1 000 realistic files, cold", "check realistic 1000: cold", 1.0, "s"),
    ("`check`, 1 000 realistic files, unchanged", "check realistic 1000: unchanged (warm)", 0.3, "s"),
)
#: The floor when issue 13 set its goals in seconds ("about 120 ms"): those goals hold for a machine that fast, so a
#: time is compared scaled by this over the floor measured in the same rounds, as the ratios are (both are shown).
GOAL_FLOOR = 0.120


def own_cache(name: str) -> dict[str, str]:
    return {"VARDMEDEL_CACHE_DIR": str(CACHE / name)}


def emptied(name: str):
    """A preparation that empties the cache folder *name* (its outputs only, or everything)."""

    def prepare() -> None:
        shutil.rmtree(CACHE / name, ignore_errors=True)

    return prepare


def outputs_emptied(name: str):
    def prepare() -> None:
        shutil.rmtree(CACHE / name / "outputs", ignore_errors=True)

    return prepare


def one_file_changed(folder: Path):
    """A preparation that gives one file new content before each run (a numbered comment line at its end)."""
    files = sorted(folder.glob("*.yaml"))
    target = files[len(files) // 2]
    original = target.read_bytes()
    count = [0]

    def prepare() -> None:
        count[0] += 1  # never a content seen before: each run has one file that is really new
        target.write_bytes(original + f"# change {count[0]}\n".encode())

    return prepare


def startup_commands(rounds: int) -> list[Command]:
    """The floor, then every command cold and warm (and allocate's miss and its ordinary exit)."""
    vardmedel = measuring.vardmedel_argv()
    commands = [
        Command("floor: python -c 'import typer, pydantic, yaml, rich.table'", [sys.executable, "-c", FLOOR_IMPORTS],
                rounds),
        Command("python -c pass", [sys.executable, "-c", "pass"], rounds),
        Command("--version", [*vardmedel, "--version"], rounds),
        Command(LAYERS[0], [sys.executable, "-c", FLOOR_IMPORTS + SKIP_SHUTDOWN], rounds),
        Command(LAYERS[1], [sys.executable, "-c", MODELS + SKIP_SHUTDOWN], rounds, env=NO_PLUGINS),
    ]  # fmt: skip
    lines = {
        "allocate 2022 -f csv": ["allocate", "2022", "-f", "csv"],
        "check (bundled, 4 files)": ["check"],
        "explain 2022 -r dalarna": ["explain", "2022", "-r", "dalarna", "-f", "csv"],
        "compare 2020 2022": ["compare", "2020", "2022", "-f", "csv"],
        "list": ["list", "-f", "csv"],
    }
    for name, args in lines.items():
        commands.append(Command(f"{name}: cold", [*vardmedel, *args, NO_CACHE], rounds))
        commands.append(Command(f"{name}: warm", [*vardmedel, *args], rounds))
    table = ["allocate", "2022"]
    commands += [
        Command("allocate 2022 (table, terminal): cold", [*vardmedel, *table, NO_CACHE], rounds, terminal=COLUMNS),
        Command("allocate 2022 (table, terminal): warm", [*vardmedel, *table], rounds, terminal=COLUMNS),
        Command(
            "allocate 2022 -f csv: miss (empty cache)",
            [*vardmedel, *lines["allocate 2022 -f csv"]],
            rounds,
            env=own_cache("miss"),
            prepare=emptied("miss"),
        ),
        Command(
            "allocate 2022 -f csv: cold, ordinary interpreter exit",
            [
                sys.executable,
                "-c",
                "import sys; from vardmedel.cli import main; main()",
                *lines["allocate 2022 -f csv"],
            ],
            rounds,
            env={"VARDMEDEL_NO_CACHE": "1"},
        ),
    ]
    return commands


def corpus_commands(folders: dict[int, Path], scratch: Path, rounds: int) -> list[Command]:
    """``check`` on the realistic 1 000 files in every state, and growth with agreements a year."""
    vardmedel = measuring.vardmedel_argv()
    big = folders[max(folders)]
    changing = scratch / "changing"
    shutil.copytree(big, changing)
    files = len(list(big.glob("*.yaml")))
    name = f"check realistic {files}"
    commands = [
        Command(f"{name}: cold", [*vardmedel, "check", str(big), NO_CACHE], rounds),
        Command(
            f"{name}: cold, one process (--jobs 1)", [*vardmedel, "check", "--jobs", "1", str(big), NO_CACHE], rounds
        ),
        Command(
            f"{name}: first run, empty cache",
            [*vardmedel, "check", str(big)],
            rounds,
            env=own_cache("first"),
            prepare=emptied("first"),
        ),
        Command(f"{name}: unchanged (warm)", [*vardmedel, "check", str(big)], rounds),
        Command(
            f"{name}: one file changed",
            [*vardmedel, "check", str(changing)],
            rounds,
            env=own_cache("changing"),
            prepare=one_file_changed(changing),
        ),
        Command(
            f"{name}: another line, files unchanged (per-file cache only)",
            [*vardmedel, "check", "--format", "json", str(big)],
            rounds,
            env=own_cache("per-file"),
            prepare=outputs_emptied("per-file"),
        ),
    ]
    for per_year, folder in sorted(folders.items()):
        size = f"{per_year}/year ({len(list(folder.glob('*.yaml')))} files)"
        allocate = [*vardmedel, "allocate", YEAR, "--agreements", str(folder), "--no-bundled", "-f", "csv"]
        commands += [
            Command(f"growth {size}: allocate {YEAR} cold", [*allocate, NO_CACHE], rounds),
            Command(f"growth {size}: allocate {YEAR} warm", allocate, rounds),
            Command(f"growth {size}: check cold", [*vardmedel, "check", str(folder), NO_CACHE], rounds),
            Command(f"growth {size}: check unchanged", [*vardmedel, "check", str(folder)], rounds),
        ]
    return commands


def in_process_costs(big: Path, scratch: Path, rounds: int) -> dict[str, float]:
    """A hit's and a miss's own steps, timed in-process (medians; the process figures are too noisy for them).

    The key includes this program's fingerprint, computed once per process: it is computed
    afresh for every call here, as every run computes it.
    """
    import os

    from vardmedel import cachekey, cachestore

    store = cachestore.Store(str(scratch / "in-process"), cachestore.limit_bytes({}))
    output = bytes(2400)  # about the size of allocate 2022's CSV
    key = bytes(cachestore.KEY_SIZE)
    store.write(cachestore.OUTPUTS, key, output)
    here = os.getcwd()
    os.chdir(scratch / "empty")
    try:

        def key_of(argv: list[str]):
            def compute() -> bytes:
                cachekey._RUNTIME.clear()
                return cachekey.output_key(argv)

            return compute

        steps = {
            "key: allocate 2022 (bundled folder)": key_of(["allocate", "2022", "-f", "csv"]),
            f"key: check over {len(list(big.glob('*.yaml')))} files": key_of(["check", str(big)]),
            "program fingerprint alone": lambda: (cachekey._RUNTIME.clear(), cachekey.runtime_fingerprint()),
            "read and verify an entry": lambda: store.read(cachestore.OUTPUTS, key),
            "write an entry": lambda: store.write(cachestore.OUTPUTS, key, output),
            "size bound (scan of the folder)": store.evict,
        }
        return {
            label: statistics.median(measuring._seconds_per_call(step, 0.05) for _ in range(rounds))
            for label, step in steps.items()
        }
    finally:
        os.chdir(here)


def _each(inputs: list, step: Callable[[Any], object]) -> None:
    """*step* on every input, each result dropped at once, as ``check`` drops a file's (a list of them all would
    keep the collector busy with objects ``check`` never holds)."""
    for value in inputs:
        step(value)


def check_steps(files: list[Path], rounds: int) -> dict[str, float]:
    """What ``check`` spends on one file, step by step, in-process (seconds per file, the median of *rounds*).

    Each step runs over every file on the outputs of the step before, so the steps add up to about
    what one worker spends per file; the C parser's events alone are the floor of reading YAML.
    """
    import gc

    from vardmedel import pipeline
    from vardmedel.agreement_series import facts
    from vardmedel.checks import check_agreement
    from vardmedel.loader import validate
    from vardmedel.reference import load_reference
    from vardmedel.textfile import decode
    from vardmedel.yamlsource import _events, load

    reference = load_reference()
    texts = [decode(path.read_bytes()) for path in files]
    documents = [load(text) for text in texts]
    items = [validate(document, str(path))[0] for document, path in zip(documents, files, strict=True)]
    steps: dict[str, Callable[[], object]] = {
        "read the file and decode it": lambda: _each(files, lambda path: decode(path.read_bytes())),
        "YAML: the C parser's events alone": lambda: _each(texts, lambda text: deque(_events(text), maxlen=0)),
        "YAML: values, positions, duplicate keys (yamlsource, events included)": lambda: _each(texts, load),
        "validation (pydantic and the format's own validators)": lambda: _each(documents, partial(validate, shown="x")),
        "checks, every pot computed (check_agreement)": lambda: _each(
            items, partial(check_agreement, reference=reference)
        ),
        "a series' facts and the declared recipients, for the checks across files": lambda: _each(
            items, lambda item: (facts(item), list(pipeline._declared(item)))
        ),
        "the whole of one file (check_file)": lambda: _each(files, partial(pipeline.check_file, reference=reference)),
    }
    timings: dict[str, list[float]] = {label: [] for label in steps}
    gc.collect()
    gc.freeze()  # the inputs held for every file (a check holds one file's at a time) out of the collector's way
    try:
        for _ in range(rounds):
            for label, step in steps.items():
                gc.collect()  # each step starts from the same heap, not from the garbage of the one before
                started = time.process_time()
                step()
                timings[label].append((time.process_time() - started) / len(files))
    finally:
        gc.unfreeze()
    return {label: statistics.median(values) for label, values in timings.items()}


@dataclass
class CacheResults:
    started: dt.datetime
    about: dict
    load: tuple
    commands: list[Command]
    shape: dict
    steps: dict[str, float]
    per_file: dict[str, float]  # check_steps

    @property
    def floor(self) -> Command:
        return self.commands[0]

    def command(self, name: str) -> Command:
        return next(c for c in self.commands if c.name == name)

    def ratio(self, command: Command) -> float:
        return command.median() / self.floor.median()

    def goals(self) -> list[tuple[str, str, str, bool]]:
        rows = []
        for label, name, limit, unit in GOALS:
            command = self.command(name)
            if unit == "floor":
                measured = f"{self.ratio(command):.2f}× ({_ms(command.median())} / {_ms(self.floor.median())})"
                rows.append((label, measured, f"≤ {limit}×", self.ratio(command) <= limit))
            else:
                scaled = command.median() * GOAL_FLOOR / self.floor.median()
                measured = f"{_ms(command.median())}; {_ms(scaled)} at a floor of {_ms(GOAL_FLOOR)}"
                rows.append((label, measured, f"≤ {limit} s at a floor of {_ms(GOAL_FLOOR)}", scaled <= limit))
        return rows

    def costs(self) -> dict[str, float]:
        """A hit's cost over a bare interpreter, and a miss's over computing without the cache (seconds)."""
        hit = self.command("allocate 2022 -f csv: warm").median() - self.command("python -c pass").median()
        miss = (
            self.command("allocate 2022 -f csv: miss (empty cache)").median()
            - self.command("allocate 2022 -f csv: cold").median()
        )
        exit_saving = (
            self.command("allocate 2022 -f csv: cold, ordinary interpreter exit").median()
            - self.command("allocate 2022 -f csv: cold").median()
        )
        return {"hit": hit, "miss": miss, "exit": exit_saving}

    def layers(self) -> list[tuple[str, float]]:
        """A cold ``allocate``'s time over the floor, layer by layer (seconds; differences of medians)."""
        bare, models = (self.command(name).median() for name in LAYERS)
        cold = self.command("allocate 2022 -f csv: cold").median()
        return [
            ("the interpreter's shutdown, which the floor pays and vardmedel skips (a saving)", bare - self.floor.median()),
            ("pydantic's validation machinery (pydantic.main, the schema generator: Typer loads it for the "
             "parameters anyway) and building our agreement models' validators (model.py and the modules it "
             "imports)", models - bare),
            ("the rest: our other modules, Typer's command line, reading, checking and allocating the agreements, "
             "the CSV", cold - models),
        ]  # fmt: skip

    def table(self) -> str:
        lines = [f"{'command':<72} {'wall ms':>8} {'cpu ms':>8} {'×floor':>7}"]
        for c in self.commands:
            lines.append(f"{c.name[:72]:<72} {c.median() * 1000:>8.0f} {c.median('cpus') * 1000:>8.0f} "
                         f"{self.ratio(c):>7.2f}")  # fmt: skip
        lines.append("")
        for label, measured, goal, met in self.goals():
            lines.append(f"{'met ' if met else 'MISS'} {label}: {measured} (goal {goal})")
        return "\n".join(lines)

    def markdown(self) -> str:
        costs = self.costs()
        cold_over = self.command("allocate 2022 -f csv: cold").median() - self.floor.median()
        big = next(c for c in self.commands if c.name.startswith("check realistic") and c.name.endswith(": cold"))
        spread = big.median()
        one_process = self.command(f"{big.name}, one process (--jobs 1)").median()
        load = f"{self.load[0][0]:.2f} at the start, {self.load[1][0]:.2f} at the end"
        out = [
            BEGIN,
            "## The result cache (issue 13)",
            "",
            f"Measured {self.started:%Y-%m-%d %H:%M %Z} by `python benchmarks/cache.py` at commit "
            f"{self.about['commit']}, load average (1 min) {load}; {self.about['cpu']}. Each figure is a median "
            f"over rounds that ran every command once, in rotating order, beside the floor. The machine is shared "
            "with other work, so times are noisy: read the ratios to the floor, measured in the same rounds. "
            "*cold* is `--no-cache` (the result computed), *warm* the same line answered from the cache, *miss* "
            "the cache on but empty.",
            "",
            "| figure | measured | goal | met |",
            "|---|---|---|---|",
            *[f"| {label} | {measured} | {goal} | {'yes' if met else '**no**'} |" for label, measured, goal, met in
              self.goals()],
            "",
            f"- The goals in seconds were set when the floor measured about {_ms(GOAL_FLOOR)} (issue 13); in these "
            f"rounds it measured {_ms(self.floor.median())}, so a time is compared scaled by "
            f"{_ms(GOAL_FLOOR)} / {_ms(self.floor.median())}, as the ratios are. Both figures are shown.",
            f"- A hit costs {_ms(costs['hit'])} over `python -c pass`: importing the entry module, the key (this "
            "program's files, the agreement folders, the line, the environment), reading and checking the entry. A "
            f"miss measured {_signed_ms(costs['miss'])} against a cold run, which is within the noise; its own "
            "steps, timed in-process (medians), are the key and the writing:",
            "",
            "| step (in-process) | time |",
            "|---|---:|",
            *[f"| {label} | {_us(seconds)} |" for label, seconds in self.steps.items()],
            "",
            f"- Skipping the interpreter's shutdown once the output is flushed saves {_ms(costs['exit'])} of a cold "
            "`allocate` (the same command through `vardmedel.cli.main` with an ordinary exit).",
            f"- What a cold `allocate` spends over the floor ({_ms(cold_over)}), layer by layer (each the "
            "difference of two medians, so roughly; the layers end without the interpreter's shutdown, as "
            "vardmedel does):",
            "",
            *[f"  - {label}: {_ms(seconds)}" for label, seconds in self.layers()],
            "",
            f"- `check` over the realistic corpus in one process (`--jobs 1`): {_ms(one_process)}; the default "
            f"spreads the files over one worker process per CPU: {_ms(spread)}.",
            f"- The realistic corpus: {self.shape['files']} files, {self.shape['mib']:.1f} MiB, the bundled "
            "agreements cloned over ten years (benchmarks/realistic.py).",
            "- What `check` spends on one file of it, step by step (in-process, CPU time per file, medians; each "
            "step on the outputs of the one before): a cold `check` is its start-up (the floor and our models, "
            "as for `allocate`) plus these times the files, shared among the workers.",
            "",
            "| step (in-process, per file) | time |",
            "|---|---:|",
            *[f"| {label} | {_us(seconds)} |" for label, seconds in self.per_file.items()],
            "",
            "",
            "| command | runs | wall (median) | p25–p75 | CPU (median) | wall / floor |",
            "|---|---:|---:|---:|---:|---:|",
        ]  # fmt: skip
        for c in self.commands:
            low, high = c.quartiles()
            out.append(
                f"| `{c.name}` | {len(c.walls)} | {_ms(c.median())} | {_ms(low)}–{_ms(high)} | "
                f"{_ms(c.median('cpus'))} | {self.ratio(c):.2f}× |"
            )
        out += ["", END]
        return "\n".join(out) + "\n"


def run(rounds: int, corpus_rounds: int) -> CacheResults:
    """Generate the corpora, check every command once, measure them all side by side."""
    started = dt.datetime.now().astimezone()
    load_before = measuring.load_average()
    shutil.rmtree(CACHE, ignore_errors=True)
    root = HERE / "corpus"
    folders = {per_year: root / f"realistic-{per_year}-a-year" for per_year in GROWTH}
    for per_year, folder in folders.items():
        realistic.generate(folder, per_year)
    big = sorted(folders[max(folders)].glob("*.yaml"))
    shape = {"files": len(big), "mib": sum(p.stat().st_size for p in big) / measuring.MiB}
    scratch = Path(tempfile.mkdtemp(prefix="vardmedel-bench-cache-"))
    empty = scratch / "empty"  # no ./agreements: the bundled ones are used
    empty.mkdir()
    commands = startup_commands(rounds) + corpus_commands(folders, scratch, corpus_rounds)
    for command in commands:
        command.cwd = empty
        expect = "recipient," if "allocate" in command.name and "csv" in " ".join(command.argv) else ""
        if command.terminal is None and "check" in command.name and "json" not in command.argv:
            expect = "no problems"
        measuring.verify(command.argv, empty, expect, command.env)
    print(f"measuring {len(commands)} commands, {rounds} rounds ...", file=sys.stderr)
    measuring.measure(commands, rounds)
    print("in-process steps ...", file=sys.stderr)
    steps = in_process_costs(folders[max(folders)], scratch, 5)
    print("check per file, step by step ...", file=sys.stderr)
    per_file = check_steps(big, 5)
    shutil.rmtree(scratch, ignore_errors=True)
    return CacheResults(
        started, measuring.machine(), (load_before, measuring.load_average()), commands, shape, steps, per_file
    )


def write_section(text: str, path: Path = RESULTS) -> None:
    """Put the cache's section into RESULTS.md, replacing the one there (the rest is run.py's)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        current = before + text + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure vardmedel's result cache against the import floor.")
    parser.add_argument("--rounds", type=int, default=15, help="rounds of the start-up commands (default 15)")
    parser.add_argument("--corpus-rounds", type=int, default=5, help="rounds that include the corpus commands")
    parser.add_argument("--quick", action="store_true", help="3 rounds, 2 with the corpus; prints only")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.corpus_rounds = 3, 2
    results = run(args.rounds, args.corpus_rounds)
    print(results.table())
    if not args.quick:
        write_section(results.markdown())
        print(f"wrote its section of {RESULTS}", file=sys.stderr)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _signed_ms(seconds: float) -> str:
    return f"{seconds * 1000:+,.0f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs" if seconds < 0.001 else f"{seconds * 1000:,.1f} ms"


if __name__ == "__main__":
    main()
