"""Event date-times kept beside event dates: declared once, the date derived, the two agreeing.

An event node (a death, an incident, a partner contact, a call) always has a date: every index
and query uses it. When its source recorded the time of day too, the node also keeps a
date-time, declared on the model as ``Annotated[datetime | None, date_time_of("date_found")]``
right after its date field. A date-time is naive local UK time (Europe/London wall-clock
time, as force and NHS systems record it); a time given with an offset is turned into it.

What the declaration gives every event kind (:func:`with_dates_derived` runs before
validation, :class:`DateTimeOf` on the date-time field after its date):

* only the date-time given: the date is derived from it;
* a date and time given for the date field (a ``datetime_format`` mapped to ``date_found``):
  the time is kept in the date-time field, the date in the date field;
* a date only given for the date-time field (a source whose rows hold a time for some events
  and only the date for others): it is the event's date, and the event has no time;
* both given and on different days: a validation error naming both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, TypeAdapter, ValidationError, ValidationInfo
from pydantic.fields import FieldInfo

__all__ = [
    "LOCAL_ZONE",
    "DateTimeOf",
    "as_local_time",
    "date_time_fields",
    "date_time_of",
    "with_dates_derived",
]

#: The zone whose wall-clock time a stored date-time is.
LOCAL_ZONE = ZoneInfo("Europe/London")

_DATE_TIME = TypeAdapter(datetime)


def as_local_time(value: datetime) -> datetime:
    """A date-time as naive local UK time (one with an offset is converted first).

    Examples
    --------
    >>> from datetime import UTC
    >>> as_local_time(datetime(2025, 7, 1, 23, 30, tzinfo=UTC))
    datetime.datetime(2025, 7, 2, 0, 30)
    >>> as_local_time(datetime(2025, 1, 1, 23, 30))
    datetime.datetime(2025, 1, 1, 23, 30)
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(LOCAL_ZONE).replace(tzinfo=None)


@dataclass(frozen=True)
class DateTimeOf:
    """Validates a date-time field as the time of the event whose date is ``date_field``.

    Called after the field's own type check, with the fields validated before it (so the date
    field is declared first): converts to local time and refuses a date-time on another day.
    """

    date_field: str

    def __call__(self, value: datetime | None, info: ValidationInfo) -> datetime | None:
        """Return ``value`` as local time, or raise if it is not on the event's date."""
        if value is None:
            return None
        value = as_local_time(value)
        day = info.data.get(self.date_field)  # absent if the date itself was refused
        if isinstance(day, date) and value.date() != day:
            raise ValueError(
                f"{info.field_name} {value.isoformat(sep=' ', timespec='minutes')} is not on "
                f"{self.date_field} {day.isoformat()}: give one of them, or both on one day"
            )
        return value


def date_time_of(date_field: str) -> AfterValidator:
    """The annotation marking a field as the local date-time of the event dated ``date_field``.

    Examples
    --------
    >>> date_time_of("date_found").func
    DateTimeOf(date_field='date_found')
    """
    return AfterValidator(DateTimeOf(date_field))


def date_time_fields(fields: Mapping[str, FieldInfo]) -> dict[str, str]:
    """Each date-time field declared with :func:`date_time_of`, mapped to its date field."""
    found = {}
    for name, info in fields.items():
        for item in info.metadata:
            if isinstance(item, AfterValidator) and isinstance(item.func, DateTimeOf):
                found[name] = item.func.date_field
    return found


def _parsed(value: Any) -> Any:
    """A date-time (or, for ``YYYY-MM-DD``, a date) from text; other values as they are."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        return date.fromisoformat(text) if len(text) == 10 else _DATE_TIME.validate_python(text)
    except (ValueError, ValidationError):
        return value  # the field's own validation says what is wrong with it


def with_dates_derived(data: Any, date_times: Mapping[str, str]) -> Any:
    """The input of an event model with each date derived from, or moved beside, its time.

    Parameters
    ----------
    data
        The raw input of a model (a dict; anything else is returned as it is).
    date_times
        Date-time field -> its date field.

    Returns
    -------
    Any
        A copy of ``data`` in which a date field given a date and time holds the date (the time
        going to the date-time field, unless that is given), a date-time field given only a
        date is empty (the date going to the date field, unless that is given), and a missing
        date is the date-time's date.

    Examples
    --------
    >>> pairs = {"found_at": "date_found"}
    >>> with_dates_derived({"found_at": datetime(2025, 3, 14, 16, 37)}, pairs)["date_found"]
    datetime.date(2025, 3, 14)
    >>> with_dates_derived({"date_found": datetime(2025, 3, 14, 16, 37)}, pairs)
    {'date_found': datetime.date(2025, 3, 14), 'found_at': datetime.datetime(2025, 3, 14, 16, 37)}
    >>> with_dates_derived({"found_at": date(2025, 3, 15)}, pairs)
    {'found_at': None, 'date_found': datetime.date(2025, 3, 15)}
    """
    if not isinstance(data, dict) or not date_times:
        return data
    data = dict(data)
    for time_field, date_field in date_times.items():
        moment, day = _parsed(data.get(time_field)), data.get(date_field)
        if isinstance(day, datetime):
            day = as_local_time(day)
            moment = day if moment is None else moment
            day = day.date()
        if isinstance(moment, datetime):
            moment = as_local_time(moment)
            day = moment.date() if day is None else day
        elif isinstance(moment, date) and (day is None or day == moment):
            moment, day = None, moment  # the source gave only the date: no time of day
        if moment is not None or time_field in data:
            data[time_field] = moment
        if day is not None:
            data[date_field] = day
    return data
