"""From files to checked agreements: the one path that ``check`` and every other command take.

Each file is read, validated and checked on its own (the checks compute every
pot, once), then an id used by two files of one folder is reported; across the
layered folders of catalog.py, the later file replaces the earlier one instead. ``check`` keeps only the
problems, so its memory follows the largest file, not the folder; the other
commands keep the agreements and the pots the checks computed, so that the
engine runs once per pot however the result is shown afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .agreement_series import SeriesFacts, frame_overruns
from .agreement_series import facts as series_facts
from .catalog import Folder, discover, files_for_year, read_file, shown_path
from .checks import check_agreement
from .i18n import _
from .problems import CheckResult, Problem, line_of

if TYPE_CHECKING:
    from .engine import AgreementResult
    from .loader import LoadedAgreement
    from .reference import PopulationDataset, Reference

#: From this many files on, the files are checked in worker processes when there is more than one
#: CPU. Measured on 2 cores: forking the workers costs about as much as checking 8 files (8 corpus
#: files: 67 ms serial, 68 ms in workers); from 16 files on the workers save a quarter or more.
PARALLEL_FROM = 16

#: What the one check across files (duplicate ids) needs of a file: agreement id, path, line and column of the id.
IdFact = tuple[str, str, int, int]
#: A recipient the file declares, for the check across files: id, name, short name, line and column of the id.
Declared = tuple[str, str, str, int, int]


@dataclass
class FileCheck:
    """One file read and checked: its problems and, when kept, its agreement and the pots the checks computed."""

    path: str
    problems: list[Problem]
    id_fact: IdFact | None = None  # None when the file did not load
    series: SeriesFacts | None = None  # what the file agrees and reserves per series, for frame-exceeded
    item: LoadedAgreement | None = None
    result: AgreementResult | None = None  # None when a pot could not be computed (its problem says why)
    layer: int = 0  # the folder it came from, when folders are layered (see catalog.agreement_folders)
    replaces: Replacement | None = None  # the file of an earlier layer it stands in for
    set_aside_years: tuple[int, ...] = ()  # the years of the agreements it replaces (when kept)
    declared: tuple[Declared, ...] = ()  # the recipients it declares


@dataclass(frozen=True)
class Replacement:
    """A file of a later folder that replaces the one with its id in an earlier folder (a bundled one, say)."""

    agreement_id: str
    path: str  # the file used
    replaced: str  # the file set aside
    replaced_layer: int  # the folder of the file set aside


def check_file(
    file: Path, reference: Reference, population: PopulationDataset | None = None, keep: bool = False
) -> FileCheck:
    """Read one file and check it; with *keep*, hold on to the agreement and its computed pots."""
    item, problems = read_file(file)
    if item is None:
        return FileCheck(shown_path(file), problems)
    found, result = check_agreement(item, reference, population)
    where = item.position("id")
    fact = (item.agreement.id, item.path, where.line, where.column)
    flows = series_facts(item)
    declared = tuple(_declared(item))
    if not keep:
        return FileCheck(item.path, problems + found, fact, flows, declared=declared)
    return FileCheck(item.path, problems + found, fact, flows, item, result, declared=declared)


def _declared(item: LoadedAgreement) -> Iterable[Declared]:
    for rid, recipient in item.agreement.recipients.items():
        where = item.document.locate_key(("recipients", rid))
        yield rid, recipient.name, recipient.short_name or "", where.line, where.column


def check_files(
    files: list[Path],
    reference: Reference,
    population: PopulationDataset | None = None,
    *,
    jobs: int | None = None,
    keep: bool = False,
    parallel_from: int = PARALLEL_FROM,
    layers: list[int] | None = None,
) -> list[FileCheck]:
    """``check_file`` for every file, in file order, with the problems between files added to the file they are in.

    Those are a duplicate id (at the later file) and a frame that a later agreement of its
    series exceeds (at the later agreement).

    *layers* gives each file's folder when folders are layered (ascending, one per
    file): ids must then be unique within a folder only, and a file whose id an
    earlier folder also holds replaces that file, which is left out of the result
    (see ``_replace_across_layers``).

    *jobs* caps the worker processes (None: one per usable CPU; 1: none). Workers
    are used only for problems (not with *keep*: sending documents and models back
    would cost more than reading them), and only from *parallel_from* files on.
    """
    jobs = usable_cpus() if jobs is None else jobs

    def check(todo: list[Path]) -> list[FileCheck]:
        checked = None
        if not keep and len(todo) >= parallel_from and jobs > 1:
            checked = _check_in_workers(todo, reference, population, jobs)
        return checked if checked is not None else [check_file(file, reference, population, keep) for file in todo]

    if keep:
        checked = check(files)
    else:  # problems only: an unchanged file's are those stored when it was last checked
        from .checkcache import remembered  # (and json with it: not for the commands that keep the agreements)

        checked = remembered(files, (reference, population), check, FileCheck)
    if layers is not None:
        for checked_file, layer in zip(checked, layers, strict=True):
            checked_file.layer = layer
    facts = ((i, c.layer, c.id_fact) for i, c in enumerate(checked) if c.id_fact is not None)
    for index, problem in _duplicates(facts):
        checked[index].problems.append(problem)
    if layers is not None:
        checked = _replace_across_layers(checked, files)
    by_path = {c.path: c for c in checked}
    for problem in frame_overruns(c.series for c in checked if c.series is not None):
        by_path[problem.path].problems.append(problem)
    for index, problem in _recipient_conflicts(checked):
        checked[index].problems.append(problem)
    return checked


def _replace_across_layers(checked: list[FileCheck], files: list[Path]) -> list[FileCheck]:
    """The files in use when later folders replace earlier ones: one per agreement id, in file order.

    The file of the last folder with the id wins, and says what it replaces; but a
    byte-for-byte copy (what ``vardmedel init`` makes) replaces nothing: the first
    of the identical files stays, so an untouched copy is no news. Files that did
    not load have no id and all stay (their problems must be seen).
    """
    by_id: dict[str, list[int]] = {}
    for index, item in enumerate(checked):
        if item.id_fact is not None:
            places = by_id.setdefault(item.id_fact[0], [])
            if not places or checked[places[-1]].layer != item.layer:  # a second file of one folder is a duplicate
                places.append(index)
    dropped: set[int] = set()
    for agreement_id, places in by_id.items():
        if len(places) == 1:
            continue
        used = len(places) - 1
        while used > 0 and _same_bytes(files[places[used - 1]], files[places[used]]):
            used -= 1
        winner = checked[places[used]]
        if used > 0:
            before = checked[places[used - 1]]
            winner.replaces = Replacement(agreement_id, winner.path, before.path, before.layer)
        others = [place for n, place in enumerate(places) if n != used]
        set_aside = [checked[place].item for place in others]
        winner.set_aside_years = tuple(sorted({item.agreement.year for item in set_aside if item is not None}))
        dropped.update(others)
    return [item for index, item in enumerate(checked) if index not in dropped]


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def check_paths(
    paths: list[Path],
    reference: Reference,
    population: PopulationDataset | None = None,
    strict: bool = False,
    *,
    jobs: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> CheckResult:
    """Every problem in every agreement file under *paths* (files, or folders searched for *.yaml)."""
    files, problems = discover(paths)
    for checked in check_files(files, reference, population, jobs=jobs, parallel_from=parallel_from):
        problems += checked.problems
    return CheckResult(sorted(problems), len(files), strict)


@dataclass
class Selection:
    """The checked agreements a command asked for, the problems that concern them, and the years seen."""

    chosen: list[FileCheck]
    problems: list[Problem] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def load_selection(
    folders: list[Folder],
    reference: Reference,
    population: PopulationDataset | None = None,
    year: int | None = None,
    ids: Iterable[str] | None = None,
) -> Selection:
    """Read and check what a command for *year* and/or *ids* needs from *folders* (everything when neither).

    The folders are layers (catalog.agreement_folders): a file of a later one
    replaces the file with its id in an earlier one. An agreement's problems
    concern the command when it is one asked for. A file that could not be read
    concerns it too, since it may hold what was asked for (or replace what was),
    and so does one that may stand for an agreement asked for (``_may_stand_for``).
    Only a file whose name and ``year:`` line both say another year is left unread
    (``files_for_year``), so another year's broken file does not block this year,
    a broken file of this year in a folder of one's own is never passed over for
    the bundled one, and no command computes from a partial set without saying so.
    """
    wanted = set(ids or ())
    other_years: set[int] = set()

    def of_year(files: list[Path]) -> list[Path]:
        if year is None:
            return files
        kept, skipped = files_for_year(files, year)
        other_years.update(skipped)
        return kept

    files, layers, problems = discover_layers(folders, of_year)
    chosen: list[FileCheck] = []
    for checked in check_files(files, reference, population, keep=True, layers=layers):
        if checked.item is None:
            problems += checked.problems
            continue
        agreement = checked.item.agreement
        other_years.add(agreement.year)
        asked_for = (year is None or agreement.year == year) and (not wanted or agreement.id in wanted)
        if asked_for:
            chosen.append(checked)
        if asked_for or _may_stand_for(checked, year, wanted):
            problems += checked.problems
    return Selection(chosen, sorted(problems), sorted(other_years))


#: Keys that decide whether an agreement is asked for.
_SELECTING_KEYS = frozenset({("year",), ("id",)})


def _may_stand_for(checked: FileCheck, year: int | None, wanted: set[str]) -> bool:
    """Whether a file whose agreement was not asked for may still hold, or take away, one that was.

    It may when its ``year:`` or ``id:`` is given twice (a tool that keeps the last
    key reads another agreement than ours, which keeps the first), or when it
    replaces an agreement of *year* in an earlier folder with one of another year.
    """
    assert checked.item is not None
    if checked.item.document.duplicated & _SELECTING_KEYS:
        return True
    replaced_asked_for = not wanted or checked.item.agreement.id in wanted
    return year is not None and year in checked.set_aside_years and replaced_asked_for


def discover_layers(
    folders: list[Folder], pick: Callable[[list[Path]], list[Path]] = list
) -> tuple[list[Path], list[int], list[Problem]]:
    """The agreement files of every folder that *pick* keeps, folder by folder; each file's folder; problems."""
    files: list[Path] = []
    layers: list[int] = []
    problems: list[Problem] = []
    for layer, folder in enumerate(folders):
        found, missing = discover([folder.path])
        problems += missing
        kept = pick(found)
        files += kept
        layers += [layer] * len(kept)
    return files, layers, problems


def _duplicates(facts: Iterable[tuple[int, int, IdFact]]) -> Iterable[tuple[int, Problem]]:
    """Every agreement whose id an earlier file of its folder (in file order) already uses, with its file's index.

    *facts* are (index of the file, its folder's layer, its id fact).
    """
    first: dict[tuple[int, str], IdFact] = {}
    for index, layer, fact in facts:
        agreement_id, path, line, column = fact
        if (layer, agreement_id) not in first:
            first[layer, agreement_id] = fact
            continue
        _id, other_path, other_line, _column = first[layer, agreement_id]
        message = _("agreement id {id!r} is also used by {place}; ids must be unique").format(
            id=agreement_id, place=line_of(other_path, other_line)
        )
        yield index, Problem(path, line, column, "duplicate-id", message)


def _recipient_conflicts(checked: list[FileCheck]) -> Iterable[tuple[int, Problem]]:
    """Every recipient a file declares otherwise than an earlier file (in file order) does, with its file's index.

    Outputs of several agreements (a year, ``--years``, ``compare``) know a recipient by
    its id once: two names for one id would show one of them for both, silently.
    """
    first: dict[str, tuple[Declared, str]] = {}
    for index, item in enumerate(checked):
        for fact in item.declared:
            rid, name, short, line, column = fact
            if rid not in first:
                first[rid] = (fact, item.path)
                continue
            (_rid, other_name, other_short, other_line, _column), other_path = first[rid]
            if (name, short) == (other_name, other_short):
                continue
            message = _(
                "recipient {id!r} is declared as {name} here but as {other} in {place}; outputs of both would show "
                "one name for both: declare it alike in both files, or give one of them another id"
            ).format(
                id=rid,
                name=_named(name, short),
                other=_named(other_name, other_short),
                place=f"{other_path}:{other_line}",
            )
            yield index, Problem(item.path, line, column, "recipient-conflict", message)


def _named(name: str, short: str) -> str:
    return repr(name) + (f" ({short!r})" if short else "")


def usable_cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's under a CPU affinity mask)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _check_in_workers(
    files: list[Path], reference: Reference, population: PopulationDataset | None, workers: int
) -> list[FileCheck] | None:
    """``check_file`` for every file, in forked worker processes; None when workers cannot be had.

    Files are independent and reading them (YAML, then validation) is nearly all of
    ``check``'s time, so a big folder is split over the CPUs. Forking shares the
    imported modules and the reference data with the workers for free; where there is
    no fork (Windows), or the workers cannot start, the caller checks serially, since
    starting fresh interpreters would cost about as much as it saves. Results come back
    in file order, as plain problems and id facts, so the outcome equals the serial one.
    """
    import gc
    import multiprocessing
    import pickle
    import sys
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    workers = min(workers, len(files))
    # The reading machinery (the models' validators, the YAML parser) is built here, once, for every worker to
    # inherit, rather than by each worker on its first file (about 40 ms of CPU each).
    import yaml  # noqa: F401

    from . import model  # noqa: F401

    sys.stdout.flush()  # a forked worker flushes its copy of any pending output on exit
    sys.stderr.flush()
    # What the workers inherit is set apart from their collector: a collection in a worker would
    # otherwise write to every inherited object, copying the memory it shares with the parent
    # (Python's gc.freeze advice for forking; the workers' CPU time fell by a sixth, benchmarks/).
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(reference, population),
        ) as pool:
            return list(pool.map(_check_in_worker, files, chunksize=max(1, len(files) // (workers * 8))))
    except (OSError, ImportError, NotImplementedError, BrokenProcessPool, pickle.PicklingError):
        return None
    finally:
        gc.unfreeze()


_worker_inputs: tuple[Reference, PopulationDataset | None] | None = None


def _start_worker(reference: Reference, population: PopulationDataset | None) -> None:
    global _worker_inputs
    _worker_inputs = (reference, population)


def _check_in_worker(file: Path) -> FileCheck:
    assert _worker_inputs is not None
    return check_file(file, *_worker_inputs)
