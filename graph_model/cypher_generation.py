"""The store's per-kind statements, generated from the model declarations.

Each node kind the store writes (``NodeSpec.upserted_by_store``) gets ``nodes/merge_<kind>``
and ``nodes/get_<kind>``; each relationship kind gets ``relationships/merge_<kind>`` and
``relationships/get_<kind>``, from the templates in ``graph_model/cypher/templates/``.
Regenerate them with ``make cypher`` (this module: ``python -m graph_model.cypher_generation``,
``--check`` to compare without writing).
"""

from __future__ import annotations

import sys

from graph_model.base import GraphNode, GraphRelationship
from graph_model.cypher_templates import GeneratedCypher, TemplateValueError, render, run
from graph_model.registry import NODE_KINDS, RELATIONSHIP_KINDS, snake_name

__all__ = ["model_cypher", "node_cypher", "relationship_cypher"]

_PACKAGE = "graph_model"


def node_cypher(kind: type[GraphNode]) -> list[GeneratedCypher]:
    """The upsert and get statements of one node kind.

    Parameters
    ----------
    kind
        A node model the store writes.

    Returns
    -------
    list[GeneratedCypher]
        ``nodes/merge_<kind>`` and ``nodes/get_<kind>``.

    Raises
    ------
    TemplateValueError
        If the kind is not keyed on ``id`` (the templates and the store key nodes on it).
    """
    spec = kind.spec
    if spec.key != "id":
        raise TemplateValueError(
            f"{kind.__name__} is keyed on {spec.key!r}: the store's templates key nodes on 'id'"
        )
    name = snake_name(spec.label.value)
    return [
        render(
            _PACKAGE, "node_merge", f"nodes/merge_{name}", label=spec.label, model=kind.__name__
        ),
        render(_PACKAGE, "node_get", f"nodes/get_{name}", label=spec.label),
    ]


def relationship_cypher(kind: type[GraphRelationship]) -> list[GeneratedCypher]:
    """The upsert and get statements of one relationship kind.

    Parameters
    ----------
    kind
        A relationship model.

    Returns
    -------
    list[GeneratedCypher]
        ``relationships/merge_<kind>`` and ``relationships/get_<kind>``.
    """
    spec = kind.spec
    name = snake_name(kind.__name__)
    ends = {"type": spec.type, "source": spec.source, "target": spec.target}
    return [
        render(
            _PACKAGE,
            "relationship_merge",
            f"relationships/merge_{name}",
            **ends,
            merge_keys=spec.merge_keys,
            accumulates_via_records=spec.accumulates_via_records,
        ),
        render(_PACKAGE, "relationship_get", f"relationships/get_{name}", **ends),
    ]


def model_cypher() -> list[GeneratedCypher]:
    """Every statement generated from the model, in the order the registry declares the kinds.

    Returns
    -------
    list[GeneratedCypher]
        Two per node kind the store writes, two per relationship kind.
    """
    statements = [
        statement
        for kind in NODE_KINDS.values()
        if kind.spec.upserted_by_store
        for statement in node_cypher(kind)
    ]
    statements.extend(
        statement for kind in RELATIONSHIP_KINDS for statement in relationship_cypher(kind)
    )
    return statements


if __name__ == "__main__":
    sys.exit(run(model_cypher()))
