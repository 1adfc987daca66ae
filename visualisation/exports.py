"""Standalone case-conference maps: the page a meeting sees (the key stays with the police)."""

from __future__ import annotations

from queries.conference import ConferenceMap
from visualisation.builders import conference_view
from visualisation.render import render_html
from visualisation.view import limit_size

__all__ = ["MAX_MAP_NODES", "conference_page"]

#: Entities drawn one by one (bench/viewer.py: 500 settle in under 4 s).
MAX_MAP_NODES = 500


def conference_page(
    found: ConferenceMap,
    *,
    meeting: str,
    recipients: str,
    generated_by: str,
    nonce: str | None = None,
) -> str:
    """The offline HTML map of a pseudonymised subgraph for one meeting and its recipients."""
    view = conference_view(
        found.nodes, found.edges, title=f"Relationship map for {meeting}", truncated=found.truncated
    )
    view.footer = [f"Prepared for {recipients}. Pseudonymised; the key stays with the police."]
    return render_html(limit_size(view, MAX_MAP_NODES), generated_by=generated_by, nonce=nonce)
