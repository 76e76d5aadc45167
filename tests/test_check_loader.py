"""Reading files for ``check``: YAML 1.2 values, problems that do not stop reading, positions in characters."""

from __future__ import annotations

from pathlib import Path

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
    assert (loaded.agreement.title, str(loaded.agreement.note), loaded.agreement.quote) == ("yes", "no", "012")


def test_a_note_by_language_reads_both_and_a_plain_note_is_in_the_files_language(tmp_path):
    head = 'language: sv\nnote: Enligt källan.\nassumption: {en: "Assumed.", sv: "Antaget."}'
    loaded, problems = read(tmp_path, agreement_yaml(head=head))
    assert problems == []
    agreement = loaded.agreement
    assert (agreement.note.texts, agreement.assumption.texts) == (
        {"sv": "Enligt källan."},
        {"en": "Assumed.", "sv": "Antaget."},
    )


@pytest.mark.parametrize(
    ("head", "where", "code", "message"),
    [
        (
            'note: {en: "In English.", se: "På svenska."}',
            "5:27",
            "schema-unknown-key",
            "note: unknown language 'se'; a text by language has the keys en and sv "
            "(or write it as plain text, in the file's language)",
        ),
        (
            "note: {}",
            "5:7",
            "schema-type",
            'note: an empty mapping: write the text, or give it by language: {en: "…", sv: "…"}',
        ),
        ('note: {en: ""}', "5:12", "schema-type", "note.en: must not be empty"),
        ("language: svenska", "5:11", "schema-type", "language: expected one of en, sv, got the text 'svenska'"),
    ],
)
def test_a_text_by_language_is_refused_where_it_is_wrong_with_the_fix(tmp_path, head, where, code, message):
    loaded, problems = read(tmp_path, agreement_yaml(head=head))
    assert loaded is None
    assert [(f"{p.line}:{p.column}", p.code, p.message) for p in problems] == [(where, code, message)]


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


#: Two keys of one mapping that YAML 1.2's core schema reads as one value, and the words of the message.
SAME_VALUE_KEYS = {
    ("1", "0x1"): "YAML 1.2 reads both as the number 1",
    ("8", "0o10"): "YAML 1.2 reads both as the number 8",
    ("1", "01"): "YAML 1.2 reads both as the number 1",
    ("true", "TRUE"): "YAML 1.2 reads both as the yes/no value true",
    ("False", "false"): "YAML 1.2 reads both as the yes/no value false",
    ("null", "~"): "YAML 1.2 reads both as null (nothing)",
    ("Null", "NULL"): "YAML 1.2 reads both as null (nothing)",
    ("1.0", "1e0"): "YAML 1.2 reads both as the number 1.0",
    ("1.5", "15e-1"): "YAML 1.2 reads both as the number 1.5",
    (".inf", "+.INF"): "YAML 1.2 reads both as the number inf",
    ('!!int "0x10"', "16"): "YAML 1.2 reads both as the number 16",
    ('!!bool "True"', "true"): "YAML 1.2 reads both as the yes/no value true",
}
#: Keys that only look alike: YAML 1.2 reads them as different values (and vardmedel as different texts).
DIFFERENT_KEYS = [
    ("0x1_0", "16"),  # no '_' in YAML 1.2 numbers: the text '0x1_0'
    ("0o8", "8"),  # no octal digit 8: text
    ("!!str 1", "0x1"),  # the text '1' and the number 1
    ("'0x1'", "1"),  # quoted: text
    ("0X1", "1"),  # only a small x makes a hexadecimal number
]


def keys_file(tmp_path, first: str, second: str) -> Path:
    """An agreement with *first* and *second* as keys of one shares table, on lines 13 and 14."""
    rule = "\n          shares:\n            " + f"{first}: 1\n            {second}: 2"
    path = tmp_path / "2022-x.yaml"
    path.write_text(agreement_yaml(rule=rule.rstrip()), encoding="utf-8")
    return path


@pytest.mark.parametrize("keys", list(SAME_VALUE_KEYS), ids=" and ".join)
def test_keys_yaml_1_2_reads_as_one_value_are_duplicates(cli, tmp_path, keys):
    first, second = keys
    result = cli("check", keys_file(tmp_path, first, second))
    assert result.exit_code == 1
    shown_first = first.split(" ")[-1].strip('"')
    expected = (
        f"2022-x.yaml:14:13: error: duplicate key {second!r} (first at line 13, written {shown_first!r}: "
        f"{SAME_VALUE_KEYS[keys]}); YAML would silently keep only the last, so remove or rename one [yaml-duplicate-key]"
    )
    assert expected in result.output.replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("keys", DIFFERENT_KEYS, ids=" and ".join)
def test_keys_that_only_look_alike_are_not_duplicates(cli, tmp_path, keys):
    result = cli("check", keys_file(tmp_path, *keys))
    assert result.exit_code == 1  # neither is a recipient
    assert "[unknown-recipient]" in result.output
    assert "yaml-duplicate-key" not in result.output


def test_an_empty_key_and_a_null_key_are_duplicates():
    document = load("m:\n  ?\n  : 1\n  ~: 2\n")
    assert [(i.code, i.position, i.message.split(";")[0]) for i in document.issues] == [
        (
            "yaml-duplicate-key",
            Position(4, 3),
            "duplicate key '~' (first at line 2, written '': YAML 1.2 reads both as null (nothing))",
        ),
    ]
