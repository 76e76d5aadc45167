"""The reports the agreements ask for (``reports:`` on an agreement or an area), in date order: plain data.

A report's note is taken in the run's language, as every text of a view is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import in_language


@dataclass(frozen=True)
class Due:
    """One report that falls due: when, what, by whom and to whom, under which agreement (and area)."""

    due: dt.date
    what: str
    by: str | None
    to: str | None
    agreement: str
    agreement_title: str
    area: str | None  # None: the agreement's own report
    area_title: str | None
    quote: str | None
    note: str | None
    source: object | None  # model.Source: where the report is asked for (the area's source, else the agreement's)
    index: int  # its place among the reports of its agreement or area, for a stable identity

    @property
    def uid(self) -> str:
        """An identity that stays the same from run to run, so a calendar updates an event instead of adding one."""
        return f"{self.agreement}.{self.area or 'agreement'}.{self.index}.{self.due.isoformat()}@vardmedel"


def due_reports(agreements: Iterable) -> list[Due]:
    """Every report of *agreements* (``model.Agreement``), by date, then agreement, area and file order."""
    found = []
    for agreement in agreements:
        levels = [(None, None, agreement.source, agreement.reports)]
        levels += [(a.id, a.title, a.source or agreement.source, a.reports) for a in agreement.areas]
        for area_id, area_title, source, reports in levels:
            for index, report in enumerate(reports):
                found.append(
                    Due(
                        report.due,
                        report.what,
                        report.by,
                        report.to,
                        agreement.id,
                        agreement.title,
                        area_id,
                        area_title,
                        report.quote,
                        in_language(report.note),
                        source,
                        index,
                    )
                )
    return sorted(found, key=lambda d: (d.due, d.agreement, d.area or "", d.index))
