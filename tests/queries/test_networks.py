"""Repeat involvement, communities and vulnerable people on the tiny generated data."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from graph_model.errors import InvalidInput
from queries.networks.analysis import analyse_networks, vulnerable_people
from queries.networks.structure import communities
from tests.ingest.db_helpers import person_of


def test_communities_name_the_bridge_as_most_central() -> None:
    graph = nx.Graph(
        [
            ("a1", "a2"),
            ("a2", "a3"),
            ("a3", "a1"),
            ("a1", "boss"),
            ("boss", "b1"),
            ("b1", "b2"),
            ("b2", "b3"),
            ("b3", "b1"),
        ]
    )
    found = communities(graph, minimum_size=3)
    assert sum(len(c.members) for c in found) == graph.number_of_nodes()
    assert any(c.centre[0][0] == "boss" for c in found)
    with pytest.raises(ValueError):
        communities(graph, minimum_size=1)


def test_the_planted_network_and_its_vulnerable_adult_are_found(loaded) -> None:
    tracker, truth = loaded
    resolved = person_of(tracker, truth)
    start, end = (
        date.fromisoformat(truth["generator"]["start_date"]),
        date.fromisoformat(truth["generator"]["end_date"]),
    )
    result = analyse_networks(tracker.driver, tracker.database, date_from=start, date_to=end)
    network = truth["networks"][0]
    members = {resolved[m] for m in network["members"] if m in resolved}
    best = max(result.communities, key=lambda c: len(members & set(c.members)))
    assert len(members & set(best.members)) >= len(members) // 2
    repeat = {r["person"] for r in result.repeat_perpetrators}
    assert repeat & members  # runners arrested again and again
    vulnerable = {
        row["person"] for row in vulnerable_people(tracker.driver, tracker.database, minimum=2)
    }
    assert resolved[network["vulnerable"][0]] in vulnerable
    with pytest.raises(InvalidInput, match="period is empty"):
        analyse_networks(tracker.driver, tracker.database, date_from=end, date_to=start)
