"""Telling a person's name from a role or description written where a name should be.

Extracts put placeholders in name columns: "Anonymous male caller (999)", "Unnamed male
(20s)", "Council park warden", "Member of public". Splitting such text into forename and
surname invents a person ("Council park" "warden"), so a name is refused when:

- it holds a digit, a bracket or other character no name has (letters, spaces, hyphens,
  apostrophes, full stops and one comma are allowed);
- in mixed-case text, a word after the first starts lower-case and is not a surname particle
  (van, de, al...): "Council park warden", "Dog walker", "Member of public";
- a word is one that describes a role or an unknown person rather than naming one
  (:data:`NOT_NAME_WORDS`: anonymous, unnamed, caller, council, officer, warden...), which
  also catches the same text written in capitals.

Common surnames that are also words (Walker, Porter, Mason, Driver) are *not* in the list:
"John Walker" is a name.
"""

from __future__ import annotations

import re

__all__ = ["NOT_NAME_WORDS", "not_a_name_because"]

#: Words that describe a role, a body or an unknown person; no one is named by them.
NOT_NAME_WORDS = frozenset(
    {
        "anonymous",
        "unnamed",
        "unknown",
        "unidentified",
        "caller",
        "council",
        "officer",
        "constable",
        "sergeant",
        "paramedic",
        "ambulance",
        "staff",
        "member",
        "public",
        "security",
        "neighbour",
        "passer-by",
        "passerby",
        "resident",
        "tenant",
        "landlord",
        "manager",
        "employee",
        "caretaker",
        "warden",
        "witness",
        "victim",
        "suspect",
        "male",
        "female",
        "n/a",
        "none",
        "not",
        "known",
        "withheld",
        "redacted",
    }
)
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "la", "le", "bin",
     "bint", "binti", "al", "el", "ap", "ter", "ten", "y", "dos", "das"}
)  # fmt: skip
_NAME_CHARACTERS = re.compile(r"^[^\W\d_]+(?:[ '\u2019.,-]+[^\W\d_]*)*$")


def not_a_name_because(text: str) -> str | None:
    """Why ``text`` is not a person's name, or None if it may be one.

    Parameters
    ----------
    text
        A full name as a source wrote it ("SMITH, John", "Mary Ann Jones").

    Returns
    -------
    str or None
        A short reason, quoting what gave it away.

    Examples
    --------
    >>> not_a_name_because("Council park warden")
    "'council' describes a role or an unknown person"
    >>> not_a_name_because("Dog walker")
    "'walker' is written in lower case, as a description is, not a name"
    >>> not_a_name_because("Anonymous male caller (999)")
    "it holds '(', which no name has"
    >>> not_a_name_because("ANONYMOUS CALLER")
    "'anonymous' describes a role or an unknown person"
    >>> [not_a_name_because(n) for n in ("SMITH, John", "Ludwig van Beethoven", "O'Neil")]
    [None, None, None]
    """
    clean = " ".join(text.split())
    if not clean:
        return None
    if not _NAME_CHARACTERS.match(clean) or clean.count(",") > 1:
        odd = next(
            (c for c in clean if not (c.isalpha() or c in " '\u2019.-")),
            ",",
        )
        return f"it holds {odd!r}, which no name has"
    words = [word for word in re.split(r"[ ,]+", clean) if word]
    for word in words:
        if word.casefold().strip(".") in NOT_NAME_WORDS:
            return f"{word.casefold()!r} describes a role or an unknown person"
    mixed = clean != clean.upper() and clean != clean.lower()
    if mixed:
        for word in words[1:]:
            if word[0].islower() and word.casefold() not in _PARTICLES:
                return f"{word!r} is written in lower case, as a description is, not a name"
    return None
