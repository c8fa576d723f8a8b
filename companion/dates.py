"""What the forms ask about a date, decided here so the windows do no date arithmetic."""

from __future__ import annotations

from datetime import date, timedelta


def is_future(day: date, today: date) -> bool:
    """True when `day` is after `today` (the vault clock's day): a date worth asking about
    before it is saved, since an entry is written about a day that has happened."""
    return day > today


def shifted(day: date, days: int) -> date | None:
    """`day` moved by `days` (Up and Down in a date field), or None past the calendar's end."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None
