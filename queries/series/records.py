"""The death records the series analysis works on, built from query rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graph_model.base import from_neo4j

__all__ = ["DeathRecord", "death_from_row"]

#: Roles in which a living person is named on a death report.
ROLES = ("found_by", "reported_by", "last_seen_with", "suspect", "witness")


@dataclass(frozen=True)
class DeathRecord:
    """One death report and everything that can link it to another."""

    id: str
    date_found: date
    cause: str | None = None
    substances: tuple[str, ...] = ()
    classification: str | None = None
    place: str | None = None
    place_type: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    deceased: str | None = None
    sex: str | None = None
    date_of_birth: date | None = None
    roles: tuple[tuple[str, str], ...] = ()  # (person id, role)
    objects: tuple[str, ...] = ()
    recovered_in: tuple[str, ...] = ()  # incidents in which its missing objects turned up
    found_at: datetime | None = None  # local UK time, when the report recorded one

    @property
    def age(self) -> int | None:
        """Age at death in whole years, when the date of birth is known."""
        if self.date_of_birth is None:
            return None
        born, died = self.date_of_birth, self.date_found
        return died.year - born.year - ((died.month, died.day) < (born.month, born.day))

    @property
    def people(self) -> set[str]:
        """Everyone named on the report except the deceased."""
        return {person for person, _ in self.roles}


def death_from_row(row: Mapping[str, Any]) -> DeathRecord:
    """Build a :class:`DeathRecord` from a ``series/deaths`` query row (or an equal dict)."""
    return DeathRecord(
        id=row["id"],
        date_found=from_neo4j(row["date_found"]),
        found_at=from_neo4j(row.get("found_at")),
        cause=row.get("cause"),
        substances=tuple(sorted(s.strip().lower() for s in row.get("substances") or [] if s)),
        classification=row.get("classification"),
        place=row.get("place"),
        place_type=row.get("place_type"),
        address=row.get("address"),
        latitude=row.get("latitude"),
        longitude=row.get("longitude"),
        deceased=row.get("deceased"),
        sex=row.get("sex"),
        date_of_birth=from_neo4j(row.get("date_of_birth")),
        roles=tuple(sorted((r["person"], r["role"]) for r in row.get("roles") or [])),
        objects=tuple(sorted(row.get("objects") or [])),
        recovered_in=tuple(sorted(row.get("recovered_in") or [])),
    )
