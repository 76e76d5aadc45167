"""The README tells the truth: every example output is what the command prints, every command and option is there.

Examples are ``console`` blocks: a ``$ vardmedel …`` line, then its output. A
command without a pipe is run as on a terminal (so the default format is the
table); ``| head -N`` runs it as in a pipe and keeps N lines. The table of
problem codes is vardmedel.codes, printed. After changing output or a code,
regenerate them with ``python tests/test_readme.py --write``.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from vardmedel import output
from vardmedel.cli import app
from vardmedel.codes import CODES, Severity

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
README_WIDTH = 100
PIPE = re.compile(r"^(?P<command>.*?)(?:\s*\|\s*head -(?P<lines>\d+))?$")
#: The table of problem codes under `vardmedel check`: the marker line, then the table up to a blank line.
CODE_TABLE = re.compile(r"(<!-- generated from src/vardmedel/codes.py[^\n]*-->\n)(.*?\n)(?=\n)", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, expected output) for every ``$ vardmedel`` line in a console block."""
    found = []
    for block in BLOCK.findall(text):
        command, lines = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "\n".join(lines)))
                command, lines = line[2:], []
            elif command is not None:
                lines.append(line)
        if command is not None:
            found.append((command, "\n".join(lines)))
    return [(command, expected) for command, expected in found if command.startswith("vardmedel ")]


def normalised(text: str) -> str:
    """Compare what people see: no-break spaces as spaces, no trailing blanks (Rich pads titles)."""
    return "\n".join(line.replace("\u00a0", " ").rstrip() for line in text.strip("\n").splitlines())


def run_example(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    match = PIPE.match(command)
    args = shlex.split(match["command"])[1:]
    piped = match["lines"] is not None
    if not piped:  # as on a terminal: the default format is the table
        original = output.format_for
        monkeypatch.setattr(output, "format_for", lambda out, requested, _: original(out, requested, True))
    monkeypatch.chdir(ROOT)
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", str(README_WIDTH))  # the examples show what a 100-column terminal shows
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    monkeypatch.undo()
    assert result.exit_code == 0, f"{command}\n{result.stderr}"
    text = result.stdout
    if piped:
        text = "\n".join(text.splitlines()[: int(match["lines"])])
    return normalised(text)


README_EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_for_the_analyst_commands():
    commands = {shlex.split(command)[1] for command, _ in README_EXAMPLES}
    assert {"allocate", "list", "show", "explain", "compare", "regions", "population"} <= commands


@pytest.mark.parametrize(("command", "expected"), README_EXAMPLES, ids=[c for c, _ in README_EXAMPLES])
def test_example_output_is_real(command, expected, monkeypatch):
    assert run_example(command, monkeypatch) == normalised(expected)


def code_table() -> str:
    """The README's table of problem codes, made from the registry (warnings say so)."""
    rows = ["| code | what is wrong |", "|---|---|"]
    for code in CODES.values():
        doc = code.doc if code.severity is Severity.ERROR else f"{code.severity}: {code.doc}"
        rows.append(f"| `{code.name}` | {doc} |")
    return "\n".join(rows) + "\n"


def test_the_table_of_problem_codes_is_the_registry():
    match = CODE_TABLE.search(README.read_text(encoding="utf-8"))
    assert match, "README.md lacks the marker line before the table of problem codes"
    assert match.group(2) == code_table(), "run: python tests/test_readme.py --write"


def _commands() -> dict:
    """Every command the app has, from Typer itself (commands added later are covered too)."""
    return dict(typer.main.get_command(app).commands)


def _section(text: str, name: str) -> str:
    """The README's ``### `vardmedel NAME …``` section, up to the next heading of the same or higher level."""
    match = re.search(rf"^### `vardmedel {re.escape(name)}\b.*?(?=^##)", text + "\n##", re.S | re.M)
    return match.group(0) if match else ""


def _shared_options() -> set[str]:
    """Options every command has (``--lang``): the README may document them once, anywhere."""
    commands = [command for command in _commands().values() if not hasattr(command, "commands")]  # not groups
    return set.intersection(*({o for p in c.params if p.param_type_name == "option" for o in p.opts} for c in commands))


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_and_option_is_in_the_readme(name):
    text = README.read_text(encoding="utf-8")
    section = _section(text, name)
    assert section, f"README.md has no section '### `vardmedel {name} …`' under ## Commands"
    command = _commands()[name]
    shared = _shared_options()
    missing = [
        "/".join(param.opts)
        for param in command.params
        if param.param_type_name == "option"
        and not any(_mentions(section, name) or (name in shared and _mentions(text, name)) for name in param.opts)
    ]
    assert not missing, f"the README section of `vardmedel {name}` does not mention {', '.join(missing)}"


def _mentions(text: str, option: str) -> bool:
    """*option* (``--unit``, ``-o``) as a word of its own, not inside another option."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def write() -> None:
    """Regenerate README.md's example blocks from the real commands and its code table from the registry.

    A developer's tool, not a test.
    """
    text = README.read_text(encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        for command, expected in examples(text):
            fresh = run_example(command, monkeypatch)
            old = f"$ {command}\n" + (f"{expected}\n" if expected else "")
            text = text.replace(old, f"$ {command}\n{fresh}\n", 1)
    text = CODE_TABLE.sub(lambda match: match.group(1) + code_table(), text, count=1)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        write()
    else:
        print(__doc__)
