"""Each view on its own: small agreements whose every figure is worked out by hand below, no CLI in between.

The tiny agreement (1 200 kr):
- a/p1: 100 kr fixed to SKR;
- a/p2: 100 kr equal over the six samverkansregioner: 16 each and 4 kr left, which go (equal remainders and
  weights) to the first four in their fixed order: norra, mellansverige, stockholm-gotland, sydostra get 17;
- b/p3: 1 000 kr by the file's own figures 01: 2, 03: 1: 666 and 333 with 1 kr left; 01's remainder (2/3)
  beats 03's (1/3), so 01 gets 667 and 03 333.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from vardmedel.engine import allocate
from vardmedel.model import Agreement
from vardmedel.views.agreements import list_report, show_report
from vardmedel.views.allocation import allocation_report, sources_report, years_report
from vardmedel.views.common import kr_per_inhabitant, unit_notes
from vardmedel.views.compare import Side, compare_report, sort_rows
from vardmedel.views.explain import explain_report
from vardmedel.views.reference_data import datasets_report, population_report, regions_report

NB = "\u00a0"


def agreement(year: int = 2022, ident: str = "tiny", total: int | None = 1_200, areas: list | None = None) -> Agreement:
    return Agreement.model_validate(
        {
            "id": f"{year}-{ident}",
            "year": year,
            "title": f"Tiny {year}",
            "source": {"title": "Hand-made"},
            "total": total,
            "areas": areas
            or [
                {
                    "id": "a",
                    "title": "Area A",
                    "pots": [
                        {"id": "p1", "amount": 100, "rule": {"fixed": "skr"}},
                        {"id": "p2", "title": "Lika delar", "amount": 100, "rule": {"equal": "samverkansregioner"}},
                    ],
                },
                {
                    "id": "b",
                    "title": "Area B",
                    "pots": [
                        {
                            "id": "p3",
                            "amount": 1_000,
                            "rule": {"population": ["01", "03"], "figures": {"01": 2, "03": 1}},
                            "quote": "Medlen  fördelas\n efter befolkning",
                        }
                    ],
                },
            ],
        }
    )


def fixed(ident: str, amount: int, recipient: str) -> dict:
    return {"id": ident, "amount": amount, "rule": {"fixed": recipient}}


@pytest.fixture(scope="module")
def tiny(reference):
    return allocate(agreement(), reference)


def by_recipient(report) -> dict[str, dict]:
    return {row["recipient"]: row for row in report.rows}


# --- allocation ----------------------------------------------------------------------------------------


def test_allocation_rows_columns_totals_and_order(tiny, reference):
    report = allocation_report([tiny], reference, "area", "Tiny")
    assert [row["recipient"] for row in report.rows] == [
        "01", "03", "norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra", "skr",
    ]  # fmt: skip
    rows = by_recipient(report)
    assert (rows["01"]["a"], rows["01"]["b"], rows["01"]["total"]) == (0, 667, 667)
    assert (rows["03"]["b"], rows["norra"]["a"], rows["vastra"]["a"], rows["skr"]["a"]) == (333, 17, 16, 100)
    assert [c.key for c in report.columns] == [
        "recipient", "name", "kind", "a", "b", "total", "share_percent", "kr_per_inhabitant",
    ]  # fmt: skip
    assert [(row["recipient"], row["share_percent"]) for row in report.rows][:3] == [
        ("01", Decimal("55.6")),  # 667 of 1 200
        ("03", Decimal("27.8")),  # 333 of 1 200
        ("norra", Decimal("1.4")),  # 17 of 1 200
    ]
    # a subtotal per kind of recipient, then the total: 01 and 03; the six samverkansregioner; skr
    assert report.footer == [
        {"a": 0, "b": 1_000, "total": 1_000, "name": "Regions", "share_percent": Decimal("83.3")},
        {"a": 100, "b": 0, "total": 100, "name": "Samverkansregioner", "share_percent": Decimal("8.3")},
        {"a": 100, "b": 0, "total": 100, "name": "Organisations", "share_percent": Decimal("8.3")},
        {"a": 200, "b": 1_000, "total": 1_200, "name": "Total", "share_percent": Decimal("100.0")},
    ]
    assert report.notes[0] == "Check: the amounts of 9 recipients add up to 1 200 kr, the sum of 3 pots."
    assert [(c.key, c.title, c.short) for c in report.columns[3:5]] == [("a", "Area A", ""), ("b", "Area B", "")]
    assert not any(note.startswith(("a:", "b:")) for note in report.notes)  # headers are the titles: no legend


def test_allocation_per_inhabitant_uses_the_one_population_the_pots_used(tiny, reference):
    rows = by_recipient(allocation_report([tiny], reference))
    # The only population basis is the file's own figures: 667 kr / 2 and 333 kr / 1.
    assert rows["01"]["kr_per_inhabitant"] == Decimal("333.50")
    assert rows["03"]["kr_per_inhabitant"] == Decimal("333.00")
    assert rows["skr"]["kr_per_inhabitant"] is None
    assert rows["norra"]["kr_per_inhabitant"] is None  # a samverkansregion's own money alone has no per capita


def test_allocation_data_keeps_every_parts_arithmetic(tiny, reference):
    data = allocation_report([tiny], reference).machine_data()
    assert data["total"] == 1_200
    assert data["per_capita_population"] == "inline figures"
    p3 = data["agreements"][0]["pots"][2]
    assert (p3["rule"], p3["basis"], p3["population"]["total"]) == ("population", "population inline figures", 3)
    assert p3["parts"][0] == {
        "recipient": "01",
        "amount": 667,
        "weight": 2,
        "total_weight": 3,
        "exact_share": "2000/3",
        "from_remainder": 1,
        "funders": None,  # the tiny agreement names no funder
    }
    assert p3["parts"][1]["exact_share"] == "1000/3" and p3["parts"][1]["from_remainder"] == 0


def test_allocation_by_pot_titles_a_pot_by_its_title_or_key(tiny, reference):
    report = allocation_report([tiny], reference, "pot")
    assert [(c.key, c.title) for c in report.columns[3:6]] == [
        ("a/p1", "a/p1"),
        ("a/p2", "Lika delar"),
        ("b/p3", "b/p3"),
    ]
    assert not any(note.startswith("a/p2:") for note in report.notes)  # the header is the title: no legend needed


def test_allocation_rolled_up_to_samverkansregioner(tiny, reference):
    report = allocation_report([tiny], reference, level="samverkansregion")
    rows = by_recipient(report)
    assert list(rows) == ["norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra", "skr"]
    # Stockholm's 667 kr go to Stockholm-Gotland, Uppsala's 333 kr to Mellansverige, with their own 17 kr.
    assert (rows["stockholm-gotland"]["total"], rows["mellansverige"]["total"]) == (667 + 17, 333 + 17)
    # The file's figures count no one in Gotland, so no samverkansregion has a per-capita figure (no crash).
    assert all(row["kr_per_inhabitant"] is None for row in report.rows)
    assert report.notes[1].startswith("Regions' amounts are rolled up into their samverkansregion")


def test_allocation_marks_what_rests_on_an_assumption(reference):
    areas = [{"id": "a", "title": "A", "pots": [{**fixed("p", 5, "skr"), "assumption": "Not in the  source."}]}]
    report = allocation_report([allocate(agreement(areas=areas, total=None), reference)], reference)
    assert report.marks == {(0, "a"): "*"}
    assert report.notes[-1] == "* 2022-tiny/a/p: Not in the source."


def test_allocation_in_mnkr_says_how_it_was_rounded(tiny, reference):
    report = allocation_report([tiny], reference, title="Tiny", unit="mnkr")
    assert report.title == "Tiny (mnkr)" and report.unit == "mnkr"
    assert report.notes[1] == unit_notes("mnkr")[0]
    assert unit_notes("mnkr")[0].startswith(
        "Amounts are shown in mnkr (1 000 000 kr), each rounded to 0,1 mnkr from exact kronor;"
    )
    assert unit_notes("tkr")[0].startswith("Amounts are shown in tkr (1 000 kr), each rounded to whole tkr")
    assert unit_notes("kr") == []


def test_years_report_a_column_per_year_and_a_note_for_a_missing_one(reference):
    first = allocate(agreement(2019, areas=[{"id": "a", "title": "A", "pots": [fixed("p", 40, "skr")]}]), reference)
    second = allocate(agreement(2021, areas=[{"id": "a", "title": "A", "pots": [fixed("p", 2, "skr")]}]), reference)
    report = years_report([second, first], reference, [2019, 2020, 2021])
    assert [c.key for c in report.columns if c.kind == "kr"] == ["2019", "2021", "total"]
    assert report.rows == [
        {"recipient": "skr", "name": "Sveriges Kommuner och Regioner", "short_name": "SKR", "kind": "organisation"}
        | {"2019": 40, "2021": 2, "total": 42, "share_percent": Decimal("100.0"), "kr_per_inhabitant": None}
    ]
    assert report.notes[1] == "No agreement for 2020: those years are left out."


def test_sources_report_names_rule_basis_source_and_quote(tiny):
    rows = sources_report([tiny]).rows
    assert [row["rule"] for row in rows] == [
        "all to skr",
        "equal parts: samverkansregioner",
        "by population: 01, 03, figures in the file",
    ]
    assert rows[2]["basis"] == "population inline figures: figures given in the agreement file"
    assert rows[2]["quote"] == "Medlen fördelas efter befolkning"
    assert rows[0]["source"] == "Hand-made"


def test_workbook_has_a_sheet_per_agreement_and_one_of_sources(tiny, reference):
    report = allocation_report([tiny], reference, workbook=True)
    assert [sheet.name for sheet in report.sheets] == ["2022-tiny", "Sources"]
    assert report.name == "Summary"


# --- kronor per inhabitant -----------------------------------------------------------------------------


def test_kr_per_inhabitant_counts_halland_in_sodra_by_its_kommuner(reference):
    # 31 December 2023: Kronoberg 203 686, Blekinge 157 973, Skåne 1 421 781, and of Halland's 343 746 the
    # kommuner Halmstad, Hylte and Laholm: 142 660, so Södra has 1 926 100 inhabitants exactly.
    dataset = reference.populations["2023-12-31"]
    sodra = reference.recipients["sodra"]
    assert kr_per_inhabitant(19_261_000, sodra, dataset, reference, rolled_up=True) == Decimal("10.00")
    assert kr_per_inhabitant(19_261_000, sodra, dataset, reference, rolled_up=False) is None
    assert kr_per_inhabitant(1_926_105, sodra, dataset, reference, rolled_up=True) == Decimal(
        "1.00"
    )  # 1,0000026 → 1,00
    stockholm = reference.recipients["01"]
    assert kr_per_inhabitant(24_548_210, stockholm, dataset, reference, rolled_up=False) == Decimal("10.00")
    assert kr_per_inhabitant(5, reference.recipients["skr"], dataset, reference, rolled_up=True) is None
    assert kr_per_inhabitant(5, stockholm, None, reference, rolled_up=False) is None


# --- compare -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sides(reference):
    # 2020: SKR 100 000 and Stockholm 24 118 590 (10 kr for each of its 2 411 859 inhabitants on 1 Nov 2021);
    # 2022: SKR 150 000 and Uppsala 30 000.
    a = agreement(
        2020, "a", None, [{"id": "x", "title": "X", "pots": [fixed("s", 100_000, "skr"), fixed("t", 24_118_590, "01")]}]
    )
    b = agreement(
        2022, "b", None, [{"id": "x", "title": "X", "pots": [fixed("s", 150_000, "skr"), fixed("u", 30_000, "03")]}]
    )
    return Side("2020", [allocate(a, reference)]), Side("2022", [allocate(b, reference)])


def test_compare_rows_change_and_percent(sides, reference):
    report = compare_report(*sides, reference)
    rows = by_recipient(report)
    assert list(rows) == ["01", "03", "skr"]
    assert (rows["01"]["2020"], rows["01"]["2022"], rows["01"]["change"]) == (24_118_590, 0, -24_118_590)
    assert rows["01"]["change_percent"] == Decimal("-100.0")
    assert (rows["03"]["change"], rows["03"]["change_percent"]) == (30_000, None)  # nothing in A: no percent
    assert (rows["skr"]["change"], rows["skr"]["change_percent"]) == (50_000, Decimal("50.0"))
    # Both sides rest on no population; the newest dataset before 2020 is 2019-12-31, before 2022 2021-12-31.
    assert rows["01"]["kr_per_inhabitant_2022"] is None  # 0 kr: blank, not 0,00
    assert (
        report.notes[-1] == "kr/inh. 2022: population 2021-12-31 (" + reference.populations["2021-12-31"].source + ")."
    )
    assert report.footer[-1]["change"] == 180_000 - 24_218_590
    assert [line["short_name"] for line in report.footer] == ["Regions", "Organisations", "Total"]
    assert report.title == "Comparison 2020 → 2022"
    assert report.data["a"] == {"label": "2020", "agreements": ["2020-a"], "total": 24_218_590}


def test_compare_per_inhabitant_uses_each_sides_population(sides, reference):
    a, b = sides
    with_2021 = Side(a.label, a.results, reference.populations["2021-11-01"])
    rows = by_recipient(compare_report(with_2021, b, reference))
    assert rows["01"]["kr_per_inhabitant_2020"] == Decimal("10.00")


def test_compare_sorting(sides, reference):
    rows = compare_report(*sides, reference).rows
    order = lambda sort, reverse=False: [r["recipient"] for r in sort_rows(rows, sort, reverse)]  # noqa: E731
    assert order("change") == ["skr", "03", "01"]  # amounts: largest first
    assert order("change", reverse=True) == ["01", "03", "skr"]
    assert order("percent") == ["skr", "01", "03"]  # no percent: last either way
    assert order("percent", reverse=True) == ["01", "skr", "03"]
    assert order("name") == ["01", "03", "skr"]  # Region Stockholm, Region Uppsala, Sveriges Kommuner …
    assert order("recipient", reverse=True) == ["skr", "03", "01"]


# --- explain -------------------------------------------------------------------------------------------


def test_explain_a_region_shows_the_arithmetic_and_the_rounding(tiny, reference):
    report = explain_report([tiny], reference, reference.recipients["01"], 2022)
    assert report.title == "Region Stockholm (01) 2022: 667 kr from 1 pot"
    (row,) = report.rows
    assert row["arithmetic"] == f"1{NB}000 × 2 / 3 ≈ 666,666 → 667"
    assert (row["rounding"], row["rule"], row["exact_share"]) == (
        "up: 1 kr from the remainder",
        "by population: 01, 03, figures in the file",
        "2000/3",
    )
    assert report.footer == [{"pot": "Total", "amount": 667}]
    assert report.notes[0].startswith("Arithmetic: pot × weight / total weight = the exact share, ≈ when")
    assert "Each pot is split by the largest-remainder method" in report.notes[0]
    assert (
        "Population inline figures: Stockholm 2 of 3 inhabitants. Source: figures given in the agreement file."
        in report.notes
    )
    assert report.notes[-1] == (
        "Stockholm is part of Sjukvårdsregion Stockholm-Gotland, which receives 17 kr of 2022's money itself "
        "(vardmedel explain 2022 --recipient stockholm-gotland)."
    )
    assert report.data["pots"][0]["arithmetic"] == "1 000 × 2 / 3 ≈ 666,666 → 667"


def test_explain_rounded_down_and_fixed(tiny, reference):
    sodra = explain_report([tiny], reference, reference.recipients["sodra"], 2022)
    assert [(r["arithmetic"], r["rounding"]) for r in sodra.rows] == [("100 × 1 / 6 ≈ 16,666 → 16", "down")]
    assert sodra.notes[-1] == (
        "Its regions (07, 10, 12, 13) receive 0 kr of 2022's money themselves; "
        "vardmedel allocate 2022 --level samverkansregion rolls them up."
    )
    skr = explain_report([tiny], reference, reference.recipients["skr"], 2022)
    assert [(r["arithmetic"], r["rounding"]) for r in skr.rows] == [("the whole pot: 100", "exact")]
    assert not any("largest-remainder" in note for note in skr.notes)  # nothing was split


def test_explain_whole_thousands_and_a_table_taken_as_given(reference):
    pots = [
        {"id": "k", "amount": 10_000, "rule": {"equal": ["01", "03", "04"]}, "rounding": {"unit": 1_000}},
        {"id": "t", "amount": 500, "rule": {"amounts": {"01": 300, "03": 200}}},
    ]
    result = allocate(agreement(areas=[{"id": "a", "title": "A", "pots": pots}], total=None), reference)
    rows = explain_report([result], reference, reference.recipients["01"], 2022).rows
    assert [(r["arithmetic"], r["rounding"]) for r in rows] == [
        (f"10{NB}000 × 1 / 3 ≈ 3{NB}333,333 → 4{NB}000 (whole 1{NB}000 kr)", f"up: 1{NB}000 kr from the remainder"),
        ("as the agreement's table gives it: 300", "exact"),
    ]


def test_explain_a_recipient_without_money(tiny, reference):
    report = explain_report([tiny], reference, reference.recipients["25"], 2022)
    assert report.rows == [] and report.footer == []
    assert report.notes[0] == "Region Norrbotten receives no money directly from the agreements of 2022."


# --- agreements: list and show -------------------------------------------------------------------------


def test_list_report_sums_the_pots_next_to_the_stated_total():
    off = agreement(2021, "off", total=1_000)
    items = [SimpleNamespace(agreement=agreement(), path="b.yaml"), SimpleNamespace(agreement=off, path="a.yaml")]
    report = list_report(items)
    assert [(r["id"], r["stated_total"], r["total"], r["pots"], r["file"]) for r in report.rows] == [
        ("2021-off", 1_000, 1_200, 3, "a.yaml"),
        ("2022-tiny", 1_200, 1_200, 3, "b.yaml"),
    ]
    assert report.notes == ["2 agreements; vardmedel show ID shows one as a tree."]


def test_show_report_tree_and_rows():
    report = show_report(SimpleNamespace(agreement=agreement(total=1_000), path="t.yaml"))
    tree = report.tree
    assert tree.label == f"2022-tiny: Tiny 2022: 1{NB}200 kr (stated 1{NB}000 kr: 200 kr off)"
    assert [child.label for child in tree.children] == [
        "source: Hand-made",
        "a: Area A: 200 kr",
        f"b: Area B: 1{NB}000 kr",
    ]
    p3 = tree.children[2].children[0]
    assert p3.label == f"p3: p3: 1{NB}000 kr"
    assert [leaf.label for leaf in p3.children] == [
        "rule: by population: 01, 03, figures in the file",
        "quote: “Medlen fördelas efter befolkning”",
    ]
    assert [(r["pot"], r["rule"]) for r in report.rows] == [
        ("p1", "all to skr"),
        ("p2", "equal parts: samverkansregioner"),
        ("p3", "by population: 01, 03, figures in the file"),
    ]
    assert report.footer == [{"pot": "Total", "amount": 1_200}]


# --- reference data ------------------------------------------------------------------------------------


def test_regions_report_counts_halland_on_both_sides(reference):
    report = regions_report(reference)  # the newest dataset, 31 December 2023
    rows = {row["id"]: row for row in report.rows}
    assert rows["sodra"]["population"] == 1_926_100  # see test_kr_per_inhabitant_counts_halland_in_sodra…
    assert rows["vastra"]["population"] == 1_767_016 + 201_086  # Västra Götaland + Kungsbacka, Varberg, Falkenberg
    assert rows["13"]["samverkansregion"] == "sodra + vastra"
    assert rows["sodra"]["members"] == "07 10 12 13(Halmstad Hylte Laholm)"
    assert report.notes[0].startswith(
        "Population 2023-12-31: the regions and the samverkansregioner both add up to 10 551 707"
    )


def test_datasets_and_one_population(reference):
    datasets = datasets_report(reference)
    assert [(r["id"], r["total"], r["regions"]) for r in datasets.rows][-3:] == [
        ("2021-11-01", 10_443_100, 21),
        ("2021-12-31", 10_452_326, 21),
        ("2023-12-31", 10_551_707, 21),
    ]
    one = population_report(reference.populations["2021-11-01"], reference)
    first = one.rows[0]
    assert (first["code"], first["population"], first["share_percent"]) == ("01", 2_411_859, Decimal("23.10"))
    assert one.footer == [{"name": "Sweden", "population": 10_443_100}]
