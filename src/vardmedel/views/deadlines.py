"""The reports the agreements ask for, by date: a neutral table for ``vardmedel deadlines``."""

from __future__ import annotations

from ..i18n import _
from ..report import Column, Report
from .common import agreement_columns, plain, source_text


def deadlines_report(deadlines: list, title: str) -> Report:
    """One row per report (``reports_due.Due``), in date order, with the source's words for machines."""
    rows = [
        {
            "due": due.due.isoformat(),
            "what": due.what,
            "by": due.by or "",
            "to": due.to or "",
            "agreement": due.agreement,
            "area": due.area or "",
            "quote": plain(due.quote),
            "note": plain(due.note),
            "source": source_text(due.source),
        }
        for due in deadlines
    ]
    columns = [
        Column("due", _("Due")),
        Column("what", _("Report")),
        Column("by", _("By")),
        Column("to", _("To")),
        *agreement_columns("agreement", "area"),
        *agreement_columns("quote", "note", "source", human=False),
    ]
    notes = []
    if not rows:
        notes.append(_("The agreements name no reports."))
    elif any(not due.by or not due.to for due in deadlines):
        notes.append(_("A blank By or To: the source does not say who reports, or to whom."))
    notes.append(_("--format ics -o FILE.ics writes them as a calendar (RFC 5545) for Outlook or Google Calendar."))
    return Report(title=title, columns=columns, rows=rows, notes=notes, data={"deadlines": rows})
