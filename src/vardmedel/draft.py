"""Next year's agreement drafted from an existing file, by editing its text: comments and key order kept.

An analyst preparing 2023 starts from the 2022 file. The draft keeps every
figure, takes the new year in its id, year and title, shifts the dates that
follow the year (reports due, the years the money may be used, a frame's
years), and leaves ``source:`` empty, which ``check`` refuses (``source-empty``)
until the person names the new source. Everything taken over unconfirmed (each
amount, population date, quote, assumption, other source) gets a comment
``# REVIEW: …`` on its line. Dumping the model instead would lose the comments,
the key order and the way amounts are written (``"4,5 miljoner kronor"``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import yaml

from .i18n import _

Path_ = tuple[str | int, ...]


class DraftError(Exception):
    """The file's text could not be edited into a draft that keeps its figures (an unusual layout, say)."""


@dataclass(frozen=True)
class Draft:
    agreement_id: str
    text: str


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def new_id(old_id: str, old_year: int, year: int) -> str:
    """The old id with its year replaced: '2022-x' -> '2023-x'; an id without its year gets one in front."""
    prefix = f"{old_year}-"
    return f"{year}-{old_id[len(prefix) :]}" if old_id.startswith(prefix) else f"{year}-{old_id}"


def new_title(title: str, old_year: int, year: int) -> str:
    """The title with the old year replaced ('… vård 2022' -> '… vård 2023'), else the year added at its end."""
    pattern = re.compile(rf"(?<!\d){old_year}(?!\d)")
    return pattern.sub(str(year), title) if pattern.search(title) else f"{title} {year}"


def draft(text: str, old_id: str, old_year: int, year: int) -> Draft:
    """The text of a draft for *year* from *text*, the file of agreement *old_id* of *old_year*.

    The caller checks the draft (``keeps_figures``); this only edits text, at the
    places PyYAML's composer reports, so whatever it does not touch stays byte for byte.
    """
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        raise DraftError(_("the file is not a mapping of keys"))
    agreement_id = new_id(old_id, old_year, year)
    editor = _Editor(text, old_id, year, year - old_year)
    for key, value in root.value:
        name = key.value
        if name == "id":
            editor.replace(value, agreement_id)
        elif name == "year":
            editor.replace(value, str(year))
        elif name == "title":
            editor.retitle(value, new_title(value.value, old_year, year))
        elif name == "source":
            note = _("REVIEW: the source of the {year} agreement: title, published, seed: or url:").format(year=year)
            editor.empty(key, value, note)
        else:
            editor.walk(value, (name,), key)
    return Draft(agreement_id, editor.result())


class _Editor:
    def __init__(self, text: str, old_id: str, year: int, shift: int) -> None:
        self.text = text
        self.old_id = old_id
        self.year = year
        self.shift = shift
        self.edits: list[_Edit] = []
        self.comments: dict[int, str] = {}  # line end -> the one comment that line gets

    def review(self) -> str:
        return _("REVIEW: from {id}; confirm against the {year} agreement").format(id=self.old_id, year=self.year)

    def moved(self, was: str) -> str:
        return _("REVIEW: {was} in {id}; confirm against the {year} agreement").format(
            was=was, id=self.old_id, year=self.year
        )

    def walk(self, node: yaml.Node, path: Path_, key: yaml.Node | None = None) -> None:
        """Mark or shift what *path* holds, and look inside what holds more."""
        name = path[-1]
        parent = path[-2] if len(path) > 1 else None
        if _is_amount(path):
            self.comment(node, key, self.review())
        elif name in ("as_of", "quote", "assumption", "quote_source") or (name == "source" and len(path) > 1):
            self.comment(node, key, self.review())
            return
        elif name == "due" or (parent == "valid" and name in ("from", "to")):
            self.shift_scalar(node, key)
            return
        if isinstance(node, yaml.MappingNode):
            for child_key, child in node.value:
                if path == ("frame", "years"):
                    self.shift_scalar(child_key, child_key, comment=False)
                self.walk(child, (*path, child_key.value), child_key)
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                self.walk(child, (*path, index))

    def replace(self, node: yaml.Node, text: str) -> None:
        self.edits.append(_Edit(node.start_mark.index, node.end_mark.index, text))

    def retitle(self, node: yaml.ScalarNode, title: str) -> None:
        one_line = node.start_mark.line == node.end_mark.line
        plain = not node.style and one_line and not title.isdigit()
        self.replace(node, title if plain else json.dumps(title, ensure_ascii=False))

    def shift_scalar(self, node: yaml.Node, key: yaml.Node | None, comment: bool = True) -> None:
        """A year or date moved by as many years as the agreement moves (29 February becomes the 28th)."""
        if not isinstance(node, yaml.ScalarNode):
            raise DraftError(_("{value!r} is not a date or a year").format(value=_source_of(self.text, node)))
        was = node.value
        try:
            if re.fullmatch(r"[0-9]{4}", was):
                moved = str(int(was) + self.shift)
            else:
                day = dt.date.fromisoformat(was)
                try:
                    moved = day.replace(year=day.year + self.shift).isoformat()
                except ValueError:
                    moved = day.replace(year=day.year + self.shift, day=28).isoformat()
        except ValueError:
            raise DraftError(_("{value!r} is not a date or a year").format(value=was)) from None
        quote = {"'": "'", '"': '"'}.get(node.style or "", "")
        self.replace(node, f"{quote}{moved}{quote}")
        if comment:
            self.comment(node, key, self.moved(was))

    def empty(self, key: yaml.Node, node: yaml.Node, note: str) -> None:
        """``key: value`` becomes ``key:  # note`` (null): the value's lines go, trailing comments and blanks stay."""
        end = node.end_mark.index
        while True:  # give back trailing blank and comment-only lines
            line_start = self.text.rfind("\n", 0, end - 1) + 1
            line = self.text[line_start:end]
            if end > node.start_mark.index and line_start > node.start_mark.index and line.strip()[:1] in ("", "#"):
                end = line_start
            else:
                break
        newline = "\n" if self.text[end - 1 : end] == "\n" else ""
        eol = "\r\n" if newline and self.text[end - 2 : end] == "\r\n" else newline
        self.edits.append(_Edit(key.end_mark.index, end, f":  # {note}{eol}"))

    def comment(self, node: yaml.Node, key: yaml.Node | None, note: str) -> None:
        """``# note`` at the end of the line where *node* can take a comment without changing it."""
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            at = node.start_mark.index  # after the block indicator, before the block
        elif isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and key is not None:
            at = key.end_mark.index  # the key's line: ``source:  # …``
        else:
            at = max(node.end_mark.index - 1, node.start_mark.index)
        end = self.text.find("\n", at)
        end = len(self.text) if end < 0 else end
        if self.text[end - 1 : end] == "\r":
            end -= 1
        self.comments.setdefault(end, note)

    def result(self) -> str:
        edits = self.edits + [_Edit(at, at, f"  # {note}") for at, note in self.comments.items()]
        edits.sort(key=lambda edit: (edit.start, edit.end))
        pieces: list[str] = []
        done = 0
        for edit in edits:
            if edit.start < done:
                raise DraftError(_("two edits overlap at character {at}").format(at=edit.start))
            pieces += [self.text[done : edit.start], edit.text]
            done = edit.end
        pieces.append(self.text[done:])
        return "".join(pieces)


def _is_amount(path: Path_) -> bool:
    """Whether *path* holds kronor: amounts, totals, funding, amount tables, published rows, a frame's years."""
    name = path[-1]
    parent = path[-2] if len(path) > 1 else None
    grand = path[-3] if len(path) > 2 else None
    if name in ("amount", "total") or parent == "funding":
        return True
    if parent == "amounts" and grand == "rule":
        return True
    if parent == "rows" and grand == "published":
        return True
    if parent == "published" and name not in ("rows", "total", "tolerance", "source", "note"):
        return True  # ``published: {"01": …}`` is short for ``published: {rows: …}``
    return path[-3:-1] == ("frame", "years")


def _source_of(text: str, node: yaml.Node) -> str:
    return text[node.start_mark.index : node.end_mark.index]


def keeps_figures(old, new, year: int) -> bool:
    """Whether the draft's model *new* is the old model *old* but for what a draft changes.

    Id, year, title and source are new; reports, ``valid`` and a frame move with
    the year, so they are compared moved back. Every amount, rule and text else
    must be equal: the check that editing the text changed nothing it should not.
    """
    changed = {"id", "year", "title", "source", "reports", "valid", "frame", "areas"}
    if old.model_dump(exclude=changed) != new.model_dump(exclude=changed):
        return False
    if new.year != year or new.source is not None:
        return False
    same_areas = [a.model_dump(exclude={"reports"}) for a in old.areas] == [
        a.model_dump(exclude={"reports"}) for a in new.areas
    ]
    frames = (old.frame is None) == (new.frame is None) and (
        old.frame is None or sorted(old.frame.years.values()) == sorted(new.frame.years.values())
    )
    return same_areas and frames
