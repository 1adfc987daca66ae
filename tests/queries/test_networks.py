"""Repeat involvement, communities and vulnerable people on the tiny generated data."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from graph_model.errors import InvalidInput
from queries.networks.analysis import (
    analyse_networks,
    association_triangles,
    dangerous_family_associates,
    vulnerable_people,
)
from queries.networks.structure import closed_triads, communities
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


def test_closed_triads_match_networkx_triangle_counts() -> None:
    graph = nx.gnp_random_graph(60, 0.12, seed=3)
    graph = nx.relabel_nodes(graph, {n: f"p{n:02d}" for n in graph})
    triads = closed_triads(graph)
    assert len(triads) == sum(nx.triangles(graph).values()) // 3
    assert len(set(triads)) == len(triads)
    assert all(
        graph.has_edge(a, b) and graph.has_edge(b, c) and graph.has_edge(a, c) for a, b, c in triads
    )


def test_a_homicide_victims_partner_is_a_dangerous_family_associate(loaded) -> None:
    tracker, truth = loaded
    resolved = person_of(tracker, truth)
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    victim, perpetrator = resolved[dyad["victim"]], resolved[dyad["perpetrator"]]
    rows = dangerous_family_associates(tracker.driver, tracker.database, person=victim)
    assert [row["person"] for row in rows] == [victim]
    relative = next(r for r in rows[0]["relatives"] if r["person"] == perpetrator)
    assert set(relative["ties"]) & {"partner", "ex_partner"}
    offences = [crime["offence"] for crime in relative["crimes"]]
    assert "non_fatal_strangulation" in offences and "homicide" in offences
    dates = [crime["occurred_on"] for crime in relative["crimes"]]
    assert dates == sorted(dates)
    before = dangerous_family_associates(
        tracker.driver, tracker.database, person=victim, date_to=date(1990, 1, 1)
    )
    assert before == []  # the date range limits the crimes counted
    with pytest.raises(InvalidInput, match="date range is empty"):
        dangerous_family_associates(
            tracker.driver, tracker.database, date_from=date(2025, 1, 2), date_to=date(2025, 1, 1)
        )


def test_triangles_of_the_planted_network_come_first_with_their_ties(loaded) -> None:
    tracker, truth = loaded
    resolved = person_of(tracker, truth)
    members = {resolved[m] for m in truth["networks"][0]["members"] if m in resolved}
    found = association_triangles(tracker.driver, tracker.database, limit=10)
    assert found.triangles and found.total_triangles >= len(found.triangles)
    top = found.triangles[0]
    assert top.members_party_to_crime == 3 and set(top.people) & members
    for a, b, kinds in top.ties:
        assert a in top.people and b in top.people and kinds
    counts = [row["triangles"] for row in found.people]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1
    with pytest.raises(InvalidInput, match="minimum_involved"):
        association_triangles(tracker.driver, tracker.database, minimum_involved=4)
