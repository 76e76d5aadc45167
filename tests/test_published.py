"""The official per-region tables are reproduced: every row within ±1 krona, the sum exact."""

from __future__ import annotations

import csv

import pytest
from conftest import FIXTURES

from vardmedel.money import apportion

TABLES = [
    # (file, pot, population dataset the publisher used)
    ("kvinnors-halsa-2020.csv", 937_000_000, "2018-12-31"),
    ("cancer-svf-2021-andra-utbetalningen.csv", 185_000_000, "2019-11-01"),
]


def published(name: str) -> dict[str, int]:
    with open(FIXTURES / "published" / name, encoding="utf-8") as handle:
        return {row["code"]: int(row["amount"]) for row in csv.DictReader(handle)}


@pytest.mark.parametrize(("name", "pot", "dataset"), TABLES)
def test_engine_reproduces_the_published_table(reference, name, pot, dataset):
    table = published(name)
    assert sum(table.values()) == pot
    parts = {p.recipient: p.amount for p in apportion(pot, reference.populations[dataset].figures)}
    assert sum(parts.values()) == pot
    assert parts.keys() == table.keys()
    differing = {code: parts[code] - table[code] for code in table if parts[code] != table[code]}
    assert all(abs(d) <= 1 for d in differing.values()), differing


def test_nearest_krona_rounding_would_not_add_up(reference):
    # Why largest remainder: plain rounding of the exact shares loses kronor (SOURCES.md: 936 999 998).
    figures = reference.populations["2018-12-31"].figures
    total = sum(figures.values())
    rounded = sum((937_000_000 * p * 2 + total) // (2 * total) for p in figures.values())
    assert rounded == 936_999_998


@pytest.mark.parametrize("year", ["2020", "2021"])
def test_allocate_reconciles_the_fixture_agreements(cli, year):
    result = cli("allocate", year, "--agreements", FIXTURES / "agreements", "--no-bundled", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert len(rows) == 21
    assert sum(int(r["total"]) for r in rows) == {"2020": 937_000_000, "2021": 185_000_000}[year]


def test_a_published_row_off_by_more_than_a_krona_is_refused(cli, tmp_path):
    text = (FIXTURES / "agreements" / "2020-kvinnors-halsa.yaml").read_text(encoding="utf-8")
    broken = text.replace('"03": 34470901', '"03": 34470911')
    (tmp_path / "2020-kvinnors-halsa.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('            "03": 34470911') + 1
    result = cli("allocate", "2020", "--agreements", tmp_path, "--no-bundled")
    assert result.exit_code == 1
    assert f"2020-kvinnors-halsa.yaml:{line}:19: error: published 34 470 911 kr for 03 but computed 34 470 901 kr" in (
        result.stderr
    )
    assert "[published-differs]" in result.stderr
    assert result.stdout == ""
