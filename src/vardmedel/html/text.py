"""Every word the HTML report shows, in one place: a translation function can wrap ``t`` later.

Keys name the place a text is used; values are ``str.format`` templates.
"""

from __future__ import annotations

TEXT: dict[str, str] = {
    # the document
    "lang": "en",
    "title_year": "Allocation {year}",
    "title_years": "Allocation {first}–{last}",
    "pots": "Pots",
    "agreements": "Agreements",
    "contents": "Contents",
    "generated": "Made by vardmedel {version}. The amounts are whole kronor, exactly as "
    "vardmedel allocate {command} --format csv prints them.",
    "kr": "kr",
    "mnkr": "mnkr",
    "kr_per_inhabitant": "kr per inhabitant",
    "data_table": "The numbers behind the chart",
    # kinds of recipient
    "kind_region": "Regions",
    "kind_samverkansregion": "Samverkansregioner",
    "kind_organisation": "Organisations",
    # kronor per inhabitant, bars
    "per_capita_heading": "Kronor per inhabitant",
    "per_capita_caption": "Kronor per inhabitant by region, largest first; the line marks the national "
    "average. Population {population}.",
    "per_capita_alt": "Horizontal bars of kronor per inhabitant for {count} regions, from {top} in {top_name} "
    "to {bottom} in {bottom_name}; the national average is {average}.",
    "per_capita_alt_equal": "Horizontal bars of kronor per inhabitant for {count} regions: every region gets "
    "{value}, which is also the national average.",
    "per_capita_equal": "Every region gets the same amount per inhabitant: the regions' money is split by population.",
    "per_capita_years": "For several years, the sum over the years is divided by one population: {population}.",
    "national_average": "National average {value}",
    "region": "Region",
    "no_per_capita": "No region receives money of its own in this selection, so there is no amount per "
    "inhabitant to show.",
    # the map
    "map_heading": "Map of the regions",
    "map_caption": "The 21 regions in rough geographic position, coloured by kronor per inhabitant.",
    "map_alt": "A grid of 21 tiles, one per region, placed roughly where the region lies in Sweden and "
    "coloured by kronor per inhabitant: {classes}.",
    "map_class": "{low} to {high} kr ({regions})",
    "map_class_one": "{value} kr ({regions})",
    "regions_one": "1 region",
    "regions_many": "{count} regions",
    "map_none": "no money of its own ({regions})",
    "map_none_tile": "no money of its own",
    "legend": "Kronor per inhabitant",
    # money by kind and area / year
    "kinds_heading": "Money by kind of recipient",
    "kinds_caption_area": "The money each kind of recipient receives, split by area.",
    "kinds_caption_year": "The money of each year, split by kind of recipient.",
    "kinds_alt": "Stacked horizontal bars, one per {bars}, each split into {segments}: {summary}.",
    "kinds_alt_kind": "kind of recipient",
    "kinds_alt_year": "year",
    "kinds_alt_areas": "areas",
    "kinds_alt_kinds": "kinds of recipient",
    "kind": "Kind",
    "year": "Year",
    "total": "Total",
    # per recipient over the years
    "recipients_heading": "Each recipient over the years",
    "recipients_caption": "Each recipient's money per year in mnkr, each on its own scale. A year without a bar: "
    "nothing that year.",
    "recipient_alt": "Bars of {name}'s money per year: {values}.",
    # the table
    "table_heading": "Allocation",
    "table_caption": "Whole kronor per recipient and {by}; an asterisk marks an amount that rests on an "
    "assumption (see the notes).",
    "by_area": "area",
    "by_year": "year",
    "id": "Id",
    "recipient": "Recipient",
    "total_row": "Total",
    "per_inhabitant_short": "kr/inv.",
    "table_scroll": "The allocation table (scrolls sideways)",
    # notes and sources
    "notes_heading": "Notes and assumptions",
    "funders": "Who pays, as the agreements state it: of {total} kr, {paid}.",
    "funders_unknown": "For {amount} kr the files do not say who pays.",
    "sources_heading": "Sources",
    "sources_caption": "Every pot with its rule, the basis of its split, its source and the source's words.",
    "source_agreement": "Agreement",
    "source_pot": "Pot",
    "source_amount": "Amount (kr)",
    "source_rule": "Rule and basis",
    "source_funders": "Paid by (kr)",
    "source_source": "Source",
    "source_quote": "The source's words",
    "source_assumption": "Assumption",
}


def t(key: str, **values: object) -> str:
    """The text *key*, filled in; the one door every word of the report goes through."""
    text = TEXT[key]
    return text.format(**values) if values else text
