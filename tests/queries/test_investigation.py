"""Investigation queries on the tiny generated data: date ranges, caps and bad parameters."""

from __future__ import annotations

from datetime import date

import pytest

from graph_model.errors import InvalidInput
from queries.investigation import ego_network
from tests.ingest.db_helpers import person_of


def _busiest_perpetrator(tracker, truth) -> str:
    resolved = person_of(tracker, truth)
    busiest = max(truth["repeat_perpetrators"], key=lambda row: row["incidents"])
    return resolved[busiest["person"]]


def test_an_ego_network_keeps_only_events_inside_the_date_range(loaded) -> None:
    tracker, truth = loaded
    person = _busiest_perpetrator(tracker, truth)
    whole = ego_network(tracker.driver, tracker.database, person, hops=1)
    incidents = sorted(n["date"] for n in whole.nodes if n["kind"] == "Incident")
    assert len(incidents) >= 2
    middle = incidents[len(incidents) // 2]
    window = ego_network(
        tracker.driver, tracker.database, person, hops=1, date_from=middle, date_to=middle
    )
    kept = [n["date"] for n in window.nodes if n["kind"] == "Incident"]
    assert kept and all(day == middle for day in kept)
    assert len(window.edges) < len(whole.edges)
    assert {n["id"] for n in window.nodes} <= {n["id"] for n in whole.nodes}
    assert all({"since", "until", "type"} <= set(edge) for edge in window.edges)


def test_ego_network_refuses_an_empty_range_and_raw_source_records(loaded) -> None:
    tracker, truth = loaded
    person = _busiest_perpetrator(tracker, truth)
    with pytest.raises(InvalidInput, match="date range is empty"):
        ego_network(
            tracker.driver,
            tracker.database,
            person,
            date_from=date(2025, 2, 1),
            date_to=date(2025, 1, 1),
        )
    with pytest.raises(InvalidInput, match="unknown relationship type 'DESCRIBES'"):
        ego_network(tracker.driver, tracker.database, person, types=["DESCRIBES"])
    whole = ego_network(tracker.driver, tracker.database, person, hops=2)
    assert all(edge["type"] != "DESCRIBES" for edge in whole.edges)
