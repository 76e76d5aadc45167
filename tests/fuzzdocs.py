"""Agreement files for the fuzz test (test_fuzz.py), drawn by hypothesis from the format itself.

``valid_agreement`` draws a document ``vardmedel check`` accepts (warnings allowed):
every key of the format (model.py) is in reach, each rule kind, rounding, funders
at every level, declared recipients, series, valid years, reports, frames, scope,
published tables, amounts spelt the Swedish ways, and texts with markup, RTL,
zero-width and combining characters. With it comes ``Expected``: what each pot
must come to, worked out here from the draw, not by vardmedel.

``broken_files`` starts from valid documents and breaks them: values of the wrong
type, extreme numbers (5 000 digits, zero, negative), ids that collide, unknown
and duplicate keys, raw YAML (tags, aliases, surrogate escapes), and then the
text itself (lines duplicated, deleted or cut, other encodings, NUL bytes).
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

REGIONS = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13")
REGIONS += ("14", "17", "18", "19", "20", "21", "22", "23", "24", "25")
SAMVERKANSREGIONER = ("norra", "mellansverige", "stockholm-gotland", "sydostra", "sodra", "vastra")
ORGANISATIONS = ("skr",)
GROUPS = {"regioner": REGIONS, "samverkansregioner": SAMVERKANSREGIONER}
POPULATION_DATES = ("2017-12-31", "2018-12-31", "2019-11-01", "2019-12-31", "2020-12-31", "2021-11-01")
POPULATION_DATES += ("2021-12-31", "2023-12-31")
MAX_AMOUNT = 10**13
#: Area ids every allocation already uses for a column (views/names.py ROW_KEYS).
RESERVED_AREA_IDS = ("recipient", "name", "short-name", "kind", "total", "kr-per-inhabitant")

# --- texts ---------------------------------------------------------------------------------------------

#: Characters ``check`` refuses in texts (control characters, bidirectional overrides): only broken files get them.
HIDDEN = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
HIDDEN += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

#: Pieces of text that have broken tools before: Rich markup, spreadsheet formulas, CSV and markdown syntax,
#: right-to-left scripts, zero-width and combining characters, wide characters, line breaks.
TRICKY = (
    "[/]",
    "[bold]",
    "[/bold]",
    "[red]rött[/red]",
    "[link=https://example.org]x[/link]",
    ":smile:",
    "\\[",
    "\\",
    "=SUM(A1:A9)",
    "+46",
    "-1",
    "@x",
    '"',
    "'",
    ",",
    ";",
    "|",
    "`",
    "*",
    "# x",
    "%s",
    "{0}",
    "{name}",
    "مرحبا",
    "שלום",
    "\u200e",
    "\u200f",
    "\u200b",
    "\u200d",
    "\u2060",
    "\ufeff",
    "e\u0301",
    "Z" + "\u0336\u0334\u0321\u0322\u031b" * 8,
    "漢字",
    "ｗｉｄｅ",
    "👩\u200d⚕️",
    "🇸🇪",
    "\n",
    "\t",
    "\u2028",
    " ",
    "\u00a0",
    "Åäö ÅÄÖ",
    "ß",
    "İ",
    "ǅ",
    "x" * 200,
)
_ODD = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=HIDDEN)
#: Any text a file may hold, leaning to the tricky pieces.
texts = st.one_of(
    st.sampled_from(["Vård", "God och nära vård", "Sammanhållen, jämlik och säker vård"]),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(_ODD, min_size=1, max_size=12)), min_size=1, max_size=4).map(
        "".join
    ),
)
slugs = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
funder_ids = st.sampled_from(["staten", "regionerna", "skr", "eu", "x-1"])


@st.composite
def unique_slugs(draw, count: int, avoid: tuple[str, ...] = ()) -> list[str]:
    """*count* different ids, none of them in *avoid* (a clash gets its place appended: 'a', 'a-1')."""
    found: list[str] = []
    for index, slug in enumerate(draw(st.lists(slugs, min_size=count, max_size=count))):
        found.append(f"{slug}-{index}" if slug in avoid or slug in found else slug)
    return found


# --- amounts -------------------------------------------------------------------------------------------

_SEPARATORS = (" ", "\u00a0", "\u202f", "\u2009", "_")


def _grouped(number: int, separator: str) -> str:
    text = str(number)
    head = len(text) % 3 or 3
    return separator.join([text[:head], *(text[i : i + 3] for i in range(head, len(text), 3))])


def _decimal(amount: int, unit: int) -> str:
    """*amount* in *unit* with a decimal comma, trailing zeros dropped: 2 500 000 in millions is '2,5'."""
    whole, rest = divmod(amount, unit)
    if not rest:
        return str(whole)
    fraction = str(rest).rjust(len(str(unit)) - 1, "0").rstrip("0")
    return f"{whole},{fraction}"


@st.composite
def spelt(draw, amount: int) -> Any:
    """*amount* as a file may write it: an integer, or Swedish text ("2,5 miljoner kronor", "112 500 000")."""
    ways: list[Any] = [amount, _grouped(amount, draw(st.sampled_from(_SEPARATORS)))]
    ways.append(f"{_grouped(amount, ' ')} {draw(st.sampled_from(['kr', 'kronor', 'sek', 'KR', 'Kronor']))}")
    ways.append(f"+{amount}")
    for unit, words in (
        (1000, ["tkr", "tusen kronor", "tsek"]),
        (10**6, ["mnkr", "mkr", "miljoner kronor", "milj. kr", "MSEK"]),
        (10**9, ["mdkr", "mdr", "miljarder kronor"]),
    ):
        ways.append(f"{_decimal(amount, unit)} {draw(st.sampled_from(words))}")
    return draw(st.sampled_from(ways))


def split(draw, total: int, parts: int, unit: int = 1) -> list[int]:
    """*total* as *parts* positive multiples of *unit* (*total* is one, at least *parts* times *unit*), drawn."""
    units = total // unit
    if parts == 1:
        return [total]
    cuts = sorted(draw(st.lists(st.integers(1, units - 1), min_size=parts - 1, max_size=parts - 1, unique=True)))
    edges = [0, *cuts, units]
    return [(b - a) * unit for a, b in itertools.pairwise(edges)]


pot_amounts = st.one_of(
    st.integers(1, 1000),
    st.integers(1, 10**9),
    st.integers(1, 10**6).map(lambda n: n * 1000),
    st.integers(1, 10**4).map(lambda n: n * 500_000),
    st.integers(1, 10**12),
    st.just(MAX_AMOUNT // 4),
)


# --- what the allocation must come to ----------------------------------------------------------------


@dataclass
class ExpectedPot:
    """One pot as drawn: its amount, rounding unit and what each recipient must get.

    ``exact`` is the whole answer where the rule fixes it (fixed, amounts); ``weights``
    the weights of a proportional split, each part within one unit of its exact share;
    ``members`` the recipients of a split by reference population (their figures are
    vardmedel's data), who share the pot and nobody else.
    """

    agreement: str
    area: str
    pot: str
    amount: int
    unit: int = 1
    exact: dict[str, int] | None = None
    weights: dict[str, int] | None = None
    members: tuple[str, ...] = ()


@dataclass
class Expected:
    pots: list[ExpectedPot] = field(default_factory=list)
    recipients: set[str] = field(default_factory=set)
    funders: set[str] = field(default_factory=set)


# --- valid documents -----------------------------------------------------------------------------------


def _source(draw) -> dict:
    source: dict[str, Any] = {"title": draw(texts)}
    for key, values in (
        ("published", st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        ("publisher", texts),
        ("seed", st.sampled_from(["001_67c5423671d5fe0e.txt", "x.txt"])),
        ("url", st.sampled_from(["https://example.org/a?b=c&d=[e]", "http://x"])),
        ("note", texts),
    ):
        if draw(st.booleans()):
            source[key] = draw(values)
    return source


def _maybe_words(draw, level: dict, *keys: str) -> None:
    for key in keys:
        if draw(st.integers(0, 3)) == 0:
            level[key] = draw(texts)
    if "quote" in level and draw(st.integers(0, 3)) == 0:
        level["quote_source"] = _source(draw)


def _reports(draw, first: int, last: int) -> list[dict]:
    reports = []
    for _ in range(draw(st.integers(0, 2))):
        report: dict[str, Any] = {
            "due": draw(st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))),
            "what": draw(texts),
        }
        for key in ("by", "to", "quote", "note"):
            if draw(st.booleans()):
                report[key] = draw(texts)
        reports.append(report)
    return reports


@st.composite
def _rule(draw, amount: int, known: tuple[str, ...], year: int, expected: ExpectedPot) -> dict:
    """A rule that splits *amount* among *known* recipients, and what each must get."""
    kind = draw(st.sampled_from(["fixed", "equal", "population", "shares", "amounts"]))
    if kind == "fixed":
        rid = draw(st.sampled_from(known))
        expected.exact = {rid: amount}
        return {"fixed": rid}
    if kind == "amounts":
        most = min(5, amount // expected.unit)
        rids = draw(st.lists(st.sampled_from(known), min_size=1, max_size=most, unique=True))
        rows = dict(zip(rids, split(draw, amount, len(rids), expected.unit), strict=True))
        expected.exact = rows
        return {"amounts": {rid: draw(spelt(value)) for rid, value in rows.items()}}
    if kind == "shares":
        rids = draw(st.lists(st.sampled_from(known), min_size=1, max_size=6, unique=True))
        big = st.integers(0, 10**18 - 1)
        weights = {rid: draw(st.one_of(st.integers(0, 10), st.integers(0, 10**6), big)) for rid in rids}
        if not any(weights.values()):
            weights[rids[0]] = 1
        expected.weights = weights
        return {"shares": weights}
    if kind == "equal":
        group = draw(
            st.one_of(
                st.sampled_from(list(GROUPS)),
                st.lists(st.sampled_from(known), min_size=1, max_size=6, unique=True),
            )
        )
        members = GROUPS[group] if isinstance(group, str) else group
        expected.weights = dict.fromkeys(members, 1)
        return {"equal": group}
    # population: the regions or the samverkansregioner (or some of one of them), by a date, a dataset or figures
    members_of = draw(st.sampled_from([REGIONS, SAMVERKANSREGIONER]))
    group = draw(
        st.one_of(
            st.just("regioner" if members_of is REGIONS else "samverkansregioner"),
            st.lists(st.sampled_from(members_of), min_size=1, max_size=len(members_of), unique=True),
        )
    )
    members = members_of if isinstance(group, str) else tuple(group)
    rule: dict[str, Any] = {"population": group}
    basis = draw(st.sampled_from(["as_of", "dataset", "figures", "none"] if year > 2018 else ["as_of", "figures"]))
    if basis == "as_of":
        rule["as_of"] = dt.date.fromisoformat(draw(st.sampled_from(POPULATION_DATES)))
    elif basis == "dataset":
        rule["dataset"] = draw(st.sampled_from(POPULATION_DATES))
    elif basis == "figures":
        figures = {rid: draw(st.one_of(st.integers(0, 100), st.integers(0, 10**17))) for rid in members}
        if not any(figures.values()):
            figures[members[0]] = 1
        rule["figures"] = figures
        expected.weights = figures
    if "figures" not in rule:
        expected.members = members
    return rule


@st.composite
def _pot(draw, pot_id: str, known: tuple[str, ...], year: int, expected: ExpectedPot) -> dict:
    amount = expected.amount
    rounded = draw(st.integers(0, 3)) == 0
    if rounded:
        expected.unit = draw(st.sampled_from([u for u in (1, 10, 1000, 500_000, amount) if amount % u == 0]))
    rule = draw(_rule(amount, known, year, expected))
    pot: dict[str, Any] = {"id": pot_id}
    if draw(st.booleans()):
        pot["title"] = draw(texts)
    pot["amount"] = draw(spelt(amount))
    pot["rule"] = rule
    if rounded:
        pot["rounding"] = {"unit": expected.unit}
    _maybe_words(draw, pot, "quote", "note", "assumption")
    if "fixed" in rule and draw(st.integers(0, 3)) == 0:
        pot["published"] = {"rows": {rule["fixed"]: draw(spelt(amount))}}
        if draw(st.booleans()):
            pot["published"]["total"] = draw(spelt(amount))
            pot["published"]["tolerance"] = draw(st.integers(0, 5))
    return pot


def _funding(draw, amount: int, unit: int) -> tuple[dict, dict[str, int]]:
    """A pot's funder or funding (each part whole units of its rounding), and what each funder pays."""
    funders = draw(st.lists(funder_ids, min_size=1, max_size=min(3, amount // unit), unique=True))
    if len(funders) == 1:
        return {"funder": funders[0]}, {funders[0]: amount}
    paid = dict(zip(funders, split(draw, amount, len(funders), unit), strict=True))
    return {"funding": {f: draw(spelt(v)) for f, v in paid.items()}}, paid


def _stated(draw, paid: dict[str, int]) -> dict:
    """What a level above may state about its pots' funders, exactly what they add up to."""
    if len(paid) == 1:
        return {"funder": next(iter(paid))}
    return {"funding": {f: draw(spelt(v)) for f, v in paid.items()}}


def _add(total: dict[str, int], paid: dict[str, int]) -> None:
    for funder, amount in paid.items():
        total[funder] = total.get(funder, 0) + amount


@st.composite
def valid_agreement(draw, year: int, id_suffix: str | None = None) -> tuple[dict, Expected]:
    """An agreement of *year* that loads and checks without errors, and what allocating it must give."""
    expected = Expected()
    agreement_id = f"{year}-{id_suffix or draw(slugs)}"
    doc: dict[str, Any] = {"id": agreement_id, "year": year, "title": draw(texts)}
    if draw(st.integers(0, 5)):
        doc["source"] = _source(draw)
    if draw(st.integers(0, 4)) == 0:
        doc["scope"] = {"part": draw(texts)}
        _maybe_words(draw, doc["scope"], "of", "quote", "note")
        doc["scope"].pop("quote_source", None)
    if draw(st.booleans()):
        doc["series"] = draw(slugs)
    last = year
    if draw(st.integers(0, 3)) == 0:
        first, last = draw(st.integers(max(1990, year - 3), year)), draw(st.integers(year, min(2100, year + 3)))
        doc["valid"] = {"from": first, "to": last}
    declared = draw(unique_slugs(draw(st.integers(0, 3)), avoid=(*GROUPS, *SAMVERKANSREGIONER, *ORGANISATIONS)))
    declared = [f"m-{rid}" for rid in declared]  # never a län code or a built-in id
    if declared:
        doc["recipients"] = {}
        for rid in declared:
            # A word ahead of the drawn text: a name that reads as a built-in recipient or a footer line
            # ('-1', 'Total') is refused by check, so a valid document names its own recipients apart.
            doc["recipients"][rid] = {"name": "Mottagare " + draw(texts)}
            if draw(st.booleans()):
                doc["recipients"][rid]["short_name"] = "Mott. " + draw(texts)
            if draw(st.booleans()):
                doc["recipients"][rid]["note"] = draw(texts)
    known = (*REGIONS, *SAMVERKANSREGIONER, *ORGANISATIONS, *declared)
    reports = _reports(draw, year, min(2100, last + 2))
    if reports:
        doc["reports"] = reports
    _maybe_words(draw, doc, "quote", "note", "assumption")

    funding_at = draw(st.sampled_from(["none", "agreement", "areas", "pots"]))
    area_ids = draw(unique_slugs(draw(st.integers(1, 3)), avoid=RESERVED_AREA_IDS))
    areas = []
    agreement_paid: dict[str, int] = {}
    for area_id in area_ids:
        area: dict[str, Any] = {"id": area_id, "title": draw(texts)}
        if draw(st.booleans()):
            area["short_title"] = draw(texts)
        amounts = draw(st.lists(pot_amounts, min_size=1, max_size=3))
        pot_ids = draw(unique_slugs(len(amounts)))
        pots = []
        area_paid: dict[str, int] = {}
        for pot_id, amount in zip(pot_ids, amounts, strict=True):
            wanted = ExpectedPot(agreement_id, area_id, pot_id, amount)
            pot = draw(_pot(pot_id, known, year, wanted))
            if funding_at == "pots":
                stated, paid = _funding(draw, amount, wanted.unit)
                pot.update(stated)
                _add(area_paid, paid)
            pots.append(pot)
            expected.pots.append(wanted)
        if funding_at == "areas":
            funder = draw(funder_ids)
            area["funder"] = funder
            area_paid = {funder: sum(amounts)}
        elif funding_at == "pots" and draw(st.booleans()):
            area.update(_stated(draw, area_paid))
        _add(agreement_paid, area_paid)
        if draw(st.booleans()):
            area["total"] = draw(spelt(sum(amounts)))
        if draw(st.integers(0, 3)) == 0:
            area["source"] = _source(draw)
        if draw(st.integers(0, 3)) == 0:
            area["series"] = draw(slugs)
        _maybe_words(draw, area, "quote", "note")
        area_reports = _reports(draw, year, min(2100, last + 2))
        if area_reports:
            area["reports"] = area_reports
        area["pots"] = pots
        areas.append(area)
    total = sum(pot.amount for pot in expected.pots)
    if funding_at == "agreement":
        doc["funder"] = draw(funder_ids)
        agreement_paid = {doc["funder"]: total}
    elif funding_at in ("areas", "pots") and draw(st.booleans()):
        doc.update(_stated(draw, agreement_paid))
    expected.funders = set(agreement_paid)
    if total <= MAX_AMOUNT and draw(st.booleans()):
        doc["total"] = draw(spelt(total))
    if total <= MAX_AMOUNT and draw(st.integers(0, 4)) == 0:
        later = {y: draw(pot_amounts) for y in range(year + 1, min(2100, year + draw(st.integers(0, 2))) + 1)}
        doc["frame"] = {"years": {year: draw(spelt(total)), **{y: draw(spelt(v)) for y, v in later.items()}}}
        if total + sum(later.values()) <= MAX_AMOUNT and draw(st.booleans()):
            doc["frame"]["total"] = draw(spelt(total + sum(later.values())))
    doc["areas"] = areas
    for pot in expected.pots:
        expected.recipients |= set(pot.exact or pot.weights or dict.fromkeys(pot.members))
    return _shuffled_keys(draw, doc), expected


def _shuffled_keys(draw, doc: dict) -> dict:
    """The same document with its top-level keys in another order: the order of lines never matters."""
    keys = draw(st.permutations(list(doc)))
    return {key: doc[key] for key in keys}


# --- YAML text -----------------------------------------------------------------------------------------


class Raw(str):
    """A scalar written into the YAML text exactly as given (a tag, an alias, 5 000 digits)."""


class _Dumper(yaml.SafeDumper):
    pass


def to_yaml(doc: Any) -> str:
    """*doc* as YAML text; each ``Raw`` value lands in the text verbatim, in place of a placeholder."""
    raws: list[str] = []

    def placeholder(dumper, value: Raw):
        raws.append(str(value))
        return dumper.represent_scalar("tag:yaml.org,2002:str", f"RAWPLACEHOLDER{len(raws) - 1}X", style="")

    dumper = type("Dumper", (_Dumper,), {})
    dumper.add_representer(Raw, placeholder)
    text = yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    return re.sub(r"RAWPLACEHOLDER(\d+)X", lambda m: raws[int(m.group(1))], text)


# --- broken documents ----------------------------------------------------------------------------------

#: Scalars written as they are: numbers too long to read, signs, octal and hex, floats, dates that do not
#: exist, tags, aliases and anchors, flow syntax, escapes of lone surrogates and hidden characters.
RAW = (
    "1" * 5000,
    "-" + "9" * 30,
    "9" * 19,
    "10000000000001",
    "0",
    "-0",
    "-1",
    "+1",
    "012",
    "0x1F",
    "0o17",
    "1_000",
    "+2_022",
    "1e3",
    "4.5",
    ".5",
    ".nan",
    "-.inf",
    "1e309",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "2022-02-30",
    "2022-13-01",
    "0000-01-01",
    "9999-12-31",
    "2022-1-1",
    "2022-01-01T00:00:00",
    "2022-01-01 10:00:00 +02:00",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!timestamp 2022-01-01",
    "!custom x",
    "!!str 12",
    "!!int '12'",
    "!!float '1'",
    "&anchor x",
    "*anchor",
    "[/]",
    "[bold]",
    "[]",
    "{}",
    "{a: 1, a: 2}",
    "[[[[[[]]]]]]",
    "'2,5 miljoner kronor'",
    "2,5 miljoner kronor",
    "4.5 mnkr",
    "172,5 MNKR",
    "1 000,5 kr",
    "0,0000001 mdkr",
    "−5 kr",
    "- 5 kr",
    "5 kr kr",
    "５ kr",
    "١٢٣",
    "²⁰²²",
    "NaN kr",
    "∞",
    "1,5",
    "1.000.000",
    "10 000 mdkr",
    "10 001 mdkr",
    '"\\ud800"',
    '"\\udcff x"',
    '"\\U0001F600"',
    '"\\x1b[2J"',
    '"\\u202e"',
    '"\\0"',
    '"\\N"',
    '"\\_"',
    "|\n  block\n  text",
    ">-\n  folded",
    "? complex\n  : key",
    "x" * 10_001,
    "'" + "é" * 3000 + "'",
    "# only a comment",
    ": colon",
    "a: b",
    "- list",
    "%YAML 1.1",
    "---",
    "...",
)

#: Python values of the wrong type (or of the right type, and extreme) for any field.
wrong_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, -1, 1, 2, 10**13, 10**13 + 1, 10**18, 10**19 - 1, 2**63, 2**64, 2**200]),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(list(RAW)).map(Raw),
    st.sampled_from(["", "regioner", "samverkansregioner", "skr", "skl", "01", "1", "00", "99", "norra"]),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.lists(st.one_of(st.none(), st.integers(), texts, st.sampled_from(REGIONS)), max_size=4),
    st.dictionaries(
        st.one_of(texts, st.sampled_from(["01", "skr", "fixed", "equal", "id"])), st.integers(), max_size=3
    ),
)

#: Keys a mapping may wrongly hold: misspellings, other levels' keys, odd Unicode, numbers YAML reads alike.
odd_keys = st.one_of(
    st.sampled_from(["titel", "ammount", "rules", "pots", "areas", "id", "fixed", "equal", "as_of", "figures"]),
    st.sampled_from(["funder", "funding", "rounding", "published", "2020", "+2020", "0x7e4", "null", "true", "~"]),
    texts,
)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _at(doc: Any, path: tuple) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _ids(doc: dict) -> list[str]:
    """Every id in *doc*: its own, its areas', its pots', its declared recipients', for collisions."""
    found = [str(doc.get("id"))]
    for area in doc.get("areas") or []:
        if isinstance(area, dict):
            found.append(str(area.get("id")))
            found += [str(pot.get("id")) for pot in area.get("pots") or [] if isinstance(pot, dict)]
    if isinstance(doc.get("recipients"), dict):
        found += [str(rid) for rid in doc["recipients"]]
    return found


#: Numbers at and past the edges of what the format takes: amounts, weights, years, units.
EDGE_NUMBERS = (0, 1, 2, 3, 999, 1000, 1989, 1990, 2100, 2101, 10**13, 10**13 + 1, 10**18 - 1, 10**18, -1)


def tweaked(value: Any, harsh: bool) -> st.SearchStrategy:
    """A value of the same kind as *value*, at an edge: another text, a number at a limit, a far date."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers(0, 2 * value + 2))
    if isinstance(value, str):
        other = st.sampled_from([*REGIONS, *SAMVERKANSREGIONER, *ORGANISATIONS, *GROUPS, "skl", "staten"])
        raw = st.sampled_from(list(RAW)).map(Raw) if harsh else other
        return st.one_of(texts, other, slugs, st.sampled_from(EDGE_NUMBERS).map(str), raw)
    if isinstance(value, dt.date):
        return st.dates(dt.date(1980, 1, 1), dt.date(2110, 12, 31))
    if isinstance(value, list):
        return st.lists(st.sampled_from(value), max_size=len(value) + 2) if value else st.just([])
    if isinstance(value, dict):
        return (
            st.dictionaries(st.sampled_from(list(value)), st.sampled_from(list(value.values())))
            if value
            else st.just({})
        )
    return st.just(value)


#: Breakage that keeps the document's shape, so that it reaches the checks of sums, references and ids.
MILD = ("tweak", "collide", "duplicate-item")
#: Breakage of the shape: values of the wrong type, keys missing or unknown, mappings made lists.
HARSH = (*MILD, "value", "delete", "add-key", "reshape")


@st.composite
def mutated(draw, doc: dict, others: list[dict], harsh: bool = True) -> dict:
    """*doc* with one thing broken: a value changed or replaced, a key removed or added, an id made to collide."""
    doc = copy.deepcopy(doc)
    paths = _paths(doc)
    path = draw(st.sampled_from(paths[1:]))  # never the root: that is the text mutations' job
    parent, last = _at(doc, path[:-1]), path[-1]
    how = draw(st.sampled_from(HARSH if harsh else MILD))
    if how == "tweak":
        parent[last] = draw(tweaked(parent[last], harsh))
    elif how == "value":
        parent[last] = draw(wrong_values)
    elif how == "delete":
        del parent[last]
    elif how == "add-key":
        target = _at(doc, path)
        target = target if isinstance(target, dict) else parent if isinstance(parent, dict) else doc
        target[draw(odd_keys)] = draw(wrong_values)
    elif how == "collide":
        ids = _ids(doc) + [i for other in others for i in _ids(other)]
        ids += ["skr", "01", "regioner", "samverkansregioner", "total", "recipient", "name", "norra"]
        if path[-1] == "id" or not isinstance(parent, dict):
            parent[last] = draw(st.sampled_from(ids))
        elif isinstance(parent, dict):  # a key of a mapping (a declared recipient, a figure) renamed to another id
            value = parent.pop(last)
            parent[draw(st.sampled_from(ids))] = value
    elif how == "duplicate-item":
        target = _at(doc, path)
        if isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    else:  # reshape: a mapping becomes a list and a list a mapping
        target = _at(doc, path)
        if isinstance(target, dict):
            parent[last] = [{k: v} for k, v in target.items()] or [None]
        elif isinstance(target, list):
            parent[last] = {str(i): v for i, v in enumerate(target)}
        else:
            parent[last] = [target]
    return doc


#: Edits of the YAML text itself.
TEXT_EDITS = ("insert", "duplicate-line", "delete-line", "swap-lines", "cut", "tab", "crlf", "bom", "hidden")


@st.composite
def edited_text(draw, text: str) -> str:
    """*text* with one edit: a snippet inserted, a line duplicated (a duplicate key), deleted or swapped, or cut."""
    lines = text.splitlines(keepends=True)
    how = draw(st.sampled_from(TEXT_EDITS))
    if how == "insert":
        place = draw(st.integers(0, len(text)))
        snippet = draw(st.one_of(st.sampled_from(RAW), st.sampled_from(TRICKY), st.sampled_from(list(HIDDEN))))
        return text[:place] + snippet + text[place:]
    if how in ("duplicate-line", "delete-line", "swap-lines") and lines:
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if how == "duplicate-line":
            lines.insert(j, lines[i])
        elif how == "delete-line":
            del lines[i]
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if how == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if how == "tab":
        return re.sub(r"^  ", "\t", text, count=draw(st.integers(1, 3)), flags=re.MULTILINE)
    if how == "crlf":
        return text.replace("\n", "\r\n")
    if how == "bom":
        return "\ufeff" + text
    place = draw(st.integers(0, len(text)))
    return text[:place] + draw(st.sampled_from(list(HIDDEN))) + text[place:]


ENCODINGS = ("utf-16", "latin-1", "cp1252", "utf-8-nul", "utf-8-invalid")


def encoded(text: str, encoding: str) -> bytes:
    """*text* as the bytes of a file: UTF-8 (or another encoding), with a NUL or an invalid byte if asked."""
    if encoding == "utf-8-nul":
        return text.encode("utf-8", "surrogateescape") + b"\x00"
    if encoding == "utf-8-invalid":
        return b"\xff\xfe" + text.encode("utf-8", "surrogateescape")[:40] + b"\xc3(" + b"\x80"
    return text.encode(encoding, "replace") if encoding != "utf-8" else text.encode("utf-8", "surrogateescape")
