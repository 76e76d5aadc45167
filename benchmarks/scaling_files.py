"""The big single files scaling.py measures: one agreement that grows in pots, areas, recipients or problems.

Each file is valid as written (``check`` finds it clean) except the problem files,
which hold one problem per pot on purpose (``check`` shows 20 and counts the rest). Pots are written one a line in flow style
so that 20 000 of them stay under the 2 MiB a file may be.
"""

from __future__ import annotations

from pathlib import Path

AMOUNT = 1_000  # kronor a pot (a recipient file's pots: AMOUNT a recipient)
#: The rules of a pot file, in turn: equal, population by date, fixed.
RULES = ("{equal: samverkansregioner}", "{population: regioner, as_of: 2021-11-01}", "{fixed: skr}")


def _head(ident: str, total: int) -> list[str]:
    return [
        f"id: {ident}",
        "year: 2022",
        f"title: Skalning {ident}",
        "source: {title: Syntetisk källa}",
        "funder: staten",
        f"total: {total}",
    ]


def _pot(number: int, rule: str) -> str:
    return f"      - {{id: p{number}, amount: {AMOUNT}, rule: {rule}}}"


def pots_text(pots: int) -> str:
    """One area of *pots* pots, the rules in turn."""
    lines = [*_head("2022-pots", pots * AMOUNT), "areas:", "  - id: a", "    title: A", "    pots:"]
    lines += [_pot(number, RULES[number % len(RULES)]) for number in range(pots)]
    return "\n".join(lines) + "\n"


def areas_text(areas: int, per_area: int = 2) -> str:
    """*areas* areas of *per_area* pots each, every area stating its total."""
    lines = [*_head("2022-areas", areas * per_area * AMOUNT), "areas:"]
    for area in range(areas):
        lines += [f"  - id: a{area}", f"    title: A{area}", f"    total: {per_area * AMOUNT}", "    pots:"]
        lines += [_pot(number, RULES[number % len(RULES)]) for number in range(per_area)]
    return "\n".join(lines) + "\n"


def recipients_text(recipients: int) -> str:
    """*recipients* recipients the file declares, each paid by four pots over all of them and one of its own.

    A population pot with inline figures, an equal pot with a published table (every row
    AMOUNT kr, as computed), a key table of amounts, and a fixed pot for each recipient.
    Lists and tables are written in flow style, a few dozen entries a line.
    """
    ids = [f"r{number:05d}" for number in range(recipients)]
    pot = recipients * AMOUNT
    lines = [*_head("2022-recipients", 4 * pot), "recipients:"]
    lines += [f"  {rid}: {{name: Mottagare {rid[1:]}}}" for rid in ids]
    figures = [f"{rid}: {1_000 + number * 7 % 9_973}" for number, rid in enumerate(ids)]
    rows = [f"{rid}: {AMOUNT}" for rid in ids]
    lines += ["areas:", "  - id: a", "    title: A", "    pots:"]
    lines += [f"      - id: befolkning\n        amount: {pot}\n        rule:"]
    lines += ["          population: " + _flow(ids, "[]"), "          figures: " + _flow(figures, "{}")]
    lines += [f"      - id: lika\n        amount: {pot}\n        rule:", "          equal: " + _flow(ids, "[]")]
    lines += ["        published:", "          rows: " + _flow(rows, "{}")]
    lines += [f"      - id: belopp\n        amount: {pot}\n        rule:", "          amounts: " + _flow(rows, "{}")]
    lines += [_pot(number, f"{{fixed: {rid}}}") for number, rid in enumerate(ids)]
    return "\n".join(lines) + "\n"


def _flow(items: list[str], brackets: str, per_line: int = 40) -> str:
    """A flow list or mapping over as many lines as it takes: a line may be at most 10 000 characters."""
    chunks = [", ".join(items[start : start + per_line]) for start in range(0, len(items), per_line)]
    return brackets[0] + ",\n            ".join(chunks) + brackets[1]


def problems_text(pots: int) -> str:
    """*pots* pots, each to a misspelt one of as many recipients the file declares: a "did you mean" each."""
    ids = [f"r{number:05d}" for number in range(pots)]
    lines = [*_head("2022-problems", pots * AMOUNT), "recipients:"]
    lines += [f"  {rid}: {{name: Mottagare {rid[1:]}}}" for rid in ids]
    lines += ["areas:", "  - id: a", "    title: A", "    pots:"]
    lines += [_pot(number, f"{{fixed: {rid}x}}") for number, rid in enumerate(ids)]
    return "\n".join(lines) + "\n"


def unknown_keys_text(pots: int) -> str:
    """*pots* pots, each with a key the format does not know: a "did you mean" each, before the cap."""
    lines = [*_head("2022-unknown-keys", pots * AMOUNT), "areas:", "  - id: a", "    title: A", "    pots:"]
    lines += [
        f"      - {{id: p{number}, amount: {AMOUNT}, colour: red, rule: {{fixed: skr}}}}" for number in range(pots)
    ]
    return "\n".join(lines) + "\n"


SHAPES = {
    "pots": pots_text,
    "areas": areas_text,
    "recipients": recipients_text,
    "problems": problems_text,
    "unknown-keys": unknown_keys_text,
}


def write(folder: Path, shape: str, size: int) -> Path:
    """The file of *shape* and *size* in a folder of its own under *folder*; returns that folder."""
    where = folder / f"{shape}-{size}"
    where.mkdir(parents=True, exist_ok=True)
    (where / f"2022-{shape}.yaml").write_text(SHAPES[shape](size), encoding="utf-8")
    return where
