"""The one write path for model objects, and typed reads back.

Writes are batched ``UNWIND ... MERGE`` statements keyed on natural keys, run in managed
transactions (retried by the driver on transient errors, so each batch is idempotent).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import neo4j
import neo4j.exceptions

from graph_model.base import GraphNode, GraphRelationship
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import Conflict, ServiceUnavailable
from graph_model.registry import snake_name

__all__ = ["GraphStore", "NodeWriteResult", "RelationshipWriteResult", "content_hash"]

NodeT = TypeVar("NodeT", bound=GraphNode)
RelT = TypeVar("RelT", bound=GraphRelationship)

DEFAULT_BATCH_SIZE = 5_000


#: Provenance that changes on every load; left out of the content hash so that re-loading the
#: same record is recognised as unchanged.
_VOLATILE = frozenset({"load_run_id", "loaded_at"})


def content_hash(properties: dict[str, Any]) -> str:
    """Return a stable digest of a record's properties, ignoring per-load provenance.

    Examples
    --------
    >>> content_hash({"id": "a", "loaded_at": 1}) == content_hash({"id": "a", "loaded_at": 2})
    True
    """
    stable = {key: value for key, value in properties.items() if key not in _VOLATILE}
    text = json.dumps(stable, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class NodeWriteResult:
    """How many nodes were written, and how many of those were already stored unchanged."""

    written: int = 0
    unchanged: int = 0


@dataclass
class RelationshipWriteResult:
    """Relationships written, unchanged, and those that could not be (an end is missing)."""

    written: int = 0
    unchanged: int = 0
    missing_end: list[GraphRelationship] = field(default_factory=list)


def _row(item: GraphNode | GraphRelationship, scope: str, *, partial: bool) -> dict[str, Any]:
    properties = item.to_properties()
    properties.pop("loaded_at")  # sent once per batch as $loaded_at
    if partial:
        given = item.model_fields_set | {"marking"}
        properties = {k: v for k, v in properties.items() if k in given and v is not None}
        if isinstance(item, GraphNode):
            properties["id"] = item.id
    if isinstance(item, GraphRelationship):
        ends = [item.source_id, item.target_id]
        return {
            "properties": properties,
            "scope": f"{scope}:",
            "content_hash": f"{scope}:{content_hash({**properties, 'ends': ends})}",
            "source_id": item.source_id,
            "target_id": item.target_id,
        }
    return {
        "properties": properties,
        "scope": f"{scope}:",
        "content_hash": f"{scope}:{content_hash(properties)}",
    }


def _batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class GraphStore:
    """Reads and writes model objects in one database.

    Parameters
    ----------
    driver
        A connected driver (the caller owns and closes it).
    database
        Database name; always passed, so no call pays for a home-database lookup.
    """

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self._driver = driver
        self._database = database

    @property
    def driver(self) -> neo4j.Driver:
        """The driver this store uses."""
        return self._driver

    @property
    def database(self) -> str:
        """The database this store reads and writes."""
        return self._database

    def _write(
        self, query: str, rows: list[dict[str, Any]], loaded_at: datetime | None = None
    ) -> list[neo4j.Record]:
        return self.run_write(query, rows=rows, loaded_at=loaded_at)

    def upsert_nodes(
        self,
        nodes: Iterable[GraphNode],
        *,
        scope: str = "",
        partial: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> NodeWriteResult:
        """Create or update nodes by their natural key.

        Parameters
        ----------
        nodes
            Model objects of any node kinds.
        scope
            Who is writing (e.g. the source file's name). A node keeps one content hash per
            scope, so a node that several sources describe is recognised as unchanged when
            none of them changed.
        partial
            Write only the fields each object was given (plus key and marking), so that one
            source's record does not blank what another source said about the same node.
        batch_size
            Rows per transaction.

        Returns
        -------
        NodeWriteResult
            Nodes written, and how many of them were already stored with the same content
            (those are left untouched, provenance included).
        """
        # loaded_at is the same for a whole load: sent once per batch, not once per row
        by_kind: dict[tuple[type[GraphNode], datetime | None], list[dict[str, Any]]] = defaultdict(
            list
        )
        for node in nodes:
            by_kind[(type(node), node.loaded_at)].append(_row(node, scope, partial=partial))
        result = NodeWriteResult()
        for (kind, loaded_at), rows in by_kind.items():
            query = cypher(f"nodes/merge_{snake_name(kind.spec.label.value)}")
            for batch in _batches(rows, batch_size):
                record = self._write(query, list(batch), loaded_at)[0]
                result.written += record["written"]
                result.unchanged += record["unchanged"]
        return result

    def upsert_relationships(
        self,
        relationships: Iterable[GraphRelationship],
        *,
        scope: str = "",
        partial: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> RelationshipWriteResult:
        """Create or update relationships between existing nodes.

        Parameters
        ----------
        relationships
            Model objects of any relationship kinds.
        scope, partial
            As for :meth:`upsert_nodes`.
        batch_size
            Rows per transaction.

        Returns
        -------
        RelationshipWriteResult
            The count written, unchanged, and every relationship whose source or target was
            missing.
        """
        by_kind: dict[tuple[type[GraphRelationship], datetime | None], list[GraphRelationship]] = (
            defaultdict(list)
        )
        for relationship in relationships:
            by_kind[(type(relationship), relationship.loaded_at)].append(relationship)
        result = RelationshipWriteResult()
        for (kind, loaded_at), items in by_kind.items():
            query = cypher(f"relationships/merge_{snake_name(kind.__name__)}")
            for batch in _batches(items, batch_size):
                rows = [_row(relationship, scope, partial=partial) for relationship in batch]
                record = self._write(query, rows, loaded_at)[0]
                written = set(record["written"])
                result.written += len(written)
                result.unchanged += record["unchanged"]
                result.missing_end.extend(r for i, r in enumerate(batch) if i not in written)
        return result

    def run_write(self, query: str, **parameters: Any) -> list[neo4j.Record]:
        """Run one catalogued write statement in a managed transaction.

        Parameters
        ----------
        query
            A statement from :func:`graph_model.cypher_catalogue.cypher`.
        **parameters
            Its parameters.

        Returns
        -------
        list[neo4j.Record]
            The records it returned.
        """

        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(query, parameters))  # type: ignore[arg-type]

        try:
            with self._driver.session(database=self._database) as session:
                return session.execute_write(work)
        except neo4j.exceptions.ConstraintError as error:
            raise Conflict(f"A write broke a constraint: {error.message}") from None
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as error:
            raise ServiceUnavailable(
                f"Neo4j became unavailable during a write ({error})."
            ) from None

    def get_node(self, kind: type[NodeT], key: str) -> NodeT | None:
        """Return the node of ``kind`` with natural key ``key``, or None.

        Parameters
        ----------
        kind
            The node model class.
        key
            The natural key.

        Returns
        -------
        NodeT | None
            The node rebuilt as a model object.
        """
        records = self._read(cypher(f"nodes/get_{snake_name(kind.spec.label.value)}"), key=key)
        return kind.from_properties(records[0]["properties"]) if records else None

    def get_relationships(self, kind: type[RelT], source_id: str, target_id: str) -> list[RelT]:
        """Return every relationship of ``kind`` from ``source_id`` to ``target_id``.

        Parameters
        ----------
        kind
            The relationship model class.
        source_id, target_id
            Natural keys of the two ends.

        Returns
        -------
        list[RelT]
            The relationships rebuilt as model objects.
        """
        records = self._read(
            cypher(f"relationships/get_{snake_name(kind.__name__)}"),
            source_id=source_id,
            target_id=target_id,
        )
        return [
            kind.from_properties(
                {**r["properties"], "source_id": source_id, "target_id": target_id}
            )
            for r in records
        ]

    def _read(self, query: str, **parameters: Any) -> list[neo4j.Record]:
        return read(self._driver, self._database, query, parameters)
