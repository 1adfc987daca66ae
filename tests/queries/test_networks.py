"""Repeat involvement, communities and vulnerable people on the tiny generated data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import neo4j
import networkx as nx
import pytest

from graph_model.errors import InvalidInput
from ingest.mapping.loader import load_mapping
from ingest.synthetic.config import Scale, config_for
from ingest.synthetic.generator import generate
from queries.networks.analysis import analyse_networks, vulnerable_people
from queries.networks.structure import communities
from tests.ingest.db_helpers import LoadTracker


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


@pytest.fixture(scope="module")
def loaded(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoadTracker, dict]]:
    folder = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=1), folder)
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    tracker.load(folder, load_mapping("generator"))
    yield tracker, json.loads((folder / "ground_truth.json").read_text())
    tracker.clean()


def _person_of(tracker: LoadTracker, truth: dict) -> dict[str, str]:
    rows = tracker.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN s.id AS r, p.id AS p",
        database_=tracker.database,
    ).records
    out = {}
    for row in rows:
        source, record = row["r"].split(":", 1)
        out[truth["identities"][source][record]] = row["p"]
    return out


def test_the_planted_network_and_its_vulnerable_adult_are_found(loaded) -> None:
    tracker, truth = loaded
    person_of = _person_of(tracker, truth)
    start, end = (
        date.fromisoformat(truth["generator"]["start_date"]),
        date.fromisoformat(truth["generator"]["end_date"]),
    )
    result = analyse_networks(tracker.driver, tracker.database, date_from=start, date_to=end)
    network = truth["networks"][0]
    members = {person_of[m] for m in network["members"] if m in person_of}
    best = max(result.communities, key=lambda c: len(members & set(c.members)))
    assert len(members & set(best.members)) >= len(members) // 2
    repeat = {r["person"] for r in result.repeat_perpetrators}
    assert repeat & members  # runners arrested again and again
    vulnerable = {
        row["person"] for row in vulnerable_people(tracker.driver, tracker.database, minimum=2)
    }
    assert person_of[network["vulnerable"][0]] in vulnerable
    with pytest.raises(InvalidInput, match="period is empty"):
        analyse_networks(tracker.driver, tracker.database, date_from=end, date_to=start)
