"""Names from the files never collide with the built-in recipients or with an output's own columns.

A declared recipient that reads as a built-in one, or is named like a footer line, is check's error;
column titles (area, pot and agreement titles) that equal each other or a report's own headers get
their key added, so no header of CSV, excel-sv, xlsx or JSON stands for two columns.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import CORPUS, agreement_yaml

#: Two agreements of 2022 whose areas share an id and titles that clash: with each other, with 'Total', with 'Id'.
FIRST = (
    agreement_yaml("2022-x", pots={"p": ("60 mnkr", "{equal: samverkansregioner}")}).replace(
        "    title: A\n", "    title: Säkrare vård\n"
    )
    + "  - id: b\n    title: Total\n    pots:\n      - id: q\n        amount: 1 mnkr\n        rule: {fixed: skr}\n"
)
SECOND = agreement_yaml("2022-y", rule="{fixed: skr}").replace("    title: A\n", "    title: säkrare VÅRD\n")
SECOND += "  - id: c\n    title: ID\n    short_title: Total\n    pots:\n      - id: r\n        amount: 2 mnkr\n"
SECOND += "        rule: {fixed: skr}\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "2022-x.yaml").write_text(FIRST, encoding="utf-8")
    (tmp_path / "2022-y.yaml").write_text(SECOND, encoding="utf-8")
    return tmp_path


def allocate(cli, folder, format_name: str, *more: str):
    result = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "-f", format_name, *more)
    assert result.exit_code == 0, result.output
    return result


def excel_header(text: str) -> list[str]:
    """The header of an excel-sv file as a spreadsheet shows it (``="…"`` is a text written so that it stays one)."""
    cells = next(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    return [cell[2:-1].replace('""', '"') if cell.startswith('="') else cell for cell in cells]


def test_clashing_titles_get_their_key_in_every_header(cli, folder):
    header = excel_header(allocate(cli, folder, "excel-sv").stdout)
    assert header == [
        "Id",
        "Recipient",
        "Kind",
        "Säkrare vård (2022-x/a)",
        "Total (b)",
        "säkrare VÅRD (2022-y/a)",
        "ID (c)",
        "Total",
        "kr/inh.",
    ]
    csv_header = allocate(cli, folder, "csv").stdout.splitlines()[0]
    assert csv_header == "recipient,name,kind,2022-x/a,b,2022-y/a,c,total,kr_per_inhabitant"
    rows = json.loads(allocate(cli, folder, "json").stdout)["recipients"]
    assert [row["total"] for row in rows if row["recipient"] == "skr"] == [63_000_000]


def test_clashing_titles_in_swedish_and_in_narrow_headers(cli, folder):
    swedish = excel_header(allocate(cli, folder, "excel-sv", "--lang", "sv").stdout)
    assert swedish[3:8] == ["Säkrare vård (2022-x/a)", "Total", "säkrare VÅRD (2022-y/a)", "ID (c)", "Totalt"]
    table = allocate(cli, folder, "markdown").stdout
    header = next(line for line in table.splitlines() if line.startswith("| Recipient"))
    # the short title 'Total' of area c is the table's own header: its key is added there too
    assert [cell.strip() for cell in header.strip("|").split("|")][1:6] == [
        "Säkrare vård (2022-x/a)",
        "Total (b)",
        "säkrare VÅRD (2022-y/a)",
        "Total (c)",
        "Total",
    ]
    assert "- Total (c): ID (c)" in table


def test_xlsx_headers_are_distinct(cli, folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "out.xlsx"
    allocate(cli, folder, "xlsx", "-o", target)
    for sheet in openpyxl.load_workbook(target).worksheets:
        header = [cell.value for cell in sheet[1] if cell.value is not None]
        assert len(header) == len({title.casefold() for title in header}), (sheet.title, header)


def test_a_declared_recipient_that_reads_as_a_built_in_one_stops_allocate(cli, tmp_path):
    head = 'recipients:\n  "1": {name: Ettan}'
    (tmp_path / "2022-x.yaml").write_text(agreement_yaml(head=head, rule='{fixed: "1"}'), encoding="utf-8")
    result = cli("allocate", "2022", "--agreements", tmp_path, "--no-bundled")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "2022-x.yaml:6:3: error: recipient '1': '1' reads as Region Stockholm (01), so people and lookups "
        "(explain -r) could take one for the other; use that recipient's id if it is the one meant, else a name "
        "that tells them apart [recipient-name-builtin]"
    )


def test_a_declared_recipient_named_like_a_footer_line_in_swedish_is_refused_in_english_too(cli, tmp_path):
    head = "recipients:\n  summan: {name: Totalt}"
    (tmp_path / "2022-x.yaml").write_text(agreement_yaml(head=head, rule="{fixed: summan}"), encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.exit_code == 1
    assert (
        "2022-x.yaml:6:18: error: recipient 'summan' is called 'Totalt', as a line of the tables' own ('Totalt'), "
        "so its row could pass for that line; give it a name that says who it is [recipient-name-reserved]"
    ) in result.output


def test_one_recipient_id_declared_with_two_names_stops_what_shows_both(cli):
    """Each year alone shows its own name; both together would show one name for the money of both."""
    folder = CORPUS / "recipient-conflict"
    both = cli("allocate", "--years", "2021-2022", "--agreements", folder, "--no-bundled", "-f", "csv")
    assert both.exit_code == 1
    assert (
        "2022-second.yaml:8:3: error: recipient 'strama' is declared as 'Nationell arbetsgrupp Strama' here but as "
        "'Strama' in " in both.stderr
    )
    alone = cli("allocate", "2022", "--agreements", folder, "--no-bundled", "-f", "csv")
    assert alone.exit_code == 0, alone.output
    assert "strama,Nationell arbetsgrupp Strama,organisation,60000000" in alone.stdout
