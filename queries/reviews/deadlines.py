"""Review deadlines: initial review 14 days after the event, report 30 days after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["INITIAL_DAYS", "REPORT_DAYS", "Deadlines", "deadlines", "quarter_bounds"]

INITIAL_DAYS = 14
REPORT_DAYS = 30


@dataclass(frozen=True)
class Deadlines:
    """When the initial review and the report are due, and which are overdue on a day."""

    initial_due: date
    report_due: date

    def overdue(
        self, today: date, *, initial_done: date | None, report_done: date | None
    ) -> list[str]:
        """The stages not done by their due date as of ``today`` (``initial``, ``report``)."""
        late = []
        if initial_done is None and today > self.initial_due:
            late.append("initial")
        if report_done is None and today > self.report_due:
            late.append("report")
        return late


def deadlines(event: date) -> Deadlines:
    """Due dates for an event on ``event`` (calendar days, across month and year ends).

    Examples
    --------
    >>> deadlines(date(2024, 2, 20))
    Deadlines(initial_due=datetime.date(2024, 3, 5), report_due=datetime.date(2024, 3, 21))
    """
    return Deadlines(event + timedelta(days=INITIAL_DAYS), event + timedelta(days=REPORT_DAYS))


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of a quarter written ``2026Q3``.

    Raises
    ------
    ValueError
        For anything else.

    Examples
    --------
    >>> quarter_bounds("2024Q1")
    (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    """
    year, separator, number = quarter.upper().partition("Q")
    if not (separator and year.isdigit() and number in {"1", "2", "3", "4"}):
        raise ValueError(f"{quarter!r} is not a quarter like 2026Q3")
    first = date(int(year), 3 * int(number) - 2, 1)
    next_first = date(int(year) + (number == "4"), 1 if number == "4" else 3 * int(number) + 1, 1)
    return first, next_first - timedelta(days=1)
