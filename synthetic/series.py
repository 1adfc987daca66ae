"""Planted linked series of deaths, and decoy groups that share features by chance.

A series is 2-6 deaths with one killer that share some, never all, of the linking signals:
place (the same spot or within about 500 m), cause and substance, victim profile, a time
pattern, the same person as reporter / finder / last seen with, shared associates, and
property (phones) that went missing and turned up with the killer. Decoys are what makes
this hard: hostel overdoses found by the same support worker, care-home deaths found by the
same carer, deaths at the same churchyard years apart, a bad batch of fentanyl in one town.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from synthetic.background import DRUG_WEIGHTS, DRUGS, add_incident, new_death
from synthetic.geography import Place
from synthetic.sampling import PeoplePicker
from synthetic.world import Association, Person, World

__all__ = ["FEATURES", "plant_decoys", "plant_series"]

FEATURES = (
    "place",
    "cause",
    "victim_profile",
    "time_pattern",
    "shared_person",
    "shared_associates",
    "shared_object",
)


@dataclass(frozen=True)
class _Profile:
    name: str
    sex: str
    ages: tuple[int, int]
    cause: str
    substances: tuple[str, ...]
    place_types: tuple[str, ...]
    interval_days: tuple[int, int]
    circumstances: str


PROFILES = (
    _Profile(
        "young_men_drugged",
        "M",
        (18, 35),
        "drug_toxicity",
        ("GHB",),
        ("churchyard", "park"),
        (25, 80),
        "Young man found alone near {where}; no obvious drug history; no sign of a struggle.",
    ),
    _Profile(
        "elderly_women_at_home",
        "F",
        (74, 95),
        "unknown",
        ("diamorphine",),
        ("residential",),
        (20, 60),
        "Elderly woman found dead at home, sitting in her chair; recently visited.",
    ),
    _Profile(
        "men_sleeping_rough",
        "M",
        (30, 62),
        "drowning",
        ("alcohol",),
        ("river",),
        (30, 120),
        "Man known to sleep rough recovered from the water near {where}.",
    ),
    _Profile(
        "young_women_hotels",
        "F",
        (18, 35),
        "asphyxia",
        ("alcohol", "ketamine"),
        ("hotel",),
        (30, 100),
        "Young woman found in a room at {where}; room booked by another person.",
    ),
)


def _near_place(world: World, rng: random.Random, anchor: Place) -> Place:
    """A place within about 300 m of ``anchor`` (a new amenity of the same kind)."""
    place = Place(
        uprn=str(990_000_000_000 + len(world.amenities)),
        name=None
        if anchor.place_type == "residential"
        else f"{anchor.name or anchor.street} (rear path)",
        house_number=None if anchor.place_type != "residential" else rng.randint(1, 120),
        street=anchor.street,
        town=anchor.town,
        area=anchor.area,
        postcode=anchor.postcode,
        latitude=round(anchor.latitude + rng.uniform(-0.0025, 0.0025), 6),
        longitude=round(anchor.longitude + rng.uniform(-0.004, 0.004), 6),
        place_type=anchor.place_type,
    )
    world.amenities.append(place)
    return place


def _where(place: Place) -> str:
    return (
        "a residential address"
        if place.place_type == "residential"
        else (place.name or place.street)
    )


def plant_series(
    world: World, rng: random.Random, picker: PeoplePicker, count: int
) -> list[dict[str, object]]:
    """Plant ``count`` linked series; return their ground-truth records."""
    planted: list[dict[str, object]] = []
    for number in range(1, count + 1):
        profile = PROFILES[(number - 1) % len(PROFILES)]
        shared = sorted(rng.sample(FEATURES, rng.randint(2, 4)), key=FEATURES.index)
        size = rng.choice((2, 3, 3, 4, 4, 5, 6))
        killer = picker.first_eligible(
            world.start,
            lambda p: 25 <= p.age_on(world.start) <= 60 and p.sex == "M",
            lambda p: p.sex == "M",
            reserve=True,
        )
        if killer.phone is None:
            killer.phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        total_days = (world.end - world.start).days
        if "time_pattern" in shared:
            gaps = [rng.randint(*profile.interval_days) for _ in range(size - 1)]
            first = world.start + timedelta(
                days=rng.randint(30, max(31, total_days - sum(gaps) - 30))
            )
            days = [first + timedelta(days=sum(gaps[:i])) for i in range(size)]
        else:
            days = sorted(
                world.start + timedelta(days=rng.randint(10, total_days - 10)) for _ in range(size)
            )
        anchor_options = [
            p
            for p in world.amenities
            if p.place_type in profile.place_types and p.area == killer.home.area
        ]
        anchor_options = (
            anchor_options
            or [p for p in world.amenities if p.place_type in profile.place_types]
            or [killer.home]
        )
        anchor = (
            killer.home if profile.place_types == ("residential",) else rng.choice(anchor_options)
        )
        friend = picker.first_eligible(
            world.start, lambda p: p.age_on(world.start) >= 18, reserve=True
        )
        world.associations.append(
            Association(killer.id, friend.id, "associate", world.start - timedelta(days=400))
        )
        deaths: list[str] = []
        missing_phones: list[str] = []
        for index, day in enumerate(days):
            if "victim_profile" in shared:
                low, high = profile.ages
                victim = picker.first_eligible(
                    day,
                    lambda p: p.sex == profile.sex and low <= p.age_on(day) <= high,
                    lambda p: p.sex == profile.sex and low - 8 <= p.age_on(day) <= high + 8,
                    reserve=True,
                )
            else:
                victim = picker.first_eligible(
                    day, lambda p: 18 <= p.age_on(day) <= 80, reserve=True
                )
            if "place" in shared and profile.place_types == ("residential",):
                place = _near_place(world, rng, killer.home)  # addresses near the killer's
            elif "place" in shared:
                place = anchor if index % 2 == 0 else _near_place(world, rng, anchor)
            else:
                place = victim.home_on(day) if rng.random() < 0.5 else rng.choice(world.amenities)
            if "cause" in shared:
                cause, substances = profile.cause, list(profile.substances)
            else:
                cause = rng.choice(("drug_toxicity", "unknown", "natural", "fall"))
                substances = (
                    sorted(set(rng.choices(DRUGS, weights=DRUG_WEIGHTS, k=2)))
                    if cause == "drug_toxicity"
                    else []
                )
            others: list[tuple[str, str]] = []
            if "shared_person" in shared:
                role = (
                    ("reported_by", "last_seen_with", "found_by")[index % 3]
                    if index
                    else "reported_by"
                )
                others.append((killer.id, role))
            else:
                bystander = picker.alive(day, where=lambda p: p.home.area == place.area)
                others.append((bystander.id, "found_by"))
            if "shared_associates" in shared:
                hub = friend if index % 2 else killer
                world.associations.append(
                    Association(
                        victim.id,
                        hub.id,
                        rng.choice(("associate", "social_media")),
                        day - timedelta(days=rng.randint(30, 300)),
                    )
                )
            at = datetime(
                day.year, day.month, day.day, rng.choice((1, 2, 5, 6, 7, 23)), rng.randint(0, 59)
            )
            death = new_death(
                world,
                rng,
                victim,
                at,
                place,
                cause,
                substances,
                others,
                profile.circumstances.format(where=_where(place)),
            )
            if "shared_object" in shared:
                if victim.phone is None:
                    victim.phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
                death.property_missing = f"Mobile phone {victim.phone}"
                missing_phones.append(victim.phone)
            deaths.append(death.ref)
        seizure = None
        if missing_phones:
            at = (
                world.random_moment(rng, days[-1] + timedelta(days=5), world.end)
                if days[-1] + timedelta(days=5) < world.end
                else datetime.combine(world.end, datetime.min.time())
            )
            incident = add_incident(
                world,
                at,
                "theft",
                killer.home_on(at.date()),
                "Search of suspect's address; several mobile phones seized, ownership unknown.",
                [(killer.id, "suspect")],
                outcome="Under investigation",
            )
            incident.seized_phones = list(missing_phones)
            seizure = incident.ref
        planted.append(
            {
                "id": f"SERIES-{number:02d}",
                "profile": profile.name,
                "killer": killer.id,
                "associate": friend.id,
                "deaths": deaths,
                "shared_features": shared,
                "anchor_place": anchor.uprn if "place" in shared else None,
                "phone_seizure_incident": seizure,
            }
        )
    return planted


def plant_decoys(
    world: World, rng: random.Random, picker: PeoplePicker, count: int, staff: dict[str, Person]
) -> list[dict[str, object]]:
    """Plant ``count`` decoy groups of deaths that share features without sharing a killer."""
    kinds = ("hostel_overdoses", "care_home_deaths", "same_spot_years_apart", "bad_batch")
    decoys: list[dict[str, object]] = []
    for number in range(1, count + 1):
        kind = kinds[(number - 1) % len(kinds)]
        size = rng.randint(3, 5)
        deaths: list[str] = []
        if kind in ("hostel_overdoses", "care_home_deaths"):
            place_type = "hostel" if kind == "hostel_overdoses" else "care_home"
            place = rng.choice(world.places_of_type(place_type))
            worker = staff[place.uprn]
            for _ in range(size):
                at = world.random_moment(rng)
                if kind == "hostel_overdoses":
                    victim = picker.first_eligible(
                        at.date(), lambda p: 22 <= p.age_on(at.date()) <= 60, reserve=True
                    )
                    cause, substances = (
                        "drug_toxicity",
                        sorted(
                            set(rng.choices(("heroin", "methadone", "alcohol", "pregabalin"), k=2))
                        ),
                    )
                else:
                    victim = picker.first_eligible(
                        at.date(),
                        lambda p: p.age_on(at.date()) >= 75,
                        lambda p: p.age_on(at.date()) >= 60,
                        reserve=True,
                    )
                    cause, substances = "natural", []
                if not worker.alive_on(at.date()):
                    continue
                deaths.append(
                    new_death(
                        world,
                        rng,
                        victim,
                        at,
                        place,
                        cause,
                        substances,
                        [(worker.id, "found_by"), (worker.id, "reported_by")],
                    ).ref
                )
            shared = (
                ["place", "cause", "shared_person"]
                if kind == "hostel_overdoses"
                else ["place", "victim_profile", "shared_person"]
            )
        elif kind == "same_spot_years_apart":
            place = rng.choice(
                [p for p in world.amenities if p.place_type in ("churchyard", "park", "river")]
            )
            size = min(size, 3)
            span = (world.end - world.start).days // size
            for i in range(size):
                at = world.random_moment(
                    rng,
                    world.start + timedelta(days=i * span),
                    world.start + timedelta(days=(i + 1) * span - 1),
                )
                victim = picker.first_eligible(
                    at.date(), lambda p: p.age_on(at.date()) >= 18, reserve=True
                )
                cause = rng.choice(("hanging", "natural", "alcohol", "drowning"))
                finder = picker.alive(at.date(), where=lambda p: p.home.area == place.area)
                deaths.append(
                    new_death(
                        world,
                        rng,
                        victim,
                        at,
                        place,
                        cause,
                        ["alcohol"] if cause == "alcohol" else [],
                        [(finder.id, "found_by")],
                    ).ref
                )
            shared = ["place"]
        else:
            town_places = [p for p in world.homes if p.town == rng.choice(world.homes).town]
            start = world.random_moment(rng, world.start, world.end - timedelta(days=70))
            for _ in range(size):
                at = start + timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
                place = rng.choice(town_places)
                victim = picker.first_eligible(
                    at.date(), lambda p: 20 <= p.age_on(at.date()) <= 55, reserve=True
                )
                household = picker.household_of(victim, at.date())
                finder = (
                    household[0]
                    if household
                    else picker.alive(at.date(), where=lambda p: p.home.town == place.town)
                )
                deaths.append(
                    new_death(
                        world,
                        rng,
                        victim,
                        at,
                        place,
                        "drug_toxicity",
                        ["fentanyl", "heroin"],
                        [(finder.id, "found_by")],
                    ).ref
                )
            shared = ["cause", "time_pattern", "area"]
        decoys.append(
            {
                "id": f"DECOY-{number:02d}",
                "kind": kind,
                "deaths": deaths,
                "shared_features": shared,
                "shares_killer": False,
            }
        )
    return decoys
