"""The record-linkage review queue: pairs a person must judge, and their decisions.

Decisions are kept in the graph (``LinkReview`` nodes) and applied by every later ingest:
an accepted pair is always joined, a rejected pair never is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.kinds import ReviewStatus
from graph_model.nodes import LinkReview
from graph_model.store import GraphStore
from ingest.linkage import Decision, PairScore

__all__ = [
    "ReviewEntry",
    "decide",
    "list_reviews",
    "record_candidates",
    "review_id",
    "stored_decisions",
]


def review_id(record_a: str, record_b: str) -> str:
    """The id of the review of a pair (order does not matter).

    Examples
    --------
    >>> review_id("b:2", "a:1")
    'review:a:1|b:2'
    """
    first, second = sorted((record_a, record_b))
    return f"review:{first}|{second}"


@dataclass(frozen=True)
class ReviewEntry:
    """A review pair with the two records as recorded."""

    review: LinkReview
    record_a: dict[str, Any] | None
    record_b: dict[str, Any] | None


def record_candidates(
    store: GraphStore, pairs: list[PairScore], *, load_run_id: str, loaded_at: datetime
) -> int:
    """Add or refresh review pairs; decisions already made are kept.

    Returns
    -------
    int
        Pairs recorded.
    """
    rows = [
        {
            "id": review_id(pair.record_a, pair.record_b),
            "record_a": min(pair.record_a, pair.record_b),
            "record_b": max(pair.record_a, pair.record_b),
            "probability": round(pair.probability, 6),
            "evidence_json": json.dumps(pair.evidence, sort_keys=True, default=str),
            "load_run_id": load_run_id,
            "loaded_at": loaded_at,
        }
        for pair in pairs
    ]
    if not rows:
        return 0
    return store.run_write(cypher("review/record_candidates", package="ingest"), rows=rows)[0][
        "recorded"
    ]


def stored_decisions(driver: neo4j.Driver, database: str) -> tuple[Decision, ...]:
    """Every accept / reject decision made so far."""
    records = read(driver, database, cypher("review/decisions", package="ingest"))
    return tuple(Decision(r["record_a"], r["record_b"], r["accepted"]) for r in records)


def list_reviews(
    driver: neo4j.Driver, database: str, *, status: ReviewStatus | None, limit: int
) -> list[ReviewEntry]:
    """Review pairs (all, or of one status), strongest first, with both records."""
    records = read(
        driver,
        database,
        cypher("review/list", package="ingest"),
        {"status": status.value if status else None, "limit": limit},
    )
    return [ReviewEntry(LinkReview.from_properties(r["review"]), r["a"], r["b"]) for r in records]


def decide(
    store: GraphStore, identifier: str, *, accepted: bool, decided_by: str, note: str | None
) -> LinkReview:
    """Record a person's decision on a review pair.

    ``identifier`` is ``review:<record>|<record>``; the pair need not be in the queue (rejecting
    an automatic link splits a wrong merge on the next ingest).

    Raises
    ------
    InvalidInput
        If the id is not of that form.
    NotFound
        If either record does not exist.
    """
    first, separator, second = identifier.removeprefix("review:").partition("|")
    if not (identifier.startswith("review:") and separator and first and second):
        raise InvalidInput(
            f"{identifier!r} is not a review id; it looks like review:<record>|<record>."
        )
    records = store.run_write(
        cypher("review/decide", package="ingest"),
        id=review_id(first, second),
        record_a=min(first, second),
        record_b=max(first, second),
        status=(ReviewStatus.ACCEPTED if accepted else ReviewStatus.REJECTED).value,
        decided_by=decided_by,
        decided_at=datetime.now(UTC),
        note=note,
    )
    if not records:
        raise NotFound(
            f"No source records {first!r} and {second!r} to decide on.",
            hint="List pairs with `linkwatch review links`.",
        )
    return LinkReview.from_properties(records[0]["review"])
