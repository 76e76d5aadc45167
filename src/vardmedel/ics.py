"""Deadlines as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar import.

Not one of the table formats of output/ (``--format`` of every command): a calendar holds events, not rows,
so only ``vardmedel deadlines`` writes it. Each report is an all-day event on
its due date with a stable UID (importing a newer file updates the events
instead of doubling them). Lines end in CRLF and are folded at 75 octets
without splitting a UTF-8 character; text is escaped as section 3.3.11 says.
DTSTAMP is the time of writing, or ``SOURCE_DATE_EPOCH`` when set (reproducible files).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import IO

from . import __version__
from .i18n import _

BINARY = True
#: The longest line RFC 5545 allows, in octets, without the CRLF.
LINE_OCTETS = 75


def write(deadlines: Iterable, stream: IO[bytes], name: str = "vardmedel") -> None:
    """Write *deadlines* (``reports_due.Due``) as one VCALENDAR to the binary *stream*."""
    stamp = _stamp()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//vardmedel//vardmedel {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for due in deadlines:
        where = f"{due.agreement}/{due.area}" if due.area else due.agreement
        who = (" " + _("by {who}").format(who=due.by) if due.by else "") + (
            " " + _("to {who}").format(who=due.to) if due.to else ""
        )
        description = [f"{due.what}{who}.", f"{due.agreement_title} ({where})."]
        if due.quote:
            description.append(f"“{' '.join(due.quote.split())}”")
        if due.note:
            description.append(" ".join(due.note.split()))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(due.uid)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{due.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(f'{due.what}: {due.agreement_title}')}",
            f"DESCRIPTION:{escape(chr(10).join(description))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    stream.write(b"".join(fold(line) + b"\r\n" for line in lines))


def escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> bytes:
    """One content line in UTF-8, folded so no physical line exceeds 75 octets (continuations start with a space)."""
    pieces: list[bytes] = []
    current = b""
    limit = LINE_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            pieces.append(current)
            current = b" "
            limit = LINE_OCTETS
        current += encoded
    pieces.append(current)
    return b"\r\n".join(pieces)


def _stamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")
