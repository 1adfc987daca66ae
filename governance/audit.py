"""The audit log DPA 2018 s.62 asks for: append-only, hash-chained, stored in Neo4j.

Each entry records who did what, when, through which endpoint with which parameters, which
people were returned, and why (the justification). Its ``hash`` is the SHA-256 of the entry's
canonical JSON, which includes the previous entry's hash, so editing, removing or reordering
any entry breaks every hash after it. Appends take a write lock on one head node, so entries
are numbered without gaps even with several API workers. The head's hash can be noted
elsewhere (``linkwatch audit verify`` prints it) to detect a rewrite of the whole tail.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher

__all__ = [
    "GENESIS",
    "AuditAction",
    "ChainReport",
    "append_entry",
    "entry_hash",
    "read_entries",
    "verify_chain",
]

GENESIS = "0" * 64


class AuditAction(StrEnum):
    """The processing operations s.62 names, as Linkwatch performs them."""

    CONSULTATION = "consultation"  # personal data looked at through the API
    DISCLOSURE = "disclosure"  # personal data exported or shared (case-conference maps)
    COLLECTION = "collection"  # an ingest
    COMBINATION = "combination"  # record-linkage merges and review decisions
    ERASURE = "erasure"  # deletions
    ALTERATION = "alteration"  # users created, rotated, revoked
    AUTHENTICATION = "authentication"  # a refused sign-in (wrong key or token)


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the chain: entries checked, the first broken one, the head."""

    entries: int
    first_broken: int | None
    head_hash: str

    @property
    def intact(self) -> bool:
        """True when every entry's hash and link to its predecessor checks out."""
        return self.first_broken is None


def entry_hash(entry: dict[str, Any]) -> str:
    """SHA-256 of the entry's canonical JSON: every field but ``hash`` and empty (None) ones.

    Neo4j does not store null properties, so empty fields are left out of the hash too.

    Examples
    --------
    >>> entry_hash({"seq": 1, "prev_hash": GENESIS}) == entry_hash({"prev_hash": GENESIS, "seq": 1})
    True
    """
    body = {key: value for key, value in entry.items() if key != "hash" and value is not None}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def append_entry(
    driver: neo4j.Driver,
    database: str,
    *,
    actor: str,
    role: str,
    action: AuditAction,
    endpoint: str,
    parameters: dict[str, Any] | None = None,
    people: Iterable[str] = (),
    justification: str | None = None,
    outcome: str = "ok",
) -> dict[str, Any]:
    """Append one entry to the chain and return it (with its number and hash).

    Parameters are stored as canonical JSON text; ``people`` are the person ids the request
    returned or acted on, so "who looked at this person" is one query.
    """

    def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
        head = tx.run(cypher("audit/lock_head", package="governance"), genesis=GENESIS).single()
        entry: dict[str, Any] = {
            "seq": head["seq"] + 1,
            "at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "role": role,
            "action": action.value,
            "endpoint": endpoint,
            "parameters": json.dumps(parameters or {}, sort_keys=True, default=str),
            "people": sorted(set(people)),
            "justification": justification,
            "outcome": outcome,
            "prev_hash": head["hash"],
        }
        entry["hash"] = entry_hash(entry)
        tx.run(cypher("audit/append", package="governance"), entry=entry).consume()
        return entry

    with driver.session(database=database) as session:
        return session.execute_write(work)


def read_entries(
    driver: neo4j.Driver,
    database: str,
    *,
    person: str | None = None,
    actor: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Entries after number ``after``, oldest first, optionally about a person or by an actor."""
    records = read(
        driver,
        database,
        cypher("audit/entries", package="governance"),
        {"person": person, "actor": actor, "after": after, "limit": limit},
    )
    return [dict(record["entry"]) for record in records]


def _all_entries(driver: neo4j.Driver, database: str) -> Iterator[dict[str, Any]]:
    after = 0
    while batch := read_entries(driver, database, after=after, limit=5_000):
        yield from batch
        after = batch[-1]["seq"]


def verify_chain(driver: neo4j.Driver, database: str) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not check out."""
    previous, expected_seq, count = GENESIS, 1, 0
    for entry in _all_entries(driver, database):
        count += 1
        if (
            entry["seq"] != expected_seq
            or entry["prev_hash"] != previous
            or entry_hash(entry) != entry["hash"]
        ):
            return ChainReport(count, expected_seq, previous)  # the first missing or altered
        previous, expected_seq = entry["hash"], expected_seq + 1
    head = read(driver, database, cypher("audit/head", package="governance"))[0]
    if head["seq"] != count or (count and head["hash"] != previous):
        return ChainReport(count, count + 1, previous)  # entries missing from the end
    return ChainReport(count, None, previous)
