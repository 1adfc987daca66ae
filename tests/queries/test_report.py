"""The death-investigation report: numbers match direct counts; series and evidence appear."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from graph_model.errors import InvalidInput
from queries.documents.series import series_document
from queries.report.deaths import age_band, death_report_figures
from queries.series.analysis import find_series
from visualisation.report.deaths import render_death_report, series_in_period
from visualisation.screenshot import chromium_path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def period(loaded) -> tuple[date, date]:
    _, truth = loaded
    end = date.fromisoformat(truth["generator"]["end_date"])
    return end - timedelta(days=364), end


def _count(tracker, query: str, **parameters) -> dict:
    rows = tracker.driver.execute_query(query, parameters, database_=tracker.database).records
    return {r["key"]: r["n"] for r in rows}


def test_report_numbers_match_direct_cypher_counts(loaded, period) -> None:
    tracker, _ = loaded
    start, end = period
    figures = death_report_figures(tracker.driver, tracker.database, date_from=start, date_to=end)
    in_period = "MATCH (d:Death) WHERE d.date_found >= $s AND d.date_found <= $e "
    total = tracker.count(in_period + "RETURN count(d)", s=start, e=end)
    assert len(figures.deaths) == total > 0
    assert figures.by["classification"] == _count(
        tracker, in_period + "RETURN d.classification AS key, count(*) AS n", s=start, e=end
    )
    assert sum(figures.by["month"].values()) == total and len(figures.by["month"]) >= 12
    previous = tracker.count(
        in_period + "RETURN count(d)",
        s=start - (end - start) - timedelta(days=1),
        e=start - timedelta(days=1),
    )
    assert figures.previous_period_deaths == previous == sum(figures.previous_by_month.values())
    with_contact = tracker.count(
        in_period + "MATCH (p:Person)-[:PARTY_TO_DEATH {role: 'deceased'}]->(d) "
        "MATCH (p)-[:HAD_CONTACT]->(c:PartnerContact) "
        "WHERE c.contacted_on < d.date_found "
        "AND c.contacted_on >= d.date_found - duration({months: 12}) "
        "RETURN count(DISTINCT d)",
        s=start,
        e=end,
    )
    assert figures.deaths_with_prior_contact == with_contact
    pending = tracker.count(
        in_period + "AND d.coroner_outcome = 'pending' RETURN count(d)", s=start, e=end
    )
    assert len(figures.awaiting_coroner) == pending
    again = death_report_figures(tracker.driver, tracker.database, date_from=start, date_to=end)
    assert again.by == figures.by and again.prior_contacts == figures.prior_contacts
    with pytest.raises(InvalidInput, match="period is empty"):
        death_report_figures(tracker.driver, tracker.database, date_from=end, date_to=start)


def test_a_planted_series_appears_with_its_evidence_and_the_page_is_offline(
    loaded, period, tmp_path: Path
) -> None:
    tracker, truth = loaded
    start, end = truth["generator"]["start_date"], truth["generator"]["end_date"]
    figures = death_report_figures(
        tracker.driver,
        tracker.database,
        date_from=date.fromisoformat(start),
        date_to=date.fromisoformat(end),
    )
    document = series_document(find_series(tracker.driver, tracker.database))
    planted = {f"death:{ref}" for ref in truth["series"][0]["deaths"]}
    found = series_in_period(document, figures)
    best = max(found, key=lambda s: len(planted & {d.id for d in s.deaths}))
    assert len(planted & {d.id for d in best.deaths}) >= 2
    html = render_death_report(figures, document, generated_by="pytest")
    assert best.id in html and "days apart" in html and "OFFICIAL-SENSITIVE" in html
    # The model card: what the shipped model was fitted on, how it was evaluated, no real data.
    provenance = document.model.provenance
    assert "Model card" in html and "It has never seen real data." in html
    assert ", ".join(str(s) for s in provenance["fit_seeds"]) in html
    for kind in provenance["evaluation"]["by_kind"]:
        assert f"<th>{kind}</th>" in html
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        assert page.locator("img").count() >= 8
        assert all(
            page.evaluate("img => img.complete && img.naturalWidth > 0", image)
            for image in page.locator("img").element_handles()
        )
        page.screenshot(path=str(SCREENSHOTS / "death-report.png"), full_page=False)
        browser.close()
    assert errors == [] and requests == [page_file.as_uri()]


def test_age_bands() -> None:
    assert age_band(date(2000, 6, 1), date(2018, 5, 31)) == "0-17"
    assert age_band(date(2000, 6, 1), date(2018, 6, 1)) == "18-24"
    assert age_band(date(1940, 1, 1), date(2025, 1, 1)) == "75+"
