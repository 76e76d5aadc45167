"""Reporting: the figures of one run as benchmarks/RESULTS.md (Markdown) and as a plain table for the terminal.

Everything printed is measured in this run; what earlier runs found (experiments
with other versions, memory before a change) is in benchmarks/README.md, dated,
and is not reprinted here as if measured now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import corpus
from measuring import Command
from profiling import ENGINE_AREA, SCHEMA_AREA, YAML_AREA

ROOT = Path(__file__).resolve().parent.parent

# The goals of issue #5.
GOAL_RATIO = 1.0
GOAL_CHECK_SECONDS = 2.0
GOAL_ALLOCATE_MIB = 60.0


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
            "every command once, in rotating order). Every command here computes its result (`--no-cache`); "
            "the result cache is measured in its own section at the end.",
            "",
            f"- Machine: {self.about['cpu']}; {self.about['system']}",
            f"- {self.about['python']}",
            f"- {self.about['packages']}",
            f"- Commit: {self.about['commit']}",
            f"- Load average (1 min) {self.load[0][0]:.2f} at the start, {self.load[1][0]:.2f} at the end"
            + (
                ": **measured under load** (other processes shared the CPUs), so wall times "
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
                indent = "&nbsp;&nbsp;" * ((len(label) - len(label.lstrip())) // 2)
                if seconds is None:
                    lines.append(f"| {indent}{label.strip()} | not in this profile | |")
                else:
                    lines.append(f"| {indent}{label.strip()} | {seconds:.3f} s | {seconds / total:.0%} |")
        lines += ["", "Functions with the most own time:", ""]
        for filename, line, name, own, cumulative in profile["slowest"]:
            where = filename.replace(str(ROOT) + "/", "").split("site-packages/")[-1]
            lines.append(f"- `{name}` ({where}:{line}): {own:.2f} s own, {cumulative:.2f} s cumulative")
        return lines

    def notes(self) -> list[str]:
        """What the profiles of this run say about each missed goal, and how memory and one year's reading behave."""
        notes = []
        allocate = self.command("vardmedel allocate 2022 --format csv")
        if self.ratio(allocate) > GOAL_RATIO:
            notes.append(self._allocate_note(allocate))
        check = self.command("vardmedel check corpus")
        one = self.command("vardmedel check --jobs 1 corpus")
        if check.median() > GOAL_CHECK_SECONDS:
            notes.append(self._check_note(check, one))
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
        notes.append(
            f"- Peak RSS of `check`: {max(check.rss):.0f} MiB on the corpus ({max(one.rss):.0f} MiB with "
            f"`--jobs 1`), {max(worst.rss):.0f} MiB on the worst case, whose files are "
            f"{self.shape['worst_mib'] / self.shape['mib']:.1f}× the size: memory follows the largest file, not "
            "the folder. With workers the figure is that of the largest process (`wait4` reports the maximum "
            "over the process and its workers); the total is about that times the number of workers plus one, "
            "less what fork shares."
        )
        corpus_allocate = next(c for c in self.commands if "on the corpus" in c.name)
        notes.append(
            f"- `allocate YEAR` on the corpus ({self.shape['per_year']} of {self.shape['files']} files hold the "
            f"year): {corpus_allocate.median():.2f} s and {max(corpus_allocate.rss):.0f} MiB at most."
        )
        notes += [
            "",
            "Goal limits are those of issue #5. What earlier runs tried and found is in benchmarks/README.md. "
            "Run `python benchmarks/run.py` again after a change; `--quick` gives a rough figure in about a minute.",
        ]
        return notes

    def _allocate_note(self, allocate: Command) -> str:
        steps = {label.strip(): seconds for label, seconds in self.profile_allocate["steps"]}
        total = self.profile_allocate["total"]

        def share(prefix: str) -> str:
            seconds = next((v for k, v in steps.items() if k.startswith(prefix)), None)
            if seconds is None:
                return "(not in this profile)"
            return f"{seconds / total:.0%}" if seconds >= total / 100 else "under 1%"

        imports = self.imports["allocate"]
        return (
            f"- **allocate is {self.ratio(allocate):.2f}× the floor** "
            f"({_ms(allocate.median() - self.floor.median())} over it). Its profile: Typer converting the "
            f"arguments {share('Typer converts')} of the run (of which importing pydantic's machinery "
            f"{share('of which importing')}), pydantic building the agreement models {share('pydantic builds')}, "
            f"reading the year's files {share('read the files')}; checking {share('checks')} (of which computing "
            f"the pots, once, {share('of which the pots')}) and writing the CSV {share('write')}. Imports: pydantic "
            f"{imports.get('pydantic, for Typer', 0):.0f} ms for Typer and "
            f"{imports.get('pydantic, for vardmedel', 0):.0f} ms for vardmedel, against "
            f"{self.imports['floor'].get('pydantic', 0):.0f} ms for the floor's lazy `import pydantic`; rich costs "
            f"the floor {self.imports['floor'].get('rich', 0):.0f} ms, which CSV never pays."
        )

    def _check_note(self, check: Command, one: Command) -> str:
        areas = self.profile_check["areas"]
        total = self.profile_check["total"]

        def part(label: str) -> str:
            return f"{areas.get(label, 0) / total:.0%}"

        return (
            f"- **check on {self.shape['files']} files takes {check.median():.2f} s** with the files spread over "
            f"worker processes, one per CPU ({one.median():.2f} s with `--jobs 1`). The profile (`--jobs 1`) puts "
            f"{part(YAML_AREA)} of the time in reading YAML, "
            f"{part(ENGINE_AREA)} in the engine, "
            f"{part(SCHEMA_AREA)} in schema validation and "
            f"{self.profile_check['gc'] / total:.0%} in the garbage collector. PyYAML's C parser takes "
            f"{self.yaml_layers['parser']:.1f} µs a YAML event before any of our code runs, `load` brings it to "
            f"{self.yaml_layers['load']:.1f} µs (the layer table); a corpus file that pays all 290 kommuner is "
            f"{self.shape['events_every_kommun']:,} events, a region-level one {self.shape['events_region_level']:,}."
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:.1f} s"
