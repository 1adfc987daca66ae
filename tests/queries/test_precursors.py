"""Precursor paths are time-ordered and complete; live dyads on the timeline rank first."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import neo4j
import pytest

from graph_model.errors import InvalidInput, NotFound
from queries.documents.precursors import precursor_document
from queries.precursors.analysis import (
    PrecursorSubject,
    StepParty,
    at_risk_dyads,
    path_from_rows,
    precursor_path,
)
from queries.precursors.stages import DyadIncident, rank_dyads
from tests.cli.helpers import WHY, run_linkwatch
from tests.ingest.db_helpers import person_of
from tests.queries.port_case import DRUG_ASSAULT, write_port_case


def _incident(name: str, day: str, offence: str, *markers: str) -> DyadIncident:
    return DyadIncident(name, date.fromisoformat(day), offence, markers)


def test_dyads_further_along_the_timeline_rank_first_and_outcomes_are_not_live() -> None:
    escalating = [
        _incident("a1", "2025-01-05", "coercive_control", "coercive_control"),
        _incident("a2", "2025-03-01", "domestic_incident", "separation"),
        _incident("a3", "2025-05-01", "threats_to_kill", "threats_to_kill"),
    ]
    noisy = [_incident(f"b{i}", f"2025-0{i}-10", "domestic_incident") for i in range(1, 7)]
    finished = [
        _incident("c1", "2025-01-01", "non_fatal_strangulation", "strangulation"),
        _incident("c2", "2025-02-01", "homicide"),
    ]
    later = [_incident("d1", "2025-09-01", "non_fatal_strangulation", "strangulation")]
    ranked = rank_dyads(
        [
            ("v1", "s1", escalating),
            ("v2", "s2", noisy),
            ("v3", "s3", finished),
            ("v4", "s4", later),
        ],
        as_of=date(2025, 6, 1),
    )
    assert [d.victim for d in ranked] == [
        "v1",
        "v2",
    ]  # homicide dyad not live; future incident unseen
    assert [s["stage"] for s in ranked[0].steps] == ["control", "separation", "threats"]
    assert ranked[0].score == 1 + 2 + 4 and ranked[1].score == 0


def test_the_precursor_path_of_a_planted_homicide_is_ordered_and_complete(loaded) -> None:
    tracker, truth = loaded
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    path = precursor_path(tracker.driver, tracker.database, f"death:{dyad['outcome_death']}")
    dates = [step.date for step in path.steps]
    assert dates == sorted(dates) and all(d < path.event_date for d in dates)
    planted = {ref for stage in dyad["stages"] for ref in stage["events"]}
    found = {step.event.split(":", 1)[1] for step in path.steps}
    assert planted <= found, planted - found
    assert {"police", "nhs", "local_authority"} <= set(path.agencies)
    stages = [s for step in path.steps for s in step.stages]
    assert stages.index("control") < stages.index("strangulation")


def test_live_dyads_are_found_near_the_top(loaded) -> None:
    tracker, truth = loaded
    end = date.fromisoformat(truth["generator"]["end_date"])
    ranked = at_risk_dyads(tracker.driver, tracker.database, as_of=end)
    live = [d for d in truth["dyads"] if d["outcome"] == "live"]
    resolved = person_of(tracker, truth)
    top = {(d.victim, d.suspect) for d in ranked[: 2 * len(live)]}
    hits = sum((resolved.get(d["victim"]), resolved.get(d["perpetrator"])) in top for d in live)
    assert hits >= len(live) - 1


def test_bad_requests_are_refused(loaded) -> None:
    tracker, _ = loaded
    with pytest.raises(NotFound, match="No death or incident"):
        precursor_path(tracker.driver, tracker.database, "death:NOPE' OR 1=1 //")
    with pytest.raises(InvalidInput, match="months"):
        precursor_path(tracker.driver, tracker.database, "death:x", months=0)


def test_a_death_path_follows_its_finder_into_his_earlier_incidents_and_deaths(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    case = write_port_case(driver, database, namespace)
    path = precursor_path(driver, database, case.death)
    assert path.subjects == [
        PrecursorSubject(case.deceased, ("deceased",)),
        PrecursorSubject(case.finder, ("found_by",)),
    ]  # the witness is not a subject
    assert [step.event for step in path.steps] == [
        case.first_incident,  # 2023-09-01, F suspect
        case.earlier_death,  # 2023-11-20, F reported it
        case.drug_assault,  # 2024-02-10, F suspect
        case.contact,  # 2024-04-01, the deceased at A&E
    ]
    steps = {step.event: step for step in path.steps}
    assault = steps[case.drug_assault]
    assert (assault.record, assault.summary) == ("incident", DRUG_ASSAULT)
    assert assault.people == (StepParty(case.finder, ("found_by",), ("suspect",), assault.event),)
    assert assault.people[0].part == f"found_by: suspect in {case.drug_assault}"
    earlier = steps[case.earlier_death]
    assert (earlier.record, earlier.kind, earlier.agency) == ("death", "drug_toxicity", "police")
    assert earlier.people[0].part == f"found_by: reported_by in {case.earlier_death}"
    assert earlier.stages == ()
    assert steps[case.contact].people[0].part == f"deceased: subject in {case.contact}"
    shown = set(steps)
    assert case.later_incident not in shown  # after the death
    assert case.old_incident not in shown  # before the 24-month window
    assert case.witness_incident not in shown  # a witness-only person's history
    assert case.death not in shown  # the event itself
    assert path.people == sorted([case.deceased, case.finder])
    recent = precursor_path(driver, database, case.death, months=6)
    assert [step.event for step in recent.steps] == [case.drug_assault, case.contact]


def test_an_incident_path_still_reads_victims_and_suspects_and_no_deaths(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    case = write_port_case(driver, database, namespace)
    path = precursor_path(driver, database, case.drug_assault)
    assert path.subjects == [
        PrecursorSubject(case.earlier_victim, ("victim",)),
        PrecursorSubject(case.finder, ("suspect",)),
    ]
    # F also reported a death before this incident; an incident's path does not read deaths.
    assert [step.event for step in path.steps] == [case.first_incident]
    assert path.steps[0].people[0].part == f"suspect: suspect in {case.first_incident}"


def test_the_cli_shows_whose_history_each_step_is_and_its_json_fits_the_schema(
    driver: neo4j.Driver, database: str, namespace: str
) -> None:
    case = write_port_case(driver, database, namespace)
    schema = json.loads(run_linkwatch("analyse", "schema", "precursors").stdout)
    run = run_linkwatch("analyse", "precursors", case.death, "--json", *WHY)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    jsonschema.validate(document, schema)
    assert {(s["person"], s["name"], tuple(s["roles"])) for s in document["subjects"]} == {
        (case.deceased, "Vic Testcase", ("deceased",)),
        (case.finder, "Finn Testcase", ("found_by",)),
    }
    assault = next(s for s in document["steps"] if s["event"] == case.drug_assault)
    assert assault["people"] == [
        {
            "person": case.finder,
            "name": "Finn Testcase",
            "subject_roles": ["found_by"],
            "roles": ["suspect"],
            "part": f"found_by: suspect in {case.drug_assault}",
        }
    ]
    assert [s["record"] for s in document["steps"]] == [
        "incident",
        "death",
        "incident",
        "partner_contact",
    ]
    table = run_linkwatch("analyse", "precursors", case.death, *WHY)
    assert table.code == 0, table.stderr
    assert "4 earlier events" in table.stdout and "found_by: reported_by in" in table.stdout


def test_a_subject_with_two_roles_is_one_subject_with_both() -> None:
    path = path_from_rows(
        "death:D2",
        date(2024, 6, 1),
        [
            {"person": "person:V", "roles": ["deceased"]},
            {"person": "person:F", "roles": ["reported_by", "found_by"]},
            {"person": None, "roles": []},
        ],
        [
            {
                "person": "person:F",
                "event": "incident:I1",
                "record": "incident",
                "date": date(2024, 2, 1),
                "agency": "police",
                "kind": "non_fatal_strangulation",
                "markers": ["strangulation"],
                "role": role,
                "summary": None,
            }
            for role in ("suspect", "offender")
        ]
        + [
            {
                "person": "person:F",
                "event": "incident:I9",
                "record": "incident",
                "date": date(2024, 6, 1),  # the same day as the death: not before it
                "agency": "police",
                "kind": "other",
                "markers": [],
                "role": "suspect",
                "summary": None,
            }
        ],
    )
    assert [s.person for s in path.subjects] == ["person:V", "person:F"]
    assert path.subjects[1].role == "found_by"
    (step,) = path.steps
    assert step.stages == ("strangulation",)
    assert step.people[0].part == "found_by, reported_by: suspect, offender in incident:I1"
    document = precursor_document(path, names={"person:F": "F"})
    assert document.subjects[1].roles == ["found_by", "reported_by"]
    assert document.steps[0].people[0].name == "F"
