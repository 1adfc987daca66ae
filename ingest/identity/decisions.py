"""Review decisions act at once: an accepted pair merges two people, a rejected pair splits one.

A rejection removes the link between the two records; if other links still join them, the
person stays whole and the outcome says through which records, so that the reviewer can
reject the right pair. The decision is kept either way, and every later load obeys it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import networkx as nx

from graph_model.cypher_catalogue import cypher
from graph_model.errors import Conflict
from graph_model.kinds import SourceSystem
from graph_model.nodes import LinkReview
from graph_model.relationships import LinkedTo
from graph_model.store import GraphStore
from ingest.identity.apply import apply_plan, resolve_ids
from ingest.identity.deliveries import touched_people
from ingest.linkage import PairScore
from ingest.linkage.incremental import plan_identities

__all__ = ["DecisionOutcome", "apply_decision"]

MERGED = "merged"
SPLIT = "split"
ALREADY_ONE = "already one person"
ALREADY_APART = "already different people"
STILL_JOINED = "still joined"


@dataclass(frozen=True)
class DecisionOutcome:
    """What a decision did to the people in the graph.

    ``effect`` is ``merged``, ``split``, ``already one person``, ``already different
    people`` or ``still joined`` (other links keep the records one person: ``joined_by``
    lists a chain of records from one to the other).
    """

    review: LinkReview
    effect: str
    persons: list[str] = field(default_factory=list)
    change: str | None = None
    joined_by: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """One sentence for the reviewer."""
        a, b = self.review.record_a, self.review.record_b
        if self.effect == MERGED:
            return (
                f"Merged now: {', '.join(self.persons[1:])} became part of {self.persons[0]}, "
                f"whose id carries on ({self.change})."
            )
        if self.effect == SPLIT:
            return (
                f"Split now: the records are two people, {self.persons[0]} and "
                f"{self.persons[1]} ({self.change})."
            )
        if self.effect == STILL_JOINED:
            chain = " - ".join(self.joined_by)
            return (
                f"Rejected, but other links still make {a} and {b} one person ({self.persons[0]}): "
                f"{chain}. Reject the wrong pair in that chain to split them."
            )
        if self.effect == ALREADY_ONE:
            return f"Accepted: {a} and {b} were already one person ({self.persons[0]})."
        return f"Rejected: {a} and {b} were already different people; later loads keep them apart."


def _score(review: LinkReview) -> dict[tuple[str, str], PairScore]:
    pair = (review.record_a, review.record_b)
    evidence = json.loads(review.evidence_json) if review.evidence_json else {}
    return {pair: PairScore(*pair, review.probability or 1.0, evidence)}


def _legacy_guard(stored_person: dict[str, str], links: list, records: dict) -> None:
    """Refuse people whose records carry no linkage fields, or several records and no links."""
    linked = {record for pair in links for record in pair}
    sizes: dict[str, int] = {}
    for person in stored_person.values():
        sizes[person] = sizes.get(person, 0) + 1
    unlinked = any(
        sizes[person] > 1 and record not in linked for record, person in stored_person.items()
    )
    if unlinked or len(records) < len(stored_person):
        raise Conflict(
            "These people were resolved by an older Linkwatch that did not keep the links "
            "between their records, so a decision cannot be applied to them yet.",
            hint="Re-load the deliveries once with `linkwatch ingest --force PATH...`.",
        )


def apply_decision(store: GraphStore, review: LinkReview, *, decided_by: str) -> DecisionOutcome:
    """Change the graph's people as a reviewer's decision on a pair says.

    Parameters
    ----------
    store
        The graph.
    review
        The decided pair (``ingest.review.decide``).
    decided_by
        The reviewer.

    Returns
    -------
    DecisionOutcome
        The effect, the people involved and the recorded identity change.

    Raises
    ------
    Conflict
        If the people were resolved by a version that kept no record links.
    """
    a, b = review.record_a, review.record_b
    now = datetime.now(UTC)
    provenance = {"load_run_id": None, "loaded_at": now}
    persons = resolve_ids(store, [a, b])
    pa, pb = persons.get(a), persons.get(b)
    accepted = review.status.value == "accepted"
    reason = f"review {review.id} {review.status.value} by {decided_by}"
    if accepted:
        store.upsert_relationships(
            [
                LinkedTo(
                    source_id=a,
                    target_id=b,
                    match_probability=review.probability,
                    evidence_json=review.evidence_json,
                    accepted_by=decided_by,
                    source_system=SourceSystem.LINKWATCH,
                    source_record_id=f"{a}|{b}",
                    loaded_at=now,
                )
            ],
            scope="review",
        )
        if pa == pb:
            return DecisionOutcome(review, ALREADY_ONE, [pa] if pa else [])
        stored_person, links, records = touched_people(store, [p for p in (pa, pb) if p])
        _legacy_guard(stored_person, links, records)
        plan = plan_identities(
            new_records=[], stored_person=stored_person, stored_links=links, new_links=[(a, b)]
        )
        applied = apply_plan(
            store,
            plan,
            records=records,
            scores=_score(review),
            reason=reason,
            changed_at=now,
            provenance=provenance,
            decided_by=decided_by,
        )
        merge = plan.merges[0]
        return DecisionOutcome(
            review, MERGED, [merge.survivor, *merge.merged], applied.changes[-1].id
        )
    store.run_write(cypher("identity/unlink", package="ingest"), pairs=[[a, b]])
    if pa is None or pa != pb:
        return DecisionOutcome(review, ALREADY_APART, [p for p in (pa, pb) if p])
    stored_person, links, records = touched_people(store, [pa])
    _legacy_guard(stored_person, [*links, (a, b)], records)
    plan = plan_identities(
        new_records=[], stored_person=stored_person, stored_links=links, new_links=[]
    )
    if not plan.splits:
        graph = nx.Graph(links)
        return DecisionOutcome(review, STILL_JOINED, [pa], joined_by=nx.shortest_path(graph, a, b))
    applied = apply_plan(
        store,
        plan,
        records=records,
        scores=_score(review),
        reason=reason,
        changed_at=now,
        provenance=provenance,
        decided_by=decided_by,
    )
    split = next(s for s in plan.splits)
    return DecisionOutcome(
        review,
        SPLIT,
        [applied.final(split.person), applied.final(split.to)],
        applied.changes[0].id,
    )
