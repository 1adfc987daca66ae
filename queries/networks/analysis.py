"""Repeat victims and perpetrators, network communities and vulnerable people, from the graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import neo4j

from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput
from queries.exposure.scores import person_network
from queries.networks.structure import Community, communities

__all__ = ["NetworkAnalysis", "analyse_networks", "vulnerable_people"]


@dataclass(frozen=True)
class NetworkAnalysis:
    """Repeat involvement in the period, and the communities of the network at its end."""

    repeat_victims: list[dict[str, Any]]
    repeat_perpetrators: list[dict[str, Any]]
    communities: list[Community]
    people_in_network: int


def _read(driver: neo4j.Driver, database: str, name: str, **parameters: Any) -> list[neo4j.Record]:
    return read(driver, database, cypher(name, package="queries"), parameters)


def analyse_networks(
    driver: neo4j.Driver, database: str, *, date_from: date, date_to: date, minimum: int = 3
) -> NetworkAnalysis:
    """Repeat victims and perpetrators in a period, and the network's communities.

    Communities of the co-offending and association network as of the end date, each with
    its most central members.

    Raises
    ------
    InvalidInput
        For an empty period or a minimum below 2.
    """
    if date_from >= date_to:
        raise InvalidInput(f"the period is empty: {date_from} is not before {date_to}.")
    if minimum < 2:
        raise InvalidInput("a repeat needs at least 2 incidents.")
    rows = _read(
        driver,
        database,
        "networks/repeat_involvement",
        **{"from": date_from, "to": date_to, "minimum": minimum},
    )
    victims = [
        {"person": r["person"], "times": r["times"], "incidents": r["incidents"]}
        for r in rows
        if r["side"] == "victim"
    ]
    perpetrators = [
        {"person": r["person"], "times": r["times"], "incidents": r["incidents"]}
        for r in rows
        if r["side"] == "perpetrator"
    ]
    graph = person_network(
        ((r["a"], r["b"]) for r in _read(driver, database, "exposure/associations", as_of=date_to)),
        ((r["a"], r["b"]) for r in _read(driver, database, "exposure/co_offending", as_of=date_to)),
    )
    return NetworkAnalysis(victims, perpetrators, communities(graph), graph.number_of_nodes())


def vulnerable_people(
    driver: neo4j.Driver, database: str, *, minimum: int = 3, limit: int = 50
) -> list[dict[str, Any]]:
    """People party to no crime but associated with at least ``minimum`` who are."""
    if minimum < 1 or not 1 <= limit <= 1000:
        raise InvalidInput("minimum must be at least 1 and limit between 1 and 1000.")
    rows = _read(driver, database, "networks/vulnerable_people", minimum=minimum, limit=limit)
    return [
        {
            "person": r["person"],
            "associates_party_to_crime": r["associates_party_to_crime"],
            "tie_kinds": r["tie_kinds"],
            "associates": r["associates"],
        }
        for r in rows
    ]
