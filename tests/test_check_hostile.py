"""Hostile files, made at test time rather than committed: each is refused at its place, quickly and cheaply.

They run in a real process whose address space is capped (512 MB), so a
parser that expanded the alias bomb or read the 10 MB file whole would fail
the test rather than the machine. The time limit is only a guard against a hang.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest
from conftest import agreement_yaml

MEMORY_CAP = 512 * 1024 * 1024


def hostile_agreement(name: str, head: str) -> str:
    """A valid agreement with *head* as its lines 5 on (before its areas)."""
    return agreement_yaml(f"2022-{name}", title="Hostile", head=head)


def alias_bomb() -> str:
    """Billion laughs: nine levels of ten aliases each, 10^9 strings if expanded."""
    lines = ['lol0: &l0 "lol"']
    lines += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return hostile_agreement("alias-bomb", "\n".join(lines))


def deep() -> str:
    """10 000 nested lists, one opening bracket a line."""
    return hostile_agreement("deep", "note: " + "[\n" * 10_000 + "]\n" * 10_000)


def long_line() -> str:
    return hostile_agreement("long-line", "note: " + "x" * 1_000_000)


def huge() -> str:
    """A valid agreement padded with comments to 10 MB."""
    return hostile_agreement("huge", "") + ("# padding " + "x" * 89 + "\n") * (10 * 1024 * 1024 // 100)


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def check(path, *options: str) -> tuple[int, dict, str]:
    result = subprocess.run(
        [sys.executable, "-m", "vardmedel", "check", "--format", "json", *options, str(path)],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a measurement
        preexec_fn=_capped,
    )
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def problems_of(data: dict) -> list[tuple]:
    return [(p["code"], p["line"], p["column"]) for p in data["problems"]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    made = {"alias-bomb": alias_bomb(), "deep": deep(), "long-line": long_line(), "huge": huge()}
    for name, text in made.items():
        (folder / f"2022-{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_alias_bomb_is_never_expanded(hostile):
    code, data, _ = check(hostile / "2022-alias-bomb.yaml")
    assert code == 1
    aliases = [p for p in data["problems"] if p["code"] == "yaml-alias"]
    # 90 aliases: the first 20 one by one (line 6 holds ten, from column 12 in steps of 5), then one line for the rest.
    assert len(aliases) == 21
    assert [(p["line"], p["column"]) for p in aliases[:10]] == [(6, 12 + 5 * i) for i in range(10)]
    assert aliases[0]["message"] == "alias *l0 is not allowed in agreement files; write the value out in full"
    assert (aliases[-1]["line"], aliases[-1]["column"]) == (8, 12)
    assert aliases[-1]["message"].startswith("70 more problems like the 20 above in this file")
    # the keys themselves are unknown to the format; the values (stand-ins for aliases) are not reported again
    unknown = [p for p in problems_of(data) if p[0] == "schema-unknown-key"]
    assert unknown == [("schema-unknown-key", line, 1) for line in range(5, 15)]
    assert len(data["problems"]) == 31


def test_nesting_10000_deep_stops_at_the_limit(hostile):
    code, data, _ = check(hostile / "2022-deep.yaml")
    assert code == 1
    # `note: [` is line 5; the 64th level (root mapping + 63 lists) opens on line 5 + 63.
    assert problems_of(data) == [("yaml-too-deep", 68, 1)]


def test_a_one_megabyte_line_is_refused_where_it_passes_the_limit(hostile):
    code, data, _ = check(hostile / "2022-long-line.yaml")
    assert code == 1
    assert problems_of(data) == [("line-too-long", 5, 10_001)]
    assert data["problems"][0]["message"].startswith("line is 1 000 006 characters long (at most 10 000)")


def test_a_ten_megabyte_file_is_refused_without_being_read(hostile):
    code, data, _ = check(hostile / "2022-huge.yaml")
    assert code == 1
    assert problems_of(data) == [("file-too-large", 1, 1)]
    size = (hostile / "2022-huge.yaml").stat().st_size
    assert f"file is {size:,} bytes".replace(",", " ") in data["problems"][0]["message"]  # grouped as all amounts are


def test_all_hostile_files_in_one_run(hostile):
    code, data, _ = check(hostile)
    assert code == 1
    assert data["summary"]["files"] == 4
    assert data["summary"]["files_with_problems"] == 4


def test_a_zero_byte_file_is_empty(cli, tmp_path):
    (tmp_path / "2022-x.yaml").write_bytes(b"")
    result = cli("check", tmp_path / "2022-x.yaml")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{tmp_path / '2022-x.yaml'}:1:1: error: file is empty; ")


def test_a_document_of_nothing_but_a_separator_is_empty(cli, tmp_path):
    (tmp_path / "2022-x.yaml").write_text("---\n", encoding="utf-8")
    result = cli("check", tmp_path / "2022-x.yaml")
    assert result.exit_code == 1
    assert "error: file holds no data; an agreement file is a mapping of keys [file-empty]" in result.stdout
