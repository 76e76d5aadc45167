"""Typer in the run's language: its help words, usage line and usage errors through our catalogue.

Typer's core looks its few words up with gettext at run time ("Options",
"default: {default}"), so they are routed to :func:`vardmedel.i18n._`. Its
vendored Click writes "Usage:", "Error:" and the usage errors' sentences in
English only; the command and group classes here write them through the
catalogue instead: a formatter with a translated usage prefix, the help option's
text, an "Examples" section from the epilog, and usage errors re-worded from
their parts. A sentence Click may say that is not matched below stays English.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer import _click

from ..i18n import N_, _

#: Typer's own words, looked up through the catalogue when Typer asks for them.
TYPER_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)
typer.core._ = _

#: The epilog of a command is its examples: one per line, the command line and what it shows, split by a tab.
EXAMPLE_SEPARATOR = "\t"


def examples_epilog(examples: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"{line}{EXAMPLE_SEPARATOR}{why}" for line, why in examples)


class Formatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)


class Context(typer.Context):
    formatter_class = Formatter


def _help_option(option: Any) -> Any:
    if option is not None:
        option.help = _("Show this help and exit.")
    return option


def _examples(epilog: str | None, formatter: _click.HelpFormatter) -> None:
    """The epilog's examples, each as a comment above its command line, so the line can be copied whole."""
    if not epilog:
        return
    with formatter.section(_("Examples")):
        indent = " " * formatter.current_indent
        for line in epilog.splitlines():
            command, _tab, why = line.partition(EXAMPLE_SEPARATOR)
            formatter.write(f"{indent}# {why}\n{indent}{command}\n")


def _run(main: Any, args: Any, prog_name: Any, complete_var: Any, standalone_mode: bool, extra: dict) -> Any:
    """Click's standalone run, with its usage errors written by :func:`show_error`."""
    if not standalone_mode:
        return main(args, prog_name, complete_var, standalone_mode, **extra)
    try:
        code = main(args, prog_name, complete_var, False, **extra)
    except _click.exceptions.ClickException as err:
        show_error(err)
        sys.exit(err.exit_code)
    except typer.Abort:
        _click.echo(_("Aborted!"), file=sys.stderr)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


class Command(typer.core.TyperCommand):
    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument) and param.metavar:
                # "YEAR  The year …" and "vardmedel explain YEAR", not Typer's "YEAR <int>" and "{YEAR}".
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                param._usage_display_name = functools.partial(_usage_name, param)  # type: ignore[method-assign]

    def get_help_option(self, ctx: _click.Context) -> Any:
        return _help_option(super().get_help_option(ctx))

    def format_epilog(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _examples(self.epilog, formatter)

    def main(  # type: ignore[override]
        self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra: Any
    ) -> Any:
        return _run(super().main, args, prog_name, complete_var, standalone_mode, extra)


def _usage_name(param: typer.core.TyperArgument) -> str:
    name = (param.metavar or param.name or "") + ("..." if param.nargs != 1 else "")
    return name if param.required else f"[{name}]"


class Group(typer.core.TyperGroup):
    context_class = Context

    def get_help_option(self, ctx: _click.Context) -> Any:
        return _help_option(super().get_help_option(ctx))

    def main(  # type: ignore[override]
        self, args=None, prog_name=None, complete_var=None, standalone_mode: bool = True, **extra: Any
    ) -> Any:
        return _run(super().main, args, prog_name, complete_var, standalone_mode, extra)


def show_error(err: _click.exceptions.ClickException) -> None:
    """What Click's ``show`` prints (usage, a hint, the error), in the run's language."""
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        hint = _("Try '{command} --help' for help.").format(command=ctx.command_path)
        _click.echo(f"{ctx.get_usage()}\n{hint}\n", file=sys.stderr)
    _click.echo(_("vardmedel: error: {message}").format(message=error_message(err)), file=sys.stderr)


#: Click's usage-error sentences and the catalogue's messages for them (named groups become the fields). Patterns as
#: text, compiled (and kept by ``re``) on the first error: a run without one does not pay for them.
_SENTENCES: list[tuple[str, str]] = [
    (
        r"(?s)Invalid value for (?P<option>.+?): (?:Value error, )?(?P<problem>.*)",
        N_("{option}: {problem}"),
    ),
    (r"Missing argument (?P<name>.+)\.", N_("missing argument {name}")),
    (r"Missing option (?P<name>.+)\.", N_("missing option {name}")),
    (r"Got unexpected extra arguments? \((?P<arguments>.*)\)", N_("unexpected argument(s): {arguments}")),
    (r"Option (?P<option>\S+) requires an argument\.", N_("{option} needs a value")),
    (r"'?(?P<value>.*?)'? is not one of (?P<choices>.*)\.", N_("{value!r} is not one of {choices}")),
    (r"(?P<value>.*) is not in the range (?P<range>.*)\.", N_("{value} is not in the range {range}")),
    (r"Value (?P<value>.*) is not a valid (?:integer|int)\.", N_("{value} is not a whole number")),
    (r"Input should be a valid integer.*", N_("give a whole number")),
    (r"Input should be greater than or equal to (?P<bound>\S+)", N_("give {bound} or more")),
    (r"Did you mean (?P<names>.*)\?", N_("Did you mean {names}?")),
]


def error_message(err: _click.exceptions.ClickException) -> str:
    if isinstance(err, _click.exceptions.NoSuchOption):
        message = _("no such option: {name}").format(name=err.option_name)
        if err.possibilities:
            message += " " + _("(did you mean {names}?)").format(names=", ".join(sorted(err.possibilities)))
        return message
    return translate_sentence(err.format_message())


def translate_sentence(text: str) -> str:
    """Click's English sentence in the run's language; a sentence no pattern knows stays as it is."""
    text = text.strip()
    for pattern, message in _SENTENCES:
        match = re.fullmatch(pattern, text)
        if match:
            fields = match.groupdict()
            if "problem" in fields:
                fields["problem"] = translate_sentence(fields["problem"])
            return _(message).format(**fields)
    # Typer appends a suggestion to a sentence: "No such command 'x'. Did you mean 'y'?"
    head, dot, tail = text.rpartition(". ")
    if dot:
        return f"{translate_sentence(head + '.')} {translate_sentence(tail)}"
    return text
