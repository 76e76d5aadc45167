"""One language per run: English by default, Swedish with ``--lang sv`` or a Swedish locale.

Every user-facing string goes through :func:`_` (and :func:`ngettext` where a count
changes the words). The Swedish text lives in a gettext catalogue shipped in the
package (``locale/sv/LC_MESSAGES/vardmedel.po``, compiled to ``.mo`` by
``scripts/catalogue.py compile``); CSV/JSON keys and problem codes are never translated.

The language is chosen once, before the commands are built, because Typer reads
the help texts when the commands are declared. The catalogue itself is read on
the first translated string, so ``--version`` pays nothing for it.

Texts that come from data (an agreement file's notes and assumptions) are no
messages of the catalogue: a file gives them in one language or in both, and
:class:`Localized` shows them in the run's language, else in the one there is.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "vardmedel"
LANGUAGES = ("en", "sv")
LOCALE_DIR = Path(__file__).parent / "locale"

_language = "en"


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
    global _language
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    _language = code


def language() -> str:
    return _language


def _translations() -> gettext.NullTranslations:
    return _catalogue(_language)


@functools.cache
def _catalogue(code: str) -> gettext.NullTranslations:
    """The catalogue of one language, read once: finding it looks at several files (``check`` asks per file)."""
    if code == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])


def _(message: str) -> str:
    """*message* (English, the msgid) in the run's language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def in_every_language(message: str) -> list[str]:
    """*message* as each language says it: for texts that must not be mistaken for it whatever the run's language."""
    return [message] + [_catalogue(code).gettext(message) for code in LANGUAGES if code != "en"]


class Localized:
    """A text a person reads, from data, in English, Swedish or both: shown in the run's language.

    A text that lacks the run's language is shown in the one it has, without a mark: a
    file written in one language is still read whole, and a note is never lost for want
    of a translation. Not a ``str``, so that the type checker finds every place that must
    choose the language (``str(text)`` or :meth:`text`).
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]) -> None:
        unknown = [key for key in texts if key not in LANGUAGES]
        if unknown or not texts:
            raise ValueError(f"a text needs one or more of the languages {', '.join(LANGUAGES)}, got {list(texts)}")
        self._texts = {code: texts[code] for code in LANGUAGES if code in texts}

    @property
    def texts(self) -> dict[str, str]:
        """The text in each language it is written in (en before sv)."""
        return dict(self._texts)

    def text(self, language: str | None = None) -> str:
        """The text in *language* (the run's, by default), else in the language it has."""
        return self._texts.get(language or _language) or next(iter(self._texts.values()))

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Localized({self._texts!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Localized) and other._texts == self._texts

    def __hash__(self) -> int:
        return hash(tuple(self._texts.items()))


def in_language(text: Localized | None) -> str | None:
    """*text* in the run's language; None stays None."""
    return None if text is None else text.text()


def N_(message: str) -> str:
    """Mark *message* for the catalogue without translating it now: words another library translates later."""
    return message
