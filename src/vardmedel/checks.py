"""Semantic checks of one loaded agreement: sums, references, identity, published tables, provenance.

Returns problems and prints nothing (the command line decides how to show
them); pipeline.py runs these checks over files and folders. Every stated total is a claim checked against the sum below it; every
pot is run through the engine so that a reference the engine cannot resolve is
reported here, at its line, rather than surfacing later as a failure.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from .cap import Capped
from .engine import AgreementResult, AllocationError, PotResult, allocate_pot, recipients_of
from .formatting import format_kr, mismatch
from .funding_checks import funding_problems
from .i18n import _, in_every_language
from .loader import LoadedAgreement
from .problems import Problem
from .reference import GROUPS, PopulationDataset, Reference
from .rules import kind_of
from .views.names import ROW_KEYS, ROW_LABELS

#: A report may fall due this many years after the last year an agreement's money may be used
#: (an annual report for 2022 is due 31 March 2023); later than that is taken for a mistyped year.
REPORT_YEARS_AFTER = 2

if TYPE_CHECKING:
    from .model import Agreement, Area, Deadline, Pot


def check_agreement(
    item: LoadedAgreement, reference: Reference, population: PopulationDataset | None = None
) -> tuple[list[Problem], AgreementResult | None]:
    """The agreement's problems, at most 20 of a code (``cap``), and its pots as computed on the way (None when one
    could not be)."""
    agreement = item.agreement
    result: AgreementResult | None = AgreementResult(agreement)
    found = Capped(item.path)
    for problem in chain(
        _sums(item), funding_problems(item), _years(item), _identity(item, reference), _provenance(item)
    ):
        found.add_problem(problem)
    known = recipients_of(agreement, reference)
    for index, (area, pot) in _indexed_pots(agreement):
        loc = ("areas", index[0], "pots", index[1])
        try:
            computed = allocate_pot(agreement, area, pot, known, population)
        except AllocationError as err:
            _allocation_problem(found, item, loc, err)
            result = None
            continue
        if result is not None:
            result.pots.append(computed)
        if pot.published is not None:
            for problem in _reconcile(item, loc, pot, computed, known):
                found.add_problem(problem)
    return found.problems(), result


def _allocation_problem(found: Capped, item: LoadedAgreement, loc: tuple, err: AllocationError) -> None:
    """What the engine refused, at the place in the pot it points to; its message is read only if the cap keeps it."""
    # A recipient that is a row of a table (shares, amounts, figures) is pointed at by its key.
    is_row = len(err.loc) >= 3 and err.loc[-2] in ("shares", "amounts", "figures")
    found.add(err.code, item.place((*loc, *err.loc), key=is_row), lambda: err.message)


def _indexed_pots(agreement: Agreement) -> Iterator[tuple[tuple[int, int], tuple[Area, Pot]]]:
    for a, area in enumerate(agreement.areas):
        for p, pot in enumerate(area.pots):
            yield (a, p), (area, pot)


def _funding_mismatch(funded: int, needed: int, against: str) -> str:
    diff = funded - needed
    if diff > 0:
        message = _(
            "the funding adds up to {funded} kr but {against} is {needed} kr, {diff} kr less; correct whichever "
            "figure differs from the source"
        )
    else:
        message = _(
            "the funding adds up to {funded} kr but {against} is {needed} kr, {diff} kr more; correct whichever "
            "figure differs from the source"
        )
    return message.format(
        funded=format_kr(funded, " "), against=against, needed=format_kr(needed, " "), diff=format_kr(abs(diff), " ")
    )


def _sums(item: LoadedAgreement) -> Iterable[Problem]:
    agreement = item.agreement
    pots_total = sum(pot.amount for _, pot in agreement.pots())
    if agreement.total is not None and agreement.total != pots_total:
        yield item.problem(
            ("total",), "sum-total", mismatch(_("the agreement's total"), agreement.total, pots_total, _("its pots"))
        )
    if agreement.funding:
        funded = sum(agreement.funding.values())
        stated = agreement.total if agreement.total is not None else pots_total
        if funded != stated:
            against = (
                _("the agreement's total") if agreement.total is not None else _("the sum of the agreement's pots")
            )
            yield item.problem(("funding",), "sum-funding", _funding_mismatch(funded, stated, against))
    for a, area in enumerate(agreement.areas):
        area_total = sum(pot.amount for pot in area.pots)
        if area.total is not None and area.total != area_total:
            yield item.problem(
                ("areas", a, "total"),
                "sum-area",
                mismatch(_("the total of area {area!r}").format(area=area.id), area.total, area_total, _("its pots")),
            )
        if area.funding:
            funded = sum(area.funding.values())
            if funded != area_total:
                yield item.problem(
                    ("areas", a, "funding"),
                    "sum-funding",
                    _funding_mismatch(
                        funded, area_total, _("the sum of the pots of area {area!r}").format(area=area.id)
                    ),
                )
        for p, pot in enumerate(area.pots):
            if pot.funding and sum(pot.funding.values()) != pot.amount:
                yield item.problem(
                    ("areas", a, "pots", p, "funding"),
                    "sum-funding",
                    _funding_mismatch(
                        sum(pot.funding.values()), pot.amount, _("the amount of pot {pot!r}").format(pot=pot.id)
                    ),
                )
    frame = agreement.frame
    if frame is not None:
        years_total = sum(frame.years.values())
        if frame.total is not None and frame.total != years_total:
            yield item.problem(
                ("frame", "total"),
                "sum-frame",
                mismatch(_("the frame's total"), frame.total, years_total, _("its years")),
            )
        in_frame = frame.years.get(agreement.year)
        if in_frame is not None and in_frame != pots_total:
            yield item.problem(
                ("frame", "years", str(agreement.year)),
                "sum-frame",
                mismatch(
                    _("the frame for {year}").format(year=agreement.year),
                    in_frame,
                    pots_total,
                    _("the agreement's pots"),
                ),
            )


def _years(item: LoadedAgreement) -> Iterable[Problem]:
    """The years the money may be used must hold the agreement's own year; reports fall due near them."""
    agreement = item.agreement
    valid = agreement.valid
    if valid is not None and valid.from_ > valid.to:
        yield item.problem(
            ("valid", "to"),
            "valid-years",
            _("valid: runs from {first} to {last}, which is backwards; swap them").format(
                first=valid.from_, last=valid.to
            ),
        )
    elif valid is not None and agreement.year not in agreement.valid_years:
        yield item.problem(
            ("valid",),
            "valid-years",
            _(
                "valid: {first}–{last} does not hold the agreement's own year {year}; correct the years or the "
                "agreement's year"
            ).format(first=valid.from_, last=valid.to, year=agreement.year),
        )
    first, last = agreement.year, max(agreement.year, agreement.valid_years[-1]) + REPORT_YEARS_AFTER
    places: list[tuple[tuple[str | int, ...], Deadline]] = [
        (("reports", r), report) for r, report in enumerate(agreement.reports)
    ]
    places += [
        (("areas", a, "reports", r), report)
        for a, area in enumerate(agreement.areas)
        for r, report in enumerate(area.reports)
    ]
    for loc, report in places:
        if not first <= report.due.year <= last:
            yield item.problem(
                (*loc, "due"),
                "report-due",
                _(
                    "the report {what!r} falls due on {due}, outside {first}–{last} (the agreement's years and {after} "
                    "after); check the year of the date"
                ).format(
                    what=report.what, due=report.due.isoformat(), first=first, last=last, after=REPORT_YEARS_AFTER
                ),
            )


def _identity(item: LoadedAgreement, reference: Reference) -> Iterable[Problem]:
    """Ids unique, not taken by what the output or the reference data already names, and matching the file."""
    agreement = item.agreement
    areas_seen: set[str] = set()
    for a, area in enumerate(agreement.areas):
        if area.id in areas_seen:
            yield item.problem(
                ("areas", a, "id"),
                "duplicate-area",
                _("area id {area!r} is used twice; make it unique").format(area=area.id),
            )
        areas_seen.add(area.id)
        if area.id in ROW_KEYS:
            yield item.problem(
                ("areas", a, "id"),
                "area-id-reserved",
                _(
                    "area id {area!r} is also the name of a column of every allocation ({columns}), so its column "
                    "would overwrite that one; rename the area"
                ).format(area=area.id, columns=", ".join(ROW_KEYS)),
            )
        pots_seen: set[str] = set()
        for p, pot in enumerate(area.pots):
            if pot.id in pots_seen:
                yield item.problem(
                    ("areas", a, "pots", p, "id"),
                    "duplicate-pot",
                    _("pot id {pot!r} is used twice in area {area!r}").format(pot=pot.id, area=area.id),
                )
            pots_seen.add(pot.id)
    yield from _declared_recipients(item, reference)
    stem = Path(item.path).stem
    if not stem.startswith(f"{agreement.year}-"):
        yield item.problem(
            ("year",),
            "file-name-year",
            _("the file name {name!r} does not start with the year {year}; name it {year}-….yaml").format(
                name=Path(item.path).name, year=agreement.year
            ),
        )
    if stem != agreement.id:
        yield item.problem(
            ("id",),
            "file-name-id",
            _("the id {id!r} differs from the file name {stem!r}; make them equal").format(id=agreement.id, stem=stem),
        )
    if not agreement.id.startswith(f"{agreement.year}-"):
        yield item.problem(
            ("id",),
            "id-year",
            _("the id {id!r} should start with the year {year}-").format(id=agreement.id, year=agreement.year),
        )


@functools.cache
def _footer_labels() -> dict[str, str]:
    """The footer lines' labels in every language, by their normalised form: the same for every file."""
    from .lookup import normalise

    return {normalise(text): text for label in ROW_LABELS for text in in_every_language(label)}


def _declared_recipients(item: LoadedAgreement, reference: Reference) -> Iterable[Problem]:
    """The agreement's own recipients, told apart from the built-in ones and from the lines outputs write.

    An id that is a built-in one would replace it; an id or a name that reads as a built-in
    recipient ('1', 'Region Stockholm', 'Norra', 'SKR': what ``lookup`` takes for it) would
    be taken for it by people and by ``explain -r``; a name that is a footer line's label
    ('Total', in any language) would pass for that line in a table without its footer.
    """
    declared = item.agreement.recipients
    if not declared:
        return
    from .lookup import form_index, normalise

    builtin = form_index(reference)
    labels = _footer_labels()
    for rid, recipient in declared.items():
        known = reference.recipients.get(rid)
        if known is not None:
            message = _(
                "recipient {id!r} is already {name} ({kind}); declared again it would replace that one: use {id!r} "
                "without declaring it, or choose another id"
            ).format(id=rid, name=known.name, kind=known.kind)
            yield item.problem(("recipients", rid), "recipient-builtin", message, key=True)
            continue
        if rid in GROUPS:
            message = _("recipient {id!r} is the name of a group (every one of the {id}); choose another id").format(
                id=rid
            )
            yield item.problem(("recipients", rid), "recipient-builtin", message, key=True)
            continue
        texts = [(("recipients", rid), rid, True), (("recipients", rid, "name"), recipient.name, False)]
        if recipient.short_name:
            texts.append((("recipients", rid, "short_name"), recipient.short_name, False))
        for loc, text, is_key in texts:
            form = normalise(text)
            if form in GROUPS:
                message = _(
                    "recipient {id!r}: {text!r} reads as the group {group} (every one of the {group}); give it a name "
                    "that tells them apart"
                ).format(id=rid, text=text, group=form)
                yield item.problem(loc, "recipient-name-builtin", message, key=is_key)
            elif form in builtin:
                others = [reference.recipients[other] for other in sorted(builtin[form])]
                names = ", ".join(f"{other.name} ({other.id})" for other in others)
                message = _(
                    "recipient {id!r}: {text!r} reads as {names}, so people and lookups (explain -r) could take one "
                    "for the other; use that recipient's id if it is the one meant, else a name that tells them apart"
                ).format(id=rid, text=text, names=names)
                yield item.problem(loc, "recipient-name-builtin", message, key=is_key)
            elif form in labels and not is_key:
                message = _(
                    "recipient {id!r} is called {text!r}, as a line of the tables' own ({label!r}), so its row could "
                    "pass for that line; give it a name that says who it is"
                ).format(id=rid, text=text, label=labels[form])
                yield item.problem(loc, "recipient-name-reserved", message)


def _provenance(item: LoadedAgreement) -> Iterable[Problem]:
    agreement = item.agreement
    if agreement.source is None and isinstance(item.document.value, dict) and "source" in item.document.value:
        yield item.problem(
            ("source",),
            "source-empty",
            _("source: is empty; fill in where the figures come from: {title:, published:, seed: or url:}"),
            key=True,
        )
    elif agreement.source is None:
        yield item.problem(
            ("id",),
            "no-source",
            _("the agreement names no source; add source: {{title:, published:, seed: or url:}}").format(),
        )
    for (a, p), (_area, pot) in _indexed_pots(agreement):
        if not kind_of(pot.rule).states_its_basis(pot.rule) and not pot.assumption:
            yield item.problem(
                ("areas", a, "pots", p, "rule"),
                "population-no-date",
                _(
                    "the population rule gives no as_of date, so the newest dataset before the agreement's year is "
                    "used; state as_of, or say why in assumption:"
                ),
            )


def _reconcile(item: LoadedAgreement, loc: tuple, pot: Pot, result: PotResult, known: Reference) -> Iterable[Problem]:
    table = pot.published
    if table is None:  # only pots with a published table are reconciled
        return
    ploc = (*loc, "published")
    computed = {part.recipient: part.amount for part in result.parts}
    for rid, amount in table.rows.items():
        if rid not in known.recipients:
            yield item.problem(
                (*ploc, "rows", rid),
                "unknown-recipient",
                _(
                    "published row {id!r} is not a known recipient; use a län code ('01'), a samverkansregion id, an "
                    "organisation ('skr'), or declare it under recipients:"
                ).format(id=rid),
                key=True,
            )
        elif rid not in computed:
            yield item.problem(
                (*ploc, "rows", rid),
                "published-extra",
                _(
                    "published row {id!r} gets nothing in the computed allocation; remove the row or check the rule"
                ).format(id=rid),
                key=True,
            )
        elif abs(amount - computed[rid]) > table.tolerance:
            yield item.problem(
                (*ploc, "rows", rid),
                "published-differs",
                _(
                    "published {published} kr for {id} but computed {computed} kr ({diff} kr, tolerance ±{tolerance})"
                ).format(
                    published=format_kr(amount, " "),
                    id=rid,
                    computed=format_kr(computed[rid], " "),
                    diff=f"{amount - computed[rid]:+d}",
                    tolerance=table.tolerance,
                ),
            )
    rows_key = item.document.locate_key((*ploc, "rows"))  # the table's first line: `rows:`, or `published:`
    for rid in computed:
        if rid not in table.rows and computed[rid]:
            yield Problem(
                item.path,
                rows_key.line,
                rows_key.column,
                "published-missing",
                _(
                    "the published table has no row for {id}, which is computed to get {amount} kr; add the row or "
                    "check the rule"
                ).format(id=rid, amount=format_kr(computed[rid], " ")),
            )
    published_sum = sum(table.rows.values())
    if published_sum != pot.amount:
        yield Problem(
            item.path,
            rows_key.line,
            rows_key.column,
            "published-sum",
            mismatch(_("pot {pot!r}").format(pot=pot.id), pot.amount, published_sum, _("the published table's rows")),
        )
    if table.total is not None and table.total != published_sum:
        yield item.problem(
            (*ploc, "total"),
            "published-total",
            mismatch(_("the published table's total"), table.total, published_sum, _("its rows")),
        )
