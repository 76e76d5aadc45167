"""What the agreements in a view cover, said where it matters: scope, series, the years the money may be used.

A file may encode one chapter of a document (``scope``), agreements belong to
series (``series``), and money may be used after its year (``valid``). Views
name these in titles and notes, and warn in one line when they set unlike
things side by side: a part of a document beside whole ones, or different
series (named series only: a folder that names none gets no warning).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..formatting import format_kr
from ..i18n import _


def label(agreement) -> str:
    """The agreement's title, with the part it encodes when it is not the whole document: '… 2020 (kapitel 8)'."""
    return agreement.title if agreement.scope is None else f"{agreement.title} ({agreement.scope.part})"


def scope_notes(agreements: Iterable) -> list[str]:
    """One note per agreement that encodes only part of its document."""
    notes = []
    for agreement in agreements:
        if agreement.scope is not None:
            notes.append(
                _("{id} holds only {part}; the rest of that document is not counted.").format(
                    id=agreement.id, part=_part(agreement.scope)
                )
            )
    return notes


def validity_notes(agreements: Iterable) -> list[str]:
    """One note per agreement whose money may be used after its own year: it is counted once, in its year."""
    notes = []
    for agreement in agreements:
        years = agreement.valid_years
        if len(years) > 1:
            notes.append(
                _("{id}: the money may be used in {first}–{last}; it is counted once, in {year}.").format(
                    id=agreement.id, first=years[0], last=years[-1], year=agreement.year
                )
            )
    return notes


def carried_note(year: int, agreements: Sequence) -> str:
    """Earlier money that may also be used in *year*, a year without an agreement of its own: counted once, earlier."""
    named = ", ".join(
        _("{id} ({amount} kr, valid {first}–{last})").format(
            id=agreement.id,
            amount=format_kr(sum(pot.amount for _area, pot in agreement.pots()), " "),
            first=agreement.valid_years[0],
            last=agreement.valid_years[-1],
        )
        for agreement in agreements
    )
    counted = ", ".join(sorted({str(agreement.year) for agreement in agreements}))
    return _("{year}: the money of {named} may be used in {year} too; it is counted once, in {counted}.").format(
        year=year, named=named, counted=counted
    )


def series_of(agreements: Iterable) -> set[str | None]:
    """The named series the agreements' money belongs to (None for money of an agreement that names none)."""
    return {area.series or agreement.series for agreement in agreements for area in agreement.areas}


def unlike_warning(sides: Sequence[tuple[str, Sequence]], what: str = "sides") -> str | None:
    """One line when *sides* (label, agreements) set a part beside a whole, or different named series, side by side.

    *what* names the sides in the message ('sides', 'years').
    """
    families = [series_of(agreements) for _name, agreements in sides]
    if all(family == families[0] for family in families):
        return None
    parts = [(name, a) for name, agreements in sides for a in agreements if a.scope is not None]
    wholes = any(a.scope is None for _name, agreements in sides for a in agreements)
    named = all(None not in family for family in families)
    if not named and not (parts and wholes):
        return None
    clauses = []
    if parts and wholes:
        clauses.append(
            _("{parts}, set beside whole agreements").format(
                parts="; ".join(
                    _("{name} is only {part} ({id})").format(name=name, part=_part(a.scope), id=a.id)
                    for name, a in parts
                )
            )
        )
    if named:
        listed = "; ".join(
            f"{name}: {', '.join(sorted(str(series) for series in family))}"
            for (name, _agreements), family in zip(sides, families, strict=True)
        )
        if what == "years":
            clauses.append(_("the years hold different series ({listed})").format(listed=listed))
        else:
            clauses.append(_("the sides hold different series ({listed})").format(listed=listed))
    return _("Warning: {clauses}; part of any change is a change in what is counted.").format(
        clauses=_(", and ").join(clauses)
    )


def _part(scope) -> str:
    """'kapitel 8 of Överenskommelse …', or the part alone when the file does not name the whole."""
    return _("{part} of {whole}").format(part=scope.part, whole=scope.of) if scope.of else scope.part
