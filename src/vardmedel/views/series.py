"""One series of agreements over the years: what frames reserved beside what was agreed, for ``vardmedel series``."""

from __future__ import annotations

from ..formatting import format_kr
from ..i18n import _
from ..report import KR, Column, Report


def series_report(name: str, years: list) -> Report:
    """One row per year (``agreement_series.SeriesYear``), from the first to the last the series has money in."""
    rows = []
    for year in years:
        reserved = year.reserved_total
        rows.append(
            {
                "year": year.year,
                "agreed": year.agreed_total,
                "reserved": reserved,
                "difference": None if reserved is None else year.agreed_total - reserved,
                "agreements": ", ".join(_agreed(item) for item in year.agreed),
                "frames": ", ".join(item.agreement for item in year.reserved),
                "also_usable": ", ".join(item.agreement for item in year.carried),
            }
        )
    columns = [
        Column("year", _("Year")),
        Column("agreed", _("Agreed"), KR),
        Column("reserved", _("Reserved"), KR),
        Column("difference", _("Difference"), KR),
        Column("agreements", _("Agreements")),
        Column("frames", _("Frame in")),
        Column("also_usable", _("Also usable")),
    ]
    notes = [
        _(
            "Agreed: the money the series' agreements of the year agree (an area in the series: that area only). "
            "Reserved: what a frame of an earlier agreement reserved for the year. Difference: agreed − reserved."
        ),
    ]
    for year in years:
        for item in year.carried:
            notes.append(
                _(
                    "{year}: the money of {agreement} ({amount} kr, agreed for {agreed}) may be used in {year} too; "
                    "it is counted once, in {agreed}."
                ).format(year=year.year, agreement=item.agreement, amount=format_kr(item.amount, " "), agreed=item.year)
            )
    over = [row for row in rows if row["difference"] is not None and row["difference"] > 0]
    for row in over:
        notes.append(
            _("{year}: {amount} kr more agreed than reserved (vardmedel check warns: frame-exceeded).").format(
                year=row["year"], amount=format_kr(row["difference"], " ")
            )
        )
    agreed = sum(row["agreed"] for row in rows)
    return Report(
        title=_("Series {name}").format(name=name),
        columns=columns,
        rows=rows,
        footer=[{"year": _("Total"), "agreed": agreed}],
        notes=notes,
        data={"series": name, "years": rows, "agreed": agreed},
    )


def _agreed(item) -> str:
    return f"{item.agreement} ({', '.join(item.areas)})" if item.areas else item.agreement
