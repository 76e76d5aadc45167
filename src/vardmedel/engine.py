"""Pure allocation: an agreement and the reference data in, whole kronor per recipient out.

The money math is integer arithmetic only. A pot of A kronor split by integer
weights w (W = sum of w) gives each recipient ``A*w // W`` and hands the kronor
left over, one each, to the largest remainders ``A*w % W`` (Hamilton's
largest-remainder method). Every part is then within one krona of its exact
share ``A*w/W`` and the parts add up to A exactly.

Ties (equal remainders, as in every equal split that does not divide evenly)
go first to the larger weight, then to the recipient that is listed first:
regions by län code, then samverkansregioner in their fixed order, then
organisations. The rule never depends on the order of lines in a file.

With ``rounding: {unit: 1000}`` the same method runs on whole thousands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .reference import REGION, SAMVERKANSREGION, PopulationDataset, Recipient, Reference


class AllocationError(Exception):
    """A pot that cannot be allocated; ``loc`` is the path to the culprit inside the pot."""

    def __init__(self, code: str, message: str, loc: tuple = ()) -> None:
        super().__init__(message)
        self.code, self.message, self.loc = code, message, loc


@dataclass(frozen=True)
class Part:
    """One recipient's part of one pot, with the arithmetic that produced it."""

    recipient: str
    amount: int
    weight: int
    total_weight: int
    pot_amount: int
    extra: int = 0  # kronor that came from the remainder (0, or one unit)
    unit: int = 1

    @property
    def exact(self) -> Fraction:
        """The exact share A·w/W before rounding."""
        return Fraction(self.pot_amount * self.weight, self.total_weight)


@dataclass(frozen=True)
class Basis:
    """What the weights rest on, for reports and ``explain``."""

    description: str
    dataset: PopulationDataset | None = None
    assumed: bool = False  # the population date is a default, not stated in the file


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

    @property
    def key(self) -> str:
        return f"{self.area_id}/{self.pot_id}"


@dataclass
class AgreementResult:
    agreement: object  # model.Agreement
    pots: list[PotResult] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.amount for p in self.pots)


def apportion(
    amount: int,
    weights: Mapping[str, int],
    rank: Callable[[str], object] = str,
    unit: int = 1,
) -> list[Part]:
    """Split *amount* by integer *weights* (largest remainder, ties as the module says).

    *rank* orders recipients for ties; *unit* (dividing *amount*) is the
    smallest piece handed out. Parts come back in *rank* order.
    """
    if unit < 1 or amount % unit:
        raise AllocationError("rounding-unit", f"{amount} kr is not a whole number of units of {unit} kr")
    if not weights:
        raise AllocationError("empty-group", "there is no recipient to allocate to")
    if any(w < 0 for w in weights.values()):
        raise AllocationError("negative-weight", "weights must not be negative")
    total = sum(weights.values())
    if total == 0:
        raise AllocationError("zero-weight", "the weights add up to 0, so nothing can be split")
    units = amount // unit
    base = {r: units * w // total for r, w in weights.items()}
    left = units - sum(base.values())
    # Each recipient's rank once, then two sorts: O(n log n) in the number of recipients.
    ranks = {r: rank(r) for r in weights}
    order = sorted(weights, key=lambda r: (-(units * weights[r] % total), -weights[r], ranks[r]))
    lucky = set(order[:left])
    return [
        Part(
            recipient=r,
            amount=(base[r] + (r in lucky)) * unit,
            weight=weights[r],
            total_weight=total,
            pot_amount=amount,
            extra=unit if r in lucky else 0,
            unit=unit,
        )
        for r in sorted(weights, key=ranks.__getitem__)
    ]


def recipients_of(agreement, reference: Reference) -> Reference:
    """The reference data plus the recipients the agreement declares itself."""
    extra = {
        rid: Recipient(rid, d.name, d.short_name or d.name, "organisation", 1000 + i)
        for i, (rid, d) in enumerate(sorted(agreement.recipients.items()))
    }
    return reference.with_recipients(extra) if extra else reference


def allocate(agreement, reference: Reference, population: PopulationDataset | None = None) -> AgreementResult:
    """Allocate every pot of *agreement*; *population* overrides every population rule's basis."""
    known = recipients_of(agreement, reference)
    result = AgreementResult(agreement)
    for area, pot in agreement.pots():
        result.pots.append(allocate_pot(agreement, area, pot, known, population))
    return result


def allocate_pot(agreement, area, pot, reference: Reference, population: PopulationDataset | None = None) -> PotResult:
    from .model import rule_kind

    rule = pot.rule
    kind = rule_kind(rule)
    unit = pot.rounding.unit if pot.rounding else 1

    def rank(rid: str) -> object:
        return reference.recipients[rid].sort_key

    basis = Basis(kind)
    if kind == "fixed":
        _known(reference, rule.fixed, ("rule", "fixed"))
        weights = {rule.fixed: 1}
        basis = Basis(f"fixed to {rule.fixed}")
    elif kind == "equal":
        members = _members(reference, rule.equal, ("rule", "equal"))
        weights = dict.fromkeys(members, 1)
        basis = Basis(f"equal split over {_group_name(rule.equal)}")
    elif kind == "population":
        members = _members(reference, rule.population, ("rule", "population"))
        dataset, assumed = _dataset(agreement, rule, reference, population)
        weights = population_weights(members, dataset, reference)
        basis = Basis(f"population {dataset.id}", dataset, assumed)
    elif kind == "shares":
        for rid in rule.shares:
            _known(reference, rid, ("rule", "shares", rid))
        weights = dict(rule.shares)
        basis = Basis("shares as given")
    else:  # amounts: a table taken as given
        for rid in rule.amounts:
            _known(reference, rid, ("rule", "amounts", rid))
        given = sum(rule.amounts.values())
        if given != pot.amount:
            raise AllocationError(
                "sum-amounts",
                f"the amounts table adds up to {given} kr, not the pot's {pot.amount} kr",
                ("rule", "amounts"),
            )
        parts = tuple(
            sorted(
                (Part(rid, a, a, pot.amount, pot.amount) for rid, a in rule.amounts.items()),
                key=lambda p: rank(p.recipient),
            )
        )
        return PotResult(
            agreement.id, area.id, pot.id, pot.amount, kind, Basis("amounts as given"), parts, pot.assumption
        )
    try:
        parts = tuple(apportion(pot.amount, weights, rank, unit))
    except AllocationError as err:
        raise AllocationError(
            err.code, err.message, ("rounding",) if err.code == "rounding-unit" else ("rule",)
        ) from None
    return PotResult(agreement.id, area.id, pot.id, pot.amount, kind, basis, parts, pot.assumption)


def population_weights(members: list[str], dataset: PopulationDataset, reference: Reference) -> dict[str, int]:
    """Integer population weights; samverkansregioner get Halland split by kommun population.

    A samverkansregion's weight is the population of its whole regions times H
    plus a split region's population times the kommun population on its side,
    where H is the split region's kommun total. Scaling every weight by H keeps
    the arithmetic exact. A group whose every member has a figure of its own
    (inline figures given for samverkansregioner) is weighted by those figures.
    """
    kinds = {reference.recipients[m].kind for m in members}
    if SAMVERKANSREGION not in kinds or all(m in dataset.figures for m in members):
        return {m: _figure(dataset, m) for m in members}
    weights = {}
    for m in members:
        if reference.recipients[m].kind == REGION:
            weights[m] = _figure(dataset, m) * _scale(reference)
            continue
        weight = 0
        for code in reference.members(m):
            split = reference.splits.get(code)
            if split:
                weight += _figure(dataset, code) * split.parts[m]
            else:
                weight += _figure(dataset, code) * _scale(reference)
        weights[m] = weight
    return weights


def _scale(reference: Reference) -> int:
    scale = 1
    for split in reference.splits.values():
        scale *= sum(split.parts.values())
    return scale


def _figure(dataset: PopulationDataset, code: str) -> int:
    if code not in dataset.figures:
        raise AllocationError(
            "population-missing",
            f"population dataset {dataset.id} has no figure for {code}",
            ("rule", "population"),
        )
    return dataset.figures[code]


def _dataset(agreement, rule, reference: Reference, override: PopulationDataset | None):
    if override is not None:
        return override, False
    if rule.figures is not None:
        return PopulationDataset("inline figures", dict(rule.figures), "figures given in the agreement file"), False
    if rule.dataset is not None:
        if rule.dataset not in reference.populations:
            raise AllocationError("population-unknown", _no_dataset(rule.dataset, reference), ("rule", "dataset"))
        return reference.populations[rule.dataset], False
    if rule.as_of is not None:
        key = rule.as_of.isoformat()
        if key not in reference.populations:
            raise AllocationError("population-unknown", _no_dataset(key, reference), ("rule", "as_of"))
        return reference.populations[key], False
    default = reference.default_population(agreement.year)
    if default is None:
        raise AllocationError(
            "population-unknown",
            f"no population dataset before {agreement.year}; give as_of or figures",
            ("rule", "population"),
        )
    return default, True


def _no_dataset(name: str, reference: Reference) -> str:
    known = ", ".join(sorted(reference.populations))
    return f"no population dataset {name!r}; known: {known} (or pass --population FILE)"


def _known(reference: Reference, rid: str, loc: tuple) -> None:
    if rid not in reference.recipients:
        raise AllocationError("unknown-recipient", _unknown_message(rid, reference), loc)


def _unknown_message(rid: str, reference: Reference) -> str:
    import difflib

    if rid.isdigit():  # digits are meant as a län code; spelling-distance suggestions ('25' for '02') mislead
        codes = " ".join(r.id for r in reference.regions)
        return f"{rid!r} is not a län code; the 21 län codes are {codes}"
    close = difflib.get_close_matches(rid, list(reference.recipients), n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    return (
        f"unknown recipient {rid!r}{hint}; use a län code ('01'), a samverkansregion id, "
        "an organisation ('skr'), or declare it under recipients:"
    )


def _members(reference: Reference, group, loc: tuple) -> list[str]:
    if isinstance(group, str):
        members = reference.group(group)
        if members is None:
            if group in reference.recipients:
                raise AllocationError(
                    "unknown-group",
                    f"{group!r} is one recipient, not a group; write a list: [{group}]",
                    loc,
                )
            raise AllocationError(
                "unknown-group",
                f"unknown group {group!r}; use 'regioner', 'samverkansregioner' or a list of recipient ids",
                loc,
            )
        return members
    seen: set[str] = set()
    for index, rid in enumerate(group):
        _known(reference, rid, (*loc, index))
        if rid in seen:
            raise AllocationError("duplicate-recipient", f"{rid!r} is listed twice in the group", (*loc, index))
        seen.add(rid)
    return list(group)


def _group_name(group) -> str:
    return group if isinstance(group, str) else ", ".join(group)
