"""vardmedel from Python: load, check and allocate agreements in a program or a notebook.

The command line is a thin shell over these functions. They return plain
objects, never print and never exit; what they refuse raises one exception,
``VardmedelError``, which carries the problems found in the files. Heavy
modules (pydantic, yaml) are imported on first use, not with this module.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union

from .i18n import _, ngettext
from .problems import CheckResult, Problem
from .wholenumber import is_ascii_digits

if TYPE_CHECKING:
    import pandas

    from .agreement_series import SeriesYear
    from .catalog import Folder, FolderRead
    from .choices import By, Level, Unit
    from .engine import AgreementResult, PotResult
    from .funder_money import FundingSummary
    from .loader import LoadedAgreement
    from .model import Agreement
    from .pipeline import Replacement
    from .reference import PopulationDataset, Recipient, Reference
    from .report import Report
    from .reports_due import Due

PathLike = Union[str, "os.PathLike[str]"]


class VardmedelError(Exception):
    """Everything the API refuses: a message, and the problems in the files behind it.

    ``problems`` is empty when the request itself cannot be met (a year without
    agreements, an unknown id, a folder that is not there); ``request`` is then
    True, so a caller can tell bad input from a question without an answer.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = (), *, request: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)
        self.request = request


# --- reference data -----------------------------------------------------------------------------------


def read_population(file: PathLike, *, date: str | None = None) -> PopulationDataset:
    """A population file of your own, as a dataset: one row per region, as SCB, Excel or this tool write it.

    Read by ``population_file`` (``,``/``;``/tab, UTF-8 or Windows-1252, SCB's title
    lines and "01 Stockholms län", digits grouped by spaces). With *date*
    (``2021-11-01``) the dataset is known by that date, so rules with ``as_of``
    that date use it; without, it is known by its file name.
    """
    from .population_file import PopulationFileError, read_population_file
    from .reference import load_reference

    try:
        return read_population_file(os.fspath(file), load_reference(), date)
    except PopulationFileError as err:
        raise VardmedelError(str(err)) from None


def reference_data(*, datasets: Iterable[PopulationDataset] = ()) -> Reference:
    """The bundled reference data (regions, samverkansregioner, organisations, populations), plus *datasets*."""
    from .reference import load_reference

    known = load_reference()
    for dataset in datasets:
        known = known.with_population(dataset)
    return known


def regions() -> list[Recipient]:
    """The 21 regions in län-code order, each with its samverkansregion(er)."""
    return reference_data().regions


def population(date: str, *, datasets: Iterable[PopulationDataset] = ()) -> PopulationDataset:
    """The population dataset of *date* (``2021-11-01``): figures per län code, total, source."""
    known = reference_data(datasets=datasets)
    if date not in known.populations:
        raise VardmedelError(
            _("no population dataset {date!r}; known: {known}").format(
                date=date, known=", ".join(sorted(known.populations))
            ),
            request=True,
        )
    return known.populations[date]


# --- agreements ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """Whole kronor per recipient and pot; ``results`` hold every pot's derivation (weights, remainders).

    ``rows()`` sums them per recipient, one column per area (or pot, or
    agreement); every row's parts add up to the pots exactly.
    """

    results: tuple[AgreementResult, ...]
    reference: Reference
    population: PopulationDataset | None = None  # the user's dataset that replaced every population basis
    #: Set by ``for_funder``: who pays the money of the agreements, with the one funder the results hold.
    restricted: FundingSummary | None = None

    @property
    def total(self) -> int:
        return sum(result.total for result in self.results)

    @property
    def funding(self) -> FundingSummary:
        """Who pays: kronor per funder (``by_funder``), and ``unknown`` kronor whose funders no file states."""
        from .funder_money import summarize

        return self.restricted if self.restricted is not None else summarize(self.results)

    def for_funder(self, funder: str, *, must_pay: bool = True) -> Allocation:
        """Only the money *funder* (``staten``, ``regionerna``) pays, in every pot and every part.

        A pot paid by several funders keeps its recipients, each with the funder's
        kronor of its part (see the README, "Who pays"); pots whose funders no file
        states are left out, and ``funding.unknown`` says how much that is. A funder
        that pays nothing here is refused (a misspelt name, say) unless *must_pay* is False.
        """
        from .funder_money import for_funder

        if self.restricted is not None:
            raise VardmedelError(
                _("this allocation already holds only {funder}'s money").format(funder=self.restricted.funder),
                request=True,
            )
        whole = self.funding
        if must_pay and funder not in whole.by_funder:
            known = ", ".join(whole.funders) or _("none (the files name no funder)")
            raise VardmedelError(
                _("no money from {funder!r} in these agreements; funders: {known}").format(funder=funder, known=known),
                request=True,
            )
        results, restricted = for_funder(self.results, funder)
        return dataclasses.replace(self, results=tuple(results), restricted=restricted)

    @property
    def pots(self) -> list[PotResult]:
        """Every pot of every agreement, with its parts and the arithmetic behind each."""
        return [pot for result in self.results for pot in result.pots]

    @property
    def known(self) -> Reference:
        """The reference data plus the recipients the agreements declare themselves."""
        from .views.common import known_recipients

        return known_recipients(list(self.results), self.reference)

    def report(
        self, by: By = "area", level: Level = "recipient", unit: Unit = "kr", title: str = "", workbook: bool = False
    ) -> Report:
        """The allocation as a neutral table that any output format writes (see output/)."""
        from .views.allocation import allocation_report

        return allocation_report(
            list(self.results), self.reference, by, title, self.population, level, unit, workbook, self.funding
        )

    def rows(self, by: By = "area", level: Level = "recipient") -> list[dict[str, Any]]:
        """One plain dict per recipient: recipient, name, kind, an amount per column, total, kr_per_inhabitant."""
        report = self.report(by, level)
        keys = [column.key for column in report.columns if column.machine]
        return [{key: row.get(key) for key in keys} for row in report.rows]

    def to_csv(self, file: PathLike | IO[str], by: By = "area", level: Level = "recipient") -> None:
        """The rows as CSV, exactly as ``vardmedel allocate --format csv`` writes them, to a path or a text stream."""
        from .output import csv_out
        from .output.target import write_output

        report = self.report(by, level)
        if isinstance(file, (str, os.PathLike)):
            write_output(Path(file), lambda stream: csv_out.write(report, stream), False)
        else:
            csv_out.write(report, file)

    def to_pandas(self, by: By = "area", level: Level = "recipient") -> pandas.DataFrame:
        """The rows as a pandas DataFrame indexed by recipient, if pandas is installed (vardmedel does not need it).

        Amounts stay whole kronor (integers); kronor per inhabitant become floats.
        """
        try:
            import pandas
        except ImportError as err:
            raise VardmedelError("to_pandas needs pandas, which is not installed: pip install pandas") from err
        rows = self.rows(by, level)
        for row in rows:
            if row.get("kr_per_inhabitant") is not None:
                row["kr_per_inhabitant"] = float(row["kr_per_inhabitant"])
        return pandas.DataFrame(rows).set_index("recipient")


@dataclass(frozen=True)
class Agreements:
    """Checked agreements, the reference data they were checked against, and the pots the checks computed.

    Iterating gives the agreements (``model.Agreement``); ``allocate()`` uses the
    pots already computed, so the engine runs once per pot.
    """

    loaded: tuple[LoadedAgreement, ...]
    results: tuple[AgreementResult, ...]
    reference: Reference
    population: PopulationDataset | None
    folders: tuple[Folder, ...]  # the layers read, first to last (the bundled agreements first, unless left out)
    years: tuple[int, ...]  # every year with an agreement in the folders, not only the ones loaded
    warnings: tuple[Problem, ...] = ()
    layers: tuple[int, ...] = ()  # the folder of each loaded agreement, as an index into ``folders``
    #: Files that replace one of the same id in an earlier folder (a bundled one, say), among those loaded.
    replacements: tuple[Replacement, ...] = ()

    def __iter__(self) -> Iterator[Agreement]:
        return (item.agreement for item in self.loaded)

    def __len__(self) -> int:
        return len(self.loaded)

    @property
    def ids(self) -> list[str]:
        return [item.agreement.id for item in self.loaded]

    def where(self, *, years: Iterable[int] | None = None, ids: Iterable[str] | None = None) -> Agreements:
        """The agreements of these years and/or with these ids (may be none), already checked."""
        wanted_years = None if years is None else set(years)
        wanted_ids = None if ids is None else set(ids)
        keep = [
            index
            for index, item in enumerate(self.loaded)
            if (wanted_years is None or item.agreement.year in wanted_years)
            and (wanted_ids is None or item.agreement.id in wanted_ids)
        ]
        kept_ids = {self.loaded[i].agreement.id for i in keep}
        return dataclasses.replace(
            self,
            loaded=tuple(self.loaded[i] for i in keep),
            results=tuple(self.results[i] for i in keep),
            layers=tuple(self.layers[i] for i in keep),
            replacements=tuple(r for r in self.replacements if r.agreement_id in kept_ids),
        )

    @property
    def folder(self) -> Path:
        """The last folder read: the one a user named last (``folders`` has them all)."""
        return self.folders[-1].path

    def read_from(self) -> list[FolderRead]:
        """Every folder read, in layer order, with the agreements here that come from it."""
        from .catalog import FolderRead

        return [
            FolderRead(
                folder.shown,
                folder.bundled,
                tuple(item.agreement.id for item, at in zip(self.loaded, self.layers, strict=True) if at == layer),
            )
            for layer, folder in enumerate(self.folders)
        ]

    def notices(self) -> list[str]:
        """One line per file that replaces an earlier folder's file of its id: what a person must not miss."""
        from .views.folders import replacement_notice

        return [replacement_notice(r, self.folders[r.replaced_layer]) for r in self.replacements]

    def deadlines(self) -> list[Due]:
        """The reports these agreements ask for, in date order: when, what, by whom, to whom."""
        from .reports_due import due_reports

        return due_reports(self)

    def series(self, name: str) -> list[SeriesYear]:
        """Series *name* year by year, over these agreements (see ``series``)."""
        import difflib

        from .agreement_series import facts, series_names, series_years

        found = [facts(item) for item in self.loaded]
        years = series_years(found, name)
        if not years:
            from .views.folders import described

            names = series_names(found)
            close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
            if close:
                hint = _("did you mean {names}?").format(names=", ".join(close))
            else:
                hint = _("series there: {names}").format(names=", ".join(names))
            message = _("no series {name!r} in {folder}; {hint}")
            raise VardmedelError(message.format(name=name, folder=described(self.folders), hint=hint), request=True)
        return years

    def find(self, text: str) -> LoadedAgreement:
        """The agreement with id *text*, or of year *text* when that year has one; refused naming the closest ids."""
        import difflib

        for item in self.loaded:
            if item.agreement.id == text:
                return item
        if is_ascii_digits(text):
            of_year = [item for item in self.loaded if str(item.agreement.year) == text]
            if len(of_year) == 1:
                return of_year[0]
            if of_year:
                ids = ", ".join(item.agreement.id for item in of_year)
                raise VardmedelError(
                    _("{year} has {count} agreements; give one id: {ids}").format(
                        year=text, count=len(of_year), ids=ids
                    ),
                    request=True,
                )
        close = difflib.get_close_matches(text, self.ids, n=3, cutoff=0.4)
        if close:
            hint = _("did you mean {names}?").format(names=", ".join(close))
        else:
            hint = _("known: {ids}").format(ids=", ".join(self.ids))
        raise VardmedelError(_("no agreement {id!r}; {hint}").format(id=text, hint=hint), request=True)

    def pick(self, text: str) -> Agreements:
        """The agreements of year *text* (``2020``), or the one with id *text*; refused naming the years and ids."""
        is_year = is_ascii_digits(text)
        picked = self.where(years=[int(text)]) if is_year else self.where(ids=[text])
        if not len(picked):
            years = ", ".join(map(str, sorted({item.agreement.year for item in self.loaded})))
            known = _("years: {years}; ids: {ids}").format(years=years, ids=", ".join(self.ids))
            if is_year:
                raise VardmedelError(
                    _("no agreement for year {year}; {known}").format(year=text, known=known), request=True
                )
            raise VardmedelError(_("no agreement {id}; {known}").format(id=text, known=known), request=True)
        return picked

    def allocate(self, funder: str | None = None, *, must_pay: bool = True) -> Allocation:
        """Whole kronor per recipient and pot, from the pots the checks computed.

        With *funder*, only the money that funder pays (``Allocation.for_funder``).
        """
        allocation = Allocation(self.results, self.reference, self.population)
        return allocation if funder is None else allocation.for_funder(funder, must_pay=must_pay)


def load(
    folder: PathLike | Sequence[PathLike] | None = None,
    *,
    bundled: bool = True,
    year: int | None = None,
    ids: Iterable[str] | None = None,
    population: PathLike | PopulationDataset | None = None,
    datasets: Iterable[PopulationDataset] = (),
) -> Agreements:
    """Read and check the agreements of *year* and/or with *ids* (all when neither).

    The folders are layers: the agreements bundled with vardmedel, then
    ``./agreements`` when there is one, then *folder* (one, or a list, in order);
    a file whose agreement id an earlier folder holds replaces that file
    (``Agreements.replacements``, ``notices()``). With ``bundled=False`` only
    *folder* is read, or ``./agreements`` without one. *population* (a CSV file
    or a dataset) replaces every population rule's basis; *datasets* (see
    ``read_population``) are added to the bundled ones. Any error in the files
    asked for raises ``VardmedelError`` with all of them; warnings are kept in
    ``Agreements.warnings``.
    """
    from .pipeline import load_selection
    from .views.folders import described

    folders = _folders(folder, bundled)
    override, known = _population_basis(population, datasets)
    wanted = list(ids or ())
    selection = load_selection(folders, known, override, year, wanted)
    errors = [problem for problem in selection.problems if problem.is_error]
    if errors:
        raise VardmedelError(
            ngettext(
                "{count} problem in the agreement files", "{count} problems in the agreement files", len(errors)
            ).format(count=len(errors)),
            errors,
        )
    found = {checked.item.agreement.id for checked in selection.chosen if checked.item is not None}
    missing = [wanted_id for wanted_id in wanted if wanted_id not in found]
    years_there = ", ".join(map(str, selection.years)) or _("none")
    if missing or not selection.chosen:
        if wanted:
            message = _("no agreement {ids} in {folder}; years there: {years}")
        elif year is not None:
            message = _("no agreement for year {year} in {folder}; years there: {years}")
        else:
            message = _("no agreement files in {folder}; years there: {years}")
        folder_names = described(folders)
        message = message.format(ids=", ".join(missing or wanted), year=year, folder=folder_names, years=years_there)
        broken: list[Problem] = []
        if year is not None and not wanted:
            carried, broken = _carried_into(folders, known, year)
            if carried:
                from .views.coverage import carried_note

                message += "; " + carried_note(year, carried)
        # A file that may carry money into the year but cannot be read makes the answer unsure: say so, exit 1.
        raise VardmedelError(message, broken, request=not broken)
    loaded, results = [], []
    for checked in selection.chosen:
        if checked.item is None or checked.result is None:  # the checks report every pot they cannot compute
            raise AssertionError(f"{checked.path} has no error, yet its pots were not all computed")
        loaded.append(checked.item)
        results.append(checked.result)
    return Agreements(
        loaded=tuple(loaded),
        results=tuple(results),
        reference=known,
        population=override,
        folders=tuple(folders),
        years=tuple(selection.years),
        warnings=tuple(selection.problems),
        layers=tuple(checked.layer for checked in selection.chosen),
        replacements=tuple(checked.replaces for checked in selection.chosen if checked.replaces is not None),
    )


def _folders(folder: PathLike | Sequence[PathLike] | None, bundled: bool) -> list[Folder]:
    """The layered folders ``load`` reads; a folder named that is not there is refused."""
    from .catalog import agreement_folders

    given = _paths(folder) if folder is not None else []
    missing = [str(path) for path in given if not path.is_dir()]
    if missing:
        raise VardmedelError(_("no agreements folder at {folder}").format(folder=", ".join(missing)), request=True)
    folders = agreement_folders(given, bundled=bundled)
    if not folders:
        raise VardmedelError(
            _(
                "no agreements folder: without the bundled agreements, give a folder (--agreements DIR) "
                "or run in a folder that has ./agreements"
            ),
            request=True,
        )
    return folders


def _paths(given: PathLike | Sequence[PathLike]) -> list[Path]:
    """One path or several, as a list: the API takes a folder or file, or a sequence of them, wherever it takes many."""
    if isinstance(given, (str, os.PathLike)):
        return [Path(given)]
    return [Path(each) for each in given]


def _carried_into(folders: list[Folder], known: Reference, year: int) -> tuple[list[Agreement], list[Problem]]:
    """Agreements of earlier years in *folders* whose money may also be used in *year* (``valid``), and the
    errors of the files that may do so but did not check (so the first list may lack some).

    Only files that say ``valid:`` are read, and only those that check without an error count.
    """
    from .agreement_series import carried_into
    from .catalog import files_valid_later
    from .pipeline import check_files, discover_layers

    files, layers, _ = discover_layers(folders, lambda found: files_valid_later(found, year))
    checked = check_files(files, known, keep=True, layers=layers)
    sound, errors = [], []
    for each in checked:
        found = [problem for problem in each.problems if problem.is_error]
        if each.item is not None and not found:
            sound.append(each.item.agreement)
        elif each.item is None or carried_into([each.item.agreement], year):
            errors += found
    return carried_into(sound, year), sorted(errors)


def allocate(
    year: int | None = None,
    *,
    folder: PathLike | Sequence[PathLike] | None = None,
    bundled: bool = True,
    ids: Iterable[str] | None = None,
    population: PathLike | PopulationDataset | None = None,
    datasets: Iterable[PopulationDataset] = (),
    funder: str | None = None,
) -> Allocation:
    """``load(...).allocate()``: whole kronor per recipient for the agreements of *year* (and/or *ids*).

    With *funder* (``staten``), only the money that funder pays (``Allocation.for_funder``).
    """
    if year is None and not ids:
        raise VardmedelError(_("give a year or agreement ids to allocate"), request=True)
    loaded = load(folder, bundled=bundled, year=year, ids=ids, population=population, datasets=datasets)
    return loaded.allocate(funder)


def deadlines(
    year: int | None = None, *, folder: PathLike | Sequence[PathLike] | None = None, bundled: bool = True
) -> list[Due]:
    """The reports the agreements (of *year*, or all) ask for, in date order: when, what, by whom, to whom."""
    return load(folder, bundled=bundled, year=year).deadlines()


def series(name: str, *, folder: PathLike | Sequence[PathLike] | None = None, bundled: bool = True) -> list[SeriesYear]:
    """Series *name* year by year: money agreed, money frames reserved, earlier money that may still be used.

    Every year from the first to the last the series has money in, years without an agreement too.
    """
    return load(folder, bundled=bundled).series(name)


def init_folder(folder: PathLike = "agreements") -> list[Path]:
    """Copy the bundled agreements and ``schema.json`` into *folder* (made if need be): a start of one's own.

    Returns the files written. Refuses, writing nothing, when any of them is
    there already. Untouched copies change nothing (a byte-for-byte copy of a
    bundled file is no replacement); an edited one replaces its bundled original.
    """
    from .catalog import BUNDLED, SUFFIXES
    from .newfiles import TargetExists, create_new

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise VardmedelError(_("{folder} is a file, not a folder").format(folder=target), request=True)
    names = sorted(p.name for p in BUNDLED.iterdir() if p.suffix in SUFFIXES or p.name == "schema.json")
    files = {target / name: (BUNDLED / name).read_bytes() for name in names}
    try:
        create_new(files)
    except TargetExists as err:
        raise VardmedelError(_refusal(err.paths, _("move it away, or give another folder"))) from None
    except OSError as err:
        raise VardmedelError(
            _("cannot write into {folder}: {reason}").format(folder=target, reason=err.strerror or err)
        ) from None
    return list(files)


def new_agreement(
    year: int,
    from_id: str,
    *,
    output: PathLike | None = None,
    folder: PathLike | Sequence[PathLike] | None = None,
    bundled: bool = True,
) -> Path:
    """Write a draft of *year*'s agreement from agreement *from_id* (found as ``load`` finds it); return its path.

    The draft keeps every figure, takes *year* in its id, year and title, moves
    the dates that follow the year, leaves ``source:`` empty (an error for
    ``check`` until filled in) and marks what it took over with ``# REVIEW``
    comments (see draft.py). It goes to *output*, else ``./agreements/<new id>.yaml``,
    and never over an existing file.
    """
    from .draft import DraftError, draft, keeps_figures
    from .loader import validate
    from .newfiles import TargetExists, create_new
    from .textfile import UnreadableFile, decode
    from .yamlsource import YamlError
    from .yamlsource import load as load_yaml

    if not 1990 <= year <= 2100:  # the years an agreement file may have (model.Year)
        raise VardmedelError(_("{year} is not a year from 1990 to 2100").format(year=year), request=True)
    # Only what --from names is read, so a broken file of another year does not stand in the way.
    wanted = {"year": int(from_id)} if is_ascii_digits(from_id) else {"ids": [from_id]}
    source = load(folder, bundled=bundled, **wanted).find(from_id)
    old = source.agreement
    if year == old.year:
        raise VardmedelError(
            _("{id} is of {year} already; give the year of the new agreement").format(id=old.id, year=year),
            request=True,
        )
    try:
        text = decode(Path(source.path).read_bytes())
        made = draft(text, old.id, old.year, year)
        document = load_yaml(made.text)
        item, problems = validate(document, source.path)
        if item is None or problems or document.issues or not keeps_figures(old, item.agreement, year):
            raise DraftError(_("the edited text does not hold the same figures"))
    except (DraftError, YamlError, UnreadableFile, ValueError) as err:
        message = _("cannot draft {year} from {path} by editing its text ({reason}); copy it by hand")
        raise VardmedelError(message.format(year=year, path=source.path, reason=err)) from None
    except OSError as err:
        message = _("cannot read {path}: {reason}")
        raise VardmedelError(message.format(path=source.path, reason=err.strerror or err)) from None
    target = Path(output) if output is not None else Path("agreements") / f"{made.agreement_id}.yaml"
    try:
        create_new({target: made.text.encode("utf-8")})
    except TargetExists as err:
        raise VardmedelError(_refusal(err.paths, _("move it away, or write elsewhere with -o FILE"))) from None
    except OSError as err:
        message = _("cannot write {path}: {reason}")
        raise VardmedelError(message.format(path=target, reason=err.strerror or err)) from None
    return target


def _refusal(paths: list[Path], hint: str) -> str:
    """Files that are there already, said so: nothing is overwritten, nothing was written."""
    return ngettext(
        "{paths} is there already; nothing was written ({hint})",
        "{paths} are there already; nothing was written ({hint})",
        len(paths),
    ).format(paths=", ".join(map(str, paths)), hint=hint)


def check(
    paths: PathLike | Sequence[PathLike] | None = None,
    *,
    strict: bool = False,
    jobs: int | None = None,
    population: PathLike | PopulationDataset | None = None,
    datasets: Iterable[PopulationDataset] = (),
) -> CheckResult:
    """Every problem in every agreement file under *paths* (files or folders; default as for ``load``).

    With *strict* warnings fail the check too (``CheckResult.passed``). Many files
    are checked in up to *jobs* processes (default: one per CPU; 1: this one only).
    """
    from .catalog import agreements_dir
    from .pipeline import check_paths

    if jobs is not None and jobs < 1:
        raise VardmedelError(_("jobs must be 1 or more, not {jobs}").format(jobs=jobs), request=True)
    targets = _paths(paths) if paths is not None else [agreements_dir(None)]
    missing = [str(path) for path in targets if not path.exists()]
    if missing:
        raise VardmedelError(_("no such file or folder: {paths}").format(paths=", ".join(missing)), request=True)
    override, known = _population_basis(population, datasets)
    result = check_paths(targets, known, override, strict, jobs=jobs)
    if result.files == 0:
        shown = ", ".join(map(str, targets))
        raise VardmedelError(
            _("nothing to check: no .yaml or .yml files in {folder}").format(folder=shown), request=True
        )
    return result


def _population_basis(
    population: PathLike | PopulationDataset | None, datasets: Iterable[PopulationDataset]
) -> tuple[PopulationDataset | None, Reference]:
    """The dataset that overrides every population rule (or None), and the reference data with *datasets*."""
    from .reference import PopulationDataset

    override = population
    if override is not None and not isinstance(override, PopulationDataset):
        override = read_population(override)
    return override, reference_data(datasets=datasets)
