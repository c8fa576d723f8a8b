"""Dates as people type them, day first, read the one way they mean; and the questions the
forms ask about a date, answered here rather than in the windows."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion import errors
from companion.dates import is_future, shifted
from companion.interchange.csv_format import parse_date

MARCH_5 = date(2026, 3, 5)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("15/03/2026", date(2026, 3, 15)),
        ("5/3/26", MARCH_5),
        ("05/03/2026", MARCH_5),
        ("2026-03-05", MARCH_5),
        ("2026/3/5", MARCH_5),
        ("5 March 2026", MARCH_5),
        ("5 Mar 2026", MARCH_5),
        ("05.03.2026", MARCH_5),
        ("5-3-2026", MARCH_5),
        ("5th of March 2026", MARCH_5),
        ("5th March, 2026", MARCH_5),
        ("Thursday 5 March 2026", MARCH_5),
        ("Thu 5 Mar 2026", MARCH_5),
        ("March 5, 2026", MARCH_5),
        ("5Mar2026", MARCH_5),
        ("5 SEPT 2026", date(2026, 9, 5)),
        ("  5 march 2026  ", MARCH_5),
        ("03/05/2026", date(2026, 5, 3)),  # day first, never month first
    ],
)
def test_common_ways_of_writing_a_date_are_read_day_first(typed: str, meant: date) -> None:
    assert parse_date(typed, "") == meant


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "15/13/2026",  # there is no month 13
        "03/15/2026",  # month first: refused rather than guessed
        "31/02/2026",
        "5 Marchy 2026",
        "Monday 5 March 2026",  # 5 March 2026 is a Thursday: which was meant?
        "5 March",  # which year?
        "tomorrow",
    ],
)
def test_a_date_that_cannot_be_read_one_way_is_refused(typed: str) -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        parse_date(typed, "row 3", "moved_to")
    assert caught.value.field == "moved_to" and "day first" in caught.value.expected


@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_written_either_way_reads_back_the_same(day: date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y"), "") == day
    assert parse_date(day.isoformat(), "") == day
    assert parse_date(f"{day.day} {day.strftime('%B %Y')}", "") == day


def test_only_a_day_after_today_is_in_the_future() -> None:
    assert is_future(date(2026, 3, 6), today=MARCH_5)
    assert not is_future(MARCH_5, today=MARCH_5)
    assert not is_future(date(2026, 3, 4), today=MARCH_5)


def test_up_and_down_step_a_day_and_stop_at_the_calendars_end() -> None:
    assert shifted(date(2026, 2, 28), 1) == date(2026, 3, 1)
    assert shifted(date(2024, 3, 1), -1) == date(2024, 2, 29)
    assert shifted(date.max, 1) is None
