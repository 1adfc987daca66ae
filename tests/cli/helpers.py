"""Run the real ``linkwatch`` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j

#: The justification tests give commands that show personal data (``--justification``).
JUSTIFICATION = "TEST/CLI/0001"
WHY = ("--justification", JUSTIFICATION)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def run_linkwatch(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
    python: list[str] | None = None,
) -> Run:
    """Run ``linkwatch ARGS`` (``python`` replaces ``python -m linkwatch``, to wrap it)."""
    environment = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    started = time.monotonic()
    completed = subprocess.run(
        [*(python or [sys.executable, "-m", "linkwatch"]), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr, time.monotonic() - started)


#: Suspects on one incident: ``networks/person_ties`` pairs them all, so it reads for seconds.
CROWD = 400


def crowd_an_incident(driver: neo4j.Driver, database: str, namespace: str) -> str:
    """Make an incident with CROWD suspects (slowing every query pairing co-offenders)."""
    driver.execute_query(
        "CREATE (i:Incident {id: $ns + 'incident'}) WITH i UNWIND range(1, $crowd) AS k "
        "CREATE (:Person {id: $ns + 'person-' + k})-[:PARTY_TO {role: 'suspect'}]->(i)",
        ns=namespace,
        crowd=CROWD,
        database_=database,
    )
    return f"{namespace}incident"
