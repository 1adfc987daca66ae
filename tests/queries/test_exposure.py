"""Network exposure: time-respecting, tie-decaying, explained, measured against baselines.

Whether it beats degree and demographics on a world it has never seen is
``tests/evaluation/test_exposure_held_out.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph_model.errors import InvalidInput
from queries.exposure.analysis import (
    compare_with_baselines,
    fetch_people,
    fetch_violence,
    rank_exposure,
)
from queries.exposure.evaluation import (
    PersonAttributes,
    compare_rankings,
    demographic_scores,
    recall_at_top,
)
from queries.exposure.scores import ViolenceEvent, exposure_scores, person_network

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


def test_recall_shares_tied_places_and_counts_missing_positives_as_missed() -> None:
    scores = {"a": 5.0, "b": 1.0, "c": 1.0, "d": 1.0, "e": 1.0, "f": 0.0}
    assert recall_at_top(scores, {"a"}, k=1) == 1.0
    assert recall_at_top(scores, {"b"}, k=3) == pytest.approx(0.5)  # 2 places for 4 tied
    assert recall_at_top(scores, {"a", "unranked"}, k=6) == 0.5
    # An id order cannot help: reversing the names of tied people changes nothing.
    renamed = {"a": 5.0, "e": 1.0, "d": 1.0, "c": 1.0, "b": 1.0, "f": 0.0}
    assert recall_at_top(renamed, {"e"}, k=3) == recall_at_top(scores, {"e"}, k=3)
    with pytest.raises(ValueError):
        recall_at_top(scores, {"a"}, k=0)


def test_demographics_are_fitted_before_the_reference_date_only() -> None:
    people = [
        PersonAttributes("young_man", date(2004, 1, 1), "male"),
        PersonAttributes("young_man_2", date(2004, 3, 1), "male"),
        PersonAttributes("older_woman", date(1960, 1, 1), "female"),
        PersonAttributes("older_woman_2", date(1961, 1, 1), "female"),
    ]
    before = [ViolenceEvent("i1", AS_OF - timedelta(days=40), "young_man_2", "victim")]
    after = [ViolenceEvent("i2", AS_OF + timedelta(days=5), "older_woman", "victim")]
    fitted = demographic_scores(people, before, as_of=AS_OF, prior_weight=1)
    assert fitted["young_man"] == fitted["young_man_2"] > fitted["older_woman"]
    assert demographic_scores(people, before + after, as_of=AS_OF, prior_weight=1) == fitted
    too_old = [ViolenceEvent("i0", AS_OF - timedelta(days=400), "older_woman", "victim")]
    assert demographic_scores(people, before + too_old, as_of=AS_OF, prior_weight=1) == fitted


def test_rankings_must_share_a_population() -> None:
    figures = compare_rankings(
        {"good": {"a": 2.0, "b": 1.0, "c": 0.0}, "bad": {"a": 0.0, "b": 1.0, "c": 2.0}},
        {"a"},
        top=1,
    )
    assert figures["good"]["recall_top_1"] == 1.0 and figures["bad"]["recall_top_1"] == 0.0
    assert figures["good"]["auc"] == 1.0 and figures["bad"]["auc"] == 0.0
    with pytest.raises(ValueError, match="same population"):
        compare_rankings({"x": {"a": 1.0}, "y": {"b": 1.0}}, {"a"})


def test_baselines_rank_everyone_the_graph_knows(loaded) -> None:
    tracker, truth = loaded
    cutoff = date.fromisoformat(truth["exposure"]["cutoff"])
    analysis = rank_exposure(tracker.driver, tracker.database, as_of=cutoff)
    people = fetch_people(tracker.driver, tracker.database)
    events = fetch_violence(tracker.driver, tracker.database, as_of=cutoff)
    assert all(e.occurred_on < cutoff for e in events) and len(events) == analysis.events
    figures = compare_with_baselines(analysis, people, events, [])
    persons = tracker.count("MATCH (p:Person) RETURN count(p)")
    assert {f["population"] for f in figures.values()} == {persons}
    assert persons > analysis.graph.number_of_nodes()  # people with no tie are ranked too
    with pytest.raises(InvalidInput, match="hops"):
        rank_exposure(tracker.driver, tracker.database, as_of=cutoff, max_hops=9)
