"""How fast vardmedel is, measured against the cost of merely importing its dependencies.

Run on demand, not as part of the tests (a full run takes minutes; see benchmarks/README.md):

    python benchmarks/run.py            # full run, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick    # a smoke run: fewer rounds, 200 files, prints only

This module only assembles a run: the corpus (corpus.py), the commands and their
timing (measuring.py), the profiles (profiling.py) and the report (reporting.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
from pathlib import Path

import cache
import corpus
import measuring
import profiling
from measuring import Command
from reporting import Results

HERE = Path(__file__).resolve().parent
FLOOR_IMPORTS = "import typer, pydantic, yaml, rich.table"
#: The commands here are measured computing their results; the result cache is measured by cache.py.
NO_CACHE = "--no-cache"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark vardmedel against the cost of importing its dependencies.")
    parser.add_argument("--rounds", type=int, default=21, help="rounds of the start-up commands (default 21)")
    parser.add_argument("--corpus-rounds", type=int, default=7, help="rounds that include check on the corpus")
    parser.add_argument("--worst-rounds", type=int, default=3, help="rounds that include the worst-case corpus")
    parser.add_argument("--files", type=int, default=1000, help="agreement files in the synthetic corpus")
    parser.add_argument("--quick", action="store_true", help="3 rounds and 200 files; writes only to --output")
    parser.add_argument("--output", type=Path, help="where to write the report [default: benchmarks/RESULTS.md]")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.corpus_rounds, args.worst_rounds = 3, 2, 1
        args.files = min(args.files, 200)
    return args


def commands(corpus_dir: Path, worst_dir: Path, shape: dict, args: argparse.Namespace) -> list[Command]:
    """Every process the run times, the floor first."""
    vardmedel = measuring.vardmedel_argv()
    year = str(corpus.YEARS[len(corpus.YEARS) // 2])
    files = shape["files"]
    return [
        Command(
            "floor: python -c 'import typer, pydantic, yaml, rich.table'",
            [sys.executable, "-c", FLOOR_IMPORTS],
            args.rounds,
        ),
        Command("python -c pass", [sys.executable, "-c", "pass"], args.rounds),
        Command(
            "vardmedel allocate 2022 --format csv",
            [*vardmedel, "allocate", "2022", "--format", "csv", NO_CACHE],
            args.rounds,
        ),
        Command(
            "vardmedel allocate 2022 --format json",
            [*vardmedel, "allocate", "2022", "--format", "json", NO_CACHE],
            args.rounds,
        ),
        Command("vardmedel --help", [*vardmedel, "--help"], args.rounds),
        Command("vardmedel --version", [*vardmedel, "--version"], args.rounds),
        Command(
            f"vardmedel check corpus ({files} files)",
            [*vardmedel, "check", str(corpus_dir), NO_CACHE],
            args.corpus_rounds,
        ),
        Command(
            f"vardmedel check --jobs 1 corpus ({files} files, one process)",
            [*vardmedel, "check", "--jobs", "1", str(corpus_dir), NO_CACHE],
            args.corpus_rounds,
        ),
        Command(
            f"vardmedel allocate {year} on the corpus ({shape['per_year']} agreements)",
            [*vardmedel, "allocate", year, "--agreements", str(corpus_dir), "--format", "csv", NO_CACHE],
            args.corpus_rounds,
        ),
        Command(
            f"vardmedel check worst case ({files} files, 290 kommuner each)",
            [*vardmedel, "check", str(worst_dir), NO_CACHE],
            args.worst_rounds,
        ),
    ]


def main() -> None:
    args = parse_args()
    started = dt.datetime.now().astimezone()
    load_before = measuring.load_average()
    about = measuring.machine()
    print(f"{about['cpu']}; {about['python']}; load {load_before[0]:.2f}", file=sys.stderr)

    corpus_dir = HERE / "corpus" / "mixed"
    worst_dir = HERE / "corpus" / "every-kommun"
    written = corpus.generate(corpus_dir, args.files)
    worst = corpus.generate(worst_dir, args.files, every_kommun=True)
    shape = measuring.corpus_shape(written, worst)
    print(
        f"corpus: {shape['files']} files, {shape['mib']:.1f} MiB; worst case {shape['worst_mib']:.1f} MiB",
        file=sys.stderr,
    )

    empty = Path(tempfile.mkdtemp(prefix="vardmedel-bench-"))  # no ./agreements: the bundled ones are used
    timed = commands(corpus_dir, worst_dir, shape, args)
    for command in timed:
        command.cwd = empty
        # Each command once, insisting on exit 0 (check: the corpus is clean): a failing command is never timed.
        expect = "recipient," if "--format csv" in command.name or "on the corpus" in command.name else ""
        measuring.verify(command.argv, empty, expect)
    print(f"measuring {len(timed)} commands, {args.rounds} rounds ...", file=sys.stderr)
    measuring.measure(timed, args.rounds)

    print("engine ...", file=sys.stderr)
    rates = measuring.engine_rates((21, 290, 10_000), 3 if args.quick else 7)
    print("YAML layers ...", file=sys.stderr)
    sample = sorted(random.Random(5).sample(written, min(100, len(written))))  # every kind of file
    yaml_layers = measuring.yaml_rates(sample, 3 if args.quick else 5)

    print("profiles ...", file=sys.stderr)
    imports_allocate, top_allocate = profiling.import_profile(
        ["-m", "vardmedel", "allocate", "2022", "--format", "csv", NO_CACHE], empty
    )
    imports_help, _ = profiling.import_profile(["-m", "vardmedel", "--help"], empty)
    imports_floor, _ = profiling.import_profile(["-c", FLOOR_IMPORTS], empty)
    profile_allocate = profiling.function_profile(["allocate", "2022", "--format", "csv", NO_CACHE], empty)
    profile_check = profiling.function_profile(
        ["check", "--jobs", "1", str(corpus_dir), NO_CACHE], empty
    )  # cProfile: one process
    missing = [label.strip() for label, seconds in profile_allocate["steps"] if seconds is None]
    if missing:
        print(f"note: steps not in the allocate profile (update profiling.ALLOCATE_STEPS): {missing}", file=sys.stderr)
    load_after = measuring.load_average()
    shutil.rmtree(empty, ignore_errors=True)

    results = Results(
        started=started,
        about=about,
        load=(load_before, load_after),
        shape=shape,
        commands=timed,
        floor=timed[0],
        rates=rates,
        yaml_layers=yaml_layers,
        imports={"floor": imports_floor, "allocate": imports_allocate, "help": imports_help},
        top_allocate=top_allocate,
        profile_allocate=profile_allocate,
        profile_check=profile_check,
        args=args,
    )
    print(results.table())
    print("the result cache ...", file=sys.stderr)
    cached = cache.run(*((3, 2) if args.quick else (15, 5)))
    print(cached.table())
    output = args.output or (None if args.quick else HERE / "RESULTS.md")
    if output is not None:
        output.write_text(results.markdown(), encoding="utf-8")
        cache.write_section(cached.markdown(), output)
        print(f"wrote {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
