"""Parameter types shared by the routes."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

__all__ = ["IsoDate"]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day_only(value: Any) -> Any:
    """Refuse anything but YYYY-MM-DD (pydantic would read ``0`` as 1970-01-01)."""
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.match(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_day_only)]
