"""Semantic checks of loaded agreements: sums, references, identity, published tables, provenance.

Returns problems and prints nothing (the command line decides how to show
them). Every stated total is a claim checked against the sum below it; every
pot is run through the engine so that a reference the engine cannot resolve is
reported here, at its line, rather than surfacing later as a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .engine import AllocationError, PotResult, allocate_pot, recipients_of
from .formatting import format_kr, mismatch
from .loader import LoadedAgreement
from .problems import CheckResult, Problem
from .reference import PopulationDataset, Reference
from .rules import kind_of

#: From this many files on, ``check`` spreads the files over worker processes when there is more
#: than one CPU. Measured on 2 cores: forking the workers costs about as much as checking 8 files
#: (8 corpus files: 67 ms serial, 68 ms in workers), from 16 files on the workers save a quarter or more.
PARALLEL_FROM = 16

#: What the one check across files (duplicate ids) needs of a file: agreement id, path, line and column of the id.
IdFact = tuple[str, str, int, int]


def check_paths(
    paths: list[Path],
    reference: Reference,
    population: PopulationDataset | None = None,
    strict: bool = False,
    *,
    parallel_from: int = PARALLEL_FROM,
    workers: int | None = None,
) -> CheckResult:
    """Read every agreement file under *paths* and check each, and all of them together.

    Each file is checked as soon as it is read, and only its id's place is kept for the
    duplicate-id check, so memory follows the largest file rather than the folder (keeping
    every document and model made ``check`` of 1 000 files peak at 303 MiB; benchmarks/).
    Many files are checked in worker processes (see ``_check_in_workers``); the problems
    are the same either way.
    """
    from .catalog import discover

    files, problems = discover(paths)
    workers = _usable_cpus() if workers is None else workers
    results = None
    if len(files) >= parallel_from and workers > 1:
        results = _check_in_workers(files, reference, population, workers)
    if results is None:
        results = (check_file(file, reference, population) for file in files)
    ids: list[IdFact] = []
    for found, fact in results:
        problems += found
        if fact is not None:
            ids.append(fact)
    problems.extend(_duplicates(ids))
    return CheckResult(sorted(problems), len(files), strict)


def check_file(
    file: Path, reference: Reference, population: PopulationDataset | None = None
) -> tuple[list[Problem], IdFact | None]:
    """One file read and checked on its own: its problems, and its id's place (None if it did not load)."""
    from .catalog import read_file

    item, problems = read_file(file)
    if item is None:
        return problems, None
    problems += check_agreement(item, reference, population)
    return problems, _id_fact(item)


def _usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _check_in_workers(
    files: list[Path], reference: Reference, population: PopulationDataset | None, workers: int
) -> list[tuple[list[Problem], IdFact | None]] | None:
    """``check_file`` for every file, in forked worker processes; None when workers cannot be had.

    Files are independent and reading them (YAML, then validation) is nearly all of
    ``check``'s time, so a big folder is split over the CPUs. Forking shares the
    imported modules and the reference data with the workers for free; where there is
    no fork (Windows), or the workers cannot start, the caller checks serially, since
    starting fresh interpreters would cost about as much as it saves. Results come back
    in file order, as plain problems and id facts, so the outcome equals the serial one.
    """
    import multiprocessing
    import pickle
    import sys
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    workers = min(workers, len(files))
    sys.stdout.flush()  # a forked worker flushes its copy of any pending output on exit
    sys.stderr.flush()
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


_worker_inputs: tuple[Reference, PopulationDataset | None] | None = None


def _start_worker(reference: Reference, population: PopulationDataset | None) -> None:
    global _worker_inputs
    _worker_inputs = (reference, population)


def _check_in_worker(file: Path) -> tuple[list[Problem], IdFact | None]:
    assert _worker_inputs is not None
    return check_file(file, *_worker_inputs)


def check_all(
    loaded: list[LoadedAgreement], reference: Reference, population: PopulationDataset | None = None
) -> list[Problem]:
    """Every problem in every agreement, plus those between agreements (duplicate ids)."""
    problems: list[Problem] = []
    for item in loaded:
        problems.extend(check_agreement(item, reference, population))
    problems.extend(_duplicate_ids(loaded))
    return sorted(problems, key=lambda p: (p.path, p.line, p.column, p.code))


def check_agreement(
    item: LoadedAgreement, reference: Reference, population: PopulationDataset | None = None
) -> list[Problem]:
    agreement = item.agreement
    problems = list(_sums(item))
    problems += _identity(item)
    problems += _provenance(item)
    known = recipients_of(agreement, reference)
    for index, (area, pot) in _indexed_pots(agreement):
        loc = ("areas", index[0], "pots", index[1])
        try:
            result = allocate_pot(agreement, area, pot, known, population)
        except AllocationError as err:
            problems.append(_allocation_problem(item, loc, err))
            continue
        if pot.published is not None:
            problems += _reconcile(item, loc, pot, result, known)
    return problems


def _allocation_problem(item: LoadedAgreement, loc: tuple, err: AllocationError) -> Problem:
    """What the engine refused, at the place in the pot it points to."""
    # A recipient that is a row of a table (shares, amounts, figures) is pointed at by its key.
    is_row = len(err.loc) >= 3 and err.loc[-2] in ("shares", "amounts", "figures")
    return item.problem((*loc, *err.loc), err.code, err.message, key=is_row)


def _indexed_pots(agreement):
    for a, area in enumerate(agreement.areas):
        for p, pot in enumerate(area.pots):
            yield (a, p), (area, pot)


def _funding_mismatch(funded: int, needed: int, against: str) -> str:
    diff = funded - needed
    return (
        f"the funding adds up to {format_kr(funded, ' ')} kr but {against} is {format_kr(needed, ' ')} kr, "
        f"{format_kr(abs(diff), ' ')} kr {'less' if diff > 0 else 'more'}; correct whichever figure differs "
        "from the source"
    )


def _sums(item: LoadedAgreement) -> Iterable[Problem]:
    agreement = item.agreement
    pots_total = sum(pot.amount for _, pot in agreement.pots())
    if agreement.total is not None and agreement.total != pots_total:
        yield item.problem(
            ("total",), "sum-total", mismatch("the agreement's total", agreement.total, pots_total, "its pots")
        )
    if agreement.funding:
        funded = sum(agreement.funding.values())
        stated = agreement.total if agreement.total is not None else pots_total
        if funded != stated:
            against = "the agreement's total" if agreement.total is not None else "the sum of the agreement's pots"
            yield item.problem(("funding",), "sum-funding", _funding_mismatch(funded, stated, against))
    for a, area in enumerate(agreement.areas):
        area_total = sum(pot.amount for pot in area.pots)
        if area.total is not None and area.total != area_total:
            yield item.problem(
                ("areas", a, "total"),
                "sum-area",
                mismatch(f"the total of area {area.id!r}", area.total, area_total, "its pots"),
            )
        if area.funding:
            funded = sum(area.funding.values())
            if funded != area_total:
                yield item.problem(
                    ("areas", a, "funding"),
                    "sum-funding",
                    _funding_mismatch(funded, area_total, f"the sum of the pots of area {area.id!r}"),
                )
    frame = agreement.frame
    if frame is not None:
        years_total = sum(frame.years.values())
        if frame.total is not None and frame.total != years_total:
            yield item.problem(
                ("frame", "total"), "sum-frame", mismatch("the frame's total", frame.total, years_total, "its years")
            )
        in_frame = frame.years.get(agreement.year)
        if in_frame is not None and in_frame != pots_total:
            yield item.problem(
                ("frame", "years", str(agreement.year)),
                "sum-frame",
                mismatch(f"the frame for {agreement.year}", in_frame, pots_total, "the agreement's pots"),
            )


def _identity(item: LoadedAgreement) -> Iterable[Problem]:
    agreement = item.agreement
    for a, area in enumerate(agreement.areas):
        if area.id in {x.id for x in agreement.areas[:a]}:
            yield item.problem(
                ("areas", a, "id"), "duplicate-area", f"area id {area.id!r} is used twice; make it unique"
            )
        for p, pot in enumerate(area.pots):
            if pot.id in {x.id for x in area.pots[:p]}:
                yield item.problem(
                    ("areas", a, "pots", p, "id"),
                    "duplicate-pot",
                    f"pot id {pot.id!r} is used twice in area {area.id!r}",
                )
    stem = Path(item.path).stem
    if not stem.startswith(f"{agreement.year}-"):
        yield item.problem(
            ("year",),
            "file-name-year",
            f"the file name {Path(item.path).name!r} does not start with the year {agreement.year}; "
            f"name it {agreement.year}-….yaml",
        )
    if stem != agreement.id:
        yield item.problem(
            ("id",), "file-name-id", f"the id {agreement.id!r} differs from the file name {stem!r}; make them equal"
        )
    if not agreement.id.startswith(f"{agreement.year}-"):
        yield item.problem(("id",), "id-year", f"the id {agreement.id!r} should start with the year {agreement.year}-")


def _provenance(item: LoadedAgreement) -> Iterable[Problem]:
    agreement = item.agreement
    if agreement.source is None:
        yield item.problem(
            ("id",),
            "no-source",
            "the agreement names no source; add source: {title:, published:, seed: or url:}",
        )
    for (a, p), (_, pot) in _indexed_pots(agreement):
        if not kind_of(pot.rule).states_its_basis(pot.rule) and not pot.assumption:
            yield item.problem(
                ("areas", a, "pots", p, "rule"),
                "population-no-date",
                "the population rule gives no as_of date, so the newest dataset before the agreement's year "
                "is used; state as_of, or say why in assumption:",
            )


def _reconcile(item: LoadedAgreement, loc: tuple, pot, result: PotResult, known: Reference) -> Iterable[Problem]:
    table = pot.published
    ploc = (*loc, "published")
    computed = {part.recipient: part.amount for part in result.parts}
    for rid, amount in table.rows.items():
        if rid not in known.recipients:
            yield item.problem(
                (*ploc, "rows", rid),
                "unknown-recipient",
                f"published row {rid!r} is not a known recipient; use a län code ('01'), a samverkansregion id, "
                "an organisation ('skr'), or declare it under recipients:",
                key=True,
            )
        elif rid not in computed:
            yield item.problem(
                (*ploc, "rows", rid),
                "published-extra",
                f"published row {rid!r} gets nothing in the computed allocation; remove the row or check the rule",
                key=True,
            )
        elif abs(amount - computed[rid]) > table.tolerance:
            yield item.problem(
                (*ploc, "rows", rid),
                "published-differs",
                f"published {format_kr(amount, ' ')} kr for {rid} but computed {format_kr(computed[rid], ' ')} kr "
                f"({amount - computed[rid]:+d} kr, tolerance ±{table.tolerance})",
            )
    rows_key = item.document.locate_key((*ploc, "rows"))  # the table's first line: `rows:`, or `published:`
    for rid in computed:
        if rid not in table.rows and computed[rid]:
            yield Problem(
                item.path,
                rows_key.line,
                rows_key.column,
                "published-missing",
                f"the published table has no row for {rid}, which is computed to get "
                f"{format_kr(computed[rid], ' ')} kr; add the row or check the rule",
            )
    published_sum = sum(table.rows.values())
    if published_sum != pot.amount:
        yield Problem(
            item.path,
            rows_key.line,
            rows_key.column,
            "published-sum",
            mismatch(f"pot {pot.id!r}", pot.amount, published_sum, "the published table's rows"),
        )
    if table.total is not None and table.total != published_sum:
        yield item.problem(
            (*ploc, "total"),
            "published-total",
            mismatch("the published table's total", table.total, published_sum, "its rows"),
        )


def _duplicate_ids(loaded: list[LoadedAgreement]) -> Iterable[Problem]:
    return _duplicates(_id_fact(item) for item in loaded)


def _id_fact(item: LoadedAgreement) -> IdFact:
    where = item.position("id")
    return item.agreement.id, item.path, where.line, where.column


def _duplicates(facts: Iterable[IdFact]) -> Iterable[Problem]:
    """Every agreement whose id an earlier file (in file order) already uses."""
    first: dict[str, IdFact] = {}
    for fact in facts:
        agreement_id, path, line, column = fact
        if agreement_id in first:
            _, other_path, other_line, _ = first[agreement_id]
            yield Problem(
                path,
                line,
                column,
                "duplicate-id",
                f"agreement id {agreement_id!r} is also used by {other_path}:{other_line}; ids must be unique",
            )
        else:
            first[agreement_id] = fact


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
