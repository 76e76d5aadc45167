"""Which folders an answer was read from, said in every output: a note for people, a field for machines.

Agreements come from layered folders (the bundled ones, ``./agreements``, each
``--agreements DIR``; see catalog.py), and a file of one's own may replace a
bundled one. A number is only as good as the file behind it, so every view
names the folders, and which of the agreements shown came from each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from ..report import Report
from .common import ASSUMPTION_MARK

if TYPE_CHECKING:
    from ..catalog import Folder, FolderRead
    from ..pipeline import Replacement

#: A folder's agreements are named in a note up to this many; beyond, they are counted (a workbook names all).
NAMED_AT_MOST = 3


def _name(path: str, bundled: bool) -> str:
    return _("the bundled agreements") if bundled else path


def described(folders: Sequence[Folder]) -> str:
    """The folders in a sentence: 'the bundled agreements, agreements and more'."""
    names = [_name(folder.shown, folder.bundled) for folder in folders]
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def replacement_notice(replacement: Replacement, replaced: Folder) -> str:
    """One line: which file is used instead of which, so a replaced bundled agreement never goes unnoticed."""
    if replaced.bundled:
        return _("{path} replaces the bundled {id}").format(path=replacement.path, id=replacement.agreement_id)
    return _("{path} replaces {replaced} (both are {id})").format(
        path=replacement.path, replaced=replacement.replaced, id=replacement.agreement_id
    )


def folders_note(read: Sequence[FolderRead], *, every_id: bool = False) -> str:
    """'Agreement folders read: the bundled agreements (2022-…); agreements (2023-…).'

    With one folder, everything came from it and only the folder is named. With
    more, each names the agreements used from it (up to ``NAMED_AT_MOST``, else
    how many; all of them with *every_id*), or that none was used.
    """
    if len(read) == 1:
        return _("Agreement folder read: {folder}.").format(folder=_name(read[0].path, read[0].bundled))
    parts = []
    for folder in read:
        ids = folder.agreements
        if not ids:
            used = _("none used")
        elif every_id or len(ids) <= NAMED_AT_MOST:
            used = ", ".join(ids)
        else:
            used = ngettext("{count} agreement", "{count} agreements", len(ids)).format(count=len(ids))
        parts.append(f"{_name(folder.path, folder.bundled)} ({used})")
    return _("Agreement folders read: {folders}.").format(folders="; ".join(parts))


def folders_data(read: Sequence[FolderRead]) -> list[dict]:
    """The folders for JSON: path, whether bundled, the agreement ids used from each."""
    return [{"path": f.path, "bundled": f.bundled, "agreements": list(f.agreements)} for f in read]


def name_folders(report: Report, read: Sequence[FolderRead]) -> Report:
    """*report* with its folders named: a note (before the assumptions), ``folders`` in JSON, a row of the sources.

    CSV stays plain rows. A workbook's sheet of sources names every agreement of every folder.
    """
    at = next((i for i, note in enumerate(report.notes) if note.startswith(ASSUMPTION_MARK)), len(report.notes))
    report.notes.insert(at, folders_note(read))
    report.more_data["folders"] = folders_data(read)
    for sheet in report.sheets:
        if sheet.name == "Sources":
            sheet.notes.append(folders_note(read, every_id=True))
    return report
