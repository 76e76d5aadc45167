"""A file of thousands of pots checks and allocates as a small one does: behaviour only.

How long it takes is measured by benchmarks/scaling.py, run on demand; here only what
comes out: a clean check, and every krona of every pot handed out, no more, no less.
"""

from __future__ import annotations

import json

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


def test_after_20_problems_of_one_code_one_line_counts_the_rest(cli, tmp_path):
    # 25 pots to recipients that do not exist, one of them a slip of a declared one.
    pots = {f"p{i}": ("1000", f"{{fixed: okand-{i}}}") for i in range(24)} | {"q": ("1000", "{fixed: mottagre}")}
    head = "recipients:\n  mottagare: {name: Mottagare}"
    (tmp_path / "2022-x.yaml").write_text(agreement_yaml(head=head, pots=pots), encoding="utf-8")
    result = cli("check", "--format", "json", tmp_path)
    problems = json.loads(result.stdout)["problems"]
    assert [p["code"] for p in problems] == ["unknown-recipient"] * 21
    assert [p["line"] for p in problems] == [13 + 3 * i for i in range(21)]  # each pot's rule: lines 13, 16, …
    assert problems[-1]["message"] == (
        "5 more problems like the 20 above in this file (the first of them here); fix those and run check again"
    )
    assert not any("mottagre" in p["message"] for p in problems)
    # The slip is among those counted, not shown; alone, it gets its suggestion.
    pots = {"q": ("1000", "{fixed: mottagre}")}
    (tmp_path / "2022-x.yaml").write_text(agreement_yaml(head=head, pots=pots), encoding="utf-8")
    (only,) = json.loads(cli("check", "--format", "json", tmp_path).stdout)["problems"]
    assert "unknown recipient 'mottagre' (did you mean 'mottagare'?)" in only["message"]
