"""Finding a recipient from what a person types: "20", "dalarna", "Region Dalarna", "orebro", "norra".

Matching ignores case, diacritics and punctuation, and knows the forms the
sources use: the region's name, its short name, its län, "Region X", the
samverkansregion's former name, an organisation's old name (SKL). Nothing is
guessed: a text that fits no recipient, or more than one, is refused with the
closest candidates named.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping

from .i18n import _
from .reference import REGION, Recipient, Reference


class RecipientNotFound(ValueError):
    """*text* names no recipient (or several); ``candidates`` are the closest ones."""

    def __init__(self, text: str, candidates: list[Recipient], ambiguous: bool = False) -> None:
        self.text, self.candidates, self.ambiguous = text, candidates, ambiguous
        shown = ", ".join(f"{c.name} ({c.id})" for c in candidates)
        if ambiguous:
            message = _("{text!r} fits several recipients: {names}; give the id").format(text=text, names=shown)
        elif candidates:
            message = _("no recipient {text!r}; did you mean {names}?").format(text=text, names=shown)
        else:
            message = _("no recipient {text!r}; see vardmedel regions for the ids and names").format(text=text)
        super().__init__(message)


def normalise(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces: 'Region Örebro län' -> 'region orebro lan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def forms(recipient: Recipient) -> set[str]:
    """Every way a person might write *recipient*, normalised."""
    texts = {recipient.id, recipient.name, recipient.short_name, *recipient.aliases}
    if recipient.kind == REGION:
        texts |= {f"region {recipient.short_name}", f"{recipient.short_name} lan", str(int(recipient.id))}
    forms = {normalise(t) for t in texts if t}
    for form in list(forms):  # "Region Jönköpings län" -> "jonkopings lan", "jonkopings"
        for prefix in ("region ", "sjukvardsregion "):
            if form.startswith(prefix):
                forms.add(form.removeprefix(prefix))
        for suffix in (" lan", " sjukvardsregionen", " sjukvardsregion", "regionen"):
            if form.endswith(suffix):
                forms.add(form.removesuffix(suffix).strip())
    return {f for f in forms if f}


def form_index(reference: Reference) -> Mapping[str, frozenset[str]]:
    """Every form of every recipient (``forms``), with the ids of the recipients it names.

    Made once per Reference (one is never changed in place: ``with_*`` make copies) and kept
    for the next call: ``check`` asks for every file that declares recipients, and making it
    costs about a millisecond (a fifth of the checks' time on the realistic corpus, benchmarks/).
    """
    global _last_index
    if _last_index is None or _last_index[0] is not reference:
        index: dict[str, set[str]] = defaultdict(set)
        for recipient in reference.recipients.values():
            for form in forms(recipient):
                index[form].add(recipient.id)
        _last_index = (reference, {form: frozenset(ids) for form, ids in index.items()})
    return _last_index[1]


_last_index: tuple[Reference, Mapping[str, frozenset[str]]] | None = None


def resolve(text: str, reference: Reference) -> Recipient:
    """The one recipient *text* names, or RecipientNotFound with the closest candidates."""
    if text in reference.recipients:
        return reference.recipients[text]
    index = form_index(reference)
    wanted = normalise(text)
    found = index.get(wanted, frozenset())
    if len(found) == 1:
        return reference.recipients[next(iter(found))]
    if found:
        raise RecipientNotFound(text, _ordered(found, reference), ambiguous=True)
    raise RecipientNotFound(text, suggestions(wanted, index, reference))


def suggestions(
    wanted: str, index: Mapping[str, frozenset[str]], reference: Reference, count: int = 3
) -> list[Recipient]:
    """The recipients whose forms come closest to *wanted* (typos, partial names)."""
    close = difflib.get_close_matches(wanted, list(index), n=10, cutoff=0.6)
    close += [form for form in index if wanted and len(wanted) >= 3 and wanted in form.split()]
    ids = list(dict.fromkeys(rid for form in close for rid in sorted(index[form])))
    return [reference.recipients[rid] for rid in ids[:count]]


def _ordered(ids: frozenset[str], reference: Reference) -> list[Recipient]:
    return sorted((reference.recipients[rid] for rid in ids), key=lambda r: r.sort_key)
