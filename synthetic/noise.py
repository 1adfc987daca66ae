"""Identity noise: how one person's details come out in one source's record.

Nicknames and short forms, typing errors, a double-barrelled surname recorded by one half,
a date of birth missing or with day and month swapped, and an address that is out of date
after a move. Every change applied is returned so the ground truth can say what was done.

Also noise the linker was not written around: a surname from before a marriage, another
spelling of a transliterated name (Mohammed, Muhammad), two typing errors in one name, a
wrong first letter, forename and surname swapped, and one digit of the date of birth wrong.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from synthetic.config import NoiseRates
from synthetic.geography import Place
from synthetic.names import NICKNAMES, transliteration_variants
from synthetic.world import Person

__all__ = ["RecordedIdentity", "dob_digit_typo", "first_letter_error", "render_identity", "typo"]

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


#: First letters heard or keyed as another (Catherine/Katherine, Jeff/Geoff, Ian/Iain/Eian).
_FIRST_LETTER_SWAPS = {
    "C": "K",
    "K": "C",
    "G": "J",
    "J": "G",
    "I": "Y",
    "Y": "I",
    "S": "C",
    "E": "A",
    "A": "E",
    "F": "P",
    "P": "F",
}


def first_letter_error(rng: random.Random, word: str) -> str:
    """Return ``word`` with its first letter wrong: a sound-alike letter, or a random one.

    Examples
    --------
    >>> first_letter_error(random.Random(3), "Catherine")
    'Katherine'
    """
    first = word[:1].upper()
    if first in _FIRST_LETTER_SWAPS and rng.random() < 0.7:
        return _FIRST_LETTER_SWAPS[first] + word[1:]
    replacement = rng.choice([c for c in _LETTERS.upper() if c != first])
    return replacement + word[1:]


def dob_digit_typo(rng: random.Random, dob: date, latest: date) -> date:
    """Return ``dob`` with one digit changed, still a valid date no later than ``latest``.

    The digit is one of the decade, year, month or day digits of ``YYYY-MM-DD`` (nobody
    keys the century wrong and is believed).

    Examples
    --------
    >>> dob_digit_typo(random.Random(1), date(1985, 3, 7), date(2026, 1, 1)) != date(1985, 3, 7)
    True
    """
    text = dob.isoformat()
    for _ in range(50):
        position = rng.choice((2, 3, 5, 6, 8, 9))
        digit = rng.choice([d for d in "0123456789" if d != text[position]])
        try:
            changed = date.fromisoformat(text[:position] + digit + text[position + 1 :])
        except ValueError:
            continue
        if changed <= latest:
            return changed
    return dob.replace(day=dob.day % 28 + 1)


def _one_of_two(rng: random.Random, given: str, family: str, change) -> tuple[str, str]:
    if rng.random() < 0.5:
        return change(rng, given), family
    return given, change(rng, family)


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
    given, family, dob = person.given, person.family_on(on), person.dob
    if person.former_family and person.renamed_on:
        if family == person.former_family:
            applied.append("surname_change")
        elif rng.random() < rates.former_surname:
            family = person.former_family
            applied.append("surname_change")
    nicknames = NICKNAMES.get(given)
    if nicknames and rng.random() < rates.nickname:
        given = rng.choice(nicknames)
        applied.append("nickname")
    given_variants, family_variants = (
        transliteration_variants(given),
        transliteration_variants(family),
    )
    if (given_variants or family_variants) and rng.random() < rates.transliteration:
        if given_variants and (not family_variants or rng.random() < 0.5):
            given = rng.choice(given_variants)
        else:
            family = rng.choice(family_variants)
        applied.append("transliteration")
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
    if rng.random() < rates.double_typo:
        given, family = _one_of_two(rng, given, family, lambda r, w: typo(r, typo(r, w)))
        applied.append("double_typo")
    if rng.random() < rates.first_letter:
        given, family = _one_of_two(rng, given, family, first_letter_error)
        applied.append("first_letter")
    if rng.random() < rates.name_swap:
        given, family = family, given
        applied.append("name_swap")
    recorded_dob: date | None = dob
    if rng.random() < rates.dob_missing:
        recorded_dob = None
        applied.append("dob_missing")
    else:
        if dob.day <= 12 and dob.day != dob.month and rng.random() < rates.dob_day_month_swap:
            recorded_dob = date(dob.year, dob.day, dob.month)
            applied.append("dob_day_month_swap")
        if rng.random() < rates.dob_digit_typo:
            recorded_dob = dob_digit_typo(rng, recorded_dob, on)
            applied.append("dob_digit_typo")
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
