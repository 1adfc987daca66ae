"""Identity noise: how one person's details come out in one source's record.

Nicknames and short forms, typing errors, a double-barrelled surname recorded by one half,
a date of birth missing or with day and month swapped, and an address that is out of date
after a move. Every change applied is returned so the ground truth can say what was done.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from synthetic.config import NoiseRates
from synthetic.geography import Place
from synthetic.names import NICKNAMES
from synthetic.world import Person

__all__ = ["RecordedIdentity", "render_identity", "typo"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class RecordedIdentity:
    """A person as one record shows them."""

    given: str
    family: str
    dob: date | None
    sex: str
    home: Place
    applied: list[str] = field(default_factory=list)


def typo(rng: random.Random, word: str) -> str:
    """Return ``word`` with one typing error (swap, substitution, deletion or doubling).

    Examples
    --------
    >>> typo(random.Random(1), "Smith") != "Smith"
    True
    """
    if len(word) < 3:
        return word + rng.choice(_LETTERS)
    for _ in range(10):
        position = rng.randint(1, len(word) - 2)
        kind = rng.randint(0, 3)
        if kind == 0:
            changed = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
        elif kind == 1:
            changed = word[:position] + rng.choice(_LETTERS) + word[position + 1 :]
        elif kind == 2:
            changed = word[:position] + word[position + 1 :]
        else:
            changed = word[:position] + word[position] + word[position:]
        if changed != word:
            return changed
    return word + "e"


def render_identity(
    rng: random.Random, person: Person, rates: NoiseRates, on: date
) -> RecordedIdentity:
    """Render ``person`` as a record made on ``on`` would show them, with ``rates`` of noise.

    Parameters
    ----------
    rng
        Seeded random source.
    person
        The true person.
    rates
        This source's noise probabilities.
    on
        When the record was made (decides the true address at that time).

    Returns
    -------
    RecordedIdentity
        The recorded details and the list of noise kinds applied.
    """
    applied: list[str] = []
    given, family, dob = person.given, person.family, person.dob
    nicknames = NICKNAMES.get(given)
    if nicknames and rng.random() < rates.nickname:
        given = rng.choice(nicknames)
        applied.append("nickname")
    if rng.random() < rates.forename_typo:
        given = typo(rng, given)
        applied.append("forename_typo")
    if "-" in family and rng.random() < rates.hyphen_variant:
        first, second = family.split("-", 1)
        family = rng.choice((first, second, f"{first} {second}"))
        applied.append("hyphen_variant")
    if rng.random() < rates.surname_typo:
        family = typo(rng, family)
        applied.append("surname_typo")
    recorded_dob: date | None = dob
    if rng.random() < rates.dob_missing:
        recorded_dob = None
        applied.append("dob_missing")
    elif dob.day <= 12 and dob.day != dob.month and rng.random() < rates.dob_day_month_swap:
        recorded_dob = date(dob.year, dob.day, dob.month)
        applied.append("dob_day_month_swap")
    home = person.home_on(on)
    if (
        person.moved_on
        and on >= person.moved_on
        and person.previous_home
        and rng.random() < rates.stale_address
    ):
        home = person.previous_home
        applied.append("stale_address")
    return RecordedIdentity(given, family, recorded_dob, person.sex, home, applied)
