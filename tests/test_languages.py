"""One language per run: every view and every --help, drawn in English and in Swedish, holds no word of the other.

Names and texts that come from the agreement files and the reference data (titles,
quotes, notes, recipients, population sources) are taken out before the words are read;
ids (with '-', '/' or '_') too. What is left is vardmedel's own words, and each language
has a list of words that give the other away. The texts from data that people read
(notes, assumptions, the datasets' sources) are written in both languages, and the last
test finds each view showing those of its own language only.
"""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from test_widths import COMMANDS
from typer.testing import CliRunner

from vardmedel import i18n
from vardmedel.catalog import BUNDLED
from vardmedel.cli import app

DATA = Path(__file__).resolve().parent.parent / "src" / "vardmedel" / "data"

#: Words that only the other language uses, as vardmedel's own texts would have them.
SWEDISH_WORDS = {
    "och", "för", "av", "till", "med", "som", "är", "inte", "ur", "eller", "Fördelning", "Mottagare",
    "Totalt", "Belopp", "Summa", "Källa", "Källor", "Folkmängd", "Pott", "Potter", "Område", "Regel", "Antagande",
    "Kontroll", "invånare", "Jämförelse", "Förändring", "Överenskommelse", "Överenskommelser", "Andel", "Titel",
    "År", "Fil", "Beräkning", "Avrundning", "källa", "regel", "citat", "antagande", "finansiering", "exakt",
    "uppåt", "nedåt", "Användning", "Flaggor", "Exempel", "standard", "Visa", "Regioner", "Organisationer",
}  # fmt: skip
ENGLISH_WORDS = {
    "the", "and", "of", "to", "with", "from", "is", "are", "or", "which", "does", "Allocation", "Recipient", "Total",
    "Amount", "Source", "Sources", "Population", "Pot", "Pots", "Area", "Rule", "Assumption", "Check", "inhabitants",
    "inhabitant", "Comparison", "Change", "Share", "Title", "Year", "File", "Arithmetic", "Rounding", "source",
    "rule", "quote", "assumption", "funding", "exact", "up", "down", "Usage", "Options", "Examples", "default",
    "Show", "Regions", "Organisations", "Agreement", "Agreements", "Name", "Kind", "Date", "Sweden",
}  # fmt: skip
TELLS = {"en": SWEDISH_WORDS, "sv": ENGLISH_WORDS}
#: The per-inhabitant column's abbreviation in each language.
ABBREVIATION = {"en": "kr/inv.", "sv": "kr/inh."}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [*_strings(key), *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@cache
def data_texts() -> list[str]:
    """Every text of the agreement files and the reference data, longest first (so none is cut by a shorter)."""
    import yaml

    texts = []
    for path in sorted(BUNDLED.glob("*.yaml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in DATA.rglob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            texts += [cell for row in csv.reader(handle) for cell in row]
    plain = {" ".join(text.split()) for text in texts if len(text) > 2}
    return sorted(plain, key=len, reverse=True)


def own_words(text: str) -> list[str]:
    """The words of *text* that are vardmedel's: data texts and ids taken out."""
    text = " ".join(text.replace("\u00a0", " ").split())
    for known in data_texts():
        text = text.replace(known, " ")
    text = re.sub(r"\S*[-/_]\S*", " ", text)  # ids, paths, options
    return re.findall(r"[^\W\d_]+", text)


def gives_away(text: str, language: str) -> list[str]:
    return sorted({word for word in own_words(text) if word in TELLS[language]})


@pytest.fixture
def english_afterwards():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_view_is_in_one_language(language, monkeypatch, english_afterwards):
    monkeypatch.setenv("COLUMNS", "3000")  # nothing wraps, so a data text is found whole and taken out
    runner = CliRunner()
    found = {}
    for args in COMMANDS:
        result = runner.invoke(app, [*args, "--format", "table", "--lang", language], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)
        words = gives_away(result.stdout, language)
        if ABBREVIATION[language] in result.stdout:
            words.append(ABBREVIATION[language])
        if words:
            found[" ".join(args)] = words
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_check_message_is_in_one_language(language, english_afterwards):
    """Every problem of the broken-file corpus, and the summary, in the language asked for.

    Quoted values are the file's own, and PyYAML words its syntax errors in English
    only, so those are taken out; the rest of every line is vardmedel's.
    """
    result = CliRunner().invoke(app, ["check", str(CORPUS), "--jobs", "1", "--lang", language])
    assert result.exit_code == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.endswith("[yaml-syntax]")]
    quoted = r"(?<!\w)'[^'\n]*'(?!\w)|\"[^\"\n]*\"|\[[a-z-]+\]$"  # not the apostrophe of "agreement's"
    text = re.sub(quoted, " ", "\n".join(lines), flags=re.M)
    assert len(lines) > 60
    assert gives_away(text, language) == []


HELP = """
import sys
from typer.testing import CliRunner
from vardmedel.cli import COMMANDS, app
for name in ("", *COMMANDS):
    result = CliRunner().invoke(app, [name, "--help"] if name else ["--help"], env={"COLUMNS": "3000"})
    sys.stdout.write(f"\\f{name}\\n{result.stdout}")
"""


@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_help_is_in_one_language(language):
    """--help is read when the commands are declared, so each language gets a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", HELP, "--lang", language], capture_output=True, text=True, timeout=60, check=True
    )
    pages = dict(page.split("\n", 1) for page in done.stdout.split("\f")[1:])
    assert len(pages) > 10
    found = {name or "vardmedel": gives_away(page, language) for name, page in pages.items()}
    assert not {name: words for name, words in found.items() if words}


def test_the_check_can_fail():
    """A Swedish word in English output, or an English one in Swedish, is found; data texts are not."""
    assert gives_away("Total 384 000 000 kr, the sum of 9 pots", "sv") == ["Total", "of", "the"]
    assert gives_away("Totalt: summan av potterna", "en") == ["Totalt", "av"]
    assert gives_away("Sammanhållen, jämlik och säker vård 2022", "en") == []  # an agreement's title


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_html_report_is_in_one_language(language, tmp_path, english_afterwards):
    target = tmp_path / "2022.html"
    result = CliRunner().invoke(app, ["report", "2022", "-o", str(target), "--lang", language])
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in page
    visible = html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.S))
    assert gives_away(visible, language) == []


# --- texts from data: an agreement's notes and assumptions, a dataset's source, in the run's language ------------

#: Each bundled year, with recipients whose explain shows every pot of the year that rests on an assumption.
EXPLAINED = {"2019": ("20", "norra"), "2020": ("20", "norra"), "2022": ("20", "norra", "strama", "kvalitetsregister")}
PROSE = ("note", "assumption")


def _texts(value, language: str, key: str = ""):
    """(language, text) of every note and assumption in *value*, from a file written in *language*; (None, text)
    of every other text (quotes, titles, names: the source's own words, the same in both languages)."""
    if isinstance(value, dict) and key in PROSE:
        yield from value.items()
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, language, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, language, key)
    elif isinstance(value, str):
        yield (language if key in PROSE else None), value


@cache
def _bundled_texts() -> list[tuple[str | None, str]]:
    import yaml

    found = []
    for path in sorted(BUNDLED.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(code, _plain(text)) for code, text in _texts(data, data.get("language", "en"))]
    return found


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@cache
def written() -> dict[str, list[str]]:
    """Every text from data that a person reads, by language: the bundled files' prose and the datasets' sources."""
    texts: dict[str, list[str]] = {"en": [], "sv": []}
    for code, text in _bundled_texts():
        if code is not None:
            texts[code].append(text)
    with (DATA / "population" / "datasets.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            texts["en"] += [row["source"], row["method"]]
            texts["sv"] += [row["source_sv"], row["method_sv"]]
    return texts


@cache
def telltale_fragments(language: str) -> list[str]:
    """Clauses of *language*'s data texts that no other text has: neither the other language's nor a quote or title.

    Found in a view of the other language, such a clause is a data text left untranslated.
    """
    neutral = written()["sv" if language == "en" else "en"] + [text for code, text in _bundled_texts() if code is None]
    fragments = set()
    for text in written()[language]:
        for clause in re.split(r"[.;:]\s+|[()]", text):
            clause = clause.strip(" .,")
            if len(clause.split()) >= 3 and not any(clause in other for other in neutral):
                fragments.add(clause)
    return sorted(fragments)


def _views(language: str, folder: Path) -> dict[str, str]:
    """Every view that shows data texts, drawn in *language*: terminal tables, JSON, HTML, xlsx and a calendar."""
    import icalendar
    import openpyxl

    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, [*args, "--lang", language], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stderr)
        return result.stdout

    views = {}
    for year, recipients in EXPLAINED.items():
        views[f"allocate {year}"] = run("allocate", year, "--format", "table")
        views[f"allocate {year} json"] = run("allocate", year, "--format", "json")
        for who in recipients:
            views[f"explain {year} {who}"] = run("explain", year, "-r", who, "--format", "table")
        page = folder / f"{year}.html"
        run("report", year, "-o", str(page))
        text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        views[f"report {year}"] = html.unescape(text)
        book = folder / f"{year}.xlsx"
        run("allocate", year, "-o", str(book))
        cells = openpyxl.load_workbook(book, read_only=True).worksheets
        views[f"allocate {year} xlsx"] = "\n".join(
            str(value) for sheet in cells for row in sheet.iter_rows(values_only=True) for value in row if value
        )
    for path in sorted(BUNDLED.glob("*.yaml")):
        views[f"show {path.stem}"] = run("show", path.stem, "--format", "table")
        views[f"show {path.stem} json"] = "\n".join(_strings(json.loads(run("show", path.stem, "--format", "json"))))
    views["deadlines"] = run("deadlines", "--format", "table")
    run("deadlines", "--format", "ics", "-o", str(folder / "due.ics"))
    calendar = icalendar.Calendar.from_ical((folder / "due.ics").read_bytes())
    views["deadlines ics"] = "\n".join(str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT"))
    views["population"] = run("population", "--format", "table")
    for dataset in sorted(p.stem for p in (DATA / "population").glob("2*.csv")):
        views[f"population {dataset}"] = run("population", dataset, "--format", "table")
    views["regions"] = run("regions", "--format", "table")
    views["compare"] = run("compare", "2020", "2022", "--format", "table")
    return {name: _plain(text) for name, text in views.items()}


@pytest.mark.parametrize("language", ["en", "sv"])
def test_texts_from_data_are_in_the_language_of_the_run(language, tmp_path, monkeypatch, english_afterwards):
    """Every view of every bundled year in one language: no clause of the other's data texts, all of its own."""
    monkeypatch.setenv("COLUMNS", "3000")  # nothing wraps, so a text is found whole
    views = _views(language, tmp_path)
    other = "sv" if language == "en" else "en"
    leaks = {name: [f for f in telltale_fragments(other) if f in text] for name, text in views.items()}
    leaks = {name: found for name, found in leaks.items() if found}
    assert not leaks, json.dumps(leaks, ensure_ascii=False, indent=1)
    shown = "\n".join(views.values())
    assert [text for text in written()[language] if text not in shown] == []  # and every one of them is shown
    assert len(telltale_fragments(other)) > 40  # the check has something to find
