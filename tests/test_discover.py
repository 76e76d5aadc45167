"""Which files a folder given to the commands holds: catalog.discover, walked with os.scandir."""

from __future__ import annotations

import os
from pathlib import Path

from vardmedel.catalog import discover


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("id: x\n", encoding="utf-8")


def _found(root: Path) -> list[str]:
    files, problems = discover([root])
    assert problems == []
    return [path.relative_to(root).as_posix() for path in files]


def test_agreement_files_in_every_subfolder_in_path_order(tmp_path):
    _touch(tmp_path, "b.yaml", "a/z.yaml", "a-c.yaml", "a/b/c.yml", "A.YAML", "x.Yml")
    # Paths sort part by part: the folder "a" and all below it come before "a-c.yaml" ('/' is not compared).
    assert _found(tmp_path) == ["A.YAML", "a/b/c.yml", "a/z.yaml", "a-c.yaml", "b.yaml", "x.Yml"]


def test_other_files_hidden_files_and_hidden_folders_are_left_out(tmp_path):
    _touch(tmp_path, "keep.yaml", "notes.txt", "yaml", ".hidden.yaml", ".git/config.yaml", "sub/.draft.yml")
    (tmp_path / "folder.yaml").mkdir()  # a folder named like a file is not a file
    assert _found(tmp_path) == ["keep.yaml"]


def test_a_hidden_folder_given_by_name_is_searched(tmp_path):
    _touch(tmp_path, ".agreements/2022-a.yaml")
    files, _ = discover([tmp_path / ".agreements"])
    assert [path.name for path in files] == ["2022-a.yaml"]


def test_a_linked_file_counts_and_a_linked_folder_is_not_followed(tmp_path):
    _touch(tmp_path, "elsewhere/2022-a.yaml", "root/own.yaml")
    root = tmp_path / "root"
    os.symlink(tmp_path / "elsewhere" / "2022-a.yaml", root / "linked.yaml")
    os.symlink(tmp_path / "elsewhere", root / "linked-folder")
    os.symlink(root, root / "loop")  # a loop of links: not followed, so the walk ends
    os.symlink(tmp_path / "missing.yaml", root / "dangling.yaml")
    assert _found(root) == ["linked.yaml", "own.yaml"]


def test_files_given_by_name_come_as_given_once_and_missing_ones_are_problems(tmp_path):
    _touch(tmp_path, "a.yaml", "b.txt")
    files, problems = discover([tmp_path / "b.txt", tmp_path / "a.yaml", tmp_path, tmp_path / "gone.yaml"])
    assert files == [tmp_path / "b.txt", tmp_path / "a.yaml"]  # a.yaml again from the folder: kept once, first place
    assert [(p.path, p.code) for p in problems] == [(str(tmp_path / "gone.yaml"), "file-missing")]
