"""Allocation: an agreement and the reference data in, whole kronor per recipient out, with the derivation.

Each pot's rule gives its integer weights (``rules``), and ``money.apportion``
splits the pot by them: integer arithmetic only, every pot's parts add up to
the pot, ties broken by a rule that never depends on the order of lines in a
file. Results keep the arithmetic of every part, so that reports and
``explain`` show what was computed rather than computing it again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .formatting import format_kr
from .funders import pot_funding
from .i18n import _, in_language
from .money import AllocationError, Part, apportion, split_by_funder
from .reference import PopulationDataset, Recipient, Reference
from .rules import KINDS, Basis, RuleKind, kind_of

if TYPE_CHECKING:  # the models need pydantic, which the engine itself never imports
    from .model import Agreement, Area, Pot

__all__ = [
    "AgreementResult",
    "AllocationError",
    "Basis",
    "Part",
    "PotResult",
    "allocate",
    "allocate_pot",
    "apportion",
    "recipients_of",
]


@dataclass(frozen=True)
class PotResult:
    agreement_id: str
    area_id: str
    pot_id: str
    amount: int
    kind: str
    basis: Basis
    parts: tuple[Part, ...]
    assumption: str | None = None
    # The population date the pot rests on; for a pot not split by population, the date an agreement
    # of its year would use. Region Halland's kommun split (roll-ups to samverkansregioner) follows it.
    as_of: dt.date | None = None
    #: Who pays the pot (funder -> kronor, see ``funders``); None when the file does not say.
    funding: dict[str, int] | None = None
    #: Each recipient's part split between the funders (recipient -> funder -> kronor), for a pot with several.
    split: dict[str, dict[str, int]] | None = None

    @property
    def key(self) -> str:
        return f"{self.area_id}/{self.pot_id}"

    def funders_of(self, recipient: str) -> dict[str, int] | None:
        """Who pays *recipient*'s part of this pot (funder -> kronor); None when the pot's funders are unknown."""
        if self.funding is None:
            return None
        if self.split is not None:
            return self.split[recipient]
        ((funder, _),) = self.funding.items()
        return {funder: self._amounts[recipient]}

    @cached_property
    def _amounts(self) -> dict[str, int]:
        """Each recipient's kronor, by id: asked for every part, a scan of the parts would be quadratic in them."""
        return {part.recipient: part.amount for part in self.parts}

    @property
    def rule(self) -> RuleKind:
        """The kind of rule that split this pot."""
        return KINDS[self.kind]


@dataclass
class AgreementResult:
    agreement: Agreement
    pots: list[PotResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.pots)


def recipients_of(agreement: Agreement, reference: Reference) -> Reference:
    """The reference data plus the recipients the agreement declares itself."""
    extra = {
        rid: Recipient(rid, d.name, d.short_name or d.name, "organisation", 1000 + i)
        for i, (rid, d) in enumerate(sorted(agreement.recipients.items()))
    }
    return reference.with_recipients(extra) if extra else reference


def allocate(
    agreement: Agreement, reference: Reference, population: PopulationDataset | None = None
) -> AgreementResult:
    """Allocate every pot of *agreement*; *population* overrides every population rule's basis."""
    known = recipients_of(agreement, reference)
    result = AgreementResult(agreement)
    for area, pot in agreement.pots():
        result.pots.append(allocate_pot(agreement, area, pot, known, population))
    return result


def allocate_pot(
    agreement: Agreement, area: Area, pot: Pot, reference: Reference, population: PopulationDataset | None = None
) -> PotResult:
    """One pot split by its rule; an AllocationError's ``loc`` points into the pot at what to fix."""
    kind = kind_of(pot.rule)
    found = kind.weights(pot, agreement, reference, population)
    unit = pot.rounding.unit if pot.rounding else 1
    try:
        parts = tuple(apportion(pot.amount, found.weights, reference.rank, unit))
    except AllocationError as err:
        raise _placed(err, kind, pot.amount, unit) from None
    dataset = found.basis.dataset
    as_of = dataset.date if dataset is not None else _year_date(agreement, reference, population)
    assumption = in_language(pot.assumption)
    if assumption and dataset is not None and dataset.path is not None:
        assumption = set_aside(assumption, dataset)
    funding = pot_funding(agreement, area, pot)
    split = None
    if funding is not None and len(funding) > 1:
        _whole_units(funding, unit, "funding" if pot.funding else None)
        split = split_by_funder({part.recipient: part.amount for part in parts}, funding, reference.rank, unit)
    return PotResult(
        agreement.id,
        area.id,
        pot.id,
        pot.amount,
        kind.name,
        found.basis,
        parts,
        assumption,
        as_of=as_of,
        funding=funding,
        split=split,
    )


# A day and a month in English or Swedish ("1 November", "31 december"), or an ISO date. The patterns are text,
# compiled (and kept by ``re``) when a user's population file first sets an assumption aside, not by every run.
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_SWEDISH_MONTHS = "januari|februari|mars|maj|juni|juli|augusti|oktober"
_DATE = rf"(?i)\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS}|{_SWEDISH_MONTHS})\b"
_SENTENCE_END = r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“(])"


def set_aside(assumption: str, dataset: PopulationDataset) -> str:
    """A pot's assumption when a user's population file replaces the basis its agreement file assumed.

    The sentences that name a population date ("SCB's 1 November 2021 figures are
    used: …") no longer hold and are left out; the rest of the reasoning (who is
    paid, why by population) still does, and is kept, with the file that was used.
    """
    sentences = re.split(_SENTENCE_END, " ".join(assumption.split()))
    kept = [sentence for sentence in sentences if not re.search(_DATE, sentence)]
    kept.append(
        _("The population basis the agreement file assumes is set aside: the figures are {figures}.").format(
            figures=dataset.described
        )
    )
    return " ".join(kept)


def _year_date(agreement, reference: Reference, override: PopulationDataset | None) -> dt.date | None:
    """The population date of a pot that names none: the override's, else the newest before the year."""
    if override is not None:
        return override.date
    default = reference.default_population(agreement.year)
    return default.date if default is not None else None


def _whole_units(funding: dict[str, int], unit: int, key: str | None) -> None:
    """Refuse a funder's share that is not whole units: its parts of the recipients' parts could not be either.

    *key* is where the pot states its funders, if it does (else they come from its area or agreement).
    """
    for funder, kronor in funding.items():
        if kronor % unit:
            raise AllocationError(
                "rounding-unit",
                _(
                    "{funder} pays {amount} kr of this pot, not a whole number of its units of {unit} kr "
                    "(rounding), so {funder}'s part of each recipient's money could not be whole units; check the "
                    "funding or the unit"
                ).format(funder=funder, amount=format_kr(kronor, " "), unit=format_kr(unit, " ")),
                (key, funder) if key else ("rounding", "unit"),
            )


def _placed(err: AllocationError, kind: RuleKind, amount: int, unit: int) -> AllocationError:
    """What ``apportion`` refused, pointed at the rounding unit or at the rule's group or weights."""
    if err.code == "rounding-unit":
        return AllocationError(
            err.code,
            _(
                "{amount} kr cannot be handed out in whole units of {unit} kr ({left} kr would be left over); check "
                "the amount or the unit"
            ).format(amount=format_kr(amount, " "), unit=format_kr(unit, " "), left=format_kr(amount % unit, " ")),
            ("rounding", "unit"),
        )
    return AllocationError(err.code, err.message, ("rule", kind.name))
