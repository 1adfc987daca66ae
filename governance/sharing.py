"""Case-conference sharings: which map the police shared with which organisation, and until when.

A partner never chooses the subject of a map. An investigator shares one (a person, death,
incident or place) with one organisation for one named meeting until a date; the partner
then lists what was shared with their organisation and opens a map by the sharing's opaque
id. A sharing that is unknown, revoked, expired or another organisation's is refused with
one and the same :class:`NotShared` error, so a refusal says nothing about what exists; its
``reason`` is for the audit log only. Used by both the API and the command line.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

import neo4j
from pydantic import ValidationError

from graph_model.base import from_neo4j
from graph_model.connection import read
from graph_model.cypher_catalogue import cypher
from graph_model.errors import InvalidInput, NotFound
from graph_model.kinds import SourceSystem
from graph_model.nodes import Sharing

__all__ = [
    "MAX_SHARING_DAYS",
    "NOT_SHARED_MESSAGE",
    "NotShared",
    "SharingStatus",
    "SubjectShared",
    "list_sharings",
    "open_sharing",
    "revoke_sharing",
    "share_map",
    "sharing_status",
    "today_utc",
]

#: The longest a map stays open to a partner: one sharing per meeting, not a standing feed.
MAX_SHARING_DAYS = 92
NOT_SHARED_MESSAGE = "No map has been shared with your organisation under this id."
_ORGANISATION = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")


class SharingStatus(StrEnum):
    """Where a sharing stands on a given day."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class NotShared(NotFound):
    """No open sharing under this id for this organisation (404).

    Unknown, revoked, expired or another organisation's: the message is the same whatever the
    reason; ``reason`` says which, for the audit log only.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(NOT_SHARED_MESSAGE)
        self.reason = reason


@dataclass(frozen=True)
class SubjectShared:
    """A sharing just made, and the kind of its subject (``Person`` for the audit's people)."""

    sharing: Sharing
    subject_kind: str


def today_utc() -> date:
    """Today's date in UTC, the calendar sharings expire by."""
    return datetime.now(UTC).date()


def sharing_status(sharing: Sharing, *, today: date) -> SharingStatus:
    """Revoked, expired (``until`` has passed) or active on ``today``."""
    if sharing.revoked_at is not None:
        return SharingStatus.REVOKED
    if sharing.until < today:
        return SharingStatus.EXPIRED
    return SharingStatus.ACTIVE


def _sharing(properties: dict) -> Sharing:
    return Sharing.from_properties(from_neo4j(properties))


def share_map(
    driver: neo4j.Driver,
    database: str,
    *,
    subject: str,
    meeting: str,
    organisation: str,
    until: date,
    shared_by: str,
    justification: str,
    hops: int = 2,
    today: date | None = None,
) -> SubjectShared:
    """Share the map around ``subject`` with ``organisation`` for ``meeting`` until ``until``.

    The sharing gets a random opaque id and its own random salt, which the pseudonyms are
    derived from.

    Parameters
    ----------
    subject
        A person, death, incident or place id.
    meeting
        The meeting the map is for, e.g. ``MARAC 2026-12-03``.
    organisation
        The partner organisation (as in its users' ``organisation``; ``nhs`` sees health
        contacts).
    until
        The last day the partner can open the map (at most :data:`MAX_SHARING_DAYS` ahead).
    shared_by, justification
        Who shares it, and the case reference it is shared under.
    hops
        How far out from the subject the map reaches (1 or 2).
    today
        The current date (UTC today by default).

    Raises
    ------
    InvalidInput
        For an until date in the past or too far ahead, a badly formed organisation, a
        meeting name of the wrong length, or hops other than 1 or 2.
    NotFound
        If no person, death, incident or place has the subject's id.
    """
    today = today or today_utc()
    if until < today:
        raise InvalidInput(
            f"until {until.isoformat()} is in the past; a sharing must run to today or later.",
            details=[{"field": "until", "reason": "in the past"}],
        )
    if until > today + timedelta(days=MAX_SHARING_DAYS):
        raise InvalidInput(
            f"until {until.isoformat()} is more than {MAX_SHARING_DAYS} days ahead; share the "
            "map again for a later meeting.",
            details=[{"field": "until", "reason": "too far ahead"}],
        )
    if not _ORGANISATION.match(organisation):
        raise InvalidInput(
            f"organisation {organisation!r} is not an organisation name.",
            details=[{"field": "organisation", "reason": "not a name"}],
            hint="Use the organisation of the partner's users: 3-64 lower-case letters, "
            "digits and . _ - @ (e.g. council, nhs).",
        )
    found = read(
        driver, database, cypher("sharing/subject", package="governance"), {"subject": subject}
    )
    if not found:
        raise NotFound(
            f"No person, death, incident or place with id {subject!r}.",
            hint="Ids look like person:..., death:DR-2024-00012 or incident:OCC-2024-000123.",
        )
    identifier = f"sharing:{secrets.token_urlsafe(18)}"
    try:
        sharing = Sharing(
            id=identifier,
            subject=subject,
            meeting=meeting,
            organisation=organisation,
            hops=hops,
            until=until,
            shared_by=shared_by,
            shared_at=datetime.now(UTC),
            justification=justification,
            salt=secrets.token_hex(32),
            source_system=SourceSystem.LINKWATCH,
            source_record_id=identifier,
        )
    except ValidationError as error:
        details = [
            {"field": ".".join(str(p) for p in issue["loc"]), "reason": issue["msg"]}
            for issue in error.errors()
        ]
        raise InvalidInput(
            "The sharing is not valid: "
            + "; ".join(f"{d['field']}: {d['reason']}" for d in details)
            + ".",
            details=details,
        ) from None
    properties = {k: v for k, v in sharing.to_properties().items() if v is not None}
    driver.execute_query(
        cypher("sharing/create", package="governance"),
        {"properties": properties},
        database_=database,
    )
    return SubjectShared(sharing, found[0]["kind"])


def list_sharings(
    driver: neo4j.Driver,
    database: str,
    *,
    organisation: str | None = None,
    active_on: date | None = None,
) -> list[Sharing]:
    """Sharings, newest first: all, or one organisation's.

    With ``active_on``, only those neither revoked nor expired on that day.
    """
    rows = read(
        driver,
        database,
        cypher("sharing/list", package="governance"),
        {"organisation": organisation},
    )
    found = [_sharing(row["sharing"]) for row in rows]
    if active_on is None:
        return found
    return [s for s in found if sharing_status(s, today=active_on) is SharingStatus.ACTIVE]


def open_sharing(
    driver: neo4j.Driver,
    database: str,
    identifier: str,
    *,
    organisation: str | None,
    today: date | None = None,
) -> Sharing:
    """The sharing under ``identifier`` if ``organisation`` may open its map today.

    Parameters
    ----------
    organisation
        The partner's organisation; None for the police themselves (the command line), who
        may open any sharing that is neither revoked nor expired.

    Raises
    ------
    NotShared
        The same error whether the id is unknown, revoked, expired or another
        organisation's; its ``reason`` says which, for the audit log.
    """
    rows = read(driver, database, cypher("sharing/get", package="governance"), {"id": identifier})
    if not rows:
        raise NotShared("unknown")
    sharing = _sharing(rows[0]["sharing"])
    if organisation is not None and sharing.organisation != organisation:
        raise NotShared("another organisation's")
    status = sharing_status(sharing, today=today or today_utc())
    if status is not SharingStatus.ACTIVE:
        raise NotShared(status.value)
    return sharing


def revoke_sharing(
    driver: neo4j.Driver,
    database: str,
    identifier: str,
    *,
    revoked_by: str,
    justification: str,
) -> tuple[Sharing, bool]:
    """Revoke a sharing at once; the node stays, so the audit log still resolves it.

    Returns the sharing and whether this call revoked it (False: it was revoked already, and
    is left as it was, so revoking twice is harmless).

    Raises
    ------
    NotFound
        If there is no such sharing.
    """
    rows = driver.execute_query(
        cypher("sharing/revoke", package="governance"),
        {
            "id": identifier,
            "revoked_by": revoked_by,
            "revoked_at": datetime.now(UTC),
            "justification": justification,
        },
        database_=database,
    ).records
    if rows:
        return _sharing(rows[0]["sharing"]), True
    found = read(driver, database, cypher("sharing/get", package="governance"), {"id": identifier})
    if not found:
        raise NotFound(f"No sharing {identifier!r}; see `linkwatch share list`.")
    return _sharing(found[0]["sharing"]), False
