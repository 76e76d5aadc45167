"""Agreements of one's own: layered folders (bundled, ./agreements, --agreements), `init`, `new` and the draft."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import agreement_yaml, rows_of

import vardmedel
from vardmedel.catalog import BUNDLED, agreement_folders, read_file
from vardmedel.checks import check_agreement
from vardmedel.draft import draft, keeps_figures
from vardmedel.loader import validate
from vardmedel.yamlsource import load as load_yaml

SJSV = "2022-sammanhallen-jamlik-saker-vard"
BUNDLED_IDS = sorted(path.stem for path in BUNDLED.glob("*.yaml"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed program, as a user runs it, in *cwd*."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "vardmedel", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def here(tmp_path, monkeypatch):
    """An empty working folder for the in-process command line."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the issue's own walk-through, through the real program -------------------------------------------


def test_init_new_check_fill_compare_from_an_empty_folder(tmp_path):
    started = run("init", cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "Copied 4 agreements and schema.json into agreements." in started.stdout
    drafted = run("new", "2023", "--from", SJSV, cwd=tmp_path)
    assert drafted.returncode == 0, drafted.stderr
    new_file = tmp_path / "agreements" / "2023-sammanhallen-jamlik-saker-vard.yaml"
    assert f"Wrote {Path('agreements') / new_file.name}: a draft from {SJSV}." in drafted.stdout

    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        "agreements/2023-sammanhallen-jamlik-saker-vard.yaml:5:1: error: source: is empty; fill in where the "
        "figures come from: {title:, published:, seed: or url:} [source-empty]",
        "Found 1 error in 1 of 5 files.",
    ]

    text = new_file.read_text(encoding="utf-8")
    assert "\nsource:  # REVIEW: the source of the 2023 agreement" in text
    new_file.write_text(
        text.replace(
            text[text.index("\nsource:") : text.index("\n", text.index("\nsource:") + 1)],
            "\nsource: {title: Överenskommelse 2023, published: 2023-02-01}",
        ),
        encoding="utf-8",
    )
    assert run("check", cwd=tmp_path).returncode == 0

    compared = run("compare", "2022", "2023", "-f", "json", cwd=tmp_path)
    assert compared.returncode == 0, compared.stderr
    assert compared.stderr == ""  # the untouched copies replace nothing, so no notice
    folders = json.loads(compared.stdout)["folders"]
    assert [(f["bundled"], f["agreements"]) for f in folders] == [
        (True, [SJSV]),
        (False, ["2023-sammanhallen-jamlik-saker-vard"]),
    ]
    assert folders[1]["path"] == "agreements"
    table = run("compare", "2022", "2023", "-f", "markdown", cwd=tmp_path)
    assert (
        "Agreement folders read: the bundled agreements (2022-sammanhallen-jamlik-saker-vard); "
        "agreements (2023-sammanhallen-jamlik-saker-vard)." in table.stdout
    )
    rows = {row["recipient"]: row for row in rows_of(run("compare", "2022", "2023", cwd=tmp_path).stdout)}
    assert (rows["20"]["2022"], rows["20"]["2023"], rows["20"]["change"]) == ("3104294", "3104294", "0")


# --- layers ------------------------------------------------------------------------------------------


def test_a_file_with_a_bundled_id_replaces_it_with_a_notice(cli, here):
    write(here / "agreements" / f"{SJSV}.yaml", agreement_yaml(SJSV, amount="6 kr"))
    result = cli("allocate", "2022", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"vardmedel: agreements/{SJSV}.yaml replaces the bundled {SJSV}\n"
    # 6 kr over the six samverkansregioner: 1 each; nothing of the bundled 2022 agreement is left.
    assert [(r["recipient"], r["total"]) for r in rows_of(result.stdout)] == [
        ("norra", "1"), ("mellansverige", "1"), ("stockholm-gotland", "1"),
        ("sydostra", "1"), ("sodra", "1"), ("vastra", "1"),
    ]  # fmt: skip
    other_year = cli("allocate", "2019", "-f", "csv")
    assert other_year.exit_code == 0 and other_year.stderr == ""  # the 2022 file is not even read


def test_a_later_folder_replaces_an_earlier_one_and_names_it(cli, here):
    write(here / "agreements" / "2022-x.yaml", agreement_yaml("2022-x", amount="6 kr"))
    write(here / "more" / "2022-x.yaml", agreement_yaml("2022-x", amount="12 kr"))
    result = cli("allocate", "2022", "--by", "agreement", "--agreements", "more", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "vardmedel: more/2022-x.yaml replaces agreements/2022-x.yaml (both are 2022-x)\n"
    data = json.loads(result.stdout)
    assert [a["id"] for a in data["agreements"]] == [SJSV, "2022-x"]
    assert next(a for a in data["agreements"] if a["id"] == "2022-x")["total"] == 12
    assert [(f["path"], f["agreements"]) for f in data["folders"]] == [
        (str(BUNDLED), [SJSV]),
        ("agreements", []),
        ("more", ["2022-x"]),
    ]


def test_the_same_id_twice_in_one_folder_is_still_an_error(cli, here):
    write(here / "agreements" / "2022-x.yaml", agreement_yaml("2022-x"))
    write(here / "agreements" / "2022-y.yaml", agreement_yaml("2022-x"))
    result = cli("allocate", "2022")
    assert result.exit_code == 1
    assert "agreements/2022-y.yaml:1:5: error: agreement id '2022-x' is also used by agreements/2022-x.yaml:1" in (
        result.stderr
    )


def test_a_broken_local_file_blocks_its_year_and_never_falls_back_to_the_bundled_one(cli, here):
    write(here / "agreements" / f"{SJSV}.yaml", f"id: {SJSV}\nyear: 2022\ntitle: [X\n")
    result = cli("allocate", "2022", "-f", "csv")
    assert result.exit_code == 1
    assert f"agreements/{SJSV}.yaml:4:1: error: YAML syntax:" in result.stderr
    assert result.stdout == ""
    # Named for 2022 and saying so: another year does not read it, so it does not block that year.
    other_year = cli("allocate", "2019", "-f", "csv")
    assert other_year.exit_code == 0, other_year.stderr


def test_a_broken_local_file_of_another_year_does_not_block(cli, here):
    write(here / "agreements" / "2023-x.yaml", "id: 2023-x\nyear: 2023\ntitle: [X\n")
    result = cli("allocate", "2022", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert sum(int(r["total"]) for r in rows_of(result.stdout)) == 384_000_000


def test_no_bundled_without_a_folder_is_a_usage_error(cli, here):
    result = cli("list", "--no-bundled")
    assert result.exit_code == 2
    assert "no agreements folder: without the bundled agreements, give a folder" in result.stderr


def test_a_missing_agreements_folder_is_a_usage_error(cli, here):
    result = cli("list", "--agreements", "nothing")
    assert result.exit_code == 2
    assert "no agreements folder at nothing" in result.stderr


def test_the_folders_are_named_in_every_format(cli, here):
    write(here / "agreements" / "2022-x.yaml", agreement_yaml("2022-x", amount="6 kr"))
    note = "Agreement folders read: the bundled agreements (2022-sammanhallen-jamlik-saker-vard); agreements (2022-x)."
    assert note in cli("allocate", "2022", "-f", "table").stdout
    assert note in cli("allocate", "2022", "-f", "markdown").stdout
    csv_text = cli("allocate", "2022", "-f", "csv").stdout
    assert "folder" not in csv_text  # CSV stays plain rows
    listed = json.loads(cli("list", "-f", "json").stdout)
    assert [(f["bundled"], len(f["agreements"])) for f in listed["folders"]] == [(True, 4), (False, 1)]
    shown = json.loads(cli("show", "2022-x", "-f", "json").stdout)
    assert [f["agreements"] for f in shown["folders"]] == [[], ["2022-x"]]
    assert "Agreement folders read:" in cli("deadlines", "-f", "markdown").stdout
    assert "Agreement folders read:" in cli("explain", "2022", "-r", "norra", "-f", "markdown").stdout

    assert cli("report", "2022", "-o", "out.html").exit_code == 0
    assert note in (here / "out.html").read_text(encoding="utf-8")

    openpyxl = pytest.importorskip("openpyxl")
    assert cli("allocate", "2022", "-o", "out.xlsx").exit_code == 0
    sheet = openpyxl.load_workbook(here / "out.xlsx")["Sources"]
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert note in cells


def test_one_folder_is_named_alone(cli, here):
    assert cli("list", "-f", "markdown").stdout.rstrip().endswith("Agreement folder read: the bundled agreements.")


def test_the_folders_in_layer_order_once_each(here):
    write(here / "agreements" / "2022-x.yaml", agreement_yaml("2022-x"))
    (here / "more").mkdir()
    folders = agreement_folders([Path("more"), Path("agreements"), Path("more")])
    assert [(str(f.path), f.bundled) for f in folders] == [(str(BUNDLED), True), ("agreements", False), ("more", False)]
    assert [str(f.path) for f in agreement_folders([Path("more")], bundled=False)] == ["more"]
    assert [str(f.path) for f in agreement_folders(bundled=False)] == ["agreements"]
    os.symlink(BUNDLED, here / "linked")
    first = agreement_folders([Path("linked")], bundled=True)[0]
    assert (str(first.path), first.bundled) == ("linked", True)


# --- the Python API ---------------------------------------------------------------------------------


def test_load_layers_the_folders_it_is_given(tmp_path):
    write(tmp_path / "a" / "2022-x.yaml", agreement_yaml("2022-x", amount="6 kr"))
    write(tmp_path / "b" / "2022-x.yaml", agreement_yaml("2022-x", amount="12 kr"))
    layered = vardmedel.load([tmp_path / "a", tmp_path / "b"], year=2022)
    assert layered.ids == [SJSV, "2022-x"]
    assert layered.allocate().total == 384_000_000 + 12
    assert [(r.agreement_id, r.path) for r in layered.replacements] == [("2022-x", str(tmp_path / "b" / "2022-x.yaml"))]
    assert layered.notices() == [
        f"{tmp_path / 'b' / '2022-x.yaml'} replaces {tmp_path / 'a' / '2022-x.yaml'} (both are 2022-x)"
    ]
    alone = vardmedel.load(tmp_path / "a", bundled=False)
    assert (alone.ids, alone.allocate().total, alone.notices()) == (["2022-x"], 6, [])
    assert [f.agreements for f in alone.read_from()] == [("2022-x",)]


def test_check_with_paths_checks_exactly_those(tmp_path):
    write(tmp_path / f"{SJSV}.yaml", agreement_yaml(SJSV, amount="6 kr"))
    result = vardmedel.check(tmp_path, jobs=1)
    assert (result.files, result.passed) == (1, True)


# --- init ----------------------------------------------------------------------------------------------


def test_init_copies_the_bundled_files_byte_for_byte(cli, here):
    result = cli("init", "mine")
    assert result.exit_code == 0, result.stderr
    names = sorted(path.name for path in (here / "mine").iterdir())
    assert names == sorted([f"{i}.yaml" for i in BUNDLED_IDS] + ["schema.json"])
    for name in names:
        assert (here / "mine" / name).read_bytes() == (BUNDLED / name).read_bytes()


def test_init_writes_nothing_when_any_file_is_there(cli, here):
    write(here / "agreements" / "schema.json", "{}")
    result = cli("init")
    assert result.exit_code == 1
    assert result.stderr == (
        "vardmedel: error: agreements/schema.json is there already; nothing was written "
        "(move it away, or give another folder)\n"
    )
    assert [p.name for p in (here / "agreements").iterdir()] == ["schema.json"]
    assert (here / "agreements" / "schema.json").read_text() == "{}"


def test_init_refuses_a_file_for_a_folder(cli, here):
    write(here / "agreements", "not a folder")
    result = cli("init")
    assert result.exit_code == 2
    assert "agreements is a file, not a folder" in result.stderr


# --- new ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("old_id", BUNDLED_IDS)
def test_a_draft_of_every_bundled_agreement_passes_every_check_but_its_source(old_id, reference):
    old, _ = read_file(BUNDLED / f"{old_id}.yaml")
    year = old.agreement.year + 4
    made = draft((BUNDLED / f"{old_id}.yaml").read_text(encoding="utf-8"), old_id, old.agreement.year, year)
    assert made.agreement_id == f"{year}{old_id[4:]}"
    document = load_yaml(made.text)
    item, problems = validate(document, f"{made.agreement_id}.yaml")
    assert item is not None and problems == [] and document.issues == []
    found, _ = check_agreement(item, reference)
    assert [p.code for p in found] == ["source-empty"]
    new = item.agreement
    assert (new.id, new.year, new.source) == (made.agreement_id, year, None)
    assert new.title == old.agreement.title.replace(str(old.agreement.year), str(year))
    assert keeps_figures(old.agreement, new, year)
    assert [(a.id, p.id, p.amount) for a, p in new.pots()] == [(a.id, p.id, p.amount) for a, p in old.agreement.pots()]
    # Every line that holds an amount says REVIEW; every comment of the original is still there.
    lines = made.text.splitlines()
    amount_lines = [line for line in lines if line.lstrip().startswith(("amount:", "total:"))]
    assert amount_lines and all(
        f"# REVIEW: from {old_id}; confirm against the {year} agreement" in line for line in amount_lines
    )
    original_comments = [
        line for line in (BUNDLED / f"{old_id}.yaml").read_text().splitlines() if line.lstrip().startswith("#")
    ]
    assert [line for line in lines if line.lstrip().startswith("#")] == original_comments


def test_a_draft_moves_dates_with_the_year_and_keeps_the_text_around_them():
    text = (
        "# my notes\r\n"
        "id: 2020-x\r\n"
        "year: 2020\r\n"
        "title: 'X, the 2020 one'\r\n"
        "source:\r\n"
        "  title: S  # where\r\n"
        "\r\n"
        "# the money\r\n"
        "valid: {from: 2020, to: 2021}\r\n"
        "frame: {years: {2021: 5 kr, '2022': 7 kr}}\r\n"
        "reports:\r\n"
        "  - {due: 2020-02-29, what: R}\r\n"
        "funding: {staten: 4 kr,\r\n"
        "  regionerna: 2 kr}\r\n"
        "areas:\r\n"
        "  - id: a\r\n"
        "    title: A\r\n"
        "    pots:\r\n"
        "      - id: p\r\n"
        "        amount: >-\r\n"
        "          6 kr\r\n"
        "        rule: {equal: samverkansregioner}\r\n"
    )
    made = draft(text, "2020-x", 2020, 2023)
    review = "# REVIEW: from 2020-x; confirm against the 2023 agreement"
    assert made.text == (
        "# my notes\r\n"
        "id: 2023-x\r\n"
        "year: 2023\r\n"
        'title: "X, the 2023 one"\r\n'
        "source:  # REVIEW: the source of the 2023 agreement: title, published, seed: or url:\r\n"
        "\r\n"
        "# the money\r\n"
        "valid: {from: 2023, to: 2024}  # REVIEW: 2020 in 2020-x; confirm against the 2023 agreement\r\n"
        f"frame: {{years: {{2024: 5 kr, '2025': 7 kr}}}}  {review}\r\n"
        "reports:\r\n"
        "  - {due: 2023-02-28, what: R}  # REVIEW: 2020-02-29 in 2020-x; confirm against the 2023 agreement\r\n"
        f"funding: {{staten: 4 kr,  {review}\r\n"
        f"  regionerna: 2 kr}}  {review}\r\n"
        "areas:\r\n"
        "  - id: a\r\n"
        "    title: A\r\n"
        "    pots:\r\n"
        "      - id: p\r\n"
        f"        amount: >-  {review}\r\n"
        "          6 kr\r\n"
        "        rule: {equal: samverkansregioner}\r\n"
    )
    item, problems = validate(load_yaml(made.text), "2023-x.yaml")
    assert problems == [] and item is not None
    assert (item.agreement.title, item.agreement.valid.from_, sorted(item.agreement.frame.years)) == (
        "X, the 2023 one",
        2023,
        [2024, 2025],
    )
    assert item.agreement.areas[0].pots[0].amount == 6


def test_new_refuses_to_overwrite_and_to_guess(cli, here):
    assert cli("new", "2023", "--from", SJSV).exit_code == 0
    again = cli("new", "2023", "--from", SJSV)
    assert again.exit_code == 1
    assert again.stderr == (
        "vardmedel: error: agreements/2023-sammanhallen-jamlik-saker-vard.yaml is there already; nothing was "
        "written (move it away, or write elsewhere with -o FILE)\n"
    )
    unknown = cli("new", "2023", "--from", "2022-nothing")
    assert unknown.exit_code == 2
    assert "no agreement 2022-nothing" in unknown.stderr
    with pytest.raises(vardmedel.VardmedelError, match="2101 is not a year from 1990 to 2100"):
        vardmedel.new_agreement(2101, SJSV)
    same = cli("new", "2022", "--from", SJSV)
    assert same.exit_code == 2
    assert f"{SJSV} is of 2022 already" in same.stderr


def test_new_from_a_year_to_a_file_of_ones_choice(cli, here):
    result = cli("new", "2021", "--from", "2020", "-o", "draft.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Wrote draft.yaml: a draft from 2020.")
    text = (here / "draft.yaml").read_text(encoding="utf-8")
    assert "id: 2021-vardforlopp\n" in text and "year: 2021\n" in text
    assert not (here / "agreements").exists()


def test_new_to_standard_output_is_refused_and_writes_no_file_named_dash(cli, here):
    """Elsewhere ``-o -`` is standard output; a draft is a file to review and check, so '-' is a mistake, said so."""
    result = cli("new", "2023", "--from", SJSV, "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        "vardmedel: error: new writes the draft to a file to review and check: give the file's name with -o, not '-'\n"
    )
    assert sorted(path.name for path in here.iterdir()) == []
