"""What the endpoints return: search, profiles, pages, analyses and partner maps."""

from __future__ import annotations

import json
from datetime import date

from queries.conference import pseudonymise
from queries.investigation import Subgraph
from tests.api.conftest import audit_log, call
from tests.queries.port_case import write_port_case


def test_search_finds_a_person_despite_a_misspelling(client, users, subjects) -> None:
    key = users.keys["investigator"]
    profile = call(client, key, "GET", f"/api/v1/people/{subjects.victim}").json()
    assert profile["sources"] and profile["marking"] == "OFFICIAL-SENSITIVE"
    family = profile["family_name"]
    misspelt = family[:-1] + ("x" if family[-1] != "x" else "y")
    found = call(
        client, key, "GET", f"/api/v1/people?name={profile['given_names']} {misspelt}"
    ).json()
    assert found["matched_on"] == "name"
    assert subjects.victim in [p["id"] for p in found["people"]]
    by_birth = call(
        client,
        key,
        "GET",
        f"/api/v1/people?name={family}&date_of_birth={profile['date_of_birth']}",
    ).json()
    assert [p["id"] for p in by_birth["people"]] == [subjects.victim]
    refused = call(client, key, "GET", "/api/v1/people")
    assert refused.status_code == 400 and "name, an identifier" in refused.json()["detail"]


def test_deaths_page_through_without_gaps_or_repeats(client, users, loaded) -> None:
    tracker, _ = loaded
    key, seen, after = users.keys["analyst"], [], None
    while True:
        url = "/api/v1/deaths?limit=7" + (f"&after={after}" if after else "")
        page = call(client, key, "GET", url).json()
        seen.extend(item["id"] for item in page["items"])
        if not (after := page["next"]):
            break
    total = tracker.count("MATCH (d:Death) RETURN count(d)")
    assert len(seen) == len(set(seen)) == total
    dates = [
        item["date"]
        for item in call(client, key, "GET", "/api/v1/deaths?limit=500").json()["items"]
    ]
    assert dates == sorted(dates)


def test_a_planted_homicide_precursor_path_over_http(client, users, subjects) -> None:
    document = call(
        client, users.keys["analyst"], "GET", f"/api/v1/analyses/precursors/{subjects.homicide}"
    ).json()
    assert {s["person"] for s in document["subjects"]} >= {subjects.victim, subjects.perpetrator}
    days = [step["date"] for step in document["steps"]]
    assert days == sorted(days) and all(d < document["event_date"] for d in days)
    assert "review" in document["notice"]


def test_a_finders_earlier_events_are_served_and_he_is_in_the_audit(
    client, users, driver, database, namespace
) -> None:
    case = write_port_case(driver, database, namespace)
    key, reason = users.keys["analyst"], "OP/PORT/1"
    response = call(
        client,
        key,
        "GET",
        f"/api/v1/analyses/precursors/{case.death}",
        justification=reason,
    )
    assert response.status_code == 200, response.text
    document = response.json()
    assert {s["person"]: s["roles"] for s in document["subjects"]} == {
        case.deceased: ["deceased"],
        case.finder: ["found_by"],
    }
    parts = {p["part"] for step in document["steps"] for p in step["people"]}
    assert f"found_by: suspect in {case.drug_assault}" in parts
    assert f"found_by: reported_by in {case.earlier_death}" in parts
    page = call(client, key, "GET", f"/api/v1/views/precursors/{case.death}", justification=reason)
    assert page.status_code == 200 and "found_by: suspect" in page.text
    entries = [
        e
        for e in audit_log(client, users.keys["admin"], f"person={case.finder}")
        if e["actor"] == users.names["analyst"]
    ]
    assert [e["endpoint"] for e in entries] == [
        "GET /api/v1/analyses/precursors/{event_id}",
        "GET /api/v1/views/precursors/{event_id}",
    ]
    assert all(e["justification"] == reason and case.witness not in e["people"] for e in entries)


def test_shared_maps_are_pseudonymised_and_logged_with_their_key(client, users, subjects) -> None:
    council = call(
        client, users.keys["partner"], "GET", f"/api/v1/case-conference/map/{subjects.sharing}"
    )
    text = council.text
    assert council.status_code == 200, text
    assert "person:" not in text and "death:" not in text and "incident:" not in text
    profile = call(client, users.keys["analyst"], "GET", f"/api/v1/people/{subjects.victim}").json()
    assert profile["family_name"] not in text and profile["given_names"] not in text
    document = council.json()
    assert document["marking"] == "OFFICIAL-SENSITIVE"
    assert document["meeting"] == "MARAC 2026-12-03"
    [centre] = [n for n in document["nodes"] if n["centre"]]
    assert centre["kind"] == "Person"
    labels = {n["label"] for n in document["nodes"]}
    assert all(e["source"] in labels and e["target"] in labels for e in document["edges"])
    log = audit_log(client, users.keys["admin"], f"actor={users.names['partner']}")[-1]
    assert log["action"] == "disclosure" and subjects.victim in log["people"]
    parameters = json.loads(log["parameters"])
    assert parameters["pseudonym_key"][centre["label"]] == subjects.victim
    assert (parameters["sharing"], parameters["subject"]) == (subjects.sharing, subjects.victim)


def _facts(kind: str, when: date | None = None) -> dict:
    return {"kind": kind, "category": None, "agency": None, "health_data": False, "date": when}


def test_pseudonyms_are_drawn_from_the_sharings_salt() -> None:
    people = [f"p{n}" for n in range(8)]
    graph = Subgraph(
        "p0",
        nodes=[],
        edges=[
            *(
                {"source": p, "target": "i1", "type": "PARTY_TO", "role": "suspect", "kind": None}
                for p in people
            ),
        ],
    )
    facts = {p: _facts("Person") for p in people} | {"i1": _facts("Incident", date(2025, 3, 9))}
    first = pseudonymise(graph, facts, organisation="council", salt="a" * 64)
    assert first == pseudonymise(graph, facts, organisation="council", salt="a" * 64)
    second = pseudonymise(graph, facts, organisation="council", salt="b" * 64)
    assert set(first.key.values()) == set(second.key.values()) == {*people, "i1"}
    assert first.key != second.key  # the same people under other labels
    assert next(n for n in first.nodes if n["kind"] == "Incident")["month"] == "2025-03"
    assert [n["centre"] for n in first.nodes].count(True) == 1
    assert {(e["source"], e["target"]) for e in first.edges} == {
        (label, "Incident 1") for label, entity in first.key.items() if entity in people
    }


def test_a_map_download_is_pseudonymised_and_logged_with_its_meeting(
    client, users, subjects
) -> None:
    response = call(
        client,
        users.keys["partner"],
        "GET",
        f"/api/v1/case-conference/export/{subjects.sharing}",
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment")
    assert "person:" not in response.text and "OFFICIAL-SENSITIVE" in response.text
    assert "Prepared for council" in response.text and "MARAC 2026-12-03" in response.text
    entry = audit_log(client, users.keys["admin"], f"actor={users.names['partner']}")[-1]
    assert entry["action"] == "disclosure"
    parameters = json.loads(entry["parameters"])
    assert parameters["meeting"] == "MARAC 2026-12-03" and parameters["export"] is True
    assert subjects.victim in parameters["pseudonym_key"].values()
