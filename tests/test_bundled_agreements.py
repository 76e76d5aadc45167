"""The bundled agreements say what their sources say: every quote stands in its source, and the funders,
scope, series, years and deadlines are the ones the sources state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vardmedel.agreement_series import facts, series_years
from vardmedel.catalog import BUNDLED, load_paths
from vardmedel.funders import pot_funding, totals

#: Copies of the source texts (shared/seeds) the bundled files quote.
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def normalised(text: str) -> str:
    """Whitespace as one space; a slide's bullets are layout, not words."""
    return re.sub(r"[\s•]+", " ", text).strip()


def quotes(node, seed: str | None, where: str = ""):
    """(where, seed file, quote) for every quote in an agreement, cited to its nearest source."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), dict) and node["source"].get("seed"):
            seed = node["source"]["seed"]
        cited = node.get("quote_source", {}).get("seed") if isinstance(node.get("quote_source"), dict) else None
        for key, value in node.items():
            if key == "quote":
                yield where, cited or seed, value
            elif key not in ("source", "quote_source"):
                yield from quotes(value, seed, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from quotes(value, seed, f"{where}[{index}]")


@pytest.fixture(scope="module")
def loaded():
    items, problems = load_paths([BUNDLED])
    assert problems == []
    return {item.agreement.id: item for item in items}


def test_every_quote_stands_in_the_source_it_is_cited_to(loaded):
    found = 0
    for item in loaded.values():
        for where, seed, quote in quotes(item.document.value, None):
            assert seed is not None, f"{item.path}{where}: a quote without a seed"
            assert normalised(quote) in normalised((SEEDS / seed).read_text(encoding="utf-8")), f"{item.path}{where}"
            found += 1
    assert found >= 35


def test_the_2022_vardforlopp_total_is_cited_to_the_agreement_page_not_to_the_vardforlopp_page(loaded):
    area = next(a for a in loaded["2022-sammanhallen-jamlik-saker-vard"].agreement.areas if a.id == "vardforlopp")
    assert area.source.seed.startswith("001_")  # the pots and reports are detailed there
    assert area.quote_source.seed.startswith("002_")  # "Totalt satsas 190 miljoner kronor" stands here
    assert "190 miljoner" not in normalised((SEEDS / area.source.seed).read_text(encoding="utf-8"))


def test_2022_funders_add_up_to_the_stated_284_and_100_million(loaded):
    agreement = loaded["2022-sammanhallen-jamlik-saker-vard"].agreement
    fundings = {f"{area.id}/{pot.id}": pot_funding(agreement, area, pot) for area, pot in agreement.pots()}
    assert fundings["kvalitetsregister/grundanslag"] == {"regionerna": 100_000_000, "staten": 74_500_000}
    assert fundings["vardforlopp/inforande"] == {"staten": 112_500_000}
    assert None not in fundings.values()
    by_funder, unknown = totals(fundings.values(), [pot.amount for _, pot in agreement.pots()])
    assert (by_funder, unknown) == ({"staten": 284_000_000, "regionerna": 100_000_000}, 0)


def test_every_bundled_pot_knows_its_funder(loaded):
    for item in loaded.values():
        for area, pot in item.agreement.pots():
            assert pot_funding(item.agreement, area, pot) is not None, f"{item.agreement.id}/{area.id}/{pot.id}"


def test_the_three_readings_are_labelled_as_assumptions(loaded):
    def pot(agreement_id, area_id, pot_id):
        areas = {a.id: a for a in loaded[agreement_id].agreement.areas}
        return next(p for p in areas[area_id].pots if p.id == pot_id)

    strama = pot("2022-sammanhallen-jamlik-saker-vard", "sakrare-vard", "strama")
    assert "names no payee" in strama.assumption.text("en")
    grundanslag = pot("2022-sammanhallen-jamlik-saker-vard", "kvalitetsregister", "grundanslag")
    assert "names a use, not a payee" in grundanslag.assumption.text("en")
    structure = pot("2019-standardiserade-vardforlopp", "standardiserade-vardforlopp", "rusta-strukturen")
    assert "read as paid to the 21 regions" in " ".join(structure.assumption.text("en").split())


def test_the_2020_file_is_chapter_8_valid_in_2020_and_2021_in_the_vardforlopp_series(loaded):
    agreement = loaded["2020-vardforlopp"].agreement
    assert (agreement.scope.part, agreement.scope.of) == (
        "kapitel 8",
        "Överenskommelse Patientsäkerhet, nationella kvalitetsregister m.m. 2020",
    )
    assert list(agreement.valid_years) == [2020, 2021]
    assert agreement.series == "vardforlopp"
    assert all(loaded[i].agreement.scope is None for i in loaded if i != "2020-vardforlopp")


def test_the_vardforlopp_series_links_the_2019_frame_to_the_2020_agreement(loaded):
    years = {y.year: y for y in series_years([facts(item) for item in loaded.values()], "vardforlopp")}
    assert sorted(years) == [2019, 2020, 2021, 2022]
    assert (years[2019].agreed_total, years[2019].reserved_total) == (100_000_000, 100_000_000)
    assert (years[2020].agreed_total, years[2020].reserved_total) == (290_000_000, 300_000_000)
    assert [a.agreement for a in years[2020].agreed] == ["2020-vardforlopp"]
    assert [r.agreement for r in years[2020].reserved] == ["2019-standardiserade-vardforlopp"]
    assert (years[2021].agreed_total, years[2021].reserved_total) == (0, 500_000_000)
    assert [a.agreement for a in years[2021].carried] == ["2020-vardforlopp"]
    assert (years[2022].agreed_total, years[2022].reserved_total) == (190_000_000, None)
    assert years[2022].agreed[0].areas == ("vardforlopp",)


def test_the_deadlines_are_the_four_the_sources_give(loaded):
    due = sorted(
        (report.due.isoformat(), report.what, report.by, report.to)
        for item in loaded.values()
        for report in [*item.agreement.reports, *(r for a in item.agreement.areas for r in a.reports)]
    )
    assert due == [
        ("2019-11-15", "Delrapport", "SKL", "Socialdepartementet"),
        ("2020-03-15", "Verksamhetsrapport", "SKL", "Socialdepartementet"),
        ("2022-09-30", "Delrapport", None, None),
        ("2023-03-31", "Årsrapport för 2022 och planering för 2023", None, None),
    ]
