"""Nicknames and short forms of forenames, and the name keys compared through them.

Two forenames are treated as the same name when their keys overlap: "Bob" and "Robert"
share ``robert``, "Steve" and "Steven" share ``steven``. The equivalences come from the
maintained ``nicknames`` package (Old Dominion University's lists of English given names and
their diminutives, about 1,600 names), not from a table of our own: the synthetic generator
draws its nicknames from a different, British table, so linkage is measured on nicknames the
linker was not written from. The package lacks some British forms (Gaz, Daz, Bex, Saz) and
some Polish ones (Kasia); those pairs fall to the spelling and initial levels.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from nicknames import NickNamer

__all__ = ["full_names_of", "name_keys"]


@cache
def _namer() -> NickNamer:
    return NickNamer()


@cache
def full_names_of(name: str) -> frozenset[str]:
    """Return the full forenames a lower-case name is a nickname or short form of.

    Examples
    --------
    >>> sorted(full_names_of("dave"))
    ['david']
    >>> sorted(full_names_of("david"))
    []
    """
    return frozenset(_namer().canonicals_of(name))


def name_keys(names: Iterable[str]) -> list[str]:
    """Return the sorted keys under which lower-case forenames match as the same name.

    A name's keys are the name itself and every full name it is a short form of.

    Parameters
    ----------
    names
        Lower-case forenames (a given name, further given names, known-as names).

    Returns
    -------
    list[str]
        Sorted, without duplicates; two people share a forename when their keys overlap.

    Examples
    --------
    >>> name_keys(["bob"])
    ['bert', 'bob', 'bobby', 'robert']
    >>> sorted(set(name_keys(["steve"])) & set(name_keys(["steven"])))
    ['steven']
    """
    keys: set[str] = set()
    for name in names:
        if name:
            keys.add(name)
            keys.update(full_names_of(name))
    return sorted(keys)
