"""Checks that every planted group follows the rules of its scenario file."""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

from synthetic.scenarios import Scenario, load_scenarios
from tests.ingest.synthetic_helpers import haversine_km
from tests.synthetic.helpers import CAUSE_OF, PHONE, Generated

ROLE_TEXT = {"finder": {"found_by", "reported_by"}, "reporter": {"reported_by"}}


def _age(dob: str, on: str) -> int:
    born, day = date.fromisoformat(dob), date.fromisoformat(on)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check_group(data: Generated, group: dict, *, strict: bool) -> None:
    """Assert one group follows its scenario; ``strict`` adds the victim-profile rules.

    Victim rules are drawn strictest first and loosened only when a tiny population has no
    one left who fits, so they are checked on populations big enough to hold them.
    """
    scenario: Scenario = load_scenarios()[group["kind"]]
    name, refs = group["id"], group["deaths"]
    assert scenario.family == group["family"], name
    assert scenario.deaths.min <= len(refs) <= scenario.deaths.max, name
    rows = data.reports.loc[refs]
    days = [date.fromisoformat(d) for d in rows.date_found]
    assert days == sorted(days), name
    for a, b in pairwise(days):
        assert scenario.interval_days.min <= (b - a).days <= scenario.interval_days.max, name
    for _, row in rows.iterrows():
        assert CAUSE_OF[row.apparent_cause] in scenario.method.causes, name
        substances = {s.strip() for s in row.substances.split(";") if s.strip()}
        assert substances <= set(scenario.method.substances), (name, substances)
        assert int(row.time_found[:2]) in scenario.method.hours, name
    _check_places(data, group, scenario)
    _check_offender(data, group, scenario)
    if strict:
        people = data.truth["people"]
        for ref, victim in zip(refs, group["victims"], strict=True):
            person, found = people[victim], data.reports.loc[ref].date_found
            assert scenario.victims.sex in ("any", person["sex"]), name
            age = _age(person["dob"], found)
            assert scenario.victims.age.min <= age <= scenario.victims.age.max, (name, age)


def _check_places(data: Generated, group: dict, scenario: Scenario) -> None:
    rows, anchor, rule = data.reports.loc[group["deaths"]], group["anchor_place"], scenario.place
    if rule.anchor in ("offender_home", "place_type"):
        for lat, lon in zip(rows.latitude.astype(float), rows.longitude.astype(float), strict=True):
            km = haversine_km(lat, lon, anchor["latitude"], anchor["longitude"])
            assert km * 1000 <= rule.within_m + 5, (group["id"], km)
    if rule.anchor == "offender_workplace":
        assert rows.location_address.nunique() == 1, group["id"]
    if rule.anchor in ("victim_home", "town"):
        assert set(rows.place_category) == {"RES"}, group["id"]
    if rule.anchor == "town":
        assert rows.location_address.str.rsplit(", ", n=1).str[-1].nunique() == 1, group["id"]


def _check_offender(data: Generated, group: dict, scenario: Scenario) -> None:
    name = group["id"]
    offender = group.get("killer") or group.get("shared_person")
    if scenario.offender.kind == "none":
        assert offender is None, name
        return
    for ref, role in zip(group["deaths"], group["offender_roles"], strict=True):
        recorded = {r for p, r, _ in data.people.get(ref, []) if p == offender}
        if role == "none":
            assert not recorded, (name, ref)  # never named where he played no part
        elif recorded:
            assert recorded <= ROLE_TEXT.get(role, {role}), (name, recorded, role)
        for person, _, row in data.people.get(ref, []):
            if "placeholder_name" in data.truth["noise"]["death_report_people"].get(
                row.person_ref, []
            ):
                placeholder = scenario.recording.placeholder
                assert person == offender and placeholder and row["name"] == placeholder.text
                assert row.dob == "" and row.address == "", name
    first = datetime.fromisoformat(data.reports.loc[group["deaths"][0]].date_found)
    last = datetime.fromisoformat(data.reports.loc[group["deaths"][-1]].date_found)
    for ref in group["precursor_incidents"]:
        incident = data.occurrences.loc[ref]
        at = datetime.strptime(incident.CommittedFrom, "%d/%m/%Y %H:%M")
        assert at < last and offender in data.involved[ref], (name, ref)
    kinds = {p.kind for p in scenario.precursors if p.probability == 1 and p.before == "first"}
    if kinds:  # a certain precursor exists, names him, and comes before the first death
        assert any(
            datetime.strptime(data.occurrences.loc[ref].CommittedFrom, "%d/%m/%Y %H:%M") < first
            for ref in group["precursor_incidents"]
        ), name
    if scenario.recording.phones_recovered and group["phone_seizure_incident"]:
        seized = data.objects[data.objects.OccurrenceRef == group["phone_seizure_incident"]]
        phones = {
            p
            for text in data.reports.loc[group["deaths"]].property_missing
            for p in PHONE.findall(text)
        }
        assert phones and phones <= set(seized.Identifier), name
        assert offender in data.suspects[group["phone_seizure_incident"]], name


def check_all(data: Generated, *, strict: bool) -> None:
    """Every planted group follows its file; decoys share no killer and no series death."""
    for group in data.truth["series"] + data.truth["decoys"]:
        check_group(data, group, strict=strict)
    killers = {s["killer"] for s in data.truth["series"]}
    in_series = data.series_deaths()
    for decoy in data.truth["decoys"]:
        assert decoy["shares_killer"] is False and not set(decoy["deaths"]) & in_series
        assert decoy["shared_person"] not in killers or decoy["shared_person"] is None
        named = {p for ref in decoy["deaths"] for p, _, _ in data.people.get(ref, [])}
        assert not named & killers, decoy["id"]
