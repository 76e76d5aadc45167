"""No command computes from a partial set: a file that may belong to what was asked for stops it, named.

Every command that reads agreements goes through one selection (``pipeline.load_selection``,
behind ``api.load``): a file that cannot be read, or that may hold or take away an agreement
asked for, stops the command with its problems and exit 1, however its year is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import agreement_yaml

import vardmedel

SJSV = "2022-sammanhallen-jamlik-saker-vard"
SUMMARY = "vardmedel: error: 1 problem in the agreement files; fix them (vardmedel check lists all)"

#: Every command that reads agreements, asked about 2022 (or everything) in the folder ``own``.
COMMANDS = {
    "allocate": ["allocate", "2022"],
    "allocate --agreement": ["allocate", "--agreement", SJSV],
    "allocate --years": ["allocate", "--years", "2021-2022"],
    "explain": ["explain", "2022", "-r", "01"],
    "compare": ["compare", "2019", "2022"],
    "show": ["show", SJSV],
    "list": ["list"],
    "series": ["series", "vardforlopp"],
    "deadlines": ["deadlines"],
    "deadlines YEAR": ["deadlines", "2022"],
    "report": ["report", "2022", "-o", "report.html"],
}


@pytest.fixture
def own(tmp_path, monkeypatch):
    """A working folder with an empty folder ``own`` of agreements, read after the bundled ones."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "own").mkdir()
    return tmp_path / "own"


def run(cli, args: list[str]):
    return cli(*args, "--agreements", "own")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_that_cannot_be_read_stops_every_command(cli, own, command):
    (own / "notes.yaml").write_bytes(b"\x00\x01 not an agreement")
    result = run(cli, COMMANDS[command])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "own/notes.yaml:1:1: error: file holds NUL bytes, so it is binary, not YAML text: is this the right file? "
        "[file-binary]",
        SUMMARY,
    ]
    assert result.stdout == ""
    assert not Path("report.html").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_broken_file_of_the_year_stops_every_command(cli, own, command):
    (own / "2022-y.yaml").write_text("id: 2022-y\nyear: 2022\ntitle: [Y\n", encoding="utf-8")
    result = run(cli, COMMANDS[command])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0].startswith("own/2022-y.yaml:4:1: error: YAML syntax:")
    assert result.stderr.splitlines()[-1] == SUMMARY


#: Files named for 2019 whose one plain ``year: 2019`` line is not all they say about their year.
HIDDEN_YEARS = {
    "quoted key": 'year: 2019\n"year": 2022\n',
    "explicit key": "year: 2019\n? year\n: 2022\n",
    "lone carriage return": 'year: 2019\r"year": 2022\n',
    "line separator": 'year: 2019\u2028"year": 2022\n',
    "spaced key": "year: 2019\nyear : 2022\n",
}


@pytest.mark.parametrize("case", list(HIDDEN_YEARS))
def test_a_file_whose_year_is_written_twice_is_read_and_stops_the_year(cli, own, case):
    """A tool that keeps the last key reads 2022: the 2022 allocation cannot go on as if the file were not there."""
    body = agreement_yaml("2019-y").replace("year: 2019\n", HIDDEN_YEARS[case])
    (own / "2019-y.yaml").write_text(body, encoding="utf-8", newline="")
    result = run(cli, ["allocate", "2022", "-f", "csv"])
    assert result.exit_code == 1, result.output
    assert "own/2019-y.yaml:" in result.stderr
    assert "error: duplicate key 'year' (first at line 2)" in result.stderr
    assert result.stderr.splitlines()[-1] == SUMMARY
    # The same file without the second year is another year's, and does not block 2022.
    (own / "2019-y.yaml").write_text(agreement_yaml("2019-y"), encoding="utf-8")
    assert run(cli, ["allocate", "2022", "-f", "csv"]).exit_code == 0


def test_an_id_given_twice_stops_a_command_for_either_id(cli, own):
    body = agreement_yaml("2022-y").replace("id: 2022-y\n", "id: 2022-y\nid: 2022-z\n")
    (own / "2022-y.yaml").write_text(body, encoding="utf-8")
    result = run(cli, ["allocate", "--agreement", SJSV, "--agreement", "2022-z", "-f", "csv"])
    assert result.exit_code == 1, result.output
    assert "own/2022-y.yaml:2:1: error: duplicate key 'id' (first at line 1)" in result.stderr


def test_a_file_that_moves_an_agreement_to_another_year_stops_that_year(cli, own):
    """Replacing the bundled 2022 agreement with one of 2023 would drop it from 2022 without a word."""
    text = (vardmedel.catalog.BUNDLED / f"{SJSV}.yaml").read_text(encoding="utf-8")
    (own / f"{SJSV}.yaml").write_text(text.replace("\nyear: 2022\n", "\nyear: 2023\n"), encoding="utf-8")
    (own / "2022-y.yaml").write_text(agreement_yaml("2022-y"), encoding="utf-8")
    result = run(cli, ["allocate", "2022", "-f", "csv"])
    assert result.exit_code == 1, result.output
    moved = f"own/{SJSV}.yaml:2:5: error: the id '{SJSV}' should start with the year 2023- [id-year]"
    assert moved in result.stderr
    assert result.stdout == ""


def test_a_broken_file_that_may_carry_money_into_the_year_is_named(cli, own):
    """No agreement for 2021: the answer names earlier money usable in 2021, so a file that may hold some counts."""
    text = (vardmedel.catalog.BUNDLED / "2020-vardforlopp.yaml").read_text(encoding="utf-8")
    (own / "2020-vardforlopp.yaml").write_text(text.replace("\ntitle: ", "\ntitle: [", 1), encoding="utf-8")
    result = cli("allocate", "2021", "--agreements", "own", "--no-bundled")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("own/2020-vardforlopp.yaml:") and "[yaml-syntax]" in lines[0]
    assert lines[-1] == (
        "vardmedel: error: no agreement for year 2021 in own; years there: 2020; fix them (vardmedel check lists all)"
    )
    # Sound, the same file is named as money usable in 2021, and the request fails as a question without an answer.
    (own / "2020-vardforlopp.yaml").write_text(text, encoding="utf-8")
    result = cli("allocate", "2021", "--agreements", "own", "--no-bundled")
    assert result.exit_code == 2
    assert "2020-vardforlopp" in result.stderr


def test_the_api_refuses_the_same(own):
    (own / "2022-y.yaml").write_text("id: 2022-y\nyear: 2022\ntitle: [Y\n", encoding="utf-8")
    for call in (
        lambda: vardmedel.load(own, year=2022),
        lambda: vardmedel.load(own, ids=[SJSV]),
        lambda: vardmedel.allocate(2022, folder=own),
    ):
        with pytest.raises(vardmedel.VardmedelError) as caught:
            call()
        assert caught.value.request is False
        assert [(Path(p.path).name, p.line, p.code) for p in caught.value.problems] == [
            ("2022-y.yaml", 4, "yaml-syntax")
        ]


#: What follows the other lines of a 2019 file, and whether a command for 2022 may leave the file unread.
YEAR_LINES = {
    "year: 2019\n": True,
    "year: 2019   # the agreement's year\n": True,
    "year:\t2019\r\n": True,
    "year: 2019#1\n": False,  # the text '2019#1', no year
    "year:2019\n": False,  # no key at all
    "year: 02019\n": False,
    "year: 2019\n---\nyear: 2022\n": False,  # a second document
    "year: 2019\n'year': 2022\n": False,
    "year: 2019\n!!str year: 2022\n": False,
    "year: 2019\nnote: x\x85year: 2022\n": False,  # NEL, a line break to YAML
    "year: 2019\nnote: x\u2029year: 2022\n": False,
    "{year: 2019}\n": False,
}


@pytest.mark.parametrize("line", list(YEAR_LINES))
def test_a_file_is_left_unread_for_another_year_only_when_its_year_is_clear(tmp_path, line):
    path = tmp_path / "2019-y.yaml"
    path.write_bytes(f"id: 2019-y\ntitle: Y\n{line}".encode())
    kept, other = vardmedel.catalog.files_for_year([path], 2022)
    assert (kept == [], other) == ((True, {2019}) if YEAR_LINES[line] else (False, set()))
