"""The Python API: what the README promises, hand-checked amounts, one exception type, one engine run per pot."""

from __future__ import annotations

import csv
import doctest
import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import vardmedel
from vardmedel import api

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
id: 2022-good
year: 2022
title: Good
source: {title: vardmedel tests}
total: 7 kr
areas:
  - id: a
    title: A
    pots:
      - id: p
        amount: 7 kr
        rule: {equal: samverkansregioner}
"""


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Run in an empty folder, so the bundled agreements are used and files written land in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_example_runs_as_shown(elsewhere):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use from Python", 1)[1]
    block = re.search(r"```pycon\n(.*?)```", section, re.S).group(1)
    test = doctest.DocTestParser().get_doctest(block, {}, "README: Use from Python", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out = io.StringIO()
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()
    assert runner.tries >= 15
    rows = list(csv.DictReader((elsewhere / "allocation-2022.csv").read_text(encoding="utf-8").splitlines()))
    assert sum(int(row["total"]) for row in rows) == 384_000_000


def test_the_one_line_from_the_issue_prints_the_2022_total(tmp_path):
    line = "import vardmedel; a = vardmedel.allocate(2022); print(sum(r['total'] for r in a.rows()))"
    done = subprocess.run([sys.executable, "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "384000000\n", "")


def test_importing_vardmedel_loads_none_of_the_heavy_packages(tmp_path):
    line = (
        "import sys, vardmedel; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml', 'rich', 'typer')))"
    )
    done = subprocess.run([sys.executable, "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stdout == "[]\n", done.stderr


def test_every_exported_name_resolves():
    assert sorted(vardmedel.__all__) == sorted(set(vardmedel.__all__))
    for name in vardmedel.__all__:
        assert getattr(vardmedel, name) is not None, name
    assert vardmedel.VardmedelError is api.VardmedelError
    assert set(vardmedel.__all__) <= set(dir(vardmedel))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        vardmedel.nothing  # noqa: B018


def test_rows_hold_hand_checked_amounts(elsewhere):
    rows = vardmedel.allocate(2022).rows()
    stockholm = rows[0]
    # 112 500 000 × 2 411 859 / 10 443 100 = 25 982 144,909… → 25 982 145; per inhabitant 10,772… → 10,77
    assert stockholm == {
        "recipient": "01",
        "name": "Region Stockholm",
        "kind": "region",
        "sakrare-vard": 0,
        "kvalitetsregister": 0,
        "lakemedelsinformation": 0,
        "sallsynta-halsotillstand": 0,
        "vardforlopp": 25_982_145,
        "total": 25_982_145,
        "kr_per_inhabitant": Decimal("10.77"),
    }
    skr = next(row for row in rows if row["recipient"] == "skr")
    # fixed pots: 2 mnkr patient safety + 5 mnkr medicines information + 17,5 mnkr coordination
    assert (skr["sakrare-vard"], skr["lakemedelsinformation"], skr["vardforlopp"]) == (2_000_000, 5_000_000, 17_500_000)
    assert (skr["total"], skr["kr_per_inhabitant"]) == (24_500_000, None)
    assert sum(row["total"] for row in rows) == 384_000_000
    by_pot = vardmedel.allocate(2022).rows(by="pot")
    assert by_pot[0]["vardforlopp/inforande"] == 25_982_145


def test_to_csv_is_what_the_command_line_prints(elsewhere, cli):
    allocation = vardmedel.allocate(2022)
    stream = io.StringIO()
    allocation.to_csv(stream)
    assert stream.getvalue() == cli("allocate", "2022", "--format", "csv").stdout
    allocation.to_csv(elsewhere / "out.csv")
    assert (elsewhere / "out.csv").read_text(encoding="utf-8") == stream.getvalue()


def test_to_pandas_when_pandas_is_installed(elsewhere):
    pandas = pytest.importorskip("pandas")
    frame = vardmedel.allocate(2022).to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert int(frame["total"].sum()) == 384_000_000
    assert int(frame.loc["20", "vardforlopp"]) == 3_104_294


def test_to_pandas_without_pandas_says_what_to_install(elsewhere, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(vardmedel.VardmedelError, match="pip install pandas"):
        vardmedel.allocate(2022).to_pandas()


def test_bad_files_raise_one_error_carrying_every_problem(tmp_path):
    (tmp_path / "2022-good.yaml").write_text(GOOD.replace("total: 7 kr", "total: 8 kr"), encoding="utf-8")
    (tmp_path / "2022-broken.yaml").write_text("id: 2022-broken\nyear: 2022\ntitle: [X\n", encoding="utf-8")
    with pytest.raises(vardmedel.VardmedelError) as caught:
        vardmedel.load(tmp_path, year=2022)
    err = caught.value
    assert err.request is False
    assert err.message == "2 problems in the agreement files"
    assert [(Path(p.path).name, p.line, p.code) for p in err.problems] == [
        ("2022-broken.yaml", 4, "yaml-syntax"),
        ("2022-good.yaml", 5, "sum-total"),
    ]


def test_questions_without_an_answer_are_requests_not_problems(tmp_path):
    (tmp_path / "2022-good.yaml").write_text(GOOD, encoding="utf-8")
    cases = {
        "no agreement for year 2031 in": lambda: vardmedel.load(tmp_path, year=2031),
        "no agreement 2022-bad in": lambda: vardmedel.load(tmp_path, ids=["2022-good", "2022-bad"]),
        "no agreements folder at": lambda: vardmedel.load(tmp_path / "nothing"),
        "give a year or agreement ids": lambda: vardmedel.allocate(folder=tmp_path),
        "no population dataset '1999-01-01'; known: 2017-12-31": lambda: vardmedel.population("1999-01-01"),
        "no such file or folder": lambda: vardmedel.check(tmp_path / "nothing"),
        "jobs must be 1 or more": lambda: vardmedel.check(tmp_path, jobs=0),
    }
    for message, call in cases.items():
        with pytest.raises(vardmedel.VardmedelError, match=re.escape(message)) as caught:
            call()
        assert caught.value.request is True
        assert caught.value.problems == []


def test_a_bad_population_file_is_an_error_at_its_line(tmp_path):
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n01,2411859\n99,5\n", encoding="utf-8")
    with pytest.raises(vardmedel.VardmedelError, match=re.escape(f"{path}:3:1: '99' is not a län code")):
        vardmedel.allocate(2022, population=path)


def test_own_population_datasets(tmp_path, reference):
    figures = reference.populations["2021-11-01"].figures
    path = tmp_path / "scb.csv"
    path.write_text("code,population\n" + "".join(f"{c},{p * 2}\n" for c, p in figures.items()), encoding="utf-8")
    dataset = vardmedel.read_population(path, date="2021-11-01")
    assert dataset.total == 2 * 10_443_100
    # Every population doubled: the same weights in proportion, so the same kronor, and half per inhabitant.
    doubled = vardmedel.allocate(2022, datasets=[dataset])
    plain = vardmedel.allocate(2022)
    assert [(r["recipient"], r["total"]) for r in doubled.rows()] == [
        (r["recipient"], r["total"]) for r in plain.rows()
    ]
    assert doubled.rows()[0]["kr_per_inhabitant"] == Decimal("5.39")  # 25 982 145 / 4 823 718 = 5,386…
    inforande = next(pot for pot in doubled.pots if pot.key == "vardforlopp/inforande")
    assert inforande.basis.dataset is dataset
    assert next(p for p in inforande.parts if p.recipient == "20").weight == 2 * 288_164
    assert vardmedel.population("2021-11-01", datasets=[dataset]) is dataset


def test_check_returns_the_result_and_never_exits(tmp_path):
    (tmp_path / "2022-good.yaml").write_text(GOOD.replace("source: {title: vardmedel tests}\n", ""), encoding="utf-8")
    relaxed = vardmedel.check(tmp_path)
    assert (relaxed.passed, relaxed.files, [p.code for p in relaxed.problems]) == (True, 1, ["no-source"])
    assert vardmedel.check([tmp_path], strict=True, jobs=1).passed is False


def test_agreements_narrow_find_and_allocate(elsewhere):
    agreements = vardmedel.load()
    assert agreements.years == (2019, 2020, 2022)
    assert [a.year for a in agreements] == [2019, 2019, 2020, 2022]
    assert agreements.find("2020").agreement.id == "2020-vardforlopp"
    assert agreements.where(ids=["2020-vardforlopp"]).allocate().total == 290_000_000
    assert agreements.where(years=[2019, 2022]).allocate().total == 2_530_000_000 + 384_000_000
    assert len(agreements.where(years=[2021])) == 0
    assert agreements.pick("2019").ids == ["2019-god-och-nara-vard", "2019-standardiserade-vardforlopp"]
    assert agreements.pick("2020-vardforlopp").allocate().total == 290_000_000
    with pytest.raises(
        vardmedel.VardmedelError, match="no agreement for year 2021; years: 2019, 2020, 2022; ids: 2019-"
    ):
        agreements.pick("2021")
    with pytest.raises(vardmedel.VardmedelError, match="2019 has 2 agreements"):
        agreements.find("2019")
    with pytest.raises(vardmedel.VardmedelError, match="did you mean 2022-sammanhallen-jamlik-saker-vard"):
        agreements.find("2022-sammanhallen")


def test_warnings_do_not_stop_load_and_are_kept(tmp_path):
    (tmp_path / "2022-good.yaml").write_text(GOOD.replace("source: {title: vardmedel tests}\n", ""), encoding="utf-8")
    agreements = vardmedel.load(tmp_path, bundled=False, year=2022)
    assert [p.code for p in agreements.warnings] == ["no-source"]
    # 7 kr over six samverkansregioner: 1 each and the krona left to Norra, first in the fixed order.
    assert [(r["recipient"], r["total"]) for r in agreements.allocate().rows()][:2] == [
        ("norra", 2),
        ("mellansverige", 1),
    ]


# --- the engine runs once per pot ---------------------------------------------------------------


@pytest.fixture
def engine_runs(monkeypatch):
    """Every pot the engine computes, by key, wherever the pot function was imported from."""
    from vardmedel import engine

    original = engine.allocate_pot
    seen: list[str] = []

    def counting(agreement, area, pot, *args, **kwargs):
        seen.append(f"{agreement.id}/{area.id}/{pot.id}")
        return original(agreement, area, pot, *args, **kwargs)

    holders = [m for name, m in list(sys.modules.items()) if name.startswith("vardmedel") and m is not None]
    for module in holders:
        if getattr(module, "allocate_pot", None) is original:
            monkeypatch.setattr(module, "allocate_pot", counting)
    return seen


@pytest.mark.parametrize(
    "args",
    [
        ("allocate", "2022", "-f", "csv"),
        ("allocate", "2022", "-f", "json", "--by", "pot", "--level", "samverkansregion"),
        ("explain", "2022", "-r", "dalarna", "-f", "csv"),
    ],
)
def test_a_command_runs_the_engine_once_per_pot(cli, engine_runs, args):
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert len(engine_runs) == 9  # the 2022 agreement's nine pots
    assert len(set(engine_runs)) == 9


def test_allocate_over_years_and_compare_run_the_engine_once_per_pot(cli, engine_runs):
    assert cli("allocate", "--years", "2019-2022", "-f", "csv").exit_code == 0
    pots_everywhere = len(engine_runs)
    assert pots_everywhere == len(set(engine_runs))
    engine_runs.clear()
    assert cli("compare", "2020", "2022", "-f", "csv").exit_code == 0
    assert sorted(engine_runs) == sorted(set(engine_runs))
    assert len(engine_runs) == pots_everywhere  # all agreements are loaded (and checked) once


@pytest.fixture
def english_afterwards():
    yield
    vardmedel.i18n.set_language("en")


def test_texts_from_data_come_in_the_language_set(english_afterwards):
    """English by default; after ``i18n.set_language("sv")`` an allocation, its notes and the datasets are Swedish."""

    def texts() -> tuple[str, str, str, str]:
        allocation = vardmedel.allocate(2022)
        pot = next(pot for pot in allocation.pots if pot.key == "vardforlopp/inforande")
        notes = " ".join(allocation.report().notes)
        due = next(d for d in vardmedel.deadlines(2019) if d.note)
        return pot.assumption, notes, due.note, vardmedel.population("2021-11-01").source

    assumption, notes, note, source = texts()
    assert assumption.startswith("The source names no population date. SCB's 1 November 2021 figures are used")
    assert assumption in notes and "Källan" not in notes
    assert note.startswith("Which vårdförlopp are being developed")
    assert source.startswith("SCB folkmängd 1 november 2021 (FolkmangdNov), derived from the official")
    vardmedel.i18n.set_language("sv")
    assumption, notes, note, source = texts()
    assert assumption.startswith("Källan anger inget datum för folkmängden. SCB:s siffror per den 1 november 2021")
    assert assumption in notes and "The source" not in notes
    assert note.startswith("Vilka vårdförlopp som tas fram")
    assert source.startswith("SCB folkmängd 1 november 2021 (FolkmangdNov), härledd ur den officiella tabellen")


def test_a_note_in_one_language_is_shown_in_every_language(elsewhere, english_afterwards):
    """A file's plain notes are in its ``language``; where a text lacks the run's language, the one it has is shown."""
    text = GOOD.replace("title: Good\n", "title: Good\nlanguage: sv\nnote: Bara på svenska.\n").replace(
        "rule: {equal: samverkansregioner}", "rule: {equal: samverkansregioner}\n        note: {en: Only in English.}"
    )
    (elsewhere / "agreements").mkdir()
    (elsewhere / "agreements" / "2022-good.yaml").write_text(text, encoding="utf-8")
    agreement = vardmedel.load("agreements", bundled=False).find("2022-good").agreement
    pot = agreement.areas[0].pots[0]
    assert (agreement.note.texts, pot.note.texts) == ({"sv": "Bara på svenska."}, {"en": "Only in English."})
    assert (str(agreement.note), str(pot.note)) == ("Bara på svenska.", "Only in English.")
    vardmedel.i18n.set_language("sv")
    assert (str(agreement.note), str(pot.note)) == ("Bara på svenska.", "Only in English.")
