"""The viewer links ``linkwatch serve --demo-key`` prints, chosen from whatever is loaded."""

from __future__ import annotations

from urllib.parse import quote

import neo4j

from queries.events import EventKind, list_events
from queries.series.analysis import find_series

__all__ = ["demo_view_links"]


def demo_view_links(driver: neo4j.Driver, database: str, base: str) -> list[tuple[str, str]]:
    """(what, URL) pairs: views of the latest homicide and of the strongest candidate series.

    Each URL opens the viewer's sign-in page first, then the view.
    """
    links: list[tuple[str, str]] = []

    def add(what: str, path: str) -> None:
        links.append((what, f"{base}/viewer/login?next={quote(path, safe='')}"))

    homicides, _ = list_events(driver, database, EventKind.DEATHS, category="homicide", limit=500)
    if homicides:
        latest = homicides[-1]
        death = quote(latest["id"], safe=":")
        add(f"precursor path of {latest['id']}", f"/api/v1/views/precursors/{death}")
        add(f"network around {latest['id']}", f"/api/v1/views/ego/{death}?hops=2")
        # No case-conference map: partners open only maps shared with them (`share add`).
    found = find_series(driver, database).series
    if found:
        add(
            f"candidate series {found[0].id}",
            f"/api/v1/views/series/{quote(found[0].id, safe=':')}",
        )
    return links
