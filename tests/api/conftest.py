"""The API against the real Neo4j loaded with the tiny generated data, one user per role."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import httpx
import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from governance.roles import Role
from governance.sharing import share_map
from governance.users import create_user
from graph_model.settings import Settings
from queries.exposure.analysis import rank_exposure
from queries.reviews.service import open_review
from queries.series.analysis import find_series
from tests.ingest.db_helpers import LoadTracker, load_tiny, person_of

JUSTIFICATION = "CASE/2026/0042"


@pytest.fixture(scope="package")
def loaded(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoadTracker, dict]]:
    yield from load_tiny(driver, target.database, tmp_path_factory)


@pytest.fixture(scope="package")
def api_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "linkwatch_api_docs": True,
            "linkwatch_api_rate_limit": "100000/minute",
            "linkwatch_api_sign_in_failures": 1_000,  # tests refuse many keys on purpose
        }
    )


@pytest.fixture(scope="package")
def client(api_settings: Settings, loaded) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings), raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass(frozen=True)
class Users:
    """One API key per role (the partner is from a council; a second partner is NHS)."""

    keys: dict[str, str]
    names: dict[str, str]


@pytest.fixture(scope="package")
def users(driver: neo4j.Driver, target) -> Iterator[Users]:
    suffix = uuid.uuid4().hex[:8]
    keys, names = {}, {}
    for label, role, organisation in (
        ("analyst", Role.ANALYST, "police"),
        ("investigator", Role.INVESTIGATOR, "police"),
        ("partner", Role.PARTNER, "council"),
        ("partner_nhs", Role.PARTNER, "nhs"),
        ("admin", Role.ADMIN, "police"),
    ):
        names[label] = f"{label.replace('_', '.')}.{suffix}"
        keys[label] = create_user(
            driver,
            target.database,
            name=names[label],
            role=role,
            organisation=organisation,
            created_by="pytest",
        )
    yield Users(keys, names)
    # Review decisions the tests made, and the test users (the audit log is kept: append-only).
    driver.execute_query(
        "MATCH (r:LinkReview) WHERE r.decided_by IN $names DETACH DELETE r",
        names=list(names.values()),
        database_=target.database,
    )
    driver.execute_query(
        "MATCH (u:ApiUser) WHERE u.created_by = 'pytest' DELETE u", database_=target.database
    )
    driver.execute_query(
        "MATCH (n) WHERE n:RapidReview OR n:LearningAction OR n:Sharing DETACH DELETE n",
        database_=target.database,
    )


@dataclass(frozen=True)
class Subjects:
    """Real ids from the tiny data to aim requests at."""

    victim: str
    perpetrator: str
    homicide: str
    record_a: str
    record_b: str
    start: str
    end: str
    series_id: str
    exposed: str
    sharing: str  # the victim's map, shared with the council partner's organisation
    revocable: str  # another sharing with the council, for the revoke route


def share_with(tracker: LoadTracker, subject: str, organisation: str, *, days: int = 7) -> str:
    """Share ``subject``'s map with ``organisation`` for a test meeting; return its id."""
    return share_map(
        tracker.driver,
        tracker.database,
        subject=subject,
        meeting="MARAC 2026-12-03",
        organisation=organisation,
        until=date.today() + timedelta(days=days),
        shared_by="pytest",
        justification="MARAC/2026/117",
    ).sharing.id


@pytest.fixture(scope="package")
def subjects(loaded) -> Subjects:
    tracker, truth = loaded
    resolved = person_of(tracker, truth)
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    records = tracker.driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person {id: $person}) RETURN s.id AS id "
        "ORDER BY id LIMIT 2",
        person=resolved[dyad["victim"]],
        database_=tracker.database,
    ).records
    homicide = f"death:{dyad['outcome_death']}"
    open_review(tracker.driver, tracker.database, homicide, opened_by="pytest")  # for its pack
    return Subjects(
        victim=resolved[dyad["victim"]],
        perpetrator=resolved[dyad["perpetrator"]],
        homicide=homicide,
        record_a=records[0]["id"],
        record_b=records[1]["id"],
        start=truth["generator"]["start_date"],
        end=truth["generator"]["end_date"],
        series_id=find_series(tracker.driver, tracker.database).series[0].id,
        exposed=rank_exposure(
            tracker.driver,
            tracker.database,
            as_of=date.fromisoformat(truth["generator"]["end_date"]),
        )
        .ranking[0]
        .person,
        sharing=share_with(tracker, resolved[dyad["victim"]], "council"),
        revocable=share_with(tracker, resolved[dyad["victim"]], "council"),
    )


def call(
    client: TestClient,
    key: str | None,
    method: str,
    url: str,
    *,
    justification: str | None = JUSTIFICATION,
    json: dict | None = None,
) -> httpx.Response:
    """One request with the key and justification headers (either may be left out)."""
    headers = {}
    if key:
        headers["X-API-Key"] = key
    if justification:
        headers["X-Justification"] = justification
    return client.request(method, url, headers=headers, json=json)


def audit_log(client: TestClient, admin_key: str, query: str) -> list[dict]:
    """Every audit entry matching ``query`` (e.g. ``person=...``), oldest first, all pages."""
    entries: list[dict] = []
    after = 0
    while True:
        page = call(
            client, admin_key, "GET", f"/api/v1/audit?{query}&after={after}&limit=500"
        ).json()
        entries.extend(page["entries"])
        if page["next"] is None:
            return entries
        after = page["next"]
