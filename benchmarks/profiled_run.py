"""Run ``python -m vardmedel ARGS`` under cProfile and write what the report needs as JSON.

    python benchmarks/profiled_run.py OUT.json ARGS...

A child of profiling.py: the command runs in this process exactly as ``python -m
vardmedel`` runs it, so whatever the command line becomes, the profile follows.
cProfile sees only this process; profile ``check`` with ``--jobs 1`` to keep its
work here. Time in the garbage collector is taken from ``gc.callbacks``.
"""

from __future__ import annotations

import contextlib
import cProfile
import gc
import json
import pstats
import runpy
import sys
import time

pauses: list[float] = []
_started = [0.0]


def on_gc(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        pauses.append(time.perf_counter() - _started[0])


def main() -> None:
    out_path = sys.argv[1]
    sys.argv = ["vardmedel", *sys.argv[2:]]
    gc.callbacks.append(on_gc)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    with contextlib.suppress(SystemExit):  # its exit code is the measuring's concern, not the profile's
        runpy.run_module("vardmedel", run_name="__main__", alter_sys=True)
    profile.disable()
    total = time.perf_counter() - start
    gc.callbacks.remove(on_gc)
    stats = pstats.Stats(profile)
    rows = [
        [func[0], func[1], func[2], tt, ct, [[c[0], c[2], v[2]] for c, v in callers.items()]]
        for func, (_cc, _nc, tt, ct, callers) in stats.stats.items()
    ]
    with open(out_path, "w", encoding="utf-8") as stream:
        json.dump({"total": total, "gc": sum(pauses), "gc_runs": len(pauses), "rows": rows}, stream)


if __name__ == "__main__":
    main()
