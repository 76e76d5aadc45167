"""The corpus of broken files: each fails ``vardmedel check`` with exactly the problems it announces.

Every file in tests/corpus/ (and every folder, for problems between files)
states what it must produce in comment lines ``# expect: SEVERITY CODE LINE:COLUMN``.
The check must report those problems and no others, and exit 1 (under
``--strict``, so that the files that only have warnings fail too). Together with
the few cases made at test time (``MADE``) they produce every code in
vardmedel.codes, and no code outside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS

from vardmedel.codes import CODES
from vardmedel.pipeline import check_file, check_paths
from vardmedel.problems import Problem
from vardmedel.textfile import MAX_BYTES

EXPECT = re.compile(rb"^# expect: (error|warning) ([a-z0-9-]+) (\d+):(\d+)\s*$", re.M)
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".yaml" or p.is_dir())


def expected(case: Path) -> set[tuple]:
    files = [case] if case.is_file() else sorted(case.rglob("*.yaml"))
    return {
        (str(file.relative_to(CORPUS)), severity.decode(), code.decode(), int(line), int(column))
        for file in files
        for severity, code, line, column in EXPECT.findall(file.read_bytes())
    }


def found(cli, case: Path, *options: str) -> tuple[int, set[tuple], dict]:
    result = cli("check", "--format", "json", *options, case)
    data = json.loads(result.stdout)
    problems = {
        (str(Path(p["path"]).resolve().relative_to(CORPUS)), p["severity"], p["code"], p["line"], p["column"])
        for p in data["problems"]
    }
    return result.exit_code, problems, data


def _too_large(folder: Path, reference) -> list[Problem]:
    path = folder / "2022-too-large.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    return check_paths([path], reference).problems


def _missing(folder: Path, reference) -> list[Problem]:
    return check_paths([folder / "2022-gone.yaml"], reference).problems


def _unreadable(folder: Path, reference) -> list[Problem]:
    """A folder where a file was expected: what a file that vanished or is closed to us looks like."""
    (folder / "2022-folder.yaml").mkdir()
    return check_file(folder / "2022-folder.yaml", reference).problems


#: Problems no committed file can carry (one over 2 MiB, a path that is not there or cannot be read):
#: made at test time, each with the one problem (name, severity, code, line, column) it must produce.
MADE = {
    "file-too-large": (_too_large, ("2022-too-large.yaml", "error", "file-too-large", 1, 1)),
    "file-missing": (_missing, ("2022-gone.yaml", "error", "file-missing", 0, 0)),
    "file-unreadable": (_unreadable, ("2022-folder.yaml", "error", "file-unreadable", 0, 0)),
}


@pytest.mark.parametrize("code", MADE)
def test_each_made_case_fails_with_exactly_its_problem(tmp_path, reference, code):
    make, problem = MADE[code]
    found = make(tmp_path, reference)
    assert [(Path(p.path).name, p.severity, p.code, p.line, p.column) for p in found] == [problem]


def test_every_code_in_the_registry_is_produced_by_the_corpus_and_no_other():
    """A new code needs a corpus file (or a made case) that produces it; a code nothing produces is dropped."""
    assert len(CASES) >= 30
    produced = {code for case in CASES for _, _, code, _, _ in expected(case)} | set(MADE)
    assert produced == set(CODES), (set(CODES) - produced, produced - set(CODES))
    assert all(expected(case) for case in CASES), [c.name for c in CASES if not expected(c)]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_corpus_file_fails_with_exactly_its_problems(cli, case):
    exit_code, problems, data = found(cli, case, "--strict")
    assert problems == expected(case)
    assert exit_code == 1
    assert data["summary"]["passed"] is False


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_text_output_has_one_line_per_problem_and_no_traceback(cli, case):
    result = cli("check", "--strict", case)
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected(case)) + 1  # and the summary
    assert all(re.match(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$", line) for line in lines[:-1])
    assert lines[-1].startswith("Found ")
    assert "Traceback" not in result.output


def test_warnings_pass_without_strict(cli):
    for name in ("2022-no-source.yaml", "2022-population-no-date.yaml"):
        exit_code, problems, data = found(cli, CORPUS / name)
        assert exit_code == 0
        assert {severity for _, severity, *_ in problems} == {"warning"}
        assert data["summary"] == {
            "files": 1,
            "files_with_problems": 1,
            "errors": 0,
            "warnings": 1,
            "strict": False,
            "passed": True,
            "text": "Found 1 warning in 1 of 1 file. Warnings fail the check under --strict.",
        }


def test_the_whole_corpus_in_one_run_reports_every_problem_of_every_file(cli):
    exit_code, problems, data = found(cli, CORPUS, "--strict")
    assert exit_code == 1
    everything = set().union(*(expected(case) for case in CASES))
    assert problems == everything
    assert data["summary"]["files"] == len(list(CORPUS.rglob("*.yaml")))


MESSAGES = {
    # the source's slip is caught, with the difference in kronor
    "2019-sum-frame.yaml": "the frame's total is stated as 900 000 000 000 kr but its years add up to 900 000 000 kr, "
    "899 100 000 000 kr less",
    "2022-sum-area.yaml": "the total of area 'a' is stated as 70 000 000 kr but its pots add up to 65 000 000 kr, "
    "5 000 000 kr less",
    "2022-sum-total.yaml": "the agreement's total is stated as 70 000 000 kr but its pots add up to 60 000 000 kr",
    "2022-sum-funding.yaml": "the funding adds up to 50 000 000 kr but the agreement's total is 60 000 000 kr",
    "2022-sum-amounts.yaml": "pot 'p' is stated as 10 000 000 kr but the rows of its amounts table add up to "
    "9 000 000 kr, 1 000 000 kr less",
    "2022-published-total.yaml": "the published table's total is stated as 1 357 000 000 kr but its rows add up to "
    "1 367 000 000 kr, 10 000 000 kr more",
    "2022-published-differs.yaml": "published 10 000 002 kr for sydostra but computed 10 000 000 kr (+2 kr, "
    "tolerance ±1)",
    "2022-published-missing.yaml": "the published table has no row for vastra, which is computed to get 10 000 000 kr",
    "2022-schema-unknown-key.yaml": "unknown key 'totl' (did you mean 'total'?)",
    "2022-yaml-duplicate-key.yaml": "duplicate key 'fixed' (first at line 18, column 16)",
    "2022-yaml-tag.yaml": "tag !!python/object/apply:os.system is not allowed",
    "2022-yaml-tabs.yaml": "YAML indents with spaces, not tabs",
    "2022-yaml-unclosed-quote.yaml": "the quote opened here is never closed",
    "2022-file-encoding.yaml": "byte 0xe5 is not UTF-8 (it looks like Latin-1 or Windows-1252); save the file as UTF-8",
    "2022-amount-float.yaml": 'write "4,5 mnkr" if it means millions',
    "2022-yes-no-where-numbers-belong.yaml": "year: expected a whole number, got the text 'yes'",
    "2022-true-where-text-belongs.yaml": "quote it if it is text",
    "2022-unknown-recipient.yaml": "unknown recipient 'skl' (did you mean 'skr'?)",
    "2022-number-too-long.yaml": "12:17: error: '1000000000000000000000000000000' has 31 digits; a number here has "
    "at most 18: check for extra digits [number-too-long]",
    "2022-amount-too-large.yaml": "'100000000000000000' is 100 000 000 000 000 000 kr, more than the "
    "10 000 000 000 000 kr any agreement could hold; check for extra digits [amount-too-large]".replace(
        " 000", "\u00a0000"
    ),
    "2022-text-hidden-character.yaml": "7:8: error: the text holds the invisible character U+001B (at character 6); "
    "remove it: it could change what a terminal or a spreadsheet shows [text-hidden-character]",
    "2022-yaml-same-value-keys.yaml": "10:57: error: duplicate key '0x7E7' (first at line 10, column 26, written "
    "'2023': YAML 1.2 reads both as the number 2023); YAML would silently keep only the last",
    "2022-area-id-reserved.yaml": "8:9: error: area id 'total' is also the name of a column of every allocation "
    "(recipient, name, short_name, kind, total, kr_per_inhabitant), so its column would overwrite that one; "
    "rename the area [area-id-reserved]",
    "2022-recipient-builtin.yaml": "10:3: error: recipient 'skr' is already Sveriges Kommuner och Regioner "
    "(organisation); declared again it would replace that one: use 'skr' without declaring it, or choose another id",
    "2022-frame-year-key.yaml": "9:26: error: frame.years: the key '2_023' is not a year; write it as digits, "
    "such as 2020 [schema-type]",
    "2022-sum-funding-pot.yaml": "the funding adds up to 50 000 000 kr but the amount of pot 'p' is 60 000 000 kr",
    "2022-sum-funders.yaml": "the agreement is stated to be paid by staten 40 000 000 kr, regionerna 20 000 000 kr, "
    "but the funders of its pots add up to staten 50 000 000 kr, regionerna 10 000 000 kr",
    "2022-sum-funders-single.yaml": "area 'a' is stated to be paid by staten 60 000 000 kr, but the funders of its "
    "pots add up to staten 50 000 000 kr, regionerna 10 000 000 kr",
    "2022-funding-unresolved.yaml": "2 of its 2 pots (a/p, a/q) do not say which of them pays",
    "2022-schema-funding.yaml": "areas[0].pots[0]: give funder: (one payer for all of it) or funding: (a split "
    "between payers), not both",
    "2020-valid-years.yaml": "valid: 2021–2022 does not hold the agreement's own year 2020",
    "2020-valid-backwards.yaml": "valid: runs from 2021 to 2020, which is backwards",
    "2022-report-due.yaml": "the report 'Delrapport' falls due on 2032-09-30, outside 2022–2024",
}


@pytest.mark.parametrize("name", list(MESSAGES))
def test_messages_say_what_is_wrong(cli, name):
    result = cli("check", CORPUS / name)
    assert MESSAGES[name] in result.stdout


def test_a_duplicate_id_names_the_other_file(cli):
    result = cli("check", CORPUS / "duplicate-id")
    assert "agreement id '2022-twin' is also used by " in result.stdout
    assert "duplicate-id/one/2022-twin.yaml:2; ids must be unique [duplicate-id]" in result.stdout


def test_a_later_agreement_beyond_its_frame_names_the_frame(cli):
    result = cli("check", CORPUS / "frame-exceeded")
    assert result.exit_code == 0  # a warning
    assert (
        "series 'testserie' agrees 310 000 000 kr for 2020 (2020-more-than-reserved 310 000 000 kr), 10 000 000 kr "
        "more than the 300 000 000 kr the frame of 2019-frame (" in result.stdout
    )
    assert "frame-exceeded/2019-frame.yaml:10) reserved" in result.stdout
    # Each file alone is fine: the warning is about the two together.
    for name in ("2019-frame.yaml", "2020-more-than-reserved.yaml"):
        assert cli("check", "--strict", CORPUS / "frame-exceeded" / name).exit_code == 0
