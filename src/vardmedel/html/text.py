"""Every word the HTML report shows, in one place, translated by ``t`` into the run's language.

Keys name the place a text is used; values are ``str.format`` templates.
"""

from __future__ import annotations

from ..i18n import N_, _, language

TEXT: dict[str, str] = {
    # the document
    "lang": "en",
    "title_year": N_("Allocation {year}"),
    "title_years": N_("Allocation {first}–{last}"),
    "pots": N_("Pots"),
    "agreements": N_("Agreements"),
    "contents": N_("Contents"),
    "generated": N_(
        "Made by vardmedel {version}. The amounts are whole kronor, exactly as "
        "vardmedel allocate {command} --format csv prints them."
    ),
    "kr": N_("kr"),
    "mnkr": N_("mnkr"),
    "kr_per_inhabitant": N_("kr per inhabitant"),
    "data_table": N_("The numbers behind the chart"),
    # kinds of recipient
    "kind_region": N_("Regions"),
    "kind_samverkansregion": N_("Samverkansregioner"),
    "kind_organisation": N_("Organisations"),
    # kronor per inhabitant, bars
    "per_capita_heading": N_("Kronor per inhabitant"),
    "per_capita_caption": N_(
        "Kronor per inhabitant by region, largest first; the line marks the national average. Population {population}."
    ),
    "per_capita_alt": N_(
        "Horizontal bars of kronor per inhabitant for {count} regions, from {top} in {top_name} "
        "to {bottom} in {bottom_name}; the national average is {average}."
    ),
    "per_capita_alt_equal": N_(
        "Horizontal bars of kronor per inhabitant for {count} regions: every region gets "
        "{value}, which is also the national average."
    ),
    "per_capita_equal": N_(
        "Every region gets the same amount per inhabitant: the regions' money is split by population."
    ),
    "per_capita_years": N_("For several years, the sum over the years is divided by one population: {population}."),
    "national_average": N_("National average {value}"),
    "region": N_("Region"),
    "no_per_capita": N_(
        "No region receives money of its own in this selection, so there is no amount per inhabitant to show."
    ),
    # the map
    "map_heading": N_("Map of the regions"),
    "map_caption": N_("The 21 regions in rough geographic position, coloured by kronor per inhabitant."),
    "map_alt": N_(
        "A grid of 21 tiles, one per region, placed roughly where the region lies in Sweden and "
        "coloured by kronor per inhabitant: {classes}."
    ),
    "map_class": N_("{low} to {high} kr ({regions})"),
    "map_class_one": N_("{value} kr ({regions})"),
    "regions_one": N_("1 region"),
    "regions_many": N_("{count} regions"),
    "map_none": N_("no money of its own ({regions})"),
    "map_none_tile": N_("no money of its own"),
    "legend": N_("Kronor per inhabitant"),
    # money by kind and area / year
    "kinds_heading": N_("Money by kind of recipient"),
    "kinds_caption_area": N_("The money each kind of recipient receives, split by area."),
    "kinds_caption_year": N_("The money of each year, split by kind of recipient."),
    "kinds_alt": N_("Stacked horizontal bars, one per {bars}, each split into {segments}: {summary}."),
    "kinds_alt_kind": N_("kind of recipient"),
    "kinds_alt_year": N_("year"),
    "kinds_alt_areas": N_("areas"),
    "kinds_alt_kinds": N_("kinds of recipient"),
    "kind": N_("Kind"),
    "year": N_("Year"),
    "total": N_("Total"),
    # per recipient over the years
    "recipients_heading": N_("Each recipient over the years"),
    "recipients_caption": N_(
        "Each recipient's money per year in mnkr, each on its own scale. A year without a bar: nothing that year."
    ),
    "recipient_alt": N_("Bars of {name}'s money per year: {values}."),
    # the table
    "table_heading": N_("Allocation"),
    "table_caption": N_(
        "Whole kronor per recipient and {by}; an asterisk marks an amount that rests on an assumption (see the notes)."
    ),
    "by_area": N_("area"),
    "by_year": N_("year"),
    "id": N_("Id"),
    "recipient": N_("Recipient"),
    "total_row": N_("Total"),
    "per_inhabitant_short": N_("kr/inh."),
    "table_scroll": N_("The allocation table (scrolls sideways)"),
    # notes and sources
    "notes_heading": N_("Notes and assumptions"),
    "funders": N_("Who pays, as the agreements state it: of {total} kr, {paid}."),
    "funders_unknown": N_("For {amount} kr the files do not say who pays."),
    "sources_heading": N_("Sources"),
    "sources_caption": N_("Every pot with its rule, the basis of its split, its source and the source's words."),
    "source_agreement": N_("Agreement"),
    "source_pot": N_("Pot"),
    "source_amount": N_("Amount (kr)"),
    "source_rule": N_("Rule and basis"),
    "source_funders": N_("Paid by (kr)"),
    "source_source": N_("Source"),
    "source_quote": N_("The source's words"),
    "source_assumption": N_("Assumption"),
}


def t(key: str, **values: object) -> str:
    """The text *key* in the run's language, filled in; the one door every word of the report goes through."""
    if key == "lang":
        return language()  # the page's own language code
    text = _(TEXT[key])
    return text.format(**values) if values else text
