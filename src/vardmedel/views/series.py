"""One series of agreements over the years: what frames reserved beside what was agreed, for ``vardmedel series``."""

from __future__ import annotations

from ..formatting import format_kr
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
        Column("year", "År"),
        Column("agreed", "Överenskommet", KR),
        Column("reserved", "Reserverat", KR),
        Column("difference", "Skillnad", KR),
        Column("agreements", "Överenskommelser"),
        Column("frames", "Ram i"),
        Column("also_usable", "Får även användas"),
    ]
    notes = [
        "Överenskommet: the money the series' agreements of the year agree (an area in the series: that area "
        "only). Reserverat: what a frame of an earlier agreement reserved for the year. Skillnad: agreed − reserved.",
    ]
    for year in years:
        for item in year.carried:
            notes.append(
                f"{year.year}: the money of {item.agreement} ({format_kr(item.amount, ' ')} kr, agreed for "
                f"{item.year}) may be used in {year.year} too; it is counted once, in {item.year}."
            )
    over = [row for row in rows if row["difference"] is not None and row["difference"] > 0]
    for row in over:
        notes.append(
            f"{row['year']}: {format_kr(row['difference'], ' ')} kr more agreed than reserved "
            "(vardmedel check warns: frame-exceeded)."
        )
    agreed = sum(row["agreed"] for row in rows)
    return Report(
        title=f"Serie {name}",
        columns=columns,
        rows=rows,
        footer=[{"year": "Totalt", "agreed": agreed}],
        notes=notes,
        data={"series": name, "years": rows, "agreed": agreed},
    )


def _agreed(item) -> str:
    return f"{item.agreement} ({', '.join(item.areas)})" if item.areas else item.agreement
