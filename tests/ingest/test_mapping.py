"""Mappings: validation with line numbers, and value evaluation, without a database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_model.errors import InvalidInput, NotFound
from ingest.mapping.loader import BUILT_IN, detect_mapping, load_mapping, parse_mapping
from ingest.mapping.spec import ValueSpec
from ingest.mapping.values import ValueProblem, evaluate

POLE = Path(__file__).resolve().parents[1] / "data" / "pole"

GOOD = """\
name: test
source_system: police_records
files:
  - name: crimes
    path: crimes.csv
    record_id: ref
    nodes:
      - kind: Incident
        key: {template: "incident:{ref}"}
        properties:
          occurred_on: {column: when, date_format: "%d/%m/%Y"}
"""


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_mappings_are_valid(name: str) -> None:
    mapping = load_mapping(name)
    assert mapping.name == name and mapping.files


def test_a_valid_mapping_parses() -> None:
    mapping = parse_mapping(GOOD, origin="test.yaml")
    assert mapping.files[0].required_columns() == ["ref", "when"]


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("kind: Incident", "kind: Crime"), 8, "kind"),
        (GOOD.replace("occurred_on:", "occured_on:"), 11, "no properties ['occured_on']"),
        (
            GOOD.replace('{column: when, date_format: "%d/%m/%Y"}', "{column: when, value: 3}"),
            11,
            "exactly one",
        ),
        (GOOD.replace("record_id: ref", "record_idd: ref"), 4, "record_id"),
        (GOOD.replace("name: crimes", "name: Crimes!"), 4, "name"),
        (
            GOOD + "          category: {column: c, codes: {VIOL: violence, viol: drugs}}\n",
            12,
            "differ only in case or spaces",
        ),
    ],
)
def test_mapping_errors_name_the_line(broken: str, line: int, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    message = str(caught.value)
    assert message.startswith("force.yaml is not a valid mapping")
    assert f"line {line}" in message, message
    assert words in message
    assert any(detail["line"] == str(line) for detail in caught.value.details)


def test_yaml_syntax_errors_name_the_line() -> None:
    with pytest.raises(InvalidInput, match=r"force.yaml line 2: not valid YAML"):
        parse_mapping("name: x\nfiles: a: b\n", origin="force.yaml")


def test_unknown_mapping_names_are_refused() -> None:
    with pytest.raises(NotFound, match="neither a built-in mapping"):
        load_mapping("athena-v9")


def test_layouts_are_detected(tmp_path: Path) -> None:
    assert detect_mapping(POLE).name == "pole"
    with pytest.raises(NotFound, match="No built-in mapping recognises"):
        detect_mapping(tmp_path)


def _value(spec: dict, row: dict[str, str]):
    return evaluate(ValueSpec.model_validate(spec), row)


def test_values_are_parsed_translated_and_split() -> None:
    row = {
        "d": "29/02/2024",
        "code": "8P/1",
        "markers": "STRANG; TTK",
        "name": "SMITH-JONES, Mary Ann",
        "n": "12",
    }
    assert _value({"column": "d", "date_format": "%d/%m/%Y"}, row) == date(2024, 2, 29)
    assert (
        _value({"column": "code", "codes": {"8P/1": "non_fatal_strangulation"}}, row)
        == "non_fatal_strangulation"
    )
    assert _value(
        {
            "column": "markers",
            "split": ";",
            "codes": {"STRANG": "strangulation", "TTK": "threats_to_kill"},
        },
        row,
    ) == ["strangulation", "threats_to_kill"]
    split = {"layout": "family, given", "part": "family"}
    assert _value({"column": "name", "split_name": split}, row) == "Smith-Jones"
    assert _value({"column": "name", "split_name": {**split, "part": "given"}}, row) == "Mary Ann"
    assert _value({"column": "n", "type": "int"}, row) == 12
    assert _value({"column": "missing"}, row) is None
    assert _value({"value": "nhs"}, row) == "nhs"


def test_codes_match_whatever_their_case_and_spacing() -> None:
    spec = {"column": "role", "codes": {"Found by": "found_by", "Informant": "reported_by"}}
    for written in ("Found by", "FOUND BY", "  found   By ", "informant"):
        assert _value(spec, {"role": written}) in ("found_by", "reported_by"), written
    assert _value({**spec, "split": ";"}, {"role": "FOUND BY; informant"}) == [
        "found_by",
        "reported_by",
    ]
    # Case and spaces only: a different word is still an unknown code, named as written.
    with pytest.raises(ValueProblem, match="unknown code 'Found-by'"):
        _value(spec, {"role": "Found-by"})


def test_bad_values_say_what_and_why() -> None:
    with pytest.raises(ValueProblem, match="not a date in the format %d/%m/%Y"):
        _value({"column": "d", "date_format": "%d/%m/%Y"}, {"d": "31/02/2024"})
    with pytest.raises(ValueProblem, match="unknown code 'XX'"):
        _value({"column": "c", "codes": {"A": 1}}, {"c": "XX"})
    assert (
        _value(
            {"column": "c", "codes": {"A": 1}, "unknown_codes": "default", "default": 0},
            {"c": "XX"},
        )
        == 0
    )


def test_formula_and_html_payloads_stay_plain_text() -> None:
    for payload in ('=HYPERLINK("http://x","click")', "<img src=x onerror=alert(1)>", "@SUM(1+1)"):
        assert _value({"column": "c"}, {"c": payload}) == payload
