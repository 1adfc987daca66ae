"""The store's per-kind Cypher is generated from the model: the files are what it makes."""

from __future__ import annotations

import dataclasses
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from graph_model.base import GraphNode, GraphRelationship, NodeSpec, RelSpec
from graph_model.cypher_catalogue import cypher, cypher_names
from graph_model.cypher_generation import model_cypher, node_cypher, relationship_cypher
from graph_model.cypher_templates import (
    TemplateValueError,
    differences,
    render,
    run,
    write,
)
from graph_model.kinds import NodeLabel, RelType, Sex
from graph_model.nodes import Person
from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS


def test_the_generated_files_are_what_the_templates_make() -> None:
    found = differences(model_cypher())
    assert not found, "Run `make cypher` (the files differ from their templates):\n" + "\n".join(
        found
    )


def test_every_per_kind_file_belongs_to_a_declared_kind() -> None:
    """A kind removed from the model leaves no statement behind."""
    generated = {statement.name for statement in model_cypher()}
    assert set(cypher_names("nodes")) | set(cypher_names("relationships")) == generated


def test_every_kind_the_store_writes_has_its_statements_by_the_names_the_store_uses() -> None:
    names = {statement.name for statement in model_cypher()}
    stored = [kind for kind in NODE_KINDS.values() if kind.spec.upserted_by_store]
    assert len(names) == 2 * len(stored) + 2 * len(RELATIONSHIP_KINDS)
    assert {"nodes/merge_object", "nodes/get_object"} <= names  # by label, not by model name
    assert {"relationships/merge_party_to_death", "relationships/get_party_to_death"} <= names


def test_each_file_says_it_is_generated_and_how() -> None:
    first = cypher("relationships/merge_lives_at").splitlines()[0]
    assert first == (
        "// Generated from graph_model/cypher/templates/relationship_merge.cypher by "
        "`make cypher`; edit the template, not this file."
    )


def test_a_kind_written_by_its_own_cypher_gets_no_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class ServiceRecord(GraphNode):
        spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.LOAD_RUN, upserted_by_store=False)

    monkeypatch.setattr(
        "graph_model.cypher_generation.NODE_KINDS",
        {NodeLabel.PERSON: Person, NodeLabel.LOAD_RUN: ServiceRecord},
    )
    names = {statement.name for statement in model_cypher()}
    assert {"nodes/merge_person", "nodes/get_person"} <= names
    assert not any(name.startswith("nodes/") and "person" not in name for name in names)


class _TwoKeyTie(GraphRelationship):
    spec: ClassVar[RelSpec] = RelSpec(
        RelType.ASSOCIATED_WITH,
        NodeLabel.PERSON,
        NodeLabel.PLACE,
        merge_keys=("kind", "since"),
        accumulates_via_records=True,
    )


class _PlainTie(GraphRelationship):
    spec: ClassVar[RelSpec] = RelSpec(RelType.WITHIN, NodeLabel.PLACE, NodeLabel.PLACE)


def test_the_declaration_not_the_name_decides_what_a_relationship_statement_does() -> None:
    merge, get = (statement.text for statement in relationship_cypher(_TwoKeyTie))
    assert "MATCH (target:Place {id: row.target_id})" in merge
    assert "[r:ASSOCIATED_WITH {kind: row.properties.kind, since: row.properties.since}]" in merge
    assert "r.via_records AS old_via" in merge
    assert "[v IN coalesce(old_via, [])" in merge
    assert "[r:ASSOCIATED_WITH]->(:Place {id: $target_id})" in get
    plain = relationship_cypher(_PlainTie)[0].text
    assert "-[r:WITHIN]->(target)" in plain
    assert "via_records" not in plain
    assert "unchanged\nFOREACH" in plain


def test_a_node_kind_keyed_on_another_property_is_refused() -> None:
    class ByName(GraphNode):
        spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.ORGANISATION, key="name")

    with pytest.raises(TemplateValueError, match="ByName is keyed on 'name'"):
        node_cypher(ByName)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Person) DETACH DELETE (n", "is not an identifier"),
        (Sex.MALE, "is not a node label or a relationship type"),
        (1.5, "a float cannot fill a template"),
        (("Person", "x y"), "is not an identifier"),
    ],
)
def test_only_allow_listed_values_fill_a_template(value: object, problem: str) -> None:
    with pytest.raises(
        TemplateValueError, match=f"template 'node_get', value 'label': .*{problem}"
    ):
        render("graph_model", "node_get", "nodes/get_x", label=value)


def test_a_value_the_template_needs_and_lacks_is_named() -> None:
    with pytest.raises(TemplateValueError, match=r"node_merge.cypher: 'model' is undefined"):
        render("graph_model", "node_merge", "nodes/merge_x", label=NodeLabel.PERSON)


def test_a_stale_or_missing_file_is_named_with_its_diff() -> None:
    merge_person = node_cypher(Person)[0]
    edited = dataclasses.replace(merge_person, text=merge_person.text + "// one more line\n")
    missing = dataclasses.replace(merge_person, name="nodes/merge_nobody")
    stale, absent = differences([edited, missing])
    assert "--- graph_model/cypher/nodes/merge_person.cypher (on disk)" in stale
    assert "+// one more line" in stale
    assert (
        absent == "graph_model/cypher/nodes/merge_nobody.cypher is missing (template node_merge)."
    )


@pytest.fixture
def scratch_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A package of its own with one template, so writing touches no real file."""
    name = f"scratch_{uuid.uuid4().hex}"
    templates = tmp_path / name / "cypher" / "templates"
    templates.mkdir(parents=True)
    (tmp_path / name / "__init__.py").write_text("")
    (templates / "count.cypher").write_text(
        "{# counts one label #}\nMATCH (n:{{ label }})\nRETURN count(n) AS n\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    sys.modules.pop(name, None)


def test_the_command_writes_then_checks(
    scratch_package: str, capsys: pytest.CaptureFixture[str]
) -> None:
    statements = [render(scratch_package, "count", "admin/count_deaths", label=NodeLabel.DEATH)]
    assert run(statements, ["--check"]) == 1
    assert "admin/count_deaths.cypher is missing" in capsys.readouterr().out
    assert run(statements, []) == 0
    path = statements[0].path
    assert path.read_text() == (
        f"// Generated from {scratch_package}/cypher/templates/count.cypher by `make cypher`; "
        "edit the template, not this file.\nMATCH (n:Death)\nRETURN count(n) AS n\n"
    )
    assert run(statements, ["--check"]) == 0
    assert write(statements) == []  # nothing to rewrite
    path.write_text("MATCH (n) DETACH DELETE n\n")
    assert run(statements, ["--check"]) == 1
    assert "-MATCH (n) DETACH DELETE n" in capsys.readouterr().out
