"""Precursor paths are time-ordered and complete; live dyads on the timeline rank first."""

from __future__ import annotations

from datetime import date

import pytest

from graph_model.errors import InvalidInput, NotFound
from queries.precursors.analysis import at_risk_dyads, precursor_path
from queries.precursors.stages import DyadIncident, rank_dyads
from tests.ingest.db_helpers import person_of


def _incident(name: str, day: str, offence: str, *markers: str) -> DyadIncident:
    return DyadIncident(name, date.fromisoformat(day), offence, markers)


def test_dyads_further_along_the_timeline_rank_first_and_outcomes_are_not_live() -> None:
    escalating = [
        _incident("a1", "2025-01-05", "coercive_control", "coercive_control"),
        _incident("a2", "2025-03-01", "domestic_incident", "separation"),
        _incident("a3", "2025-05-01", "threats_to_kill", "threats_to_kill"),
    ]
    noisy = [_incident(f"b{i}", f"2025-0{i}-10", "domestic_incident") for i in range(1, 7)]
    finished = [
        _incident("c1", "2025-01-01", "non_fatal_strangulation", "strangulation"),
        _incident("c2", "2025-02-01", "homicide"),
    ]
    later = [_incident("d1", "2025-09-01", "non_fatal_strangulation", "strangulation")]
    ranked = rank_dyads(
        [
            ("v1", "s1", escalating),
            ("v2", "s2", noisy),
            ("v3", "s3", finished),
            ("v4", "s4", later),
        ],
        as_of=date(2025, 6, 1),
    )
    assert [d.victim for d in ranked] == [
        "v1",
        "v2",
    ]  # homicide dyad not live; future incident unseen
    assert [s["stage"] for s in ranked[0].steps] == ["control", "separation", "threats"]
    assert ranked[0].score == 1 + 2 + 4 and ranked[1].score == 0


def test_the_precursor_path_of_a_planted_homicide_is_ordered_and_complete(loaded) -> None:
    tracker, truth = loaded
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    path = precursor_path(tracker.driver, tracker.database, f"death:{dyad['outcome_death']}")
    dates = [step.date for step in path.steps]
    assert dates == sorted(dates) and all(d < path.event_date for d in dates)
    planted = {ref for stage in dyad["stages"] for ref in stage["events"]}
    found = {step.event.split(":", 1)[1] for step in path.steps}
    assert planted <= found, planted - found
    assert {"police", "nhs", "local_authority"} <= set(path.agencies)
    stages = [s for step in path.steps for s in step.stages]
    assert stages.index("control") < stages.index("strangulation")


def test_live_dyads_are_found_near_the_top(loaded) -> None:
    tracker, truth = loaded
    end = date.fromisoformat(truth["generator"]["end_date"])
    ranked = at_risk_dyads(tracker.driver, tracker.database, as_of=end)
    live = [d for d in truth["dyads"] if d["outcome"] == "live"]
    resolved = person_of(tracker, truth)
    top = {(d.victim, d.suspect) for d in ranked[: 2 * len(live)]}
    hits = sum((resolved.get(d["victim"]), resolved.get(d["perpetrator"])) in top for d in live)
    assert hits >= len(live) - 1


def test_bad_requests_are_refused(loaded) -> None:
    tracker, _ = loaded
    with pytest.raises(NotFound, match="No death or incident"):
        precursor_path(tracker.driver, tracker.database, "death:NOPE' OR 1=1 //")
    with pytest.raises(InvalidInput, match="months"):
        precursor_path(tracker.driver, tracker.database, "death:x", months=0)
