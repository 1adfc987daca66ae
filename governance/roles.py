"""Roles and what each may do: the one place the access matrix is written down."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ROLE_CAPABILITIES", "Capability", "Role", "allowed"]


class Role(StrEnum):
    """The roles an API user can hold."""

    ANALYST = "analyst"  # everything read-only, and the analyses
    INVESTIGATOR = "investigator"  # search, profiles, networks, paths; shares maps
    PARTNER = "partner"  # maps shared with their organisation only: pseudonymised
    ADMIN = "admin"  # users, the audit log, record-linkage decisions


class Capability(StrEnum):
    """Things an endpoint lets a user do."""

    SEARCH_PEOPLE = "search_people"
    VIEW_PROFILE = "view_profile"
    VIEW_IDENTIFIERS = "view_identifiers"  # NHS numbers, PNC ids, recorded ids in a profile
    VIEW_EVENTS = "view_events"  # deaths, incidents, places
    EXPLORE_NETWORK = "explore_network"  # ego networks, paths, common associates, timelines
    RUN_ANALYSES = "run_analyses"  # series, exposure, networks, precursors, at-risk dyads
    CASE_CONFERENCE = "case_conference"  # open maps shared with one's organisation
    SHARE_MAPS = "share_maps"  # share (and revoke) case-conference maps with partners
    VIEW_INGEST = "view_ingest"  # load runs and the review queue
    DECIDE_LINKS = "decide_links"  # accept or reject a record-linkage review
    READ_AUDIT = "read_audit"
    VIEW_REVIEWS = "view_reviews"  # rapid reviews, their packs and actions
    MANAGE_REVIEWS = "manage_reviews"  # open reviews (a write: investigators run reviews)


ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ANALYST: frozenset(
        {
            Capability.SEARCH_PEOPLE,
            Capability.VIEW_PROFILE,
            Capability.VIEW_IDENTIFIERS,
            Capability.VIEW_EVENTS,
            Capability.EXPLORE_NETWORK,
            Capability.RUN_ANALYSES,
            Capability.VIEW_INGEST,
            Capability.VIEW_REVIEWS,
        }
    ),
    Role.INVESTIGATOR: frozenset(
        {
            Capability.SEARCH_PEOPLE,
            Capability.VIEW_PROFILE,
            Capability.VIEW_IDENTIFIERS,
            Capability.VIEW_EVENTS,
            Capability.EXPLORE_NETWORK,
            Capability.VIEW_REVIEWS,
            Capability.MANAGE_REVIEWS,
            Capability.SHARE_MAPS,
        }
    ),
    Role.PARTNER: frozenset({Capability.CASE_CONFERENCE}),
    Role.ADMIN: frozenset(
        {
            Capability.VIEW_INGEST,
            Capability.DECIDE_LINKS,
            Capability.READ_AUDIT,
        }
    ),
}


def allowed(role: Role, capability: Capability) -> bool:
    """Whether ``role`` has ``capability``.

    Examples
    --------
    >>> allowed(Role.PARTNER, Capability.SEARCH_PEOPLE)
    False
    """
    return capability in ROLE_CAPABILITIES[role]
