"""`vardmedel allocate` through the real command line: amounts, formats, files and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import agreement_yaml, rows_of

from vardmedel import __version__


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed program, as a user runs it, in *cwd*."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "vardmedel", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )


def test_allocate_2022_from_an_empty_folder_pipes_csv(tmp_path):
    result = run("allocate", "2022", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("recipient,name,kind,sakrare-vard,kvalitetsregister,")
    assert lines[1].startswith("01,Region Stockholm,region,0,0,0,0,25982145,25982145,")
    rows = rows_of(result.stdout)
    assert sum(int(r["total"]) for r in rows) == 384_000_000
    assert [r["recipient"] for r in rows][:21] == [
        "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13",
        "14", "17", "18", "19", "20", "21", "22", "23", "24", "25",
    ]  # fmt: skip
    assert {r["recipient"] for r in rows[21:]} == {
        "norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra",
        "skr", "strama", "kvalitetsregister", "csd",
    }  # fmt: skip


def test_table_shows_every_recipient_the_grand_total_and_the_check(cli):
    result = cli("allocate", "2022", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "384\u00a0000\u00a0000" in out
    assert "Check: the amounts of 31 recipients add up to 384 000 000 kr, the sum of 9 pots." in out
    for name in ("Stockholm", "Norrbotten", "Mellansverige", "SKR", "Strama"):
        assert name in out
    assert "3\u00a0104\u00a0294*" in out  # Dalarna, resting on the assumed population date
    assert "* 2022-sammanhallen-jamlik-saker-vard/vardforlopp/inforande: The source names no population date." in out


@pytest.mark.parametrize(("year", "total", "recipients"), [("2019", 2_530_000_000, 28), ("2020", 290_000_000, 28)])
def test_other_years(cli, year, total, recipients):
    result = cli("allocate", year, "--format", "csv")
    assert result.exit_code == 0
    rows = rows_of(result.stdout)
    assert len(rows) == recipients
    assert sum(int(r["total"]) for r in rows) == total


def test_by_pot_and_by_agreement(cli):
    by_pot = rows_of(cli("allocate", "2022", "--by", "pot", "-f", "csv").stdout)
    assert by_pot[0]["vardforlopp/inforande"] == "25982145"
    assert by_pot[0]["vardforlopp/framtagande"] == "0"
    by_agreement = rows_of(cli("allocate", "2019", "--by", "agreement", "-f", "csv").stdout)
    skr = next(r for r in by_agreement if r["recipient"] == "skr")
    assert skr["2019-god-och-nara-vard"] == "24000000"
    assert skr["2019-standardiserade-vardforlopp"] == "10000000"


def test_one_agreement_by_id(cli):
    result = cli("allocate", "--agreement", "2019-standardiserade-vardforlopp", "-f", "csv")
    assert result.exit_code == 0
    assert sum(int(r["total"]) for r in rows_of(result.stdout)) == 100_000_000


def test_json_carries_the_derivation(cli):
    data = json.loads(cli("allocate", "2022", "-f", "json").stdout)
    assert data["total"] == 384_000_000
    agreement = data["agreements"][0]
    inforande = next(p for p in agreement["pots"] if p["pot"] == "inforande")
    assert inforande["population"]["id"] == "2021-11-01"
    dalarna = next(p for p in inforande["parts"] if p["recipient"] == "20")
    assert dalarna == {
        "recipient": "20",
        "amount": 3_104_294,
        "weight": 288_164,
        "total_weight": 10_443_100,
        "exact_share": "324184500000/104431",  # 112 500 000 × 288 164 / 10 443 100, reduced
        "from_remainder": 1,
        "funders": {"staten": 3_104_294},  # the vårdförlopp area is wholly the state's
    }
    assert sum(p["amount"] for p in inforande["parts"]) == 112_500_000


def test_output_file_is_written_whole(cli, tmp_path):
    target = tmp_path / "2022.csv"
    result = cli("allocate", "2022", "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert sum(int(r["total"]) for r in rows_of(target.read_text(encoding="utf-8"))) == 384_000_000
    as_json = tmp_path / "2022.json"
    assert cli("allocate", "2022", "-o", as_json).exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["total"] == 384_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022.csv", "2022.json"]


def test_a_failing_run_leaves_no_file_and_keeps_an_old_one(cli, tmp_path):
    broken = tmp_path / "agreements"
    broken.mkdir()
    (broken / "2022-x.yaml").write_text(agreement_yaml().split("areas:")[0] + "areas: []\n", encoding="utf-8")
    fresh = tmp_path / "new.csv"
    result = cli("allocate", "2022", "--agreements", broken, "-o", fresh)
    assert result.exit_code == 1
    assert not fresh.exists()
    old = tmp_path / "old.csv"
    old.write_text("keep me\n", encoding="utf-8")
    assert cli("allocate", "2022", "--agreements", broken, "-o", old).exit_code == 1
    assert old.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreements", "old.csv"]


BROKEN = {
    "float": (
        agreement_yaml(source=None, amount="4.5", rule="{fixed: skr}"),
        "2022-x.yaml:9:17: error: 4.5 is a decimal number",
        "[amount-float]",
    ),
    "duplicate key": (
        "id: 2022-x\nyear: 2022\ntitle: X\ntitle: Y\nareas: []\n",
        "2022-x.yaml:4:1: error: duplicate key 'title' (first at line 3)",
        "[yaml-duplicate-key]",
    ),
    "unknown recipient": (
        agreement_yaml(source=None, amount="5 mnkr", rule="{fixed: skl}"),
        "2022-x.yaml:10:23: error: unknown recipient 'skl'",
        "[unknown-recipient]",
    ),
    "syntax": (
        "id: 2022-x\nyear: 2022\ntitle: [X\n",
        "2022-x.yaml:4:1: error: YAML syntax:",
        "[yaml-syntax]",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_get_file_line_column_and_exit_1(cli, tmp_path, case):
    text, where, code = BROKEN[case]
    (tmp_path / "2022-x.yaml").write_text(text, encoding="utf-8")
    result = cli("allocate", "2022", "--agreements", tmp_path)
    assert result.exit_code == 1
    assert where in result.stderr
    assert code in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""


def test_unknown_year_is_a_usage_error(cli):
    result = cli("allocate", "2031")
    assert result.exit_code == 2
    assert "no agreement for year 2031" in result.stderr
    assert "years there: 2019, 2020, 2022" in result.stderr


def test_local_agreements_folder_adds_to_the_bundled_one_and_no_bundled_reads_it_alone(tmp_path):
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "2022-lokal.yaml").write_text(
        agreement_yaml("2022-lokal", amount="7 kr"), encoding="utf-8"
    )
    layered = run("allocate", "2022", "--by", "agreement", "--format", "csv", cwd=tmp_path)
    assert layered.returncode == 0, layered.stderr
    assert layered.stderr == ""  # nothing replaced: no notice
    rows = {r["recipient"]: r for r in rows_of(layered.stdout)}
    assert sum(int(r["total"]) for r in rows.values()) == 384_000_000 + 7
    assert rows["norra"]["2022-lokal"] == "2"  # the bundled 2022 agreement gives Norra money of its own too
    assert rows["01"]["2022-sammanhallen-jamlik-saker-vard"] == "25982145"
    alone = run("allocate", "2022", "--no-bundled", "--format", "csv", cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    # 7 kr over six: 1 each, the krona left to Norra (first in the fixed order)
    assert [(r["recipient"], r["total"]) for r in rows_of(alone.stdout)] == [
        ("norra", "2"), ("mellansverige", "1"), ("stockholm-gotland", "1"),
        ("sydostra", "1"), ("sodra", "1"), ("vastra", "1"),
    ]  # fmt: skip


def test_own_population_file_replaces_the_basis(cli, tmp_path, reference):
    figures = reference.populations["2023-12-31"].figures
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n" + "".join(f"{c},{p}\n" for c, p in figures.items()), encoding="utf-8")
    data = json.loads(cli("allocate", "2022", "-f", "json", "--population", path).stdout)
    inforande = next(p for p in data["agreements"][0]["pots"] if p["pot"] == "inforande")
    assert inforande["population"]["id"] == str(path)
    dalarna = next(p for p in inforande["parts"] if p["recipient"] == "20")
    assert dalarna["weight"] == figures["20"]
    assert dalarna["total_weight"] == sum(figures.values())


def test_population_file_named_by_date_serves_rules_of_that_date(cli, tmp_path, reference):
    figures = reference.populations["2021-11-01"].figures
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n" + "".join(f"{c},{p + 1}\n" for c, p in figures.items()), encoding="utf-8")
    data = json.loads(cli("allocate", "2022", "-f", "json", "--population", f"2021-11-01={path}").stdout)
    inforande = next(p for p in data["agreements"][0]["pots"] if p["pot"] == "inforande")
    assert inforande["population"]["id"] == "2021-11-01"
    assert inforande["population"]["total"] == sum(figures.values()) + 21


def test_bad_population_file_is_reported_at_its_line(cli, tmp_path):
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n01,2411859\n99,5\n", encoding="utf-8")
    result = cli("allocate", "2022", "--population", path)
    assert result.exit_code == 1
    assert f"{path}:3:1: '99' is not a län code" in result.stderr


def test_version_and_module_entry_point(tmp_path):
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"vardmedel {__version__}"
