"""Standard output as it really is: a reader that leaves early, a closed stdout, a legacy code page.

Each case runs the real program in its own process, since what is tested is
the process's file descriptors and exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"


def vardmedel(*args, tmp_path: Path, env: dict | None = None, **popen) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "VARDMEDEL_DEBUG")}
    environment.update(XDG_CACHE_HOME=str(tmp_path / "cache"), **(env or {}))
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}  # a test may give its own stdout
    return subprocess.run(
        [sys.executable, "-m", "vardmedel", *map(str, args)], cwd=tmp_path, env=environment, timeout=60, **pipes
    )


def with_reader_gone(*args, tmp_path: Path) -> tuple[int, bytes]:
    """Run with stdout a pipe whose reader has already left (as `| true` does); the exit code and stderr."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "vardmedel", *map(str, args)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the program has started: every write it makes meets a closed pipe
    stderr = process.stderr.read()
    return process.wait(timeout=60), stderr


def test_a_clean_check_whose_reader_leaves_early_still_exits_0(tmp_path):
    code, stderr = with_reader_gone("check", tmp_path=tmp_path)
    assert (code, stderr) == (0, b"")


def test_a_failing_check_whose_reader_leaves_early_still_exits_1(tmp_path):
    code, stderr = with_reader_gone("check", CORPUS / "2022-sum-area.yaml", tmp_path=tmp_path)
    assert (code, stderr) == (1, b"")


@pytest.mark.parametrize(
    "args",
    [("allocate", "2022", "-f", "table"), ("explain", "2022", "-r", "20", "-f", "csv"), ("deadlines", "-f", "ics")],
)
def test_a_result_whose_reader_leaves_early_exits_0(tmp_path, args):
    code, stderr = with_reader_gone(*args, tmp_path=tmp_path)
    assert (code, stderr) == (0, b"")


def close_stdout() -> None:
    os.close(1)


def test_allocate_to_a_file_works_with_stdout_closed(tmp_path):
    done = vardmedel("allocate", "2022", "-o", "out.csv", tmp_path=tmp_path, preexec_fn=close_stdout)
    assert (done.returncode, done.stderr) == (0, b"")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("recipient,name,kind,")


@pytest.mark.parametrize("args", [("allocate", "2022"), ("check",), ("schema",), ("deadlines", "-f", "ics")])
def test_a_result_for_a_closed_stdout_is_an_error_not_a_crash(tmp_path, args):
    done = vardmedel(*args, tmp_path=tmp_path, preexec_fn=close_stdout)
    assert done.returncode == 1
    assert done.stderr == b"vardmedel: error: cannot write to standard output: standard output is closed\n"


def test_a_cp1252_stdout_gets_stand_ins_and_straight_columns(tmp_path):
    done = vardmedel(
        "explain", "2022", "-r", "dalarna", "-f", "table", tmp_path=tmp_path, env={"PYTHONIOENCODING": "cp1252"}
    )
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode("cp1252")
    # no-break spaces are in cp1252, '≈' and '→' are not
    assert "~ 3\u00a0104\u00a0293,744 -> 3\u00a0104\u00a0294" in text
    table = [line for line in text.splitlines() if line.startswith(("|", "+"))]
    assert len(table) == 7 and len({len(line) for line in table}) == 1  # ASCII borders, all lines one width


def test_a_cp1252_stdout_gets_stand_ins_in_csv_too(tmp_path, agreement):
    agreement(title="'Vård → “nära” − 2022'")
    done = vardmedel(
        "list", "-f", "csv", "--agreements", "agreements", tmp_path=tmp_path, env={"PYTHONIOENCODING": "cp1252"}
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert "\n2022-x,2022,Vård -> “nära” - 2022,,60000000,1," in done.stdout.decode("cp1252")  # '“' is in cp1252
