"""`vardmedel report`: one self-contained HTML file whose numbers are the CSV's, with accessible charts."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from report_html import compare_with_csv, number, table_of

from vardmedel.html import svg
from vardmedel.html.data import RecipientRow, ReportData, Series
from vardmedel.html.page import render

NBSP = "\u00a0"

#: Three regions with amounts per inhabitant worked out by hand: 1 000 kr split 100 : 300 : 600 by inline
#: population figures, then 500 kr more to Norrbotten. Stockholm 100/100 = 1,00; Uppsala 300/300 = 1,00;
#: Norrbotten 1 100/600 = 1,833… = 1,83; all regions 1 500/1 000 = 1,50.
VARIED = """\
id: 2024-prov
year: 2024
title: Prov 2024
source: {title: a test}
funding: {staten: 1500 kr}
areas:
  - id: bas
    title: Bas & grund
    pots:
      - id: per-invanare
        amount: 1000 kr
        rule: {population: ["01", "03", "25"], figures: {"01": 100, "03": 300, "25": 600}}
  - id: extra
    title: Extra <till> Norrbotten
    pots:
      - id: norr
        amount: 500 kr
        rule: {fixed: "25"}
        quote: "Se https://example.org/prov, sidan 2."
"""


@pytest.fixture(scope="module")
def page_2022(tmp_path_factory):
    from typer.testing import CliRunner

    from vardmedel.cli import app

    target = tmp_path_factory.mktemp("report") / "2022.html"
    result = CliRunner().invoke(app, ["report", "2022", "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


@pytest.fixture
def varied(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "2024-prov.yaml").write_text(VARIED, encoding="utf-8")
    return folder


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def elements(page: str) -> Elements:
    found = Elements()
    found.feed(page)
    return found


def test_2022_is_one_small_file_that_fetches_nothing(page_2022):
    size = page_2022.stat().st_size
    assert 10_000 < size < 1024 * 1024
    page = page_2022.read_text(encoding="utf-8")
    tags = elements(page).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
    for tag, attributes in tags:
        assert "src" not in attributes and "srcset" not in attributes, tag
        assert not any(name.startswith("on") for name in attributes), tag  # no inline script either
        if "href" in attributes:
            assert tag == "a" and attributes["href"].startswith(("#", "https://")), attributes
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_2022_table_equals_the_csv_to_the_krona(page_2022, cli):
    csv_text = cli("allocate", "2022", "--format", "csv").stdout
    table = table_of(page_2022.read_text(encoding="utf-8"))
    assert table.headers == [
        "sakrare-vard", "kvalitetsregister", "lakemedelsinformation", "sallsynta-halsotillstand", "vardforlopp",
        "total", "kr_per_inhabitant",
    ]  # fmt: skip
    assert compare_with_csv(table.headers, table.rows, csv_text) == 31 * 7
    dalarna = next(row for row in table.rows if row[0] == "20")
    assert dalarna == [
        "20",
        "Region Dalarna",
        "0",
        "0",
        "0",
        "0",
        f"3{NBSP}104{NBSP}294*",
        f"3{NBSP}104{NBSP}294",
        "10,77",
    ]
    # the total row: the sum of every column, the grand total 384 000 000
    assert [number(cell) for cell in table.footer[2:]] == [
        4_500_000, 174_500_000, 5_000_000, 10_000_000, 190_000_000, 384_000_000, None,
    ]  # fmt: skip


def test_years_table_equals_the_years_csv(cli, tmp_path):
    target = tmp_path / "years.html"
    assert cli("report", "--years", "2019-2022", "-o", target).exit_code == 0
    table = table_of(target.read_text(encoding="utf-8"))
    csv_text = cli("allocate", "--years", "2019-2022", "--format", "csv").stdout
    assert table.headers == ["2019", "2020", "2022", "total", "kr_per_inhabitant"]
    assert (
        compare_with_csv(table.headers, table.rows, csv_text) == 31 * 5
    )  # kr per inhabitant too, since --years has it
    stockholm = table.rows[0]
    assert [number(c) for c in stockholm[2:6]] == [565_054_276, 49_264_667, 25_982_145, 640_301_088]
    page = target.read_text(encoding="utf-8")
    assert "No agreement for 2021: those years are left out." in page
    assert page.count('class="small"') == 31  # one small chart per recipient


def test_every_chart_is_an_image_with_a_text_alternative_and_a_table_behind_it(page_2022):
    page = page_2022.read_text(encoding="utf-8")
    tags = elements(page).tags
    ids = {attributes.get("id") for _, attributes in tags}
    charts = [attributes for tag, attributes in tags if tag == "svg"]
    assert [chart["id"] for chart in charts] == ["chart-per-capita", "chart-map", "chart-kinds"]
    for chart in charts:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert {title, desc} <= ids
    for figure in re.findall(r"<figure>.*?</figure>", page, re.S):
        assert figure.count("<svg") == 1
        assert '<details class="data">' in figure and "<caption>" in figure and '<th scope="col"' in figure
    alternative = re.search(r'<desc id="chart-per-capita-desc">(.*?)</desc>', page).group(1)
    assert alternative == (
        "Horizontal bars of kronor per inhabitant for 21 regions: every region gets 10,77 kr, "
        "which is also the national average."
    )
    assert "<caption>" in re.search(r'<table id="allocation-table">.*?</table>', page, re.S).group(0)
    assert page.count('scope="rowgroup"') == 3  # regions, samverkansregioner, organisations


def test_swedish_numbers_notes_sources_and_funders(page_2022):
    page = page_2022.read_text(encoding="utf-8")
    assert f"<dd>384{NBSP}000{NBSP}000 kr</dd>" in page
    assert "National average 10,77" in page
    assert "Check: the amounts of 31 recipients add up to 384 000 000 kr" in page
    assert "2022-sammanhallen-jamlik-saker-vard/vardforlopp/inforande: The source names no population date." in page
    assert f"staten 284{NBSP}000{NBSP}000 kr, regionerna 100{NBSP}000{NBSP}000 kr" in page
    assert page.count("<li><h3>2022-sammanhallen-jamlik-saker-vard / ") == 9  # every pot in the sources
    assert "Made by vardmedel" in page and "vardmedel allocate 2022 --format csv" in page


def test_varied_amounts_per_inhabitant_sorted_averaged_and_coloured(cli, varied, tmp_path):
    target = tmp_path / "prov.html"
    result = cli("report", "2024", "--agreements", varied, "-o", target)
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    bars = re.search(r'<svg class="chart" id="chart-per-capita".*?</svg>', page, re.S).group(0)
    labels = re.findall(r'class="label" text-anchor="end">([^<]+)</text>', bars)
    assert labels == ["Norrbotten", "Stockholm", "Uppsala"]  # largest first; the tie kept in län order
    assert "National average 1,50" in bars
    assert re.findall(r'class="value">([^<]+)</text>', bars) == ["1,83", "1,00", "1,00"]
    tiles = re.search(r'<svg class="chart" id="chart-map".*?</svg>', page, re.S).group(0)
    assert "1,00 kr (2 regions)" in tiles and "1,83 kr (1 region)" in tiles
    assert "no money of its own (18 regions)" in tiles
    assert tiles.count('<g class="tile">') == 21
    # names with markup characters are escaped, links are links, the title's & stays text
    assert "Extra &lt;till&gt; Norrbotten" in page and "<till>" not in page
    assert '<a href="https://example.org/prov">https://example.org/prov</a>, sidan 2.' in page
    assert "Bas &amp; grund" in page


def test_the_page_goes_to_stdout_in_a_pipe(cli):
    result = cli("report", "2020")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "<h1>Allocation 2020</h1>" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a YEAR"),
        (("2022", "--years", "2019-2022"), "not both"),
        (("2031",), "no agreement for year 2031"),
        (("--years", "2030-2031"), "no agreement for the years 2030-2031"),
        (("--years", "22-23"), "--years takes years like 2019-2022"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(cli, tmp_path, args, message):
    target = tmp_path / "r.html"
    result = cli("report", *args, "-o", target)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_broken_agreements_exit_1_and_keep_an_old_file(cli, tmp_path):
    (tmp_path / "2022-x.yaml").write_text("id: 2022-x\nyear: 2022\ntitle: [X\n", encoding="utf-8")
    old = tmp_path / "old.html"
    old.write_text("keep me", encoding="utf-8")
    result = cli("report", "2022", "--agreements", tmp_path, "-o", old)
    assert result.exit_code == 1
    assert "2022-x.yaml:4:1: error: YAML syntax:" in result.stderr
    assert old.read_text(encoding="utf-8") == "keep me"


def test_an_unwritable_target_is_a_clear_error(cli, tmp_path):
    result = cli("report", "2022", "-o", tmp_path / "missing" / "r.html")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_the_same_input_gives_the_same_bytes(cli, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    cli("report", "2022", "-o", first)
    cli("report", "2022", "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_a_page_from_hand_made_data_without_regions():
    """Organisations only: no bars per inhabitant and no map colours, said in words instead."""
    data = ReportData(
        title="T",
        subtitle="S",
        by="area",
        series=[Series("a", "A")],
        rows=[RecipientRow("skr", "Sveriges Kommuner och Regioner", "SKR", "organisation", {"a": 7}, 7)],
        pots=1,
        command="2030",
        version="0",
    )
    page = render(data)
    assert page.count("No region receives money of its own in this selection") == 2
    assert 'id="chart-kinds"' in page and 'id="chart-per-capita"' not in page


def test_nice_ticks_and_classes():
    assert svg.nice_ticks(10.77) == [0, 2.5, 5, 7.5, 10, 12.5]
    assert svg.nice_ticks(207.5) == [0, 50, 100, 150, 200, 250]
    assert svg.nice_ticks(0) == [0.0, 1.0]
    values = [Decimal(v) for v in ("1.00", "2.00", "3.00", "4.00", "5.00", "6.00")]
    ranges = svg.classes(values)
    assert ranges[0] == (Decimal("1.00"), Decimal("2.00")) and ranges[-1] == (Decimal("5.00"), Decimal("6.00"))
    assert [svg.class_of(v, ranges) for v in values] == [0, 0, 1, 2, 3, 4]
    assert svg.classes([Decimal("10.77")] * 21) == [(Decimal("10.77"), Decimal("10.77"))]
    assert svg.sequential_colours(1) == ["#2171b5"]
    assert svg.sequential_colours(5) == list(svg.SEQUENTIAL_COLOURS)


def test_text_on_every_map_colour_is_readable():
    """WCAG's contrast ratio of the tile text on each fill: at least 4.5:1."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for fill in (*svg.SEQUENTIAL_COLOURS, svg.EMPTY_FILL):
        light, dark = sorted((luminance(fill), luminance(svg.text_on(fill))), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, fill


def test_every_region_has_its_own_tile():
    assert len(svg.TILE_GRID) == 21
    assert len(set(svg.TILE_GRID.values())) == 21
