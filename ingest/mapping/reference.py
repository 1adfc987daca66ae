"""The reference of the mapping language and of every code list, generated from the model.

``linkwatch mapping reference --out docs/mapping-reference.md`` writes it; a test regenerates
it and fails when the committed file differs, so the reference cannot drift from the
declarations it is made from: the mapping models (:mod:`ingest.mapping.spec`), the node and
relationship kinds (:mod:`graph_model.registry`), the person-record fields, the enums of
:mod:`graph_model.kinds`, the built-in source systems and the built-in mappings.
"""

from __future__ import annotations

import inspect
import typing
from enum import Enum

from pydantic import BaseModel, StringConstraints, ValidationError

from graph_model import kinds
from graph_model.base import GraphNode, GraphRelationship
from graph_model.codes import CODE_SYNONYMS
from graph_model.kinds import NodeLabel
from graph_model.nodes import Person
from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS
from graph_model.source_systems import BUILT_IN_SYSTEMS, SystemName
from ingest.mapping.loader import BUILT_IN, load_mapping
from ingest.mapping.markdown import (
    cell,
    constraints_of,
    default_of,
    member_comments,
    paragraphs,
    slug,
    type_of,
)
from ingest.mapping.spec import (
    PERSON_RECORD_FIELDS,
    Condition,
    EndSpec,
    Extraction,
    FileMapping,
    Mapping,
    NodeMapping,
    NullPattern,
    PersonRecordMapping,
    RelationshipMapping,
    SourceSystemDeclaration,
    SplitName,
    ValueSpec,
)
from ingest.persons import LINKAGE_FIELDS

__all__ = ["DOCUMENT", "LANGUAGE_MODELS", "REFRESH", "code_lists", "render_reference"]

#: Where the reference is kept in the repository, and the command that writes it.
DOCUMENT = "docs/mapping-reference.md"
REFRESH = f"linkwatch mapping reference --out {DOCUMENT}"

#: The models of the mapping language, from the whole file down to one value.
LANGUAGE_MODELS: tuple[type[BaseModel], ...] = (
    Mapping,
    SourceSystemDeclaration,
    FileMapping,
    Extraction,
    NodeMapping,
    PersonRecordMapping,
    RelationshipMapping,
    EndSpec,
    ValueSpec,
    SplitName,
    NullPattern,
    Condition,
)


def code_lists() -> list[type[Enum]]:
    """Every enum of :mod:`graph_model.kinds`, sorted by name."""
    found = [getattr(kinds, name) for name in kinds.__all__]
    return sorted((item for item in found if issubclass(item, Enum)), key=lambda e: e.__name__)


def _node_models() -> list[type[GraphNode]]:
    return sorted(NODE_KINDS.values(), key=lambda model: model.spec.label.value)


def _relationship_models() -> list[type[GraphRelationship]]:
    return sorted(RELATIONSHIP_KINDS, key=lambda model: model.__name__)


def _why_not_mapped(label: NodeLabel) -> str | None:
    """Why a mapping cannot make nodes of this kind (the mapping language's own answer)."""
    try:
        NodeMapping.model_validate({"kind": label.value, "key": "id"})
    except ValidationError as error:
        return "; ".join(issue["msg"].removeprefix("Value error, ") for issue in error.errors())
    return None


def _anchors() -> dict[str, str]:
    """Model, node-kind and enum name -> its section's anchor (unique, or it is a bug)."""
    names = [model.__name__ for model in LANGUAGE_MODELS]
    names += [model.spec.label.value for model in _node_models()]
    names += [model.__name__ for model in _relationship_models()]
    names += [enum.__name__ for enum in code_lists()]
    headings = [*_SECTIONS, *names]
    anchors = [slug(heading) for heading in headings]
    twice = sorted({anchor for anchor in anchors if anchors.count(anchor) > 1})
    if twice:
        raise ValueError(f"the reference would have two sections with the anchors {twice}")
    return {name: slug(name) for name in names}


#: Where the mapping language checks a name against the model, the type says which names.
_TYPE_WORDS: dict[tuple[type[BaseModel], str], str] = {
    (NodeMapping, "properties"): "map of a property of the [node kind](#node-kinds) to "
    "[ValueSpec](#valuespec)",
    (PersonRecordMapping, "fields"): "map of a [person-record field](#person-record-fields) "
    "to [ValueSpec](#valuespec)",
    (RelationshipMapping, "kind"): "[relationship kind](#relationship-kinds) name",
    (RelationshipMapping, "properties"): "map of a property of the "
    "[relationship kind](#relationship-kinds) to [ValueSpec](#valuespec)",
}

_SYSTEM_NAME: StringConstraints = typing.get_args(SystemName)[1]

_SECTIONS = (
    "Contents",
    "The mapping file",
    "Node kinds",
    "Relationship kinds",
    "Person-record fields",
    "Source systems",
    "Code lists",
    "Built-in mappings",
)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines


def _field_rows(
    model: type[BaseModel], names: list[str], anchors: dict[str, str]
) -> list[tuple[str, ...]]:
    rows = []
    for name in names:
        field = model.model_fields[name]
        kind = _TYPE_WORDS.get((model, name)) or type_of(
            field.annotation, list(field.metadata), anchors
        )
        rows.append(
            (
                f"`{name}`",
                kind,
                default_of(field),
                constraints_of(field),
                paragraphs(field.description),
            )
        )
    return rows


def _language(anchors: dict[str, str]) -> list[str]:
    out = [
        "## The mapping file",
        "",
        "A mapping is one YAML file, validated into these models before anything is written; "
        "a mistake is reported with its line. Unknown fields are refused. Where a value is "
        f"expected ([ValueSpec](#{anchors['ValueSpec']})), a plain string is short for "
        "`{column: ...}`. `linkwatch mapping check MAPPING PATH...` tries a mapping on files "
        "without loading them.",
        "",
    ]
    for model in LANGUAGE_MODELS:
        out += [f"### {model.__name__}", "", paragraphs(model.__doc__), ""]
        out += _table(
            ("Field", "Type", "Default", "Constraints", "Description"),
            _field_rows(model, list(model.model_fields), anchors),
        )
        out.append("")
    return out


def _checks(model: type[BaseModel], field: str) -> list[str]:
    decorators = model.__pydantic_decorators__.field_validators.values()
    return [
        item.cls_var_name.strip("_").replace("_", " ")
        for item in decorators
        if field in item.info.fields
    ]


def _settable(model: type[GraphNode] | type[GraphRelationship]) -> list[str]:
    base = GraphNode if issubclass(model, GraphNode) else GraphRelationship
    return [name for name in model.model_fields if name not in base.model_fields]


def _property_table(
    model: type[GraphNode] | type[GraphRelationship], anchors: dict[str, str]
) -> list[str]:
    rows = []
    for name, kind, default, constraints, description in _field_rows(
        model, _settable(model), anchors
    ):
        checks = _checks(model, name.strip("`"))
        if checks:
            constraints = "; ".join(
                [c for c in (constraints, "checked: " + ", ".join(checks)) if c]
            )
        rows.append((name, kind, default, constraints, description))
    return _table(("Property", "Type", "Default", "Constraints", "Description"), rows)


def _values_of(enum: type[Enum]) -> str:
    return ", ".join(f"`{member.value}`" for member in enum)


def _node_kinds(anchors: dict[str, str]) -> list[str]:
    loader_set = [name for name in GraphNode.model_fields if name not in {"marking", "id"}]
    marking = GraphNode.model_fields["marking"]
    out = [
        "## Node kinds",
        "",
        f"A [NodeMapping](#{anchors['NodeMapping']}) makes nodes of one kind: `kind` is the "
        "label, `key` becomes the node's `id`, and `properties` set the properties below. "
        "A row is quarantined, saying why, when a **required** property has no value or a "
        "value breaks a constraint or a check. Every "
        f"kind also takes `marking` ({type_of(marking.annotation, [], anchors)}, one of "
        f"{_values_of(kinds.ProtectiveMarking)}; default {default_of(marking)}). The loader "
        "sets " + ", ".join(f"`{name}`" for name in loader_set) + "; a mapping cannot.",
        "",
    ]
    for model in _node_models():
        label = model.spec.label
        out += [f"### {label.value}", "", paragraphs(model.__doc__), ""]
        refused = _why_not_mapped(label)
        whole = [
            name.strip("_").replace("_", " ")
            for name in model.__pydantic_decorators__.model_validators
        ]
        facts = [f"Model `{model.__module__}.{model.__name__}`"]
        indexed = [*model.spec.range_indexes, *model.spec.fulltext]
        if model.spec.point_index:
            indexed.append(model.spec.point_index)
        if indexed:
            facts.append("indexed: " + ", ".join(f"`{name}`" for name in dict.fromkeys(indexed)))
        if whole:
            facts.append("whole-node checks: " + ", ".join(whole))
        out += ["; ".join(facts) + ".", ""]
        if refused:
            out += [f"Not made by a mapping: {refused}.", ""]
            continue
        out += _property_table(model, anchors)
        out.append("")
    return out


def _relationship_kinds(anchors: dict[str, str]) -> list[str]:
    models = _relationship_models()
    out = [
        "## Relationship kinds",
        "",
        f"A [RelationshipMapping](#{anchors['RelationshipMapping']}) names its `kind` by the "
        "name in the first column. Its `source` and `target` are node keys or, where that end "
        "is a Person, person-record keys (the end is then the person the record resolves "
        "to). Provenance is set by the loader as for nodes; `marking` may be set.",
        "",
    ]
    rows = []
    for model in models:
        spec = model.spec
        rows.append(
            (
                f"[{model.__name__}](#{anchors[model.__name__]})",
                f"`{spec.type.value}`",
                f"[{spec.source.value}](#{anchors[spec.source.value]}) → "
                f"[{spec.target.value}](#{anchors[spec.target.value]})",
                ", ".join(f"`{name}`" for name in _settable(model)) or "none",
            )
        )
    out += _table(("Kind", "Type", "Source → target", "Properties"), rows)
    out.append("")
    for model in models:
        spec = model.spec
        person_ends = [
            end for end, label in (("source", spec.source), ("target", spec.target))
            if label is NodeLabel.PERSON
        ]  # fmt: skip
        facts = [f"`({spec.source.value})-[:{spec.type.value}]->({spec.target.value})`"]
        if spec.merge_keys:
            keys = ", ".join(f"`{name}`" for name in spec.merge_keys)
            facts.append(f"one relationship per pair of ends and {keys}")
        if person_ends:
            facts.append(f"person_record allowed at the {' and '.join(person_ends)}")
        out += [f"### {model.__name__}", "", paragraphs(model.__doc__), ""]
        out += ["; ".join(facts) + ".", ""]
        if _settable(model):
            out += _property_table(model, anchors)
            out.append("")
    return out


def _record_rule() -> str:
    """What every person record must give, as the mapping language itself says it."""
    try:
        PersonRecordMapping.model_validate({"key": "key", "fields": {"sex": "sex"}})
    except ValidationError as error:
        return error.errors()[0]["msg"].removeprefix("Value error, ")
    raise ValueError("a person record with neither name was accepted")


def _person_records(anchors: dict[str, str]) -> list[str]:
    out = [
        "## Person-record fields",
        "",
        paragraphs(PersonRecordMapping.__doc__),
        "",
        f"The `fields` of a [PersonRecordMapping](#{anchors['PersonRecordMapping']}) are "
        f"these ({_record_rule()}). Record linkage compares the fields marked so; the "
        "resolved person takes, per property, the value most of their records agree on.",
        "",
    ]
    rows = []
    for name in PERSON_RECORD_FIELDS:
        person_field = Person.model_fields.get(name)
        kept = (
            f"`Person.{name}`: {type_of(person_field.annotation, [], anchors)}"
            if person_field
            else "not kept on the Person"
        )
        rows.append((f"`{name}`", "yes" if name in LINKAGE_FIELDS else "no", kept))
    out += _table(("Field", "Compared by record linkage", "On the resolved person"), rows)
    out.append("")
    return out


def _source_systems(anchors: dict[str, str]) -> list[str]:
    declaration = anchors["SourceSystemDeclaration"]
    out = [
        "## Source systems",
        "",
        paragraphs(kinds.SourceSystem.__doc__),
        "",
        f"Built-in systems (declare others under `source_systems:`, see "
        f"[SourceSystemDeclaration](#{declaration})). Each system has a "
        f"[Sector](#{anchors['Sector']}): {_values_of(kinds.Sector)}. A system's name "
        f"matches `{_SYSTEM_NAME.pattern}`.",
        "",
    ]
    rows = [
        (f"`{name}`", organisation, f"`{sector.value}`")
        for name, (organisation, sector) in sorted(BUILT_IN_SYSTEMS.items())
    ]
    out += _table(("System", "Organisation", "Sector"), rows)
    out.append("")
    return out


def _users_of(enum: type[Enum]) -> list[str]:
    users = []
    owners: list[tuple[str, type[BaseModel], list[str]]] = [
        (model.__name__, model, list(model.model_fields)) for model in LANGUAGE_MODELS
    ]
    owners += [(model.spec.label.value, model, _settable(model)) for model in _node_models()]
    owners += [(model.__name__, model, _settable(model)) for model in _relationship_models()]
    for owner, model, names in owners:
        users += [
            f"`{owner}.{name}`"
            for name in names
            if _mentions(model.model_fields[name].annotation, enum)
        ]
    return users


def _mentions(annotation: object, enum: type[Enum]) -> bool:
    if annotation is enum:
        return True
    return any(_mentions(argument, enum) for argument in getattr(annotation, "__args__", ()))


def _code_lists(anchors: dict[str, str]) -> list[str]:
    out = [
        "## Code lists",
        "",
        "Every controlled vocabulary of the graph (`graph_model/kinds.py`). A mapping writes "
        "these values, translating a source's own codes with `codes:` in a value. A value "
        "that is already one of these codes matches it whatever its case, and whether its "
        "words are joined by spaces, hyphens or underscores (`Licensed Premises` is "
        "`licensed_premises`), and so does each synonym listed after a code "
        "(`graph_model/codes.py`).",
        "",
    ]
    for enum in code_lists():
        out += [f"### {enum.__name__}", "", paragraphs(enum.__doc__), ""]
        users = _users_of(enum)
        if users:
            out += ["Used by " + ", ".join(users) + ".", ""]
        comments = member_comments(enum)
        synonyms = CODE_SYNONYMS.get(enum, {})  # type: ignore[call-overload]
        for member in enum:
            meaning = comments.get(member.name)
            also = sorted(word for word, code in synonyms.items() if code is member)
            line = f"- `{member.value}`" + (f": {meaning}" if meaning else "")
            if also:
                line += " (also " + ", ".join(f"`{word}`" for word in also) + ")"
            out.append(line)
        out.append("")
    return out


def _built_in_mappings() -> list[str]:
    out = [
        "## Built-in mappings",
        "",
        "Usable by name with `--mapping NAME`; the files are in `ingest/mappings/`. A mapping "
        "that lists `detect` files is chosen automatically for a delivery holding any of its "
        "files.",
        "",
    ]
    rows = []
    for name in sorted(BUILT_IN):
        mapping = load_mapping(name)
        rows.append(
            (
                f"`{name}`",
                mapping.description,
                ", ".join(f"`{source.name}`" for source in mapping.files),
                "yes" if mapping.detect else "no",
            )
        )
    out += _table(("Mapping", "Description", "Sources", "Detected"), rows)
    out.append("")
    return out


def _contents(anchors: dict[str, str]) -> list[str]:
    def entry(name: str, depth: int = 0) -> str:
        return f"{'  ' * depth}- [{name}](#{slug(name)})"

    out = ["## Contents", "", entry("The mapping file")]
    out += [entry(model.__name__, 1) for model in LANGUAGE_MODELS]
    out.append(entry("Node kinds"))
    out += [entry(model.spec.label.value, 1) for model in _node_models()]
    out.append(entry("Relationship kinds"))
    out += [entry(model.__name__, 1) for model in _relationship_models()]
    out += [entry("Person-record fields"), entry("Source systems"), entry("Code lists")]
    out += [entry(enum.__name__, 1) for enum in code_lists()]
    out += [entry("Built-in mappings"), ""]
    return out


def render_reference() -> str:
    """The whole reference, as Markdown: the same text every time for the same model.

    Returns
    -------
    str
        The Markdown document (``docs/mapping-reference.md``).

    Raises
    ------
    ValueError
        If two sections would share an anchor (two declarations with one name).
    """
    anchors = _anchors()
    lines = [
        "# Mapping language reference",
        "",
        f"Generated from the model declarations by `{REFRESH}`: do not edit it by hand. A test "
        "fails when it differs from what the declarations say. Worked examples: "
        "[mapping-examples.md](mapping-examples.md).",
        "",
        inspect.cleandoc(
            """
            A mapping says how one layout of extracts becomes the graph: which files it
            reads, and how each row becomes nodes, person records (resolved into people by
            record linkage) and relationships. Below: every field of the mapping file, every
            node and relationship kind with the properties a mapping can set, the
            person-record fields, the source systems, every code list and the built-in
            mappings.
            """
        ),
        "",
    ]
    lines += _contents(anchors)
    lines += _language(anchors)
    lines += _node_kinds(anchors)
    lines += _relationship_kinds(anchors)
    lines += _person_records(anchors)
    lines += _source_systems(anchors)
    lines += _code_lists(anchors)
    lines += _built_in_mappings()
    return "\n".join(lines).rstrip("\n") + "\n"
