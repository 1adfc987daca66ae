"""Network exposure: time-respecting, tie-decaying, explained; beats degree on planted data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph_model.errors import InvalidInput
from queries.exposure.analysis import compare_with_degree, rank_exposure
from queries.exposure.scores import ViolenceEvent, exposure_scores, person_network
from tests.ingest.db_helpers import person_of

AS_OF = date(2025, 6, 1)


def test_an_exposed_person_outranks_a_merely_well_connected_one() -> None:
    ties = [("hub", f"friend{i}") for i in range(15)] + [
        ("victim", "at_risk"),
        ("at_risk", "cousin"),
    ]
    graph = person_network(ties, [])
    events = [ViolenceEvent("stabbing", AS_OF - timedelta(days=30), "victim", "victim")]
    ranking = exposure_scores(graph, events, as_of=AS_OF)
    scores = {entry.person: entry.score for entry in ranking}
    assert scores["at_risk"] > scores.get("hub", 0.0) == 0.0
    assert graph.degree("hub") > graph.degree("at_risk")
    entry = next(e for e in ranking if e.person == "at_risk")
    assert entry.contributions[0].path == ("at_risk", "victim") and entry.ties == 1
    assert scores["cousin"] == pytest.approx(scores["at_risk"] * 0.43, rel=1e-3)


def test_later_events_never_explain_earlier_exposure_and_old_ones_fade() -> None:
    graph = person_network([("a", "b")], [])
    later = ViolenceEvent("later", AS_OF + timedelta(days=1), "a", "victim")
    old = ViolenceEvent("old", AS_OF - timedelta(days=360), "a", "victim")
    recent = ViolenceEvent("recent", AS_OF - timedelta(days=1), "a", "victim")
    assert exposure_scores(graph, [later], as_of=AS_OF) == []
    old_score = exposure_scores(graph, [old], as_of=AS_OF)[0].score
    recent_score = exposure_scores(graph, [recent], as_of=AS_OF)[0].score
    assert old_score == pytest.approx(recent_score / 4, rel=0.02)  # two half-lives


@pytest.mark.parametrize("options", [{"max_hops": 7}, {"tie_factor": 0.0}, {"half_life_days": 0}])
def test_bad_parameters_are_refused(options: dict) -> None:
    with pytest.raises(ValueError):
        exposure_scores(person_network([], []), [], as_of=AS_OF, **options)


def test_planted_future_victims_rank_above_well_connected_controls(loaded) -> None:
    tracker, truth = loaded
    cutoff = date.fromisoformat(truth["exposure"]["cutoff"])
    analysis = rank_exposure(tracker.driver, tracker.database, as_of=cutoff)
    resolved = person_of(tracker, truth)
    future = {
        resolved[p]
        for p in truth["exposure"]["future_victims"] + truth["exposure"]["future_perpetrators"]
        if p in resolved
    }
    controls = {resolved[p] for p in truth["well_connected"] if p in resolved}
    score = {e.person: e.score for e in analysis.ranking}
    assert future and max(score.get(p, 0.0) for p in future) > max(
        [score.get(p, 0.0) for p in controls] or [0.0]
    )
    comparison = compare_with_degree(
        analysis, future
    )  # measured against degree in bench/analyses.py
    assert comparison["positives_in_network"] == len(future & set(analysis.graph.nodes))
    assert all(score.get(p, 0.0) > 0 for p in future & set(analysis.graph.nodes))
    with pytest.raises(InvalidInput, match="hops"):
        rank_exposure(tracker.driver, tracker.database, as_of=cutoff, max_hops=9)
