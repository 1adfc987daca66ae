"""Small lookups about people used to label analysis output."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import jellyfish
import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound

__all__ = [
    "NAME_CANDIDATES",
    "PersonIdentity",
    "fuzzy_name_query",
    "identifier_list",
    "name_match",
    "people_described_by",
    "people_mentioned",
    "person_labels",
    "person_profile",
    "resolve_person",
    "search_people",
]


@dataclass(frozen=True)
class PersonIdentity:
    """Which person an id names now.

    Parameters
    ----------
    id
        The person's current id (the one asked for, unless it was merged away).
    moved_from
        The id asked for, when a merge made it an alias of ``id``; else None.
    merged_at, change
        When, and by which recorded identity change, it moved.
    ids
        The current id and every id the person had before merges.
    """

    id: str
    moved_from: str | None
    merged_at: datetime | None
    change: str | None
    ids: list[str]


def resolve_person(driver: neo4j.Driver, database: str, identifier: str) -> PersonIdentity:
    """Follow a person id through merges to the person it names now.

    Ids that are not a person's (deaths, places) come back unchanged.
    """
    row = read(
        driver, database, cypher("people/resolve_identity", package="queries"), {"id": identifier}
    )[0]
    current = str(row["current"])
    merged_at = from_neo4j(row["merged_at"])
    return PersonIdentity(
        id=current,
        moved_from=identifier if row["moved"] else None,
        merged_at=merged_at,
        change=row["change"],
        ids=[current, *sorted(row["aliases"])],
    )


def person_labels(driver: neo4j.Driver, database: str, ids: Iterable[str]) -> dict[str, str]:
    """Person id -> "Name (born YYYY-MM-DD)" for display; unknown ids are left out."""
    records = read(
        driver,
        database,
        cypher("people/names", package="queries"),
        {"ids": sorted(set(ids))},
    )
    labels = {}
    for record in records:
        born = record["date_of_birth"]
        labels[record["id"]] = f"{record['name'] or '(no name)'}" + (
            f" (born {born})" if born else ""
        )
    return labels


def people_mentioned(driver: neo4j.Driver, database: str, value: Any) -> list[str]:
    """The person ids found anywhere in ``value`` (nested dicts, lists, strings), sorted.

    This is how the audit log names whom a document (or a request's parameters) is about:
    every string in it that is the id of a Person.

    Parameters
    ----------
    driver, database
        Where the people are.
    value
        A JSON-like value, e.g. ``document.model_dump(mode="json")``.

    Returns
    -------
    list of str
        The ids that are people; unknown ids and other strings are left out.
    """
    candidates = set(_strings(value))
    return sorted(person_labels(driver, database, candidates)) if candidates else []


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)


def people_described_by(driver: neo4j.Driver, database: str, records: Iterable[str]) -> list[str]:
    """The ids of the people the source records (by ``SourceRecord.id``) describe, sorted."""
    rows = read(
        driver,
        database,
        cypher("people/described_by", package="queries"),
        {"records": sorted(set(records))},
    )
    return [row["id"] for row in rows]


_NAME_TERM = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def fuzzy_name_query(text: str) -> str:
    """A Lucene query matching every word of ``text`` with small misspellings.

    Only letters (and inner apostrophes) survive, so no Lucene operator or quote can reach
    the index from user text.

    Raises
    ------
    InvalidInput
        When the text has no word of two letters or more.

    Examples
    --------
    >>> fuzzy_name_query("O'Brien  jon* li")
    "o'brien~2 AND jon~1 AND li"
    """
    terms = [t.lower() for t in _NAME_TERM.findall(text) if len(t) >= 2][:6]
    if not terms:
        raise InvalidInput(f"{text!r} has no name to search for (two letters or more).")
    return " AND ".join(_fuzzy(term) for term in terms)


def _fuzzy(term: str) -> str:
    """Two letters must match exactly; up to five may differ by one; longer by two."""
    if len(term) <= 2:
        return term
    return f"{term}~{1 if len(term) <= 5 else 2}"


#: How many full-text matches a name search ranks before it keeps ``limit``: Lucene scores a
#: fuzzy term by how rare it is, so an exact surname can come far below a rarer near-miss.
NAME_CANDIDATES = 500

#: How a name matched, best first: each word of the query is a word of the name; each word
#: sounds like one (Metaphone); or the full-text index matched it with small misspellings.
MATCH_RANK = {"exact": 0, "phonetic": 1, "fuzzy": 2}


def _words(text: str) -> list[str]:
    return [t.lower() for t in _NAME_TERM.findall(text) if len(t) >= 2]


def name_match(query: str, names: Iterable[str | None]) -> str:
    """How the words of ``query`` match a person's names: exact, phonetic or fuzzy.

    Parameters
    ----------
    query
        The searched text.
    names
        The person's given names, family name and aliases (None ignored).

    Returns
    -------
    str
        ``"exact"`` when every word of the query is one of the names' words (case ignored),
        ``"phonetic"`` when every word sounds like one (the same Metaphone code), else
        ``"fuzzy"``.

    Examples
    --------
    >>> name_match("cox", ["Martha", "Fox"]), name_match("Cox", ["Ann", "COX"])
    ('fuzzy', 'exact')
    >>> name_match("Anne Cocks", ["Anne", "Cox"])
    'phonetic'
    """
    asked = _words(query)
    words = {word for name in names if name for word in _words(name)}
    if asked and all(word in words for word in asked):
        return "exact"
    sounds = {jellyfish.metaphone(word) for word in words}
    if asked and all(jellyfish.metaphone(word) in sounds for word in asked):
        return "phonetic"
    return "fuzzy"


def search_people(
    driver: neo4j.Driver,
    database: str,
    *,
    name: str | None = None,
    date_of_birth: date | None = None,
    identifier: str | None = None,
    limit: int = 20,
) -> tuple[str, list[dict[str, Any]]]:
    """Find people by name (fuzzy, aliases included), identifier or date of birth.

    Returns what the search matched on and the people, best first. A name search ranks
    people whose names hold every word searched for first (``match`` ``exact``), then those
    whose names sound the same (``phonetic``), then the full-text index's other matches
    (``fuzzy``), each group by score. An identifier or date of birth matches exactly. A date
    of birth given with a name or identifier narrows that search.

    Raises
    ------
    InvalidInput
        With no criterion, or a limit outside 1-100.
    """
    if not 1 <= limit <= 100:
        raise InvalidInput(f"limit must be between 1 and 100, not {limit}.")
    parameters: dict[str, Any] = {"date_of_birth": date_of_birth, "limit": limit}
    if identifier:
        matched_on, name_of_query = "identifier", "people/search_identifier"
        parameters["identifier"] = identifier.strip().replace(" ", "")
    elif name:
        matched_on, name_of_query = "name", "people/search_name"
        parameters["query"] = fuzzy_name_query(name)
        parameters["limit"] = NAME_CANDIDATES
    elif date_of_birth:
        matched_on, name_of_query = "date_of_birth", "people/search_birth"
    else:
        raise InvalidInput("give a name, an identifier or a date of birth to search for.")
    rows = read(driver, database, cypher(name_of_query, package="queries"), parameters)
    people = [
        {
            **from_neo4j(row.data()),
            "aliases": row["aliases"] or [],
            "score": float(row["score"]),
            "match": "exact"
            if matched_on != "name"
            else name_match(
                name or "", [row["given_names"], row["family_name"], *(row["aliases"] or [])]
            ),
        }
        for row in rows
    ]
    people.sort(key=lambda person: (MATCH_RANK[person["match"]], -person["score"], person["id"]))
    return matched_on, people[:limit]


def person_profile(
    driver: neo4j.Driver, database: str, person: str, *, identifiers: bool = True
) -> dict[str, Any]:
    """A person's identity fields, identifiers, source records, role counts and ties (100).

    Parameters
    ----------
    person
        The person's id.
    identifiers
        Whether the caller may see the person's identifiers (NHS number, PNC id and those
        kept as recorded, e.g. POLE's ``pole_nhs_no``). When False they are left out
        (``None``) and ``identifiers_withheld`` says so.

    Returns
    -------
    dict
        The profile; ``identifiers`` lists every identifier as ``scheme`` and ``value``.

    Raises
    ------
    NotFound
        If no person has that id.
    """
    rows = read(driver, database, cypher("people/profile", package="queries"), {"id": person})
    if not rows:
        raise NotFound(f"No person with id {person!r}.")
    profile = from_neo4j(rows[0].data())
    profile["aliases"] = profile["aliases"] or []
    profile["sources"] = [s for s in profile["sources"] if s["record"]]
    recorded = profile.pop("recorded_identifiers")
    if identifiers:
        profile["identifiers"] = identifier_list(profile["nhs_number"], profile["pnc_id"], recorded)
    else:
        profile.update(nhs_number=None, pnc_id=None, identifiers=None)
    profile["identifiers_withheld"] = not identifiers
    return profile


def identifier_list(
    nhs_number: str | None, pnc_id: str | None, recorded: Iterable[str]
) -> list[dict[str, str]]:
    """Every identifier of a person as ``scheme`` and ``value``, validated ones first.

    Examples
    --------
    >>> found = identifier_list("9434765919", None, ["pole_nhs_no:804-54-6976"])
    >>> [(entry["scheme"], entry["value"]) for entry in found]
    [('nhs_number', '9434765919'), ('pole_nhs_no', '804-54-6976')]
    """
    found = [
        {"scheme": scheme, "value": value}
        for scheme, value in (("nhs_number", nhs_number), ("pnc_id", pnc_id))
        if value
    ]
    for entry in recorded:
        scheme, _, value = entry.partition(":")
        found.append(
            {"scheme": scheme, "value": value} if value else {"scheme": "recorded", "value": scheme}
        )
    return found
