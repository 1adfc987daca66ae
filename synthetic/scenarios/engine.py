"""Simulate scenario files into a world: offenders, victims, deaths, precursors, records.

The engine follows each scenario's rules with the same helpers the background uses
(:func:`~synthetic.background.new_death`, :func:`~synthetic.background.add_incident`,
:class:`~synthetic.sampling.PeoplePicker`), so a planted death is written exactly like an
everyday one; only what happens differs.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from synthetic.background import add_contact, add_incident, new_death
from synthetic.config import GeneratorConfig
from synthetic.geography import Place
from synthetic.sampling import PeoplePicker
from synthetic.scenarios.spec import Precursor, Scenario, ScenarioError, Span, load_scenarios
from synthetic.world import Association, Death, Person, World

__all__ = ["distance_m", "plant_scenarios"]

_ROLE_OF = {"finder": "found_by", "reporter": "reported_by", "last_seen_with": "last_seen_with"}
_NEW_PLACE_NAMES = {
    "churchyard": "{street} Churchyard",
    "street": "Footpath off {street}",
    "park": "{street} Green",
    "river": "Riverside path, {street}",
    "hostel": "{street} Hostel",
    "hotel": "{street} Hotel",
}
_PHONE_TEXT = (
    "Mobile phone {phone}",
    "Phone not found (number {phone} per family)",
    "Mobile {phone} missing",
)


def distance_m(a: Place, b: Place) -> float:
    """Distance between two places in metres (flat-earth, fine below a few km).

    Examples
    --------
    >>> from synthetic.geography import Place
    >>> here = Place("1", None, 1, "High St", "Town", "Area", "AB1 2CD", 52.0, -2.0, "park")
    >>> there = Place("2", None, 2, "High St", "Town", "Area", "AB1 2CD", 52.001, -2.0, "park")
    >>> round(distance_m(here, there))
    111
    """
    north = (a.latitude - b.latitude) * 111_000.0
    east = (a.longitude - b.longitude) * 111_000.0 * math.cos(math.radians(a.latitude))
    return math.hypot(north, east)


def _draw(rng: random.Random, weights: dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _in_span(span: Span) -> Callable[[int], bool]:
    return lambda value: span.min <= value <= span.max


def _sex_ok(rule_sex: str, person: Person) -> bool:
    return rule_sex == "any" or person.sex == rule_sex


@dataclass
class _Group:
    """One planted group being simulated."""

    scenario: Scenario
    world: World
    rng: random.Random
    picker: PeoplePicker
    offender: Person | None = None
    anchor: Place | None = None
    town: str | None = None
    places: list[Place] = field(default_factory=list)
    deaths: list[Death] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    precursors: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    seizure: str | None = None

    # --- who -------------------------------------------------------------------------------
    def choose_offender(
        self, staff: dict[str, Person], clinicians: dict[str, list[Person]], taken: set[str]
    ) -> bool:
        rule, world = self.scenario.offender, self.world
        if rule.kind == "none":
            return True
        if rule.kind == "gp" and clinicians:
            age = _in_span(rule.age)
            options = [
                gp
                for area in sorted(clinicians)
                for gp in clinicians[area]
                if gp.id not in taken and _sex_ok(rule.sex, gp) and age(gp.age_on(world.start))
            ]
            if options:
                self.offender = self.rng.choice(options)
                taken.add(self.offender.id)
                return True
        if rule.kind in ("care_staff", "hostel_staff"):
            kind = "care_home" if rule.kind == "care_staff" else "hostel"
            options = [
                p
                for p in world.places_of_type(kind)
                if p.uprn in staff and p.uprn not in taken and staff[p.uprn].alive_on(world.start)
            ]
            if not options:
                return False
            self.anchor = self.rng.choice(options)
            taken.add(self.anchor.uprn)
            self.offender = staff[self.anchor.uprn]
            return True
        age = _in_span(rule.age)
        self.offender = self.picker.first_eligible(
            world.start,
            lambda p: _sex_ok(rule.sex, p) and age(p.age_on(world.start)),
            lambda p: _sex_ok(rule.sex, p),
            reserve=True,
        )
        if self.offender.phone is None:
            self.offender.phone = _phone(self.rng)
        return True

    def choose_victim(self, day: date) -> Person:
        rule, off = self.scenario.victims, self.offender
        age = _in_span(rule.age)

        def related(p: Person) -> bool:
            if rule.lives_within_m and off is not None:
                return distance_m(p.home_on(day), off.home_on(day)) <= rule.lives_within_m
            if self.town is not None:
                return p.home_on(day).town == self.town
            return True

        def profile(p: Person) -> bool:
            return _sex_ok(rule.sex, p) and age(p.age_on(day))

        def nearby_adult(p: Person) -> bool:
            return related(p) and p.age_on(day) >= 18

        # When the population runs short, victims keep their profile before their place (the
        # profile is what the scenario is: Port's young men, Shipman's elderly patients),
        # except where the place is the point: deaths at homes in one town.
        looser = (
            (nearby_adult, profile)
            if self.scenario.place.anchor == "town"
            else (profile, nearby_adult)
        )
        victim = self.picker.first_eligible(
            day,
            lambda p: profile(p) and related(p),
            *looser,
            lambda p: _sex_ok(rule.sex, p) and rule.age.min - 8 <= p.age_on(day),
            reserve=True,
        )
        if off is not None and rule.relation in ("partner", "friend"):
            kind = "partner" if rule.relation == "partner" else "associate"
            since = day - timedelta(days=self.rng.randint(450, 900))
            self.world.associations.append(Association(off.id, victim.id, kind, since))
        return victim

    # --- where -----------------------------------------------------------------------------
    def choose_anchor(self) -> None:
        place, world, off = self.scenario.place, self.world, self.offender
        if place.anchor == "offender_home" and off is not None:
            self.anchor = off.home_on(world.start)
        elif place.anchor == "place_type":
            options = [p for p in world.amenities if p.place_type in place.place_types]
            local = [p for p in options if off is not None and p.area == off.home.area]
            self.anchor = self.rng.choice(local or options or world.homes)
        elif place.anchor == "town":  # batches reach the bigger towns
            homes = Counter(home.town for home in world.homes)
            big = sorted(t for t, n in homes.items() if n >= max(homes.values()) / 3)
            self.town = self.rng.choice(big)

    def choose_place(self, victim: Person, day: date) -> Place:
        rule = self.scenario.place
        if rule.anchor in ("victim_home", "town"):
            return victim.home_on(day)
        if rule.anchor == "offender_workplace" or self.anchor is None:
            return self.anchor or victim.home_on(day)
        if rule.anchor == "place_type" and not self.places:
            return self.anchor
        if self.places and self.rng.random() < rule.same_spot:
            return self.rng.choice(self.places)
        nearby = [
            p
            for p in self.world.amenities
            if p.place_type in rule.place_types
            and p is not self.anchor
            and distance_m(p, self.anchor) <= rule.within_m
        ]
        if nearby and self.rng.random() < 0.5:
            return self.rng.choice(nearby)
        return _new_place_near(
            self.world,
            self.rng,
            self.anchor,
            self.rng.choice(rule.place_types or (self.anchor.place_type,)),
            rule.within_m,
        )

    # --- when ------------------------------------------------------------------------------
    def days(self) -> list[date]:
        spec, world = self.scenario, self.world
        total = (world.end - world.start).days
        size = self.rng.randint(spec.deaths.min, spec.deaths.max)
        span = spec.interval_days
        gaps = [self.rng.randint(span.min, span.max) for _ in range(size - 1)]
        while gaps and len(gaps) + 1 > spec.deaths.min and sum(gaps) > total - 60:
            gaps.pop()
        lead = max((p.days_before.max for p in spec.precursors if p.before == "first"), default=30)
        latest = total - 10 - sum(gaps)
        earliest = min(max(30, lead), max(10, latest))
        first = world.start + timedelta(days=self.rng.randint(earliest, max(earliest, latest)))
        return [first + timedelta(days=sum(gaps[:i])) for i in range(len(gaps) + 1)]

    # --- what happens at each death --------------------------------------------------------
    def bystander(self, victim: Person, place: Place, day: date) -> Person:
        household = [
            p for p in self.picker.household_of(victim, day) if p.id not in self.picker.used
        ]
        if place.place_type == "residential" and household and place == victim.home_on(day):
            return self.rng.choice(household)
        return self.picker.alive(day, where=lambda p: p.home.area == place.area)

    def others(self, index: int, victim: Person, place: Place, day: date) -> list[tuple[str, str]]:
        spec, off = self.scenario, self.offender
        role = (
            spec.first_death_role
            if index == 0 and spec.first_death_role
            else _draw(self.rng, dict(spec.offender_role))
        )
        self.roles.append(role if off is not None else "none")
        people: list[tuple[str, str]] = []
        if off is not None and role != "none":
            people.append((off.id, _ROLE_OF[role]))
            if role == "finder" and self.rng.random() < 0.6:
                people.append((off.id, "reported_by"))
            if self.rng.random() < spec.recording.role_missing:
                people = []  # the agency did not write his part down
        if not any(r == "found_by" for _, r in people):
            finder = self.bystander(victim, place, day)
            people.insert(0, (finder.id, "found_by"))
            if not any(r == "reported_by" for _, r in people):
                people.insert(1, (finder.id, "reported_by"))
        return [(pid, r) for pid, r in people if pid != victim.id]

    def method(self) -> tuple[str, list[str]]:
        method = self.scenario.method
        cause = _draw(self.rng, method.causes)
        substances = sorted(s for s, p in method.substances.items() if self.rng.random() < p)
        if cause == "drug_toxicity" and not substances and method.substances:
            substances = [max(method.substances, key=lambda s: method.substances[s])]
        return cause, substances

    def record_what_is_missed(self, death: Death, victim: Person) -> None:
        recording, off = self.scenario.recording, self.offender
        placeholder = recording.placeholder
        named = {pid for pid, _ in death.others}
        if (
            placeholder is not None
            and off is not None
            and off.id in named
            and self.rng.random() < placeholder.probability
        ):
            death.placeholders[off.id] = placeholder.text
        death.dob_missing = self.rng.random() < recording.dob_missing
        if self.rng.random() < recording.property_missing:
            if victim.phone is None:
                victim.phone = _phone(self.rng)
            death.property_missing = self.rng.choice(_PHONE_TEXT).format(phone=victim.phone)
            self.phones.append(victim.phone)

    def vulnerability(self, victim: Person, at: datetime) -> None:
        kind, world, rng = self.scenario.victims.vulnerability, self.world, self.rng
        before = at - timedelta(days=rng.randint(7, 300))
        if kind == "drug_user" and rng.random() < 0.5:
            add_contact(
                world, rng, victim, before, "nhs", "ae_attendance", "OVERDOSE", "Discharged home"
            )
        elif kind == "rough_sleeper" and rng.random() < 0.6:
            add_contact(
                world,
                rng,
                victim,
                before,
                "local_authority",
                "housing",
                "Threatened with homelessness",
                "Signposted",
            )

    def simulate(self) -> None:
        spec, world, rng = self.scenario, self.world, self.rng
        self.choose_anchor()
        for index, day in enumerate(self.days()):
            victim = self.choose_victim(day)
            place = self.choose_place(victim, day)
            if place not in self.places:
                self.places.append(place)
            cause, substances = self.method()
            at = datetime(day.year, day.month, day.day, rng.choice(spec.method.hours))
            at += timedelta(minutes=rng.randint(0, 59))
            others = self.others(index, victim, place, day)
            where = _where(place)
            death = new_death(
                world,
                rng,
                victim,
                at,
                place,
                cause,
                substances,
                others,
                rng.choice(spec.recording.circumstances).format(where=where),
            )
            self.record_what_is_missed(death, victim)
            self.vulnerability(victim, at)
            self.deaths.append(death)
            self.victims.append(victim.id)
        self.add_precursors()
        self.recover_phones()

    # --- before and after ------------------------------------------------------------------
    def add_precursors(self) -> None:
        for precursor in self.scenario.precursors:
            targets = self.deaths[:1] if precursor.before == "first" else self.deaths
            for death in targets:
                if self.rng.random() < precursor.probability:
                    self._precursor(precursor, death)

    def _precursor(self, precursor: Precursor, death: Death) -> None:
        world, rng, off = self.world, self.rng, self.offender
        assert off is not None  # validated: precursors need an offender
        at = death.found_at - timedelta(
            days=rng.randint(precursor.days_before.min, precursor.days_before.max),
            hours=rng.randint(0, 12),
        )
        if at.date() < world.start:
            at = datetime.combine(world.start, datetime.min.time()) + timedelta(hours=20)
        if at >= death.found_at:
            return
        victim = world.person(death.deceased)
        people: list[tuple[str, str]] = []
        if precursor.victim == "death_victim":
            people.append((victim.id, "victim"))
            place = victim.home_on(at.date())
        else:
            place = self.anchor or off.home_on(at.date())
            if precursor.victim == "other":
                rule, age = self.scenario.victims, _in_span(self.scenario.victims.age)
                other = self.picker.first_eligible(
                    at.date(),
                    lambda p: _sex_ok(rule.sex, p) and age(p.age_on(at.date())) and p is not off,
                    lambda p: p is not off,
                )
                people.append((other.id, "victim"))
        people.append((off.id, precursor.offender_role))
        incident = add_incident(
            world,
            at,
            precursor.kind,
            place,
            precursor.summary.format(where=_where(place)),
            people,
            list(precursor.markers),
            precursor.domestic,
            precursor.outcome,
        )
        self.precursors.append(incident.ref)

    def recover_phones(self) -> None:
        world, off = self.world, self.offender
        if not (self.scenario.recording.phones_recovered and self.phones and off is not None):
            return
        last = self.deaths[-1].found_at.date()
        if last + timedelta(days=5) >= world.end:
            return
        at = world.random_moment(self.rng, last + timedelta(days=5), world.end)
        incident = add_incident(
            world,
            at,
            "theft",
            off.home_on(at.date()),
            "Search of suspect's address; several mobile phones seized, ownership unknown.",
            [(off.id, "suspect")],
        )
        incident.seized_phones = list(self.phones)
        self.seizure = incident.ref

    def truth(self) -> dict[str, object]:
        anchor = self.anchor
        record: dict[str, object] = {
            "kind": self.scenario.name,
            "family": self.scenario.family,
            "deaths": [d.ref for d in self.deaths],
            "victims": self.victims,
            "offender_roles": self.roles,
            "anchor_place": None
            if anchor is None
            else {"uprn": anchor.uprn, "latitude": anchor.latitude, "longitude": anchor.longitude},
            "precursor_incidents": self.precursors,
            "phone_seizure_incident": self.seizure,
        }
        offender = self.offender.id if self.offender else None
        if self.scenario.family == "series":
            record |= {"profile": self.scenario.name, "killer": offender}
        else:
            record |= {"shared_person": offender, "shares_killer": False}
        return record


def _phone(rng: random.Random) -> str:
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def _where(place: Place) -> str:
    return (
        "a residential address"
        if place.place_type == "residential"
        else (place.name or place.street)
    )


def _new_place_near(
    world: World, rng: random.Random, anchor: Place, place_type: str, within_m: int
) -> Place:
    """A new amenity of ``place_type`` at most ``within_m`` metres from ``anchor``."""
    bearing = rng.uniform(0, 2 * math.pi)
    metres = rng.uniform(0.1, 0.9) * within_m
    latitude = anchor.latitude + metres * math.cos(bearing) / 111_000.0
    longitude = anchor.longitude + metres * math.sin(bearing) / (
        111_000.0 * math.cos(math.radians(anchor.latitude))
    )
    place = Place(
        uprn=str(990_000_000_000 + len(world.amenities)),
        name=_NEW_PLACE_NAMES.get(place_type, "{street}").format(street=anchor.street),
        house_number=None,
        street=anchor.street,
        town=anchor.town,
        area=anchor.area,
        postcode=anchor.postcode,
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
        place_type=place_type,
    )
    world.amenities.append(place)
    return place


def plant_scenarios(
    world: World,
    rng_for: Callable[[str], random.Random],
    picker: PeoplePicker,
    config: GeneratorConfig,
    staff: dict[str, Person],
    clinicians: dict[str, list[Person]],
    names: Sequence[str],
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Simulate the named scenarios; return the series and decoy ground-truth records.

    Parameters
    ----------
    world
        The world to add deaths, incidents, contacts and ties to.
    rng_for
        Seeded random source by name; each scenario draws from its own, so choosing
        scenarios does not change the others.
    picker
        Draws (and reserves) offenders and victims.
    config
        How many groups to plant grows with the population (``config.planted``).
    staff
        Care-home and hostel UPRN -> the worker usually on shift there.
    clinicians
        Policing area -> its GPs (a GP offender is one of them, so he also attends
        everyday deaths).
    names
        Scenario names, in the order to plant them.

    Returns
    -------
    tuple[list, list]
        Series records (``id``, ``kind``, ``killer``, ``deaths``...) and decoy records
        (``id``, ``kind``, ``deaths``, ``shares_killer``...).

    Raises
    ------
    ScenarioError
        If a name is not a packaged scenario.
    """
    library = load_scenarios()
    unknown = [n for n in names if n not in library]
    if unknown:
        raise ScenarioError(
            f"Unknown scenario {unknown[0]!r}; known: {', '.join(library)}.",
            hint="Run `linkwatch generate --list-scenarios`.",
        )
    series: list[dict[str, object]] = []
    decoys: list[dict[str, object]] = []
    taken: set[str] = set()
    for name in names:
        scenario, rng = library[name], rng_for(f"scenario:{name}")
        for _ in range(config.planted(scenario.groups, floor=1)):
            group = _Group(scenario, world, rng, picker)
            if not group.choose_offender(staff, clinicians, taken):
                continue
            group.simulate()
            into, prefix = (series, "SERIES") if scenario.family == "series" else (decoys, "DECOY")
            into.append({"id": f"{prefix}-{len(into) + 1:02d}", **group.truth()})
    return series, decoys
