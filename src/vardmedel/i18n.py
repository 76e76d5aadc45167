"""One language per run: English by default, Swedish with ``--lang sv`` or a Swedish locale.

Every user-facing string goes through :func:`_` (and :func:`ngettext` where a count
changes the words). The Swedish text lives in a gettext catalogue shipped in the
package (``locale/sv/LC_MESSAGES/vardmedel.po``, compiled to ``.mo`` by
``scripts/catalogue.py compile``); CSV/JSON keys and problem codes are never translated.

The language is chosen once, before the commands are built, because Typer reads
the help texts when the commands are declared. The catalogue itself is read on
the first translated string, so ``--version`` pays nothing for it.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "vardmedel"
LANGUAGES = ("en", "sv")
LOCALE_DIR = Path(__file__).parent / "locale"

_language = "en"
_catalogue: gettext.NullTranslations | None = None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``sv`` when the locale for messages is Swedish, else ``en``.

    POSIX order: the first of LC_ALL, LC_MESSAGES and LANG that is set decides,
    so ``LC_ALL=C`` wins over ``LANG=sv_SE.UTF-8``.
    """
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def language_from_arguments(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in *argv* (``--lang sv`` or ``--lang=sv``), read before Typer parses it."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.partition("=")[2]
    return None


def choose(argv: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> str:
    """Pick and set the run's language: ``--lang`` first, then the locale; unknown values fall back to English."""
    wanted = language_from_arguments(argv) or language_from_environment(environ)
    set_language(wanted if wanted in LANGUAGES else "en")
    return _language


def set_language(code: str) -> None:
    """Switch the language (tests and the API use this; the CLI calls :func:`choose`)."""
    global _language, _catalogue
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    _language, _catalogue = code, None


def language() -> str:
    return _language


def _translations() -> gettext.NullTranslations:
    global _catalogue
    if _catalogue is None:
        if _language == "en":
            _catalogue = gettext.NullTranslations()
        else:
            _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language])
    return _catalogue


def _(message: str) -> str:
    """*message* (English, the msgid) in the run's language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def in_every_language(message: str) -> list[str]:
    """*message* as each language says it: for texts that must not be mistaken for it whatever the run's language."""
    return [message] + [
        gettext.translation(DOMAIN, LOCALE_DIR, languages=[code]).gettext(message) for code in LANGUAGES if code != "en"
    ]


def N_(message: str) -> str:
    """Mark *message* for the catalogue without translating it now: words another library translates later."""
    return message
