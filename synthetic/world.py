"""The synthetic truth: who exists, what happened, and which patterns were planted.

Extract writers render this truth as each source system would record it, with identity noise;
the ground truth file is written from it too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from synthetic.geography import Place

__all__ = [
    "Association",
    "Contact",
    "Death",
    "Incident",
    "Person",
    "World",
]


@dataclass
class Person:
    """One real (synthetic) human being."""

    id: str
    given: str
    family: str
    sex: str  # "M" or "F"
    dob: date
    nhs_number: str
    home: Place
    previous_home: Place | None = None
    moved_on: date | None = None
    phone: str | None = None
    household: int = 0
    died_on: date | None = None
    former_family: str | None = None  # surname before a change on marriage in the period
    renamed_on: date | None = None

    def family_on(self, day: date) -> str:
        """The surname the person went by on ``day``."""
        if self.former_family and self.renamed_on and day < self.renamed_on:
            return self.former_family
        return self.family

    def age_on(self, day: date) -> int:
        """Age in whole years on ``day``."""
        return day.year - self.dob.year - ((day.month, day.day) < (self.dob.month, self.dob.day))

    def alive_on(self, day: date) -> bool:
        """Whether the person was alive (and born) on ``day``."""
        return self.dob <= day and (self.died_on is None or day < self.died_on)

    def home_on(self, day: date) -> Place:
        """The address the person lived at on ``day``."""
        if self.moved_on and self.previous_home and day < self.moved_on:
            return self.previous_home
        return self.home


@dataclass
class Incident:
    """A police incident or crime, with the people involved in their roles."""

    ref: str
    at: datetime
    offence: str  # Linkwatch OffenceCategory value
    place: Place
    summary: str
    people: list[tuple[str, str]]  # (person id, role: victim/suspect/witness/reporting_person)
    markers: list[str] = field(default_factory=list)  # RiskMarker values
    domestic: bool = False
    outcome: str = "Under investigation"
    seized_phones: list[str] = field(default_factory=list)


@dataclass
class Death:
    """A death report, with the deceased and the people who found, reported or last saw them."""

    ref: str
    found_at: datetime
    place: Place
    deceased: str
    cause: str  # ApparentCause value
    substances: list[str]
    circumstances: str
    classification: str  # DeathClassification value
    coroner_outcome: str  # CoronerOutcome value
    status: str  # open / closed
    others: list[tuple[str, str]] = field(default_factory=list)  # (person id, DeathRole value)
    property_missing: str | None = None
    placeholders: dict[str, str] = field(default_factory=dict)  # person id -> name written
    dob_missing: bool = False  # the deceased's date of birth was not recorded


@dataclass
class Contact:
    """A partner-agency contact: NHS (A&E, mental health) or local authority."""

    ref: str
    agency: str  # "nhs" or "local_authority"
    kind: str  # ContactType value
    at: datetime
    person: str
    reason: str  # the source's own reason code or text
    outcome: str
    safeguarding: bool = False


@dataclass(frozen=True)
class Association:
    """A tie between two people as police intelligence records it."""

    a: str
    b: str
    kind: str  # AssociationKind value
    since: date
    until: date | None = None


@dataclass
class World:
    """All the truth of one generated data set."""

    start: date
    end: date
    people: list[Person] = field(default_factory=list)
    homes: list[Place] = field(default_factory=list)
    amenities: list[Place] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    deaths: list[Death] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    associations: list[Association] = field(default_factory=list)
    truth: dict[str, object] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    _by_id: dict[str, Person] = field(default_factory=dict)

    def person(self, person_id: str) -> Person:
        """Look a person up by id."""
        if len(self._by_id) != len(self.people):
            self._by_id = {p.id: p for p in self.people}
        return self._by_id[person_id]

    def next_ref(self, kind: str, year: int | None = None) -> str:
        """Return the next reference number for ``kind`` (incident, death report, ...)."""
        key = kind if kind == "AE" else f"{kind}{year or ''}"  # A&E ids run on across years
        self._counters[key] = self._counters.get(key, 0) + 1
        number = self._counters[key]
        formats = {
            "OCC": f"OCC-{year}-{number:06d}",
            "DR": f"DR-{year}-{number:05d}",
            "AE": f"RWP{number:08d}",
            "LA": f"LA/{year}/{number:05d}",
        }
        return formats[kind]

    def random_moment(
        self, rng: random.Random, start: date | None = None, end: date | None = None
    ) -> datetime:
        """A random date and time between ``start`` and ``end`` (default: the whole period)."""
        first, last = start or self.start, end or self.end
        span = max(0, (last - first).days)
        day = first + timedelta(days=rng.randint(0, span))
        hour = rng.choices(
            range(24),
            weights=[3, 2, 2, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 5, 4],
        )[0]
        return datetime(day.year, day.month, day.day, hour, rng.randint(0, 59))

    def places_of_type(self, place_type: str) -> list[Place]:
        """Every amenity of one type."""
        return [p for p in self.amenities if p.place_type == place_type]
