"""People stay the same people (#13 parts 2-5): deliveries link into the stored population with
the stored model, ids survive, merges leave aliases, decisions act at once and are reversible."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from bench.generated_records import read_generated
from governance.audit import AuditAction, append_entry
from governance.audit_key import load_audit_key
from graph_model.settings import get_settings
from graph_model.store import GraphStore
from ingest.identity.decisions import apply_decision
from ingest.identity.model_store import current_model
from ingest.linkage import pairwise_scores
from ingest.mapping.loader import load_mapping
from ingest.review import decide
from queries.series.analysis import find_series
from queries.series.changes import record_series_changes
from synthetic.config import Scale, config_for
from synthetic.deliveries import four_deliveries
from synthetic.generator import generate
from tests.cli.helpers import run_linkwatch
from tests.ingest.db_helpers import LoadTracker

SEED = 29  # this module's own world
RECORD_PEOPLE = "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN s.id AS r, p.id AS p"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    generate(config_for(Scale.TINY, seed=SEED), folder)
    return folder


@pytest.fixture(scope="module")
def deliveries(world: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return four_deliveries(world, tmp_path_factory.mktemp("deliveries"))


def _person_of(tracker: LoadTracker) -> dict[str, str]:
    rows = tracker.driver.execute_query(RECORD_PEOPLE, database_=tracker.database).records
    return {row["r"]: row["p"] for row in rows}


def _f1(person_of: dict[str, str], truth: dict[str, str]) -> float:
    known = {r: p for r, p in person_of.items() if r in truth}
    return pairwise_scores(known, {r: truth[r] for r in known}).f1


@pytest.fixture(scope="module")
def delivered(
    driver: neo4j.Driver, target, deliveries: list[Path], tmp_path_factory
) -> Iterator[tuple[LoadTracker, dict[str, str], list]]:
    """The four deliveries loaded one after another; the person of each record after the first."""
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    reports = [tracker.load(deliveries[0], load_mapping("generator"), force=False)]
    after_first = _person_of(tracker)
    reports += [tracker.load(d, load_mapping("generator"), force=False) for d in deliveries[1:]]
    tracker.last_delivery = deliveries[-1]  # type: ignore[attr-defined]
    yield tracker, after_first, reports
    tracker.clean()


@pytest.mark.slow
def test_four_deliveries_resolve_people_as_one_load_does(
    driver: neo4j.Driver, target, world: Path, tmp_path: Path, deliveries: list[Path]
) -> None:
    truth = read_generated(world).truth
    whole = LoadTracker(driver, target.database, tmp_path / "q1")
    try:
        whole.load(world, load_mapping("generator"))
        once = _person_of(whole)
    finally:
        whole.clean()
    split = LoadTracker(driver, target.database, tmp_path / "q2")
    try:
        split.load(deliveries[0], load_mapping("generator"))
        first = _person_of(split)
        for delivery in deliveries[1:]:
            split.load(delivery, load_mapping("generator"))
        final = _person_of(split)
    finally:
        split.clean()
    assert set(final) == set(once)  # every record loaded, once
    assert _f1(final, truth) >= _f1(once, truth) - 0.01
    assert len(set(final.values())) <= 1.01 * len(set(once.values()))
    kept = {p for r, p in first.items() if final[r] == p}
    assert len(kept) >= 0.99 * len(set(first.values()))


def test_a_delivery_joins_records_to_known_people_and_keeps_their_ids(delivered) -> None:
    tracker, after_first, reports = delivered
    final = _person_of(tracker)
    assert sum(final[r] == p for r, p in after_first.items()) >= 0.99 * len(after_first)
    nhs = reports[2].identity
    assert nhs.records_new > 0 and nhs.records_joined_existing > 0.8 * nhs.records_new
    # ids are minted, opaque: no source record id inside
    assert all(p.startswith("person:") and ":" not in p[7:] for p in final.values())
    # every load names the model it linked with, the mapping's hash and what it changed
    runs = tracker.driver.execute_query(
        "MATCH (r:LoadRun) WHERE r.id IN $ids RETURN r.linkage_model AS model, "
        "r.mapping_hash AS mapping, r.changes_json AS changes ORDER BY r.started_at",
        ids=tracker.runs,
        database_=tracker.database,
    ).records
    model = current_model(GraphStore(tracker.driver, tracker.database))
    assert [r["model"] for r in runs] == [model.id] * 4
    assert reports[0].identity.model_trained_now and not reports[1].identity.model_trained_now
    assert all(r["mapping"].startswith("sha256:") for r in runs)
    assert json.loads(runs[1]["changes"])["new_deaths"] == reports[1].new_deaths > 0


def test_an_unchanged_delivery_changes_no_one(delivered) -> None:
    tracker, _, _ = delivered
    before = _person_of(tracker)
    report = tracker.load(tracker.last_delivery, load_mapping("generator"), force=True)
    assert report.identity.records_unchanged == report.person_records
    assert report.identity.people_added == 0 and not report.identity.merges
    assert _person_of(tracker) == before


def _singletons(tracker: LoadTracker, n: int) -> list[tuple[str, str]]:
    rows = tracker.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WITH p, collect(s.id) AS ids "
        "WHERE size(ids) = 1 AND EXISTS { (p)-[:PARTY_TO|LIVES_AT]-() } "
        "RETURN p.id AS person, ids[0] AS record ORDER BY p.id LIMIT $n",
        n=n,
        database_=tracker.database,
    ).records
    return [(r["person"], r["record"]) for r in rows]


def _ties(tracker: LoadTracker, person: str) -> list[tuple[str, str]]:
    rows = tracker.driver.execute_query(
        "MATCH (p:Person {id: $id})-[r]-(x) WHERE type(r) <> 'DESCRIBES' "
        "RETURN type(r) AS t, x.id AS x ORDER BY t, x",
        id=person,
        database_=tracker.database,
    ).records
    return [(r["t"], r["x"]) for r in rows]


def test_accept_merges_now_old_id_is_an_alias_and_reject_undoes_it(
    delivered, target, tmp_path: Path
) -> None:
    tracker, _, _ = delivered
    store = GraphStore(tracker.driver, tracker.database)
    (first, record_a), (second, record_b) = _singletons(tracker, 2)
    ties_of = {first: _ties(tracker, first), second: _ties(tracker, second)}
    append_entry(
        tracker.driver,
        tracker.database,
        key=load_audit_key(get_settings()),
        actor="pytest",
        role="analyst",
        action=AuditAction.CONSULTATION,
        endpoint="GET /api/v1/people/{id}",
        parameters={},
        justification="TEST-0001",
        people=[second],
    )
    try:
        review = decide(
            store, f"review:{record_a}|{record_b}", accepted=True, decided_by="pytest", note="x"
        )
        merged = apply_decision(store, review, decided_by="pytest")
        assert merged.effect == "merged"
        survivor, gone = merged.persons
        assert {survivor, gone} == {first, second}
        person = _person_of(tracker)
        assert person[record_a] == person[record_b] == survivor  # at once, no ingest needed
        assert set(_ties(tracker, survivor)) == set(ties_of[first]) | set(ties_of[second])

        env = {
            "NEO4J_URI": target.uri,
            "NEO4J_USER": target.user,
            "NEO4J_PASSWORD": target.password.get_secret_value(),
            "LINKWATCH_HOME": str(tmp_path),
        }
        shown = run_linkwatch("analyse", "timeline", gone, "--justification", "TEST-0001", env=env)
        assert shown.code == 0, shown.stderr
        assert f"merged into {survivor}" in shown.stderr
        assert json.loads(shown.stdout)["person"] == survivor
        history = run_linkwatch(
            "audit", "show", "--person", survivor, "--justification", "TEST-0001", env=env
        )
        assert "TEST-0001" in history.stdout  # audit history follows the merge

        # a load after the decision keeps it (the records are unchanged: nothing re-linked)
        tracker.load(tracker.last_delivery, load_mapping("generator"), force=True)
        assert _person_of(tracker)[record_b] == survivor

        rejected = decide(
            store, f"review:{record_a}|{record_b}", accepted=False, decided_by="pytest", note="x"
        )
        split = apply_decision(store, rejected, decided_by="pytest")
        assert split.effect == "split"
        person = _person_of(tracker)
        # the merged id comes back, with the ties derived from its own records
        assert {person[record_a], person[record_b]} == {first, second}
        assert _ties(tracker, first) == ties_of[first]
        assert _ties(tracker, second) == ties_of[second]
        again = run_linkwatch("analyse", "timeline", gone, "--justification", "TEST-0001", env=env)
        assert "merged into" not in again.stderr
    finally:
        tracker.driver.execute_query(
            "MATCH (r:LinkReview) WHERE r.decided_by = 'pytest' DETACH DELETE r",
            database_=tracker.database,
        )


def test_a_rejection_that_other_links_outweigh_says_what_still_joins(delivered) -> None:
    tracker, _, _ = delivered
    store = GraphStore(tracker.driver, tracker.database)
    triangle = tracker.driver.execute_query(
        "MATCH (a:SourceRecord)-[:LINKED_TO]->(b:SourceRecord)-[:LINKED_TO]-(c:SourceRecord), "
        "(a)-[:LINKED_TO]-(c) RETURN a.id AS a, b.id AS b, c.id AS c ORDER BY a, b, c LIMIT 1",
        database_=tracker.database,
    ).records[0]
    before = _person_of(tracker)
    review = decide(
        store,
        f"review:{triangle['a']}|{triangle['b']}",
        accepted=False,
        decided_by="pytest",
        note="x",
    )
    try:
        outcome = apply_decision(store, review, decided_by="pytest")
        assert outcome.effect == "still joined"
        assert outcome.joined_by[0] in (triangle["a"], triangle["b"])
        assert triangle["c"] in outcome.joined_by
        assert "Reject the wrong pair" in outcome.message
        assert _person_of(tracker) == before
    finally:
        tracker.driver.execute_query(
            "MATCH (r:LinkReview) WHERE r.decided_by = 'pytest' DETACH DELETE r",
            database_=tracker.database,
        )


def test_a_delivery_with_a_missing_column_loses_nothing(delivered, tmp_path: Path) -> None:
    tracker, _, _ = delivered
    source = tracker.last_delivery / "nhs_extract.csv"
    broken = tmp_path / "broken"
    broken.mkdir()
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (broken / "nhs_extract.csv").open("w", newline="", encoding="utf-8") as handle:
        fields = [f for f in rows[0] if f != "patient_surname"]
        writer = csv.DictWriter(handle, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    before = _person_of(tracker)
    report = tracker.load(broken, load_mapping("generator"), force=True)
    assert report.failed == ["nhs_extract"]
    assert "patient_surname" in report.sources["nhs_extract"].message
    assert _person_of(tracker) == before


def test_each_load_records_which_candidate_series_are_new_or_grew(delivered) -> None:
    tracker, _, _ = delivered
    driver, database = tracker.driver, tracker.database
    now = {s.id: sorted(d.id for d in s.deaths) for s in find_series(driver, database).series}
    first = record_series_changes(driver, database, tracker.runs[1])
    assert first.total == len(now) and first.new == sorted(now) and not first.grew
    again = record_series_changes(driver, database, tracker.runs[3])
    assert again.previous_run == tracker.runs[1]
    assert again.new == [] and again.grew == {} and again.total == len(now)
    stored = driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.series_json AS s, r.series_changes_json AS c",
        id=tracker.runs[3],
        database_=database,
    ).records[0]
    assert json.loads(stored["s"]) == now
    assert json.loads(stored["c"])["previous_run"] == tracker.runs[1]
