"""People and households: names, dates of birth, NHS numbers, addresses, moves, look-alikes."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

from synthetic.geography import Place
from synthetic.names import FEMALE_GIVEN, MALE_GIVEN, SURNAMES
from synthetic.world import Person, World

__all__ = ["WeightedNames", "build_population", "plant_look_alikes", "valid_nhs_number"]

MOVE_RATE = 0.15
PHONE_RATE = 0.35
HYPHENATED_CHILDREN = 0.08


class WeightedNames:
    """Draws names by frequency weight quickly (cumulative weights, bisect)."""

    def __init__(self, weighted: tuple[tuple[str, int], ...]) -> None:
        self.names = [name for name, _ in weighted]
        self.cumulative = list(accumulate(weight for _, weight in weighted))

    def draw(self, rng: random.Random) -> str:
        """Return one name."""
        return rng.choices(self.names, cum_weights=self.cumulative)[0]


def valid_nhs_number(rng: random.Random, taken: set[str]) -> str:
    """Return a new random 10-digit NHS number with a valid mod-11 check digit."""
    while True:
        stem = str(rng.randint(400_000_000, 799_999_999))
        total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check == 10:
            continue
        number = stem + str(check)
        if number not in taken:
            taken.add(number)
            return number


def _adult_dob(rng: random.Random, end: date, low: int = 18, high: int = 92) -> date:
    # More people in middle age than at the extremes.
    age = min(high, max(low, int(rng.triangular(low, high, 42))))
    return end - timedelta(days=age * 365 + rng.randint(0, 364))


def _child_dob(rng: random.Random, end: date, parent_dob: date) -> date:
    earliest = max(parent_dob + timedelta(days=18 * 365), end - timedelta(days=17 * 365))
    span = (end - timedelta(days=30) - earliest).days
    if span <= 0:
        return end - timedelta(days=rng.randint(365, 17 * 365))
    return earliest + timedelta(days=rng.randint(0, span))


def _phone(rng: random.Random) -> str:
    return f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"


def build_population(
    rng: random.Random, world: World, size: int, *, married_in_period: float = 0.0
) -> None:
    """Fill ``world.people`` with ``size`` people living in households at ``world.homes``.

    Household shapes follow the census (about 2.4 people per household): single adults,
    couples, couples or single parents with children, and shared houses. Partners usually
    share a surname; some children have a double-barrelled one. About 15% moved home in the
    period, and about a third have a mobile number on record. Of women sharing a partner's
    surname, ``married_in_period`` took it in the period: before the day they went by another.
    """
    males, females, surnames = (
        WeightedNames(MALE_GIVEN),
        WeightedNames(FEMALE_GIVEN),
        WeightedNames(SURNAMES),
    )
    taken_nhs: set[str] = set()
    homes = list(world.homes)
    rng.shuffle(homes)
    household = 0
    wives: list[Person] = []

    def add(given_sex: str, family: str, dob: date, home: Place) -> Person:
        given = (males if given_sex == "M" else females).draw(rng)
        person = Person(
            id=f"P{len(world.people) + 1:07d}",
            given=given,
            family=family,
            sex=given_sex,
            dob=dob,
            nhs_number=valid_nhs_number(rng, taken_nhs),
            home=home,
            phone=_phone(rng) if rng.random() < PHONE_RATE else None,
            household=household,
        )
        world.people.append(person)
        return person

    while len(world.people) < size:
        home = homes[household % len(homes)]
        household += 1
        shape = rng.random()
        first_sex = rng.choice("MF")
        family = surnames.draw(rng)
        first = add(first_sex, family, _adult_dob(rng, world.end), home)
        if shape < 0.30 or len(world.people) >= size:
            continue  # single adult
        if shape < 0.90:  # couple, perhaps with children
            partner_family = family if rng.random() < 0.7 else surnames.draw(rng)
            other_sex = "F" if first_sex == "M" else "M"
            near = max(18, first.age_on(world.end) + rng.randint(-6, 6))
            partner = add(
                other_sex, partner_family, _adult_dob(rng, world.end, near, near + 1), home
            )
            if partner_family == family:
                wives.append(first if first_sex == "F" else partner)
            if shape >= 0.55:
                mother, father = (partner, first) if first_sex == "M" else (first, partner)
                for _ in range(rng.choice((1, 1, 2, 2, 3))):
                    if len(world.people) >= size:
                        break
                    child_family = father.family
                    if mother.family != father.family and rng.random() < HYPHENATED_CHILDREN * 4:
                        child_family = f"{father.family}-{mother.family}"
                    add(
                        rng.choice("MF"), child_family, _child_dob(rng, world.end, mother.dob), home
                    )
        else:  # shared house of unrelated adults
            for _ in range(rng.randint(1, 3)):
                if len(world.people) >= size:
                    break
                add(rng.choice("MF"), surnames.draw(rng), _adult_dob(rng, world.end, 18, 45), home)

    span = (world.end - world.start).days
    for person in world.people:
        if rng.random() < MOVE_RATE:
            person.previous_home = person.home
            person.home = rng.choice(world.homes)
            person.moved_on = world.start + timedelta(days=rng.randint(30, span - 30))
    for wife in wives:
        if rng.random() < married_in_period:
            former = surnames.draw(rng)
            while former == wife.family:
                former = surnames.draw(rng)
            wife.former_family = former
            wife.renamed_on = world.start + timedelta(days=rng.randint(30, span - 30))


def plant_look_alikes(rng: random.Random, world: World, pairs: int) -> list[list[str]]:
    """Make distinct people who look alike: same common name, same birth year.

    Returns
    -------
    list[list[str]]
        The pairs of person ids (recorded in the ground truth).
    """
    common = {"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson"}
    adults = [p for p in world.people if p.family in common and p.age_on(world.end) >= 18]
    others = [p for p in world.people if p.age_on(world.end) >= 18 and p.family not in common]
    made: list[list[str]] = []
    for original in rng.sample(adults, min(pairs, len(adults))):
        twin = rng.choice(others)
        others.remove(twin)
        twin.given, twin.family, twin.sex = original.given, original.family, original.sex
        twin.former_family, twin.renamed_on = original.former_family, original.renamed_on
        day = rng.randint(0, 364)
        twin.dob = date(original.dob.year, 1, 1) + timedelta(days=day)
        if twin.dob == original.dob:
            twin.dob += timedelta(days=17)
        made.append([original.id, twin.id])
    return made
