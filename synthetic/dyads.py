"""Domestic-abuse dyads on the homicide timeline (Monckton Smith 2020), and ones that don't.

Fatal and near-miss dyads pass through control, separation, stalking, threats and non-fatal
strangulation before the homicide or near miss; each stage leaves police incidents and partner
contacts (housing when she flees, A&E with neck injuries, his mental-health crisis contacts).
Live dyads are part-way along the same path when the period ends: the people prevention
should find. Benign dyads have similar early incidents (verbal arguments) and stop there.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from synthetic.background import add_contact, add_incident, new_death
from synthetic.sampling import PeoplePicker
from synthetic.world import Association, Person, World

__all__ = ["STAGES", "plant_dyads"]

STAGES = ("control", "separation", "stalking", "threats", "strangulation")


def _couple(world: World, rng: random.Random, picker: PeoplePicker) -> tuple[Person, Person]:
    households = list(picker.households.values())
    for _ in range(5000):
        members = rng.choice(households)
        women = [
            p
            for p in members
            if p.sex == "F" and 18 <= p.age_on(world.start) <= 60 and p.id not in picker.used
        ]
        men = [
            p
            for p in members
            if p.sex == "M" and 18 <= p.age_on(world.start) <= 65 and p.id not in picker.used
        ]
        if women and men and abs(women[0].age_on(world.start) - men[0].age_on(world.start)) <= 12:
            picker.used.update((women[0].id, men[0].id))
            return women[0], men[0]
    victim = picker.first_eligible(
        world.start,
        lambda p: p.sex == "F" and 18 <= p.age_on(world.start) <= 60,
        lambda p: p.sex == "F",
        reserve=True,
    )
    perpetrator = picker.first_eligible(
        world.start,
        lambda p: p.sex == "M" and 18 <= p.age_on(world.start) <= 65,
        lambda p: p.sex == "M",
        reserve=True,
    )
    return victim, perpetrator


def _moment(day, rng: random.Random) -> datetime:
    return datetime(
        day.year, day.month, day.day, rng.choice((19, 20, 21, 22, 23, 0, 1)), rng.randint(0, 59)
    )


def _stage_events(
    world: World, rng: random.Random, stage: str, day, victim: Person, perpetrator: Person
) -> list[str]:
    at = _moment(day, rng)
    home = victim.home_on(day)
    pair = [(victim.id, "victim"), (perpetrator.id, "suspect")]
    refs: list[str] = []
    if stage == "control":
        refs.append(
            add_incident(
                world,
                at,
                "coercive_control",
                home,
                "Victim discloses partner checks her phone, controls money and "
                "stops her seeing friends.",
                pair,
                ["coercive_control"],
                True,
            ).ref
        )
        contact = add_contact(
            world,
            rng,
            victim,
            at + timedelta(days=rng.randint(3, 20)),
            "local_authority",
            "safeguarding_referral",
            "Domestic abuse",
            "",
        )
        refs += [contact.ref] if contact else []
    elif stage == "separation":
        refs.append(
            add_incident(
                world,
                at,
                "domestic_incident",
                home,
                "Victim has ended the relationship; suspect refusing to leave and shouting.",
                pair,
                ["separation", "escalation"],
                True,
            ).ref
        )
        contact = add_contact(
            world,
            rng,
            victim,
            at + timedelta(days=rng.randint(1, 10)),
            "local_authority",
            "housing",
            "Homelessness - fleeing domestic abuse",
            "Temporary accommodation",
        )
        refs += [contact.ref] if contact else []
        if victim.moved_on is None:
            victim.previous_home, victim.home = victim.home, rng.choice(world.homes)
            victim.moved_on = day + timedelta(days=14)
    elif stage == "stalking":
        for offset in range(rng.randint(1, 3)):
            moment = at + timedelta(days=offset * rng.randint(5, 15))
            refs.append(
                add_incident(
                    world,
                    moment,
                    "stalking_harassment",
                    victim.home_on(moment.date()),
                    "Ex-partner repeatedly turning up outside victim's new address "
                    "and messaging her.",
                    pair,
                    ["stalking", "separation"],
                    True,
                ).ref
            )
    elif stage == "threats":
        refs.append(
            add_incident(
                world,
                at,
                "threats_to_kill",
                victim.home_on(day),
                "Suspect told victim 'if I can't have you no one will'; "
                "threatened to kill her and himself.",
                pair,
                ["threats_to_kill", "suicide_threat", "escalation"],
                True,
            ).ref
        )
        contact = add_contact(
            world,
            rng,
            perpetrator,
            at + timedelta(days=rng.randint(1, 12)),
            "nhs",
            "mental_health_contact",
            "MH_CRISIS",
            "Referred to community mental health team",
        )
        refs += [contact.ref] if contact else []
    elif stage == "strangulation":
        refs.append(
            add_incident(
                world,
                at,
                "non_fatal_strangulation",
                victim.home_on(day),
                "Victim reports being held by the throat until she could not breathe.",
                pair,
                ["strangulation", "injury", "escalation"],
                True,
                "Evidential difficulties",
            ).ref
        )
        contact = add_contact(
            world,
            rng,
            victim,
            at + timedelta(hours=rng.randint(2, 30)),
            "nhs",
            "ae_attendance",
            "NECK_INJURY",
            "Discharged home",
            safeguarding=True,
        )
        refs += [contact.ref] if contact else []
    return refs


def plant_dyads(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    *,
    fatal: int,
    near_miss: int,
    live: int,
    benign: int,
) -> list[dict[str, object]]:
    """Plant each kind of dyad and return their ground-truth records."""
    outcomes = (
        ["homicide"] * fatal
        + ["near_miss"] * near_miss
        + ["live"] * live
        + ["non_escalating"] * benign
    )
    dyads: list[dict[str, object]] = []
    total_days = (world.end - world.start).days
    for number, outcome in enumerate(outcomes, start=1):
        victim, perpetrator = _couple(world, rng, picker)
        together_since = world.start - timedelta(days=rng.randint(200, 3000))
        stages: list[dict[str, object]] = []
        record: dict[str, object] = {
            "id": f"DYAD-{number:03d}",
            "victim": victim.id,
            "perpetrator": perpetrator.id,
            "outcome": outcome,
        }
        if outcome == "non_escalating":
            for _ in range(rng.randint(2, 4)):
                day = world.start + timedelta(days=rng.randint(0, total_days - 1))
                ref = add_incident(
                    world,
                    _moment(day, rng),
                    "domestic_incident",
                    victim.home_on(day),
                    "Verbal argument between partners; both calm on police arrival.",
                    [(victim.id, "victim"), (perpetrator.id, "suspect")],
                    [],
                    True,
                    "No further action",
                ).ref
                stages.append(
                    {"stage": "verbal_argument", "date": day.isoformat(), "events": [ref]}
                )
            world.associations.append(
                Association(victim.id, perpetrator.id, "partner", together_since)
            )
            record["stages"] = sorted(stages, key=lambda s: s["date"])
            record["outcome_event"] = None
            dyads.append(record)
            continue
        reach = len(STAGES) if outcome in ("homicide", "near_miss") else rng.randint(2, len(STAGES))
        gaps = [rng.randint(25, 110) for _ in range(reach)]
        span = sum(gaps)
        if outcome == "live":
            last = world.end - timedelta(days=rng.randint(5, 80))
            first = last - timedelta(days=span - gaps[-1])
        else:
            first = world.start + timedelta(days=rng.randint(20, max(21, total_days - span - 20)))
        day = first
        for index, stage in enumerate(STAGES[:reach]):
            if index and rng.random() < 0.15 and stage not in ("strangulation", "separation"):
                day += timedelta(days=gaps[index])
                continue  # a stage that left no record
            stages.append(
                {
                    "stage": stage,
                    "date": day.isoformat(),
                    "events": _stage_events(world, rng, stage, day, victim, perpetrator),
                }
            )
            if stage == "separation":
                world.associations.append(
                    Association(victim.id, perpetrator.id, "partner", together_since, day)
                )
                world.associations.append(Association(victim.id, perpetrator.id, "ex_partner", day))
            day += timedelta(days=gaps[index])
        if not any(s["stage"] == "separation" for s in stages):
            world.associations.append(
                Association(victim.id, perpetrator.id, "partner", together_since)
            )
        record["stages"] = stages
        record["outcome_event"] = None
        if outcome in ("homicide", "near_miss"):
            day = min(day, world.end - timedelta(days=1))
            at = _moment(day, rng)
            pair = [(victim.id, "victim"), (perpetrator.id, "suspect")]
            if outcome == "homicide":
                place = victim.home_on(day)
                incident = add_incident(
                    world,
                    at,
                    "homicide",
                    place,
                    "Woman found dead at her home; ex-partner arrested.",
                    pair,
                    ["strangulation", "separation"],
                    True,
                    "Charged",
                )
                death = new_death(
                    world,
                    rng,
                    victim,
                    at + timedelta(hours=2),
                    place,
                    rng.choice(("asphyxia", "sharp_force")),
                    [],
                    [(perpetrator.id, "suspect")],
                    "Woman found dead at home with injuries; ex-partner arrested nearby.",
                )
                death.classification, death.coroner_outcome, death.status = (
                    "homicide",
                    "pending",
                    "open",
                )
                record["outcome_event"] = incident.ref
                record["outcome_death"] = death.ref
            else:
                incident = add_incident(
                    world,
                    at,
                    "attempted_murder",
                    victim.home_on(day),
                    "Victim strangled to unconsciousness by ex-partner; revived by neighbour.",
                    pair,
                    ["strangulation", "weapon", "escalation"],
                    True,
                    "Charged",
                )
                add_contact(
                    world,
                    rng,
                    victim,
                    at + timedelta(hours=1),
                    "nhs",
                    "ae_attendance",
                    "ASSAULT",
                    "Admitted",
                    safeguarding=True,
                )
                record["outcome_event"] = incident.ref
        dyads.append(record)
    return dyads
