"""A file of thousands of pots checks and allocates as a small one does: behaviour only.

How long it takes is measured by benchmarks/scaling.py, run on demand; here only what
comes out: a clean check, and every krona of every pot handed out, no more, no less.
"""

from __future__ import annotations

from conftest import agreement_yaml, rows_of

POTS = 2_000
RULES = ("{equal: samverkansregioner}", "{population: regioner, as_of: 2021-11-01}", "{fixed: skr}")


def test_a_file_of_2000_pots_checks_clean_and_allocates_every_krona(cli, tmp_path):
    pots = {f"p{i}": (str(1_000 + i), RULES[i % 3]) for i in range(POTS)}
    total = sum(1_000 + i for i in range(POTS))
    head = "funder: staten"
    (tmp_path / "2022-big.yaml").write_text(
        agreement_yaml("2022-big", total=str(total), head=head, pots=pots), encoding="utf-8"
    )
    check = cli("check", tmp_path)
    assert (check.exit_code, check.stdout) == (0, "1 file checked: no problems.\n"), check.stderr
    allocate = cli("allocate", "2022", "--no-bundled", "--agreements", tmp_path, "--funder", "staten", "-f", "csv")
    assert allocate.exit_code == 0, allocate.stderr
    rows = rows_of(allocate.stdout)
    assert sum(int(row["total"]) for row in rows) == total
    assert len(rows) == 21 + 6 + 1  # the regions, the samverkansregioner and SKR
