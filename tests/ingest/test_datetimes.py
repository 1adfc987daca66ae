"""Date-times kept where the source has them (#14 item 3): a death found at 16:37, an incident
at 02:10. The mapping language maps an event's date-time (its date derived), takes several
formats (date-only rows get no time), keeps the time of a ``datetime_format`` given to the
date field, and quarantines a bad value naming the file row and the mapping line, the rest
loading and nothing loaded lost; ``mapping init`` drafts date-time columns as date-times; a
load stores local date-times that read back unchanged and show in the report, the person
timeline, the precursor path and the series evidence."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import neo4j
import pytest

from graph_model.errors import InvalidInput
from graph_model.nodes import Death, Incident
from graph_model.store import GraphStore
from ingest.mapping.check import check_delivery
from ingest.mapping.draft import draft_mapping
from ingest.mapping.loader import parse_mapping
from ingest.mapping.spec import ValueSpec
from ingest.mapping.values import ValueProblem, evaluate
from queries.documents.investigation import timeline_document
from queries.documents.series import series_document
from queries.investigation import timeline
from queries.precursors.analysis import path_from_rows
from queries.report.deaths import death_report_figures
from queries.series.analysis import find_series
from queries.series.features import SeriesContext, pair_evidence
from queries.series.records import DeathRecord
from tests.ingest.db_helpers import LoadTracker
from visualisation.report.deaths import render_death_report

RIVERSIDE = Path(__file__).resolve().parents[1] / "data" / "riverside"

MAPPING = """\
name: deaths
source_system: death_reports
files:
  - name: deaths
    path: deaths.csv
    record_id: Ref
    nodes:
      - kind: Death
        key: {template: "death:{Ref}"}
        properties:
          found_at: {column: Found, datetime_format: ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y"]}
"""
HEADER = "Ref,Found\n"
ROWS = "D1,14/03/2025 16:37\nD2,2025-03-16T02:10:00\nD3,15/03/2025\n"


def _line_of(text: str, words: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if words in line)


def _check(tmp_path: Path, mapping_text: str, content: str):
    folder = tmp_path / "delivery"
    folder.mkdir(exist_ok=True)
    (folder / "deaths.csv").write_text(content, encoding="utf-8")
    [result] = check_delivery(
        [folder], parse_mapping(mapping_text, origin="force.yaml"), show=50, preview=50
    ).files
    return result


def _details(result) -> dict[str, str]:
    return {e.key: e.details for e in result.entities if e.kind == "Death"}


def _problems(result) -> dict[int, list[tuple[str, str, str]]]:
    return {
        issue.row: [(p.field, p.value, p.reason) for p in issue.problems] for issue in result.issues
    }


# ---- the value: several formats, date-only rows get no time --------------------------------


def test_several_datetime_formats_give_a_time_or_only_the_date() -> None:
    spec = ValueSpec.model_validate(
        {"column": "d", "datetime_format": ["%d/%m/%Y %H:%M", "%d/%m/%Y"]}
    )
    assert evaluate(spec, {"d": "14/03/2025 16:37"}) == datetime(2025, 3, 14, 16, 37)
    only_date = evaluate(spec, {"d": "15/03/2025"})
    assert only_date == date(2025, 3, 15) and not isinstance(only_date, datetime)
    with pytest.raises(ValueProblem, match="not a date, or a date and time, in the format"):
        evaluate(spec, {"d": "15.03.2025 10:00"})


# ---- the mapping: the date-time field, its date derived ------------------------------------


def test_a_mapped_date_time_keeps_the_time_and_gives_the_date(tmp_path: Path) -> None:
    result = _check(tmp_path, MAPPING, HEADER + ROWS)
    assert (result.rows, result.quarantined) == (3, 0)
    details = _details(result)
    assert details["death:D1"].startswith("date_found=2025-03-14, found_at=2025-03-14T16:37:00")
    assert details["death:D2"].startswith("date_found=2025-03-16, found_at=2025-03-16T02:10:00")
    assert details["death:D3"].startswith("date_found=2025-03-15")
    assert "found_at" not in details["death:D3"]  # the source gave only the date


def test_a_datetime_format_on_the_date_field_keeps_the_time_too(tmp_path: Path) -> None:
    on_the_date = MAPPING.replace("found_at: {column: Found,", "date_found: {column: Found,")
    result = _check(tmp_path, on_the_date, HEADER + ROWS)
    assert result.quarantined == 0
    details = _details(result)
    assert details["death:D1"].startswith("date_found=2025-03-14, found_at=2025-03-14T16:37:00")
    assert "found_at" not in details["death:D3"]


def test_a_date_format_on_the_date_field_keeps_only_the_date(tmp_path: Path) -> None:
    dates_only = MAPPING.replace(
        "found_at: {column: Found, datetime_format:", "date_found: {column: Found, date_format:"
    )
    result = _check(tmp_path, dates_only, HEADER + ROWS)
    assert result.quarantined == 0
    assert not any("found_at" in shown for shown in _details(result).values())


def test_a_bad_date_time_quarantines_its_row_naming_row_and_mapping_line(tmp_path: Path) -> None:
    result = _check(tmp_path, MAPPING, HEADER + ROWS + "D4,14/03/2025 25:61\n")
    assert (result.rows, result.quarantined) == (4, 1)
    [(field, value, reason)] = _problems(result)[5]  # the header is row 1
    assert (field, value) == ("found_at (Found)", "14/03/2025 25:61")
    assert reason == (
        "not a date, or a date and time, in the format %d/%m/%Y %H:%M or %Y-%m-%dT%H:%M:%S or "
        f"%d/%m/%Y (mapping line {_line_of(MAPPING, 'found_at:')})"
    )


def test_a_date_and_time_on_different_days_quarantine_the_row_naming_the_line(
    tmp_path: Path,
) -> None:
    both = MAPPING.replace(
        "          found_at:",
        '          date_found: {column: Day, date_format: "%d/%m/%Y"}\n          found_at:',
    )
    content = "Ref,Day,Found\nD1,14/03/2025,14/03/2025 16:37\nD2,14/03/2025,15/03/2025 00:20\n"
    result = _check(tmp_path, both, content)
    assert (result.rows, result.quarantined) == (2, 1)
    [(field, value, reason)] = _problems(result)[3]
    assert (field, value) == ("found_at", "2025-03-15 00:20:00")
    assert "found_at 2025-03-15 00:20 is not on date_found 2025-03-14" in reason
    assert reason.endswith(f"(mapping line {_line_of(both, 'found_at:')})")


def test_a_date_time_in_the_future_is_blamed_on_the_date_time_and_its_line(
    tmp_path: Path,
) -> None:
    result = _check(tmp_path, MAPPING, HEADER + "D9,01/01/2099 10:00\n")
    [(field, value, reason)] = _problems(result)[2]
    assert (field, value) == ("date_found (from found_at)", "2099-01-01 10:00:00")
    assert reason == (
        "Value error, date_found 2099-01-01 is in the future "
        f"(mapping line {_line_of(MAPPING, 'found_at:')})"
    )


def test_a_date_time_field_of_a_kind_that_has_none_names_the_mapping_line() -> None:
    broken = MAPPING.replace("kind: Death", "kind: Place").replace("death:{Ref}", "place:{Ref}")
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(broken, origin="force.yaml")
    assert f"line {_line_of(broken, 'found_at:')}" in str(caught.value)
    assert "Place has no properties ['found_at']" in str(caught.value)


# ---- mapping init: date-time columns are drafted as date-times -----------------------------


def test_init_drafts_a_date_time_column_as_the_date_time_and_a_date_as_the_date(
    tmp_path: Path,
) -> None:
    timed = tmp_path / "sudden_deaths.csv"
    timed.write_text(
        "Death Ref,Date/Time Found,Deceased Name\n"
        "SD-1,14/03/2025 16:37,Ann Lee\nSD-2,15/03/2025,Bo Ray\nSD-3,16/03/2025 02:10,Cy Moss\n",
        encoding="utf-8",
    )
    draft = draft_mapping(timed)
    [death, *_] = parse_mapping(draft, origin="draft").files[0].nodes
    assert death.properties["found_at"].datetime_formats == ["%d/%m/%Y %H:%M", "%d/%m/%Y"]
    assert "date_found" not in death.properties
    assert "Date/Time Found has a time of day: kept" in draft
    dated = tmp_path / "deaths_by_day.csv"
    dated.write_text(timed.read_text().replace(" 16:37", "").replace(" 02:10", ""))
    [death, *_] = parse_mapping(draft_mapping(dated), origin="draft").files[0].nodes
    assert death.properties["date_found"].date_formats == ["%d/%m/%Y"]
    assert "found_at" not in death.properties


# ---- shown to the analyst: series evidence and the precursor path (no database) ------------


def test_series_evidence_states_the_times_but_the_score_ignores_them() -> None:
    night = DeathRecord("d1", date(2024, 1, 1), found_at=datetime(2024, 1, 1, 2, 10))
    later = DeathRecord("d2", date(2024, 2, 1), found_at=datetime(2024, 2, 1, 4, 55))
    noon = DeathRecord("d3", date(2024, 2, 1), found_at=datetime(2024, 2, 1, 12, 5))
    untimed = DeathRecord("d4", date(2024, 2, 1))
    context = SeriesContext([night, later, noon, untimed])
    both = pair_evidence(night, later, context)
    assert both.evidence["times_found"] == ["02:10", "04:55"]
    assert both.evidence["same_time_of_day"] == "00:00-06:00"
    apart = pair_evidence(night, noon, context)
    assert apart.evidence["times_found"] == ["02:10", "12:05"]
    assert "same_time_of_day" not in apart.evidence
    assert "times_found" not in pair_evidence(night, untimed, context).evidence
    assert pair_evidence(night, untimed, context).values == both.values  # same day, no time


def test_a_precursor_path_orders_a_days_steps_by_time_and_keeps_them() -> None:
    step = {"person": "p:F", "record": "incident", "agency": "police", "kind": "assault"}
    step |= {"markers": [], "role": "suspect", "summary": None, "date": date(2024, 1, 5)}
    path = path_from_rows(
        "death:D2",
        date(2024, 6, 1),
        [{"person": "p:F", "roles": ["found_by"]}],
        [
            {**step, "event": "incident:A", "at": None},
            {**step, "event": "incident:B", "at": datetime(2024, 1, 5, 23, 40)},
            {**step, "event": "incident:C", "at": datetime(2024, 1, 5, 2, 10)},
        ],
        at=datetime(2024, 6, 1, 16, 37),
    )
    assert [(s.event, s.at) for s in path.steps] == [
        ("incident:C", datetime(2024, 1, 5, 2, 10)),
        ("incident:B", datetime(2024, 1, 5, 23, 40)),
        ("incident:A", None),
    ]
    assert path.event_at == datetime(2024, 6, 1, 16, 37)


# ---- loaded for real: stored as local date-times, read back, shown in the report -----------


def _riverside_mapping():
    """Riverside's mapping, its deaths open investigations (so the report lists each one)."""
    text = (RIVERSIDE / "riverside.yaml").read_text(encoding="utf-8")
    found = text.splitlines()[_line_of(text, "found_at:") - 1]
    opened = text.replace(found, found + "\n          investigation_status: {value: open}", 1)
    return parse_mapping(opened, origin="riverside.yaml")


@pytest.fixture(scope="module")
def riverside(
    driver: neo4j.Driver, target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LoadTracker]:
    tracker = LoadTracker(driver, target.database, tmp_path_factory.mktemp("datetimes"))
    report = tracker.load(RIVERSIDE, _riverside_mapping())
    assert not report.failed and report.quarantine_file is None, report.sources
    yield tracker
    tracker.clean()


def test_a_load_stores_local_date_times_that_read_back_unchanged(riverside: LoadTracker) -> None:
    store = GraphStore(riverside.driver, riverside.database)
    timed = store.get_node(Death, "death:SD-25-0001")
    assert (timed.date_found, timed.found_at) == (date(2025, 2, 7), datetime(2025, 2, 7, 7, 1))
    untimed = store.get_node(Death, "death:SD-25-0009")  # "04/04/2025": the date only
    assert (untimed.date_found, untimed.found_at) == (date(2025, 4, 4), None)
    incident = store.get_node(Incident, "incident:INC/24/00001")
    assert incident.occurred_at == datetime(2025, 7, 28, 15, 12)
    kinds = riverside.count(
        "MATCH (d:Death) WHERE d.id STARTS WITH 'death:SD-25-' AND d.found_at IS NOT NULL "
        "RETURN count(DISTINCT valueType(d.found_at))"
    )
    assert kinds == 1
    assert riverside.count(
        "MATCH (d:Death {id: 'death:SD-25-0001'}) RETURN valueType(d.found_at)"
    ).startswith("LOCAL DATETIME")
    rows = sum(1 for _ in (RIVERSIDE / "sudden_deaths.csv").open(encoding="utf-8")) - 1
    date_only = sum(
        1
        for line in (RIVERSIDE / "sudden_deaths.csv").read_text(encoding="utf-8").splitlines()[1:]
        if ":" not in line.split(",")[1]
    )
    assert 0 < date_only < rows
    stored = riverside.count(
        "MATCH (d:Death) WHERE d.id STARTS WITH 'death:SD-25-' AND d.found_at IS NULL "
        "RETURN count(d)"
    )
    assert stored == date_only


def test_the_report_counts_and_shows_the_time_found(riverside: LoadTracker) -> None:
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    figures = death_report_figures(
        riverside.driver, riverside.database, date_from=start, date_to=end
    )
    in_period = [d for d in figures.deaths if d["id"].startswith("death:SD-25-")]
    untimed = sum(1 for d in figures.deaths if d["found_at"] is None)
    assert figures.by["time_of_day"]["time not recorded"] == untimed > 0
    assert sum(figures.by["time_of_day"].values()) == len(figures.deaths) >= len(in_period)
    series = series_document(
        find_series(riverside.driver, riverside.database, date_from=start, date_to=end)
    )
    html = render_death_report(figures, series, generated_by="pytest")
    assert "Time of day found (local)" in html
    assert "<td>death:SD-25-0001</td><td>2025-02-07 07:01</td>" in html
    assert "<td>death:SD-25-0009</td><td>2025-04-04</td>" in html


def test_the_timeline_shows_the_time_of_each_event(riverside: LoadTracker) -> None:
    person = riverside.driver.execute_query(
        "MATCH (p:Person)-[:PARTY_TO_DEATH {role: 'deceased'}]->(:Death {id: 'death:SD-25-0001'}) "
        "RETURN p.id AS id",
        database_=riverside.database,
    ).records[0]["id"]
    document = timeline_document(
        person, timeline(riverside.driver, riverside.database, person, limit=50)
    )
    [death] = [e for e in document.events if e.event == "death:SD-25-0001"]
    assert (death.date, death.at) == (date(2025, 2, 7), datetime(2025, 2, 7, 7, 1))


def test_a_bad_date_time_row_is_quarantined_and_nothing_loaded_is_lost(
    riverside: LoadTracker, tmp_path: Path
) -> None:
    def stored() -> dict[str, object]:
        return {
            row["id"]: row["at"]
            for row in riverside.driver.execute_query(
                "MATCH (d:Death) WHERE d.id STARTS WITH 'death:SD-' "
                "RETURN d.id AS id, toString(d.found_at) AS at",
                database_=riverside.database,
            ).records
        }

    before = stored()
    delivery = tmp_path / "delivery"
    delivery.mkdir()
    for name in ("sudden_deaths.csv", "incident_log.csv"):
        shutil.copy(RIVERSIDE / name, delivery)
    with (delivery / "sudden_deaths.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            'SD-99-0005,07/02/2025 24:10,"LEE, Di",01/01/1970,F,,,,'
            '"1 Mill Lane, RV1 2AB",Natural,Found at home\n'
        )
    report = riverside.load(delivery, _riverside_mapping())
    assert not report.failed and report.quarantine_file is not None
    [entry] = report.quarantine_file.read_text(encoding="utf-8").splitlines()
    line = _line_of((RIVERSIDE / "riverside.yaml").read_text(), "found_at:")
    assert '"row": 132' in entry and '"field": "found_at (Date/Time Found)"' in entry
    assert f"(mapping line {line})" in entry
    assert report.sources["sudden_deaths"].quarantined == 1
    assert stored() == before
