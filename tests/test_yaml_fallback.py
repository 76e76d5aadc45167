"""Without libyaml, PyYAML's pure-Python parser takes over and every position stays exact.

The C loader is used when it is installed (it is much faster); the pure-Python
one must give the same values, the same line:column for every node and every
problem, and, except for the wording of syntax errors (libyaml's and PyYAML's
own), the same messages. These tests force the fallback by hiding
``yaml.CSafeLoader``, as on an installation without libyaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vardmedel.loader import read_agreement
from vardmedel.yamlsource import Position, YamlError, load

TESTS = Path(__file__).parent
CORPUS = sorted((TESTS / "corpus").rglob("*.yaml"))
BUNDLED = sorted((TESTS.parent / "agreements").glob("*.yaml"))

needs_libyaml = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="libyaml is not installed")


class CountingSafeLoader(yaml.SafeLoader):
    """The pure-Python loader, counting how often it is used."""

    made = 0

    def __init__(self, stream) -> None:
        type(self).made += 1
        super().__init__(stream)


@pytest.fixture
def pure_python(monkeypatch):
    """PyYAML as installed without libyaml: no CSafeLoader; SafeLoader counts its uses."""
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    monkeypatch.setattr(yaml, "SafeLoader", CountingSafeLoader)
    CountingSafeLoader.made = 0
    return CountingSafeLoader


def problems_of(paths: list[Path]) -> dict[str, list[tuple]]:
    return {
        str(path.relative_to(TESTS)): [
            (p.line, p.column, p.code, p.severity, p.message) for p in read_agreement(path)[1]
        ]
        for path in paths
    }


def test_the_fallback_is_really_used(pure_python):
    document = load("id: x\nyear: 2022\n")
    assert pure_python.made == 1
    assert document.value == {"id": "x", "year": 2022}
    assert document.positions[("year",)] == Position(2, 7)


@needs_libyaml
def test_the_c_loader_is_used_when_installed(monkeypatch):
    made = []

    class CountingCLoader(yaml.CSafeLoader):
        def __init__(self, stream) -> None:
            made.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yaml, "CSafeLoader", CountingCLoader)
    load("id: x\n")
    assert len(made) == 1


@needs_libyaml
def test_every_problem_of_the_test_corpus_lands_on_the_same_line_and_column(monkeypatch):
    with_c = problems_of(CORPUS)
    monkeypatch.delattr(yaml, "CSafeLoader")
    with_python = problems_of(CORPUS)
    assert len(with_c) == len(CORPUS) > 40
    assert sum(map(len, with_c.values())) > 20  # many of its files break while being read
    for name in with_c:
        assert [p[:4] for p in with_python[name]] == [p[:4] for p in with_c[name]], name
        if not any(p[2] == "yaml-syntax" for p in with_c[name]):
            assert with_python[name] == with_c[name], name


@needs_libyaml
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_real_agreement_reads_identically(monkeypatch, path):
    text = path.read_text(encoding="utf-8")
    with_c = load(text)
    monkeypatch.delattr(yaml, "CSafeLoader")
    with_python = load(text)
    assert with_python.value == with_c.value
    assert with_python.positions == with_c.positions
    assert with_python.key_positions == with_c.key_positions
    assert len(with_c.positions) > 30


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("id: x\nid: y\n", "yaml-duplicate-key", Position(2, 1)),
        ("a: &anchor 1\nb: *anchor\n", "yaml-alias", Position(2, 4)),
        ("a:\n  b: !!python/object:os.system 1\n", "yaml-tag", Position(2, 6)),
        ("areas:\n  - {id: a, id: b}\n", "yaml-duplicate-key", Position(2, 13)),
    ],
)
def test_problems_that_do_not_stop_reading_keep_their_place(pure_python, text, code, position):
    issues = load(text).issues
    assert [(i.code, i.position) for i in issues] == [(code, position)]
    assert pure_python.made == 1


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", "yaml-syntax", Position(3, 2)),
        ("a:\n\t- 1\n", "yaml-syntax", Position(2, 1)),
        ("- 1\n- 2\n", "yaml-root-not-mapping", Position(1, 1)),
        ("a: 1\n---\nb: 2\n", "yaml-several-documents", Position(2, 1)),
        ("? [a, b]\n: 1\n", "yaml-complex-key", Position(1, 3)),
    ],
)
def test_errors_that_stop_reading_point_at_the_same_place_in_both_parsers(monkeypatch, text, code, position):
    """Where libyaml is installed, the pure-Python parser is compared with it; else only with the expected place."""
    places = []
    for hide_c in (False, True):
        if hide_c:
            monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
        with pytest.raises(YamlError) as caught:
            load(text)
        places.append((caught.value.code, caught.value.position))
    assert places[1] == (code, position)
    assert places[0] == places[1]


def test_check_through_the_cli_reports_the_same_lines_without_libyaml(cli, pure_python, monkeypatch):
    files = [TESTS / "corpus" / name for name in ("2022-yaml-duplicate-key.yaml", "2022-amount-float.yaml")]
    result = cli("check", *files)
    assert result.exit_code == 1
    assert "2022-yaml-duplicate-key.yaml:15:9: error: duplicate key 'amount'" in result.output
    assert "2022-yaml-duplicate-key.yaml:18:28: error: duplicate key 'fixed'" in result.output
    assert "2022-amount-float.yaml:12:17: error: 4.5 is a decimal number" in result.output
    assert pure_python.made == 2
