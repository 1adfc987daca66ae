"""Planted co-offending networks, the violence around them, and the people exposed to it.

Each network has a leader, lieutenants and young runners who are arrested together for drug
supply and weapons, a "cuckooed" vulnerable adult whose home they use (never a suspect or a
victim, but associated with many who are), and stabbings against rivals. Serious violence
after the evaluation cut-off falls, as Papachristos & Wildeman (2014) found, mostly on people
a tie or two from earlier victims: those are the future victims and perpetrators an exposure
ranking should find. Well-connected people with many family and social ties but no exposure
are planted as controls.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import pairwise

from synthetic.background import add_contact, add_incident, new_death
from synthetic.sampling import PeoplePicker
from synthetic.world import Association, Person, World

__all__ = ["plant_networks", "plant_well_connected"]

CUTOFF_DAYS_BEFORE_END = 180


def _member(world: World, picker: PeoplePicker, town: str, low: int, high: int) -> Person:
    day = world.start
    return picker.first_eligible(
        day,
        lambda p: p.sex == "M" and low <= p.age_on(day) <= high and p.home.town == town,
        lambda p: p.sex == "M" and low <= p.age_on(day) <= high,
        lambda p: p.sex == "M" and low - 5 <= p.age_on(day) <= high + 15,
        lambda p: p.sex == "M" and p.age_on(day) >= 16,
        reserve=True,
    )


def _moment(world: World, rng: random.Random, start: date, end: date) -> datetime:
    return world.random_moment(rng, start, end)


def plant_networks(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> tuple[list[dict[str, object]], dict[str, object]]:
    """Plant ``count`` networks; return their records and the exposure evaluation truth."""
    cutoff = world.end - timedelta(days=CUTOFF_DAYS_BEFORE_END)
    towns = sorted({p.home.town for p in world.people if 18 <= p.age_on(world.start) <= 30})
    networks: list[dict[str, object]] = []
    members_of: list[list[Person]] = []
    for number in range(1, count + 1):
        town = rng.choice(towns)
        leader = _member(world, picker, town, 24, 40)
        lieutenants = [_member(world, picker, town, 19, 32) for _ in range(rng.randint(1, 2))]
        runners = [_member(world, picker, town, 16, 23) for _ in range(rng.randint(4, 10))]
        members = [leader, *lieutenants, *runners]
        since = world.start - timedelta(days=rng.randint(60, 600))
        for lieutenant in lieutenants:
            world.associations.append(Association(leader.id, lieutenant.id, "associate", since))
        for runner in runners:
            boss = rng.choice(lieutenants)
            world.associations.append(
                Association(
                    boss.id, runner.id, "co_offender", since + timedelta(days=rng.randint(0, 200))
                )
            )
        for a, b in pairwise(runners):
            if rng.random() < 0.4:
                world.associations.append(
                    Association(
                        a.id, b.id, "associate", since + timedelta(days=rng.randint(0, 300))
                    )
                )
        vulnerable = picker.first_eligible(
            world.start,
            lambda p: 35 <= p.age_on(world.start) <= 70 and p.home.town == town,
            lambda p: 35 <= p.age_on(world.start) <= 70,
            reserve=True,
        )
        for member in rng.sample(members, min(len(members), rng.randint(3, 5))):
            world.associations.append(
                Association(
                    vulnerable.id,
                    member.id,
                    "associate",
                    since + timedelta(days=rng.randint(100, 500)),
                )
            )
        line_phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        for _ in range(len(members) * 2):
            at = _moment(world, rng, world.start, cutoff)
            crew = rng.sample(
                [*lieutenants, *runners], min(len(runners) + len(lieutenants), rng.randint(2, 3))
            )
            place = (
                vulnerable.home_on(at.date())
                if rng.random() < 0.35
                else rng.choice(
                    [
                        p
                        for p in world.amenities
                        if p.town == town and p.place_type in ("street", "park", "retail")
                    ]
                    or world.amenities
                )
            )
            offence = rng.choice(("drugs", "drugs", "drugs", "weapons"))
            summary = (
                "Suspects found with wraps of class A drugs and a 'line' phone at {w}."
                if offence == "drugs"
                else "Suspects stopped and searched at {w}; lock knife recovered."
            )
            where = (
                "a residential address"
                if place.place_type == "residential"
                else (place.name or place.street)
            )
            incident = add_incident(
                world,
                at,
                offence,
                place,
                summary.format(w=where),
                [(m.id, "suspect") for m in crew],
                ["weapon"] if offence == "weapons" else ["substance_misuse"],
                False,
                rng.choice(("Charged", "Under investigation", "No further action")),
            )
            if offence == "drugs" and rng.random() < 0.5:
                incident.seized_phones = [line_phone]
        add_contact(
            world,
            rng,
            vulnerable,
            _moment(world, rng, world.start, cutoff),
            "local_authority",
            "anti_social_behaviour",
            "Cuckooing concern",
            "",
        )
        add_contact(
            world,
            rng,
            vulnerable,
            _moment(world, rng, world.start, cutoff),
            "local_authority",
            "safeguarding_referral",
            "Self-neglect",
            "S42 enquiry",
        )
        members_of.append(members)
        networks.append(
            {
                "id": f"NETWORK-{number:02d}",
                "kind": "county_lines",
                "town": town,
                "members": [m.id for m in members],
                "centre": [leader.id, *[lt.id for lt in lieutenants]],
                "vulnerable": [vulnerable.id],
                "line_phone": line_phone,
            }
        )
    exposure = _plant_violence(world, rng, picker, members_of, cutoff)
    return networks, exposure


def _stabbing(
    world: World, rng: random.Random, at: datetime, victim: Person, suspect: Person, *, fatal: bool
) -> str:
    place = rng.choice(
        [
            p
            for p in world.amenities
            if p.town == victim.home.town
            and p.place_type in ("street", "park", "licensed_premises")
        ]
        or world.amenities
    )
    where = place.name or place.street
    pair = [(victim.id, "victim"), (suspect.id, "suspect")]
    if fatal:
        incident = add_incident(
            world,
            at,
            "homicide",
            place,
            f"Man stabbed at {where}; died at scene.",
            pair,
            ["weapon"],
            False,
            "Charged",
        )
        death = new_death(
            world,
            rng,
            victim,
            at + timedelta(minutes=40),
            place,
            "sharp_force",
            [],
            [(suspect.id, "suspect")],
            f"Man found with stab wounds at {where}.",
        )
        death.classification, death.coroner_outcome, death.status = "homicide", "pending", "open"
        return incident.ref
    incident = add_incident(
        world,
        at,
        "violence_with_injury",
        place,
        f"Victim stabbed in the leg at {where} in a dispute between groups.",
        pair,
        ["weapon", "injury"],
        False,
        rng.choice(("Charged", "Evidential difficulties", "Under investigation")),
    )
    add_contact(
        world,
        rng,
        victim,
        at + timedelta(hours=1),
        "nhs",
        "ae_attendance",
        "LACERATION",
        "Admitted",
        safeguarding=False,
    )
    return incident.ref


def _plant_violence(
    world: World,
    rng: random.Random,
    picker: PeoplePicker,
    members_of: list[list[Person]],
    cutoff: date,
) -> dict[str, object]:
    earlier_victims: set[str] = set()
    ties: dict[str, set[str]] = {}
    for association in world.associations:
        ties.setdefault(association.a, set()).add(association.b)
        ties.setdefault(association.b, set()).add(association.a)
    for index, members in enumerate(members_of):
        rivals = members_of[(index + 1) % len(members_of)] if len(members_of) > 1 else None
        for _ in range(rng.randint(2, 3)):
            at = _moment(world, rng, world.start, cutoff - timedelta(days=10))
            victim = rng.choice(members[1:])
            suspect = (
                rng.choice(rivals) if rivals else picker.by_propensity(at.date(), offender=True)
            )
            if victim.alive_on(at.date()) and suspect.alive_on(at.date()):
                _stabbing(world, rng, at, victim, suspect, fatal=False)
                earlier_victims.add(victim.id)
    future_victims: list[str] = []
    future_perpetrators: list[str] = []
    events: list[str] = []
    for index, members in enumerate(members_of):
        exposed = [
            m for m in members if m.id in earlier_victims or ties.get(m.id, set()) & earlier_victims
        ]
        others = [m for m in members if m not in exposed]
        for _ in range(rng.randint(1, 2)):
            pool = exposed if exposed and rng.random() < 0.8 else (others or exposed)
            at = _moment(world, rng, cutoff + timedelta(days=1), world.end)
            victim = rng.choice(pool)
            rivals = members_of[(index + 1) % len(members_of)] if len(members_of) > 1 else members
            suspect = rng.choice([m for m in rivals if m.id != victim.id])
            if not (victim.alive_on(at.date()) and suspect.alive_on(at.date())):
                continue
            events.append(_stabbing(world, rng, at, victim, suspect, fatal=rng.random() < 0.25))
            future_victims.append(victim.id)
            future_perpetrators.append(suspect.id)
    return {
        "cutoff": cutoff.isoformat(),
        "serious_violence": "homicide, attempted murder, or violence with injury and a weapon",
        "earlier_victims": sorted(earlier_victims),
        "future_victims": sorted(set(future_victims)),
        "future_perpetrators": sorted(set(future_perpetrators)),
        "future_events": events,
    }


def plant_well_connected(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> list[str]:
    """Plant people with many family and social ties and no exposure to violence."""
    hubs: list[str] = []
    for _ in range(count):
        hub = picker.first_eligible(
            world.start, lambda p: 30 <= p.age_on(world.start) <= 65, reserve=True
        )
        for _ in range(rng.randint(10, 16)):
            friend = picker.alive(world.start, where=lambda p: p.age_on(world.start) >= 18)
            if friend.id != hub.id:
                world.associations.append(
                    Association(
                        hub.id,
                        friend.id,
                        rng.choice(("family", "social_media", "associate")),
                        world.start - timedelta(days=rng.randint(10, 900)),
                    )
                )
        hubs.append(hub.id)
    return hubs
