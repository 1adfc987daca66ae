"""Helpers for ingest tests against the real Neo4j: run loads, count, clean up what they wrote."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j

from graph_model.store import GraphStore
from ingest.mapping.loader import load_mapping
from ingest.mapping.spec import Mapping
from ingest.pipeline import IngestReport, ingest_delivery
from synthetic.config import Scale, config_for
from synthetic.generator import generate


class LoadTracker:
    """Runs loads and remembers their run ids so everything they wrote can be deleted."""

    def __init__(self, driver: neo4j.Driver, database: str, quarantine: Path) -> None:
        self.driver, self.database, self.quarantine = driver, database, quarantine
        self.runs: list[str] = []

    def load(self, folder: Path | list[Path], mapping: Mapping, **options: object) -> IngestReport:
        """Load a delivery. ``force`` defaults to True: most tests load the same files again
        on purpose (re-load idempotency, review decisions); the skip of unchanged files is
        tested with ``force=False``."""
        options.setdefault("force", True)
        report = ingest_delivery(
            folder if isinstance(folder, list) else [folder],
            mapping,
            GraphStore(self.driver, self.database),
            loaded_by="pytest",
            quarantine_dir=self.quarantine,
            **options,
        )
        if report.run_id:
            self.runs.append(report.run_id)
        return report

    def count(self, query: str, **parameters: object) -> int:
        return self.driver.execute_query(query, parameters, database_=self.database).records[0][0]

    def clean(self) -> None:
        """Delete every node any tracked run wrote (first-load provenance covers re-loads)."""
        for _ in range(100):
            deleted = self.driver.execute_query(
                "MATCH (n) WHERE n.load_run_id IN $runs WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n",
                runs=self.runs,
                database_=self.database,
            ).records[0]["n"]
            if not deleted:
                break
        # what review decisions made of the people removed: people left with no record,
        # and merges, splits and aliases about people that no longer exist
        self.driver.execute_query(
            "MATCH (p:Person {source_system: 'linkwatch'}) WHERE NOT (p)<-[:DESCRIBES]-() "
            "DETACH DELETE p",
            database_=self.database,
        )
        self.driver.execute_query(
            "MATCH (n) WHERE (n:IdentityChange OR n:PersonAlias) "
            "AND NOT EXISTS { MATCH (p:Person) WHERE p.id = coalesce(n.person_id, n.survivor) } "
            "DETACH DELETE n",
            database_=self.database,
        )


def person_of(tracker: LoadTracker, truth: dict) -> dict[str, str]:
    """True person id -> resolved Person id, through every source record loaded."""
    rows = tracker.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) RETURN s.id AS record, p.id AS person",
        database_=tracker.database,
    ).records
    found = {}
    for row in rows:
        source, record = row["record"].split(":", 1)
        if source in truth["identities"] and record in truth["identities"][source]:
            found[truth["identities"][source][record]] = row["person"]
    return found


def load_tiny(
    driver: neo4j.Driver, database: str, tmp_path_factory
) -> Iterator[tuple[LoadTracker, dict]]:
    """Generate the tiny data (seed 1), load it, yield it with its ground truth, remove it."""
    folder = tmp_path_factory.mktemp("tiny")
    generate(config_for(Scale.TINY, seed=1), folder)
    tracker = LoadTracker(driver, database, tmp_path_factory.mktemp("quarantine"))
    tracker.load(folder, load_mapping("generator"))
    yield tracker, json.loads((folder / "ground_truth.json").read_text())
    tracker.clean()
