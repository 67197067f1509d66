"""Calendar arithmetic as Vietnamese law counts it (Civil Code 2015, Art. 146-148)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when that month is shorter (Art. 148.2)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def days_after(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` days counted from the day after `start` (Art. 147.1)."""
    return start + dt.timedelta(days=days)
