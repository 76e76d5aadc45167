"""What the agreements cover, said where it matters: scope in titles and notes, the unlike-sides warning of
compare and --years, money valid in a later year, ``vardmedel series`` and ``vardmedel deadlines`` (with a
calendar a real RFC 5545 parser reads)."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from conftest import rows_of

import vardmedel
from vardmedel import ics

WARNING_2020_2022 = (
    "Warning: 2020 is only kapitel 8 of Överenskommelse Patientsäkerhet, nationella kvalitetsregister m.m. 2020 "
    "(2020-vardforlopp), set beside whole agreements, and the sides hold different series (2020: vardforlopp; "
    "2022: sammanhallen-jamlik-saker-vard, vardforlopp); part of any change is a change in what is counted."
)


def test_compare_2020_2022_warns_in_one_line_that_a_chapter_stands_beside_a_whole_agreement(cli):
    result = cli("compare", "2020", "2022", "-f", "table")
    assert result.exit_code == 0
    assert WARNING_2020_2022 in result.stdout.splitlines()
    assert "A = 2020: Personcentrerade och sammanhållna vårdförlopp 2020 (kapitel 8), 290 000 000 kr." in result.stdout
    data = json.loads(cli("compare", "2020", "2022", "-f", "json").stdout)
    assert data["warnings"] == [WARNING_2020_2022]


def test_compare_within_one_series_does_not_warn(cli):
    data = json.loads(cli("compare", "2019-standardiserade-vardforlopp", "2020-vardforlopp", "-f", "json").stdout)
    assert data["warnings"] == []


def test_files_that_name_no_series_and_no_scope_get_no_warning(cli, write_agreement, tmp_path):
    write_agreement("2021-x")
    write_agreement("2022-y")
    data = json.loads(cli("compare", "2021", "2022", "--agreements", tmp_path, "-f", "json").stdout)
    assert data["warnings"] == []


def test_years_warn_name_the_missing_year_and_whose_money_may_be_used_in_it(cli):
    notes = cli("allocate", "--years", "2019-2022", "-f", "table").stdout.splitlines()
    assert any(line.startswith("Warning: 2020 is only kapitel 8") and "the years hold different series" in line
               for line in notes)  # fmt: skip
    assert "No agreement for 2021: those years are left out." in notes
    assert (
        "2021: the money of 2020-vardforlopp (290 000 000 kr, valid 2020–2021) may be used in 2021 too; it is "
        "counted once, in 2020." in notes
    )


def test_allocate_2021_names_the_2020_agreement_whose_money_may_be_used_then(cli):
    result = cli("allocate", "2021")
    assert result.exit_code == 2
    assert "no agreement for year 2021" in result.stderr
    assert "the money of 2020-vardforlopp (290 000 000 kr, valid 2020–2021) may be used in 2021 too" in result.stderr
    assert "it is counted once, in 2020." in result.stderr
    assert "may be used" not in cli("allocate", "2023").stderr  # no money reaches 2023


def test_allocate_2020_says_its_scope_in_the_title_and_counts_its_money_once(cli):
    result = cli("allocate", "2020", "-f", "table")
    assert result.stdout.startswith("Allocation 2020: Personcentrerade och sammanhållna vårdförlopp 2020 (kapitel 8)")
    assert (
        "2020-vardforlopp holds only kapitel 8 of Överenskommelse Patientsäkerhet, nationella kvalitetsregister "
        "m.m. 2020; the rest of that document is not counted." in result.stdout
    )
    assert "2020-vardforlopp: the money may be used in 2020–2021; it is counted once, in 2020." in result.stdout
    assert "(kapitel 8)" in cli("list", "-f", "table").stdout


def test_series_vardforlopp_sets_the_frame_beside_what_was_agreed_2019_to_2022(cli):
    data = json.loads(cli("series", "vardforlopp", "-f", "json").stdout)
    rows = {row["year"]: row for row in data["years"]}
    assert sorted(rows) == [2019, 2020, 2021, 2022]
    assert (rows[2020]["agreed"], rows[2020]["reserved"], rows[2020]["difference"]) == (
        290_000_000,
        300_000_000,
        -10_000_000,
    )
    assert rows[2020]["frames"] == "2019-standardiserade-vardforlopp"
    assert (rows[2021]["agreed"], rows[2021]["reserved"], rows[2021]["also_usable"]) == (
        0,
        500_000_000,
        "2020-vardforlopp",
    )
    assert rows[2022]["agreements"] == "2022-sammanhallen-jamlik-saker-vard (vardforlopp)"
    assert data["agreed"] == 100_000_000 + 290_000_000 + 190_000_000
    table = cli("series", "vardforlopp", "-f", "table").stdout.replace("\u00a0", " ")
    assert "│ 2020  │ 290 000 000 │ 300 000 000 │  -10 000 000 │" in table


def test_an_unknown_series_is_refused_with_a_suggestion(cli):
    result = cli("series", "vardforlop")
    assert result.exit_code == 2
    assert "no series 'vardforlop'" in result.stderr and "did you mean vardforlopp?" in result.stderr


def test_deadlines_are_listed_in_date_order(cli):
    rows = rows_of(cli("deadlines", "-f", "csv").stdout)
    assert [(row["due"], row["what"], row["by"], row["to"]) for row in rows] == [
        ("2019-11-15", "Delrapport", "SKL", "Socialdepartementet"),
        ("2020-03-15", "Verksamhetsrapport", "SKL", "Socialdepartementet"),
        ("2022-09-30", "Delrapport", "", ""),
        ("2023-03-31", "Årsrapport för 2022 och planering för 2023", "", ""),
    ]
    assert rows[2]["quote"] == "Delrapport lämnas 30 september 2022."
    assert [row["due"] for row in rows_of(cli("deadlines", "2019", "-f", "csv").stdout)] == ["2019-11-15", "2020-03-15"]
    assert cli("deadlines", "2021").exit_code == 2


@pytest.mark.parametrize("how", [("--format", "ics", "-o", "d.ics"), ("-o", "d.ics")])
def test_deadlines_2022_as_a_calendar_a_standard_parser_reads(cli, tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    result = cli("deadlines", "2022", *how)
    assert result.exit_code == 0, result.stderr
    raw = (tmp_path / "d.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = icalendar.Calendar.from_ical(raw)
    assert (calendar["VERSION"], calendar["PRODID"]) == ("2.0", f"-//vardmedel//vardmedel {vardmedel.__version__}//EN")
    events = calendar.walk("VEVENT")
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        (dt.date(2022, 9, 30), dt.date(2022, 10, 1)),
        (dt.date(2023, 3, 31), dt.date(2023, 4, 1)),
    ]
    assert [str(e["SUMMARY"]) for e in events] == [
        "Delrapport: Sammanhållen, jämlik och säker vård 2022",
        "Årsrapport för 2022 och planering för 2023: Sammanhållen, jämlik och säker vård 2022",
    ]
    assert "“Delrapport lämnas 30 september 2022.”" in str(events[0]["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == 2
    assert all(isinstance(e.decoded("DTSTAMP"), dt.datetime) for e in events)


def test_the_calendar_is_the_same_file_every_run_under_source_date_epoch(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for name in ("a.ics", "b.ics"):
        assert cli("deadlines", "-o", tmp_path / name).exit_code == 0
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert b"DTSTAMP:20231114T221320Z\r\n" in (tmp_path / "a.ics").read_bytes()


def test_calendar_text_is_escaped_and_folded_without_splitting_a_character():
    from vardmedel.reports_due import Due

    what = "Rapport; del 1, med å ä ö\\ och en radbrytning\nhär " + "ö" * 80
    due = Due(dt.date(2024, 2, 29), what, "SKR", "Socialdepartementet", "2024-x", "X", None, None, None, None,
              None, 0)  # fmt: skip
    import io

    stream = io.BytesIO()
    ics.write([due], stream)
    raw = stream.getvalue()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # every folded piece is whole UTF-8
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{what}: X"
    assert event.decoded("DTSTART") == dt.date(2024, 2, 29)
    assert event.decoded("DTEND") == dt.date(2024, 3, 1)


def test_a_calendar_without_a_file_goes_to_stdout(cli):
    result = cli("deadlines", "2022", "--format", "ics")
    assert result.exit_code == 0
    assert len(icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")) == 2


def test_the_python_api_gives_deadlines_and_series():
    assert [d.due.isoformat() for d in vardmedel.deadlines(2022)] == ["2022-09-30", "2023-03-31"]
    years = vardmedel.series("vardforlopp")
    assert [(y.year, y.agreed_total, y.reserved_total) for y in years] == [
        (2019, 100_000_000, 100_000_000),
        (2020, 290_000_000, 300_000_000),
        (2021, 0, 500_000_000),
        (2022, 190_000_000, None),
    ]
