"""Measuring: commands as separate processes (wall, CPU, peak memory), and the engine and YAML reading in-process.

Every command runs as its own process, as a user or CI would run it. The
commands are measured side by side: each round runs every command once, in an
order that rotates from round to round, so that a burst of load from something
else on the machine spreads over all of them instead of skewing one; figures
are medians. Wall time, CPU time and peak memory (RSS) come from ``wait4``.
"""

from __future__ import annotations

import gc
import importlib.metadata
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024

#: Bytecode is cached as after ``pip install``: the development environment may set
#: PYTHONDONTWRITEBYTECODE, which would make every run compile vardmedel's sources. The cache
#: lives in a folder of its own, so the source tree is not touched.
PYCACHE = Path(tempfile.gettempdir()) / "vardmedel-bench-pycache"
#: The result cache of the measured commands: a folder of the benchmark's own, never the user's.
CACHE = Path(tempfile.gettempdir()) / "vardmedel-bench-cache"


@dataclass
class Command:
    name: str
    argv: list[str]
    rounds: int  # how many of the rounds include it
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)  # added to the environment of every run
    prepare: Callable[[], object] | None = None  # run before each run, untimed (empty the cache, change a file)
    terminal: int | None = None  # columns of a pseudo-terminal for stdout; None: stdout is /dev/null
    exit_code: int = 0  # what a run must exit with (1: check on a file with problems, on purpose)
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


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    drop = ("PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VARDMEDEL_") and k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["VARDMEDEL_CACHE_DIR"] = str(CACHE)
    return {**env, **(extra or {})}


def run_once(
    argv: list[str], cwd: Path | None, env: dict[str, str] | None = None, terminal: int | None = None
) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MiB and exit code of one process.

    With *terminal*, stdout is a pseudo-terminal of that many columns (as in a shell), drained
    by a thread so that the command never waits for a reader.
    """
    environment = child_env(env)
    if terminal is None:
        stdout, drain = subprocess.DEVNULL, None
    else:
        stdout, drain = _pseudo_terminal(terminal)
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, env=environment, stdout=stdout, stderr=subprocess.DEVNULL)
    if drain is not None:
        os.close(stdout)
        drain.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if drain is not None:
        drain.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode


def _pseudo_terminal(columns: int):
    """(the terminal's end for the child, a thread that reads and discards what it writes)."""
    import fcntl
    import pty
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))

    def drain() -> None:
        try:
            while os.read(master, 65536):
                pass
        except OSError:  # EIO: the child closed the terminal
            pass
        finally:
            os.close(master)

    return slave, threading.Thread(target=drain, daemon=True)


def run_command(command: Command) -> tuple[float, float, float, int]:
    if command.prepare is not None:
        command.prepare()
    return run_once(command.argv, command.cwd, command.env, command.terminal)


def measure(commands: list[Command], rounds: int, progress: bool = True) -> None:
    """Rotate through the commands *rounds* times; one warm-up run of each is not recorded."""
    for command in commands:
        run_command(command)
    for number in range(rounds):
        shift = number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            if number >= command.rounds:
                continue
            wall, cpu, rss, code = run_command(command)
            if code != command.exit_code:
                raise SystemExit(f"{command.name} exited with {code}: {' '.join(command.argv)}")
            command.walls.append(wall)
            command.cpus.append(cpu)
            command.rss.append(rss)
        if progress:
            print(f"  round {number + 1}/{rounds}", file=sys.stderr, end="\r", flush=True)
    if progress:
        print(file=sys.stderr)


def verify(
    argv: list[str], cwd: Path | None, expect: str, env: dict[str, str] | None = None, exit_code: int = 0
) -> str:
    """Run once and insist on *exit_code* and *expect* in the output: a benchmark of a failing command measures
    nothing."""
    done = subprocess.run(argv, cwd=cwd, env=child_env(env), capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    if done.returncode != exit_code or expect not in output:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{output[-2000:]}")
    return output


# --- in-process ---------------------------------------------------------------------------------


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
    cases: dict[int, dict[str, Callable[[], object]]] = {}
    for n in sizes:
        rng = random.Random(n)
        ids = [f"m{i:05d}" for i in range(n)]
        figures = {rid: rng.randint(1_000, 1_000_000) for rid in ids}
        pot = {"id": "p", "amount": 1_234_567_891, "rule": {"population": ids, "figures": figures}}
        agreement = Agreement.model_validate(
            {
                "id": f"2024-engine-{n}",
                "year": 2024,
                "title": "engine benchmark",
                "recipients": {rid: {"name": rid} for rid in ids},
                "areas": [{"id": "a", "title": "a", "pots": [pot]}],
            }
        )
        known = recipients_of(agreement, reference)
        area, model_pot = next(agreement.pots())
        rank = _ranker(known.recipients)

        def split(figures=figures, rank=rank):
            return apportion(1_234_567_891, figures, rank)

        def whole(agreement=agreement, area=area, pot=model_pot, known=known):
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


def _ranker(recipients: dict):
    """The tie-break rank allocate_pot uses: the recipient's sort key."""

    def rank(rid: str) -> object:
        return recipients[rid].sort_key

    return rank


def _seconds_per_call(function: Callable[[], object], budget: float = 0.15) -> float:
    calls = 1
    while True:
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            function()
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return elapsed / calls
        calls = max(calls * 2, int(calls * budget / max(elapsed, 1e-6)) + 1)


def yaml_events(texts: list[str]) -> int:
    """How many YAML events the parser hands to Python for *texts*: what reading costs in proportion to."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return sum(1 for text in texts for _ in iter(loader_class(text).get_event, None))


def yaml_rates(files: list[Path], rounds: int) -> dict[str, float]:
    """Microseconds per YAML event of each layer of reading, over a sample of the corpus, in-process.

    ``parser``: PyYAML's C parser alone, handing events to Python; ``load``: ``yamlsource.load``
    (values, positions, duplicate keys); ``read``: ``loader.read_agreement`` (file, load and
    pydantic validation). The differences are what each layer adds.
    """
    from vardmedel.loader import read_agreement
    from vardmedel.yamlsource import load

    texts = [path.read_text(encoding="utf-8") for path in files]
    events = yaml_events(texts)

    def parser():
        yaml_events(texts)

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


# --- what was measured on what ------------------------------------------------------------------


def corpus_shape(written: list[Path], worst: list[Path]) -> dict:
    """Sizes of the corpus and how many files pay no, some and all kommuner; YAML events of each kind of file."""
    kommuner = [corpus.kommun_count(i, random.Random(i)) for i in range(len(written))]
    region_level = next(path for path, k in zip(written, kommuner, strict=True) if k == 0)
    every_kommun = next(path for path, k in zip(written, kommuner, strict=True) if k == corpus.KOMMUNER)
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
        "events_region_level": yaml_events([region_level.read_text(encoding="utf-8")]),
        "events_every_kommun": yaml_events([every_kommun.read_text(encoding="utf-8")]),
    }


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
    except OSError:  # not on Linux
        return (0.0, 0.0, 0.0)
