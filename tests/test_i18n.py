"""One language per run: the catalogue is complete and compiled, and the language is chosen as documented."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from vardmedel import i18n

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
catalogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogue)


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def test_every_message_has_a_swedish_text():
    gaps = catalogue.missing(catalogue.read_po(), catalogue.extract())
    assert gaps == [], f"{len(gaps)} message(s) lack Swedish: run scripts/catalogue.py update, translate, compile"


def test_the_shipped_mo_is_compiled_from_the_po():
    assert catalogue.MO.read_bytes() == catalogue.compile_mo(catalogue.read_po()), "run scripts/catalogue.py compile"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "sv_SE.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "sv_FI.UTF-8"}, "sv"),
        ({"LC_ALL": "", "LANG": "sv_SE"}, "sv"),
    ],
)
def test_the_locale_picks_the_language_in_posix_order(environ, expected):
    assert i18n.language_from_environment(environ) == expected


def test_lang_option_wins_over_the_locale():
    assert i18n.choose(["allocate", "2022", "--lang", "en"], {"LANG": "sv_SE.UTF-8"}) == "en"
    assert i18n.choose(["--lang=sv", "allocate"], {"LANG": "C"}) == "sv"
    assert i18n.choose(["allocate", "--", "--lang", "sv"], {}) == "en"


def test_a_compiled_catalogue_translates_singular_and_plural(tmp_path):
    import gettext

    data = catalogue.compile_mo({"Total": ["Totalt"], ("{n} pot", "{n} pots"): ["{n} pott", "{n} pottar"]})
    (tmp_path / "x.mo").write_bytes(data)
    with open(tmp_path / "x.mo", "rb") as handle:
        translation = gettext.GNUTranslations(handle)
    assert translation.gettext("Total") == "Totalt"
    assert translation.ngettext("{n} pot", "{n} pots", 1) == "{n} pott"
    assert translation.ngettext("{n} pot", "{n} pots", 3) == "{n} pottar"
    assert translation.gettext("Other") == "Other"


def test_po_round_trips_through_write_and_read(tmp_path):
    entries = {'Line one\nline "two"': ['Rad ett\nrad "två"'], ("a", "b"): ["x", "y"]}
    places = {key: ["src/x.py:1"] for key in entries}
    catalogue.write_po(entries, places, tmp_path / "t.po")
    assert catalogue.read_po(tmp_path / "t.po") == {"": [catalogue.HEADER], **entries}


def test_a_text_from_data_is_shown_in_the_language_set_else_in_the_one_it_has():
    both, english = i18n.Localized({"sv": "Antaget.", "en": "Assumed."}), i18n.Localized({"en": "Only English."})
    assert (str(both), str(english), both.texts) == ("Assumed.", "Only English.", {"en": "Assumed.", "sv": "Antaget."})
    i18n.set_language("sv")
    assert (str(both), str(english), both.text("en")) == ("Antaget.", "Only English.", "Assumed.")
    assert f"{both}" == "Antaget." and i18n.in_language(None) is None
    with pytest.raises(ValueError, match="one or more of the languages en, sv"):
        i18n.Localized({"se": "Svenska."})


def test_the_format_knows_the_languages_of_the_run():
    import typing

    from vardmedel.model import FileLanguage

    assert typing.get_args(FileLanguage) == i18n.LANGUAGES
