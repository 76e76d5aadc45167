"""What every command shares: the Typer app, the option types, exit codes, and writing results or refusals.

Commands import this module and register themselves on ``app`` with
``@command()``; cli.py only imports the commands and runs the app. Heavy
modules (pydantic, yaml, rich) are imported inside the commands that need
them, so ``--help`` and ``--version`` start as fast as Typer itself.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, Optional, TypeVar, get_args, get_type_hints

import typer

from .. import __version__, api, i18n
from ..api import VardmedelError
from ..choices import Language, Level, OutputFormat, Unit
from ..i18n import _
from .localized import Command, Group, examples_epilog
from .texts import command_texts

if TYPE_CHECKING:
    from ..report import Report

#: Exit codes: done; problems in the input; a usage error (or a question without an answer).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

ABOUT = _("Who gets what from the state's and SKR's health-care agreements, to the krona.")

app = typer.Typer(
    name="vardmedel",
    cls=Group,
    help=ABOUT,
    options_metavar=_("[OPTIONS]"),
    subcommand_metavar=_("COMMAND [ARGS]..."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain Click help and usage errors: Typer's Rich help imports rich.markdown and
    # markdown-it, which made ``--help`` cost 1.4× the import floor (benchmarks/).
    rich_markup_mode=None,
)


def option(*names: str, metavar: str, help: str, choices: Any = None, **settings: Any) -> Any:
    """A ``typer.Option`` as the commands declare theirs: its names, a metavar and a help in the run's language.

    ``{choices}`` in *help* becomes the values of the ``Literal`` *choices*: ``kr | tkr | mnkr``.
    """
    if choices is not None:
        help = help.format(choices=" | ".join(get_args(choices)))
    return typer.Option(*names, metavar=metavar, help=help, **settings)


def format_option(formats: Any, help: str) -> Any:
    """The ``--format``/``-f`` option of a command that writes one of *formats*, as *help* says."""
    return option("--format", "-f", metavar=_("FORMAT"), help=help, choices=formats)


def output_path(text: str) -> Path | None:
    """``-o -`` is standard output, the same as no ``-o``; a file named ``-`` is ``-o ./-``."""
    return None if text == "-" else Path(text)


def output_option(help: str, stdout: bool = True) -> Any:
    """The ``--output``/``-o`` option with *help*: a FILE, or (with *stdout*) ``-`` for standard output."""
    return option("--output", "-o", metavar=_("FILE"), help=help, **({"parser": output_path} if stdout else {}))


def recipient_option(help: str) -> Any:
    """The ``--recipient``/``-r`` option with *help*: a län code, a name or an id (lookup.py)."""
    return option("--recipient", "-r", metavar=_("RECIPIENT"), help=help)


def sort_option(orders: Any, help: str) -> Any:
    """The ``--sort`` option of a command whose rows can be put in any of *orders*, as *help* says."""
    return option("--sort", metavar=_("ORDER"), help=help, choices=orders)


def year_argument(help: str, **settings: Any) -> Any:
    """The ``YEAR`` argument with *help*."""
    return typer.Argument(metavar=_("YEAR"), help=help, **settings)


def years_option(help: str) -> Any:
    """The ``--years`` option with *help*: 2019-2022 or 2019,2022 (see allocate.parse_years)."""
    return option("--years", metavar=_("YEARS"), help=help)


OutputOption = Annotated[
    Optional[Path],
    output_option(
        _(
            "Write to FILE (whole or not at all; through a symlink to its target; a pipe or device as a stream), "
            "or - for stdout; its extension picks the format: .csv .json .md .txt .xlsx."
        )
    ),
]
PopulationOption = Annotated[
    Optional[str],
    option(
        "--population",
        metavar=_("FILE|DATE=FILE"),
        help=_(
            "Your own population figures (a CSV as SCB, Excel or 'vardmedel population -f csv' write it): "
            "FILE replaces every population basis; DATE=FILE adds it as the dataset of that date."
        ),
    ),
]
LanguageOption = Annotated[
    Optional[Language],
    option(
        "--lang",
        metavar=_("LANG"),
        help=_("{choices}: the language of the output [default: from LC_ALL, LC_MESSAGES or LANG, else en]."),
        choices=Language,
    ),
]


#: Never compared (eq=False): the generated __eq__ and __hash__ would only cost start-up time, on every run.
@dataclasses.dataclass(frozen=True, eq=False)
class Options:
    """Options that several commands take together, declared once, as the ``Annotated`` fields of a subclass.

    A command's parameter of such a class stands on the command line for all of its fields, in their
    order and with their defaults (:func:`command` puts them in its signature); the command gets them
    back as one object, whose methods say what they are for.
    """

    @classmethod
    def parameters(cls) -> list[inspect.Parameter]:
        hints = get_type_hints(cls, include_extras=True)
        return [
            inspect.Parameter(
                field.name, inspect.Parameter.KEYWORD_ONLY, default=field.default, annotation=hints[field.name]
            )
            for field in dataclasses.fields(cls)
        ]


@dataclasses.dataclass(frozen=True, eq=False)
class Output(Options):
    """``-f/--format`` and ``-o/--output``: how and where a command writes its report."""

    format_name: Annotated[
        Optional[OutputFormat],
        format_option(
            OutputFormat, _("{choices} [default: table on a terminal, csv in a pipe, else from the extension of -o].")
        ),
    ] = None
    output: OutputOption = None

    def emit(self, report: Report, read: api.Agreements | None = None) -> None:
        emit(report, self.format_name, self.output, read)


@dataclasses.dataclass(frozen=True, eq=False)
class Folders(Options):
    """``--agreements`` and ``--no-bundled``: the folders a command reads agreements from."""

    agreements: Annotated[
        Optional[list[Path]],
        option(
            "--agreements",
            metavar=_("DIR"),
            help=_(
                "A folder of agreement files to read after the bundled ones and ./agreements (repeatable); a file "
                "with an agreement id read before replaces that one, with a notice."
            ),
            file_okay=False,
        ),
    ] = None
    no_bundled: Annotated[
        bool,
        typer.Option(
            "--no-bundled",
            help=_("Leave out the bundled agreements: read only the --agreements folders, else ./agreements."),
        ),
    ] = False

    def load(self, **selection: Any) -> api.Agreements:
        return load(self.agreements, self.no_bundled, **selection)


@dataclasses.dataclass(frozen=True, eq=False)
class Inputs(Folders):
    """The folders and ``--population``: all that an allocation is computed from."""

    population: PopulationOption = None

    def load(self, **selection: Any) -> api.Agreements:
        return super().load(**population_inputs(self.population), **selection)


@dataclasses.dataclass(frozen=True, eq=False)
class Money(Inputs):
    """The inputs and ``--funder``: whose money an allocation counts (everyone's, or one funder's)."""

    funder: Annotated[
        Optional[str],
        option(
            "--funder",
            metavar=_("FUNDER"),
            help=_("Only the money this funder pays: staten or regionerna (as the files name them)."),
        ),
    ] = None


@dataclasses.dataclass(frozen=True, eq=False)
class Table(Options):
    """``--recipient``, ``--top``, ``--level`` and ``--unit``: the rows of a table of recipients, and its amounts."""

    recipient: Annotated[
        Optional[list[str]],
        recipient_option(
            _("Only this recipient (repeatable): a län code (20), a name (dalarna) or an id (skr), as explain -r.")
        ),
    ] = None
    top: Annotated[
        Optional[int], option("--top", metavar="N", help=_("Only the first N rows (after --sort)."), min=1)
    ] = None
    level: Annotated[
        Level,
        option(
            "--level",
            metavar=_("LEVEL"),
            help=_(
                "{choices}: a row per recipient, or the regions' money rolled up into their samverkansregion "
                "(Halland split by kommun)."
            ),
            choices=Level,
        ),
    ] = "recipient"
    unit: Annotated[
        Unit,
        option(
            "--unit",
            metavar=_("UNIT"),
            help=_("{choices}: how amounts are shown (the kronor underneath stay exact)."),
            choices=Unit,
        ),
    ] = "kr"

    def selection(self, sort: str, known: Any) -> Any:
        """The recipients asked for, ordered by *sort* and cut at ``--top``: see :func:`selection`."""
        return selection(self.recipient, sort, self.top, known)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vardmedel {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=_(
                "Compute everything afresh: no stored results are read or written (also accepted after the "
                "command, or as VARDMEDEL_NO_CACHE=1)."
            ),
        ),
    ] = False,
    lang: LanguageOption = None,
) -> None:
    """Who gets what from the state's and SKR's health-care agreements, to the krona."""
    if no_cache:  # the console script takes --no-cache off the line itself (entry.py); this is for in-process callers
        import os

        os.environ["VARDMEDEL_NO_CACHE"] = "1"
    if lang is not None:
        i18n.set_language(lang)


F = TypeVar("F", bound=Callable[..., None])


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a command on ``app``: its texts from its docstring (commands/texts.py) in the run's language, ``--lang``.

    A ``VardmedelError`` the command raises becomes its message and exit code.
    ``--lang`` is added here, once for every command: the language was chosen
    from the command line before the commands were declared (cli.py), and the
    option is set again for a run in-process, where it only lasts that run.
    """

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, lang: str | None = None, **kwargs: Any) -> None:
            for taken_as, group in groups.items():
                kwargs[taken_as] = group(**{field.name: kwargs.pop(field.name) for field in dataclasses.fields(group)})
            before = i18n.language()
            if lang is not None:
                i18n.set_language(lang)
            try:
                function(*args, **kwargs)
            except VardmedelError as err:
                raise refuse(err) from None
            finally:
                i18n.set_language(before)

        parameters, groups = command_line(function)
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        texts = command_texts(function.__doc__)
        app.command(
            name,
            cls=Command,
            help=_(texts.help) if texts.help else None,  # none under python -OO, and _("") is the catalogue's header
            short_help=_(texts.short) if texts.short else None,
            epilog=examples_epilog([(line, _(why)) for line, why in texts.examples]),
        )(run)
        return function

    return register


def command_line(function: Callable[..., None]) -> tuple[list[inspect.Parameter], dict[str, type[Options]]]:
    """The parameters Typer reads for *function*: its own, each group of :class:`Options` in its place, ``--lang``.

    All keyword-only, as Typer passes them; with the groups by the name *function* takes each as.
    """
    parameters: list[inspect.Parameter] = []
    groups: dict[str, type[Options]] = {}
    for parameter in inspect.signature(function, eval_str=True).parameters.values():
        kind = parameter.annotation
        if isinstance(kind, type) and issubclass(kind, Options):
            groups[parameter.name] = kind
            parameters += kind.parameters()
        else:
            parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))
    language = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LanguageOption)
    return [*parameters, language], groups


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print an error to stderr and return the Exit to raise."""
    typer.echo(_("vardmedel: error: {message}").format(message=message), err=True)
    return typer.Exit(code)


def refuse(err: VardmedelError) -> typer.Exit:
    """Every problem behind *err*, one per line, then the error: exit 1 for bad input, 2 for a bad request."""
    for problem in err.problems:
        typer.echo(str(problem), err=True)
    hint = _("; fix them (vardmedel check lists all)") if err.problems else ""
    return fail(err.message + hint, EXIT_USAGE if err.request else EXIT_PROBLEMS)


def load(agreements: list[Path] | None, no_bundled: bool = False, **selection: Any) -> api.Agreements:
    """``api.load`` over the layered folders, with a notice on stderr for every file that replaces another."""
    loaded = api.load(agreements or None, bundled=not no_bundled, **selection)
    for notice in loaded.notices():
        typer.echo(f"vardmedel: {notice}", err=True)
    return loaded


def population_inputs(option: str | None) -> dict[str, Any]:
    """``--population FILE`` or ``DATE=FILE`` as the API's ``population=`` or ``datasets=``."""
    if not option:
        return {}
    date, sep, path = option.partition("=")
    if not sep:
        return {"population": api.read_population(option)}
    return {"datasets": [api.read_population(path, date=date)]}


def emit(
    report: Report,
    format_name: OutputFormat | None,
    output: Path | None,
    read: api.Agreements | None = None,
) -> None:
    """Write *report* to stdout or, atomically, to *output*; naming the folders of the agreements *read*, if any."""
    from ..output import format_for, writer
    from ..streams import is_terminal

    if read is not None:
        from ..views.folders import name_folders

        name_folders(report, read.read_from())

    chosen = format_for(output, format_name, is_terminal(sys.stdout))
    module = writer(chosen)
    if output is None and module.BINARY and is_terminal(sys.stdout):
        raise fail(
            _("{format} is a binary format; write it to a file with -o FILE, or to a pipe").format(format=chosen)
        )
    write_result(output, lambda stream: module.write(report, stream), module.BINARY)


def write_result(output: Path | None, render: Callable[[IO[Any]], object], binary: bool = False) -> None:
    """The result to *output* (see output/target.py), or to stdout when there is none (no ``-o``, or ``-o -``)."""
    if output is None:
        write_stdout(render, binary)
    else:
        write_file(output, render, binary)


def write_stdout(render: Callable[[Any], object], binary: bool = False) -> None:
    """Write the result to stdout; a reader that stops early (| head) is no error, a closed stdout is one."""
    from ..streams import to_stdout

    try:
        to_stdout(render, binary)
    except OSError as err:
        raise fail(
            _("cannot write to standard output: {reason}").format(reason=err.strerror or err), EXIT_PROBLEMS
        ) from None


def write_file(output: Path, render: Callable[[IO[Any]], object], binary: bool) -> None:
    """Write *output* without harming what is there; a file that cannot be written is an error (exit 1)."""
    from ..output.target import write_output

    try:
        write_output(output, render, binary)
    except OSError as err:
        raise fail(cannot_write(output, err), EXIT_PROBLEMS) from None


def cannot_write(output: Path, err: OSError) -> str:
    """Why *output* could not be written, and what to do about it."""
    if isinstance(err, IsADirectoryError):
        reason = _("it is a folder; name a file in it (-o {example})").format(example=output / _("NAME"))
    elif isinstance(err, FileNotFoundError) and err.filename:
        reason = _("the folder {folder} does not exist; create it first, or write elsewhere").format(
            folder=err.filename
        )
    elif isinstance(err, PermissionError):
        reason = _("permission denied (a file is replaced whole, so its folder must be writable too)")
    else:
        reason = err.strerror or str(err)
    return _("cannot write {file}: {reason}").format(file=output, reason=reason)


def selection(recipients: list[str] | None, sort: str, top: int | None, known: Any) -> Any:
    """``--recipient``, ``--sort`` and ``--top`` as a ``views.selection.Selection``; an unknown recipient is refused."""
    from ..lookup import RecipientNotFound, resolve
    from ..views.selection import Selection

    found = []
    for text in recipients or ():
        try:
            found.append(resolve(text, known).id)
        except RecipientNotFound as err:
            raise fail(str(err)) from None
    return Selection(tuple(dict.fromkeys(found)), sort, top)
