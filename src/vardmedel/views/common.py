"""What several views share: the recipients known, kronor per inhabitant, display units, sources and marks."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..engine import AgreementResult, recipients_of
from ..formatting import format_kr, per_capita
from ..funder_money import FundingSummary
from ..i18n import N_, Localized, _
from ..money import Part, funders_in_order
from ..reference import REGION, SAMVERKANSREGION, PopulationDataset, Recipient, Reference
from ..report import KR, TEXT, UNITS, Column
from ..rules import population_weights

#: The footnote mark of an amount that rests on an assumption (a rule or date the source does not state).
ASSUMPTION_MARK = "*"

#: The columns of an agreement's parts and its words, by key: each is titled here, for every view that shows it.
_AGREEMENT_COLUMNS = {
    "agreement": N_("Agreement"),
    "area": N_("Area"),
    "pot": N_("Pot"),
    "title": N_("Title"),
    "amount": N_("Amount"),
    "funders": N_("Funders"),
    "rule": N_("Rule"),
    "source": N_("Source"),
    "quote": N_("Quote"),
    "assumption": N_("Assumption"),
    "note": N_("Note"),
}


def agreement_columns(*keys: str, **settings: Any) -> list[Column]:
    """The columns *keys* (of ``_AGREEMENT_COLUMNS``) in the run's language, ``amount`` in kronor; *settings* to each."""
    return [Column(key, _(_AGREEMENT_COLUMNS[key]), KR if key == "amount" else TEXT, **settings) for key in keys]


def known_recipients(results: Iterable[AgreementResult], reference: Reference) -> Reference:
    """The reference data plus every recipient the agreements declare."""
    known = reference
    for result in results:
        known = recipients_of(result.agreement, known)
    return known


def per_capita_basis(
    results: list[AgreementResult], reference: Reference, override: PopulationDataset | None
) -> PopulationDataset | None:
    """The population used for kronor per inhabitant: the one the pots used, else the newest before the year."""
    if override is not None:
        return override
    used = {p.basis.dataset.id: p.basis.dataset for r in results for p in r.pots if p.basis.dataset}
    if len(used) == 1:
        return next(iter(used.values()))
    years = {r.agreement.year for r in results}
    return reference.default_population(max(years)) if years else None


def kr_per_inhabitant(
    kronor: int, recipient: Recipient, basis: PopulationDataset | None, known: Reference, rolled_up: bool
) -> Decimal | None:
    """Kronor per inhabitant of a region, or of a samverkansregion whose regions' money is *rolled_up* into it.

    A split region counts in a samverkansregion by its kommuner's share, exactly:
    the weights are populations scaled by ``Reference.split_scale``, so the
    kronor are scaled the same way before the one rounding. None where no
    population fits (an organisation, a samverkansregion's own money alone, a basis that
    lacks the region, or nobody living there).
    """
    if basis is None:
        return None
    if recipient.kind == REGION and basis.figures.get(recipient.id):
        return per_capita(kronor, basis.figures[recipient.id])
    if recipient.kind == SAMVERKANSREGION and rolled_up:
        if recipient.id in basis.figures:  # an agreement's own figures, given for the samverkansregion itself
            return per_capita(kronor, basis.figures[recipient.id])
        if any(code not in basis.figures for code in known.members(recipient.id)):
            return None  # a basis without some of its regions (an agreement's own figures) counts no one there
        weight = population_weights([recipient.id], basis, known)[recipient.id]
        return per_capita(kronor * known.split_scale(basis.date), weight)
    return None


def exact_share(part: Part) -> str:
    """A part's exact share of its pot as a fraction, for machines: A·w/W in lowest terms ('1125/4')."""
    return f"{part.exact.numerator}/{part.exact.denominator}"


def unit_title(unit: str) -> str:
    return "" if unit == "kr" else f" ({unit})"


def unit_notes(unit: str) -> list[str]:
    """What people must know when amounts are shown in tkr or mnkr."""
    if unit == "kr":
        return []
    size, decimals = UNITS[unit]
    step = f"0,{'0' * (decimals - 1)}1 {unit}" if decimals else _("whole {unit}").format(unit=unit)
    return [
        _(
            "Amounts are shown in {unit} ({size} kr), each rounded to {step} from exact kronor; totals are exact "
            "sums rounded once, so rounded rows may not add up to the rounded total. CSV, JSON and excel-sv carry "
            "whole kronor; xlsx holds whole kronor and only shows them in {unit}."
        ).format(unit=unit, size=format_kr(size, " "), step=step)
    ]


def source_text(source) -> str:
    """Where a figure comes from, in one line."""
    if source is None:
        return ""
    parts = [source.title]
    if source.publisher:
        parts.append(source.publisher)
    if source.published:
        parts.append(source.published.isoformat())
    if source.seed:
        parts.append(_("seed {seed}").format(seed=source.seed))
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def plain(text: str | Localized | None) -> str:
    """A text from a file on one line (a note in the run's language): line breaks and runs of spaces made single."""
    return " ".join(str(text or "").split())


def per_inhabitant_note(basis: PopulationDataset, rolled_up: bool, over_years: bool = False) -> str:
    """What the kr/inh. column divides by."""
    if over_years:
        message = _("kr/inh.: the kronor of all the years per inhabitant, population {population}.")
    elif rolled_up:
        message = _("kr/inh.: kronor per inhabitant for regions and samverkansregioner, population {population}.")
    else:
        message = _("kr/inh.: kronor per inhabitant for regions, population {population}.")
    return message.format(population=basis.described)


def assumption_note(key: str, text: str) -> str:
    """The footnote of an amount marked as resting on an assumption."""
    return f"{ASSUMPTION_MARK} {key}: {plain(text)}"


def funder_notes(funding: FundingSummary) -> list[str]:
    """Who pays the money shown: every funder's kronor, or, under ``--funder``, whose money alone is shown."""
    if not funding.by_funder:
        return [_("Funders: the files do not say who pays this money.")] if funding.total else []
    paid = ", ".join(f"{funder} {format_kr(funding.by_funder[funder], ' ')} kr" for funder in funding.funders)
    total, unknown = format_kr(funding.total, " "), format_kr(funding.unknown, " ")
    if funding.funder is None:
        if len(funding.by_funder) == 1 and not funding.unknown:
            return [_("Funder: {funder} pays all of it.").format(funder=funding.funders[0])]
        if funding.unknown:
            note = _(
                "Funders: {paid} (of {total} kr); no file says who pays {unknown} kr; --funder NAME shows one "
                "funder's money alone."
            )
        else:
            note = _("Funders: {paid} (of {total} kr); --funder NAME shows one funder's money alone.")
        return [note.format(paid=paid, total=total, unknown=unknown)]
    own = format_kr(funding.by_funder[funding.funder], " ")
    if funding.unknown:
        note = _(
            "Only the money {funder} pays: {own} kr of {total} kr (funders: {paid}); left out, as no file says who "
            "pays {unknown} kr."
        )
    else:
        note = _("Only the money {funder} pays: {own} kr of {total} kr (funders: {paid}).")
    notes = [note.format(funder=funding.funder, own=own, total=total, paid=paid, unknown=unknown)]
    if funding.split_pots:
        notes.append(
            _(
                "Paid by several funders, each part split between them to the krona ({pots}): {funder}'s kronor of "
                "a part are its amount × the part / the pot, by largest remainder."
            ).format(pots=", ".join(funding.split_pots), funder=funding.funder)
        )
    return notes


def funders_text(funding: dict[str, int] | None) -> str:
    """'staten' for one funder, 'regionerna 100 000 000, staten 74 500 000' for several; '' when no file says."""
    if not funding:
        return ""
    if len(funding) == 1:
        return next(iter(funding))
    return ", ".join(f"{funder} {format_kr(funding[funder], ' ')}" for funder in funders_in_order(funding))


def distinct_titles(wanted: dict[str, str], taken: Iterable[str]) -> dict[str, str]:
    """Column titles by key, each one told apart from the others and from *taken* (a report's own headers).

    A title that another column has too (an area of two agreements, both 'Säkrare vård'), or
    that is one of *taken* (an area called 'Total'), gets its key added: 'Total (total-2)'.
    Titles are headers of excel-sv and xlsx files, where a reader, or a lookup by header, could
    not tell such columns apart; they compare as ``lookup.normalise`` does, without case or accents.
    """
    from ..lookup import normalise

    titles = dict(wanted)
    reserved = {normalise(title) for title in taken}
    marked: set[str] = set()
    while True:
        seen: dict[str, list[str]] = {}
        for key, title in titles.items():
            seen.setdefault(normalise(title), []).append(key)
        clashing = [
            key for form, keys in seen.items() if form in reserved or len(keys) > 1 for key in keys if key not in marked
        ]
        if not clashing:
            return titles
        for key in clashing:
            titles[key] = f"{titles[key]} ({key})"
            marked.add(key)
