"""Each kind of rule in one place: whose weights, on what basis, in what words, with what arithmetic.

A pot's rule is one of five kinds (fixed, equal, population, shares, amounts).
What depends on the kind lives in its class here: the integer weights the
engine splits the pot by (resolved against the reference data, with an error
placed in the rule when that cannot be done), what those weights rest on, the
rule in a few words, and the arithmetic ``explain`` writes out for one part.
The engine, the views and the checks ask ``kind_of(rule)``; none of them
branches on the kind. The rule's shape is ``model``'s; nothing here needs pydantic.
"""

from __future__ import annotations

import difflib
from functools import partial
from typing import Any, ClassVar, NamedTuple

from .formatting import NBSP, exact_relation, format_kr, mismatch
from .i18n import _, ngettext
from .money import AllocationError, Part
from .reference import REGION, SAMVERKANSREGION, PopulationDataset, Reference


class Basis(NamedTuple):  # a NamedTuple: imported on every run, and a dataclass costs about 1 ms to create
    """What the weights rest on, for reports and ``explain``."""

    description: str
    dataset: PopulationDataset | None = None
    assumed: bool = False  # the population date is a default, not stated in the file


class Weights(NamedTuple):
    """A pot's integer weight per recipient, and what the weights rest on."""

    weights: dict[str, int]
    basis: Basis


class RuleKind:
    """One kind of rule; the default behaviour is a proportional split by weights."""

    name: ClassVar[str]
    #: Split by the largest-remainder method, so its remainders are worth explaining.
    proportional: ClassVar[bool] = True

    def weights(self, pot: Any, agreement: Any, reference: Reference, population: PopulationDataset | None) -> Weights:
        """The weights *pot* is split by; *population* overrides every population basis."""
        raise NotImplementedError

    def text(self, rule: Any) -> str:
        """The rule in a few words: 'by population: regioner, 2021-11-01', 'equal parts: samverkansregioner'."""
        raise NotImplementedError

    def arithmetic(self, part: Part) -> str:
        """'112 500 000 × 288 164 / 10 443 100 ≈ 3 104 293,744 → 3 104 294'."""
        unit = _(" (whole {unit} kr)").format(unit=format_kr(part.unit, NBSP)) if part.unit > 1 else ""
        return (
            f"{format_kr(part.pot_amount, NBSP)} × {format_kr(part.weight, NBSP)} / "
            f"{format_kr(part.total_weight, NBSP)} {exact_relation(part.exact)} → {format_kr(part.amount, NBSP)}{unit}"
        )

    def states_its_basis(self, rule: Any) -> bool:
        """Whether the file says what the weights rest on (a population rule may leave out its date)."""
        return True


class Fixed(RuleKind):
    """The whole pot to one recipient."""

    name = "fixed"
    proportional = False

    def weights(self, pot, agreement, reference, population) -> Weights:
        recipient = pot.rule.fixed
        _known(reference, recipient, ("rule", "fixed"))
        return Weights({recipient: 1}, Basis(_("all to {recipient}").format(recipient=recipient)))

    def text(self, rule) -> str:
        return _("all to {recipient}").format(recipient=rule.fixed)

    def arithmetic(self, part: Part) -> str:
        return _("the whole pot: {amount}").format(amount=format_kr(part.amount, NBSP))


class Equal(RuleKind):
    """Equal parts to every member of a group."""

    name = "equal"

    def weights(self, pot, agreement, reference, population) -> Weights:
        members = _members(reference, pot.rule.equal, ("rule", "equal"))
        return Weights(dict.fromkeys(members, 1), Basis(self.text(pot.rule)))

    def text(self, rule) -> str:
        return _("equal parts: {group}").format(group=group_text(rule.equal))


class Population(RuleKind):
    """Parts in proportion to population: at a date, from a named dataset, or from the file's own figures."""

    name = "population"

    def weights(self, pot, agreement, reference, population) -> Weights:
        members = _members(reference, pot.rule.population, ("rule", "population"))
        dataset, assumed = _dataset(agreement, pot.rule, reference, population)
        return Weights(
            population_weights(members, dataset, reference),
            Basis(_("population {date}").format(date=dataset.id), dataset, assumed),
        )

    def text(self, rule, used: PopulationDataset | None = None) -> str:
        """*used*: the population the pot was split by; a user's file is named in place of the file's basis."""
        if used is not None and used.path is not None:
            basis = used.id if used.id != used.path else _("your population file {file}").format(file=used.path)
        elif rule.as_of is not None:
            basis = rule.as_of.isoformat()
        elif rule.dataset is not None:
            basis = rule.dataset
        else:
            basis = _("figures in the file") if rule.figures is not None else _("date not stated")
        return _("by population: {group}, {basis}").format(group=group_text(rule.population), basis=basis)

    def states_its_basis(self, rule) -> bool:
        return rule.as_of is not None or rule.dataset is not None or rule.figures is not None


class Shares(RuleKind):
    """Parts in proportion to the integer weights the file gives (a key)."""

    name = "shares"

    def weights(self, pot, agreement, reference, population) -> Weights:
        for rid in pot.rule.shares:
            _known(reference, rid, ("rule", "shares", rid))
        return Weights(dict(pot.rule.shares), Basis(_("shares as given")))

    def text(self, rule) -> str:
        count = len(rule.shares)
        return ngettext("shares given for {count} recipient", "shares given for {count} recipients", count).format(
            count=count
        )


class Amounts(RuleKind):
    """A table taken as given (performance-based, say): each row is its recipient's weight and its kronor.

    Its rows must add up to the pot, so the split hands every recipient exactly its row;
    with a ``rounding`` unit every row must be whole units too.
    """

    name = "amounts"
    proportional = False

    def weights(self, pot, agreement, reference, population) -> Weights:
        for rid in pot.rule.amounts:
            _known(reference, rid, ("rule", "amounts", rid))
        given = sum(pot.rule.amounts.values())
        if given != pot.amount:
            raise AllocationError(
                "sum-amounts",
                mismatch(_("pot {pot!r}").format(pot=pot.id), pot.amount, given, _("the rows of its amounts table")),
                ("rule", "amounts"),
            )
        unit = pot.rounding.unit if pot.rounding else 1
        for rid, amount in pot.rule.amounts.items():
            if amount % unit:
                raise AllocationError(
                    "rounding-unit",
                    _(
                        "the row for {id} is {amount} kr, not a whole number of the pot's units of {unit} kr "
                        "(rounding); correct the row or the unit"
                    ).format(id=rid, amount=format_kr(amount, " "), unit=format_kr(unit, " ")),
                    ("rule", "amounts", rid),
                )
        return Weights(dict(pot.rule.amounts), Basis(_("amounts as given")))

    def text(self, rule) -> str:
        count = len(rule.amounts)
        return ngettext("a table of {count} amount", "a table of {count} amounts", count).format(count=count)

    def arithmetic(self, part: Part) -> str:
        return _("as the agreement's table gives it: {amount}").format(amount=format_kr(part.amount, NBSP))


#: Every kind by the key that names it in a file, in the order the format documents them.
KINDS: dict[str, RuleKind] = {kind.name: kind for kind in (Fixed(), Equal(), Population(), Shares(), Amounts())}
RULE_KINDS = tuple(KINDS)


def kind_of(rule: Any) -> RuleKind:
    """The kind of a rule model (``FixedRule`` and its siblings each carry the key of their kind).

    Found once per model class and remembered: it is asked for every pot, and on a pydantic model
    each key that is not there costs a failed attribute lookup.
    """
    kind = _KIND_OF_CLASS.get(type(rule))
    if kind is None:
        kind = _KIND_OF_CLASS[type(rule)] = next(kind for name, kind in KINDS.items() if hasattr(rule, name))
    return kind


_KIND_OF_CLASS: dict[type, RuleKind] = {}


def rule_text(rule: Any, used: PopulationDataset | None = None) -> str:
    """A rule in a few words, for tables: 'all to skr', 'equal parts: samverkansregioner'.

    *used* is the population a pot was split by: a user's file is named, never the basis it replaced.
    """
    kind = kind_of(rule)
    return kind.text(rule, used) if isinstance(kind, Population) else kind.text(rule)


def group_text(group: str | list[str]) -> str:
    """A group as the file names it: 'regioner', or its members' ids joined by commas."""
    return group if isinstance(group, str) else ", ".join(group)


def population_weights(members: list[str], dataset: PopulationDataset, reference: Reference) -> dict[str, int]:
    """Integer population weights; samverkansregioner get Halland split by kommun population.

    A samverkansregion's weight is the population of its whole regions times H
    plus a split region's population times the kommun population on its side,
    where H is the split region's kommun total (``Reference.split_scale``).
    Scaling every weight by H keeps the arithmetic exact. The kommun figures are
    those for the dataset's date, or the nearest published (``SplitRegion.at``).
    A group whose every member has a figure of its own (inline figures given for
    samverkansregioner) is weighted by those figures.
    """
    kinds = {reference.recipients[m].kind for m in members}
    if SAMVERKANSREGION not in kinds or all(m in dataset.figures for m in members):
        return {m: _figure(dataset, m) for m in members}
    splits = reference.splits_at(dataset.date)
    scale = reference.split_scale(dataset.date)
    weights = {}
    for m in members:
        if reference.recipients[m].kind == REGION:
            weights[m] = _figure(dataset, m) * scale
            continue
        weight = 0
        for code in reference.members(m):
            split = splits.get(code)
            weight += _figure(dataset, code) * (split.parts[m] * (scale // split.total) if split else scale)
        weights[m] = weight
    return weights


def _figure(dataset: PopulationDataset, code: str) -> int:
    if code not in dataset.figures:
        raise AllocationError(
            "population-missing",
            _("population dataset {dataset} has no figure for {code}").format(dataset=dataset.id, code=code),
            ("rule", "population"),
        )
    return dataset.figures[code]


def _dataset(
    agreement: Any, rule: Any, reference: Reference, override: PopulationDataset | None
) -> tuple[PopulationDataset, bool]:
    """The population a rule rests on, and whether its date was assumed (the file gives none)."""
    if override is not None:
        return override, False
    if rule.figures is not None:
        return PopulationDataset("inline figures", dict(rule.figures), _("figures given in the agreement file")), False
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
            _("no population dataset before {year}; give as_of or figures").format(year=agreement.year),
            ("rule", "population"),
        )
    return default, True


def _no_dataset(name: str, reference: Reference) -> str:
    known = ", ".join(sorted(reference.populations))
    return _("no population dataset {name!r}; known: {known} (or supply a population file of that date)").format(
        name=name, known=known
    )


def _known(reference: Reference, rid: str, loc: tuple) -> None:
    if rid not in reference.recipients:
        raise AllocationError("unknown-recipient", partial(_unknown_message, rid, reference), loc)


def _unknown_message(rid: str, reference: Reference) -> str:
    if rid.isdigit():  # digits are meant as a län code; spelling-distance suggestions ('25' for '02') mislead
        codes = " ".join(r.id for r in reference.regions)
        return _("{id!r} is not a län code; the 21 län codes are {codes}").format(id=rid, codes=codes)
    close = difflib.get_close_matches(rid, list(reference.recipients), n=3, cutoff=0.5)
    hint = _(" (did you mean {names}?)").format(names=", ".join(repr(c) for c in close)) if close else ""
    return _(
        "unknown recipient {id!r}{hint}; use a län code ('01'), a samverkansregion id, an organisation ('skr'), or "
        "declare it under recipients:"
    ).format(id=rid, hint=hint)


def _members(reference: Reference, group: str | list[str], loc: tuple) -> list[str]:
    if isinstance(group, str):
        members = reference.group(group)
        if members is None:
            if group in reference.recipients:
                raise AllocationError(
                    "unknown-group",
                    _("{group!r} is one recipient, not a group; write a list: [{group}]").format(group=group),
                    loc,
                )
            raise AllocationError(
                "unknown-group",
                _("unknown group {group!r}; use 'regioner', 'samverkansregioner' or a list of recipient ids").format(
                    group=group
                ),
                loc,
            )
        return members
    seen: set[str] = set()
    for index, rid in enumerate(group):
        _known(reference, rid, (*loc, index))
        if rid in seen:
            raise AllocationError(
                "duplicate-recipient", _("{id!r} is listed twice in the group").format(id=rid), (*loc, index)
            )
        seen.add(rid)
    return list(group)
