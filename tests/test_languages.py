"""One language per run: every view and every --help, drawn in English and in Swedish, holds no word of the other.

Names and texts that come from the agreement files and the reference data (titles,
quotes, assumptions, recipients, population sources) are shown as written, so they
are taken out before the words are read; ids (with '-', '/' or '_') too. What is
left is vardmedel's own words, and each language has a list of words that give the
other away.
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
