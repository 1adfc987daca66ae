"""Small lookups about people used to label analysis output."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import neo4j

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound

__all__ = [
    "PersonIdentity",
    "fuzzy_name_query",
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

    Returns what the search matched on and the people, best first. A date of birth given with
    a name or identifier narrows that search.

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
    elif date_of_birth:
        matched_on, name_of_query = "date_of_birth", "people/search_birth"
    else:
        raise InvalidInput("give a name, an identifier or a date of birth to search for.")
    rows = read(driver, database, cypher(name_of_query, package="queries"), parameters)
    return matched_on, [
        {**from_neo4j(row.data()), "aliases": row["aliases"] or [], "score": float(row["score"])}
        for row in rows
    ]


def person_profile(driver: neo4j.Driver, database: str, person: str) -> dict[str, Any]:
    """A person's identity fields, source records, role counts and ties (up to 100).

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
    return profile
