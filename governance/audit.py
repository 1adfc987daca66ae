"""The audit log DPA 2018 s.62 asks for: append-only, keyed hash chain, stored in Neo4j.

Each entry records who did what, when, through which endpoint with which parameters, which
people were returned, and why (the justification). Its ``hash`` is the HMAC-SHA256, under a
key kept outside Neo4j (:mod:`governance.audit_key`), of the entry's canonical JSON, which
includes the previous entry's hash: editing, removing or reordering any entry breaks the
chain, and without the key nobody can recompute the hashes after an edit. Appends take a
write lock on one head node, so entries are numbered without gaps even with several workers.

What a keyed chain cannot show by itself is that its newest entries were deleted (the head
moved back to an earlier, genuine entry). An :class:`Anchor` (the number and digest of the
head, exported by ``linkwatch audit anchor`` and kept elsewhere) closes that: verifying with
it proves that nothing up to the anchored entry was lost or changed.

Entries written before the chain was keyed (they carry no ``scheme``) are plain SHA-256 and
are reported as legacy entries; they may only come first. The first keyed entry signs the last
legacy hash, so from then on the legacy part cannot be changed without the key either, except
by re-hashing the whole chain as legacy, which an anchor taken after keying reveals.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.service_records import AuditEntry

__all__ = [
    "GENESIS",
    "SCHEME",
    "Anchor",
    "AuditAction",
    "ChainReport",
    "append_entry",
    "entry_hash",
    "read_entries",
    "verify_chain",
]

GENESIS = "0" * 64
#: The hashing scheme of keyed entries, stored in (and covered by) each entry.
SCHEME = "hmac-sha256"


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
class Anchor:
    """The number and digest of one entry, kept outside the database to check the chain by."""

    seq: int
    digest: str


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the chain.

    ``entries`` were checked; ``first_broken`` is the first missing or altered entry (None
    when intact) and ``problem`` says what is wrong with it; ``legacy_entries`` are the
    unkeyed entries written before the chain was keyed; ``head`` is the last entry's number
    and digest (what ``linkwatch audit anchor`` exports).
    """

    entries: int
    first_broken: int | None
    head_hash: str
    legacy_entries: int = 0
    problem: str | None = None

    @property
    def intact(self) -> bool:
        """True when every entry's hash and link to its predecessor checks out."""
        return self.first_broken is None

    @property
    def head(self) -> Anchor:
        """The anchor for the chain as it now ends."""
        return Anchor(self.entries, self.head_hash)


def _canonical(entry: dict[str, Any]) -> bytes:
    body = {key: value for key, value in entry.items() if key != "hash" and value is not None}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: dict[str, Any], key: bytes | None = None) -> str:
    """The entry's digest over its canonical JSON: every field but ``hash`` and empty ones.

    A keyed entry (``scheme`` is :data:`SCHEME`) is an HMAC-SHA256 under ``key``; a legacy
    entry (no ``scheme``) a plain SHA-256. Neo4j does not store null properties, so empty
    fields are left out of the digest too.

    Raises
    ------
    ValueError
        For a keyed entry without a key, or an unknown scheme.

    Examples
    --------
    >>> entry_hash({"seq": 1, "prev_hash": GENESIS}) == entry_hash({"prev_hash": GENESIS, "seq": 1})
    True
    >>> keyed = {"seq": 1, "scheme": SCHEME}
    >>> entry_hash(keyed, b"k" * 32) != entry_hash(keyed, b"j" * 32)
    True
    """
    scheme = entry.get("scheme")
    if scheme is None:
        return hashlib.sha256(_canonical(entry)).hexdigest()
    if scheme != SCHEME or key is None:
        raise ValueError(f"cannot hash an entry of scheme {scheme!r} without its key")
    return hmac.new(key, _canonical(entry), hashlib.sha256).hexdigest()


def append_entry(
    driver: neo4j.Driver,
    database: str,
    *,
    key: bytes,
    actor: str,
    role: str,
    action: AuditAction,
    endpoint: str,
    parameters: dict[str, Any] | None = None,
    people: Iterable[str] = (),
    justification: str | None = None,
    outcome: str = "ok",
) -> dict[str, Any]:
    """Append one entry to the chain, signed with ``key``, and return it (number and hash).

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
            "scheme": SCHEME,
        }
        entry["hash"] = entry_hash(entry, key)
        # Checked against its declaration, then written exactly as hashed.
        AuditEntry.checked(**entry)
        tx.run(cypher("audit/append", package="governance"), entry=entry).consume()
        return entry

    with driver.session(database=database) as session:
        return session.execute_write(work)


def read_entries(
    driver: neo4j.Driver,
    database: str,
    *,
    person: str | None = None,
    people: list[str] | None = None,
    actor: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Entries after number ``after``, oldest first, optionally about a person or by an actor.

    ``people`` names one person under every id they had (their current id and aliases).
    """
    wanted = [*(people or []), *([person] if person else [])] or None
    records = read(
        driver,
        database,
        cypher("audit/entries", package="governance"),
        {"people": wanted, "actor": actor, "after": after, "limit": limit},
    )
    return [dict(record["entry"]) for record in records]


def _all_entries(driver: neo4j.Driver, database: str) -> Iterator[dict[str, Any]]:
    after = 0
    while batch := read_entries(driver, database, after=after, limit=5_000):
        yield from batch
        after = batch[-1]["seq"]


def verify_chain(
    driver: neo4j.Driver, database: str, *, key: bytes, anchor: Anchor | None = None
) -> ChainReport:
    """Recompute every digest in order; report the first entry that does not check out.

    With an ``anchor``, also check that the anchored entry is still there with the same
    digest, so that nothing up to it was deleted (the head moved back) or rewritten.
    """
    previous, expected_seq, count, legacy = GENESIS, 1, 0, 0
    keyed_seen = False
    for entry in _all_entries(driver, database):
        count += 1
        problem = _entry_problem(entry, expected_seq, previous, key, keyed_seen=keyed_seen)
        if problem:
            return ChainReport(count, expected_seq, previous, legacy, problem)
        keyed_seen = keyed_seen or entry.get("scheme") is not None
        legacy += entry.get("scheme") is None
        if anchor is not None and entry["seq"] == anchor.seq and entry["hash"] != anchor.digest:
            return ChainReport(
                count,
                anchor.seq,
                previous,
                legacy,
                "its digest differs from the anchor's: the log was rewritten up to it",
            )
        previous, expected_seq = entry["hash"], expected_seq + 1
    head = read(driver, database, cypher("audit/head", package="governance"))[0]
    if head["seq"] != count or (count and head["hash"] != previous):
        return ChainReport(count, count + 1, previous, legacy, "entries are missing from the end")
    if anchor is not None and anchor.seq > count:
        return ChainReport(
            count,
            count + 1,
            previous,
            legacy,
            f"the anchor names entry {anchor.seq}, but the log ends at {count}: "
            "its newest entries were deleted",
        )
    return ChainReport(count, None, previous, legacy)


def _entry_problem(
    entry: dict[str, Any], seq: int, previous: str, key: bytes, *, keyed_seen: bool
) -> str | None:
    """Why an entry does not check out as the ``seq``-th one after ``previous`` (None: it does)."""
    scheme = entry.get("scheme")
    if entry["seq"] != seq:
        return "it is missing"
    if entry["prev_hash"] != previous:
        return "it does not follow the entry before it"
    if scheme is None and keyed_seen:
        return "it is unkeyed but follows keyed entries"
    if scheme not in (None, SCHEME):
        return f"its scheme {scheme!r} is unknown"
    if not hmac.compare_digest(entry_hash(entry, key), entry["hash"]):
        return "its digest does not match its content (or the audit key is not the one used)"
    return None
