"""The Swedish message catalogue: extract the English messages from the source, and compile the .po to .mo.

    python scripts/catalogue.py update    # add new messages to vardmedel.po (empty msgstr), drop unused ones
    python scripts/catalogue.py compile   # vardmedel.po -> vardmedel.mo (what the package reads)
    python scripts/catalogue.py missing   # messages without a Swedish text; exit 1 if any

Messages are the string literals passed to ``_()``, ``N_()`` (marked, translated later) and ``ngettext()``
in ``src/vardmedel``, and the parts of the commands' docstrings (their short help, help and examples, split by
``commands/texts.py`` as the command line splits them).
Standard-library only (no GNU gettext needed), so the tests can run the same code.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "vardmedel"
sys.path.insert(0, str(SOURCE.parent))
from vardmedel.commands.texts import command_texts  # noqa: E402  (standard library only, like this script)

PO = SOURCE / "locale" / "sv" / "LC_MESSAGES" / "vardmedel.po"
MO = PO.with_suffix(".mo")
HEADER = (
    "Project-Id-Version: vardmedel\n"
    "Language: sv\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)

#: msgid, or (singular, plural) for ngettext
Key = str | tuple[str, str]


def extract(root: Path = SOURCE) -> dict[Key, list[str]]:
    """Every translatable message in the package, with the places it occurs (file:line)."""
    found: dict[Key, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(map(_registers_a_command, node.decorator_list)):
                texts = command_texts(ast.get_docstring(node))
                for key in (texts.short, texts.help, *(why for _line, why in texts.examples)):
                    found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.body[0].lineno}")
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            key: Key | None = None
            if node.func.id in ("_", "N_") and len(node.args) == 1 and len(literals) == 1:
                key = literals[0]
            elif node.func.id == "ngettext" and len(literals) >= 2:
                key = (literals[0], literals[1])
            if key is not None:
                found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _registers_a_command(decorator: ast.expr) -> bool:
    """``@app.command(…)`` or ``@command(…)``: a command whose docstring holds its texts (commands/app.py)."""
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(called, ast.Attribute):
        return called.attr == "command" and isinstance(called.value, ast.Name) and called.value.id == "app"
    return isinstance(called, ast.Name) and called.id == "command"


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text else ""


def read_po(path: Path = PO) -> dict[Key, list[str]]:
    """msgid (or (msgid, msgid_plural)) -> msgstr forms, as written in the .po file."""
    entries: dict[Key, list[str]] = {}
    fields: dict[str, str] = {}
    last = ""

    def flush() -> None:
        if "msgid" in fields:
            key: Key = (fields["msgid"], fields["msgid_plural"]) if "msgid_plural" in fields else fields["msgid"]
            forms = [fields[k] for k in sorted(f for f in fields if f.startswith("msgstr"))]
            entries[key] = forms
        fields.clear()

    if not path.exists():
        return entries
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and fields:
                flush()
            continue
        if line.startswith('"'):
            fields[last] += _unquote(line)
            continue
        name, _, value = line.partition(" ")
        if name == "msgid" and "msgid" in fields and any(k.startswith("msgstr") for k in fields):
            flush()
        last = name
        fields[name] = _unquote(value)
    flush()
    return entries


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    pieces = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{piece}"' for piece in pieces)


def write_po(entries: dict[Key, list[str]], places: dict[Key, list[str]], path: Path = PO) -> None:
    out = ['msgid ""', "msgstr " + _quote(HEADER), ""]
    for key in sorted(places, key=lambda k: places[k][0]):
        forms = entries.get(key) or ([""] if isinstance(key, str) else ["", ""])
        out += [f"#: {place}" for place in places[key][:3]]
        if isinstance(key, str):
            out += [f"msgid {_quote(key)}", f"msgstr {_quote(forms[0])}", ""]
        else:
            out += [f"msgid {_quote(key[0])}", f"msgid_plural {_quote(key[1])}"]
            out += [f"msgstr[{i}] {_quote(form)}" for i, form in enumerate(forms)] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def compile_mo(entries: dict[Key, list[str]]) -> bytes:
    """GNU .mo bytes (the format gettext.GNUTranslations reads), messages sorted as the format requires."""
    pairs = {"": HEADER}
    for key, forms in entries.items():
        if key == "" or not all(forms):
            continue  # untranslated: gettext falls back to the English msgid
        if isinstance(key, str):
            pairs[key] = forms[0]
        else:
            pairs["\0".join(key)] = "\0".join(forms)
    ids = sorted(pairs)
    originals = [i.encode() for i in ids]
    translations = [pairs[i].encode() for i in ids]
    start = 7 * 4 + 16 * len(ids)
    offsets, data = [], b""
    for text in originals + translations:
        offsets.append((len(text), start + len(data)))
        data += text + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, len(ids), 28, 28 + 8 * len(ids), 0, 0)
    table = b"".join(struct.pack("<2I", *pair) for pair in offsets)
    return header + table + data


def missing(entries: dict[Key, list[str]], places: dict[Key, list[str]]) -> list[Key]:
    return [key for key in places if not all(entries.get(key) or [""])]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "missing"
    places, entries = extract(), read_po()
    if command == "update":
        write_po(entries, places)
        print(f"{PO.relative_to(ROOT)}: {len(places)} messages, {len(missing(entries, places))} without Swedish")
    elif command == "compile":
        MO.write_bytes(compile_mo(entries))
        print(f"{MO.relative_to(ROOT)} written")
    elif command == "missing":
        gaps = missing(entries, places)
        for key in gaps:
            print(f"{places[key][0]}: no Swedish for {key!r}")
        return 1 if gaps else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
