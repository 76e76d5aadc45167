"""``check`` of a big folder in worker processes finds exactly what one process finds, in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, agreement_yaml

from vardmedel import pipeline
from vardmedel.pipeline import check_paths

POTS = {"p": ("60 mnkr", "{equal: samverkansregioner}"), "q": ("5 mnkr", "{fixed: skr}")}


@pytest.fixture
def generated(tmp_path, monkeypatch):
    """40 files: most clean, some with wrong totals, broken YAML, and ids used by several files.

    Without the per-file cache: the second check of a test must do the work again, not find the first's results.
    """
    monkeypatch.setenv("VARDMEDEL_NO_CACHE", "1")
    folder = tmp_path / "agreements"
    folder.mkdir()
    for n in range(40):
        name = f"2022-gen-{n:02d}"
        agreement_id = "2022-gen-00" if n % 13 == 5 else name  # 5, 18, 31 reuse the first file's id
        text = agreement_yaml(agreement_id, title=f"Generated {n}", total=f"{66 if n % 7 == 3 else 65} mnkr", pots=POTS)
        if n % 11 == 10:
            text = text.replace("  - id: a", "  - id: [a")  # unclosed flow sequence
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(CORPUS, folder / "corpus")  # every kind of problem, as well
    return folder


def test_workers_find_the_same_problems_in_the_same_order(generated, reference):
    serial = check_paths([generated], reference, jobs=1)
    parallel = check_paths([generated], reference, jobs=2, parallel_from=2)
    assert parallel == serial
    codes = {p.code for p in serial.problems}
    assert {"duplicate-id", "sum-total", "yaml-syntax", "published-differs"} <= codes
    duplicates = [p for p in serial.problems if p.code == "duplicate-id" and "gen" in p.path]
    assert [Path(p.path).name for p in duplicates] == ["2022-gen-05.yaml", "2022-gen-18.yaml", "2022-gen-31.yaml"]
    assert all(f"{generated / '2022-gen-00.yaml'}:1" in p.message for p in duplicates)


def test_the_work_really_is_done_in_workers(generated, reference):
    files = sorted(generated.glob("*.yaml"))
    in_workers = pipeline._check_in_workers(files, reference, None, 2)
    assert in_workers == [pipeline.check_file(file, reference) for file in files]


def test_workers_that_cannot_start_fall_back_to_one_process(generated, reference, monkeypatch):
    import concurrent.futures

    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    serial = check_paths([generated], reference, jobs=1)
    assert check_paths([generated], reference, jobs=2, parallel_from=2) == serial


def test_results_stored_from_workers_equal_fresh_ones(generated, reference, monkeypatch):
    """With the per-file cache: computed in workers and stored, then read back, the problems are the same."""
    fresh = check_paths([generated], reference, jobs=1)
    monkeypatch.delenv("VARDMEDEL_NO_CACHE")
    stored = check_paths([generated], reference, jobs=2, parallel_from=2)
    assert check_paths([generated], reference, jobs=2, parallel_from=2) == stored == fresh
