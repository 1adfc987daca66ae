"""The audit log names everyone a response shows, and refusals too (#15 item 5).

A profile's entry names the people in its ties; a review-queue read names the people its
records describe; a 403 anywhere, and a 404 on a personal-data route, is logged with who
asked, for what and why; a justification must look like a case or incident reference, the
same rule for the API's header and the CLI's ``--justification`` (``test_cli_audit``).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.api.conftest import audit_log, call

REASON = "OP/AUDIT/2026/15"


def _newest(client, users, role: str) -> dict:
    return audit_log(client, users.keys["admin"], f"actor={users.names[role]}")[-1]


def test_a_profile_entry_names_everyone_in_its_ties(client, users, subjects) -> None:
    response = call(
        client, users.keys["investigator"], "GET", f"/api/v1/people/{quote(subjects.victim)}"
    )
    assert response.status_code == 200, response.text
    ties = {tie["person"] for tie in response.json()["ties"]}
    assert ties  # the victim of a homicide dyad has ties in the tiny data
    entry = _newest(client, users, "investigator")
    assert set(entry["people"]) == {subjects.victim, *ties}
    tied = next(iter(ties))
    about_tied = audit_log(client, users.keys["admin"], f"person={quote(tied)}")
    assert about_tied[-1]["seq"] == entry["seq"]  # "who saw this person" finds the profile read


def test_a_review_queue_read_names_the_people_its_records_describe(client, users, subjects) -> None:
    review = quote(f"review:{subjects.record_a}|{subjects.record_b}", safe=":")
    call(
        client,
        users.keys["admin"],
        "POST",
        f"/api/v1/reviews/{review}",
        json={"accept": True, "reason": "same person: audit test"},
    )
    listed = call(client, users.keys["admin"], "GET", "/api/v1/reviews?status=accepted&limit=200")
    assert listed.status_code == 200, listed.text
    records = {r["id"] for pair in listed.json() for r in pair["records"]}
    assert {subjects.record_a, subjects.record_b} <= records
    entry = _newest(client, users, "admin")
    assert entry["endpoint"] == "GET /api/v1/reviews"
    assert records <= set(entry["people"])  # the records, as before
    assert subjects.victim in entry["people"]  # and the person they describe
    people = set(entry["people"]) - records
    assert people and all(p.startswith("person:") for p in people)


@pytest.mark.parametrize(
    ("url", "route"),
    [
        ("/api/v1/people/{victim}", "GET /api/v1/people/{person_id}"),
        ("/api/v1/network/ego/{victim}", "GET /api/v1/network/ego/{entity_id}"),
        ("/api/v1/ingest/runs", "GET /api/v1/ingest/runs"),  # not personal, still a refusal
    ],
)
def test_a_forbidden_request_is_logged(client, users, subjects, url: str, route: str) -> None:
    response = call(
        client,
        users.keys["partner"],
        "GET",
        url.format(victim=quote(subjects.victim)),
        justification=REASON,
    )
    assert response.status_code == 403
    entry = _newest(client, users, "partner")
    assert (entry["endpoint"], entry["outcome"]) == (route, "forbidden")
    assert entry["role"] == "partner" and entry["justification"] == REASON
    if "{victim}" in url:
        assert entry["people"] == [subjects.victim]  # who tried to see this person


def test_a_forbidden_request_without_a_valid_justification_is_logged_without_one(
    client, users, subjects
) -> None:
    url = f"/api/v1/people/{quote(subjects.victim)}"
    for given in (None, "none"):
        response = call(client, users.keys["partner"], "GET", url, justification=given)
        assert response.status_code == 403
        entry = _newest(client, users, "partner")
        assert entry["outcome"] == "forbidden" and entry["justification"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people/person:nobody-15",
        "/api/v1/network/ego/person:nobody-15",
        "/api/v1/analyses/precursors/death:NOPE-15",
        "/api/v1/views/series/S-NOPE-15",
    ],
)
def test_a_not_found_on_a_personal_data_route_is_logged(client, users, url: str) -> None:
    role = "analyst" if "/analyses/" in url or "/views/series" in url else "investigator"
    response = call(client, users.keys[role], "GET", url, justification=REASON)
    assert response.status_code == 404, response.text
    entry = _newest(client, users, role)
    assert entry["outcome"] == "not_found" and entry["justification"] == REASON
    assert entry["endpoint"].startswith("GET /api/v1/")
    assert "{" in entry["endpoint"]  # the route template, as for answered requests


def test_a_404_for_no_such_endpoint_is_not_an_audit_entry(client, users, driver, target) -> None:
    def head() -> int:
        return driver.execute_query(
            "MATCH (e:AuditEntry) RETURN coalesce(max(e.seq), 0) AS seq",
            database_=target.database,
        ).records[0]["seq"]

    before = head()
    response = call(client, users.keys["analyst"], "GET", "/api/v1/nothing-here")
    assert response.status_code == 404
    assert head() == before
