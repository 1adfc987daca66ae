"""Case-conference relationship maps: pseudonymised, coded, with no free text.

A map is the neighbourhood of a subject the police shared (see :mod:`governance.sharing`) in
which every person becomes "Person A", "Person B"..., every other entity its kind and number
("Incident 3"), and only coded facts remain: offence or contact category, month, roles and
kinds of tie. Labels are drawn in an order keyed by the sharing's own secret salt, so the same
person gets a different label in each sharing (and the same one each time one sharing is
opened). Non-health partners get no health contact at all: no node, no tie, no count, and no
one reached through one. The key from labels back to ids is returned separately, to stay with
the police (the callers write it into the audit log, never into the response).
"""

from __future__ import annotations

import hashlib
import hmac
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from queries.investigation import Subgraph

__all__ = [
    "CONFERENCE_TIES",
    "HEALTH_CONTACT_TYPES",
    "HEALTH_ORGANISATIONS",
    "ConferenceMap",
    "conference_map",
    "person_pseudonym",
    "pseudonymise",
    "shared_map",
]

HEALTH_ORGANISATIONS = frozenset({"nhs"})
#: Contacts that are health contacts whoever recorded them: hidden from non-health partners.
HEALTH_CONTACT_TYPES = ("ae_attendance", "mental_health_contact", "gp_contact", "ambulance_callout")
# People (and their incidents, deaths and contacts) only: no objects, calls or officers.
CONFERENCE_TIES = ("PARTY_TO", "PARTY_TO_DEATH", "ASSOCIATED_WITH", "HAD_CONTACT", "LIVES_AT")
MAX_MAP_PATHS = 500


def person_pseudonym(position: int) -> str:
    """Label the n-th person: Person A ... Person Z, then Person AA, Person AB...

    Examples
    --------
    >>> person_pseudonym(0), person_pseudonym(25), person_pseudonym(26)
    ('Person A', 'Person Z', 'Person AA')
    """
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return f"Person {letters}"


@dataclass
class ConferenceMap:
    """A pseudonymised map and the key that stays with the police."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    key: dict[str, str] = field(default_factory=dict)  # pseudonym -> real id

    @property
    def people(self) -> list[str]:
        """The real ids of the people on the map (for the audit log)."""
        return [entity for label, entity in self.key.items() if label.startswith("Person ")]


def _draw_order(salt: str, entity: str) -> str:
    return hmac.new(salt.encode(), entity.encode(), hashlib.sha256).hexdigest()


def _health_contact(fact: Mapping[str, Any]) -> bool:
    return fact["kind"] == "PartnerContact" and bool(
        fact["health_data"] or fact["agency"] == "nhs" or fact["category"] in HEALTH_CONTACT_TYPES
    )


def pseudonymise(
    graph: Subgraph, facts: Mapping[str, Mapping[str, Any]], *, organisation: str, salt: str
) -> ConferenceMap:
    """Replace identities with labels and keep only coded facts (pure; testable offline).

    Entities are labelled in the order of an HMAC of their id keyed by ``salt``: one salt
    always gives the same labels, another salt other labels. Health contacts are left out
    entirely unless ``organisation`` is a health partner; dates become months.
    """
    health_partner = organisation in HEALTH_ORGANISATIONS
    present = {graph.centre, *(end for e in graph.edges for end in (e["source"], e["target"]))}
    shown = sorted(
        (
            entity
            for entity in present
            if entity in facts and (health_partner or not _health_contact(facts[entity]))
        ),
        key=lambda entity: _draw_order(salt, entity),
    )
    label_of: dict[str, str] = {}
    counters: dict[str, int] = {}
    for entity in shown:
        kind = facts[entity]["kind"]
        number = counters.get(kind, 0)
        label_of[entity] = person_pseudonym(number) if kind == "Person" else f"{kind} {number + 1}"
        counters[kind] = number + 1
    result = ConferenceMap(truncated=graph.truncated)
    for entity, label in label_of.items():
        fact = facts[entity]
        when = fact["date"]
        result.nodes.append(
            {
                "label": label,
                "kind": fact["kind"],
                "category": fact["category"],
                "agency": fact["agency"],
                "month": when.strftime("%Y-%m") if when and fact["kind"] != "Person" else None,
                "centre": entity == graph.centre,
            }
        )
        result.key[label] = entity
    ties = {
        (label_of[e["source"]], label_of[e["target"]], e["type"], e["role"], e["kind"])
        for e in graph.edges
        if e["source"] in label_of and e["target"] in label_of
    }
    result.edges = [
        {"source": source, "target": target, "type": type_, "role": role, "kind": kind}
        for source, target, type_, role, kind in sorted(ties, key=lambda t: tuple(map(str, t)))
    ]
    return result


def shared_map(
    driver: neo4j.Driver,
    database: str,
    subject: str,
    *,
    organisation: str,
    salt: str,
    hops: int = 2,
    limit: int = MAX_MAP_PATHS,
) -> ConferenceMap:
    """The pseudonymised map around a shared subject, as ``organisation`` may see it.

    Parameters
    ----------
    subject
        The sharing's subject (a person, death, incident or place id).
    organisation
        The organisation it is shared with (``nhs`` sees health contacts).
    salt
        The sharing's secret salt the labels are drawn from.
    hops
        Ties out from the subject, 1 or 2 (the sharing's).
    limit
        Paths to keep; ``truncated`` says when more existed.
    """
    rows = read(
        driver,
        database,
        cypher("conference/neighbourhood", package="queries"),
        {
            "id": subject,
            "hops": hops,
            "types": list(CONFERENCE_TIES),
            "health": organisation in HEALTH_ORGANISATIONS,
            "health_types": list(HEALTH_CONTACT_TYPES),
            "limit": limit,
        },
    )
    edges = [
        {
            "source": r["source"],
            "target": r["target"],
            "type": r["type"],
            "role": r["role"],
            "kind": r["kind"],
        }
        for r in rows
    ]
    graph = Subgraph(subject, [], edges, truncated=bool(rows) and rows[0]["truncated"])
    return conference_map(driver, database, graph, organisation=organisation, salt=salt)


def conference_map(
    driver: neo4j.Driver, database: str, graph: Subgraph, *, organisation: str, salt: str
) -> ConferenceMap:
    """Fetch the coded facts of a subgraph's entities and pseudonymise it."""
    ids: Sequence[str] = sorted(
        {graph.centre, *(end for e in graph.edges for end in (e["source"], e["target"]))}
    )
    rows = read(driver, database, cypher("conference/entities", package="queries"), {"ids": ids})
    facts = {r["id"]: {**r.data(), "date": from_neo4j(r["date"])} for r in rows}
    return pseudonymise(graph, facts, organisation=organisation, salt=salt)
