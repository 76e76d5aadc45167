"""How the cost of one agreement file grows with its size: pots, areas, recipients, problems.

Run on demand (about ten minutes; ``--quick`` about three):

    python benchmarks/scaling.py            # writes benchmarks/SCALING.md
    python benchmarks/scaling.py --quick    # one round, prints only

Every shape of scaling_files.py is written at growing sizes into a temporary folder, and
``check --jobs 1``, ``allocate 2022 --format csv`` and ``explain 2022 -r ID --format csv``
(check alone on the files with problems) run on each file as processes of their own, the
result cache off, in rotating rounds (measuring.py): wall and CPU time are medians, peak
RSS the largest. The growth between two sizes is given per doubling of the size, of the
CPU time beyond that of the same command on a file of one item (start-up and reference
data, the same at every size): 2.0 is linear, 4.0 quadratic. CPU rather than wall time,
since the machine is shared: load stretches wall time, much less CPU time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import measuring
import scaling_files
from measuring import Command

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "SCALING.md"
NO_CACHE = "--no-cache"

#: The sizes of each shape: pots, areas (of two pots each), recipients, pots with a problem each.
SIZES = {
    "pots": (1_000, 2_000, 5_000, 10_000, 20_000),
    "areas": (500, 1_000, 2_500, 5_000, 10_000),
    "recipients": (1_000, 2_000, 5_000, 10_000),
    "problems": (1_000, 2_000, 5_000, 10_000, 20_000),
    "unknown-keys": (1_000, 2_000, 5_000, 10_000, 20_000),
}
#: The shapes that are valid agreements, and the recipient ``explain`` is asked about.
EXPLAINED = {"pots": "01", "areas": "01", "recipients": "r00000"}
UNITS = {"pots": "pots", "areas": "areas", "recipients": "recipients", "problems": "pots", "unknown-keys": "pots"}
#: Issue 9's goal: check on one file of 20 000 pots in under 2 s (median wall).
GOAL = ("check", "pots", 20_000, 2.0)
COMMANDS = ("check", "allocate", "explain")


def argv(command: str, shape: str, folder: Path) -> list[str]:
    """The command line of *command* on the one file in *folder*, the result cache off."""
    read = ["2022", "--no-bundled", "--agreements", str(folder), "--format", "csv"]
    if command == "check":
        return [*measuring.vardmedel_argv(), "check", "--jobs", "1", str(folder), NO_CACHE]
    if command == "allocate":
        return [*measuring.vardmedel_argv(), "allocate", *read, NO_CACHE]
    return [*measuring.vardmedel_argv(), "explain", *read, "-r", EXPLAINED[shape], NO_CACHE]


@dataclass
class Series:
    """One command on one shape at every size; ``base`` is the file of one item."""

    command: str
    shape: str
    base: Command
    runs: dict[int, Command]
    bytes: dict[int, int]

    def beyond_base(self, size: int) -> float:
        return self.runs[size].median("cpus") - self.base.median("cpus")

    def per_doubling(self, small: int, large: int) -> float | None:
        """The CPU time beyond the one-item file's, its growth per doubling of the size from *small* to *large*."""
        before, after = self.beyond_base(small), self.beyond_base(large)
        if before <= 0 or after <= 0:
            return None
        return (after / before) ** (1 / math.log2(large / small))

    def rows(self) -> list[tuple[int, Command, float | None]]:
        """Each size from the one-item file up, its runs, and the growth per doubling from the size before."""
        sizes = list(self.runs)
        rows: list[tuple[int, Command, float | None]] = [(1, self.base, None)]
        rows += [(size, self.runs[size], None if i == 0 else self.per_doubling(sizes[i - 1], size))
                 for i, size in enumerate(sizes)]  # fmt: skip
        return rows


def commands_for(folder: Path, rounds: int, shapes: dict[str, tuple[int, ...]]) -> list[Series]:
    """Write every file and make its commands; each is run once first and must do what it should."""
    found = []
    for shape, sizes in shapes.items():
        valid = shape in EXPLAINED
        written = {size: scaling_files.write(folder, shape, size) for size in (1, *sizes)}
        for command in COMMANDS if valid else ("check",):
            made = {}
            for size, where in written.items():
                name = f"{command} {shape} {size}"
                made[size] = Command(name, argv(command, shape, where), rounds, exit_code=0 if valid else 1)
                expect = {"check": "no problems" if valid else "error", "allocate": "recipient,", "explain": "amount"}
                measuring.verify(made[size].argv, folder, expect[command], exit_code=made[size].exit_code)
            sizes_in_bytes = {size: next(where.glob("*.yaml")).stat().st_size for size, where in written.items()}
            found.append(Series(command, shape, made.pop(1), made, sizes_in_bytes))
        print(f"  {shape}: written and checked", file=sys.stderr)
    return found


@dataclass
class ScalingResults:
    started: dt.datetime
    about: dict
    load: tuple
    rounds: int
    series: list[Series]

    def goal(self) -> tuple[str, bool] | None:
        command, shape, size, limit = GOAL
        for series in self.series:
            if (series.command, series.shape) == (command, shape) and size in series.runs:
                seconds = series.runs[size].median()
                return f"`{command}` on one file of {size:,} {shape}: {seconds:.2f} s (goal < {limit:.0f} s)", (
                    seconds < limit
                )
        return None

    def table(self) -> str:
        lines = [f"{'command':<28} {'size':>7} {'KiB':>6} {'wall s':>7} {'cpu s':>7} {'MiB':>6} {'×/doubling':>10}"]
        for series in self.series:
            for size, run, growth in series.rows():
                lines.append(
                    f"{series.command + ' ' + series.shape:<28} {size:>7} {series.bytes[size] / 1024:>6.0f} "
                    f"{run.median():>7.2f} {run.median('cpus'):>7.2f} {max(run.rss):>6.0f} {_growth(growth):>10}"
                )
        goal = self.goal()
        if goal is not None:
            lines += ["", f"{'met ' if goal[1] else 'MISS'} {goal[0]}"]
        return "\n".join(lines)

    def markdown(self) -> str:
        load = f"{self.load[0][0]:.2f} at the start, {self.load[1][0]:.2f} at the end"
        out = [
            "# How one file's cost grows",
            "",
            f"Measured {self.started:%Y-%m-%d %H:%M %Z} by `python benchmarks/scaling.py` ({self.rounds} rounds, "
            "every command once a round in rotating order; wall and CPU are medians, RSS the peak) at commit "
            f"{self.about['commit']}; load average (1 min) {load}.",
            "",
            f"- Machine: {self.about['cpu']}; {self.about['system']}",
            f"- {self.about['python']}",
            f"- {self.about['packages']}",
            "",
            "Each command reads one file written by `benchmarks/scaling_files.py`, the result cache off "
            "(`--no-cache`), `check` in one process (`--jobs 1`). *× per doubling* is the growth of the CPU time "
            "beyond that of the same command on a file of one item (start-up and reference data), per doubling "
            "of the size from the row above: 2.0 is linear, 4.0 quadratic. The first step's figure is the "
            "noisiest, being the smallest difference.",
            "",
        ]
        goal = self.goal()
        if goal is not None:
            out += [f"**Goal (issue 9):** {goal[0]}: {'met' if goal[1] else '**not met**'}.", ""]
        out += [
            "## Growth, smallest to largest",
            "",
            "| command | shape | sizes | × per doubling |",
            "|---|---|---|---:|",
        ]
        for series in self.series:
            small, large = min(series.runs), max(series.runs)
            out.append(
                f"| `{series.command}` | {series.shape} | {small:,} → {large:,} {UNITS[series.shape]} | "
                f"{_growth(series.per_doubling(small, large))} |"
            )
        for series in self.series:
            out += [
                "",
                f"## `{series.command}`, growing {series.shape}",
                "",
                f"| {UNITS[series.shape]} | file | wall | CPU | peak RSS | × per doubling |",
                "|---:|---:|---:|---:|---:|---:|",
            ]
            for size, run, growth in series.rows():
                out.append(
                    f"| {size:,} | {series.bytes[size] / 1024:,.0f} KiB | {run.median():.2f} s | "
                    f"{run.median('cpus'):.2f} s | {max(run.rss):.0f} MiB | {_growth(growth)} |"
                )
        return "\n".join(out) + "\n"


def _growth(value: float | None) -> str:
    return "—" if value is None else f"×{value:.2f}"


def run(rounds: int, shapes: dict[str, tuple[int, ...]]) -> ScalingResults:
    started = dt.datetime.now().astimezone()
    load_before = measuring.load_average()
    folder = Path(tempfile.mkdtemp(prefix="vardmedel-scaling-"))
    try:
        series = commands_for(folder, rounds, shapes)
        commands = [command for s in series for command in (s.base, *s.runs.values())]
        for command in commands:
            command.cwd = folder  # no ./agreements there: only the file given is read
        print(f"measuring {len(commands)} commands, {rounds} rounds ...", file=sys.stderr)
        measuring.measure(commands, rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return ScalingResults(started, measuring.machine(), (load_before, measuring.load_average()), rounds, series)


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure how the cost of one agreement file grows with its size.")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every command (default 3)")
    parser.add_argument("--quick", action="store_true", help="one round, sizes up to 5 000; prints only")
    parser.add_argument("--output", type=Path, help=f"where to write the report [default: {OUTPUT.name}]")
    args = parser.parse_args()
    shapes = SIZES
    if args.quick:
        args.rounds = 1
        shapes = {shape: tuple(size for size in sizes if size <= 5_000) for shape, sizes in SIZES.items()}
    results = run(args.rounds, shapes)
    print(results.table())
    output = args.output or (None if args.quick else OUTPUT)
    if output is not None:
        output.write_text(results.markdown(), encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
