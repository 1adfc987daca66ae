"""Linking a delivery's person records into the people already in the graph.

New (and changed) records are compared, with the current stored model, with each other and
with the stored records that share a blocking key with them, found by index seeks: the
cost follows the delivery, not the graph. Records already stored unchanged are not compared
again. The links found are applied as an identity plan (``ingest.linkage.incremental``):
records join the people they match, start new people, or merge people they show to be one;
a person who gains a record keeps their id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import neo4j
import pandas as pd

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.kinds import SourceSystem
from graph_model.nodes import LinkageModel
from graph_model.relationships import LinkedTo
from graph_model.store import GraphStore
from ingest.identity.apply import apply_plan
from ingest.identity.model_store import current_model, save_model, train_on_standard
from ingest.identity.population import (
    TERM_FREQUENCY_COLUMNS,
    blocking_properties,
    blocking_values,
    term_frequency_tables,
)
from ingest.linkage import Decision, LinkageSettings, PairScore
from ingest.linkage.incremental import plan_identities
from ingest.linkage.link import quiet_splink, split_links_and_review
from ingest.linkage.scoring import score_pairs
from ingest.linkage.standardise import standardise
from ingest.persons import (
    describes_link,
    linkage_json,
    records_frame,
    source_record_node,
    stored_record,
    strongest_links,
)
from ingest.review import record_candidates, stored_decisions
from ingest.rows import PersonRecord

__all__ = ["DeliveryLinkage", "IdentitySummary", "link_delivery", "touched_people"]

Pair = tuple[str, str]


@dataclass
class IdentitySummary:
    """What a delivery did to the people in the graph (part of the load's change summary)."""

    records_new: int = 0
    records_changed: int = 0
    records_unchanged: int = 0
    people_added: int = 0
    records_joined_existing: int = 0
    merges: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    people_rewritten: int = 0
    review_pairs: int = 0
    links: int = 0
    model: str | None = None
    model_trained_now: bool = False


@dataclass
class DeliveryLinkage:
    """Every delivered record's person, the review queue, and the summary."""

    person_of: dict[str, str]
    review: list[PairScore]
    summary: IdentitySummary


def _stored_state(store: GraphStore, keys: list[str]) -> dict[str, tuple[str | None, str | None]]:
    rows = read(
        store.driver,
        store.database,
        cypher("identity/delivered_records", package="ingest"),
        {"keys": keys},
    )
    return {row["key"]: (row["linkage_json"], row["person"]) for row in rows}


def _model(
    store: GraphStore,
    fresh_standard: pd.DataFrame,
    *,
    loaded_by: str,
    run_id: str,
    summary: IdentitySummary,
) -> LinkageModel:
    model = current_model(store)
    if model is None:
        model_json = train_on_standard(fresh_standard.copy())  # Splink keeps no hold on ours
        model = save_model(
            store,
            model_json,
            trained_by=loaded_by,
            records_used=len(fresh_standard),
            how="first load (no model was stored)",
            load_run_id=run_id,
        )
        summary.model_trained_now = True
    summary.model = model.id
    return model


def _term_counts(
    driver: neo4j.Driver, database: str, standard
) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    values = {
        column: sorted({v for v in standard[column] if v is not None})
        for column in TERM_FREQUENCY_COLUMNS
    }
    rows = read(driver, database, cypher("identity/term_counts", package="ingest"), values)
    counts: dict[str, dict[str, int]] = {column: {} for column in TERM_FREQUENCY_COLUMNS}
    for row in rows:
        counts[row["column"]][row["value"]] = int(row["records"])
    totals = dict(read(driver, database, cypher("identity/term_totals", package="ingest"))[0])
    return counts, {column: int(totals[column]) for column in TERM_FREQUENCY_COLUMNS}


def touched_people(
    store: GraphStore, persons: Sequence[str]
) -> tuple[dict[str, str], list[Pair], dict[str, PersonRecord]]:
    """All records of these people, the links among them, and the records rebuilt."""
    rows = read(
        store.driver,
        store.database,
        cypher("identity/members", package="ingest"),
        {"persons": sorted(set(persons))},
    )
    person_of: dict[str, str] = {}
    links: list[Pair] = []
    records: dict[str, PersonRecord] = {}
    for row in rows:
        key = row["record"]["id"]
        person_of[key] = row["person"]
        if row["record"].get("linkage_json"):
            records[key] = stored_record(row["record"])
        links.extend((key, other) for other in row["linked"])
    return person_of, links, records


def _with_candidates(new_standard: pd.DataFrame, candidates: list[PersonRecord]) -> pd.DataFrame:
    """The new records' standard form with the stored candidates', as one sorted frame.

    The same frame as standardising all of them together (each record is standardised on
    its own; the frame is sorted by record id, and the candidates exclude the new records).
    """
    if not candidates:
        return new_standard
    both = pd.concat([new_standard, standardise(records_frame(candidates))], ignore_index=True)
    return both.sort_values("unique_id", kind="stable").reset_index(drop=True)


def _decided(decisions: Sequence[Decision], fresh: set[str]) -> dict[Pair, bool]:
    decided: dict[Pair, bool] = {}
    for decision in decisions:
        first, second = sorted((decision.record_a, decision.record_b))
        if first != second and (first in fresh or second in fresh):
            decided[(first, second)] = decision.accepted
    return decided


def link_delivery(
    store: GraphStore,
    records: Sequence[PersonRecord],
    *,
    settings: LinkageSettings,
    run_id: str,
    loaded_at: datetime,
    loaded_by: str,
) -> DeliveryLinkage:
    """Resolve a delivery's person records into the graph's people, and write them.

    Parameters
    ----------
    store
        The graph.
    records
        The delivery's person records (unique keys).
    settings
        Link and review thresholds.
    run_id, loaded_at
        The load run (provenance of what is written).
    loaded_by
        Who is loading (recorded on a model trained by this load).

    Returns
    -------
    DeliveryLinkage
        Each record's person id, the pairs for review and what changed.
    """
    provenance = {"load_run_id": run_id, "loaded_at": loaded_at}
    summary = IdentitySummary()
    by_key = {record.key: record for record in records}
    keys = sorted(by_key)
    state = _stored_state(store, keys)
    person_of: dict[str, str] = {}
    changed: set[str] = set()
    for key in keys:
        stored_json, person = state.get(key, (None, None))
        if person is None:
            continue
        if stored_json == linkage_json(by_key[key]):
            person_of[key] = person
        else:
            changed.add(key)
    fresh = sorted(set(keys) - set(person_of))
    summary.records_unchanged = len(person_of)
    summary.records_changed = len(changed)
    summary.records_new = len(fresh) - len(changed)
    if not fresh:
        stored_model = current_model(store)
        summary.model = stored_model.id if stored_model else None
        return DeliveryLinkage(person_of, [], summary)
    # each record is standardised once: for training, blocking and scoring
    new_standard = standardise(records_frame([by_key[k] for k in fresh]))
    model = _model(store, new_standard, loaded_by=loaded_by, run_id=run_id, summary=summary)
    blocking = blocking_properties(new_standard)
    candidate_rows = read(
        store.driver,
        store.database,
        cypher("identity/candidates", package="ingest"),
        {**blocking_values(blocking), "exclude": fresh},
    )
    candidates = {row["record"]["id"]: stored_record(row["record"]) for row in candidate_rows}
    candidate_person = {row["record"]["id"]: row["person"] for row in candidate_rows}
    standard = _with_candidates(new_standard, list(candidates.values()))
    counts, totals = _term_counts(store.driver, store.database, standard)
    frequencies = term_frequency_tables(
        standard, stored_counts=counts, stored_totals=totals, counted_as_stored=set(candidates)
    )
    decided = _decided(stored_decisions(store.driver, store.database), set(fresh))
    present = set(fresh) | set(candidates)
    accepted = sorted(p for p, ok in decided.items() if ok and set(p) <= present)
    with quiet_splink():
        scores = score_pairs(
            standard,
            model.model_json,
            threshold=settings.review_threshold,
            required=accepted,
            new_records=set(fresh),
            term_frequencies=frequencies,
        )
    links, review = split_links_and_review(scores, decided, settings)

    touched = {
        candidate_person[k] for s in links for k in (s.record_a, s.record_b) if k in candidates
    }
    touched |= {state[k][1] for k in changed}
    stored_person, stored_links, member_records = touched_people(store, sorted(touched))
    removed = [pair for pair in stored_links if pair[0] in changed or pair[1] in changed]
    plan = plan_identities(
        new_records=fresh,
        stored_person=stored_person,
        stored_links=stored_links,
        new_links=[(s.record_a, s.record_b) for s in links],
        removed_links=removed,
    )
    every_record = {**member_records, **candidates, **by_key}
    if removed:
        store.run_write(
            cypher("identity/unlink", package="ingest"), pairs=[list(p) for p in removed]
        )
    store.upsert_nodes(
        [
            source_record_node(by_key[k], standard={**blocking[k]}, provenance=provenance)
            for k in fresh
        ],
        scope="record_linkage",
    )
    applied = apply_plan(
        store,
        plan,
        records=every_record,
        scores={(s.record_a, s.record_b): s for s in scores},
        reason=f"delivery {run_id}: new records linked with {model.id}",
        changed_at=loaded_at,
        provenance=provenance,
    )
    strongest = strongest_links(links)
    store.upsert_relationships(
        [
            describes_link(
                key, applied.final(plan.person_of[key]), strongest.get(key), provenance=provenance
            )
            for key in fresh
        ],
        scope="record_linkage",
    )
    store.upsert_relationships(
        [
            LinkedTo(
                source_id=s.record_a,
                target_id=s.record_b,
                match_probability=round(s.probability, 6),
                evidence_json=json.dumps(s.evidence, sort_keys=True, default=str),
                linkage_model=model.id,
                accepted_by="review" if decided.get((s.record_a, s.record_b)) else None,
                source_system=SourceSystem.LINKWATCH,
                source_record_id=f"{s.record_a}|{s.record_b}",
                **provenance,
            )
            for s in links
        ],
        scope="record_linkage",
    )
    record_candidates(store, review, load_run_id=run_id, loaded_at=loaded_at)
    for key in keys:
        if key in plan.person_of:
            person_of[key] = applied.final(plan.person_of[key])
        else:
            person_of[key] = applied.final(person_of[key])
    new_ids = {applied.minted[n.placeholder] for n in plan.new_people}
    summary.people_added = len(new_ids)
    summary.records_joined_existing = sum(
        1 for key in fresh if key not in changed and person_of[key] not in new_ids
    )
    summary.merges = [c.id for c in applied.changes if c.kind.value == "merge"]
    summary.splits = [c.id for c in applied.changes if c.kind.value == "split"]
    summary.people_rewritten = applied.people_written
    summary.review_pairs = len(review)
    summary.links = len(links)
    return DeliveryLinkage(person_of, review, summary)
