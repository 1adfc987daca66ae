"""The time of day of an event, as analysts read it: four six-hour bands of the local day."""

from __future__ import annotations

from datetime import datetime

__all__ = ["NOT_RECORDED", "time_band"]

#: The band of an event whose source recorded only the date.
NOT_RECORDED = "time not recorded"


def time_band(moment: datetime | None) -> str:
    """The six-hour band of the day ``moment`` falls in (local UK time).

    Parameters
    ----------
    moment
        The event's local date-time, or None when only its date was recorded.

    Returns
    -------
    str
        ``"00:00-06:00"``, ``"06:00-12:00"``, ``"12:00-18:00"``, ``"18:00-24:00"`` or
        :data:`NOT_RECORDED`.

    Examples
    --------
    >>> time_band(datetime(2025, 3, 16, 2, 10)), time_band(datetime(2025, 3, 14, 18, 0))
    ('00:00-06:00', '18:00-24:00')
    >>> time_band(None)
    'time not recorded'
    """
    if moment is None:
        return NOT_RECORDED
    start = moment.hour // 6 * 6
    return f"{start:02d}:00-{start + 6:02d}:00"
