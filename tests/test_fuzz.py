"""The command line against agreement files drawn from the format (fuzzdocs.py): no input is an internal error.

Every drawn folder goes through ``check``, ``allocate`` (every format, ``--by``,
``--level``, ``--unit``, ``--sort``, ``--top``, ``--recipient``, ``--funder``,
``--years``, ``--lang``, with and without the bundled agreements) and ``explain``,
in-process. An exception that escapes the command is what the console script turns
into exit 70; here it fails the test with its traceback, and hypothesis shrinks the
file that caused it. Exit codes are 0, 1 (problems in the input) or 2 (a request
that cannot be met), and a refused run leaves no output file behind.

Valid documents must also be allocated exactly: each pot's parts add up to the pot,
and each part is what the rule says, worked out by fuzzdocs from the draw.

The default profile keeps the whole module to a few seconds; ``VARDMEDEL_FUZZ=long``
draws a hundred times as many examples, ``VARDMEDEL_FUZZ=N`` N per test.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
import yaml
from fuzzdocs import (
    ENCODINGS,
    REGIONS,
    SAMVERKANSREGIONER,
    Expected,
    edited_text,
    encoded,
    mutated,
    odd_keys,
    texts,
    to_yaml,
    unique_slugs,
    valid_agreement,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vardmedel.cli import app
from vardmedel.codes import CODES


def _profile() -> settings:
    chosen = os.environ.get("VARDMEDEL_FUZZ", "ci")
    examples = {"ci": 30, "long": 3000}.get(chosen) or int(chosen)
    return settings(
        max_examples=examples,
        deadline=None,
        # The tmp folder and the working folder are the same for every example, by design.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


FUZZ = _profile()
FORMATS = ("table", "csv", "json", "markdown", "excel-sv", "xlsx")
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[(?P<code>[a-z0-9-]+)\]$")


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """A fresh folder per example, the command run from an empty one (no ./agreements), and no cache.

    The working folder changes only while an example runs: hypothesis keeps its failing examples relative to the
    one pytest started in. Without the cache, an example hypothesis runs again (to shrink it) takes the same path.
    """
    monkeypatch.setenv("VARDMEDEL_NO_CACHE", "1")
    empty = tmp_path / "cwd"
    empty.mkdir()

    @contextlib.contextmanager
    def fresh() -> Iterator[str]:
        with tempfile.TemporaryDirectory(dir=tmp_path) as folder, contextlib.chdir(empty):
            yield folder

    return fresh


def run(*args: object):
    """The command line in-process; an exception escaping it (exit 70 from the console script) fails the test."""
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    if result.exit_code and args[0] != "check":  # check's problems are its output
        assert result.stderr.strip(), (args, "a refusal says why")
    return result


# --- options ----------------------------------------------------------------------------------------------


@st.composite
def allocate_options(draw, year: int, recipients: list[str], funders: list[str], output: Path) -> list[str]:
    """The options of one ``allocate`` run: a format (xlsx to a file), columns, rows, order and selections."""
    options: list[str] = []
    if draw(st.integers(0, 5)) == 0:
        span = draw(st.sampled_from([f"{year}", f"{year - 1}-{year + 1}", f"{year},{year}", f"1990-{year}"]))
        options += ["--years", span]
    else:
        options.append(str(year))
        if draw(st.booleans()):
            options += ["--by", draw(st.sampled_from(["area", "pot", "agreement"]))]
    format_name = draw(st.sampled_from(FORMATS))
    if format_name == "xlsx" or draw(st.integers(0, 5)) == 0:
        options += ["-o", output.with_suffix(".xlsx" if format_name == "xlsx" else ".out")]
    options += ["-f", format_name]
    if draw(st.booleans()):
        options += ["--level", draw(st.sampled_from(["recipient", "samverkansregion"]))]
    if draw(st.booleans()):
        options += ["--unit", draw(st.sampled_from(["kr", "tkr", "mnkr"]))]
    if draw(st.booleans()):
        options += ["--sort", draw(st.sampled_from(["code", "total", "name", "per-capita"]))]
    if draw(st.integers(0, 3)) == 0:
        options += ["--top", str(draw(st.integers(1, 30)))]
    for recipient in draw(st.lists(st.sampled_from(recipients), max_size=2)) if recipients else ():
        options += ["-r", recipient]
    if funders and draw(st.integers(0, 3)) == 0:
        options += ["--funder", draw(st.sampled_from(funders))]
    if draw(st.integers(0, 3)) == 0:
        options += ["--lang", draw(st.sampled_from(["en", "sv"]))]
    return options


def folder_options(folder: str, bundled: bool) -> list[str]:
    return ["--agreements", folder] + ([] if bundled else ["--no-bundled"])


# --- valid agreements -------------------------------------------------------------------------------------


@st.composite
def valid_folders(draw) -> tuple[int, dict[str, dict], Expected]:
    """One or two valid agreements of one year, by file name, and what allocating them must give."""
    year = draw(st.one_of(st.sampled_from([2019, 2020, 2022, 2023, 2024]), st.integers(1990, 2100)))
    count = draw(st.integers(1, 2))
    suffixes = draw(unique_slugs(count))
    bundled = {2019: "god-och-nara-vard", 2020: "vardforlopp", 2022: "sammanhallen-jamlik-saker-vard"}
    if year in bundled and draw(st.booleans()):  # the id of a bundled agreement: this file replaces it
        suffixes[0] = bundled[year] if bundled[year] not in suffixes else suffixes[0]
    files: dict[str, dict] = {}
    expected = Expected()
    for suffix in suffixes:
        doc, wanted = draw(valid_agreement(year, suffix))
        files[f"{doc['id']}.yaml"] = doc
        expected.pots += wanted.pots
        expected.recipients |= wanted.recipients
        expected.funders |= wanted.funders
    return year, files, expected


def write(folder: str, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        Path(folder, name).write_bytes(data)


def assert_allocated_exactly(document: dict, expected: Expected) -> None:
    """Each pot's parts add up to the pot in whole units, and are what its rule says."""
    pots = {(a["id"], p["area"], p["pot"]): p for a in document["agreements"] for p in a["pots"]}
    assert len(pots) == len(expected.pots)
    for want in expected.pots:
        pot = pots[(want.agreement, want.area, want.pot)]
        parts = {part["recipient"]: part["amount"] for part in pot["parts"]}
        assert pot["amount"] == want.amount
        assert sum(parts.values()) == want.amount, want
        assert all(amount >= 0 and amount % want.unit == 0 for amount in parts.values()), want
        if want.exact is not None:
            assert {r: a for r, a in parts.items() if a} == want.exact
        elif want.weights is not None:
            total = sum(want.weights.values())
            units = want.amount // want.unit
            for recipient, weight in want.weights.items():
                share = Fraction(units * weight, total)
                got = parts.get(recipient, 0) // want.unit
                assert share - 1 < got < share + 1, (want, recipient, got, share)
            assert set(parts) <= set(want.weights)
        else:
            assert set(parts) <= set(want.members)
    assert document["total"] == sum(want.amount for want in expected.pots)
    assert sum(row["total"] for row in document["recipients"]) == document["total"]


def assert_columns_add_up(text: str, expected: Expected) -> None:
    """``--by pot`` CSV: each pot's column adds up to the pot, each row's columns to its total."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))  # a name may hold U+2028, which splitlines splits at
    owners: dict[str, set[str]] = {}
    for want in expected.pots:
        owners.setdefault(f"{want.area}/{want.pot}", set()).add(want.agreement)
    for want in expected.pots:
        column = f"{want.area}/{want.pot}"
        column = f"{want.agreement}/{column}" if len(owners[column]) > 1 else column  # ids prefix only keys that clash
        assert sum(int(row[column]) for row in rows) == want.amount, column
    columns = [c for c in rows[0] if c not in ("recipient", "name", "kind", "total", "kr_per_inhabitant")]
    for row in rows:
        assert sum(int(row[c]) for c in columns) == int(row["total"])


@FUZZ
@given(drawn=valid_folders(), data=st.data())
def test_valid_agreements_are_allocated_exactly_in_every_format(folders, drawn, data):
    year, docs, expected = drawn
    with folders() as folder:
        write(folder, {name: to_yaml(doc).encode() for name, doc in docs.items()})
        checked = run("check", folder, "-f", "json")
        problems = json.loads(checked.stdout)["problems"]
        assert [
            f"{p['line']}:{p['column']}: {p['message']} [{p['code']}]" for p in problems if p["severity"] == "error"
        ] == []
        assert checked.exit_code == 0
        own = folder_options(folder, bundled=False)
        allocated = run("allocate", year, *own, "-f", "json")
        assert allocated.exit_code == 0, allocated.stderr
        assert_allocated_exactly(json.loads(allocated.stdout), expected)
        by_pot = run("allocate", year, *own, "--by", "pot", "-f", "csv")
        assert by_pot.exit_code == 0, by_pot.stderr
        assert_columns_add_up(by_pot.stdout, expected)

        recipients = sorted(expected.recipients)
        output = Path(folder, "out")
        options = data.draw(allocate_options(year, recipients, sorted(expected.funders), output))
        bundled = data.draw(st.booleans())
        result = run("allocate", *options, *folder_options(folder, bundled))
        assert result.exit_code == 0, (options, result.stderr)

        recipient = data.draw(st.sampled_from(recipients))
        explained = run("explain", year, "-r", recipient, *own, "-f", "json")
        assert explained.exit_code == 0, explained.stderr
        got = json.loads(explained.stdout)
        parts = [
            part["amount"]
            for a in json.loads(allocated.stdout)["agreements"]
            for pot in a["pots"]
            for part in pot["parts"]
            if part["recipient"] == recipient
        ]
        assert got["total"] == sum(parts)


# --- broken agreements ------------------------------------------------------------------------------------


@st.composite
def broken_folders(draw) -> tuple[int, dict[str, bytes], list[str], list[str]]:
    """Valid agreements broken in their values, then in their text, as file bytes; with ids and funders to ask for."""
    year, docs, expected = draw(valid_folders())
    names = list(docs)
    texts_of: dict[str, str] = {}
    # Mild breakage (values changed, the YAML intact) reaches the allocation; harsh breakage tests the reading.
    harsh = draw(st.booleans())
    for name in names:
        doc = docs[name]
        for _ in range(draw(st.integers(1 - harsh, 3))):
            doc = draw(mutated(doc, [d for n, d in docs.items() if n != name], harsh))
        text = to_yaml(doc)
        for _ in range(draw(st.integers(0, 2)) if harsh else 0):
            text = draw(edited_text(text))
        texts_of[name] = text
    if draw(st.integers(0, 4)) == 0:  # a file named by another year, by odd characters, or copied under another name
        name = draw(st.sampled_from(names))
        other = draw(
            st.one_of(
                st.sampled_from([f"{year + 1}-x.yaml", f"{year}-x.yml", "x.YAML", ".hidden.yaml", "2022-ä\u0301.yaml"]),
                texts.map(lambda t: f"{year}-{t[:40]}.yaml".replace("/", "-").replace("\x00", "")),
            )
        )
        texts_of[other] = texts_of[name]
    encodings = st.sampled_from(ENCODINGS) if harsh and draw(st.integers(0, 3)) == 0 else st.just("utf-8")
    files = {name: encoded(text, draw(encodings)) for name, text in texts_of.items()}
    recipients = [*sorted(expected.recipients), draw(texts), draw(st.sampled_from([*REGIONS, *SAMVERKANSREGIONER]))]
    recipients += [draw(st.sampled_from(["skl", "SKR", "dalarna", "Region Dalarna", "orebro", "uppsala-örebro"]))]
    funders = [*sorted(expected.funders), draw(odd_keys)]
    return year, files, recipients, funders


def assert_checked(result, format_name: str) -> None:
    """``check`` says pass or fail; every problem is on a line of its own, with a code from the registry."""
    assert result.exit_code in (0, 1)
    if format_name == "json":
        problems = json.loads(result.stdout)["problems"]
        assert {p["code"] for p in problems} <= set(CODES)
        assert all(p["line"] >= 0 and p["column"] >= 0 for p in problems)
    elif format_name == "text":
        for line in result.stdout.splitlines()[:-1]:  # the last line sums up
            match = PROBLEM_LINE.match(line)
            assert match and match["code"] in CODES, line


@FUZZ
@given(drawn=broken_folders(), data=st.data())
def test_broken_agreements_are_refused_never_crash(folders, drawn, data):
    year, files, recipients, funders = drawn
    parser = data.draw(st.sampled_from(["libyaml", "python"]))  # PyYAML's own parser, where libyaml is missing
    with (
        folders() as folder,
        mock.patch.object(yaml, "CSafeLoader", None) if parser == "python" else contextlib.nullcontext(),
    ):
        write(folder, files)
        format_name = data.draw(st.sampled_from(["text", "github", "json"]))
        checked = run("check", folder, "-f", format_name)
        assert_checked(checked, format_name)
        event(f"check exit {checked.exit_code}")  # --hypothesis-show-statistics: how far the broken files get

        output = Path(folder, "out")
        options = data.draw(allocate_options(year, recipients, funders, output))
        bundled = data.draw(st.booleans())
        result = run("allocate", *options, *folder_options(folder, bundled))
        event(f"allocate exit {result.exit_code}")
        written = [p for p in Path(folder).iterdir() if p.name.startswith("out")]
        if result.exit_code:
            assert written == [], "a refused run leaves no output file"
        if checked.exit_code == 0 and "--years" not in options and "-r" not in options and "--funder" not in options:
            assert result.exit_code == 0, ("check passed, so allocate must", options, result.stderr)

        recipient = data.draw(st.sampled_from(recipients))
        format_name = data.draw(st.sampled_from(FORMATS[:-1]))
        explained = run("explain", year, "-r", recipient, *folder_options(folder, bundled), "-f", format_name)
        event(f"explain exit {explained.exit_code}")


# --- what the fuzzing found -------------------------------------------------------------------------------


def test_a_control_character_typed_into_a_file_is_placed_on_one_line(cli, agreement):
    folder = agreement(title="T\u0090x")  # what YAML refuses to read at all, not only in a text
    result = cli("check", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{folder / '2022-x.yaml'}:3:9: error: the file holds the character U+0090, which YAML does not allow in a "
        "file (it is invisible in most editors); remove it [text-hidden-character]"
    )


def test_a_file_name_with_a_newline_or_an_escape_sequence_stays_on_its_problems_line(cli, agreement):
    folder = agreement(name="2022-x\n\x1b[2J.yaml")  # would end the line, then clear the terminal
    result = cli("check", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{folder}/2022-x\\n\\x1b[2J.yaml:1:5: error: the id '2022-x' differs from the file name '2022-x\\n\\x1b[2J'; "
        "make them equal [file-name-id]"
    )
    refused = cli("allocate", "2022", "--agreements", folder)
    assert refused.exit_code == 1
    assert f"{folder}/2022-x\\n\\x1b[2J.yaml:1:5: error: the id" in refused.stderr


def test_a_message_naming_another_file_escapes_its_name_too(cli, agreement):
    folder = agreement(name="2022-x\n.yaml")
    agreement(name="2022-y.yaml")  # the same id, 2022-x
    result = cli("check", folder)
    assert result.exit_code == 1
    assert (
        f"{folder}/2022-y.yaml:1:5: error: agreement id '2022-x' is also used by {folder}/2022-x\\n.yaml:1; ids must "
        "be unique [duplicate-id]"
    ) in result.stdout.splitlines()
