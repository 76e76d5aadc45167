"""Reading files for ``check``: YAML 1.2 values, problems that do not stop reading, positions in characters."""

from __future__ import annotations

import pytest
from conftest import agreement_yaml

from vardmedel.cap import PerCode
from vardmedel.loader import read_agreement
from vardmedel.textfile import UnreadableFile, decode
from vardmedel.yamlsource import Position, YamlError, load


def read(tmp_path, text: str | bytes):
    path = tmp_path / "2022-x.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_agreement(path, "2022-x.yaml")


def test_yaml_1_1_words_stay_text_where_text_belongs(tmp_path):
    text = agreement_yaml(title="yes", head="note: no\nquote: 012", rule="{fixed: skr}")
    loaded, problems = read(tmp_path, text)
    assert problems == []
    assert (loaded.agreement.title, loaded.agreement.note, loaded.agreement.quote) == ("yes", "no", "012")


def test_scalars_resolve_by_yaml_1_2_core_rules():
    value = load("a: yes\nb: 012\nc: 12\nd: true\ne: 2019-11-27\nf: 1_000\ng: ~\n01: x\n").value
    assert value == {"a": "yes", "b": "012", "c": 12, "d": True, "e": "2019-11-27", "f": 1000, "g": None, "01": "x"}


def test_a_duplicate_key_keeps_the_first_value_and_reading_goes_on():
    document = load("a: 1\nb: {c: 2, d: 3}\na: {x: [1, 2]}\nb: 4\ne: 5\n")
    assert document.value == {"a": 1, "b": {"c": 2, "d": 3}, "e": 5}
    assert [(i.code, i.position) for i in document.issues] == [
        ("yaml-duplicate-key", Position(3, 1)),
        ("yaml-duplicate-key", Position(4, 1)),
    ]
    assert document.locate(("e",)) == Position(5, 4)


def test_an_alias_is_reported_once_and_its_stand_in_is_not_reported_again(tmp_path):
    text = agreement_yaml(amount="*t").replace("    title: A", "    title: &t A")  # the area's title, as an amount
    loaded, problems = read(tmp_path, text)
    assert loaded is None
    assert [(p.line, p.column, p.code) for p in problems] == [(10, 17, "yaml-alias")]


def test_a_problem_that_stops_reading_keeps_the_problems_found_before_it():
    with pytest.raises(YamlError) as caught:
        load("a: 1\na: 2\nb: !!set {x}\nc: [\n")
    assert [(i.code, i.position.line) for i in caught.value.issues] == [
        ("yaml-duplicate-key", 2),
        ("yaml-tag", 3),
        ("yaml-syntax", 5),
    ]


def test_columns_count_characters_not_bytes():
    with pytest.raises(YamlError) as caught:
        load("title: Vårdförlopp: [\n")
    assert caught.value.position == Position(1, 19)
    assert caught.value.message.endswith("; a value holding ': ' must be quoted")


def test_a_byte_order_mark_is_accepted():
    assert load(decode(b"\xef\xbb\xbfid: x\n")).value == {"id": "x"}


def test_hundreds_of_problems_of_one_kind_are_summed_up(tmp_path):
    text = agreement_yaml(head="".join(f"extra{i}: 1\n" for i in range(30)))
    _, problems = read(tmp_path, text)
    assert [p.code for p in problems] == ["schema-unknown-key"] * 21
    assert problems[-1].message.startswith("10 more problems like the 20 above in this file")
    assert (problems[-1].line, problems[-1].column) == (25, 1)


def test_the_cap_keeps_the_other_codes_and_counts_after_them(tmp_path):
    text = agreement_yaml(head="".join(f"extra{i}: 1\n" for i in range(22)) + "note: [1]\n", amount="x kr")
    _, problems = read(tmp_path, text)
    assert [(p.line, p.code) for p in problems] == [
        (27, "schema-type"),
        (33, "amount-invalid"),
        *[(5 + i, "schema-unknown-key") for i in range(20)],
        (25, "schema-unknown-key"),
    ]
    assert problems[-1].message.startswith("2 more problems like the 20 above in this file")


def test_an_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    loaded, problems = read_agreement(tmp_path, "folder.yaml")
    assert loaded is None
    assert [(p.line, p.column, p.code) for p in problems] == [(0, 0, "file-unreadable")]


def test_the_cap_counts_every_code_on_its_own():
    cap = PerCode(most=2)
    admitted = [cap.admit(code, where) for code, where in [("x", 1), ("x", 2), ("y", 3), ("x", 4), ("x", 5)]]
    assert admitted == [True, True, True, False, False]
    more = "2 more problems like the 2 above in this file (the first of them here); fix those and run check again"
    assert cap.dropped() == [("x", 4, more)]


@pytest.mark.parametrize(
    ("data", "code", "line", "column"),
    [
        (b"id: x\nti\x00tle: y\n", "file-binary", 2, 3),
        (b"id: x\ntitle: V\xe5rd\n", "file-encoding", 2, 9),
        (b"id: x\n" + b"a" * 10_001 + b"\n", "line-too-long", 2, 10_001),
    ],
)
def test_bytes_that_are_no_text_raise_unreadable_file_not_a_yaml_error(data, code, line, column):
    with pytest.raises(UnreadableFile) as caught:
        decode(data)
    assert not isinstance(caught.value, YamlError)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)
