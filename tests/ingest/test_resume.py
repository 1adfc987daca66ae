"""Killing a load part-way and running it again gives exactly the counts of one clean load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import neo4j
import pytest

from ingest.mapping.loader import load_mapping
from synthetic.config import config_for
from synthetic.generator import generate
from tests.ingest.db_helpers import LoadTracker

pytestmark = pytest.mark.slow

#: People in the generated delivery: the load is killed when its first incident is written,
#: with most nodes and every tie still to come, so a third of the small scale (5,000 people,
#: two minutes on a busy CI worker) interrupts it just as surely.
PEOPLE = 1_500

SNAPSHOT_NODES = (
    "MATCH (n) WHERE NOT (n:LoadRun OR n:AuditEntry OR n:AuditHead OR n:ApiUser) "
    "RETURN labels(n)[0] AS kind, count(*) AS n ORDER BY kind"
)
SNAPSHOT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS kind, count(*) AS n ORDER BY kind"


def _snapshot(tracker: LoadTracker) -> tuple[dict[str, int], dict[str, int]]:
    def read(query: str) -> dict[str, int]:
        records = tracker.driver.execute_query(query, database_=tracker.database).records
        return {r["kind"]: r["n"] for r in records}

    return read(SNAPSHOT_NODES), read(SNAPSHOT_RELATIONSHIPS)


def _kill_part_way(folder: Path, target, tracker: LoadTracker) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password.get_secret_value(),
        "LINKWATCH_HOME": str(folder / ".home"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "linkwatch", "ingest", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and process.poll() is None:
            started = tracker.count(
                "MATCH (n:Incident) WHERE n.id STARTS WITH 'incident:' RETURN count(n)"
            )
            if started:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the load finished before it could be interrupted"


def test_kill_and_resume_gives_exactly_one_clean_load(
    driver: neo4j.Driver, target, tmp_path: Path
) -> None:
    folder = tmp_path / "delivery"
    generate(config_for(None, people=PEOPLE, seed=11), folder)
    tracker = LoadTracker(driver, target.database, tmp_path / "quarantine")
    try:
        _kill_part_way(folder, target, tracker)
        interrupted = _snapshot(tracker)
        killed = tracker.driver.execute_query(
            "MATCH (r:LoadRun {status: 'running'}) RETURN r.id AS id", database_=tracker.database
        ).records
        tracker.runs += [r["id"] for r in killed]
        resumed_report = tracker.load(folder, load_mapping("generator"))
        resumed = _snapshot(tracker)
        assert sum(interrupted[1].values()) < sum(
            resumed[1].values()
        )  # the kill really cut it short
        status = tracker.driver.execute_query(
            "MATCH (r:LoadRun) WHERE r.id IN $ids RETURN collect(r.status) AS s",
            ids=[r["id"] for r in killed],
            database_=tracker.database,
        ).records[0]["s"]
        assert status == ["failed"] * len(killed)  # the interrupted run is recorded as such
        assert not resumed_report.failed

        tracker.clean()
        assert _snapshot(tracker) == ({}, {})
        tracker.load(folder, load_mapping("generator"))
        assert _snapshot(tracker) == resumed
    finally:
        tracker.clean()
