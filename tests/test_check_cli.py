"""``vardmedel check`` through the real command line: formats, exit codes, what is checked by default."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import agreement_yaml

from vardmedel.catalog import BUNDLED
from vardmedel.problem_formats import FORMATS, default_format, use_color, writer
from vardmedel.problem_formats.github import annotation, escape_data, escape_property
from vardmedel.problem_formats.text import line
from vardmedel.problems import CheckResult, Problem


def good(id: str = "2022-good", *, q: str = "5 mnkr", **fields) -> str:
    """An agreement whose totals add up: 60 mnkr over the six samverkansregioner and *q* to SKR."""
    pots = {"p": ("60 mnkr", "{equal: samverkansregioner}"), "q": (q, "{fixed: skr}")}
    return agreement_yaml(id, **{"title": "Good", "total": "65 mnkr", "area_total": "65 mnkr", "pots": pots, **fields})


GOOD = good()
#: The same agreement with a wrong area total on line 9 (the value starts at column 12).
WRONG_AREA = good("2022-wrong-area", area_total="66 mnkr")
AREA_MESSAGE = (
    "the total of area 'a' is stated as 66 000 000 kr but its pots add up to 65 000 000 kr, 1 000 000 kr less; "
    "correct whichever figure differs from the source"
)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "2022-good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "2022-wrong-area.yaml").write_text(WRONG_AREA, encoding="utf-8")
    return tmp_path


def test_the_bundled_agreements_pass(cli):
    result = cli("check", BUNDLED)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "4 files checked: no problems.\n"


def test_without_paths_it_checks_the_agreements_folder_in_use(tmp_path):
    # No ./agreements here: the bundled ones.
    result = subprocess.run(
        [sys.executable, "-m", "vardmedel", "check"], cwd=tmp_path, capture_output=True, text=True, env=_env()
    )
    assert (result.returncode, result.stdout) == (0, "4 files checked: no problems.\n")
    # With ./agreements: that folder.
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "2022-wrong-area.yaml").write_text(WRONG_AREA, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "vardmedel", "check"], cwd=tmp_path, capture_output=True, text=True, env=_env()
    )
    assert result.returncode == 1
    assert result.stdout == (
        f"agreements/2022-wrong-area.yaml:9:12: error: {AREA_MESSAGE} [sum-area]\nFound 1 error in 1 of 1 file.\n"
    )


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    return {**env, **extra}


def test_a_wrong_area_total_is_an_annotation_on_its_line_under_github_actions(folder):
    result = subprocess.run(
        [str(Path(sys.executable).parent / "vardmedel"), "check", "2022-good.yaml", "2022-wrong-area.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=_env(GITHUB_ACTIONS="true"),
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=2022-wrong-area.yaml,line=9,col=12,title=sum-area::" + AREA_MESSAGE,
        "Found 1 error in 1 of 2 files.",
    ]
    assert result.stderr == ""


def test_format_text_wins_over_github_actions(cli, folder):
    result = cli("check", "--format", "text", folder / "2022-wrong-area.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith(f"{folder / '2022-wrong-area.yaml'}:9:12: error: ")


def test_json_is_valid_and_complete(cli, folder):
    result = cli("check", "--format", "json", folder)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == {
        "version": 1,
        "problems": [
            {
                "path": str(folder / "2022-wrong-area.yaml"),
                "line": 9,
                "column": 12,
                "severity": "error",
                "code": "sum-area",
                "message": AREA_MESSAGE,
            }
        ],
        "summary": {
            "files": 2,
            "files_with_problems": 1,
            "errors": 1,
            "warnings": 0,
            "strict": False,
            "passed": False,
            "text": "Found 1 error in 1 of 2 files.",
        },
    }


def test_every_problem_of_every_file_in_one_run(cli, tmp_path):
    # One file with problems at three layers: YAML (a duplicate key), arithmetic and references.
    messy = GOOD.replace("id: 2022-good", "id: 2022-messy").replace("title: Good", "title: Good\ntitle: Again")
    messy = messy.replace("total: 65 mnkr\nareas", "total: 64 mnkr\nareas").replace("{fixed: skr}", "{fixed: skl}")
    (tmp_path / "2022-messy.yaml").write_text(messy, encoding="utf-8")
    (tmp_path / "2022-float.yaml").write_text(good("2022-float", q="4.5"))
    (tmp_path / "2022-good.yaml").write_text(GOOD, encoding="utf-8")
    result = cli("check", "--format", "json", tmp_path)
    got = [(Path(p["path"]).name, p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert got == [
        ("2022-float.yaml", 15, 17, "amount-float"),
        ("2022-messy.yaml", 4, 1, "yaml-duplicate-key"),
        ("2022-messy.yaml", 6, 8, "sum-total"),
        ("2022-messy.yaml", 17, 23, "unknown-recipient"),
    ]
    assert json.loads(result.stdout)["summary"]["text"] == "Found 4 errors in 2 of 3 files."


def test_strict_makes_warnings_fail(cli, tmp_path):
    (tmp_path / "2022-good.yaml").write_text(good(source=None))
    relaxed = cli("check", tmp_path)
    assert relaxed.exit_code == 0
    assert "warning: the agreement names no source" in relaxed.stdout
    assert relaxed.stdout.endswith("Found 1 warning in 1 of 1 file. Warnings fail the check under --strict.\n")
    strict = cli("check", "--strict", tmp_path)
    assert strict.exit_code == 1
    assert strict.stdout.endswith("Found 1 warning in 1 of 1 file. --strict: warnings fail.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no-such-folder"], "vardmedel: error: no such file or folder: no-such-folder\n"),
        (
            ["check", "--format", "xml"],
            "vardmedel: error: '--format' / '-f': 'xml' is not one of 'text', 'github', 'json'\n",
        ),
        (["check", "--jobs", "0"], "vardmedel: error: '--jobs' / '-j': give 1 or more\n"),
        (["check", "--jobs", "x"], "vardmedel: error: '--jobs' / '-j': give a whole number\n"),
    ],
)
def test_usage_errors_exit_2(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_nothing_to_check_exits_2(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("not an agreement")
    result = cli("check", tmp_path)
    assert result.exit_code == 2
    assert "nothing to check: no .yaml or .yml files in" in result.stderr


def test_every_format_value_maps_to_a_writer(cli):
    assert set(FORMATS) == {"text", "github", "json"}
    for name in FORMATS:
        assert callable(writer(name).write)
        assert cli("check", "--format", name, BUNDLED).exit_code == 0


def test_github_is_the_default_only_inside_github_actions():
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color():
    assert use_color(_Terminal(), {}) is True
    assert use_color(_Terminal(), {"NO_COLOR": "1"}) is False
    assert use_color(io.StringIO(), {}) is False
    problem = Problem("a.yaml", 3, 5, "sum-area", "off")
    assert line(problem) == "a.yaml:3:5: error: off [sum-area]"
    assert line(problem, color=True) == "\x1b[1ma.yaml\x1b[0m:3:5: \x1b[1;31merror\x1b[0m: off \x1b[2m[sum-area]\x1b[0m"


def test_annotations_are_escaped_as_githubs_toolkit_escapes_them():
    assert escape_data("50% off\r\nnext: a, b") == "50%25 off%0D%0Anext: a, b"
    assert escape_property("dir,with:odd%name\n") == "dir%2Cwith%3Aodd%25name%0A"
    problem = Problem("odd,name.yaml", 2, 7, "no-source", "line one\nline two: 100%")
    assert annotation(problem) == (
        "::warning file=odd%2Cname.yaml,line=2,col=7,title=no-source::line one%0Aline two: 100%25"
    )
    unreadable = Problem("gone.yaml", 0, 0, "file-unreadable", "cannot read the file")
    assert annotation(unreadable) == "::error file=gone.yaml,title=file-unreadable::cannot read the file"


def test_long_messages_are_never_wrapped():
    long = Problem("a.yaml", 1, 1, "schema-type", "x " * 400)
    result = CheckResult([long], files=1)
    for name in FORMATS:
        stream = io.StringIO()
        writer(name).write(result, stream)
        if name == "json":
            assert json.loads(stream.getvalue())["problems"][0]["message"] == "x " * 400
        else:
            assert len(stream.getvalue().splitlines()) == 2


def test_allocate_still_refuses_what_check_reports(cli, folder):
    result = cli("allocate", "2022", "--agreements", folder)
    assert result.exit_code == 1
    assert f"2022-wrong-area.yaml:9:12: error: {AREA_MESSAGE} [sum-area]" in result.stderr
