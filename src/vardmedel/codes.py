"""Every problem code vardmedel reports, with its severity and what it means: the one list of them.

A code is a promise to users (CI scripts filter on it, the README documents it),
so it lives here once: ``Problem`` takes its severity from this list and refuses
a code that is not in it, and the README's table of codes is generated from it
(``python tests/test_readme.py --write``). A test ties the list to the source,
the README and the broken files in tests/corpus/ that must produce each code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(NamedTuple):  # not a dataclass: every run imports this, and a frozen dataclass costs 1 ms to create
    name: str
    doc: str  # one line for the README: what is wrong, and a hint of the fix where it is short
    severity: Severity = Severity.ERROR


_WARNING = Severity.WARNING

#: In the order the README lists them: the file, YAML, the format, arithmetic, who pays and which years,
#: references, identity, published tables, provenance.
CODES: dict[str, Code] = {
    code.name: code
    for code in (
        # the file itself
        Code("file-unreadable", "the file cannot be read (no permission, or it went away while being read)"),
        Code("file-missing", "a path that does not exist (from Python; the `check` command stops with exit 2 instead)"),
        Code("file-too-large", "more than 2 MiB: not an agreement file"),
        Code("file-binary", "NUL bytes: an image or a spreadsheet saved as `.yaml`"),
        Code("file-encoding", "not UTF-8 (often Latin-1 or Windows-1252): save as UTF-8"),
        Code("file-empty", "no data (empty, comments only, or `---` alone)"),
        Code("line-too-long", "a line over 10 000 characters"),
        # YAML
        Code(
            "yaml-syntax",
            "not valid YAML (unclosed brackets or quotes, tabs for indentation, `: ` unquoted in a value)",
        ),
        Code(
            "yaml-duplicate-key",
            "a key given twice in one mapping (YAML would silently keep the last), also as texts that YAML 1.2 "
            "reads as one value (`2023` and `+2023`)",
        ),
        Code("yaml-alias", "an anchor/alias (`&x`, `*x`): write values out in full"),
        Code("yaml-tag", "a tag (`!!python/object`, `!!set`, `!custom`)"),
        Code("yaml-complex-key", "a key that is a mapping or a list"),
        Code("yaml-too-deep", "nesting deeper than 64 levels"),
        Code("yaml-several-documents", "more than one document (`---`) in a file"),
        Code("yaml-root-not-mapping", "the top level is a list or a single value"),
        Code("number-too-long", "a number of more than 18 digits (Python itself stops at 4 300)"),
        Code(
            "text-hidden-character",
            'a control character (`"\\e[2J"`) or a right-to-left override in a text: invisible, and it could '
            "change what a terminal shows",
        ),
        # the format
        Code("schema-unknown-key", "a key the format does not know (with a suggestion for a misspelling)"),
        Code("schema-missing-key", "a required key is missing"),
        Code("schema-type", "a value of the wrong kind (text for a number, `true` for text, an id with capitals)"),
        Code(
            "schema-rule",
            "a rule with none or several of `fixed`, `equal`, `population`, `shares`, `amounts`, "
            "or several population bases",
        ),
        Code("schema-funding", "`funder` and `funding` on one level: give one payer or a split"),
        Code("amount-float", 'a YAML float (`4.5`) or a decimal point (`"4.5 mnkr"`) as an amount: write `"4,5 mnkr"`'),
        Code("amount-fraction", "an amount that is not whole kronor"),
        Code("amount-invalid", "an amount that cannot be read (words, an unknown unit, `yes`/`no`)"),
        Code("amount-not-positive", "zero or a negative amount"),
        Code("amount-too-large", "more than 10 000 mdkr: extra digits"),
        Code("amount-leading-zero", "`012`: older YAML tools read it as octal"),
        # arithmetic
        Code("sum-total", "the agreement's `total` is not the sum of its pots"),
        Code("sum-area", "an area's `total` is not the sum of its pots"),
        Code(
            "sum-funding", "the `funding` parts do not add up to the total (agreement or area) or to the pot's amount"
        ),
        Code("sum-funders", "the funders of the pots below a level do not give each funder what the level states"),
        Code(
            "sum-frame",
            "a `frame`'s `total` is not the sum of its years, or its year of the agreement is not the sum of the pots",
        ),
        Code("sum-amounts", "an `amounts` table does not add up to its pot"),
        # who pays, which years, what is due
        Code("valid-years", "`valid` runs backwards, or does not hold the agreement's own year"),
        Code(
            "funding-unresolved",
            "a split between funders over several pots that do not say which funder pays them",
            _WARNING,
        ),
        Code(
            "report-due",
            "a report due before the agreement's year or more than two years after its last valid year",
            _WARNING,
        ),
        Code(
            "frame-exceeded",
            "a later year of a series agrees more than a frame reserved for it (files checked together)",
            _WARNING,
        ),
        # references
        Code(
            "unknown-recipient", "a recipient that is no region, samverkansregion, organisation or declared recipient"
        ),
        Code("unknown-group", "a group other than `regioner`, `samverkansregioner` or a list"),
        Code("duplicate-recipient", "a recipient listed twice in a group"),
        Code("empty-group", "a group with no recipient"),
        Code("zero-weight", "weights that add up to 0"),
        Code(
            "population-unknown",
            "a population date or dataset that does not exist (or none before the agreement's year)",
        ),
        Code("population-missing", "a population dataset that lacks a recipient of the group"),
        Code(
            "rounding-unit",
            "a pot, a row of its `amounts` table or a funder's amount of it that is not a whole number of its "
            "`rounding` unit",
        ),
        # identity
        Code("duplicate-id", "two files with one agreement id"),
        Code("duplicate-area", "two areas with one id in an agreement"),
        Code("duplicate-pot", "two pots with one id in an area"),
        Code(
            "area-id-reserved", "an area id that is a column of every allocation (`recipient`, `name`, `kind`, `total`)"
        ),
        Code("recipient-builtin", "a declared recipient whose id is a region, samverkansregion, organisation or group"),
        Code(
            "recipient-name-builtin",
            "a declared recipient whose id or name reads as a built-in one (`1`, `Region Stockholm`, `Norra`, `SKR`)",
        ),
        Code(
            "recipient-conflict",
            "a recipient id two files declare with different names (files checked together): one would show for both",
        ),
        Code(
            "recipient-name-reserved",
            "a declared recipient named like a line of the tables' own (`Total`, `Regions`, `All recipients`)",
        ),
        Code("file-name-year", "the file name does not start with the agreement's year"),
        Code("file-name-id", "the file name is not the agreement's id"),
        Code("id-year", "the id does not start with the agreement's year"),
        # published tables
        Code("published-differs", "a published row differs from the computed one by more than the tolerance"),
        Code("published-missing", "the published table has no row for a recipient the rule gives money"),
        Code("published-extra", "a published row for a recipient the rule gives nothing"),
        Code("published-sum", "the published rows do not add up to the pot"),
        Code("published-total", "the published rows do not add up to the total the publishing text states"),
        # provenance
        Code("no-source", "the agreement names no source", _WARNING),
        Code(
            "source-empty",
            "`source:` is there but empty, as `vardmedel new` leaves it: fill in the source the figures come from",
        ),
        Code(
            "population-no-date",
            "a population rule with no `as_of` (or dataset, or figures) and no `assumption`",
            _WARNING,
        ),
    )
}


def severity_of(code: str) -> Severity:
    """The severity every problem of *code* has; a code missing from ``CODES`` is a bug in vardmedel."""
    try:
        return CODES[code].severity
    except KeyError:
        raise ValueError(f"problem code {code!r} is not in vardmedel.codes.CODES; add it there") from None
