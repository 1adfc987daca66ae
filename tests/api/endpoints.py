"""Every /api/v1 endpoint with a concrete request, the capability it needs, and whether it
returns personal data (so needs a justification and is audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from governance.roles import Capability
from tests.api.conftest import Subjects


@dataclass(frozen=True)
class Endpoint:
    route: str  # the path template FastAPI knows it by
    method: str
    url: str
    capability: Capability | None  # None: any authenticated user
    personal: bool
    body: dict | None = None


def endpoints(s: Subjects) -> list[Endpoint]:
    victim, homicide = quote(s.victim, safe=":"), quote(s.homicide, safe=":")
    review = quote(f"review:{s.record_a}|{s.record_b}", safe=":")
    return [
        Endpoint("/api/v1/me", "GET", "/api/v1/me", None, False),
        Endpoint(
            "/api/v1/people", "GET", "/api/v1/people?name=smith", Capability.SEARCH_PEOPLE, True
        ),
        Endpoint(
            "/api/v1/people/{person_id}",
            "GET",
            f"/api/v1/people/{victim}",
            Capability.VIEW_PROFILE,
            True,
        ),
        Endpoint(
            "/api/v1/people/{person_id}/timeline",
            "GET",
            f"/api/v1/people/{victim}/timeline",
            Capability.VIEW_PROFILE,
            True,
        ),
        Endpoint("/api/v1/deaths", "GET", "/api/v1/deaths?limit=5", Capability.VIEW_EVENTS, True),
        Endpoint(
            "/api/v1/incidents", "GET", "/api/v1/incidents?limit=5", Capability.VIEW_EVENTS, True
        ),
        Endpoint(
            "/api/v1/network/ego/{entity_id}",
            "GET",
            f"/api/v1/network/ego/{victim}?hops=2",
            Capability.EXPLORE_NETWORK,
            True,
        ),
        Endpoint(
            "/api/v1/network/paths",
            "GET",
            f"/api/v1/network/paths?a={victim}&b={quote(s.perpetrator, safe=':')}",
            Capability.EXPLORE_NETWORK,
            True,
        ),
        Endpoint(
            "/api/v1/network/common",
            "GET",
            f"/api/v1/network/common?a={victim}&b={quote(s.perpetrator, safe=':')}",
            Capability.EXPLORE_NETWORK,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/series",
            "GET",
            "/api/v1/analyses/series?limit=3",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/exposure",
            "GET",
            f"/api/v1/analyses/exposure?as_of={s.end}&limit=5",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/networks",
            "GET",
            f"/api/v1/analyses/networks?from={s.start}&to={s.end}&limit=5",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/family",
            "GET",
            f"/api/v1/analyses/family?person={victim}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/family-friends",
            "GET",
            "/api/v1/analyses/family-friends?limit=5",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/triangles",
            "GET",
            "/api/v1/analyses/triangles?limit=5",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/precursors/{event_id}",
            "GET",
            f"/api/v1/analyses/precursors/{homicide}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/analyses/at-risk-dyads",
            "GET",
            f"/api/v1/analyses/at-risk-dyads?as_of={s.end}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/case-conference/sharings",
            "POST",
            "/api/v1/case-conference/sharings",
            Capability.SHARE_MAPS,
            True,
            {
                "subject": s.victim,
                "meeting": "MARAC 2026-12-03",
                "organisation": "council",
                "until": (date.today() + timedelta(days=7)).isoformat(),
            },
        ),
        Endpoint(
            "/api/v1/case-conference/sharings",
            "GET",
            "/api/v1/case-conference/sharings",
            Capability.SHARE_MAPS,
            True,
        ),
        Endpoint(
            "/api/v1/case-conference/sharings/{sharing_id}/revoke",
            "POST",
            f"/api/v1/case-conference/sharings/{s.revocable}/revoke",
            Capability.SHARE_MAPS,
            True,
        ),
        Endpoint(
            "/api/v1/case-conference/shared",
            "GET",
            "/api/v1/case-conference/shared",
            Capability.CASE_CONFERENCE,
            True,
        ),
        Endpoint(
            "/api/v1/case-conference/map/{sharing_id}",
            "GET",
            f"/api/v1/case-conference/map/{s.sharing}",
            Capability.CASE_CONFERENCE,
            True,
        ),
        Endpoint(
            "/api/v1/case-conference/export/{sharing_id}",
            "GET",
            f"/api/v1/case-conference/export/{s.sharing}",
            Capability.CASE_CONFERENCE,
            True,
        ),
        Endpoint(
            "/api/v1/ingest/runs", "GET", "/api/v1/ingest/runs", Capability.VIEW_INGEST, False
        ),
        Endpoint("/api/v1/reviews", "GET", "/api/v1/reviews", Capability.VIEW_INGEST, True),
        Endpoint(
            "/api/v1/reviews/{review_id}",
            "POST",
            f"/api/v1/reviews/{review}",
            Capability.DECIDE_LINKS,
            True,
            {"accept": True, "reason": "same person: matrix test"},
        ),
        Endpoint("/api/v1/audit", "GET", "/api/v1/audit?limit=5", Capability.READ_AUDIT, True),
        Endpoint(
            "/api/v1/audit/verify", "GET", "/api/v1/audit/verify", Capability.READ_AUDIT, False
        ),
        Endpoint(
            "/api/v1/reports/deaths",
            "GET",
            f"/api/v1/reports/deaths?from={s.start}&to={s.end}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/rapid-reviews",
            "POST",
            "/api/v1/rapid-reviews",
            Capability.MANAGE_REVIEWS,
            True,
            {"event": s.homicide},
        ),
        Endpoint(
            "/api/v1/rapid-reviews", "GET", "/api/v1/rapid-reviews", Capability.VIEW_REVIEWS, True
        ),
        Endpoint(
            "/api/v1/rapid-reviews/{review_id}/pack",
            "GET",
            f"/api/v1/rapid-reviews/rapid-review:{homicide}/pack",
            Capability.VIEW_REVIEWS,
            True,
        ),
        Endpoint("/api/v1/session", "POST", "/api/v1/session", None, False),
        Endpoint("/api/v1/session", "DELETE", "/api/v1/session", None, False),
        Endpoint(
            "/api/v1/views/ego/{entity_id}",
            "GET",
            f"/api/v1/views/ego/{victim}",
            Capability.EXPLORE_NETWORK,
            True,
        ),
        Endpoint(
            "/api/v1/views/expand/{entity_id}",
            "GET",
            f"/api/v1/views/expand/{victim}",
            Capability.EXPLORE_NETWORK,
            True,
        ),
        Endpoint(
            "/api/v1/views/series/{series_id}",
            "GET",
            f"/api/v1/views/series/{s.series_id}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/views/precursors/{event_id}",
            "GET",
            f"/api/v1/views/precursors/{homicide}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/views/exposure/{person_id}",
            "GET",
            f"/api/v1/views/exposure/{quote(s.exposed, safe=':')}?as_of={s.end}",
            Capability.RUN_ANALYSES,
            True,
        ),
        Endpoint(
            "/api/v1/views/case-conference/{sharing_id}",
            "GET",
            f"/api/v1/views/case-conference/{s.sharing}",
            Capability.CASE_CONFERENCE,
            True,
        ),
    ]
