"""Rapid reviews: deadlines, overdue flags, the pack's precursor events, audited actions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from governance.audit import read_entries
from graph_model.errors import InvalidInput, NotFound
from queries.reviews.deadlines import deadlines, quarter_bounds
from queries.reviews.service import (
    add_action,
    complete_stage,
    get_review,
    list_reviews,
    open_review,
    review_id,
    update_action,
)
from tests.cli.helpers import WHY, run_linkwatch
from tests.queries.port_case import write_port_case
from visualisation.report.learning import learning_summary
from visualisation.screenshot import screenshot

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.parametrize(
    ("event", "initial", "report"),
    [
        ("2024-02-20", "2024-03-05", "2024-03-21"),  # across February in a leap year
        ("2023-02-20", "2023-03-06", "2023-03-22"),  # and in a common year
        ("2024-02-15", "2024-02-29", "2024-03-16"),  # due on the leap day itself
        ("2023-12-25", "2024-01-08", "2024-01-24"),  # across the year end
        ("2025-01-31", "2025-02-14", "2025-03-02"),  # from a month's last day
    ],
)
def test_deadlines_across_month_ends_and_leap_years(event, initial, report) -> None:
    due = deadlines(date.fromisoformat(event))
    assert (due.initial_due.isoformat(), due.report_due.isoformat()) == (initial, report)


def test_quarters() -> None:
    assert quarter_bounds("2024q4") == (date(2024, 10, 1), date(2024, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds("2024Q5")


@pytest.fixture(scope="module")
def homicide(loaded):
    tracker, truth = loaded
    dyad = next(d for d in truth["dyads"] if d["outcome"] == "homicide")
    yield dyad
    tracker.driver.execute_query(
        "MATCH (n) WHERE n:RapidReview OR n:LearningAction DETACH DELETE n",
        database_=tracker.database,
    )


def test_an_overdue_review_is_flagged_until_done(loaded, homicide) -> None:
    tracker, _ = loaded
    event = f"death:{homicide['outcome_death']}"
    review = open_review(tracker.driver, tracker.database, event, opened_by="pytest")
    again = open_review(tracker.driver, tracker.database, event, opened_by="someone else")
    assert again["id"] == review["id"] and again["opened_by"] == "pytest"  # not duplicated
    day = review["event_date"]
    assert review["initial_due"] == day + timedelta(days=14)
    listed = {
        r["id"]: r
        for r in list_reviews(tracker.driver, tracker.database, today=day + timedelta(days=15))
    }
    assert listed[review["id"]]["overdue"] == ["initial"]
    complete_stage(
        tracker.driver, tracker.database, review["id"], "initial", on=day + timedelta(days=15)
    )
    later = get_review(
        tracker.driver, tracker.database, review["id"], today=day + timedelta(days=31)
    )
    assert later["overdue"] == ["report"]
    with pytest.raises(NotFound):
        open_review(tracker.driver, tracker.database, "death:NOPE' OR 1=1", opened_by="pytest")
    with pytest.raises(InvalidInput):
        complete_stage(tracker.driver, tracker.database, review["id"], "final", on=day)


def test_the_pack_lists_the_planted_precursor_events_in_order(
    loaded, homicide, tmp_path: Path
) -> None:
    out = tmp_path / "pack.html"
    event = f"death:{homicide['outcome_death']}"
    assert run_linkwatch("review", "open", event, *WHY).code == 0
    run = run_linkwatch("review", "pack", event, "--out", str(out), *WHY)
    assert run.code == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    planted = [ref for stage in homicide["stages"] for ref in stage["events"]]
    positions = [html.find(ref) for ref in planted]
    assert all(p > 0 for p in positions), dict(zip(planted, positions, strict=True))
    police = [
        html.find(ref)
        for stage in homicide["stages"]
        for ref in stage["events"]
        if ref.startswith("OCC")
    ]
    assert police == sorted(police)  # earliest first
    assert "OFFICIAL-SENSITIVE" in html and "Earlier opportunities" in html
    screenshot(out, SCREENSHOTS / "review-pack.png", height=1500)


def test_the_pack_of_a_port_like_death_shows_the_finders_history_and_audits_him(
    driver, database: str, namespace: str, tmp_path: Path
) -> None:
    case = write_port_case(driver, database, namespace)
    out = tmp_path / "port.html"
    try:
        assert run_linkwatch("review", "open", case.death, *WHY).code == 0
        run = run_linkwatch("review", "pack", case.death, "--out", str(out), *WHY)
        assert run.code == 0, run.stderr
        assert "4 earlier events" in run.stdout
    finally:
        driver.execute_query(
            "MATCH (r:RapidReview {event: $event}) DETACH DELETE r",
            event=case.death,
            database_=database,
        )
    html = out.read_text(encoding="utf-8")
    assert "Finn Testcase (found_by)" in html  # among the people
    assert f"Finn Testcase, found_by: suspect in {case.drug_assault}" in html
    assert f"Finn Testcase, found_by: reported_by in {case.earlier_death}" in html
    assert "police (death report)" in html
    assert html.find(case.earlier_death) < html.find(case.drug_assault)  # earliest first
    for hidden in (case.witness_incident, case.later_incident, case.old_incident):
        assert hidden not in html
    entries = read_entries(driver, database, person=case.finder)
    assert [e["endpoint"] for e in entries] == ["linkwatch review pack"]
    assert case.witness not in entries[0]["people"]


def test_action_status_changes_are_audited_and_closing_needs_evidence(loaded, homicide) -> None:
    tracker, _ = loaded
    event = f"death:{homicide['outcome_death']}"
    added = run_linkwatch(
        "review",
        "action",
        "add",
        event,
        "--learning",
        "A&E did not ask about abuse",
        "--action",
        "Routine enquiry at triage",
        "--owner",
        "ED lead",
        "--agency",
        "nhs",
        "--theme",
        "routine enquiry",
        "--due",
        "2026-09-30",
    )
    assert added.code == 0, added.stderr
    action = added.stdout.split("Recorded ")[1].split(" ")[0]
    refused = run_linkwatch("review", "action", "update", action, "--status", "closed")
    assert refused.code == 1 and "evidence" in refused.stderr
    closed = run_linkwatch(
        "review",
        "action",
        "update",
        action,
        "--status",
        "closed",
        "--evidence",
        "Triage form v3 includes the question",
    )
    assert closed.code == 0, closed.stderr
    entries = tracker.driver.execute_query(
        "MATCH (e:AuditEntry) WHERE e.endpoint STARTS WITH 'linkwatch review action' "
        "RETURN e.parameters AS p ORDER BY e.seq",
        database_=tracker.database,
    ).records
    changes = [json.loads(r["p"]) for r in entries if json.loads(r["p"]).get("action") == action]
    assert changes[0]["status"] == "open"
    assert changes[-1]["before"] == "open" and changes[-1]["after"] == "closed"
    with pytest.raises(InvalidInput):
        update_action(
            tracker.driver,
            tracker.database,
            action,
            status="done",
            evidence=None,
            on=date.today(),
            by="pytest",
        )


def test_learning_summary_counts_open_overdue_closed_and_recurring_themes() -> None:
    created = datetime(2026, 7, 5, tzinfo=UTC)

    def action(review, agency, theme, due, status="open", closed_on=None):
        return {
            "review": review,
            "agency": agency,
            "theme": theme,
            "due": date.fromisoformat(due),
            "status": status,
            "closed_on": closed_on,
            "created_at": created,
            "action": "x",
            "event": review,
            "owner": "o",
        }

    summary = learning_summary(
        [
            action("r1", "nhs", "information sharing", "2026-08-01"),
            action("r2", "police", "information sharing", "2026-12-01"),
            action("r2", "police", "risk assessment", "2026-09-01", "closed", date(2026, 9, 2)),
            action("r3", "nhs", "old", "2026-01-01", "closed", date(2026, 3, 1)),  # before Q3
        ],
        first=date(2026, 7, 1),
        last=date(2026, 9, 30),
    )
    assert summary["totals"] == {"overdue": 1, "open": 1, "closed": 1}
    assert summary["by_agency"]["police"] == {"open": 1, "closed": 1}
    assert summary["recurring"] == {"information sharing": 2}


def test_learning_text_is_stored_without_bidirectional_controls(loaded, homicide) -> None:
    tracker, _ = loaded
    event = f"death:{homicide['outcome_death']}"
    open_review(tracker.driver, tracker.database, event, opened_by="pytest")
    added = add_action(
        tracker.driver,
        tracker.database,
        review_id(event),
        learning="GP \u202eknew\u202c of the threats",
        action="Share \u2066MARAC\u2069 outcomes with GPs",
        owner="ICB safeguarding lead",
        agency="nhs",
        theme="information sharing",
        due=date(2026, 12, 31),
        by="pytest",
    )
    _, closed = update_action(
        tracker.driver,
        tracker.database,
        added["id"],
        status="closed",
        evidence="Protocol \u202bv2\u202c signed",
        on=date.today(),
        by="pytest",
    )
    assert closed["learning"] == "GP knew of the threats"
    assert closed["action"] == "Share MARAC outcomes with GPs"
    assert closed["evidence"] == "Protocol v2 signed"
