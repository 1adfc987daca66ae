"""The generator's extracts load through the built-in mapping: counts the truth implies,
people resolved, a second load changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from graph_model.store import GraphStore
from ingest.identity.decisions import apply_decision
from ingest.mapping.loader import detect_mapping, load_mapping
from ingest.review import decide
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from tests.ingest.db_helpers import LoadTracker
from tests.ingest.synthetic_helpers import read


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=1), out)
    return out


@pytest.fixture(scope="module")
def loaded(
    driver: neo4j.Driver, target, folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    tracker.first = tracker.load(folder, detect_mapping(folder))  # type: ignore[attr-defined]
    yield tracker
    tracker.clean()


def _truth(folder: Path) -> dict:
    return json.loads((folder / "ground_truth.json").read_text())


def test_the_generator_layout_is_detected(folder: Path) -> None:
    assert detect_mapping(folder).name == "generator"


def test_every_record_loads_with_the_counts_the_truth_implies(
    loaded: LoadTracker, folder: Path
) -> None:
    truth = _truth(folder)
    counts = truth["counts"]
    report = loaded.first  # type: ignore[attr-defined]
    assert not report.failed
    assert report.quarantine_file is None
    assert loaded.count("MATCH (n:Incident) RETURN count(n)") == counts["incidents"]
    assert loaded.count("MATCH (n:Death) RETURN count(n)") == counts["death_reports"]
    assert (
        loaded.count("MATCH (n:PartnerContact) RETURN count(n)")
        == counts["nhs_contacts"] + counts["local_authority_contacts"]
    )
    records = sum(len(ids) for ids in truth["identities"].values())
    assert loaded.count("MATCH (n:SourceRecord) RETURN count(n)") == records
    assert loaded.count("MATCH (:SourceRecord)-[r:DESCRIBES]->(:Person) RETURN count(r)") == records
    assert loaded.count("MATCH (:Person)-[r:HAD_CONTACT]->(:PartnerContact) RETURN count(r)") == (
        counts["nhs_contacts"] + counts["local_authority_contacts"]
    )
    deaths_people = len(read(folder, "death_report_people.csv"))
    assert (
        loaded.count("MATCH (:Person)-[r:PARTY_TO_DEATH]->(:Death) RETURN count(r)")
        == counts["death_reports"] + deaths_people
    )
    assert (
        loaded.count("MATCH (:Death)-[r:FOUND_AT]->(:Place) RETURN count(r)")
        == counts["death_reports"]
    )
    involvements = read(folder, "police_involvements.csv")
    assert loaded.count("MATCH (:Person)-[r:PARTY_TO]->(:Incident) RETURN count(r)") == len(
        involvements
    )


def test_people_are_resolved_across_sources(loaded: LoadTracker, folder: Path) -> None:
    truth = _truth(folder)
    true_people = {pid for ids in truth["identities"].values() for pid in ids.values()}
    people = loaded.count("MATCH (p:Person) WHERE p.source_system = 'linkwatch' RETURN count(p)")
    assert abs(people - len(true_people)) / len(true_people) < 0.10
    # someone known to several agencies is one person with records from each
    sources = loaded.count(
        "MATCH (p:Person)<-[:DESCRIBES]-(s:SourceRecord) WITH p, count(DISTINCT s.source_type) AS n RETURN max(n)"
    )
    assert sources >= 3


def test_every_link_carries_its_evidence(loaded: LoadTracker) -> None:
    linked = loaded.driver.execute_query(
        "MATCH (s:SourceRecord)-[r:DESCRIBES]->(p:Person) WHERE r.match_probability IS NOT NULL "
        "RETURN r.match_probability AS p, r.evidence_json AS e LIMIT 50",
        database_=loaded.database,
    ).records
    assert linked
    for record in linked:
        assert 0 <= record["p"] <= 1
        assert json.loads(record["e"])


def test_a_load_run_records_files_checksums_and_counts(loaded: LoadTracker) -> None:
    run = loaded.driver.execute_query(
        "MATCH (r:LoadRun {id: $id}) RETURN r.status AS status, r.files AS files, r.counts_json AS counts",
        id=loaded.runs[0],
        database_=loaded.database,
    ).records[0]
    assert run["status"] == "completed"
    assert any(f.startswith("police_occurrences.csv sha256:") for f in run["files"])
    assert json.loads(run["counts"])["police_occurrences"]["rows"] > 0


def test_loading_the_same_files_again_changes_nothing(loaded: LoadTracker, folder: Path) -> None:
    before = (
        loaded.count("MATCH (n) RETURN count(n)"),
        loaded.count("MATCH ()-[r]->() RETURN count(r)"),
    )
    again = loaded.load(folder, load_mapping("generator"))
    assert sum(c.loaded for name, c in again.sources.items()) == 0
    after = (
        loaded.count("MATCH (n) RETURN count(n)"),
        loaded.count("MATCH ()-[r]->() RETURN count(r)"),
    )
    assert after == (before[0] + 1, before[1])  # only the new LoadRun node


def test_review_decisions_split_and_join_people_and_survive_reingest(
    loaded: LoadTracker, folder: Path
) -> None:
    store = GraphStore(loaded.driver, loaded.database)
    pair = loaded.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WITH p, collect(s.id) AS ids WHERE size(ids) = 2 "
        "RETURN ids ORDER BY p.id LIMIT 1",
        database_=loaded.database,
    ).records[0]["ids"]
    apart = loaded.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WITH p, collect(s.id) AS ids WHERE size(ids) = 1 "
        "RETURN ids[0] AS id ORDER BY p.id LIMIT 2",
        database_=loaded.database,
    ).records
    lonely = [r["id"] for r in apart]
    person_of = "MATCH (:SourceRecord {id: $id})-[:DESCRIBES]->(p:Person) RETURN p.id"
    try:
        rejected = decide(
            store, f"review:{pair[0]}|{pair[1]}", accepted=False, decided_by="pytest", note="twins"
        )
        assert apply_decision(store, rejected, decided_by="pytest").effect == "split"
        accepted = decide(
            store,
            f"review:{lonely[0]}|{lonely[1]}",
            accepted=True,
            decided_by="pytest",
            note="same NHS number",
        )
        assert apply_decision(store, accepted, decided_by="pytest").effect == "merged"
        for round_ in range(3):  # at once, then on this ingest and on the next
            if round_:
                loaded.load(folder, load_mapping("generator"))
            homes = [loaded.count(person_of, id=record) for record in pair]
            assert homes[0] != homes[1]
            assert loaded.count(person_of, id=lonely[0]) == loaded.count(person_of, id=lonely[1])
            # a record moved to another person is described only by that person
            for record in [*pair, *lonely]:
                assert (
                    loaded.count(
                        "MATCH (:SourceRecord {id: $id})-[r:DESCRIBES]->() RETURN count(r)",
                        id=record,
                    )
                    == 1
                )
    finally:
        loaded.driver.execute_query(
            "MATCH (r:LinkReview) WHERE r.decided_by = 'pytest' DETACH DELETE r",
            database_=loaded.database,
        )
