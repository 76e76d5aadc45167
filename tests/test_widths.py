"""Every view reads whole at every terminal width: no number cut or wrapped, every name there, no line too long.

Each command runs once, in-process, through the real command line, with the report
it would print caught on its way out; the report is then drawn by the table format
at 60, 80, 100, 120 and 200 columns, as a terminal of that width would get it. Every
amount of the report (the figures CSV carries, in the unit shown) must come back
from the drawn text as one whole number on one line.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from decimal import Decimal

import pytest

from vardmedel.commands import app as app_module
from vardmedel.output import table
from vardmedel.output.cells import human
from vardmedel.report import TEXT, Report

WIDTHS = (60, 80, 100, 120, 200)
YEARS = ("2019", "2020", "2022")
#: A number as people's formats write it: digits grouped by no-break spaces, a decimal comma, a sign.
NUMBER = re.compile(r"(?<![\w,\u00a0])-?\d{1,3}(?:\u00a0\d{3})*(?:,\d+)?(?![\w\u00a0]|,\d)")


def _allocate_variants() -> list[tuple[str, ...]]:
    runs = []
    for year in YEARS:
        for by in ("area", "pot", "agreement"):
            for level in ("recipient", "samverkansregion"):
                for unit in ("kr", "tkr", "mnkr"):
                    runs.append(("allocate", year, "--by", by, "--level", level, "--unit", unit))
    for level in ("recipient", "samverkansregion"):
        for unit in ("kr", "tkr", "mnkr"):
            runs.append(("allocate", "--years", "2019-2022", "--level", level, "--unit", unit))
    runs.append(("allocate", "2022", "--sort", "total", "--top", "5", "-r", "skr", "-r", "20"))
    return runs


COMMANDS = [
    *_allocate_variants(),
    *[("explain", year, "-r", who) for year in YEARS for who in ("20", "mellansverige", "skr")],
    ("compare", "2019", "2020"),
    ("compare", "2020", "2022", "--level", "samverkansregion"),
    ("list",),
    ("show", "2019-god-och-nara-vard"),
    ("show", "2019-standardiserade-vardforlopp"),
    ("show", "2020-vardforlopp"),
    ("show", "2022-sammanhallen-jamlik-saker-vard"),
    ("series", "vardforlopp"),
    ("deadlines",),
    ("regions",),
    ("population",),
    ("population", "2021-11-01"),
]


@pytest.fixture(scope="module")
def reports() -> dict[tuple[str, ...], Report]:
    """The report each command hands to its output format, caught instead of written."""
    from typer.testing import CliRunner

    from vardmedel.cli import app

    caught: dict[tuple[str, ...], Report] = {}
    original = app_module.emit
    runner = CliRunner()
    try:
        for args in COMMANDS:
            app_module.emit = lambda report, *_, args=args: caught.__setitem__(args, report)
            result = runner.invoke(app, list(args), catch_exceptions=False)
            assert result.exit_code == 0, (args, result.stderr)
            assert args in caught, f"{args} printed no report"
    finally:
        app_module.emit = original
    return caught


def draw(report: Report, width: int) -> str:
    from rich.console import Console

    stream = io.StringIO()
    console = Console(file=stream, width=width, highlight=False, soft_wrap=True, color_system=None)
    for block in table.render(report, width):
        console.print(block)
    return stream.getvalue()


def expected_numbers(report: Report) -> tuple[Counter, set]:
    """Every figure of the report as people's formats show it, parsed back (amounts in the report's unit).

    Each row's figures are counted (every one must be shown); the footer's as a set, since
    a table of one column may leave out a subtotal that equals its total.
    """
    rows: Counter = Counter()
    footer: set = set()
    for column in (c for c in report.columns if c.human and c.kind != TEXT):
        for row in report.rows:
            text = human(row.get(column.key), column.kind, report.unit)
            if text:
                rows[parse(text)] += 1
        if not any(row.get(column.key) for row in report.rows):
            continue  # a money column none of the rows shown has money in is left out of a narrow layout
        footer |= {
            parse(text) for line in report.footer if (text := human(line.get(column.key), column.kind, report.unit))
        }
    return rows, footer


def parse(text: str) -> Decimal:
    return Decimal(text.replace("\u00a0", "").replace(",", "."))


def names(report: Report) -> list[str]:
    """The recipients' names in the column people see (compare shows the short ones)."""
    shown = next((c.key for c in report.columns if c.human and c.key in ("name", "short_name")), None)
    return [row[shown] for row in report.rows if row.get(shown)] if shown and report.tree is None else []


@pytest.mark.parametrize("width", WIDTHS)
def test_every_view_fits_and_keeps_every_number_and_name_whole(reports, width):
    problems = []
    for args, report in reports.items():
        text = draw(report, width)
        lines = text.splitlines()
        long = [line for line in lines if len(line) > width]
        if long:
            problems.append(f"{' '.join(args)} at {width}: {len(long)} line(s) longer than {width}: {long[0]!r}")
        shown = Counter(parse(token) for line in lines for token in NUMBER.findall(line))
        rows, footer = expected_numbers(report)
        missing = list((rows - shown).elements()) + sorted(footer - set(shown))
        if report.tree is None and missing:
            problems.append(f"{' '.join(args)} at {width}: not found whole: {sorted(missing)[:5]}")
        cut = [line for line in lines if re.search(r"\d…|…\d", line)]
        if cut:
            problems.append(f"{' '.join(args)} at {width}: a number beside '…': {cut[0]!r}")
        words = set(re.findall(r"[\w:.,()-]+", text))
        lost = [name for name in names(report) if not set(name.split()) <= words]
        if lost:
            problems.append(f"{' '.join(args)} at {width}: names not shown: {lost[:3]}")
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_number_cut_or_wrapped():
    """The test above can fail: a cut amount and a wrapped one are both not found whole."""
    amount = Decimal(384_000_000)
    for broken in ("384\u00a0000\u00a00…", "384\u00a0000\n000\u00a0000"):
        shown = Counter(parse(t) for line in broken.splitlines() for t in NUMBER.findall(line))
        assert shown[amount] == 0
    assert Counter(parse(t) for t in NUMBER.findall("│ 384\u00a0000\u00a0000 │"))[amount] == 1


def test_the_readme_command_at_80_columns_shows_dalarna_and_the_total_whole(reports):
    text = draw(reports[("allocate", "2022", "--by", "area", "--level", "recipient", "--unit", "kr")], 80)
    line = next(line for line in text.splitlines() if "Region Dalarna" in line)
    assert "3\u00a0104\u00a0294" in line
    assert any(re.search(r"\bTotal\b.*384\u00a0000\u00a0000", line) for line in text.splitlines())
