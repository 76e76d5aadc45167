"""The agreement format as pydantic models: shape and types only, no I/O.

Whether totals add up and whether recipients exist is not decided here but in
``checks`` (with the reference data at hand), so that one run can report every
problem instead of stopping at the first.

Without ``from __future__ import annotations``, unlike the other modules: pydantic reads every
field's type here, and from text it would compile each one first (about 4 ms of every run).
"""

import datetime as dt
import typing
from contextvars import ContextVar
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetPydanticSchema,
    Tag,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

from .amounts import MAX_AMOUNT, AmountError, parse_amount
from .i18n import LANGUAGES, Localized, _
from .rules import RULE_KINDS, kind_of
from .wholenumber import is_ascii_digits


def _to_kronor(value: Any) -> int:
    try:
        return parse_amount(value)
    except AmountError as err:
        raise PydanticCustomError(err.kind, str(err)) from None


#: Whole kronor, from an integer or a Swedish text ("172,5 mnkr").
Amount = Annotated[
    int,
    BeforeValidator(_to_kronor),
    # The JSON Schema replaces int's (an Amount may be text) and is what editors check as you type;
    # the pattern admits what parse_amount reads, give or take an unknown unit word.
    WithJsonSchema(
        {
            "description": 'Whole kronor: 112500000, "112 500 000", "172,5 mnkr", "4,5 miljoner kronor", "2,4 mdkr"',
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_AMOUNT},
                {
                    "type": "string",
                    "pattern": r"^\+? *(0,[0-9]+|([1-9][0-9]{0,2}([ _\u00a0\u202f\u2009][0-9]{3})+|[1-9][0-9]*)(,[0-9]+)?) *"
                    r"[A-Za-zÅÄÖåäö. ]*$",
                },
            ],
        }
    ),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="lower-case letters, digits and '-'")]
RecipientId = Annotated[
    str,
    Field(
        min_length=1,
        description="a län code ('01'), a samverkansregion ('norra'), an organisation ('skr') "
        "or a recipient the agreement declares",
    ),
]
#: ``regioner``, ``samverkansregioner`` or a list of recipient ids.
Group = Annotated[
    str | list[RecipientId],
    Field(description="'regioner', 'samverkansregioner' or a list of recipient ids"),
]
Weight = Annotated[int, Field(strict=True, ge=0)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(strict=True, ge=1990, le=2100)]
#: Who pays: ``staten``, ``regionerna`` (or any other payer, in the same spelling).
FunderId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="who pays: 'staten', 'regionerna'")]


#: The languages a file's notes may be written in (``i18n.LANGUAGES``, as a type).
FileLanguage = Literal["en", "sv"]
#: The language of the plain-text notes of the file being validated (its ``language:``), for ``Wording``.
_file_language: ContextVar[str] = ContextVar("file_language", default="en")
_LANGUAGE_NAMES = {"en": "English", "sv": "Swedish"}
_EXAMPLE = {"example": '{en: "…", sv: "…"}'}


def _in_file_language(value: Any) -> Any:
    """A plain text is written in the file's language; a blank one is no text, as it always was."""
    if isinstance(value, str):
        return {_file_language.get(): value} if value.strip() else None
    if value is None or isinstance(value, dict):
        return value
    raise PydanticKnownError("string_type")


def _localized(value: dict[str, str] | None) -> Localized | None:
    if value is None:
        return None
    if not value:
        raise PydanticCustomError(
            "text_no_language", _("an empty mapping: write the text, or give it by language: {example}"), _EXAMPLE
        )
    return Localized(value)


def _dumped(value: Localized | None, info: core_schema.SerializationInfo) -> Any:
    """Both languages ({en: …, sv: …}), or with ``context={"language": "sv"}`` the text in that one."""
    if value is None:
        return None
    language = (info.context or {}).get("language")
    return value.text(language) if language else value.texts


_BY_LANGUAGE = {
    "type": "object",
    "description": "the text by language",
    "properties": {
        code: {"type": "string", "minLength": 1, "description": f"in {_LANGUAGE_NAMES[code]}"} for code in LANGUAGES
    },
    "additionalProperties": False,
    "minProperties": 1,
}


def _wording_schema(_source: Any, _handler: Any) -> core_schema.CoreSchema:
    by_language = core_schema.typed_dict_schema(
        {
            code: core_schema.typed_dict_field(core_schema.str_schema(min_length=1), required=False)
            for code in LANGUAGES
        },
        extra_behavior="forbid",
    )
    return core_schema.no_info_after_validator_function(
        _localized,
        core_schema.no_info_before_validator_function(_in_file_language, core_schema.nullable_schema(by_language)),
        serialization=core_schema.plain_serializer_function_ser_schema(_dumped, info_arg=True),
    )


#: A text the file's author writes for people (a note, an assumption): in the file's ``language``, or by
#: language ({en: …, sv: …}); shown in the run's language, else in the one it has (see ``i18n.Localized``).
#: Quotes, titles and names are the source's own words and stay plain text.
Wording = Annotated[
    Localized,
    GetPydanticSchema(
        _wording_schema,
        lambda _schema, _handler: {
            "description": "a text in the file's language (its `language:`), or by language: {en: …, sv: …}",
            "anyOf": [{"type": "string"}, _BY_LANGUAGE],
        },
    ),
]


def _no_items() -> list:
    """An empty list, as a default: pydantic reads a factory's signature, and ``list``'s costs 2 ms (tokenize)."""
    return []


def _no_keys() -> dict:
    """An empty mapping, as a default (see ``_no_items``)."""
    return {}


class Strict(BaseModel):
    """Unknown keys are refused: a misspelt key must not silently vanish.

    Built when first used (``defer_build``): a file is validated as a whole ``Agreement``, which is
    built at import and holds the others, so building each part's own validator too only cost start-up.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    title: Text
    published: dt.date | None = None
    publisher: str | None = None
    seed: str | None = Field(None, description="file name of the source text in shared/seeds")
    url: str | None = None
    note: Wording | None = None


class FixedRule(Strict):
    """The whole pot to one recipient."""

    fixed: RecipientId


class EqualRule(Strict):
    """Equal parts to every member of a group (kronor left by rounding: see engine)."""

    equal: Group


class PopulationRule(Strict):
    """Parts in proportion to population at a date, from a named dataset, or from inline figures."""

    population: Group
    as_of: dt.date | None = None
    dataset: str | None = None
    figures: dict[RecipientId, Weight] | None = None

    @model_validator(mode="after")
    def _one_basis(self) -> "PopulationRule":
        given = [name for name in ("as_of", "dataset", "figures") if getattr(self, name) is not None]
        if len(given) > 1:
            raise PydanticCustomError(
                "rule_basis",
                _("give one population basis, not {given}: as_of (a date), dataset (a name) or figures (a table)"),
                {"given": _(" and ").join(given)},
            )
        return self


class SharesRule(Strict):
    """Parts in proportion to explicit integer weights (a key)."""

    shares: dict[RecipientId, Weight]


class AmountsRule(Strict):
    """A table taken as given (e.g. performance-based); its rows must add up to the pot."""

    amounts: dict[RecipientId, Amount]


def _rule_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return kind_of(value).name
    if isinstance(value, dict):
        found = [kind for kind in RULE_KINDS if kind in value]
        return found[0] if len(found) == 1 else None
    return None


Rule = Annotated[
    Annotated[FixedRule, Tag("fixed")]
    | Annotated[EqualRule, Tag("equal")]
    | Annotated[PopulationRule, Tag("population")]
    | Annotated[SharesRule, Tag("shares")]
    | Annotated[AmountsRule, Tag("amounts")],
    Discriminator(
        _rule_kind,
        custom_error_type="rule_kind",
        custom_error_message=f"a rule has exactly one of the keys {', '.join(RULE_KINDS)}",
    ),
]


class Rounding(Strict):
    """Allocate in whole units (1000 = whole thousands) where an agreement does."""

    unit: Annotated[int, Field(strict=True, ge=1)]


class PublishedTable(Strict):
    """A per-recipient table the authorities published, to reconcile against."""

    rows: dict[RecipientId, Amount]
    total: Amount | None = Field(None, description="the total the publishing text states, if any")
    tolerance: Annotated[int, Field(strict=True, ge=0)] = Field(1, description="kronor a row may differ")
    source: Source | None = None
    note: Wording | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_rows(cls, value: Any) -> Any:
        """``published: {01: 123, …}`` is short for ``published: {rows: {01: 123, …}}``."""
        if isinstance(value, dict) and "rows" not in value:
            return {"rows": value}
        return value


FunderField = Annotated[FunderId | None, Field(description="one funder pays all of this: 'staten'")]
FundingField = Annotated[
    dict[FunderId, Amount] | None,
    Field(description="a split between funders, as stated: {staten: 74,5 mnkr, regionerna: 100 mnkr}"),
]


def _one_funding_way(model):
    """``funder`` (one payer) or ``funding`` (a split): a level that says neither inherits (see ``funders``)."""
    if model.funder is not None and model.funding is not None:
        raise PydanticCustomError(
            "funding_both", _("give funder: (one payer for all of it) or funding: (a split between payers), not both")
        )
    return model


class Pot(Strict):
    id: Slug
    title: str | None = None
    amount: Amount
    funder: FunderField = None
    funding: FundingField = None
    rule: Rule
    rounding: Rounding | None = None
    quote: str | None = Field(None, description="the source's own words for this pot")
    quote_source: Source | None = Field(None, description="where the quote stands, if not in this level's source")
    note: Wording | None = None
    assumption: Wording | None = Field(None, description="what the source does not state and was chosen here, and why")
    published: PublishedTable | None = None

    _funding = model_validator(mode="after")(_one_funding_way)


class Deadline(Strict):
    """A report an agreement (or one of its areas) asks for, and when it is due."""

    due: dt.date
    what: Text = Field(description="the report, as the source names it: 'Delrapport'")
    by: str | None = Field(None, description="who reports: 'SKR'")
    to: str | None = Field(None, description="to whom: 'Socialdepartementet'")
    quote: str | None = None
    note: Wording | None = None


class Area(Strict):
    id: Slug
    title: Text
    short_title: Text | None = Field(
        None, description="a few words for table headers (Säkrare vård); the id stays the key of CSV and JSON"
    )
    total: Amount | None = Field(None, description="the area's total as the source states it")
    funder: FunderField = None
    funding: FundingField = None
    source: Source | None = Field(None, description="where this area is detailed, if not the agreement's source")
    series: Slug | None = Field(None, description="the series this area continues, if not its agreement's")
    quote: str | None = None
    quote_source: Source | None = Field(None, description="where the quote stands, if not in this level's source")
    note: Wording | None = None
    reports: list[Deadline] = Field(default_factory=_no_items, description="reports due under this area")
    pots: Annotated[list[Pot], Field(min_length=1)]

    _funding = model_validator(mode="after")(_one_funding_way)

    @cached_property
    def pots_amount(self) -> int:
        """The sum of the area's pots, once: every pot's inherited funding asks for it."""
        return sum(pot.amount for pot in self.pots)


def _year_key(value: Any) -> Any:
    """A year as a key: four digits and nothing else, so that '+2020', '2_020' and '02020' cannot all become 2020."""
    if isinstance(value, str) and not (len(value) == 4 and is_ascii_digits(value)):
        raise PydanticCustomError("int_parsing", "not a year")
    return value


class Frame(Strict):
    """Money a multi-year agreement reserves for later years (for its series: see ``agreement_series``)."""

    years: dict[Annotated[int, BeforeValidator(_year_key), Field(ge=1990, le=2100)], Amount]
    total: Amount | None = None
    quote: str | None = None
    note: Wording | None = None


class DeclaredRecipient(Strict):
    """A recipient that is neither region nor samverkansregion nor a known organisation."""

    name: Text
    short_name: str | None = None
    note: Wording | None = None


class Scope(Strict):
    """The file encodes a part of a document (a chapter), not the whole of it."""

    part: Text = Field(description="which part: 'kapitel 8'")
    of: str | None = Field(None, description="the whole document's title")
    quote: str | None = None
    note: Wording | None = None


class Validity(Strict):
    """The years an agreement's money may be used, when more than its own year."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Year = Field(alias="from", description="the first year")
    to: Year = Field(description="the last year")
    quote: str | None = None
    note: Wording | None = None


class Agreement(Strict):
    model_config = ConfigDict(defer_build=False)  # the one every file is validated as: built at import

    id: Slug
    year: Year
    title: Text
    language: FileLanguage | None = Field(
        None, description="the language of the file's plain-text notes and assumptions: en or sv; absent: en"
    )
    source: Source | None = None
    scope: Scope | None = Field(None, description="the part of a document this file encodes; absent: the whole")
    series: Slug | None = Field(None, description="the series of agreements this one continues: 'vardforlopp'")
    valid: Validity | None = Field(None, description="the years the money may be used; absent: its own year")
    total: Amount | None = Field(None, description="the agreement's total as the source states it")
    funder: FunderField = None
    funding: FundingField = None
    recipients: dict[Slug, DeclaredRecipient] = Field(default_factory=_no_keys)
    frame: Frame | None = None
    reports: list[Deadline] = Field(default_factory=_no_items, description="reports due under the agreement")
    quote: str | None = None
    quote_source: Source | None = Field(None, description="where the quote stands, if not in this level's source")
    note: Wording | None = None
    assumption: Wording | None = None
    areas: Annotated[list[Area], Field(min_length=1)]

    _funding = model_validator(mode="after")(_one_funding_way)

    @model_validator(mode="wrap")
    @classmethod
    def _plain_texts_in_its_language(cls, data: Any, handler: Any) -> Any:
        """The notes below are read while the file's ``language`` is known (a bad value: its own error, and en)."""
        language = data.get("language") if isinstance(data, dict) else None
        token = _file_language.set(language if language in LANGUAGES else "en")
        try:
            return handler(data)
        finally:
            _file_language.reset(token)

    def pots(self):
        """Every (area, pot) in file order."""
        for area in self.areas:
            for pot in area.pots:
                yield area, pot

    @cached_property
    def pots_amount(self) -> int:
        """The sum of every pot, once: every pot's inherited funding asks for it."""
        return sum(area.pots_amount for area in self.areas)

    @cached_property
    def pot_count(self) -> int:
        return sum(len(area.pots) for area in self.areas)

    @property
    def valid_years(self) -> range:
        """The years this agreement's money may be used: its own year unless ``valid`` says more.

        Years that run backwards are ``check``'s error (``valid-years``); until fixed, the own year is used.
        """
        if self.valid is None or self.valid.from_ > self.valid.to:
            return range(self.year, self.year + 1)
        return range(self.valid.from_, self.valid.to + 1)

    def series_of(self, area: Area) -> str:
        """The series an area's money belongs to: the area's own, else the agreement's, else the agreement id."""
        return area.series or self.series or self.id


def _models() -> list[type[BaseModel]]:
    """Every model of the format."""
    return [
        Agreement, Source, Area, Pot, Frame, PublishedTable, Rounding, DeclaredRecipient, Scope, Validity, Deadline,
        FixedRule, EqualRule, PopulationRule, SharesRule, AmountsRule,
    ]  # fmt: skip


def known_keys() -> list[str]:
    """Every key the format knows, for 'did you mean' suggestions."""
    return sorted({field.alias or name for model in _models() for name, field in model.model_fields.items()})


def wording_keys() -> frozenset[str]:
    """The keys whose value is a ``Wording`` (note, assumption): a key below one of them names a language."""
    return frozenset(
        field.alias or name
        for model in _models()
        for name, field in model.model_fields.items()
        if Wording in typing.get_args(field.annotation)
    )
