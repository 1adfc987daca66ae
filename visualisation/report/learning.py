"""The quarterly learning summary for the organisational learning board."""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from typing import Any

from visualisation.render import template
from visualisation.report.charts import bar_chart
from visualisation.report.deaths import report_policy

__all__ = ["learning_summary", "render_learning_report"]


def learning_summary(actions: list[dict[str, Any]], *, first: date, last: date) -> dict[str, Any]:
    """Open, overdue and closed actions by agency and theme, as of the quarter's last day.

    Actions count when created by the quarter's end and not closed before it began; a theme
    recurs when it appears in more than one review.
    """
    relevant = [
        a
        for a in actions
        if a["created_at"].date() <= last and not (a.get("closed_on") and a["closed_on"] < first)
    ]

    def state(action: dict[str, Any]) -> str:
        if action["status"] == "closed" and action.get("closed_on") and action["closed_on"] <= last:
            return "closed"
        return "overdue" if action["due"] < last else "open"

    by_agency: dict[str, Counter[str]] = defaultdict(Counter)
    by_theme: dict[str, Counter[str]] = defaultdict(Counter)
    reviews_per_theme: dict[str, set[str]] = defaultdict(set)
    for action in relevant:
        by_agency[action["agency"]][state(action)] += 1
        by_theme[action["theme"]][state(action)] += 1
        reviews_per_theme[action["theme"]].add(action["review"])
    return {
        "actions": [{**a, "state": state(a)} for a in relevant],
        "by_agency": {k: dict(v) for k, v in sorted(by_agency.items())},
        "by_theme": {k: dict(v) for k, v in sorted(by_theme.items())},
        "recurring": {t: len(r) for t, r in sorted(reviews_per_theme.items()) if len(r) > 1},
        "totals": dict(Counter(state(a) for a in relevant)),
    }


def render_learning_report(
    summary: dict[str, Any], *, quarter: str, first: date, last: date, generated_by: str
) -> str:
    """The summary as one offline HTML page (no scripts; printable)."""
    nonce = secrets.token_urlsafe(16)
    themes = {t: sum(c.values()) for t, c in summary["by_theme"].items()}
    return template("learning.html").render(
        nonce=nonce,
        policy=report_policy(nonce),
        summary=summary,
        quarter=quarter,
        first=first,
        last=last,
        theme_chart=bar_chart(themes, "Actions by theme") if themes else None,
        generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        generated_by=generated_by,
    )
