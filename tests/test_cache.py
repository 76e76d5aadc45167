"""The result cache is never stale, never served damaged, and never stores what must not be replayed.

Most tests run the real console script (the entry module sits ahead of Typer, so only a
real process exercises it), each with a cache folder of its own (conftest.py). Whether a
run was computed or answered from the cache is read from ``PYTHONPROFILEIMPORTTIME``: a
computed run imports the command line (``vardmedel.cli``), a cached answer does not.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from vardmedel import cachekey, cachestore

BUNDLED = Path(cachekey.BUNDLED)
POPULATION = Path(cachekey.PACKAGE) / "data" / "population" / "2021-11-01.csv"
SCRIPT = Path(sys.executable).with_name("vardmedel")
HEAVY = {"typer", "click", "pydantic", "pydantic_core", "yaml", "rich"}
FILE_2022 = "2022-sammanhallen-jamlik-saker-vard.yaml"


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: str  # without the import-time lines
    modules: set[str]

    @property
    def computed(self) -> bool:
        return "vardmedel.cli" in self.modules

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")


def command() -> list[str]:
    """The installed console script, as users run it (``python -m vardmedel`` where there is none)."""
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "vardmedel"]


def child_env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR")}
    base.pop("GITHUB_ACTIONS", None)
    return {**base, "PYTHONPROFILEIMPORTTIME": "1", **extra}


def finished(done: subprocess.CompletedProcess) -> Run:
    lines = done.stderr.decode("utf-8", "replace").splitlines(keepends=True)
    timing = [line for line in lines if line.startswith("import time:")]
    modules = {line.rsplit("|", 1)[1].strip() for line in timing if "|" in line}
    return Run(done.returncode, done.stdout, "".join(line for line in lines if line not in timing), modules)


def run(*args: str, cwd: Path, argv: list[str] | None = None, **env: str) -> Run:
    done = subprocess.run(
        [*(argv or command()), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        env=child_env(**env),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return finished(done)


def entries(cache: Path, kind: str = cachestore.OUTPUTS) -> list[Path]:
    folder = cache / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def total(run_: Run) -> int:
    return sum(int(row["total"]) for row in csv.DictReader(run_.text.splitlines()))


@pytest.fixture
def folder(tmp_path) -> Path:
    """A working folder with ``agreements/``: the bundled agreements, copied."""
    target = tmp_path / "work" / "agreements"
    target.mkdir(parents=True)
    for path in BUNDLED.glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def fresh(*args: str, cwd: Path, **env: str) -> Run:
    """The same command computed without the cache: what a cached answer must equal."""
    result = run(*args, "--no-cache", cwd=cwd, **env)
    assert result.computed
    return result


# --- hits -----------------------------------------------------------------------------------------


def test_a_repeated_command_is_answered_from_the_cache_byte_for_byte_without_the_libraries(tmp_path, private_cache):
    first = run("allocate", "2022", "--format", "csv", cwd=tmp_path)
    second = run("allocate", "2022", "--format", "csv", cwd=tmp_path)
    assert (first.code, first.computed, first.stderr) == (0, True, "")
    assert (second.code, second.computed, second.stderr) == (0, False, "")
    assert second.stdout == first.stdout == fresh("allocate", "2022", "--format", "csv", cwd=tmp_path).stdout
    assert total(second) == 384_000_000
    assert not {name.split(".")[0] for name in second.modules} & HEAVY
    assert "typing" not in second.modules  # a cached answer is a few milliseconds: even typing would be a fifth
    assert len(entries(private_cache)) == 1


def test_no_cache_anywhere_on_the_line_and_the_environment_variable_compute_and_store_nothing(tmp_path, private_cache):
    for result in (
        run("--no-cache", "allocate", "2022", "-f", "json", cwd=tmp_path),
        run("allocate", "2022", "-f", "json", "--no-cache", cwd=tmp_path),
        run("allocate", "2022", "-f", "json", cwd=tmp_path, VARDMEDEL_NO_CACHE="1"),
    ):
        assert (result.code, result.computed) == (0, True)
        assert result.text.startswith("{")
    assert entries(private_cache) == [] and entries(private_cache, cachestore.CHECKED_FILES) == []
    run("allocate", "2022", "-f", "json", cwd=tmp_path)
    assert run("allocate", "2022", "-f", "json", cwd=tmp_path, VARDMEDEL_NO_CACHE="1").computed  # stored, not read


# --- never stale ----------------------------------------------------------------------------------


def test_one_byte_changed_in_an_agreement_is_seen(folder):
    cwd = folder.parent
    before = run("allocate", "2022", "-f", "csv", cwd=cwd)
    assert "Nationell arbetsgrupp Strama" in before.text
    path = folder / FILE_2022
    path.write_bytes(path.read_bytes().replace(b"arbetsgrupp Strama\n", b"arbetsgrupp Stramb\n"))
    after = run("allocate", "2022", "-f", "csv", cwd=cwd)
    assert after.computed
    assert "Nationell arbetsgrupp Stramb" in after.text
    assert after.stdout == fresh("allocate", "2022", "-f", "csv", cwd=cwd).stdout


def test_the_same_content_again_is_a_hit_whatever_the_modification_time(folder):
    cwd = folder.parent
    run("allocate", "2022", "-f", "csv", cwd=cwd)
    path = folder / FILE_2022
    os.utime(path, (1, 1))  # a touch, a checkout, a copy: the content is what counts
    assert not run("allocate", "2022", "-f", "csv", cwd=cwd).computed


def test_an_agreement_added_to_or_removed_from_the_folder_is_seen(folder):
    cwd = folder.parent
    assert total(run("allocate", "2022", "-f", "csv", cwd=cwd)) == 384_000_000
    text = (folder / FILE_2022).read_text(encoding="utf-8")
    (folder / "2022-extra.yaml").write_text(
        text.replace("id: 2022-sammanhallen-jamlik-saker-vard", "id: 2022-extra"), encoding="utf-8"
    )
    added = run("allocate", "2022", "-f", "csv", cwd=cwd)
    assert (added.code, added.computed, total(added)) == (0, True, 768_000_000)
    (folder / "2022-extra.yaml").unlink()
    removed = run("allocate", "2022", "-f", "csv", cwd=cwd)
    assert not removed.computed  # the very inputs of the first run again: its entry is right
    assert total(removed) == 384_000_000


def test_agreement_folders_named_on_the_line_are_read_for_the_key(folder, tmp_path):
    """--agreements DIR (and --agreements=DIR) from another working folder: a change there is seen."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for option in (["--agreements", str(folder)], [f"--agreements={folder}"]):
        assert run("allocate", "2022", "-f", "csv", *option, cwd=elsewhere).computed
    path = folder / FILE_2022
    path.write_bytes(path.read_bytes().replace(b"arbetsgrupp Strama\n", b"arbetsgrupp Stramc\n"))
    for option in (["--agreements", str(folder)], [f"--agreements={folder}"]):
        after = run("allocate", "2022", "-f", "csv", *option, cwd=elsewhere)
        assert after.computed and "Stramc" in after.text


def test_one_byte_changed_in_a_population_file_is_seen(tmp_path):
    population = tmp_path / "population.csv"
    population.write_bytes(POPULATION.read_bytes())
    args = ("allocate", "2022", "-f", "csv", "--population", "population.csv")
    before = run(*args, cwd=tmp_path)
    assert before.computed and not run(*args, cwd=tmp_path).computed
    population.write_bytes(POPULATION.read_bytes().replace(b"01,2411859\n", b"01,2411869\n"))
    after = run(*args, cwd=tmp_path)
    assert after.computed
    assert after.stdout != before.stdout
    assert after.stdout == fresh(*args, cwd=tmp_path).stdout


def test_a_dated_population_file_is_read_for_the_key(tmp_path):
    """--population DATE=FILE: the file after the '=' is an input too."""
    population = tmp_path / "pop.csv"
    population.write_bytes(POPULATION.read_bytes())
    args = ("population", "2024-12-31", "-f", "csv", "--population", "2024-12-31=pop.csv")
    before = run(*args, cwd=tmp_path)
    assert before.code == 0 and ",2411859" in before.text
    population.write_bytes(POPULATION.read_bytes().replace(b"01,2411859\n", b"01,2411869\n"))
    after = run(*args, cwd=tmp_path)
    assert after.computed and ",2411869" in after.text


def test_a_different_language_in_the_environment_is_a_different_entry(tmp_path, private_cache):
    args = ("allocate", "2022", "-f", "csv")
    assert run(*args, cwd=tmp_path, LANG="C.UTF-8").computed
    names = ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    for name in names:
        assert run(*args, cwd=tmp_path, **{name: "sv_SE.UTF-8"}).computed, name
    swedish = run(*args, cwd=tmp_path, LANG="sv_SE.UTF-8")
    assert not swedish.computed
    assert swedish.stdout == fresh(*args, cwd=tmp_path, LANG="sv_SE.UTF-8").stdout
    assert len(entries(private_cache)) == 1 + len(names)


def test_a_new_version_of_the_program_recomputes(tmp_path):
    """The version is part of the key: an upgrade never sees the old version's entries."""
    script = (
        "import sys, vardmedel._version as v; v.__version__ = sys.argv.pop(1); from vardmedel.entry import main; main()"
    )
    args = ("allocate", "2022", "-f", "csv")
    assert run(*args, cwd=tmp_path).computed
    assert not run(*args, cwd=tmp_path).computed
    newer = [sys.executable, "-c", script, "99.0"]
    assert run(*args, cwd=tmp_path, argv=newer).computed
    assert not run(*args, cwd=tmp_path, argv=newer).computed


def test_a_source_checkout_is_keyed_by_the_content_of_its_files(tmp_path, monkeypatch):
    """An editable install changes without a new version: every byte of the package is in the key."""
    package = tmp_path / "src" / "vardmedel"
    shutil.copytree(cachekey.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cachekey, "PACKAGE", str(package))
    monkeypatch.setattr(cachekey, "_RUNTIME", {})
    assert cachekey.is_source_checkout(str(package))
    before = cachekey.runtime_fingerprint()
    engine = package / "engine.py"
    engine.write_bytes(engine.read_bytes() + b"#")
    monkeypatch.setattr(cachekey, "_RUNTIME", {})
    assert cachekey.runtime_fingerprint() != before
    monkeypatch.setattr(cachekey, "_RUNTIME", {})
    (package / "data" / "regions.csv").write_bytes(b"changed")
    assert cachekey.runtime_fingerprint() != before
    assert not cachekey.is_source_checkout("/usr/lib/python3/site-packages/vardmedel")


def test_an_installed_package_is_keyed_by_its_record(tmp_path, monkeypatch):
    """``pip install .`` again from changed sources keeps the version; the hashes in RECORD change."""
    site = tmp_path / "site-packages"
    package = site / "vardmedel"
    package.mkdir(parents=True)
    record = site / "vardmedel-0.1.0.dist-info" / "RECORD"
    record.parent.mkdir()
    record.write_text("vardmedel/engine.py,sha256=AAAA,100\n", encoding="utf-8")
    monkeypatch.setattr(cachekey, "PACKAGE", str(package))
    monkeypatch.setattr(cachekey, "_RUNTIME", {})
    assert not cachekey.is_source_checkout(str(package))
    assert cachekey.installed_record(str(package)) == str(record)
    before = cachekey.runtime_fingerprint()
    record.write_text("vardmedel/engine.py,sha256=BBBB,100\n", encoding="utf-8")
    monkeypatch.setattr(cachekey, "_RUNTIME", {})
    assert cachekey.runtime_fingerprint() != before


# --- on a terminal --------------------------------------------------------------------------------


def run_in_terminal(*args: str, cwd: Path, columns: int, **env: str) -> Run:
    """The command in a pseudo-terminal of *columns* (stdin and stdout on it, as in a shell)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    with open(cwd / f".stderr-{columns}", "w+b") as stderr:
        process = subprocess.Popen(
            [*command(), *args], cwd=cwd, stdin=slave, stdout=slave, stderr=stderr, env=child_env(TERM="xterm", **env)
        )
        os.close(slave)
        output = bytearray()
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        code = process.wait(timeout=120)
        os.close(master)
        stderr.seek(0)
        return finished(subprocess.CompletedProcess([], code, bytes(output), stderr.read()))


def test_the_table_under_a_terminal_follows_its_width(tmp_path):
    wide = run_in_terminal("allocate", "2022", cwd=tmp_path, columns=160)
    narrow = run_in_terminal("allocate", "2022", cwd=tmp_path, columns=100)
    assert wide.computed and narrow.computed and wide.code == narrow.code == 0
    assert wide.stdout != narrow.stdout
    again = run_in_terminal("allocate", "2022", cwd=tmp_path, columns=100)
    assert not again.computed
    assert (
        again.stdout
        == narrow.stdout
        == run_in_terminal("allocate", "2022", "--no-cache", cwd=tmp_path, columns=100).stdout
    )
    by_variable = run_in_terminal("allocate", "2022", cwd=tmp_path, columns=100, COLUMNS="140")
    assert by_variable.computed and by_variable.stdout != narrow.stdout  # COLUMNS wins over the terminal
    piped = run("allocate", "2022", cwd=tmp_path)  # not a terminal: CSV, another entry
    assert piped.computed and piped.text.startswith("recipient,")


def test_colour_settings_are_part_of_the_key(tmp_path):
    plain = run("allocate", "2022", "-f", "table", cwd=tmp_path)
    forced = run("allocate", "2022", "-f", "table", cwd=tmp_path, FORCE_COLOR="1")
    assert plain.computed and forced.computed
    assert b"\x1b[" not in plain.stdout and b"\x1b[" in forced.stdout
    assert not run("allocate", "2022", "-f", "table", cwd=tmp_path, FORCE_COLOR="1").computed
    no_color = run_in_terminal("allocate", "2022", cwd=tmp_path, columns=160, NO_COLOR="1")
    assert no_color.computed
    assert (
        no_color.stdout
        == run_in_terminal("allocate", "2022", "--no-cache", cwd=tmp_path, columns=160, NO_COLOR="1").stdout
    )


# --- damaged entries ------------------------------------------------------------------------------


DAMAGES = {
    "one bit of the output": lambda data, other: data[:-1] + bytes([data[-1] ^ 1]),
    "truncated": lambda data, other: data[: len(data) // 2],
    "empty": lambda data, other: b"",
    "foreign": lambda data, other: b"PK\x03\x04 not ours at all" * 20,
    "another command's entry": lambda data, other: other,
}


def test_a_damaged_entry_is_recomputed_and_rebuilt(tmp_path, private_cache):
    args = ("allocate", "2022", "-f", "csv")
    good = run(*args, cwd=tmp_path)
    (entry,) = entries(private_cache)
    run("regions", "-f", "csv", cwd=tmp_path)
    (other,) = [path for path in entries(private_cache) if path != entry]
    for name, damage in DAMAGES.items():
        entry.write_bytes(damage(entry.read_bytes(), other.read_bytes()))
        again = run(*args, cwd=tmp_path)
        assert (again.code, again.computed, again.stdout) == (0, True, good.stdout), name
        rebuilt = run(*args, cwd=tmp_path)
        assert (rebuilt.computed, rebuilt.stdout) == (False, good.stdout), name


def test_two_runs_at_once_both_answer_right(tmp_path, private_cache):
    expected = {fmt: fresh("allocate", "2022", "-f", fmt, cwd=tmp_path).stdout for fmt in ("csv", "json")}
    processes = [
        (
            fmt,
            subprocess.Popen(
                [*command(), "allocate", "2022", "-f", fmt],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=child_env(),
            ),
        )
        for fmt in ("csv", "csv", "json", "json")
    ]
    for fmt, process in processes:
        stdout, _ = process.communicate(timeout=120)
        assert (process.returncode, stdout) == (0, expected[fmt])
    assert len(entries(private_cache)) == 2
    assert not [p for p in (private_cache / cachestore.OUTPUTS).iterdir() if p.name.startswith(".tmp")]
    for fmt in ("csv", "json"):
        hit = run("allocate", "2022", "-f", fmt, cwd=tmp_path)
        assert (hit.computed, hit.stdout) == (False, expected[fmt])


def test_a_cached_answer_that_cannot_be_written_is_the_same_error_as_a_computed_one(tmp_path):
    """stdout a file that may not grow past 100 bytes (RLIMIT_FSIZE): exit 1 and the command's message, not a trace.

    With PYTHONUNBUFFERED (set here, and often in CI) stdout is raw and takes what fits: the rest must not be lost.
    """
    import resource

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    args = ("allocate", "2022", "-f", "csv")
    assert run(*args, cwd=tmp_path).code == 0  # stored
    for extra in ((), ("--no-cache",)):
        with open(tmp_path / f"out{len(extra)}.csv", "wb") as out:
            done = subprocess.run(
                [*command(), *args, *extra], cwd=tmp_path, stdout=out, stderr=subprocess.PIPE,
                env=child_env(PYTHONUNBUFFERED="1"),
                preexec_fn=small_files, timeout=60,
            )  # fmt: skip
        stderr = finished(subprocess.CompletedProcess([], done.returncode, b"", done.stderr))
        assert (done.returncode, stderr.stderr) == (
            1,
            "vardmedel: error: cannot write to standard output: File too large\n",
        )
        assert stderr.computed == bool(extra)


# --- never stored ---------------------------------------------------------------------------------


def test_errors_are_never_cached(folder, private_cache):
    cwd = folder.parent
    path = folder / FILE_2022
    path.write_bytes(path.read_bytes().replace(b"total: 384 miljoner kronor", b"total: 385 miljoner kronor"))
    for _ in range(2):
        refused = run("allocate", "2022", "-f", "csv", cwd=cwd)
        assert (refused.code, refused.computed, refused.stdout) == (1, True, b"")
        assert "[sum-total]" in refused.stderr
        check = run("check", cwd=cwd)
        assert (check.code, check.computed) == (1, True)
        assert "sum-total" in check.text
        usage = run("allocate", "2022", "--by", "nothing", cwd=cwd)
        assert (usage.code, usage.computed) == (2, True)
    assert entries(private_cache) == []


def test_output_files_are_written_every_time_and_never_cached(tmp_path, private_cache):
    for _ in range(2):
        written = run("allocate", "2022", "-o", "out.csv", cwd=tmp_path)
        assert (written.code, written.computed) == (0, True)
        assert (tmp_path / "out.csv").read_bytes() == fresh("allocate", "2022", "-f", "csv", cwd=tmp_path).stdout
        (tmp_path / "out.csv").unlink()
    assert entries(private_cache) == []


def fake_cli(body: str) -> list[str]:
    """The entry module in front of a stand-in command line, for what no real command does yet."""
    script = f"import sys\nfrom vardmedel import entry\ndef fake():\n{body}\nentry._run_cli = fake\nentry.main()"
    return [sys.executable, "-c", script]


def test_a_run_that_writes_to_stderr_or_reads_stdin_is_not_stored(tmp_path, private_cache):
    warned = fake_cli("    print('figures'); print('a warning', file=sys.stderr)")
    for _ in range(2):
        result = run("allocate", "2022", cwd=tmp_path, argv=warned)
        assert (result.code, result.stdout, result.stderr) == (0, b"figures\n", "a warning\n")
    asking = fake_cli("    print('answer:', sys.stdin.readline().strip())")
    for answer in (b"yes\n", b"no\n"):
        done = subprocess.run(
            [*asking, "allocate", "2022"], input=answer, capture_output=True, cwd=tmp_path, env=child_env(), timeout=60
        )
        assert done.stdout == b"answer: " + answer
    assert entries(private_cache) == []
    quiet = fake_cli("    print('figures')")  # the control: the same stand-in without either is stored
    run("allocate", "2022", cwd=tmp_path, argv=quiet)
    assert len(entries(private_cache)) == 1


def test_a_word_naming_a_pipe_makes_the_run_uncachable_without_opening_it(tmp_path):
    """Reading a FIFO would consume it (or wait for a writer): the key gives up on seeing one."""
    os.mkfifo(tmp_path / "figures.csv")
    script = (
        "from vardmedel.cachekey import Uncachable, output_key\n"
        "try:\n    output_key(['allocate', '2022', '--population', 'figures.csv'])\n"
        "except Uncachable as err:\n    print('uncachable:', err)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stdout == "uncachable: figures.csv is not a regular file\n", done.stderr


def test_commands_that_write_files_or_manage_the_cache_are_not_cached():
    from vardmedel.entry import read_only

    assert read_only(["allocate", "2022", "-f", "csv"])
    assert read_only(["check", "agreements", "--strict"])
    for argv in (
        ["allocate", "2022", "-o", "x.csv"],
        ["allocate", "2022", "--output=x.csv"],
        ["allocate", "2022", "-ox.csv"],
        ["schema", "--output", "s.json"],
        ["cache", "info"],
        ["init"],
        ["--help"],
        [],
    ):
        assert not read_only(argv), argv


# --- the folder -----------------------------------------------------------------------------------


def test_the_folder_follows_xdg_and_home(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("VARDMEDEL_CACHE_DIR", "XDG_CACHE_HOME")}
    assert cachestore.cache_dir({**env, "XDG_CACHE_HOME": "/x/cache"}) == "/x/cache/vardmedel"
    assert cachestore.cache_dir({**env, "XDG_CACHE_HOME": "relative", "HOME": "/home/u"}) == "/home/u/.cache/vardmedel"
    assert cachestore.cache_dir({**env, "VARDMEDEL_CACHE_DIR": "/elsewhere", "XDG_CACHE_HOME": "/x"}) == "/elsewhere"
    home = tmp_path / "home"
    done = subprocess.run(
        [*command(), "regions", "-f", "csv"],
        cwd=tmp_path,
        env={**env, "HOME": str(home)},
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert len(list((home / ".cache" / "vardmedel" / cachestore.OUTPUTS).iterdir())) == 1


def test_info_and_clear(tmp_path, private_cache):
    run("allocate", "2022", "-f", "csv", cwd=tmp_path)
    run("check", cwd=tmp_path)
    info = run("cache", "info", cwd=tmp_path)
    assert info.code == 0
    assert f"folder:  {private_cache}\n" in info.text
    assert "entries: 6 (2 command outputs, 4 checked files)" in info.text
    cleared = run("cache", "clear", cwd=tmp_path)
    assert cleared.text.startswith("removed 6 entries (")
    assert entries(private_cache) == [] and entries(private_cache, cachestore.CHECKED_FILES) == []
    assert "entries: 0 (0 command outputs, 0 checked files)" in run("cache", "info", cwd=tmp_path).text


def test_the_least_recently_used_entries_go_first_when_the_folder_is_full(tmp_path):
    store = cachestore.Store(str(tmp_path), limit=40_000)
    keys = [bytes([n]) * cachestore.KEY_SIZE for n in range(16)]
    for age, key in enumerate(keys):
        assert store.write(cachestore.OUTPUTS, key, bytes(3000))
        path = tmp_path / cachestore.OUTPUTS / key.hex()
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    os.utime(tmp_path / cachestore.OUTPUTS / keys[0].hex())  # read just now: the oldest is used again
    assert store.evict() > 0
    kept = {key for key in keys if store.read(cachestore.OUTPUTS, key) is not None}
    assert sum(path.stat().st_size for path in (tmp_path / cachestore.OUTPUTS).iterdir()) <= 40_000
    assert keys[0] in kept and keys[-1] in kept
    assert keys[1] not in kept
    assert not store.write(cachestore.OUTPUTS, b"x" * cachestore.KEY_SIZE, bytes(20_000))  # over a quarter


def test_words_of_the_line_that_may_name_files():
    assert cachekey.path_words(["--population", "2024-12-31=pop.csv", "--agreements=a=b"]) == [
        "--population",
        "2024-12-31=pop.csv",
        "pop.csv",
        "--agreements=a=b",
        "a=b",
        "b",
    ]


# --- check, file by file --------------------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch):
    """The names of the agreement files read (as YAML) in this process."""
    from vardmedel import catalog

    seen: list[str] = []
    original = catalog.read_agreement

    def counting(path, *args, **kwargs):
        seen.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(catalog, "read_agreement", counting)
    return seen


def test_check_reads_only_the_files_that_changed_and_finds_the_same(folder, reference, reads, monkeypatch):
    from vardmedel.pipeline import check_paths

    first = check_paths([folder], reference, jobs=1)
    assert sorted(reads) == sorted(p.name for p in folder.glob("*.yaml"))
    reads.clear()
    assert check_paths([folder], reference, jobs=1) == first
    assert reads == []
    path = folder / FILE_2022
    path.write_bytes(path.read_bytes().replace(b"total: 384 miljoner", b"total: 385 miljoner"))
    changed = check_paths([folder], reference, jobs=1)
    assert reads == [FILE_2022]
    assert [p.code for p in changed.problems] == ["sum-total", "sum-funding"]  # the funding adds up to 384
    monkeypatch.setenv("VARDMEDEL_NO_CACHE", "1")
    assert check_paths([folder], reference, jobs=1) == changed


def test_check_finds_duplicate_ids_across_cached_and_new_files(folder, reference, reads):
    from vardmedel.pipeline import check_paths

    assert check_paths([folder], reference, jobs=1).problems == []
    copy = folder / "sub" / FILE_2022
    copy.parent.mkdir()
    shutil.copy(folder / FILE_2022, copy)
    reads.clear()
    result = check_paths([folder], reference, jobs=1)
    assert reads == [FILE_2022]  # only the new file is read
    assert [(p.code, Path(p.path).name) for p in result.problems] == [("duplicate-id", FILE_2022)]


def test_checks_with_other_population_figures_are_not_reused(folder, reference, reads):
    from vardmedel.pipeline import check_paths
    from vardmedel.population_file import read_population_file

    check_paths([folder], reference, jobs=1)
    reads.clear()
    figures = folder.parent / "pop.csv"
    figures.write_bytes(POPULATION.read_bytes().replace(b"01,2411859\n", b"01,2411869\n"))
    check_paths([folder], reference, read_population_file(figures, reference), jobs=1)
    assert len(reads) == len(list(folder.glob("*.yaml")))


def test_an_unchanged_folder_is_checked_without_the_yaml_parser_or_the_models(folder):
    cwd = folder.parent
    first = run("check", cwd=cwd)
    assert (first.code, first.text) == (0, "4 files checked: no problems.\n")
    again = run("check", cwd=cwd)  # the same line: the stored answer, no library at all
    assert (again.computed, again.text) == (False, first.text)
    assert not {name.split(".")[0] for name in again.modules} & HEAVY
    other = run("check", "--format", "json", cwd=cwd)  # another line: computed, from each file's stored result
    assert other.computed and other.code == 0
    assert not {"yaml", "vardmedel.model"} & other.modules
    assert other.stdout == fresh("check", "--format", "json", cwd=cwd).stdout
