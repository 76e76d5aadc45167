"""What ``-o PATH`` does to what PATH names: a file is replaced whole, a link is followed, a pipe or device is kept.

Every case runs the real program in its own process on nodes the test makes in
its own temporary folder (a FIFO, and a device node only where the test may
make one); the machine's /dev is never touched.
"""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from test_streams import vardmedel

from vardmedel import api
from vardmedel.output.target import write_output

ALLOCATE = ("allocate", "2022", "-f", "csv")


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> bytes:
    """What ``allocate 2022 -f csv`` prints: what every target below must receive."""
    folder = tmp_path_factory.mktemp("expected")
    done = vardmedel(*ALLOCATE, tmp_path=folder)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"recipient,name,kind,")
    return done.stdout


def allocate_to(target: str | Path, tmp_path: Path, *more: str) -> subprocess.CompletedProcess:
    return vardmedel(*ALLOCATE, *more, "-o", target, tmp_path=tmp_path)


def ok(done: subprocess.CompletedProcess) -> None:
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_a_symlink_is_kept_and_its_target_written(tmp_path, expected):
    (tmp_path / "target.csv").write_bytes(b"old\n")
    (tmp_path / "link.csv").symlink_to("target.csv")
    ok(allocate_to("link.csv", tmp_path))
    assert os.readlink(tmp_path / "link.csv") == "target.csv"
    assert (tmp_path / "target.csv").read_bytes() == expected


def test_a_chain_of_symlinks_is_followed_to_its_end(tmp_path, expected):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "target.csv").write_bytes(b"old\n")
    (tmp_path / "middle.csv").symlink_to("data/target.csv")
    (tmp_path / "first.csv").symlink_to(tmp_path / "middle.csv")
    ok(allocate_to("first.csv", tmp_path))
    assert [os.readlink(tmp_path / name) for name in ("first.csv", "middle.csv")] == [
        str(tmp_path / "middle.csv"),
        "data/target.csv",
    ]
    assert (tmp_path / "data" / "target.csv").read_bytes() == expected
    assert sorted(os.listdir(tmp_path / "data")) == ["target.csv"]  # no temporary file left beside it


def test_a_dangling_symlink_gets_its_target_made_with_the_mode_of_a_new_file(tmp_path, expected):
    (tmp_path / "data").mkdir()
    (tmp_path / "link.csv").symlink_to("data/new.csv")
    umask = os.umask(0o027)
    try:
        ok(allocate_to("link.csv", tmp_path))
    finally:
        os.umask(umask)
    assert os.readlink(tmp_path / "link.csv") == "data/new.csv"
    assert (tmp_path / "data" / "new.csv").read_bytes() == expected
    assert stat.S_IMODE((tmp_path / "data" / "new.csv").stat().st_mode) == 0o640  # 0666 less the umask 027


def test_a_dangling_symlink_into_a_missing_folder_names_that_folder(tmp_path):
    (tmp_path / "link.csv").symlink_to("nowhere/new.csv")
    done = allocate_to("link.csv", tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"vardmedel: error: cannot write link.csv: the folder {tmp_path.resolve() / 'nowhere'} does not exist; "
        "create it first, or write elsewhere\n"
    )
    assert os.path.islink(tmp_path / "link.csv") and not (tmp_path / "nowhere").exists()


def test_a_fifo_is_written_as_a_stream_and_stays_a_fifo(tmp_path, expected):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    received = bytearray()

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.extend(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ok(allocate_to("pipe.csv", tmp_path))
    reader.join(timeout=60)
    assert bytes(received) == expected
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_whose_reader_leaves_early_is_no_error(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    first = bytearray()

    def read_a_little() -> None:
        with open(fifo, "rb", buffering=0) as reader:
            first.extend(reader.read(10))

    reader = threading.Thread(target=read_a_little, daemon=True)
    reader.start()
    ok(
        vardmedel("report", "--years", "2019-2022", "-o", "pipe.html", tmp_path=tmp_path)
    )  # 100 kB: more than a pipe holds
    reader.join(timeout=60)
    assert first and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_character_device_is_written_to_and_kept(tmp_path):
    """A null device made in tmp_path (root only): the run must write to it, not rename a file over it."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as err:
        pytest.skip(f"cannot make a device node here: {err}")
    ok(allocate_to("null", tmp_path))
    after = node.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == os.makedev(1, 3)


def test_dash_is_standard_output_and_dot_slash_dash_a_file(tmp_path, expected):
    done = allocate_to("-", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, b"")
    assert not (tmp_path / "-").exists()
    ok(allocate_to("./-", tmp_path))
    assert (tmp_path / "-").read_bytes() == expected


def test_dash_takes_the_format_of_a_pipe_and_writes_a_workbook_there(tmp_path, expected):
    done = vardmedel("allocate", "2022", "-o", "-", tmp_path=tmp_path)
    assert (done.returncode, done.stdout) == (0, expected)
    workbook = vardmedel("allocate", "2022", "-f", "xlsx", "-o", "-", tmp_path=tmp_path)
    assert (workbook.returncode, workbook.stderr) == (0, b"")
    assert workbook.stdout.startswith(b"PK\x03\x04")  # a zip, as every xlsx is


def test_a_file_keeps_its_permissions(tmp_path, expected):
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old\n")
    kept.chmod(0o640)
    ok(allocate_to("kept.csv", tmp_path))
    assert kept.read_bytes() == expected
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_a_failed_run_leaves_the_file_and_the_link_as_they_were(tmp_path):
    (tmp_path / "keep.csv").write_bytes(b"mine\r\n\x00")
    (tmp_path / "link.csv").symlink_to("keep.csv")
    for target in ("keep.csv", "link.csv"):
        done = vardmedel("allocate", "2099", "-o", target, tmp_path=tmp_path)
        assert done.returncode == 2 and b"no agreement for year 2099" in done.stderr
    assert (tmp_path / "keep.csv").read_bytes() == b"mine\r\n\x00"
    assert os.readlink(tmp_path / "link.csv") == "keep.csv"
    assert sorted(os.listdir(tmp_path)) == ["keep.csv", "link.csv"]


def test_output_that_fails_while_rendering_leaves_the_target_byte_identical(tmp_path):
    (tmp_path / "keep.csv").write_bytes(b"mine\n")
    (tmp_path / "link.csv").symlink_to("keep.csv")

    def half(stream) -> None:
        stream.write("recipient,name\n")
        raise RuntimeError("render failed")

    for target in ("keep.csv", "link.csv", "new.csv"):
        with pytest.raises(RuntimeError):
            write_output(tmp_path / target, half, binary=False)
    assert (tmp_path / "keep.csv").read_bytes() == b"mine\n"
    assert sorted(os.listdir(tmp_path)) == ["keep.csv", "link.csv"]


def test_a_folder_is_refused_with_a_hint(tmp_path):
    (tmp_path / "out").mkdir()
    done = allocate_to("out", tmp_path)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == b"vardmedel: error: cannot write out: it is a folder; name a file in it (-o out/NAME)\n"


def test_a_missing_folder_is_named_with_a_hint(tmp_path):
    done = allocate_to("nope/out.csv", tmp_path)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == (
        b"vardmedel: error: cannot write nope/out.csv: the folder nope does not exist; "
        b"create it first, or write elsewhere\n"
    )
    sv = allocate_to("nope/out.csv", tmp_path, "--lang", "sv")
    assert sv.stderr.decode() == (
        "vardmedel: fel: kan inte skriva nope/out.csv: mappen nope finns inte; "
        "skapa den först, eller skriv någon annanstans\n"
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_write_permission_is_a_clear_error(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "out.csv").write_bytes(b"mine\n")
    (tmp_path / "locked").chmod(0o555)
    try:
        done = allocate_to("locked/out.csv", tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr == (
        b"vardmedel: error: cannot write locked/out.csv: permission denied "
        b"(a file is replaced whole, so its folder must be writable too)\n"
    )
    assert (tmp_path / "locked" / "out.csv").read_bytes() == b"mine\n"


def test_a_file_that_is_stdout_itself_is_appended_to_as_the_shell_asked(tmp_path, expected):
    """``-o log.csv >> log.csv`` (or ``-o /dev/stdout >> log.csv``): replacing the file would lose the log."""
    log = tmp_path / "log.csv"
    log.write_bytes(b"earlier\n")
    with open(log, "ab") as appending:
        done = vardmedel(*ALLOCATE, "-o", "log.csv", tmp_path=tmp_path, stdout=appending)
    assert done.returncode == 0
    assert log.read_bytes() == b"earlier\n" + expected


def test_the_api_writes_through_a_symlink_too(tmp_path, expected, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the bundled agreements only, as for the command above
    (tmp_path / "target.csv").write_bytes(b"old\n")
    (tmp_path / "link.csv").symlink_to("target.csv")
    api.allocate(2022).to_csv(tmp_path / "link.csv")
    assert os.readlink(tmp_path / "link.csv") == "target.csv"
    assert (tmp_path / "target.csv").read_bytes() == expected
