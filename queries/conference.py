"""Case-conference relationship maps: pseudonymised, coded, with no free text.

A map is an ego network in which every person becomes "Person A", "Person B"... (the same
person keeps one label throughout a map), every other entity becomes its kind and number
("Incident 3"), and only coded facts remain: offence or contact category, month, roles and
kinds of tie. NHS-derived contact detail is shown only to NHS partners. The key from labels
back to ids is returned separately, to stay with the police (the API writes it into the
audit log, never into the response).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from queries.investigation import Subgraph, ego_network

__all__ = [
    "CONFERENCE_TIES",
    "ConferenceMap",
    "case_conference_map",
    "conference_map",
    "person_pseudonym",
    "pseudonymise",
]

HEALTH_ORGANISATIONS = frozenset({"nhs"})
# People (and their incidents, deaths and contacts) only: no objects, calls or officers.
CONFERENCE_TIES = ("PARTY_TO", "PARTY_TO_DEATH", "ASSOCIATED_WITH", "HAD_CONTACT", "LIVES_AT")


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


def pseudonymise(
    graph: Subgraph, facts: Mapping[str, Mapping[str, Any]], *, organisation: str
) -> ConferenceMap:
    """Replace identities with labels and keep only coded facts (pure; testable offline).

    People are labelled in order of first appearance, centre first, so the same subgraph
    always gives the same labels.
    """
    health_partner = organisation in HEALTH_ORGANISATIONS
    order = [graph.centre, *(end for e in graph.edges for end in (e["source"], e["target"]))]
    label_of: dict[str, str] = {}
    counters: dict[str, int] = {}
    for entity in dict.fromkeys(order):
        fact = facts.get(entity)
        if fact is None:
            continue
        if fact["kind"] == "Person":
            label_of[entity] = person_pseudonym(counters.get("Person", 0))
        else:
            label_of[entity] = f"{fact['kind']} {counters.get(fact['kind'], 0) + 1}"
        counters[fact["kind"]] = counters.get(fact["kind"], 0) + 1
    result = ConferenceMap(truncated=graph.truncated)
    for entity, label in label_of.items():
        fact = facts[entity]
        category = fact["category"]
        health = fact["health_data"] or fact["agency"] == "nhs"
        if fact["kind"] == "PartnerContact" and health and not health_partner:
            category = "health contact"
        when = fact["date"]
        result.nodes.append(
            {
                "label": label,
                "kind": fact["kind"],
                "category": category,
                "agency": fact["agency"],
                "month": when.strftime("%Y-%m") if when and fact["kind"] != "Person" else None,
                "centre": entity == graph.centre,
            }
        )
        result.key[label] = entity
    for edge in graph.edges:
        if edge["source"] in label_of and edge["target"] in label_of:
            result.edges.append(
                {
                    "source": label_of[edge["source"]],
                    "target": label_of[edge["target"]],
                    "type": edge["type"],
                    "role": edge["role"],
                    "kind": edge["kind"],
                }
            )
    return result


def case_conference_map(
    driver: neo4j.Driver,
    database: str,
    entity: str,
    *,
    organisation: str,
    hops: int = 2,
    limit: int = 500,
) -> ConferenceMap:
    """The pseudonymised map around a person or event: people and their events only.

    Raises
    ------
    InvalidInput, NotFound
        As :func:`queries.investigation.ego_network`.
    """
    graph = ego_network(driver, database, entity, hops=hops, types=CONFERENCE_TIES, limit=limit)
    return conference_map(driver, database, graph, organisation=organisation)


def conference_map(
    driver: neo4j.Driver, database: str, graph: Subgraph, *, organisation: str
) -> ConferenceMap:
    """Fetch the coded facts of a subgraph's entities and pseudonymise it."""
    ids: Sequence[str] = sorted({n["id"] for n in graph.nodes})
    rows = read(driver, database, cypher("conference/entities", package="queries"), {"ids": ids})
    facts = {r["id"]: {**r.data(), "date": from_neo4j(r["date"])} for r in rows}
    return pseudonymise(graph, facts, organisation=organisation)
