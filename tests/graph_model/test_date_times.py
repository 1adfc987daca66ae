"""Event date-times beside event dates (#14 item 3), validated without a database: the date is
derived from the time, a date-only value gives no time, disagreeing or implausible values are
refused naming the fields, and a broken declaration fails when the model is checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, ClassVar

import pytest
from pydantic import ValidationError

from graph_model.base import GraphNode, NodeSpec
from graph_model.date_times import date_time_of
from graph_model.kinds import Agency, ContactType, NodeLabel, SourceSystem
from graph_model.nodes import Communication, Death, Incident, PartnerContact
from graph_model.registry import NODE_KINDS, check_date_times

PROVENANCE = {"source_system": SourceSystem.POLICE_RECORDS, "source_record_id": "R1"}
CONTACT = {"agency": Agency.NHS, "contact_type": ContactType.AE_ATTENDANCE}

#: Each event kind, its date field, its date-time field and what else it needs.
EVENTS = [
    (Death, "date_found", "found_at", {}),
    (Incident, "occurred_on", "occurred_at", {}),
    (PartnerContact, "contacted_on", "contacted_at", CONTACT),
    (Communication, "occurred_on", "occurred_at", {}),
]


def test_every_event_kind_declares_its_date_time_once() -> None:
    declared = {model: model.date_times for model in NODE_KINDS.values() if model.date_times}
    assert declared == {model: {time: day} for model, day, time, _ in EVENTS}


@pytest.mark.parametrize(("model", "day", "time", "extra"), EVENTS)
def test_the_date_is_derived_from_the_date_time(model, day, time, extra) -> None:
    event = model(id="e", **{time: datetime(2025, 3, 14, 16, 37)}, **extra, **PROVENANCE)
    assert getattr(event, day) == date(2025, 3, 14)
    assert getattr(event, time) == datetime(2025, 3, 14, 16, 37)
    assert day in event.model_fields_set  # so a partial write stores the derived date


@pytest.mark.parametrize(("model", "day", "time", "extra"), EVENTS)
def test_a_date_and_time_given_for_the_date_keeps_the_time(model, day, time, extra) -> None:
    event = model(id="e", **{day: datetime(2025, 3, 16, 2, 10)}, **extra, **PROVENANCE)
    assert (getattr(event, day), getattr(event, time)) == (
        date(2025, 3, 16),
        datetime(2025, 3, 16, 2, 10),
    )


def test_a_date_only_value_for_the_date_time_gives_the_date_and_no_time() -> None:
    death = Death(id="d", found_at=date(2025, 3, 15), **PROVENANCE)
    assert (death.date_found, death.found_at) == (date(2025, 3, 15), None)
    # a midnight time is a time the source recorded, kept as such
    midnight = Death(id="d", found_at=datetime(2025, 3, 15, 0, 0), **PROVENANCE)
    assert midnight.found_at == datetime(2025, 3, 15, 0, 0)


def test_a_time_with_an_offset_is_kept_as_local_uk_time() -> None:
    summer = Death(id="d", found_at=datetime(2025, 7, 1, 23, 30, tzinfo=UTC), **PROVENANCE)
    assert (summer.date_found, summer.found_at) == (date(2025, 7, 2), datetime(2025, 7, 2, 0, 30))
    winter = Incident(id="i", occurred_at="2025-01-10T23:30:00Z", **PROVENANCE)
    assert (winter.occurred_on, winter.occurred_at) == (
        date(2025, 1, 10),
        datetime(2025, 1, 10, 23, 30),
    )


def test_date_and_time_on_one_day_are_accepted() -> None:
    death = Death(
        id="d", date_found=date(2025, 3, 14), found_at=datetime(2025, 3, 14, 16, 37), **PROVENANCE
    )
    assert death.found_at == datetime(2025, 3, 14, 16, 37)


@pytest.mark.parametrize(("model", "day", "time", "extra"), EVENTS)
def test_a_date_and_time_on_different_days_are_refused(model, day, time, extra) -> None:
    with pytest.raises(ValidationError) as caught:
        model(
            id="e",
            **{day: date(2025, 3, 14), time: datetime(2025, 3, 15, 0, 20)},
            **extra,
            **PROVENANCE,
        )
    [issue] = caught.value.errors()
    assert issue["loc"] == (time,)
    assert f"{time} 2025-03-15 00:20 is not on {day} 2025-03-14" in issue["msg"]


def test_a_date_only_value_on_another_day_than_the_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="found_at 2025-03-15 00:00 is not on date_found"):
        Death(id="d", date_found=date(2025, 3, 14), found_at=date(2025, 3, 15), **PROVENANCE)


@pytest.mark.parametrize(("model", "day", "time", "extra"), EVENTS)
def test_a_date_time_in_the_future_or_long_ago_is_refused(model, day, time, extra) -> None:
    future = datetime.combine(date.today() + timedelta(days=1), datetime.min.time())
    with pytest.raises(ValidationError, match="is in the future"):
        model(id="e", **{time: future.replace(hour=9)}, **extra, **PROVENANCE)
    with pytest.raises(ValidationError, match="is before 1890-01-01"):
        model(id="e", **{time: datetime(1850, 6, 1, 12, 0)}, **extra, **PROVENANCE)


def test_a_time_that_is_not_a_date_time_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Communication(id="c", occurred_on=date(2024, 1, 13), occurred_at="23:49", **PROVENANCE)
    assert [issue["loc"] for issue in caught.value.errors()] == [("occurred_at",)]


def test_a_date_time_round_trips_through_its_stored_properties() -> None:
    death = Death(id="d", found_at=datetime(2024, 2, 29, 16, 37), **PROVENANCE)
    properties = death.to_properties()
    assert (properties["date_found"], properties["found_at"]) == (
        date(2024, 2, 29),
        datetime(2024, 2, 29, 16, 37),
    )
    assert Death.from_properties(properties) == death


def test_a_date_time_declared_before_its_date_fails_the_model_check() -> None:
    class Misordered(GraphNode):
        spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.DEATH)

        seen_at: Annotated[datetime | None, date_time_of("seen_on")] = None
        seen_on: date

    with pytest.raises(TypeError, match="declares 'seen_at' before its date 'seen_on'"):
        check_date_times(Misordered)


def test_a_date_time_of_a_field_that_is_no_date_fails_the_model_check() -> None:
    class Unpaired(GraphNode):
        spec: ClassVar[NodeSpec] = NodeSpec(label=NodeLabel.DEATH)

        seen_at: Annotated[datetime | None, date_time_of("seen_on")] = None

    with pytest.raises(TypeError, match=r"Unpaired\.seen_at is the time of 'seen_on'"):
        check_date_times(Unpaired)
