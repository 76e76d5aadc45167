"""``vardmedel schema``: the committed agreements/schema.json is its output, and draft-7 validators agree with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS
from hypothesis import given
from hypothesis import strategies as st

from vardmedel.catalog import BUNDLED
from vardmedel.formatting import format_kr
from vardmedel.textfile import decode
from vardmedel.yamlsource import load

ROOT = Path(__file__).parent.parent
COMMITTED = BUNDLED / "schema.json"
AGREEMENTS = sorted(BUNDLED.glob("*.yaml")) + sorted((Path(__file__).parent / "fixtures" / "agreements").glob("*.yaml"))
#: Corpus files whose problem a schema can see (sums, references and file names it cannot).
SCHEMA_LEVEL = [
    "2022-schema-unknown-key.yaml",
    "2022-schema-missing-key.yaml",
    "2022-schema-type.yaml",
    "2022-text-language.yaml",
    "2022-schema-rule.yaml",
    "2022-amount-float.yaml",
    "2022-amount-not-positive.yaml",
    "2022-amount-invalid.yaml",
    "2022-amount-leading-zero.yaml",
    "2022-amount-too-large.yaml",
    "2022-yes-no-where-numbers-belong.yaml",
    "2022-true-where-text-belongs.yaml",
]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def data_of(path: Path) -> object:
    return load(decode(path.read_bytes())).value


def test_committed_schema_is_what_the_command_prints(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8")
    assert json.loads(result.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_can_be_written_to_a_file(cli, tmp_path):
    target = tmp_path / "schema.json"
    assert cli("schema", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_the_repository_folder_is_the_bundled_one():
    assert (ROOT / "agreements" / "schema.json").read_bytes() == COMMITTED.read_bytes()


@pytest.mark.parametrize("path", AGREEMENTS, ids=[p.name for p in AGREEMENTS])
def test_agreements_validate(validator, path):
    assert [error.message for error in validator.iter_errors(data_of(path))] == []


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_agreement_names_the_schema_for_editors(path):
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=schema.json\n")


@pytest.mark.parametrize("name", SCHEMA_LEVEL)
def test_broken_files_do_not_validate(validator, name):
    assert list(validator.iter_errors(data_of(CORPUS / name)))


def test_published_tables_in_both_spellings_validate(validator):
    data = data_of(BUNDLED / "2020-vardforlopp.yaml")
    pot = data["areas"][0]["pots"][0]
    pot["published"] = {"norra": 10_000_000, "sodra": "10 000 000"}
    assert not list(validator.iter_errors(data))
    pot["published"] = {"rows": {"norra": 10_000_000}, "total": "10 mnkr", "tolerance": 0}
    assert not list(validator.iter_errors(data))
    pot["published"] = {"rows": {"norra": 10_000_000}, "tolerans": 0}
    assert list(validator.iter_errors(data))


def test_a_text_is_plain_or_by_language(validator):
    data = data_of(BUNDLED / "2020-vardforlopp.yaml")
    pot = data["areas"][0]["pots"][0]
    for text in ("Plain text.", {"sv": "Bara svenska."}, {"en": "English.", "sv": "Svenska."}):
        pot["note"] = text
        assert not list(validator.iter_errors(data)), text
    for wrong in ({"se": "Svenska."}, {}, {"en": ""}, 5):
        pot["note"] = wrong
        assert list(validator.iter_errors(data)), wrong
    data["language"] = "sv"
    pot["note"] = "Vanlig text."
    assert not list(validator.iter_errors(data))
    data["language"] = "svenska"
    assert list(validator.iter_errors(data))


def test_two_population_bases_do_not_validate(validator):
    data = data_of(BUNDLED / "2020-vardforlopp.yaml")
    data["areas"][0]["pots"][1]["rule"]["dataset"] = "2018-12-31"
    assert list(validator.iter_errors(data))


@pytest.fixture(scope="module")
def amount_schema(validator):
    return {**validator.schema["definitions"]["Pot"]["properties"]["amount"], "definitions": {}}


@given(st.integers(min_value=1, max_value=10**13))
def test_amount_pattern_admits_what_the_parser_reads(amount_schema, kronor):
    for text in (format_kr(kronor, " "), format_kr(kronor, "\u00a0"), f"{kronor} kr", f"{kronor // 1000 + 1},5 mnkr"):
        jsonschema.validate(text, amount_schema)


@pytest.mark.parametrize("text", ["4.5 mnkr", "-5 mnkr", "012", "0", "fem miljoner", "1 2345", ""])
def test_amount_pattern_refuses_what_the_parser_refuses(amount_schema, text):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(text, amount_schema)
