"""A synthetic corpus of agreement files, big enough to show how ``check`` and ``allocate`` scale.

Every file is valid and adds up, so ``vardmedel check`` on the corpus must come
back clean: a benchmark that timed error paths by accident would measure the
wrong thing. The files use every rule of the format, published tables, rounding,
frames and, for kommun-level money, up to the 290 kommuner as recipients the
file declares itself with inline population figures (the format has no shared
kommun reference data; see benchmarks/README.md).

Deterministic: the same seed gives byte-identical files.

    python benchmarks/corpus.py DIR [--files 1000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

KOMMUNER = 290
YEARS = range(2015, 2025)  # a decade, 100 agreements a year at 1 000 files
POTS_PER_FILE = 10
#: Bundled SCB datasets a population rule may name with as_of.
AS_OF = ("2017-12-31", "2018-12-31", "2019-11-01", "2019-12-31", "2021-11-01", "2023-12-31")
REGIONS = ("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13")
REGIONS += ("14", "17", "18", "19", "20", "21", "22", "23", "24", "25")


def kommun_population(seed: int = 290) -> dict[str, int]:
    """290 synthetic kommuner, ids k0001..k0290, populations spread like Sweden's (2 500 to 1 million)."""
    rng = random.Random(seed)
    return {f"k{n:04d}": int(2500 * (400 ** rng.random())) for n in range(1, KOMMUNER + 1)}


def hamilton(amount: int, weights: dict[str, int]) -> dict[str, int]:
    """Largest-remainder split, written independently of the engine to give published tables to reconcile."""
    total = sum(weights.values())
    base = {r: amount * w // total for r, w in weights.items()}
    left = amount - sum(base.values())
    for r in sorted(weights, key=lambda r: -(amount * weights[r] % total))[:left]:
        base[r] += 1
    return base


def swedish(amount: int, rng: random.Random) -> str:
    """An amount as an agreement text writes it, in one of the accepted spellings."""
    style = rng.randrange(4)
    if style == 0 or amount % 100_000:
        return str(amount) if style < 2 else f'"{amount:,}"'.replace(",", " ")
    millions, rest = divmod(amount, 1_000_000)
    decimals = f"{rest // 100_000}" if rest else ""
    number = f"{millions},{decimals}" if decimals else f"{millions}"
    return f"{number} mnkr" if style == 2 else f"{number} miljoner kronor"


def kommun_count(index: int, rng: random.Random, every_kommun: bool = False) -> int:
    """How many kommuner file *index* pays: 6 in 10 files none (money to regions, like the real
    agreements), 3 in 10 a subset (1 to 289, say pilot kommuner), 1 in 10 all 290."""
    if every_kommun:
        return KOMMUNER
    kind = index % 10
    if kind < 6:
        return 0
    return KOMMUNER if kind == 9 else rng.randint(1, KOMMUNER - 1)


def agreement_text(
    index: int,
    files: int,
    population: dict[str, int],
    regional: dict[str, dict[str, int]],
    every_kommun: bool = False,
) -> str:
    """One agreement file: 3 areas, 10 pots, every rule kind, and 0 to 290 kommuner."""
    rng = random.Random(index)
    year = YEARS[index * len(YEARS) // files]
    ident = f"{year}-syntetisk-{index:04d}"
    kommuner = sorted(rng.sample(sorted(population), kommun_count(index, rng, every_kommun)))
    as_of = rng.choice(AS_OF)
    millions = [rng.randint(1, 400) * 100_000 for _ in range(POTS_PER_FILE)]
    lines = [
        f"id: {ident}",
        f"year: {year}",
        f"title: Syntetisk överenskommelse {index} för {year}",
        "source:",
        f"  title: Syntetisk källa {index}",
        f"  published: {year}-0{1 + index % 9}-1{index % 10}",
        f"  url: https://example.org/overenskommelser/{ident}.pdf",
        f"total: {swedish(sum(millions), rng)}",
        "funding:",
        f"  staten: {swedish(sum(millions) - millions[0], rng)}",
        f"  regionerna: {swedish(millions[0], rng)}",
    ]
    if index % 10 == 0:
        lines += ["frame:", f"  total: {sum(millions) * 3}", "  years:"]
        lines += [f"    {year + n}: {sum(millions)}" for n in range(3)]
    if kommuner:
        lines.append("recipients:")
        lines += [f"  {k}: {{name: Syntetisk kommun {k[1:]}}}" for k in kommuner]
    lines.append("areas:")
    pots = _pots(rng, millions, kommuner, population, as_of, regional)
    for area, chunk in (("regionalt", pots[:4]), ("kunskapsstod", pots[4:7]), ("lokalt", pots[7:])):
        lines += [f"  - id: {area}", f"    title: Område {area}", f"    total: {sum(a for a, _ in chunk)}", "    pots:"]
        for number, (amount, body) in enumerate(chunk):
            lines += [f"      - id: {area}-{number}", f"        amount: {swedish(amount, rng)}"]
            lines += [f"        {line}" for line in body]
    return "\n".join(lines) + "\n"


def _pots(rng, millions, kommuner, population, as_of, regional) -> list[tuple[int, list[str]]]:
    some = sorted(rng.sample(REGIONS, rng.randint(2, 21)))
    shares = ", ".join(f'"{r}": {rng.randint(1, 9)}' for r in some)
    table = hamilton(millions[6], {r: rng.randint(1, 50) for r in REGIONS})
    amounts = [f'    "{r}": {a}' for r, a in table.items()]
    published = hamilton(millions[3], regional[as_of])
    published_rows = [f'  "{r}": {a}' for r, a in published.items()]
    pots = [
        (millions[0], ["rule: {fixed: skr}", "note: inklusive moms"]),
        (millions[1], ["rule: {equal: samverkansregioner}", 'quote: "Medlen fördelas lika."']),
        (millions[2], ["rule: {equal: regioner}", "rounding: {unit: 1000}"]),
        (millions[3], [f"rule: {{population: regioner, as_of: {as_of}}}", "published:", *published_rows]),
        (millions[4], [f"rule: {{population: samverkansregioner, as_of: {as_of}}}"]),
        (millions[5], [f"rule: {{shares: {{{shares}}}}}"]),
        (millions[6], ["rule:", "  amounts:", *amounts, "assumption: Synthetic table."]),
    ]
    if kommuner:
        figures = ", ".join(f"{k}: {population[k]}" for k in kommuner)
        members = ", ".join(kommuner)
        pots += [
            (millions[7], [f"rule: {{population: [{members}], figures: {{{figures}}}}}"]),
            (millions[8], [f"rule: {{equal: [{members}]}}", "rounding: {unit: 1000}"]),
            (millions[9], [f"rule: {{fixed: {rng.choice(kommuner)}}}"]),
        ]
    else:
        pots += [
            (millions[7], [f"rule: {{population: regioner, dataset: {as_of}}}"]),
            (millions[8], ["rule: {equal: [skr, norra, '01']}", "rounding: {unit: 1000}"]),
            (millions[9], ["rule: {fixed: '25'}"]),
        ]
    return pots


def regional_population() -> dict[str, dict[str, int]]:
    """The bundled SCB datasets (read from the installed package, as the engine will)."""
    from vardmedel.reference import load_reference

    reference = load_reference()
    return {date: dict(reference.populations[date].figures) for date in AS_OF}


def generate(folder: Path, files: int = 1000, every_kommun: bool = False) -> list[Path]:
    """Write *files* agreements and the synthetic kommun population into *folder* (replacing earlier ones).

    *every_kommun* gives the worst case: every file pays all 290 kommuner.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*-syntetisk-*.yaml"):
        old.unlink()
    population = kommun_population()
    with (folder / "kommuner.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["code", "population"])
        writer.writerows(population.items())
    regional = regional_population()
    written = []
    for index in range(files):
        text = agreement_text(index, files, population, regional, every_kommun)
        path = folder / f"{text.split(chr(10), 1)[0].removeprefix('id: ')}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--every-kommun", action="store_true", help="every file pays all 290 kommuner")
    args = parser.parse_args()
    written = generate(args.folder, args.files, args.every_kommun)
    size = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} agreement files ({size / 2**20:.1f} MiB) to {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
