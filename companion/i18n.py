"""Translation and the way dates and times are written for people.

Every user-facing string goes through `translate` (Qt's translation function), so a
Welsh (or any) translation can be loaded later without touching callers.
Dates are written by QLocale in British English unless another interface
language is chosen.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

_locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def translate(context: str, text: str) -> str:
    """Qt's translation. Call it with literal strings so Qt's lupdate can collect them."""
    return QCoreApplication.translate(context, text)


_ENDINGS = re.compile(r"\((\w*)\|(\w*)\)")


def translate_n(context: str, text: str, n: int) -> str:
    """Qt's numerus translation: `text` holds %n and the English plural as "(s)".

    A translation gives every plural form its language needs; with none loaded,
    the English source is resolved here ("1 saved change", "2 saved changes"; an
    ending that changes is written "entr(y|ies)").
    """
    result = QCoreApplication.translate(context, text, None, n)
    if "(s)" in result:
        result = result.replace("(s)", "" if n == 1 else "s")
    if "|" in result:  # "entr(y|ies)": the singular ending, then the plural one
        result = _ENDINGS.sub(lambda m: m[1] if n == 1 else m[2], result)
    return result


def set_locale(locale: QLocale) -> None:
    global _locale
    _locale = locale
    long_date.cache_clear()


@functools.lru_cache(maxsize=4096)  # an export writes the same days many times
def long_date(value: date) -> str:
    """Like "Tuesday 17 February 2026"."""
    return _locale.toString(QDate(value.year, value.month, value.day), "dddd d MMMM yyyy")


def short_date(value: date) -> str:
    """Like "17 Feb 2026"."""
    return _locale.toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def clock_time(value: time) -> str:
    """Like "14:30"."""
    return _locale.toString(QTime(value.hour, value.minute), "HH:mm")


def local(value: datetime) -> datetime:
    """A stored (UTC) time in this computer's time zone."""
    return value.astimezone()


def long_datetime(value: datetime) -> str:
    """Like "Tuesday 17 February 2026 at 14:30", in this computer's time zone."""
    at = local(value)
    return translate("Dates", "{date} at {time}").format(
        date=long_date(at.date()), time=clock_time(at.time())
    )


def short_month(month: int) -> str:
    """Like "Feb"."""
    return _locale.monthName(month, QLocale.FormatType.ShortFormat)
