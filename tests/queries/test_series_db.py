"""The series analysis on the tiny generated data loaded into the real Neo4j."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from graph_model.errors import InvalidInput
from queries.series.analysis import fetch_deaths, find_series
from tests.cli.helpers import WHY, run_linkwatch


def test_a_planted_series_is_found_with_its_evidence(loaded) -> None:
    tracker, truth = loaded
    analysis = find_series(tracker.driver, tracker.database)
    assert analysis.deaths >= truth["counts"]["death_reports"]
    found = [{d.id for d in s.deaths} for s in analysis.series]
    planted = [{f"death:{r}" for r in s["deaths"]} for s in truth["series"]]
    recovered = [series for series in planted if any(series <= group for group in found)]
    assert recovered, (found, planted)
    # Decoys are not asserted away here: with the scenario library's decoys (care staff,
    # drug-using friends, busy places, contaminated batches) some decoy pairs do cross the
    # shipped threshold, and bench/intelligence.py measures how many (docs/figures.md).
    for series in analysis.series:
        assert len(series.deaths) >= 2
        for link in series.links:
            assert link.probability >= analysis.threshold
            assert link.contributions and all(value > 0 for value in link.contributions.values())
            assert "days_apart" in link.evidence


def test_as_of_replays_only_what_was_recorded_by_then(loaded) -> None:
    tracker, _ = loaded
    everything = find_series(tracker.driver, tracker.database, near=0)
    dates = sorted({d.date_found for d in fetch_deaths(tracker.driver, tracker.database).deaths})
    as_of = dates[len(dates) // 2]
    replay = find_series(tracker.driver, tracker.database, as_of=as_of, near=25)
    recorded = fetch_deaths(tracker.driver, tracker.database, as_of=as_of)
    assert replay.as_of == as_of and replay.deaths == len(recorded.deaths)
    assert 0 < replay.deaths < everything.deaths
    assert all(d.date_found <= as_of for d in recorded.deaths)
    assert all(i.occurred_on <= as_of for h in recorded.suspect_history.values() for i in h)
    full_history = fetch_deaths(tracker.driver, tracker.database).suspect_history
    assert sum(map(len, recorded.suspect_history.values())) < sum(map(len, full_history.values()))
    # Homes of the people named on reports, with coordinates; none that began after as_of.
    full = fetch_deaths(tracker.driver, tracker.database)
    named = {p for d in full.deaths for p in d.people}
    assert full.homes and set(full.homes) <= named
    assert all(h.since is None or h.since <= as_of for hs in recorded.homes.values() for h in hs)
    assert any(h.since and h.since > as_of for hs in full.homes.values() for h in hs)
    for series in replay.series:
        assert all(d.date_found <= as_of for d in series.deaths)
    # What almost linked: below the threshold, strongest first, no more than asked for.
    near = [p.probability for p in replay.near_threshold]
    assert near and len(near) <= 25 and near == sorted(near, reverse=True)
    assert all(p < replay.threshold for p in near)
    strongest_below = max(p.probability for p in replay.scored if p.probability < replay.threshold)
    assert near[0] == strongest_below
    assert everything.near_threshold == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 1.5}, "threshold"),
        ({"hops": 9}, "hops"),
        ({"date_from": date(2025, 1, 1), "date_to": date(2024, 1, 1)}, "the period is empty"),
        ({"date_from": date(2025, 1, 1), "as_of": date(2024, 1, 1)}, "the period is empty"),
        ({"near": 101}, "near"),
    ],
)
def test_bad_parameters_are_refused(loaded, options: dict, message: str) -> None:
    tracker, _ = loaded
    with pytest.raises(InvalidInput, match=message):
        find_series(tracker.driver, tracker.database, **options)


@pytest.mark.slow
def test_the_cli_prints_the_documented_json(loaded, target, tmp_path: Path) -> None:
    env = {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
    }
    run = run_linkwatch("analyse", "series", "--json", *WHY, env=env, cwd=tmp_path)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    assert set(document) == {
        "notice",
        "threshold",
        "as_of",
        "deaths",
        "candidate_pairs",
        "model",
        "series",
        "near_threshold",
    }
    assert document["series"] and {"id", "strength", "deaths", "links"} <= set(
        document["series"][0]
    )
    replay = run_linkwatch(
        "analyse",
        "series",
        "--as-of",
        "2025-01-01",
        "--near",
        "3",
        "--json",
        *WHY,
        env=env,
        cwd=tmp_path,
    )
    assert replay.code == 0, replay.stderr
    replayed = json.loads(replay.stdout)
    assert replayed["as_of"] == "2025-01-01" and len(replayed["near_threshold"]) <= 3
    assert replayed["deaths"] < document["deaths"]
    printed = run_linkwatch(
        "analyse", "series", "--as-of", "2025-01-01", *WHY, env=env, cwd=tmp_path
    )
    assert printed.code == 0 and "recorded by 2025-01-01" in printed.stdout
    assert "Near the threshold" in printed.stdout
    refused = run_linkwatch("analyse", "series", "--hops", "9", *WHY, env=env, cwd=tmp_path)
    assert refused.code != 0 and "Traceback" not in refused.stderr


@pytest.mark.slow
def test_investigation_commands_print_json(loaded, target, tmp_path: Path) -> None:
    _, truth = loaded
    env = {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
    }
    death = f"death:{truth['series'][0]['deaths'][0]}"
    ego = run_linkwatch("analyse", "ego", death, "--hops", "2", *WHY, env=env, cwd=tmp_path)
    assert ego.code == 0, ego.stderr
    graph = json.loads(ego.stdout)
    assert (
        graph["centre"] == death
        and graph["edges"]
        and {"id", "kind", "label", "date"} == set(graph["nodes"][0])
    )
    deceased = next(
        e["source"]
        for e in graph["edges"]
        if e["type"] == "PARTY_TO_DEATH" and e["role"] == "deceased"
    )
    paths = json.loads(
        run_linkwatch("analyse", "paths", deceased, death, *WHY, env=env, cwd=tmp_path).stdout
    )
    assert paths["routes"][0]["length"] == 1
    events = json.loads(
        run_linkwatch("analyse", "timeline", deceased, *WHY, env=env, cwd=tmp_path).stdout
    )
    assert death in {e["event"] for e in events["events"]}
    missing = run_linkwatch("analyse", "ego", "death:NOPE", *WHY, env=env, cwd=tmp_path)
    assert missing.code == 1 and "No person, place or event" in missing.stderr
