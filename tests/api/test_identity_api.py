"""Merged ids through the API (#13 part 3): a merged id answers with the survivor and says it
moved; a review decision posted to the API changes the graph at once, and can be undone."""

from __future__ import annotations

from tests.api.conftest import call


def _two_singletons(driver, database) -> list[tuple[str, str]]:
    rows = driver.execute_query(
        "MATCH (s:SourceRecord)-[:DESCRIBES]->(p:Person) WITH p, collect(s.id) AS ids "
        "WHERE size(ids) = 1 RETURN p.id AS person, ids[0] AS record ORDER BY p.id LIMIT 2",
        database_=database,
    ).records
    return [(r["person"], r["record"]) for r in rows]


def test_a_merged_id_answers_with_the_survivor_and_a_split_gives_it_back(
    client, users, driver, target
) -> None:
    (first, record_a), (second, record_b) = _two_singletons(driver, target.database)
    review = f"review:{min(record_a, record_b)}|{max(record_a, record_b)}"
    admin, analyst = users.keys["admin"], users.keys["analyst"]
    accepted = call(
        client,
        admin,
        "POST",
        f"/api/v1/reviews/{review}",
        json={"accept": True, "reason": "same person: identity test"},
    )
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["effect"] == "merged" and body["identity_change"]
    survivor, gone = body["persons"]
    assert {survivor, gone} == {first, second}

    moved = call(client, analyst, "GET", f"/api/v1/people/{gone}")
    assert moved.status_code == 200
    assert moved.json()["id"] == survivor and moved.json()["moved_from"] == gone
    assert moved.headers["content-location"] == f"/api/v1/people/{survivor}"
    here = call(client, analyst, "GET", f"/api/v1/people/{survivor}")
    assert here.json()["moved_from"] is None and "content-location" not in here.headers
    timeline = call(client, analyst, "GET", f"/api/v1/people/{gone}/timeline")
    assert timeline.json()["person"] == survivor
    ego = call(client, analyst, "GET", f"/api/v1/network/ego/{gone}")
    assert ego.status_code == 200 and ego.json()["centre"] == survivor
    # who looked at this person: the history follows the merge, under either id
    history = call(client, admin, "GET", f"/api/v1/audit?person={gone}")
    assert any(gone in entry["people"] for entry in history.json()["entries"]) or any(
        survivor in entry["people"] for entry in history.json()["entries"]
    )

    rejected = call(
        client,
        admin,
        "POST",
        f"/api/v1/reviews/{review}",
        json={"accept": False, "reason": "different people after all"},
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["effect"] == "split"
    back = call(client, analyst, "GET", f"/api/v1/people/{gone}")
    assert back.json()["id"] == gone and back.json()["moved_from"] is None
