"""Partners see only the maps the police shared with them (issue #15, item 2).

An investigator shares a subject's map with one organisation for one meeting until a date; a
partner opens it by the sharing's id. Guessed subject ids, unknown ids, other organisations'
sharings, expired and revoked ones are refused alike and every refusal is in the audit log.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, timedelta

from governance.sharing import share_map
from tests.api.conftest import audit_log, call

MAP = "/api/v1/case-conference/map/"
UNTIL = (date.today() + timedelta(days=14)).isoformat()


def _share(client, users, subject: str, organisation: str, *, meeting: str = "MARAC 2027-01-07"):
    response = call(
        client,
        users.keys["investigator"],
        "POST",
        "/api/v1/case-conference/sharings",
        json={"subject": subject, "meeting": meeting, "organisation": organisation, "until": UNTIL},
        justification="MARAC/2027/5",
    )
    assert response.status_code == 201, response.text
    return response.json()


def _refusals(client, users, actor: str) -> list[dict]:
    return [
        e
        for e in audit_log(client, users.keys["admin"], f"actor={users.names[actor]}")
        if e["outcome"].startswith("refused")
    ]


def test_a_guessed_subject_id_is_refused_and_logged(client, users, subjects) -> None:
    before = len(_refusals(client, users, "partner"))
    for guess in (subjects.victim, subjects.homicide, subjects.perpetrator):
        for url in (MAP, "/api/v1/views/case-conference/", "/api/v1/case-conference/export/"):
            response = call(client, users.keys["partner"], "GET", url + guess)
            assert response.status_code == 404, (url, guess, response.text)
            assert "person:" not in response.text and "Person A" not in response.text
    refused = _refusals(client, users, "partner")[before:]
    assert len(refused) == 9
    assert all(e["action"] == "disclosure" and e["people"] == [] for e in refused)
    tried = [json.loads(e["parameters"])["sharing_id"] for e in refused]
    assert Counter(tried) == Counter(
        {subjects.victim: 3, subjects.homicide: 3, subjects.perpetrator: 3}
    )
    assert {e["outcome"] for e in refused} == {"refused: unknown"}
    assert {e["justification"] for e in refused} == {"CASE/2026/0042"}


def test_unknown_not_shared_expired_and_revoked_look_the_same(
    client, users, subjects, driver, database
) -> None:
    nhs_only = _share(client, users, subjects.victim, "nhs")["id"]
    revoked = _share(client, users, subjects.victim, "council")["id"]
    assert call(client, users.keys["partner"], "GET", MAP + revoked).status_code == 200
    revoking = call(
        client,
        users.keys["investigator"],
        "POST",
        f"/api/v1/case-conference/sharings/{revoked}/revoke",
        justification="MARAC/2027/5",
    )
    assert revoking.status_code == 200 and revoking.json()["status"] == "revoked"
    expired = share_map(
        driver,
        database,
        subject=subjects.victim,
        meeting="MARAC 2026-10-01",
        organisation="council",
        until=date.today() - timedelta(days=1),
        shared_by="pytest",
        justification="MARAC/2026/90",
        today=date.today() - timedelta(days=30),
    ).sharing.id
    tries = {
        "unknown": "sharing:AAAAAAAAAAAAAAAAAAAAAAAA",
        "subject id": subjects.victim,
        "another organisation's": nhs_only,
        "revoked": revoked,
        "expired": expired,
    }
    before = len(_refusals(client, users, "partner"))
    answers = {
        what: call(client, users.keys["partner"], "GET", MAP + i) for what, i in tries.items()
    }
    assert {a.status_code for a in answers.values()} == {404}
    assert len({a.content for a in answers.values()}) == 1, {w: a.text for w, a in answers.items()}
    assert {a.headers["content-type"] for a in answers.values()} == {"application/problem+json"}
    outcomes = [e["outcome"] for e in _refusals(client, users, "partner")[before:]]
    assert outcomes == [
        "refused: unknown",
        "refused: unknown",
        "refused: another organisation's",
        "refused: revoked",
        "refused: expired",
    ]
    listed = call(client, users.keys["partner"], "GET", "/api/v1/case-conference/shared").json()
    ids = {s["id"] for s in listed}
    assert subjects.sharing in ids and not ids & {nhs_only, revoked, expired}
    assert all(set(s) == {"id", "meeting", "until", "shared_by"} for s in listed)
    # The NHS partner does see its own sharing.
    assert call(client, users.keys["partner_nhs"], "GET", MAP + nhs_only).status_code == 200


def test_an_expired_sharing_is_refused(client, users, subjects, driver, database) -> None:
    expired = share_map(
        driver,
        database,
        subject=subjects.victim,
        meeting="MARAC 2026-11-05",
        organisation="council",
        until=date.today() - timedelta(days=1),
        shared_by="pytest",
        justification="MARAC/2026/91",
        today=date.today() - timedelta(days=20),
    ).sharing.id
    response = call(client, users.keys["partner"], "GET", MAP + expired)
    assert response.status_code == 404
    assert _refusals(client, users, "partner")[-1]["outcome"] == "refused: expired"
    too_late = call(
        client,
        users.keys["investigator"],
        "POST",
        "/api/v1/case-conference/sharings",
        json={
            "subject": subjects.victim,
            "meeting": "MARAC 2026-11-05",
            "organisation": "council",
            "until": (date.today() - timedelta(days=1)).isoformat(),
        },
    )
    assert too_late.status_code == 400 and "in the past" in too_late.json()["detail"]


def test_labels_differ_across_sharings_of_the_same_subject(client, users, subjects) -> None:
    first, second = (_share(client, users, subjects.victim, "council")["id"] for _ in range(2))
    keys = []
    for sharing in (first, second, first):
        response = call(client, users.keys["partner"], "GET", MAP + sharing)
        assert response.status_code == 200, response.text
        entry = audit_log(client, users.keys["admin"], f"actor={users.names['partner']}")[-1]
        keys.append(json.loads(entry["parameters"])["pseudonym_key"])
    assert keys[0] == keys[2]  # one sharing keeps its labels from one opening to the next
    assert set(keys[0].values()) == set(keys[1].values())  # the same people and events...
    people = [label for label in keys[0] if label.startswith("Person ")]
    assert len(people) >= 3
    relabelled = [label for label in people if keys[0][label] != keys[1][label]]
    assert relabelled, "every person kept their label in the next meeting"  # ...other labels


def test_dates_are_months(client, users, subjects) -> None:
    for key, sharing in (
        ("partner", subjects.sharing),
        ("partner_nhs", _share(client, users, subjects.victim, "nhs")["id"]),
    ):
        response = call(client, users.keys[key], "GET", MAP + sharing)
        assert response.status_code == 200, response.text
        months = [n["month"] for n in response.json()["nodes"] if n["month"]]
        assert months and all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months)
        facts = json.dumps({"nodes": response.json()["nodes"], "edges": response.json()["edges"]})
        assert not re.search(r"\d{4}-\d{2}-\d{2}", facts)  # the meeting's name may have one
        page = call(client, users.keys[key], "GET", f"/api/v1/views/case-conference/{sharing}")
        data = page.text[page.text.index('id="graph-data"') :]
        data = data[: data.index("</script>")]
        assert not re.search(r"\d{4}-\d{2}-(0[2-9]|[12]\d|3[01])", data)  # at most YYYY-MM-01


def test_a_non_health_partner_sees_no_health_contact(client, users, subjects) -> None:
    council_sharing = _share(client, users, subjects.victim, "council")["id"]
    nhs_sharing = _share(client, users, subjects.victim, "nhs")["id"]
    council = call(client, users.keys["partner"], "GET", MAP + council_sharing).json()
    nhs = call(client, users.keys["partner_nhs"], "GET", MAP + nhs_sharing).json()
    assert not council["truncated"] and not nhs["truncated"]
    health = [n for n in nhs["nodes"] if n["kind"] == "PartnerContact" and n["agency"] == "nhs"]
    assert health, "the test subject should have health contacts"
    contacts = [n for n in council["nodes"] if n["kind"] == "PartnerContact"]
    assert all(n["agency"] != "nhs" for n in contacts)
    assert "nhs" not in json.dumps(council) and "health" not in json.dumps(council)
    other_contacts = [n for n in nhs["nodes"] if n["kind"] == "PartnerContact" and n not in health]
    assert len(contacts) == len(other_contacts)
    assert len(council["nodes"]) <= len(nhs["nodes"]) - len(health)
    labels = {n["label"] for n in council["nodes"]}
    assert all(e["source"] in labels and e["target"] in labels for e in council["edges"])
    assert not [e for e in council["edges"] if e["type"] == "HAD_CONTACT"] or contacts
    assert len([e for e in council["edges"] if e["type"] == "HAD_CONTACT"]) <= len(contacts)


def test_sharing_and_revoking_are_audited(client, users, subjects) -> None:
    made = _share(client, users, subjects.victim, "council", meeting="MARAC <b>2027-01-07</b>")
    assert made["status"] == "active" and made["subject"] == subjects.victim
    assert made["shared_by"] == users.names["investigator"] and made["until"] == UNTIL
    shared = audit_log(client, users.keys["admin"], f"actor={users.names['investigator']}")[-1]
    assert shared["endpoint"] == "POST /api/v1/case-conference/sharings"
    assert shared["action"] == "disclosure" and shared["people"] == [subjects.victim]
    assert shared["justification"] == "MARAC/2027/5"
    parameters = json.loads(shared["parameters"])
    assert parameters == {
        "sharing": made["id"],
        "subject": subjects.victim,
        "meeting": "MARAC <b>2027-01-07</b>",
        "organisation": "council",
        "until": UNTIL,
    }
    listing = call(client, users.keys["investigator"], "GET", "/api/v1/case-conference/sharings")
    assert made["id"] in {s["id"] for s in listing.json()}
    url = f"/api/v1/case-conference/sharings/{made['id']}/revoke"
    for outcome in ("ok", "already revoked"):
        response = call(client, users.keys["investigator"], "POST", url, justification="MARAC/X/1")
        assert response.status_code == 200 and response.json()["status"] == "revoked"
        entry = audit_log(client, users.keys["admin"], f"actor={users.names['investigator']}")[-1]
        assert (entry["action"], entry["outcome"]) == ("alteration", outcome)
    assert call(client, users.keys["partner"], "GET", MAP + made["id"]).status_code == 404
    unknown = call(
        client,
        users.keys["investigator"],
        "POST",
        "/api/v1/case-conference/sharings",
        json={
            "subject": "person:nobody",
            "meeting": "MARAC 2027-01-07",
            "organisation": "council",
            "until": UNTIL,
        },
    )
    assert unknown.status_code == 404
    partner_tries = call(
        client,
        users.keys["partner"],
        "POST",
        "/api/v1/case-conference/sharings",
        json={
            "subject": subjects.victim,
            "meeting": "MARAC 2027-01-07",
            "organisation": "council",
            "until": UNTIL,
        },
    )
    assert partner_tries.status_code == 403
