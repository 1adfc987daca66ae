"""Every extract layout loads, through its own detected mapping, into the graph the standard
layout makes: the same nodes and relationships with the same properties, the same deaths, the
same people. Only what a source wrote in its own way may differ (file names, row numbers, an NHS
number's spacing, an association's free-text detail), and each such difference is named here."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

from ingest.mapping.loader import detect_mapping
from synthetic.config import Scale, config_for
from synthetic.generator import generate
from synthetic.layouts import STANDARD, load_layouts
from tests.ingest.db_helpers import LoadTracker

#: Set by each load (run id, load time, and content hashes that include them).
PROVENANCE = {"load_run_id", "loaded_at", "content_hashes", "source_record_id"}
#: What a source writes in its own words, per label or relationship type.
WORDING = {
    # linkage_json keeps the linkage fields as the source wrote them (an NHS number's spacing)
    "SourceRecord": {"source_file", "row_number", "recorded_nhs_number", "linkage_json"},
    "ASSOCIATED_WITH": {"detail"},
    # not wording but the moment the first load trained the model; its parameters must agree
    "LinkageModel": {"trained_at"},
}
OTHER_LAYOUTS = sorted(set(load_layouts()) - {STANDARD})


@dataclass(frozen=True)
class Snapshot:
    """The graph one load wrote, with provenance and source wording left out."""

    mapping: str
    nodes: dict[tuple[str, str], dict]
    relationships: Counter
    people: set[frozenset[str]]
    deaths: dict[str, dict]
    wording: dict[tuple[str, str], dict]
    truth: dict


def _comparable(label: str, properties: dict) -> tuple[dict, dict]:
    drop = PROVENANCE | WORDING.get(label, set())
    kept = {k: v for k, v in properties.items() if k not in drop}
    worded = {k: v for k, v in properties.items() if k in WORDING.get(label, set())}
    return json.loads(json.dumps(kept, sort_keys=True, default=str)), worded


def _snapshot(tracker: LoadTracker, folder: Path) -> Snapshot:
    mapping = detect_mapping(folder)
    report = tracker.load(folder, mapping)
    assert not report.failed and report.quarantine_file is None, report.sources
    runs, db = [report.run_id], tracker.database
    query = tracker.driver.execute_query
    nodes, wording = {}, {}
    for row in query(
        "MATCH (n) WHERE n.load_run_id IN $runs AND NOT n:LoadRun "
        "RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS p",
        runs=runs,
        database_=db,
    ).records:
        nodes[(row["label"], row["id"])], worded = _comparable(row["label"], row["p"])
        if worded:
            wording[(row["label"], row["id"])] = worded
    relationships = Counter()
    for row in query(
        "MATCH (a)-[r]->(b) WHERE r.load_run_id IN $runs "
        "RETURN type(r) AS type, a.id AS a, b.id AS b, properties(r) AS p",
        runs=runs,
        database_=db,
    ).records:
        kept, _ = _comparable(row["type"], row["p"])
        relationships[(row["type"], row["a"], row["b"], json.dumps(kept, sort_keys=True))] += 1
    people = {
        frozenset(row["records"])
        for row in query(
            "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WHERE p.load_run_id IN $runs "
            "RETURN p.id AS id, collect(s.id) AS records",
            runs=runs,
            database_=db,
        ).records
    }
    deaths = {
        row["id"]: dict(row["death"])
        for row in query(
            "MATCH (d:Death)-[:FOUND_AT]->(place:Place) WHERE d.load_run_id IN $runs "
            "OPTIONAL MATCH (p:Person)-[r:PARTY_TO_DEATH]->(d) "
            "WITH d, place, collect(r.role + ' ' + p.id) AS parties "
            "RETURN d.id AS id, {date: toString(d.date_found), cause: d.apparent_cause, "
            "substances: d.substances, classification: d.classification, "
            "outcome: d.coroner_outcome, place: place.id, place_type: place.place_type, "
            "location: toString(place.location), parties: parties} AS death",
            runs=runs,
            database_=db,
        ).records
    }
    for death in deaths.values():
        death["parties"] = sorted(death["parties"])
    tracker.clean()
    truth = json.loads((folder / "ground_truth.json").read_text())
    return Snapshot(mapping.name, nodes, relationships, people, deaths, wording, truth)


def _generate(tmp_path_factory: pytest.TempPathFactory, layout: str) -> Path:
    folder = tmp_path_factory.mktemp(f"tiny-{layout}")
    generate(config_for(Scale.TINY, seed=1, layout=layout), folder)
    return folder


@pytest.fixture(scope="module")
def standard(driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    try:
        return _snapshot(tracker, _generate(tmp_path_factory, STANDARD))
    finally:
        tracker.clean()


@pytest.fixture(scope="module", params=OTHER_LAYOUTS)
def other(
    request: pytest.FixtureRequest,
    driver: neo4j.Driver,
    target,
    tmp_path_factory: pytest.TempPathFactory,
    standard: Snapshot,
) -> Snapshot:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    try:
        return _snapshot(tracker, _generate(tmp_path_factory, request.param))
    finally:
        tracker.clean()


def test_each_layout_is_detected_as_its_own_mapping(other: Snapshot, standard: Snapshot) -> None:
    assert standard.mapping == "generator"
    layout = load_layouts()[other.truth["generator"]["layout"]]
    assert other.mapping == layout.mapping != standard.mapping


def test_the_same_records_and_truth_are_written_in_every_layout(
    other: Snapshot, standard: Snapshot
) -> None:
    for key in ("identities", "noise", "series", "decoys", "people", "counts"):
        assert other.truth[key] == standard.truth[key], key
    assert other.truth["generator"]["files"] != standard.truth["generator"]["files"]


def test_the_same_counts_per_label_and_relationship_type(
    other: Snapshot, standard: Snapshot
) -> None:
    def labels(snapshot: Snapshot) -> Counter:
        return Counter(label for label, _ in snapshot.nodes)

    def types(snapshot: Snapshot) -> Counter:
        counts: Counter = Counter()
        for (kind, *_), n in snapshot.relationships.items():
            counts[kind] += n
        return counts

    assert labels(other) == labels(standard)
    assert types(other) == types(standard)
    assert labels(standard)["Death"] == standard.truth["counts"]["death_reports"]
    assert labels(standard)["Person"] > 100 and types(standard)["PARTY_TO_DEATH"] > 100


def test_the_same_deaths_with_the_same_dates_causes_places_and_people(
    other: Snapshot, standard: Snapshot
) -> None:
    assert other.deaths == standard.deaths
    assert len(standard.deaths) == standard.truth["counts"]["death_reports"]


def test_the_same_people_are_resolved(other: Snapshot, standard: Snapshot) -> None:
    """Linkage does not depend on the layout: the same records, the same clusters, exactly.

    The record keys are the same in every layout, and the linkage model is insensitive to
    the order of its input records (measured: shuffled input gives the same clusters and
    model at the tiny and small scales), so no tolerance is needed.
    """
    assert other.people == standard.people


def test_the_same_nodes_and_relationships_with_the_same_properties(
    other: Snapshot, standard: Snapshot
) -> None:
    assert other.nodes.keys() == standard.nodes.keys()
    differing = [key for key in standard.nodes if other.nodes[key] != standard.nodes[key]]
    assert not differing, [
        (
            k,
            {
                p: (v, other.nodes[k].get(p))
                for p, v in standard.nodes[k].items()
                if v != other.nodes[k].get(p)
            },
        )
        for k in differing[:3]
    ]
    assert other.relationships == standard.relationships


def test_only_the_sources_own_wording_differs(other: Snapshot, standard: Snapshot) -> None:
    files = {v["source_file"] for k, v in other.wording.items() if k[0] == "SourceRecord"}
    assert files == {
        other.truth["generator"]["files"][name]
        for name in (
            "police_nominals.csv",
            "death_reports.csv",
            "death_report_people.csv",
            "nhs_extract.csv",
            "local_authority.xlsx",
            "people_register.csv",
        )
    }
