"""A corpus that looks like real use: the bundled agreements, cloned into many years and many agreements a year.

The synthetic corpus (corpus.py) stresses the parser: its kommun-level files hold 80 % of
its YAML, six times a real file's. This one is made of the four bundled agreements as they
are (their areas, pots, rules, quotes, assumptions, published tables, funders, frames and
deadlines), each clone given its own id, series and year: every year-like number in the
text is moved by the same number of years, except the dates of population datasets
(``as_of``), which must name a bundled dataset and are kept. ``vardmedel check`` on it finds
no errors; the benchmark verifies that before timing anything.

Deterministic: the same arguments give byte-identical files.

    python benchmarks/realistic.py DIR [--per-year 100] [--years 10]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "src" / "vardmedel" / "agreements"
FIRST_YEAR = 2016
_YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-9][0-9])\b")
#: Lines whose years are not the agreement's own: they name data that exists for those dates only.
_KEEP = re.compile(r"\b(as_of|dataset|seed):")


def templates() -> list[tuple[str, int, str]]:
    """(id, year, text) of every bundled agreement, in file-name order."""
    found = []
    for path in sorted(BUNDLED.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        year = int(re.search(r"^year:\s*(\d{4})", text, re.M).group(1))  # type: ignore[union-attr]
        found.append((path.stem, year, text))
    return found


def clone(template: tuple[str, int, str], year: int, number: int) -> tuple[str, str]:
    """The template as agreement *number* of *year*: (new id, text)."""
    old_id, old_year, text = template
    shift = year - old_year
    slug = old_id.split("-", 1)[1]
    new_id = f"{year}-{slug}-{number:03d}"
    lines = []
    for line in text.splitlines(keepends=True):
        if not _KEEP.search(line):
            line = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), line)
        lines.append(line)
    text = "".join(lines)
    text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
    # A series of its own per clone: clones of one template must not add up against one frame.
    text = re.sub(r"^(\s*)series: (\S+)", rf"\1series: \2-{number:03d}", text, flags=re.M)
    return new_id, text


def generate(folder: Path, per_year: int = 100, years: int = 10) -> list[Path]:
    """*per_year* agreements in each of *years* years (from 2016), cloned from the bundled ones in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    sources = templates()
    written = []
    for offset in range(years):
        year = FIRST_YEAR + offset
        for number in range(per_year):
            new_id, text = clone(sources[(offset * per_year + number) % len(sources)], year, number)
            path = folder / f"{new_id}.yaml"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--per-year", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    written = generate(args.folder, args.per_year, args.years)
    size = sum(path.stat().st_size for path in written)
    print(f"{len(written)} files, {size / 1024 / 1024:.1f} MiB in {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
