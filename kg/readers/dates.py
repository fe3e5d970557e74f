"""Publication dates as found in the wild -> ISO 8601 dates (``YYYY-MM-DD``).

News exports spell dates every way there is: ISO timestamps, RFC 2822 (RSS),
"March 5, 2024", Unix epochs. A date that cannot be read is dropped (None),
never guessed: it anchors relative dates ("on Monday") during extraction.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timezone

from dateutil import parser as _dateutil

_EPOCH_RANGE = (0, 4_102_444_800)  # 1970 .. 2100, in seconds
_YEAR_RANGE = (1900, 2100)


def iso_date(value: object) -> str | None:
    """The ISO date a value stands for, or None when it is not recognisably a date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, time.struct_time):
        return _checked(date(value.tm_year, value.tm_mon, value.tm_mday))
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.isdigit() and len(text) >= 9:
        return _from_epoch(float(text))
    try:
        parsed = _dateutil.parse(text, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1:  # no year in the text: not a publication date
        return None
    return _checked(parsed.date())


def _from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_RANGE[1] * 100:  # milliseconds
        seconds /= 1000
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()


def _checked(d: date) -> str | None:
    return d.isoformat() if _YEAR_RANGE[0] <= d.year <= _YEAR_RANGE[1] else None
