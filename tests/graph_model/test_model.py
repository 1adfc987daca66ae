"""The model declarations, validated without a database."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graph_model.cypher_catalogue import cypher, cypher_names
from graph_model.kinds import NodeLabel, RelType, SourceSystem
from graph_model.nodes import Person, Place, is_valid_nhs_number
from graph_model.registry import (
    NODE_KINDS,
    RELATIONSHIP_KINDS,
    SERVICE_NODE_KINDS,
    SERVICE_RELATIONSHIP_KINDS,
)
from graph_model.relationships import AssociatedWith
from graph_model.schema import SchemaItemKind, declared_schema
from tests.graph_model.examples import example_nodes, example_relationships

PROVENANCE = {"source_system": SourceSystem.POLICE_RECORDS, "source_record_id": "R1"}


def _with_check_digit(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else nine + str(check)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_nhs_numbers_with_a_correct_check_digit_are_valid(nine: str) -> None:
    number = _with_check_digit(nine)
    if number is None:
        return  # no valid check digit exists for this stem
    assert is_valid_nhs_number(number)
    wrong = number[:9] + str((int(number[9]) + 1) % 10)
    assert not is_valid_nhs_number(wrong)


def test_person_rejects_a_bad_nhs_number() -> None:
    with pytest.raises(ValidationError, match="nhs_number"):
        Person(id="p", given_names="A", nhs_number="1234567890", **PROVENANCE)


def test_person_needs_a_name() -> None:
    with pytest.raises(ValidationError, match="at least one of"):
        Person(id="p", **PROVENANCE)


def test_birth_date_in_the_future_is_impossible() -> None:
    with pytest.raises(ValidationError, match="in the future"):
        Person(
            id="p",
            family_name="X",
            date_of_birth=date.today() + timedelta(days=1),
            **PROVENANCE,
        )


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="extra"):
        Person(id="p", family_name="X", favourite_colour="red", **PROVENANCE)


def test_postcodes_are_normalised_and_checked() -> None:
    assert Place(id="x", postcode="wr11aa", **PROVENANCE).postcode == "WR1 1AA"
    with pytest.raises(ValidationError, match="not a UK postcode"):
        Place(id="x", postcode="12345", **PROVENANCE)


def test_dated_relationships_keep_their_period_in_order() -> None:
    with pytest.raises(ValidationError, match="before since"):
        AssociatedWith(
            source_id="a",
            target_id="b",
            kind="partner",
            since=date(2024, 1, 2),
            until=date(2024, 1, 1),
            **PROVENANCE,
        )


def test_every_label_and_type_has_a_model() -> None:
    assert set(NODE_KINDS) | set(SERVICE_NODE_KINDS) == set(NodeLabel)
    assert not set(NODE_KINDS) & set(SERVICE_NODE_KINDS)
    relationships = (*RELATIONSHIP_KINDS, *SERVICE_RELATIONSHIP_KINDS)
    assert {rel.spec.type for rel in relationships} == set(RelType)


def test_examples_cover_every_kind() -> None:
    nodes = example_nodes("x-")
    assert {type(node) for node in nodes.values()} == set(NODE_KINDS.values())
    assert {type(rel) for rel in example_relationships(nodes)} == set(RELATIONSHIP_KINDS)


def test_schema_files_match_the_declarations_exactly() -> None:
    items = declared_schema()
    assert {f"schema/{item.name}" for item in items} == set(cypher_names("schema"))
    for item in items:
        text = cypher(f"schema/{item.name}")
        assert f"{item.name} IF NOT EXISTS" in text
        assert f"(n:{item.label})" in text
        for prop in item.properties:
            assert f"n.{prop}" in text
        if item.kind is SchemaItemKind.UNIQUENESS:
            assert "IS UNIQUE" in text


def test_count_statements_cover_every_label_and_type() -> None:
    labels = re.findall(r"MATCH \(n:(\w+)\)", cypher("admin/count_nodes_by_label"))
    assert labels == [label.value for label in NodeLabel]
    types = re.findall(r"\[r:(\w+)\]", cypher("admin/count_relationships_by_type"))
    assert types == [rel_type.value for rel_type in RelType]


def test_no_python_module_formats_cypher() -> None:
    """Cypher lives in .cypher files; no module builds a statement with f-strings or format."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    keywords = re.compile(r"""f["'][^"']*\b(MATCH|MERGE|CREATE|DELETE|RETURN)\b""")
    offenders = [
        str(path.relative_to(root))
        for package in (
            "graph_model",
            "governance",
            "ingest",
            "queries",
            "api",
            "visualisation",
            "linkwatch",
        )
        for path in (root / package).rglob("*.py")
        if keywords.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


BIDI = "\u202e\u2066\u200f"  # right-to-left override, left-to-right isolate, right-to-left mark


def test_bidirectional_controls_are_removed_from_names_and_free_text() -> None:
    nodes = example_nodes("bidi-")
    person = nodes["victim"].model_copy(update={}).model_dump()
    person.update(given_names=f"{BIDI}Ann", family_name=f"Lee{BIDI}", aliases=[f"A{BIDI}nnie"])
    cleaned = type(nodes["victim"]).model_validate(person)
    assert (cleaned.given_names, cleaned.family_name, cleaned.aliases) == ("Ann", "Lee", ["Annie"])
    death = nodes["death"].model_dump()
    death["circumstances"] = f"Found by {BIDI}neighbour\u202c at 07:00"
    assert type(nodes["death"]).model_validate(death).circumstances == (
        "Found by neighbour at 07:00"
    )
    # A name made only of controls is no name at all.
    person.update(given_names=BIDI)
    with pytest.raises(ValidationError, match="given_names"):
        type(nodes["victim"]).model_validate(person)
