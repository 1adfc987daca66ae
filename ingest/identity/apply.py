"""Carrying out an identity plan in the graph: new people, splits, merges, and the record.

Ids are minted once per new person and never reused; a merge keeps the survivor's id and
leaves the other as an alias; a split moves records, with the relationships derived only
from them, to another person. Each merge and split is kept as an ``IdentityChange``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.kinds import IdentityChangeKind, SourceSystem
from graph_model.nodes import IdentityChange
from graph_model.registry import RELATIONSHIP_KINDS
from graph_model.store import GraphStore
from ingest.linkage import PairScore
from ingest.linkage.incremental import IdentityPlan, NewPerson, Split
from ingest.persons import build_person, person_id
from ingest.rows import PersonRecord

__all__ = ["AppliedPlan", "apply_plan", "resolve_ids"]

#: Relationship type -> the properties that, with its ends, identify one (for merges).
MERGE_KEYS: dict[str, list[str]] = {
    kind.spec.type.value: list(kind.spec.merge_keys) for kind in RELATIONSHIP_KINDS
}


@dataclass
class AppliedPlan:
    """What was done: placeholder -> minted id, the recorded changes, people rewritten."""

    minted: dict[str, str] = field(default_factory=dict)
    survivor_of: dict[str, str] = field(default_factory=dict)
    changes: list[IdentityChange] = field(default_factory=list)
    people_written: int = 0

    def final(self, person: str) -> str:
        """The id a plan's person (stored id or placeholder) has after the plan."""
        person = self.minted.get(person, person)
        return self.survivor_of.get(person, person)


def _fresh_ids(store: GraphStore, placeholders: list[tuple[str, str]]) -> dict[str, str]:
    """Placeholder -> a person id nobody has had (a digest of the person's smallest record)."""
    minted: dict[str, str] = {}
    attempt = 0
    pending = placeholders
    while pending:
        proposals = {
            placeholder: person_id(seed if attempt == 0 else f"{seed}#{attempt}")
            for placeholder, seed in pending
        }
        taken = {
            row["id"]
            for row in read(
                store.driver,
                store.database,
                cypher("identity/taken_ids", package="ingest"),
                {"ids": sorted(proposals.values())},
            )
        }
        taken |= set(minted.values())
        pending = [(p, s) for p, s in pending if proposals[p] in taken]
        minted.update({p: i for p, i in proposals.items() if i not in taken})
        attempt += 1
    return minted


def _revived_ids(store: GraphStore, plan: IdentityPlan) -> dict[str, str]:
    """Placeholder -> an old id, for new people a split makes of what a merge joined.

    When a split separates again the records of a person once merged into ``P``, that part
    takes back its old id (whichever side the plan kept ``P`` on), so undoing a merge gives
    back the id that bookmarks, audit history and URLs still hold. ``plan`` is updated.
    """
    revived: dict[str, str] = {}
    for index, split in enumerate(plan.splits):
        if not split.to.startswith("new:") or split.to in revived:
            continue
        rows = read(
            store.driver,
            store.database,
            cypher("identity/merged_into", package="ingest"),
            {"person": split.person},
        )
        moving = set(split.records)
        staying = {r for r, p in plan.person_of.items() if p == split.person}
        for row in rows:
            old = set(row["records"])
            if row["alias"] in revived.values() or not old:
                continue
            if len(moving & old) * 2 > len(moving):
                revived[split.to] = row["alias"]
                break
            if staying and len(staying & old) * 2 > len(staying):
                # the plan kept P's id on the once-merged records: swap the two sides
                for record in staying:
                    plan.person_of[record] = split.to
                for record in moving:
                    plan.person_of[record] = split.person
                plan.splits[index] = Split(split.person, split.to, tuple(sorted(staying)))
                plan.new_people = [
                    NewPerson(n.placeholder, tuple(sorted(staying)))
                    if n.placeholder == split.to
                    else n
                    for n in plan.new_people
                ]
                revived[split.to] = row["alias"]
                break
    for alias in revived.values():
        store.run_write(cypher("identity/revive", package="ingest"), id=alias)
    return revived


def _change_id(kind: IdentityChangeKind, at: datetime) -> str:
    return f"identity-change:{at:%Y%m%dT%H%M%S}-{kind.value}-{uuid.uuid4().hex[:8]}"


def apply_plan(
    store: GraphStore,
    plan: IdentityPlan,
    *,
    records: Mapping[str, PersonRecord],
    scores: Mapping[tuple[str, str], PairScore],
    reason: str,
    changed_at: datetime,
    provenance: dict[str, object],
    decided_by: str | None = None,
) -> AppliedPlan:
    """Make the graph's people match ``plan``.

    New people are created first (so records can move to them), then splits move records
    away from stored people, then merges fold people into their survivors; last, every
    person whose records changed is rewritten from all its records.

    Parameters
    ----------
    store
        The graph.
    plan
        From :func:`ingest.linkage.incremental.plan_identities`.
    records
        Every record the plan names, by key (stored ones rebuilt from the graph).
    scores
        Scored pairs by ``(a, b)`` with ``a < b``: the evidence kept with each change.
    reason
        Why (e.g. "delivery run-... linked new records", "review accepted").
    changed_at
        When.
    provenance
        ``load_run_id`` and ``loaded_at`` for nodes written.
    decided_by
        The reviewer, when a person's decision caused the change.

    Returns
    -------
    AppliedPlan
        The minted ids and the recorded changes.
    """
    applied = AppliedPlan()
    revived = _revived_ids(store, plan)
    applied.minted = {
        **revived,
        **_fresh_ids(
            store,
            [
                (new.placeholder, min(new.records))
                for new in plan.new_people
                if new.placeholder not in revived
            ],
        ),
    }
    members: dict[str, list[PersonRecord]] = {}
    for record, person in plan.person_of.items():
        members.setdefault(person, []).append(records[record])
    created = [
        build_person(
            applied.minted[new.placeholder], members[new.placeholder], provenance=provenance
        )
        for new in plan.new_people
    ]
    store.upsert_nodes(created, scope="record_linkage")
    for split in plan.splits:
        target = applied.minted.get(split.to, split.to)
        store.run_write(
            cypher("identity/move_records", package="ingest"),
            records=list(split.records),
            **{"from": split.person, "to": target},
        )
        applied.changes.append(
            _change(
                IdentityChangeKind.SPLIT,
                survivor=split.person,
                persons=[target],
                records=list(split.records),
                merged_records=[],
                pair=None,
                scores=scores,
                reason=reason,
                changed_at=changed_at,
                decided_by=decided_by,
                provenance=provenance,
            )
        )
    for merge in plan.merges:
        change = _change(
            IdentityChangeKind.MERGE,
            survivor=merge.survivor,
            persons=list(merge.merged),
            records=sorted(r for r, p in plan.person_of.items() if p == merge.survivor),
            merged_records=sorted(r for r, p in plan.previous.items() if p in merge.merged),
            pair=merge.joining_pair,
            scores=scores,
            reason=reason,
            changed_at=changed_at,
            decided_by=decided_by,
            provenance=provenance,
        )
        for merged in merge.merged:
            store.run_write(
                cypher("identity/merge_person", package="ingest"),
                merged=merged,
                survivor=merge.survivor,
                merge_keys=MERGE_KEYS,
                change=change.id,
                at=changed_at,
                run=provenance.get("load_run_id"),
            )
            applied.survivor_of[merged] = merge.survivor
        applied.changes.append(change)
    rewritten = [
        build_person(applied.final(person), members[person], provenance=provenance)
        for person in sorted(plan.changed - plan.retired)
        if person in members and not person.startswith("new:")
    ]
    store.upsert_nodes(rewritten, scope="record_linkage")
    if applied.changes:
        store.upsert_nodes(applied.changes, scope="identity")
    applied.people_written = len(created) + len(rewritten)
    return applied


def _change(
    kind: IdentityChangeKind,
    *,
    survivor: str,
    persons: list[str],
    records: list[str],
    merged_records: list[str],
    pair: tuple[str, str] | None,
    scores: Mapping[tuple[str, str], PairScore],
    reason: str,
    changed_at: datetime,
    decided_by: str | None,
    provenance: dict[str, object],
) -> IdentityChange:
    identifier = _change_id(kind, changed_at)
    score = scores.get(pair) if pair else None
    return IdentityChange(
        id=identifier,
        kind=kind,
        changed_at=changed_at,
        survivor=survivor,
        persons=persons,
        records=records,
        merged_records=merged_records,
        record_a=pair[0] if pair else None,
        record_b=pair[1] if pair else None,
        probability=round(score.probability, 6) if score else None,
        evidence_json=json.dumps(score.evidence, sort_keys=True, default=str) if score else None,
        reason=reason,
        decided_by=decided_by,
        source_system=SourceSystem.LINKWATCH,
        source_record_id=identifier,
        **provenance,
    )


def resolve_ids(store: GraphStore, keys: list[str]) -> dict[str, str]:
    """Record key -> the person it describes now, for stored records."""
    rows = read(
        store.driver,
        store.database,
        cypher("identity/person_of_records", package="ingest"),
        {"keys": keys},
    )
    return {row["key"]: row["person"] for row in rows}
