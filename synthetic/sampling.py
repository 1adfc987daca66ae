"""Drawing people for events: alive on the day, of the right age and sex, by propensity."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from itertools import accumulate

from synthetic.world import Person, World

__all__ = ["PeoplePicker"]


class PeoplePicker:
    """Indexes a world's people for fast, repeatable draws.

    Parameters
    ----------
    world
        The world whose people to draw from.
    rng
        Seeded random source; propensities are drawn from it once.
    """

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.adults = [p for p in world.people if p.age_on(world.start) >= 16]
        self.households: dict[int, list[Person]] = defaultdict(list)
        for person in world.people:
            self.households[person.household].append(person)
        # Heavy-tailed propensities: most people are never involved, a few often are, so repeat
        # victims and repeat offenders emerge as they do in recorded crime.
        self.offending = [self._propensity(p, offender=True) for p in self.adults]
        self.victimisation = [self._propensity(p, offender=False) for p in self.adults]
        self._offending_cum = list(accumulate(self.offending))
        self._victim_cum = list(accumulate(self.victimisation))
        self.used: set[str] = set()  # people reserved by planted patterns

    def _propensity(self, person: Person, *, offender: bool) -> float:
        age = person.age_on(self.world.start)
        base = self.rng.lognormvariate(0, 1.4)
        if offender:
            factor = 3.0 if person.sex == "M" else 1.0
            factor *= 2.5 if 16 <= age <= 35 else (1.0 if age <= 55 else 0.2)
        else:
            factor = 1.5 if 16 <= age <= 40 else 0.8
        return base * factor

    def alive(
        self,
        day: date,
        pool: list[Person] | None = None,
        where: Callable[[Person], bool] | None = None,
        *,
        reserve: bool = False,
    ) -> Person:
        """Draw uniformly from ``pool`` someone alive on ``day`` (and matching ``where``)."""
        candidates = pool if pool is not None else self.adults
        for _ in range(200):
            person = self.rng.choice(candidates)
            if (
                person.alive_on(day)
                and person.id not in self.used
                and (where is None or where(person))
            ):
                if reserve:
                    self.used.add(person.id)
                return person
        for person in candidates:  # exhaustive fallback, in a fixed order
            if (
                person.alive_on(day)
                and person.id not in self.used
                and (where is None or where(person))
            ):
                if reserve:
                    self.used.add(person.id)
                return person
        raise ValueError("no eligible person: the population is too small for this pattern")

    def first_eligible(
        self, day: date, *conditions: Callable[[Person], bool], reserve: bool = False
    ) -> Person:
        """Draw someone alive on ``day`` meeting the first satisfiable of ``conditions``.

        Conditions go from strictest to loosest; if none can be met, any unreserved adult
        alive on the day is drawn. Small populations thus still get every planted pattern.
        """
        for condition in conditions:
            try:
                return self.alive(day, where=condition, reserve=reserve)
            except ValueError:
                continue
        return self.alive(day, reserve=reserve)

    def by_propensity(self, day: date, *, offender: bool) -> Person:
        """Draw an adult alive on ``day``, weighted by offending or victimisation propensity."""
        cumulative = self._offending_cum if offender else self._victim_cum
        for _ in range(50):
            person = self.rng.choices(self.adults, cum_weights=cumulative)[0]
            if person.alive_on(day) and person.id not in self.used:
                return person
        return self.alive(day)

    def household_of(self, person: Person, day: date) -> list[Person]:
        """Other members of the person's household alive on ``day``."""
        return [
            p for p in self.households[person.household] if p.id != person.id and p.alive_on(day)
        ]
