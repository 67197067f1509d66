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


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end`: the largest m with add_months(start, m) ≤ end (0 when end < start).

    2024-02-29 → 2025-02-28 is 12 months, since 12 months after 29 February ends on the 28th (Art. 148.2).
    """
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months if add_months(start, months) <= end else months - 1


def days_before(end: dt.date, days: int) -> dt.date:
    """The date `days` days before `end` ('không sớm hơn 180 ngày ... tính đến ngày hết thời hạn')."""
    return end - dt.timedelta(days=days)
