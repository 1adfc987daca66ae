"""The public Neo4j POLE dataset loads through its mapping, completely, and idempotently."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from governance.roles import Role
from governance.users import create_user, revoke_user
from graph_model.errors import InvalidInput, NotFound
from graph_model.settings import Settings
from ingest.mapping.loader import load_mapping
from linkwatch.cli import app
from queries.investigation import common_associates, ego_network, shortest_paths, timeline
from queries.networks.analysis import (
    FAMILY_TIES,
    association_triangles,
    dangerous_family_associates,
    dangerous_family_friends,
    vulnerable_people,
)
from queries.people import MATCH_RANK, person_profile, search_people
from tests.ingest.db_helpers import LoadTracker

pytestmark = pytest.mark.slow

POLE = Path(__file__).resolve().parents[1] / "data" / "pole"
NODES, RELATIONSHIPS = 61_521, 105_840


@pytest.fixture(scope="module")
def pole(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("quarantine"))
    tracker.first = tracker.load(POLE, load_mapping("pole"))  # type: ignore[attr-defined]
    yield tracker
    tracker.clean()


def test_every_node_and_relationship_loads(pole: LoadTracker) -> None:
    assert pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    assert (
        pole.count("MATCH ()-[r]->() WHERE r.source_system = 'pole' RETURN count(r)")
        == RELATIONSHIPS
    )
    report = pole.first  # type: ignore[attr-defined]
    assert not report.failed and report.quarantine_file is None
    assert sum(c.rows for c in report.sources.values()) == NODES + RELATIONSHIPS


@pytest.mark.parametrize(
    ("label", "count"),
    [
        ("Person", 369 + 1_000),
        ("Incident", 28_762),
        ("Place", 14_904 + 14_196 + 93),
        ("Object", 328 + 328 + 1_000 + 7),
        ("Communication", 534),
    ],
)
def test_pole_kinds_map_onto_linkwatch_kinds(pole: LoadTracker, label: str, count: int) -> None:
    query = {
        "Person": "MATCH (n:Person) WHERE n.source_system = 'pole' RETURN count(n)",
        "Incident": "MATCH (n:Incident) WHERE n.source_system = 'pole' RETURN count(n)",
        "Place": "MATCH (n:Place) WHERE n.source_system = 'pole' RETURN count(n)",
        "Object": "MATCH (n:Object) WHERE n.source_system = 'pole' RETURN count(n)",
        "Communication": "MATCH (n:Communication) WHERE n.source_system = 'pole' RETURN count(n)",
    }[label]
    assert pole.count(query) == count


def test_original_ids_and_types_are_kept_as_provenance(pole: LoadTracker) -> None:
    record = pole.driver.execute_query(
        "MATCH (a:Person {id: 'pole:1073'})-[r:ASSOCIATED_WITH {kind: 'social_media'}]->(b:Person {id: 'pole:242'}) "
        "RETURN a.source_record_id AS a, a.source_type AS label, r.source_type AS type, r.source_record_id AS rid",
        database_=pole.database,
    ).records
    assert [dict(r) for r in record] == [
        {"a": "1073", "label": "Person", "type": "KNOWS_SN", "rid": "1073-KNOWS_SN->242"}
    ]
    kinds = pole.driver.execute_query(
        "MATCH ()-[r:ASSOCIATED_WITH]->() WHERE r.source_system = 'pole' RETURN r.source_type AS t, r.kind AS k, count(*) AS n ORDER BY t",
        database_=pole.database,
    ).records
    assert {(r["t"], r["k"], r["n"]) for r in kinds} == {
        ("FAMILY_REL", "family", 155),
        ("KNOWS", "associate", 586),
        ("KNOWS_LW", "lives_with", 80),
        ("KNOWS_PHONE", "phone_contact", 118),
        ("KNOWS_SN", "social_media", 241),
    }
    roles = pole.count(
        "MATCH (:Person)-[r:PARTY_TO {role: 'party'}]->(:Incident) WHERE r.source_system = 'pole' RETURN count(r)"
    )
    assert roles == 55


def test_a_second_load_changes_nothing(pole: LoadTracker) -> None:
    again = pole.load(POLE, load_mapping("pole"))
    assert sum(c.loaded for c in again.sources.values()) == 0
    assert sum(c.unchanged for c in again.sources.values()) == NODES + RELATIONSHIPS
    assert pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    assert (
        pole.count("MATCH ()-[r]->() WHERE r.source_system = 'pole' RETURN count(r)")
        == RELATIONSHIPS
    )


def test_investigation_queries_on_pole(pole: LoadTracker) -> None:
    ego = ego_network(pole.driver, pole.database, "pole:1073", hops=1, types=["ASSOCIATED_WITH"])
    neighbours = {e["target"] for e in ego.edges} | {e["source"] for e in ego.edges}
    assert "pole:242" in neighbours and not ego.truncated
    assert all(set(node) == {"id", "kind", "label", "date"} for node in ego.nodes)
    paths = shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242")["routes"]
    assert paths and paths[0]["length"] == 1 and paths[0]["nodes"] == ["pole:1073", "pole:242"]
    again = shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242")["routes"]
    assert again == paths  # stable
    capped = ego_network(pole.driver, pole.database, "pole:1073", hops=3, limit=5)
    assert capped.truncated and len({(e["source"], e["target"]) for e in capped.edges}) <= 15
    assert isinstance(common_associates(pole.driver, pole.database, "pole:1073", "pole:242"), list)
    assert isinstance(timeline(pole.driver, pole.database, "pole:1073"), list)
    with pytest.raises(InvalidInput, match="hops"):
        ego_network(pole.driver, pole.database, "pole:1073", hops=4)
    with pytest.raises(InvalidInput, match="unknown relationship type"):
        ego_network(
            pole.driver, pole.database, "pole:1073", types=["KNOWS}]->() DETACH DELETE n //"]
        )
    with pytest.raises(NotFound):
        ego_network(pole.driver, pole.database, "pole:1073' OR 1=1 //")
    with pytest.raises(InvalidInput, match="max_hops"):
        shortest_paths(pole.driver, pole.database, "pole:1073", "pole:242", max_hops=7)
    assert (
        pole.count("MATCH (n) WHERE n.source_system = 'pole' RETURN count(n)") == NODES
    )  # nothing changed


def test_pole_style_network_queries_are_stable_and_sensible(pole: LoadTracker) -> None:
    family = dangerous_family_associates(pole.driver, pole.database, limit=20)
    assert family and family == dangerous_family_associates(pole.driver, pole.database, limit=20)
    for row in family:
        assert row["dangerous_relatives"] == len(row["relatives"]) or len(row["relatives"]) == 10
        for relative in row["relatives"]:
            assert set(relative["ties"]) <= {kind.value for kind in FAMILY_TIES}
            assert relative["crimes"] and relative["violent_crimes"] >= len(relative["crimes"])
    triangles = association_triangles(pole.driver, pole.database, limit=20)
    assert triangles.triangles
    assert triangles == association_triangles(pole.driver, pole.database, limit=20)
    assert triangles.triangles[0].members_party_to_crime >= 2
    vulnerable = vulnerable_people(pole.driver, pole.database, minimum=2, limit=20)
    assert vulnerable and vulnerable == vulnerable_people(
        pole.driver, pole.database, minimum=2, limit=20
    )
    counts = [row["associates_party_to_crime"] for row in vulnerable]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 2


# ---- The public POLE guide's questions (documentation/pole.adoc), answered as it states ----
# Its KNOWS is the kind ``associate``; "all types of KNOWS" (KNOWS, KNOWS_LW, KNOWS_SN,
# KNOWS_PHONE, FAMILY_REL) are these five kinds.
KNOWS = ["associate"]
ALL_KNOWS = ["associate", "family", "lives_with", "phone_contact", "social_media"]
ANNE_FREEMAN, DEBORAH_FORD, KIMBERLY_ALEXANDER = "pole:640", "pole:917", "pole:772"
JACK_POWELL, RAYMOND_WALKER = "pole:877", "pole:861"
# Jack Powell - Alan Ward or Brian Morales (Jack's father) - Phillip Williamson or Kathleen
# Peters (Raymond's father and sister) - Raymond Walker, in route order.
GUIDE_ROUTES = [
    ["pole:877", "pole:1286", "pole:1279", "pole:861"],
    ["pole:877", "pole:874", "pole:1279", "pole:861"],
    ["pole:877", "pole:874", "pole:863", "pole:861"],
]


def _guide_names(pole: LoadTracker, ids: list[str]) -> list[str]:
    rows = pole.driver.execute_query(
        "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.given_names + ' ' + p.family_name AS n",
        ids=ids,
        database_=pole.database,
    ).records
    return [r["n"] for r in rows]


def test_pole_guide_vulnerable_people_through_knows_only(pole: LoadTracker) -> None:
    top = vulnerable_people(pole.driver, pole.database, minimum=1, ties=KNOWS, limit=5)
    assert (top[0]["person"], top[0]["associates_party_to_crime"]) == (ANNE_FREEMAN, 8)
    assert top[0]["tie_kinds"] == ["associate"]
    family = vulnerable_people(pole.driver, pole.database, minimum=1, ties=["family"], limit=5)
    assert family and all(row["tie_kinds"] == ["family"] for row in family)


def test_pole_guide_triangles_through_knows_only(pole: LoadTracker) -> None:
    analysis = association_triangles(pole.driver, pole.database, ties=KNOWS, limit=5)
    assert (analysis.people[0]["person"], analysis.people[0]["triangles"]) == (DEBORAH_FORD, 10)
    assert all(set(kinds) == {"associate"} for t in analysis.triangles for _, _, kinds in t.ties)


def test_pole_guide_routes_from_jack_powell_to_raymond_walker(pole: LoadTracker) -> None:
    found = shortest_paths(
        pole.driver, pole.database, JACK_POWELL, RAYMOND_WALKER, max_hops=3, ties=ALL_KNOWS
    )
    routes = found["routes"]
    assert [route["nodes"] for route in routes] == GUIDE_ROUTES and not found["truncated"]
    assert {route["length"] for route in routes} == {3}
    middle = {person for route in GUIDE_ROUTES for person in route[1:3]}
    assert set(_guide_names(pole, sorted(middle))) == {
        "Alan Ward",
        "Brian Morales",
        "Phillip Williamson",
        "Kathleen Peters",
    }
    for route in routes:  # each hop names its kinds; parallel ties do not multiply routes
        assert all(hop["ties"] and set(hop["ties"]) <= set(ALL_KNOWS) for hop in route["hops"])
    assert any(len(hop["ties"]) > 1 for route in routes for hop in route["hops"])
    knows_only = shortest_paths(
        pole.driver, pole.database, JACK_POWELL, RAYMOND_WALKER, max_hops=3, ties=KNOWS
    )
    assert all(
        hop["ties"] == ["associate"] for route in knows_only["routes"] for hop in route["hops"]
    )


def test_pole_guide_dangerous_family_friends(pole: LoadTracker) -> None:
    rows = dangerous_family_friends(
        pole.driver, pole.database, family_ties=["family"], friend_ties=KNOWS, limit=5
    )
    assert rows[0]["person"] == KIMBERLY_ALEXANDER and len(rows) == 5
    together = dangerous_family_friends(
        pole.driver,
        pole.database,
        family_ties=["family"],
        friend_ties=KNOWS,
        living_together=True,
        limit=5,
    )
    assert together[0]["person"] == KIMBERLY_ALEXANDER and len(together) == 2  # as the guide
    relative = together[0]["relatives"][0]
    assert relative["ties"] == ["family"] and relative["friend_count"] == len(relative["friends"])
    with pytest.raises(InvalidInput, match="unknown kind of tie 'KNOWS'"):
        dangerous_family_friends(pole.driver, pole.database, friend_ties=["KNOWS"])


def test_unknown_kinds_of_tie_are_refused_before_any_query(pole: LoadTracker) -> None:
    for call in (
        lambda t: vulnerable_people(pole.driver, pole.database, ties=t),
        lambda t: association_triangles(pole.driver, pole.database, ties=t),
        lambda t: ego_network(pole.driver, pole.database, JACK_POWELL, ties=t),
        lambda t: shortest_paths(pole.driver, pole.database, JACK_POWELL, RAYMOND_WALKER, ties=t),
    ):
        with pytest.raises(InvalidInput, match="unknown kind of tie"):
            call(["associate", "KNOWS}]-() DETACH DELETE n //"])


def test_ego_follows_only_the_kinds_of_tie_asked_for(pole: LoadTracker) -> None:
    ego = ego_network(
        pole.driver, pole.database, ANNE_FREEMAN, types=["ASSOCIATED_WITH"], ties=KNOWS
    )
    assert ego.edges and {edge["kind"] for edge in ego.edges} == {"associate"}
    wider = ego_network(pole.driver, pole.database, ANNE_FREEMAN, types=["ASSOCIATED_WITH"])
    assert len(wider.edges) > len(ego.edges)


def test_people_search_ranks_exact_then_phonetic_then_fuzzy(pole: LoadTracker) -> None:
    _, cox = search_people(pole.driver, pole.database, name="Cox")
    assert (cox[0]["family_name"], cox[0]["match"]) == ("Cox", "exact")
    foxes = [p for p in cox if p["family_name"] == "Fox"]
    assert len(foxes) == 3 and all(p["match"] == "fuzzy" for p in foxes)
    _, hanson = search_people(pole.driver, pole.database, name="Hanson")
    ranks = [MATCH_RANK[p["match"]] for p in hanson]
    assert ranks == sorted(ranks) and {"exact", "phonetic"} <= {p["match"] for p in hanson}
    assert {p["family_name"] for p in hanson if p["match"] == "phonetic"} == {"Hansen"}
    matched_on, found = search_people(pole.driver, pole.database, identifier="804-54-6976")
    assert matched_on == "identifier" and [p["id"] for p in found] == [ANNE_FREEMAN]


def test_the_profile_shows_recorded_identifiers_only_when_allowed(pole: LoadTracker) -> None:
    shown = person_profile(pole.driver, pole.database, ANNE_FREEMAN)
    assert shown["identifiers"] == [{"scheme": "pole_nhs_no", "value": "804-54-6976"}]
    assert shown["identifiers_withheld"] is False
    withheld = person_profile(pole.driver, pole.database, ANNE_FREEMAN, identifiers=False)
    assert withheld["identifiers"] is None and withheld["identifiers_withheld"] is True
    assert withheld["nhs_number"] is None and withheld["pnc_id"] is None


def _cli(*args: str) -> dict:
    result = CliRunner().invoke(
        app, [*args, "--justification", "CASE/2026/0018"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_pole_guide_answers_come_out_of_the_cli(pole: LoadTracker) -> None:
    ties = [f"--tie={kind}" for kind in ALL_KNOWS]
    networks = _cli(
        "analyse",
        "networks",
        "--from",
        "2017-08-01",
        "--to",
        "2017-09-01",
        "--tie",
        "associate",
        "--limit",
        "5",
        "--json",
    )
    first = networks["vulnerable_people"][0]
    assert (first["name"], first["associates_party_to_crime"]) == ("Anne Freeman", 8)
    triangles = _cli("analyse", "triangles", "--tie", "associate", "--json")
    assert (triangles["people"][0]["name"], triangles["people"][0]["triangles"]) == (
        "Deborah Ford",
        10,
    )
    paths = _cli("analyse", "paths", JACK_POWELL, RAYMOND_WALKER, "--max-hops", "3", *ties)
    assert [r["nodes"] for r in paths["routes"]] == GUIDE_ROUTES
    assert {r["length"] for r in paths["routes"]} == {3}
    friends = _cli(
        "analyse",
        "family-friends",
        "--family-tie",
        "family",
        "--friend-tie",
        "associate",
        "--json",
    )
    assert friends["people"][0]["person"] == KIMBERLY_ALEXANDER
    people = _cli("people", "search", "Cox", "--json")
    assert people["people"][0]["family_name"] == "Cox"
    assert (
        _cli("people", "search", "--identifier", "804-54-6976", "--json")["people"][0]["id"]
        == ANNE_FREEMAN
    )
    refused = CliRunner().invoke(
        app,
        ["analyse", "triangles", "--tie", "KNOWS", "--justification", "CASE/2026/0018"],
        env={"COLUMNS": "200"},
    )
    assert refused.exit_code == 1 and "unknown kind of tie 'KNOWS'" in refused.output
    assert "Traceback" not in refused.output


@pytest.fixture(scope="module")
def analyst_key(pole: LoadTracker) -> Iterator[str]:
    name = f"pole.analyst.{uuid.uuid4().hex[:8]}"
    key = create_user(
        pole.driver,
        pole.database,
        name=name,
        role=Role.ANALYST,
        organisation="police",
        created_by="pytest",
    )
    yield key
    revoke_user(pole.driver, pole.database, name, revoked_by="pytest")


def test_the_pole_guide_answers_come_out_of_the_api(
    pole: LoadTracker, settings: Settings, analyst_key: str
) -> None:
    headers = {"X-API-Key": analyst_key, "X-Justification": "CASE/2026/0018"}
    kinds = "&".join(f"tie={kind}" for kind in ALL_KNOWS)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        networks = client.get(
            "/api/v1/analyses/networks?from=2017-08-01&to=2017-09-01&tie=associate&limit=5",
            headers=headers,
        )
        assert networks.status_code == 200, networks.text
        first = networks.json()["vulnerable_people"][0]
        assert (first["person"], first["associates_party_to_crime"]) == (ANNE_FREEMAN, 8)
        triangles = client.get("/api/v1/analyses/triangles?tie=associate", headers=headers)
        assert (
            triangles.json()["people"][0]["person"],
            triangles.json()["people"][0]["triangles"],
        ) == (DEBORAH_FORD, 10)
        paths = client.get(
            f"/api/v1/network/paths?a={JACK_POWELL}&b={RAYMOND_WALKER}&max_hops=3&{kinds}",
            headers=headers,
        )
        assert [r["nodes"] for r in paths.json()["routes"]] == GUIDE_ROUTES
        friends = client.get(
            "/api/v1/analyses/family-friends?family_tie=family&friend_tie=associate",
            headers=headers,
        )
        assert friends.json()["people"][0]["person"] == KIMBERLY_ALEXANDER
        profile = client.get(f"/api/v1/people/{ANNE_FREEMAN}", headers=headers).json()
        assert profile["identifiers"] == [{"scheme": "pole_nhs_no", "value": "804-54-6976"}]
        search = client.get("/api/v1/people?name=Cox", headers=headers).json()
        assert search["people"][0]["family_name"] == "Cox"
        assert search["people"][0]["match"] == "exact"
        for url in (
            "/api/v1/analyses/triangles?tie=KNOWS",
            f"/api/v1/network/ego/{JACK_POWELL}?tie=KNOWS",
            "/api/v1/analyses/family-friends?friend_tie=knows",
        ):
            refused = client.get(url, headers=headers)
            assert refused.status_code in (400, 422), (url, refused.text)
            assert refused.headers["content-type"] == "application/problem+json"
            assert "unknown kind of tie" in refused.text
